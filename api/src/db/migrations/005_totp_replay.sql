-- The last TOTP time step a user signed in with: a code is accepted once (no replay within its 30-second window).
ALTER TABLE app_user ADD COLUMN totp_last_step bigint;
