-- Users get the scope a desktop's working set follows (docs/decisions/0004, item 9):
-- a branch (the same text as customers.branch) and the queues they work (case categories
-- per queue: src/server/sync/queue-policy.ts). Existing users get no branch and no queues,
-- which keeps their working set exactly as before.
ALTER TABLE users ADD COLUMN branch text;
ALTER TABLE users ADD COLUMN queues text[] NOT NULL DEFAULT '{}';

-- The working-set rules look customers up by branch and open cases up by category.
CREATE INDEX customers_branch ON customers (branch);
CREATE INDEX cases_open_category ON cases (category, customer_id) WHERE status IN ('open', 'in_progress');
-- Recent contacts (branch rule, own contacts): a range scan instead of reading every
-- interaction (measured: ~300 ms → see bench:working-set on 100 000 customers).
CREATE INDEX interactions_recent ON interactions (started_at);
