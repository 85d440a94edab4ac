-- Server settings an admin changes at run time (issue 12; src/shared/server-settings.ts):
-- one row per setting an admin has set, its value as JSON. A key without a row follows the
-- environment variable it replaced (or the built-in default), so an empty table behaves as
-- before. Secrets are never stored here: they stay in the environment.
CREATE TABLE server_settings (
  key text PRIMARY KEY CHECK (key ~ '^[A-Za-z][A-Za-z0-9]{0,59}$'),
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

-- When a disposition was disabled: a wrap-up of a call that ended before then (saved on a
-- desktop that was offline, pushed later) is still accepted; one of a later call is refused
-- (src/server/calls/dispositions.ts). Null while active.
ALTER TABLE dispositions ADD COLUMN disabled_at timestamptz;
