package io.recontact.toluna.client;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import io.recontact.toluna.client.TolunaMessages.Member;

/** Member Management v2 (step 4 of the recontact flow, "Update Member (if needed)"), relative to the core URL. */
@Headers("Accept: application/json;version=2.0")
interface TolunaMemberApi {

  @RequestLine("GET /IntegratedPanelService/api/Respondent/?memberCode={memberCode}&partnerGUID={partnerGuid}")
  Member getMember(@Param("memberCode") String memberCode, @Param("partnerGuid") String partnerGuid);

  @RequestLine("POST /IntegratedPanelService/api/Respondent")
  @Headers("Content-Type: application/json")
  void addMember(Member member);

  @RequestLine("PUT /IntegratedPanelService/api/Respondent")
  @Headers("Content-Type: application/json")
  void updateMember(Member member);
}
