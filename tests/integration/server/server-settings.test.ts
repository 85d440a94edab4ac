// Server settings an admin changes at run time (src/server/settings), on both engines: the
// environment is the default, an admin's value wins at the next use without a restart (the
// SIP credentials name the new proxies and domain at once), null goes back to the
// environment, bad values are a clear 400 (ws:// vs wss://, URLs with credentials, ports),
// secrets are never shown, only whether they are set; the change is audited with its keys.
import { expect, it } from 'vitest';
import { type AuditPage } from '../../../src/shared/audit.js';
import { type ServerSettingsAnswer } from '../../../src/shared/server-settings.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

process.env.SAPA_SIP_SECRET = 'integration-secret-0123456789';
process.env.SAPA_SIP_WS_URLS = 'ws://127.0.0.1:8088';
process.env.SAPA_SIP_DOMAIN = '127.0.0.1';

forEachDatabase('server settings', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 } });
  const put = async (token: string, body: unknown) =>
    t.current.api('/admin/settings', { method: 'PUT', token, body: JSON.stringify(body) });

  it('answers the environment as the default, with which secrets are set and never their values', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    const res = await t.current.api('/admin/settings', { token: admin });
    expect(res.status).toBe(200);
    const s = res.body as ServerSettingsAnswer;
    expect(s.values).toMatchObject({ sipWsUrls: ['ws://127.0.0.1:8088'], sipDomain: '127.0.0.1', wrapUpLimitSec: 120, smtpHost: null });
    expect(s.defaults).toEqual(s.values);
    expect(s.overridden).toEqual([]);
    expect(s.secrets.sipSecret).toBe(true);
    expect(res.text).not.toContain('integration-secret');
  });

  it('an admin change applies at the next use, without a restart, and null goes back to the environment', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    const agent = await t.current.login('agent1', 'agent1-pass');
    const saved = await put(admin, { sipWsUrls: ['wss://sip1.sapa.example:8443', 'wss://sip2.sapa.example:8443'], sipDomain: 'sip.sapa.example' });
    expect(saved.status, saved.text).toBe(200);
    expect((saved.body as ServerSettingsAnswer).overridden).toEqual(['sipDomain', 'sipWsUrls']);
    const creds = (await t.current.api('/sip/credentials', { token: agent })).body as { wsUrls: string[]; domain: string };
    expect(creds).toMatchObject({ wsUrls: ['wss://sip1.sapa.example:8443', 'wss://sip2.sapa.example:8443'], domain: 'sip.sapa.example' });

    expect((await put(admin, { wrapUpLimitSec: 0 })).status).toBe(200);
    expect(((await t.current.api('/calls/dispositions', { token: agent })).body as { wrapUpLimitSec: number }).wrapUpLimitSec).toBe(0);

    const back = (await put(admin, { sipWsUrls: null, sipDomain: null })).body as ServerSettingsAnswer;
    expect(back.overridden).toEqual(['wrapUpLimitSec']);
    const again = (await t.current.api('/sip/credentials', { token: agent })).body as { wsUrls: string[]; domain: string };
    expect(again).toMatchObject({ wsUrls: ['ws://127.0.0.1:8088'], domain: '127.0.0.1' });

    const audited = (await t.current.api('/admin/audit?action=server_settings_changed', { token: admin })).body as AuditPage;
    expect(audited.entries[0]).toMatchObject({ actorName: 'admin1', details: { keys: ['sipDomain', 'sipWsUrls'] } });
    const route = (await t.current.api('/admin/audit?action=serverSettings.save', { token: admin })).body as AuditPage;
    expect(route.entries.length).toBe(3);
  });

  it.each([
    ['an http:// SIP proxy', { sipWsUrls: ['http://sip.sapa.example'] }],
    ['no SIP proxy', { sipWsUrls: [] }],
    ['a SIP proxy URL with a password', { sipWsUrls: ['wss://user:pw@sip.sapa.example'] }],
    ['a SIP domain with a scheme', { sipDomain: 'sip://sip.sapa.example' }],
    ['an ftp SMS gateway', { smsGatewayUrl: 'ftp://sms.sapa.example' }],
    ['a gateway that is not a URL', { smsGatewayUrl: 'sms gateway' }],
    ['port 0', { smtpPort: 0 }],
    ['port 70000', { smtpPort: 70_000 }],
    ['a sender without an address', { mailFrom: 'Sapa <not an address>' }],
    ['a sender with a line break', { mailFrom: 'cs@sapa.example\r\nBcc: x@evil.example' }],
    ['a negative wrap-up limit', { wrapUpLimitSec: -1 }],
    ['a secret', { smtpPassword: 'hunter2' }],
    ['nothing', {}],
  ])('refuses %s with a 400', async (_what, body) => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    const res = await put(admin, body);
    expect(res.status, res.text).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('agents and leads may neither read nor change them', async () => {
    for (const who of ['agent1', 'lead1']) {
      const token = await t.current.login(who, `${who}-pass`);
      expect((await t.current.api('/admin/settings', { token })).status).toBe(403);
      expect((await put(token, { wrapUpLimitSec: 5 })).status).toBe(403);
    }
  });

  it('SLA settings that cannot run a clock are refused', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    const sla = (await t.current.api('/admin/sla', { token: admin })).body as Record<string, unknown>;
    const closed = { ...sla, hours: [null, null, null, null, null, null, null] };
    const res = await t.current.api('/admin/sla', { method: 'PUT', token: admin, body: JSON.stringify(closed) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('at least one weekday must be open');
    const named = { ...sla, holidays: ['2027-03-20'], holidayNames: { '2027-03-20': 'Hari Raya Nyepi' }, timeZone: 'Asia/Jakarta', utcOffsetMinutes: 420 };
    expect((await t.current.api('/admin/sla', { method: 'PUT', token: admin, body: JSON.stringify(named) })).status).toBe(200);
    expect((await t.current.api('/admin/sla', { token: admin })).body).toMatchObject({ holidayNames: { '2027-03-20': 'Hari Raya Nyepi' } });
  });
});
