-- Failed-login counters per (account, client address) and per account (scope 'account'),
-- replacing login_state's single counter per account, with which one address could lock
-- any agent out. Each sign-in claims its attempt here with one atomic upsert before the
-- password is checked (src/server/auth/login-throttle.ts), so parallel guesses cannot
-- slip past the limit. Kept apart from users so a failed login bumps no sync version.
DROP TABLE login_state;

CREATE TABLE login_throttle (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- 'account', or 'ip:' followed by the client address
  scope text NOT NULL,
  attempts int NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz,
  PRIMARY KEY (user_id, scope)
);
