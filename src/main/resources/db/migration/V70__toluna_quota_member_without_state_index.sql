-- A member's state changes four times on its way to an invite (sampled, matched, invited, delivered), and each change
-- moved its entry in ix_toluna_quota_member_state: a delete and an insert in a second B-tree besides the row's own
-- update, each written again at commit (H2) or as a new index tuple, never a HOT update (PostgreSQL). The readers by
-- state are all within one quota and read it in code order (paging by state with a cursor, counts by state), which
-- the primary key (panel_guid, quota_id, member_code) serves as well (issue 20).
DROP INDEX ix_toluna_quota_member_state;
