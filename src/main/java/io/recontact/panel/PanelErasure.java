package io.recontact.panel;

import io.recontact.governance.erasure.ErasureStep;
import io.recontact.governance.erasure.Respondent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Our panel's part of an erasure (member codes are Toluna member codes): the directory entry and its answers go;
 * the incentive ledger keeps its amounts (bookkeeping) with the member code replaced by the respondent's tombstone.
 */
@Component
class PanelErasure implements ErasureStep {

  private final JdbcTemplate jdbc;

  PanelErasure(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> erase(Respondent respondent) {
    if (!Respondent.TOLUNA.equals(respondent.marketplace())) {
      return Map.of();
    }
    String code = respondent.id();
    Map<String, Integer> places = new LinkedHashMap<>();
    places.put("panel_member_answer", jdbc.update("delete from panel_member_answer where member_code = ?", code));
    places.put("panel_member", jdbc.update("delete from panel_member where member_code = ?", code));
    places.put("panel_incentive", jdbc.update("update panel_incentive set member_code = ? where member_code = ?",
        respondent.tombstone(), code));
    return places;
  }
}
