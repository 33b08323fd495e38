package io.recontact.dataretention;

/**
 * What {@code dataRetention} removes, in the order it works through them, one chunk per job. Each kind names the end
 * variable and the metric tag that count its rows.
 */
enum RetainedKind {
  /** Stored respondent files (their IDs, pages, rejection examples) and the IDs of upload batches cut from them. */
  RESPONDENT_FILES("respondentFileRowsRemoved", "respondent_file_rows"),
  /** IDs listed in upload batches that no file holds (replacements and removals). */
  UPLOAD_BATCH_IDS("uploadBatchIdsRemoved", "upload_batch_ids"),
  /** Quota member lists, their fetch cursors and the survey claims of ended quotas. */
  QUOTA_MEMBERS("quotaMemberRowsRemoved", "quota_member_rows"),
  /** Invite URLs and member codes of invites and outcomes (the invite and outcome rows stay for the figures). */
  INVITE_BODIES("inviteBodiesRemoved", "invite_bodies"),
  DONE(null, null);

  final String variable;
  final String tag;

  RetainedKind(String variable, String tag) {
    this.variable = variable;
    this.tag = tag;
  }

  RetainedKind next() {
    return values()[Math.min(ordinal() + 1, DONE.ordinal())];
  }
}
