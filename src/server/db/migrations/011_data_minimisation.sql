-- Data minimisation (docs/security.md, "Data minimisation"; issue 11, item 2).
--
-- Who may replicate every customer to a desktop: one settings row, changed by admins
-- (PUT /admin/data-access). Empty lists: nobody; every desktop gets its working set.
CREATE TABLE data_access_settings (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  full_replication_roles text[] NOT NULL DEFAULT '{}',
  -- Outbox client ids of desktops allowed to replicate every customer.
  full_replication_devices uuid[] NOT NULL DEFAULT '{}',
  -- Distinct customers outside the working set one user may open per hour.
  lookup_limit_per_hour int NOT NULL DEFAULT 60 CHECK (lookup_limit_per_hour > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id)
);
INSERT INTO data_access_settings (id) VALUES (1);

-- Opens of customers outside the opener's working set, kept for the hourly throttle
-- window only (older rows are pruned as new ones arrive); the lasting record is audit_log.
CREATE TABLE customer_lookups (
  user_id uuid NOT NULL REFERENCES users (id),
  customer_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_lookups_user_at ON customer_lookups (user_id, at);

-- Users who went over the limit: one row per user, shown to admins until cleared.
CREATE TABLE lookup_flags (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  first_flagged_at timestamptz NOT NULL DEFAULT now(),
  last_refused_at timestamptz NOT NULL DEFAULT now(),
  refusals int NOT NULL DEFAULT 1,
  limit_per_hour int NOT NULL
);
