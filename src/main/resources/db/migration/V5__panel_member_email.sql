-- Where invites are e-mailed when recontact.toluna.delivery.channel is email (see docs/toluna-delivery.md).
-- Optional: a member without one is marked DELIVERY_FAILED for e-mailed invites. 254 characters is RFC 5321's limit.
ALTER TABLE panel_member ADD COLUMN email VARCHAR(254);
