package io.recontact.cint.uploadrespondents;

import io.recontact.governance.erasure.ErasureStep;
import io.recontact.governance.erasure.Respondent;
import io.recontact.governance.erasure.TextMasking;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The upload batches' part of a Cint respondent's erasure: a resubmission's own ID rows and a batch's detail
 * (Cint's answer) are masked like the stored file ({@code RespondentFileErasure}); a batch of the initial upload
 * holds only a seq range of the file, which now reads the nil UUID at the respondent's place.
 */
@Component
class UploadBatchErasure implements ErasureStep {

  private final JdbcTemplate jdbc;

  UploadBatchErasure(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> erase(Respondent respondent) {
    if (!Respondent.CINT.equals(respondent.marketplace())) {
      return Map.of();
    }
    Map<String, Integer> places = new LinkedHashMap<>();
    places.put("cint_upload_batch_id", TextMasking.mask(jdbc, "cint_upload_batch_id", "respondent_id", respondent,
        "batch_id", "seq"));
    places.put("cint_upload_batch.detail", TextMasking.mask(jdbc, "cint_upload_batch", "detail", respondent, "id"));
    return places;
  }
}
