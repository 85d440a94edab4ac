// scripts/kamailio.sh renders the trunk list and the RPC key into the Kamailio config
// (`kamailio.sh config`, no Kamailio started): bare addresses become /32 or /128, an entry
// that is not an address stops the render, no list leaves no trunk at all, and the RPC key
// is the one the server derives.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rpcKey } from '../../../src/server/sip/kamailio-rpc.js';

const SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/kamailio.sh');
const SECRET = 'unit-secret-0123456789';
const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-kamailio-cfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function render(trunks: string | undefined): { status: number | null; stderr: string; cfg: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, SAPA_SIP_SECRET: SECRET, SAPA_KAMAILIO_DIR: dir };
  delete env.SAPA_SIP_TRUNKS;
  if (trunks !== undefined) env.SAPA_SIP_TRUNKS = trunks;
  const run = spawnSync('bash', [SCRIPT, 'config'], { env, encoding: 'utf8' });
  let cfg = '';
  try { cfg = run.status === 0 ? readFileSync(path.join(dir, 'kamailio.cfg'), 'utf8') : ''; } catch { cfg = ''; }
  return { status: run.status, stderr: run.stderr, cfg };
}

describe('kamailio.sh config', () => {
  it('renders the trunk list as CIDRs for is_in_subnet', () => {
    const { status, cfg } = render(' 203.0.113.10, 198.51.100.0/28 ,2001:db8::7');
    expect(status).toBe(0);
    expect(cfg).toContain('#!define SAPA_TRUNKS "203.0.113.10/32,198.51.100.0/28,2001:db8::7/128"');
    expect(cfg).toContain('is_in_subnet("$si", SAPA_TRUNKS)');
  });

  it('without a list no trunk is defined, so the check that lets trunk traffic in is left out', () => {
    for (const trunks of [undefined, '', ' , ']) {
      const { status, cfg } = render(trunks);
      expect(status).toBe(0);
      expect(cfg).not.toContain('#!define SAPA_TRUNKS');
      expect(cfg).toContain('sl_send_reply("403", "Not A Trusted Trunk")');
    }
  });

  it('refuses an entry that is not an IP address or CIDR, saying which', () => {
    for (const [trunks, message] of [
      ['10.0.0.300', 'bad address 10.0.0.300'],
      ['10.0.0.0/33', 'bad prefix length in 10.0.0.0/33'],
      ['carrier.example.com', 'carrier.example.com is not an IP address or CIDR'],
      // an attempt to break out of the quoted string (spaces are dropped before the check)
      ['10.0.0.1"); exit; #', '10.0.0.1");exit;# is not an IP address or CIDR'],
    ] as const) {
      const { status, stderr } = render(trunks);
      expect(status, trunks).not.toBe(0);
      expect(stderr).toContain(`SAPA_SIP_TRUNKS: ${message}`);
    }
  });

  it('puts the RPC key the server derives (not the secret) on the RPC listener', () => {
    const { cfg } = render('127.0.0.2');
    expect(cfg).toContain(`$hdr(X-Sapa-Rpc-Key) == "${rpcKey(SECRET)}"`);
    expect(cfg).toContain('listen=tcp:127.0.0.1:5090');
  });
});
