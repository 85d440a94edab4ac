// SIP credentials are revoked through the real Kamailio (docs/decisions/0010): after a
// sign-out the agent's credential no longer registers (403) and the registration it made
// is gone from the proxy; after the extension moves to another agent, the previous
// holder's credential no longer registers it while the new holder's does. Registrations
// here are sipp's (a softphone would unregister itself on sign-out, hiding whether the
// proxy dropped it); contactsOf asks Kamailio directly. Extensions 1071–1079 are this
// file's own, so no other spec's credentials are revoked.
import { expect, test } from '@playwright/test';
import { apiToken, setExtensions } from './support/desktops.js';
import { contactsOf } from './support/proxy-rpc.js';
import { STRANGER_IP, suiteEnv } from './support/sip-env.js';
import { runSipp } from './support/sipp.js';

interface Credential { authUsername: string; password: string; extension: string }

async function credentialOf(token: string): Promise<Credential> {
  const res = await fetch(`${suiteEnv().serverUrl}/api/v1/sip/credentials`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.json() as Promise<Credential>;
}

/** A REGISTER of the credential's own extension from a softphone somewhere (not a trunk). */
function register(c: Credential, expires: string, expect: string) {
  return runSipp('register-expect.xml', c.extension, {
    FROM_USER: c.extension, TO_USER: c.extension, AUTH_USER: c.authUsername, AUTH_PASS: c.password, EXPIRES: expires, EXPECT: expect,
  }, { source: STRANGER_IP });
}

async function signOut(token: string): Promise<void> {
  const res = await fetch(`${suiteEnv().serverUrl}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
}

test('after sign-out the old credential is refused (403) and its registration is gone; signing in again works', async () => {
  await setExtensions({ lead1: '1071' });
  const token = await apiToken('lead1', 'lead1-pass');
  const before = await credentialOf(token);
  expect(before.extension).toBe('1071');
  const bound = await register(before, '300', '200');
  expect(bound.code, bound.output).toBe(0);
  expect(await contactsOf('1071')).toHaveLength(1);

  await signOut(token);
  expect(await contactsOf('1071')).toEqual([]);
  const refused = await register(before, '300', '403');
  expect(refused.code, refused.output).toBe(0);
  expect(await contactsOf('1071')).toEqual([]);

  // A new sign-in gets a credential the proxy takes (Expires 0: proves it, binds nothing).
  const after = await credentialOf(await apiToken('lead1', 'lead1-pass'));
  const ok = await register(after, '0', '200');
  expect(ok.code, ok.output).toBe(0);
});

test("after the extension moves to another agent, the previous agent's credential no longer registers it; the new holder's does", async () => {
  await setExtensions({ lead1: '1072', admin1: '1073' });
  const previous = await credentialOf(await apiToken('lead1', 'lead1-pass'));
  expect(previous.extension).toBe('1072');
  const bound = await register(previous, '300', '200');
  expect(bound.code, bound.output).toBe(0);
  expect(await contactsOf('1072')).toHaveLength(1);

  // The admin gives 1072 to admin1: lead1 moves off it first (an extension has one holder).
  await setExtensions({ lead1: '1074' });
  await setExtensions({ admin1: '1072' });
  expect(await contactsOf('1072')).toEqual([]);
  const refused = await register(previous, '300', '403');
  expect(refused.code, refused.output).toBe(0);

  const holder = await credentialOf(await apiToken('admin1', 'admin1-pass'));
  expect(holder.extension).toBe('1072');
  const ok = await register(holder, '0', '200');
  expect(ok.code, ok.output).toBe(0);
});
