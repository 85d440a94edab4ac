-- An inbound e-mail handled as a contact-center task belongs to the agent who accepted the
-- task: only they may answer it (src/server/messaging/take-inbound.ts), so two agents never
-- reply to the same mail, whether it reached them as an offer or from the inbox.
ALTER TABLE inbound_messages ADD COLUMN owner_id uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE inbound_messages ADD COLUMN owned_at timestamptz;

-- A redelivered mail (same Message-ID, same sender) is found, not stored twice (inbound.ts).
CREATE INDEX inbound_messages_message_id ON inbound_messages (message_id) WHERE message_id IS NOT NULL;
