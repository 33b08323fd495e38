package io.recontact.tolunarecontactquota;

/** What became of one member code of a quota ({@code toluna_quota_member.state}), in the order of the flow. */
public enum QuotaMemberState {
  RECEIVED, VALID, EXCEPTION, MATCHED, NOT_MATCHED, OTHER_QUOTA, INVITED, SUBQUOTA_FULL, DELIVERED, DELIVERY_FAILED
}
