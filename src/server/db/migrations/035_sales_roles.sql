-- The sales module's two roles (docs/sales.md): sales_rep and sales_manager, beside agent,
-- lead and admin. What each may do is in src/shared/permissions.ts; the database only keeps
-- the set of names closed.
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('agent', 'lead', 'admin', 'sales_rep', 'sales_manager'));
