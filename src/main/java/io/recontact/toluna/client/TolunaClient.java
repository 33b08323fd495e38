package io.recontact.toluna.client;

import io.recontact.toluna.model.GetQuotasResponse;
import io.recontact.toluna.model.Quota;
import io.recontact.toluna.client.TolunaMessages.Invite;
import io.recontact.toluna.client.TolunaMessages.Member;
import io.recontact.toluna.client.TolunaMessages.MemberCodesPage;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the Toluna recontact flow needs from External Sample and Member Management v2. Errors are
 * {@link TolunaApiException}; I/O failures and timeouts are Feign's {@code RetryableException}. Member Management calls
 * for one member code wait until {@code recontact.toluna.member-call-spacing} has passed since the previous one.
 */
public interface TolunaClient {

  GetQuotasResponse getQuotas(String panelGuid, boolean includeRoutables);

  Quota getQuotaStatus(String panelGuid, long quotaId);

  MemberCodesPage getRecontactMemberCodes(String panelGuid, long quotaId, int maxResults, String lastMemberCodeReceived);

  /** Every recontact member code of a quota, page by page, the cursor hidden. */
  void forEachRecontactMemberCodePage(String panelGuid, long quotaId, Consumer<List<String>> page);

  Invite generateInvite(String panelGuid, String memberCode, long quotaId);

  /** Empty when Toluna answers that no such member exists (a 400 with a "No member found" message). */
  Optional<Member> getMember(String panelGuid, String memberCode);

  /** Registers a member (201): true; false when Toluna answers 409 because it already exists. */
  boolean addMember(Member member);

  /** Changes the fields the member carries (PartnerGUID and MemberCode name it); null fields stay as they are. */
  void updateMember(Member member);
}
