-- Audit entries say from where (the client's address) and are read by admins newest first,
-- filtered by action or actor (the admin's audit log screen, GET /admin/audit).
ALTER TABLE audit_log ADD COLUMN ip text;
CREATE INDEX audit_log_action_id ON audit_log (action, id DESC);
CREATE INDEX audit_log_actor_id ON audit_log (actor_id, id DESC);
