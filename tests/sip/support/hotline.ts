// What the hotline (queue) tests need from the server besides the desktops: a regular
// demo customer to call from, a queue's routing settings and the schedule changed through
// the admin API, and the agent's status set in the desktop header.
import { expect, type Page } from '@playwright/test';
import { adminCall, apiToken } from './desktops.js';
import { suiteEnv } from './sip-env.js';

interface Summary { fullName: string; vvip: boolean; tier: string | null; phones: { e164: string }[] }

/**
 * A demo customer who is not VVIP and not platinum, whose mobile number belongs to them
 * alone (so the pop names them): the "regular" caller. Found through the agent's search.
 */
export async function regularCustomer(): Promise<{ name: string; number: string }> {
  const { serverUrl } = suiteEnv();
  const token = await apiToken('agent1', 'agent1-pass');
  const headers = { authorization: `Bearer ${token}` };
  for (const q of ['a', 'i', 'u']) {
    const res = await fetch(`${serverUrl}/api/v1/customers/search?q=${q}&limit=100`, { headers });
    const { results } = (await res.json()) as { results: Summary[] };
    for (const c of results) {
      const e164 = c.phones[0]?.e164;
      if (c.vvip || c.tier === 'platinum' || !e164) continue;
      const lookup = await fetch(`${serverUrl}/api/v1/customers/by-phone?phone=${encodeURIComponent(e164)}`, { headers });
      const { customers } = (await lookup.json()) as { customers: Summary[] };
      if (customers.length === 1) return { name: c.fullName, number: e164.replace('+', '') };
    }
  }
  throw new Error('no regular demo customer with a number of their own');
}

/**
 * Admin API: changes some routing settings of a queue (the rest of the row as it is);
 * answers what those settings were, for the test to put back.
 */
export async function setQueueRouting(code: string, patch: Record<string, unknown>, serverUrl = suiteEnv().serverUrl): Promise<Record<string, unknown>> {
  const { items } = await adminCall<{ items: ({ code: string } & Record<string, unknown>)[] }>('GET', '/admin/org/queues?limit=100', undefined, serverUrl);
  const queue = items.find((q) => q.code === code);
  if (!queue) throw new Error(`no queue ${code}`);
  const { code: _code, ...row } = queue;
  await adminCall('PUT', `/admin/org/queues/${code}`, { ...row, ...patch }, serverUrl);
  return Object.fromEntries(Object.keys(patch).map((key) => [key, row[key]]));
}

/**
 * Admin API: the schedule puts one site on duty all day (a window ending at 00:00 runs to
 * midnight), so a test does not depend on the hour it runs at — the seeded schedule hands
 * Jakarta's calls to Yogyakarta from 23:00 to 07:00 (Asia/Jakarta).
 */
export async function scheduleAllDay(siteCode: string, serverUrl = suiteEnv().serverUrl): Promise<void> {
  await adminCall('PUT', '/admin/org/schedule', { windows: [
    { siteCode, startsAt: '00:00', endsAt: '12:00', timeZone: 'Asia/Jakarta' },
    { siteCode, startsAt: '12:00', endsAt: '00:00', timeZone: 'Asia/Jakarta' },
  ] }, serverUrl);
}

/** The status selector in the desktop header ("Status"), and the router's state beside it. */
export async function setStatus(page: Page, label: 'Ready' | 'Not ready: break' | 'Offline'): Promise<void> {
  const select = page.getByRole('combobox', { name: 'Status' });
  const value = label === 'Ready' ? 'ready' : label === 'Offline' ? 'offline' : 'not_ready:break';
  await select.selectOption({ label });
  // Right after sign-in too: the desktop's first state load must not put the old state back.
  await expect(select).toHaveValue(value);
}

export function routingState(page: Page) {
  return page.getByRole('status', { name: 'Routing state' });
}


/**
 * The softphone's wrap-up of the call that just ended: a disposition, saved. (The form can
 * render again as the call's record settles: choose until it shows the choice.)
 */
export async function saveWrapUp(page: Page, disposition = 'Resolved'): Promise<void> {
  const wrap = page.getByRole('region', { name: 'Wrap-up' });
  const select = wrap.getByRole('combobox', { name: 'Disposition' });
  await expect(async () => {
    await select.selectOption({ label: disposition });
    await expect(select).not.toHaveValue('', { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await wrap.getByRole('button', { name: 'Save wrap-up' }).click();
  await expect(wrap).toHaveCount(0);
}

interface OfferAnswer { offer: { reservationId: string; taskId: string; kind: string } | null }
interface TaskAnswer { taskId: string; kind: string }

/**
 * Works off, through the agent API, what is left for an agent after their desktop closed: a
 * call-back a failed test left waiting in a queue would otherwise be offered first in every
 * spec after it, and fail them all. Tasks already accepted are completed; offers of written
 * work are accepted and completed (a call-back as a wrong number, so it is not retried);
 * a call offered is turned down. Ends when nothing has been offered for `quietMs`, and
 * leaves the agent offline. Answers how many tasks it closed (a test may log it).
 */
export async function drainAgentTasks(username: string, password: string, quietMs = 3000, serverUrl = suiteEnv().serverUrl): Promise<number> {
  const token = await apiToken(username, password, serverUrl);
  const call = async <T>(method: string, apiPath: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${serverUrl}/api/v1${apiPath}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${apiPath}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  };
  const complete = (taskId: string, kind: string) => call('POST', `/cc/tasks/${taskId}/complete`,
    kind === 'callback' ? { kind, outcome: 'wrong_number', note: 'closed by the test suite' } : { kind });
  let closed = 0;
  const { tasks } = await call<{ tasks: TaskAnswer[] }>('GET', '/cc/tasks/mine');
  for (const task of tasks) {
    if (task.kind === 'call') continue;
    await complete(task.taskId, task.kind);
    closed += 1;
  }
  await call('PUT', '/cc/agents/me/state', { state: 'ready' });
  try {
    let quietSince = Date.now();
    while (Date.now() - quietSince < quietMs) {
      const { offer } = await call<OfferAnswer>('GET', '/cc/offers/mine');
      if (!offer) { await new Promise((r) => setTimeout(r, 250)); continue; }
      if (offer.kind === 'call') {
        await call('POST', '/cc/offers/reject', { reservationId: offer.reservationId });
      } else {
        await call('POST', '/cc/offers/accept', { reservationId: offer.reservationId });
        await complete(offer.taskId, offer.kind);
        closed += 1;
      }
      quietSince = Date.now();
    }
  } finally {
    await call('PUT', '/cc/agents/me/state', { state: 'offline' });
  }
  return closed;
}
