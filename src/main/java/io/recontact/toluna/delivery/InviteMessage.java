package io.recontact.toluna.delivery;

/**
 * One invite as a channel sends it: the stored invite (toluna_invite) and, for e-mail, the member's address.
 *
 * @param email null when the member directory has none, or the row is not for the e-mail channel
 * @param partnerAmount what Toluna pays the panel ("amount" in the webhook body)
 * @param memberAmount what the member is offered
 */
public record InviteMessage(String inviteId, String panelGuid, String memberCode, String email, long surveyId,
    Long waveId, long quotaId, String url, Integer loi, Integer ir, Double partnerAmount, Double memberAmount) {
}
