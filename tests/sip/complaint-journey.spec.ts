// A complaint from the call to the customer's SMS, in one story, with the real phone: sipp
// plays Budi (Platinum) calling the billing hotline through the carrier trunk; agent 1
// answers on the softphone, the customer screen pops, and the agent files a complaint
// during the call, linked to it (Urgent, offered from tier and category). The case shows its
// SLA clock. The test clock (the suite's server runs with SAPA_TEST_CLOCK=1) runs the case
// clock past its due time and sweeps: the case escalates to agent 1's team lead, who sees it
// on the case board. The agent resolves it: the customer's SMS reaches the test gateway with
// the approved paragraph's text, and the profile's complaint count is one more.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { Shell, SingleScreen } from '../e2e/support/pages.js';
import { startSmsGateway, type SmsGateway } from '../support/replies-mail-sink.js';
import { adminCall, apiToken, openAgentDesktop, setExtensions, type AgentDesktop } from './support/desktops.js';
import { drainAgentTasks, setQueueRouting, setStatus } from './support/hotline.js';
import { suiteEnv, TRUNK_IP } from './support/sip-env.js';
import { SIPP_PCAP, startSipp } from './support/sipp.js';

const BUDI = { name: 'Budi Santoso', number: '6281234567890', e164: '+6281234567890' };
/** agent1 and lead1 work billing (demo data); billing's hotline. */
const BILLING = '1500124';

interface AdminUserRow { id: string; username: string; displayName: string; role: string; branch: string | null; teamId: string | null; queues: string[]; skills: unknown[]; extension: string | null }
type UserFields = Pick<AdminUserRow, 'displayName' | 'role' | 'branch' | 'teamId' | 'queues' | 'skills' | 'extension'>;
const fieldsOf = (u: AdminUserRow): UserFields =>
  ({ displayName: u.displayName, role: u.role, branch: u.branch, teamId: u.teamId, queues: u.queues, skills: u.skills, extension: u.extension });

