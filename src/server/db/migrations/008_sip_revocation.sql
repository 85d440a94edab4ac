-- SIP credential revocation (docs/decisions/0010-sip-trunks-and-credential-revocation.md). Credentials
-- are auth_ephemeral "<expiry>:<extension>"; per extension the server remembers the latest
-- expiry it has handed out and the cut-off: a credential whose expiry is not after
-- revoked_through is refused by Kamailio (htable sapa_revoked, pushed by the server).
-- Both in unix seconds. Keyed by extension, not user: revoking follows the number.
CREATE TABLE sip_credential_cutoffs (
  extension text PRIMARY KEY CHECK (extension ~ '^[1-8][0-9]{3}$'),
  issued_until bigint NOT NULL DEFAULT 0,
  revoked_through bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
