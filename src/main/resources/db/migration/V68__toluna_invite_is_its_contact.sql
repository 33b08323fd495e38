-- A Toluna invite is its own contact while it names the member (toluna_invite.member_code): the contact history, the
-- caps and an erasure read the member's invites, and respondent_contact gets the invite's row, named by the member's
-- hash, only when retention removes the code from the invite (ContactHistory.keepInvites). A row per invite written
-- with the invite was three more row and index entries for every invite stored (issue 20). The rows V67 wrote for
-- invites that still name the member (no hash yet) are what the invites say; they go, or each would count twice.
DELETE FROM respondent_contact WHERE marketplace = 'TOLUNA' AND respondent_hash IS NULL
    AND invite_id IN (SELECT invite_id FROM toluna_invite);
