// Issue 12's end-to-end through the real Kamailio: an admin creates an agent with a queue
// and an extension (the Users admin API, as the screen calls it), the agent signs in on a
// desktop and the softphone shows Registered on that extension; disabling the agent drops
// the registration from the proxy and signs the open desktop out within seconds.
// Extension 1081 is this file's own (no other spec uses it).
import { expect, test } from '@playwright/test';
import { adminCall, openAgentDesktop, registration } from './support/desktops.js';
import { contactsOf } from './support/proxy-rpc.js';

test('an agent an admin created with an extension registers the softphone; disabling drops the registration and signs the desktop out', async ({ browser }) => {
  const username = `sip.${Date.now().toString(36)}`;
  const { user, password } = await adminCall<{ user: { id: string; extension: string }; password: string }>('POST', '/admin/users', {
    username, displayName: 'Agen SIP', role: 'agent', branch: null, teamId: null, queues: ['billing'], skills: [], extension: '1081',
  });
  expect(user.extension).toBe('1081');

  const desktop = await openAgentDesktop(browser, username, password); // waits for "Registered"
  try {
    await expect(registration(desktop.page)).toHaveText('Registered');
    await expect.poll(() => contactsOf('1081')).toHaveLength(1);

    await adminCall('POST', `/admin/users/${user.id}/disable`);
    await expect(desktop.page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 5_000 });
    await expect(desktop.page.getByText('Your account was disabled')).toBeVisible();
    await expect.poll(() => contactsOf('1081')).toEqual([]);
  } finally {
    await desktop.close();
  }
});
