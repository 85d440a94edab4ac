// Kamailio auth_ephemeral credentials (username_format 1, HMAC-SHA1):
//   username = "<expiry unix seconds>:<extension>", password = base64(HMAC-SHA1(secret, username)).
// Kamailio recomputes the password from the username with the same secret, so nothing is
// stored and a leaked credential dies at its expiry.
import { createHmac } from 'node:crypto';

export function ephemeralCredentials(secret: string, extension: string, expiresAtMs: number) {
  const username = `${Math.floor(expiresAtMs / 1000)}:${extension}`;
  const password = createHmac('sha1', secret).update(username).digest('base64');
  return { username, password };
}
