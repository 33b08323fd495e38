package io.recontact.toluna.client;

import io.recontact.toluna.model.GetQuotasResponse;
import io.recontact.toluna.model.Quota;
import feign.Param;
import feign.RequestLine;
import io.recontact.toluna.client.TolunaMessages.Invite;
import io.recontact.toluna.client.TolunaMessages.MemberCodesPage;

/** External Sample routes (toluna-api §2–§3), relative to the ES base URL. {@code API_AUTH_KEY} comes from an interceptor. */
interface TolunaApi {

  String ES = "/IPExternalSamplingService/ExternalSample";

  @RequestLine("GET " + ES + "/{panelGuid}/Quotas?includeRoutables={includeRoutables}")
  GetQuotasResponse getQuotas(@Param("panelGuid") String panelGuid, @Param("includeRoutables") boolean includeRoutables);

  @RequestLine("GET " + ES + "/{panelGuid}/QuotaStatus/{quotaId}")
  Quota getQuotaStatus(@Param("panelGuid") String panelGuid, @Param("quotaId") long quotaId);

  @RequestLine("GET " + ES + "/{panelGuid}/Recontact/{quotaId}/MemberCodes?maxResults={maxResults}"
      + "&lastMemberCodeReceived={lastMemberCodeReceived}")
  MemberCodesPage getRecontactMemberCodes(@Param("panelGuid") String panelGuid, @Param("quotaId") long quotaId,
      @Param("maxResults") int maxResults, @Param("lastMemberCodeReceived") String lastMemberCodeReceived);

  @RequestLine("GET " + ES + "/{panelGuid}/{memberCode}/Invite/{quotaId}")
  Invite generateInvite(@Param("panelGuid") String panelGuid, @Param("memberCode") String memberCode,
      @Param("quotaId") long quotaId);
}
