package io.recontact.cint.respondentfile;

import io.recontact.governance.erasure.ErasureStep;
import io.recontact.governance.erasure.Respondent;
import io.recontact.governance.erasure.TextMasking;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stored respondent files' part of a Cint respondent's erasure. The RSID is masked in place (it becomes the nil
 * UUID, {@link Respondent#mask()}) rather than cut out: a page's IDs are addressed by seq and the upload batches
 * by seq ranges and byte counts, so every other ID keeps its place and a running upload its plan. The nil UUID
 * names nobody; Cint reports it as not saved if an upload still sends it. Rejection examples (which keep lines as
 * written, in any case) and file names are masked too.
 */
@Component
class RespondentFileErasure implements ErasureStep {

  private final JdbcTemplate jdbc;

  RespondentFileErasure(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> erase(Respondent respondent) {
    if (!Respondent.CINT.equals(respondent.marketplace())) {
      return Map.of();
    }
    Map<String, Integer> places = new LinkedHashMap<>();
    places.put("respondent_file_page", TextMasking.mask(jdbc, "respondent_file_page", "ids", respondent, "file_id",
        "first_seq"));
    places.put("respondent_file_id", TextMasking.mask(jdbc, "respondent_file_id", "respondent_id", respondent,
        "file_id", "seq"));
    places.put("respondent_file_rejection", TextMasking.mask(jdbc, "respondent_file_rejection", "content",
        respondent, "file_id", "line_no"));
    places.put("respondent_file.file_name", TextMasking.mask(jdbc, "respondent_file", "file_name", respondent,
        "id"));
    return places;
  }
}
