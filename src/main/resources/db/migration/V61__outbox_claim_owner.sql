-- Which node (its job lock owner, recontact.node.lock-owner) claimed an outbox row for a send. A node that restarts
-- after a crash makes the rows its previous process had claimed due at once, as it does with that process's job locks,
-- instead of leaving them leased for the job lock time (docs/reliability-crash-and-cluster.md). Null: not claimed,
-- or claimed by a node without a stable owner.
alter table toluna_invite_delivery add column claimed_by varchar(255);
alter table panel_incentive_payout add column claimed_by varchar(255);