async function userNamed(username: string): Promise<AdminUserRow> {
  const page = await adminCall<{ users: AdminUserRow[] }>('GET', `/admin/users?q=${username}`);
  const user = page.users.find((u) => u.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user;
}

async function caseDueAt(caseNo: string): Promise<number> {
  const token = await apiToken('lead1', 'lead1-pass');
  const res = await fetch(`${suiteEnv().serverUrl}/api/v1/lead/cases?limit=100`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /lead/cases: ${res.status} ${await res.text()}`);
  const row = ((await res.json()) as { items: { caseNo: string; slaDueAt: string }[] }).items.find((r) => r.caseNo === caseNo);
  if (!row) throw new Error(`case ${caseNo} is not on lead1's board`);
  return Date.parse(row.slaDueAt);
}

let agent: AgentDesktop;
let lead: AgentDesktop | null = null;
let gateway: SmsGateway;
let teamId = '';
let agentBefore: UserFields | null = null;

test.beforeAll(async ({ browser }) => {
  await setExtensions({ agent1: '1001', lead1: '1003' });
  await setQueueRouting('billing', { wrapUpLimitSec: 0 });
  // Agent 1 in a team lead 1 leads: the escalation's first level.
  const leadUser = await userNamed('lead1');
  const team = await adminCall<{ id: string }>('POST', '/admin/org/teams', { name: `Tim keluhan ${randomUUID().slice(0, 6)}`, branchCode: null, leadUserId: leadUser.id });
  teamId = team.id;
  const agentUser = await userNamed('agent1');
  agentBefore = fieldsOf(agentUser);
  await adminCall('PUT', `/admin/users/${agentUser.id}`, { ...agentBefore, teamId });
  gateway = await startSmsGateway();
  await adminCall('PUT', '/admin/settings', { smsGatewayUrl: gateway.url });
  agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
  await setStatus(agent.page, 'Not ready: break');
});

test.afterAll(async () => {
  await adminCall('POST', '/test/clock', { offsetMs: 0 }).catch(() => undefined);
  await agent.close();
  await lead?.close();
  await drainAgentTasks('agent1', 'agent1-pass');
  await drainAgentTasks('lead1', 'lead1-pass');
  await adminCall('PUT', '/admin/settings', { smsGatewayUrl: null });
  await gateway.close();
  if (agentBefore) await adminCall('PUT', `/admin/users/${(await userNamed('agent1')).id}`, agentBefore);
  if (teamId) await adminCall('DELETE', `/admin/org/teams/${teamId}`).catch(() => undefined);
});

test('a Platinum caller\'s complaint, filed during the call: its SLA clock runs out, it escalates to the lead\'s board, and resolving it sends the approved SMS', async ({ browser }) => {
  test.setTimeout(240_000);
  const page = agent.page;
  const screen = new SingleScreen(page);

  // Budi calls; the agent answers and the customer screen pops.
  const caller = await startSipp('hotline-caller-agent-hangs-up.xml', BILLING, {
    CALLER: BUDI.number, PCAP: SIPP_PCAP, TALK_MS: '90000', ANSWER_TIMEOUT_MS: '60000',
  }, { source: TRUNK_IP, mediaPort: 40130, timeoutSec: 150 });
  await setStatus(page, 'Ready');
  const ringing = page.getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/, { timeout: 30_000 });
  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByRole('region', { name: 'In call' })).toBeVisible();
  await expect(screen.profile().getByRole('heading', { name: new RegExp(BUDI.name) })).toBeVisible();
  const complaints = screen.profile().locator('.sapa-fact', { hasText: 'Complaints (last 90 days)' }).getByRole('definition');
  const before = Number(await complaints.innerText());

  // During the call: a complaint, linked to the call, Urgent for a Platinum customer.
  const subject = `Tagihan naik tanpa pemberitahuan ${randomUUID().slice(0, 6)}`;
  await page.getByRole('tab', { name: 'Cases' }).click();
  await page.getByRole('button', { name: 'New case' }).click();
  const form = page.getByRole('form', { name: 'New case' });
  await form.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Complaint' });
  await expect(form.getByRole('combobox', { name: 'Priority' })).toHaveValue('urgent');
  await expect(form.getByRole('checkbox', { name: 'Link to the current call' })).toBeChecked();
  await form.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await form.getByRole('textbox', { name: 'Description' }).fill('Tagihan bulan ini dua kali lipat.');
  await form.getByRole('textbox', { name: 'Subject' }).press('Enter');
  await expect(form).toHaveCount(0);
  const row = page.getByRole('table', { name: 'Cases' }).getByRole('row', { name: new RegExp(subject) });
  await expect(row).toContainText('Urgent');
  await expect(row).toContainText(/\d+ h \d+ min left/);
  await expect(row.getByRole('cell').first()).toHaveText(/^K-\d{7}$/, { timeout: 20_000 });
  const caseNo = await row.getByRole('cell').first().innerText();
  await expect(complaints).toHaveText(String(before + 1));

  // The agent ends the call (Budi's side answers the BYE) and takes no more calls for now.
  await page.getByRole('region', { name: 'In call' }).getByRole('button', { name: 'Hang up' }).click();
  const result = await caller.done;
  expect(result.code, result.output).toBe(0);
  await expect(page.getByRole('region', { name: 'In call' })).toHaveCount(0);
  await setStatus(page, 'Not ready: break');

  // The SLA passes (the test clock: a minute past the due time) and the sweep escalates it.
  const due = await caseDueAt(caseNo);
  const swept = await adminCall<{ escalated: number }>('POST', '/test/clock', { offsetMs: due - Date.now() + 60_000 });
  expect(swept.escalated).toBeGreaterThanOrEqual(1);

  // The team lead sees the escalation on the case board.
  lead = await openAgentDesktop(browser, 'lead1', 'lead1-pass');
  await new Shell(lead.page).go('Case board');
  const filters = lead.page.getByRole('search', { name: 'Case filters' });
  await filters.getByRole('checkbox', { name: 'Escalated only' }).check();
  const boardRow = lead.page.getByRole('table', { name: 'Cases of my teams' }).getByRole('row').filter({ hasText: caseNo });
  await expect(boardRow).toContainText(BUDI.name, { timeout: 20_000 });
  await expect(boardRow).toContainText(/SLA overdue by \d+ h \d+ min/);
  await expect(boardRow).toContainText(/Team lead: Dewi Lestari, /);

  // The agent resolves it: the customer is told by SMS, in the approved words, once.
  await row.getByRole('combobox', { name: `Move case ${caseNo}` }).selectOption({ label: 'In progress (or reopen)' });
  await expect(row).toContainText('In progress');
  await row.getByRole('combobox', { name: `Move case ${caseNo}` }).selectOption({ label: 'Resolved' });
  await expect(row.getByRole('cell').nth(2)).toHaveText('Resolved');
  const approved = `Yth. Bapak Budi Santoso, kasus ${caseNo} (${subject}) telah selesai. Hubungi kami bila masalah muncul kembali.`;
  await expect.poll(() => gateway.requests.filter((r) => r.text === approved).length, { timeout: 30_000 }).toBe(1);
  expect(gateway.requests.find((r) => r.text === approved)?.to).toBe(BUDI.e164);
  expect(gateway.requests.filter((r) => r.text.includes(caseNo))).toHaveLength(1);
  await expect(complaints).toHaveText(String(before + 1));
});
