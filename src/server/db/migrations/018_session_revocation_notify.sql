-- Each server instance answers the session check from memory (src/server/auth/session-cache.ts,
-- docs/decisions/0020). These triggers tell every instance, at commit, whose sessions to
-- forget: a session revoked, expired early or deleted, or a user disabled, re-roled,
-- renamed or deleted. Being triggers, they fire for every writer (any instance, a script,
-- psql), not only for the code paths that remember to say so. The payload is the user id.

CREATE FUNCTION sapa_notify_session_of_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sapa_auth', OLD.user_id::text);
  RETURN NULL;
END $$;

CREATE FUNCTION sapa_notify_user_signed_in_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sapa_auth', OLD.id::text);
  RETURN NULL;
END $$;

-- Row triggers: NOTIFY folds identical payloads of one transaction, so revoking all of a
-- user's sessions sends one notification.
CREATE TRIGGER sessions_ended AFTER UPDATE ON sessions FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.user_id IS DISTINCT FROM NEW.user_id)
  EXECUTE FUNCTION sapa_notify_session_of_user();
CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION sapa_notify_session_of_user();

-- What the session check reads from users: disabled_at, and the identity it hands to routes.
CREATE TRIGGER users_signed_in_state AFTER UPDATE ON users FOR EACH ROW
  WHEN (OLD.disabled_at IS DISTINCT FROM NEW.disabled_at OR OLD.role IS DISTINCT FROM NEW.role
        OR OLD.username IS DISTINCT FROM NEW.username OR OLD.display_name IS DISTINCT FROM NEW.display_name)
  EXECUTE FUNCTION sapa_notify_user_signed_in_state();
CREATE TRIGGER users_deleted AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION sapa_notify_user_signed_in_state();

-- TRUNCATE fires no row trigger: '*' makes every instance forget every cached session.
CREATE FUNCTION sapa_notify_all_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sapa_auth', '*');
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_truncated AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_all_sessions();
CREATE TRIGGER users_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_all_sessions();
