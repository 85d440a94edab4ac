-- Why a session was ended, when someone ended it (sign out everywhere, an admin's revoke, a
-- password reset): the 401 a revoked token gets carries it, so a desktop whose request
-- reaches the server before the live socket's `signed_out` (or whose socket is on another
-- instance) still tells the agent why they were signed out. A disabled account says so
-- from the users row, as before.
ALTER TABLE sessions ADD COLUMN revoked_reason text
  CHECK (revoked_reason IS NULL OR revoked_reason IN ('sessions_revoked', 'password_reset', 'account_disabled'));
