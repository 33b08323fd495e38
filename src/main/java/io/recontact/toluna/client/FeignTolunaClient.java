package io.recontact.toluna.client;

import io.recontact.marketplace.CallRetry;
import io.recontact.toluna.model.GetQuotasResponse;
import io.recontact.toluna.model.Quota;
import io.recontact.toluna.client.TolunaMessages.Invite;
import io.recontact.toluna.client.TolunaMessages.Member;
import io.recontact.toluna.client.TolunaMessages.MemberCodesPage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link TolunaClient} over the Feign interfaces. Every call goes through the bounded {@link CallRetry}: the ES
 * routes are reads (a repeated GenerateInvite only issues another URL, of which one is stored), member GETs and PUTs
 * are idempotent, and a repeated POST of a member answers 409, which counts as "already added". Retries of member
 * calls keep Toluna's spacing per member code.
 */
class FeignTolunaClient implements TolunaClient {

  private final TolunaApi api;
  private final TolunaMemberApi members;
  private final int pageSize;
  private final MemberCallSpacing spacing;
  private final CallRetry retry;

  FeignTolunaClient(TolunaApi api, TolunaMemberApi members, int pageSize, MemberCallSpacing spacing,
      CallRetry retry) {
    this.retry = retry;
    this.api = api;
    this.members = members;
    this.pageSize = pageSize;
    this.spacing = spacing;
  }

  @Override
  public GetQuotasResponse getQuotas(String panelGuid, boolean includeRoutables) {
    return retry.call(() -> api.getQuotas(panelGuid, includeRoutables));
  }

  @Override
  public Quota getQuotaStatus(String panelGuid, long quotaId) {
    return retry.call(() -> api.getQuotaStatus(panelGuid, quotaId));
  }

  @Override
  public MemberCodesPage getRecontactMemberCodes(String panelGuid, long quotaId, int maxResults, String last) {
    return retry.call(() -> api.getRecontactMemberCodes(panelGuid, quotaId, maxResults, last));
  }

  @Override
  public void forEachRecontactMemberCodePage(String panelGuid, long quotaId, Consumer<List<String>> page) {
    MemberCodePager.forEachPage((max, last) -> retry.call(() -> api.getRecontactMemberCodes(panelGuid, quotaId, max,
        last)), pageSize, page);
  }

  @Override
  public Invite generateInvite(String panelGuid, String memberCode, long quotaId) {
    return retry.call(() -> api.generateInvite(panelGuid, memberCode, quotaId));
  }

  @Override
  public Optional<Member> getMember(String panelGuid, String memberCode) {
    try {
      return Optional.ofNullable(retry.call(() -> spacing.call(memberCode, () -> members.getMember(memberCode,
          panelGuid))));
    } catch (TolunaApiException e) {
      String detail = e.detail() == null ? "" : e.detail().toLowerCase(Locale.ROOT);
      if (e.status() == 400 && detail.contains("no member found") || e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean addMember(Member member) {
    try {
      // A repeated POST whose first answer was lost gets 409: "already there", handled below.
      retry.call(() -> spacing.call(member.memberCode(), () -> {
        members.addMember(member);
        return null;
      }));
      return true;
    } catch (TolunaApiException e) {
      if (e.status() == 409) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void updateMember(Member member) {
    retry.call(() -> spacing.call(member.memberCode(), () -> {
      members.updateMember(member);
      return null;
    }));
  }
}
