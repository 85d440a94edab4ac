// Runs sipp (Debian package sip-tester) with one of tests/sip/scenarios/*.xml, the
// @@NAME@@ placeholders filled in, as an outside SIP peer over UDP through Kamailio.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../e2e/support/processes.js';
import { suiteEnv } from './sip-env.js';

export interface SippResult { code: number; output: string }

export interface SippOptions {
  /** Address sipp sends from (-i): TRUNK_IP or STRANGER_IP of sip-env.ts; default 127.0.0.1. */
  source?: string;
}

export async function runSipp(scenario: string, service: string, values: Record<string, string>, options: SippOptions = {}): Promise<SippResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sapa-sipp-'));
  let xml = await readFile(path.join(ROOT, 'tests/sip/scenarios', scenario), 'utf8');
  for (const [key, value] of Object.entries(values)) xml = xml.replaceAll(`@@${key}@@`, value);
  const file = path.join(dir, scenario);
  await writeFile(file, xml);
  const { sipPort } = suiteEnv();
  try {
    return await new Promise<SippResult>((resolve) => {
      execFile('sipp', [
        `127.0.0.1:${sipPort}`, '-sf', file, '-s', service, '-m', '1', '-i', options.source ?? '127.0.0.1', '-p', String(5070 + Math.floor(Math.random() * 900)),
        '-timeout', '30s', '-timeout_error', '-nostdin', '-trace_err', '-error_file', path.join(dir, 'errors.log'),
      ], { cwd: dir, timeout: 40_000 }, async (error, stdout, stderr) => {
        const errors = await readFile(path.join(dir, 'errors.log'), 'utf8').catch(() => '');
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}\n${stderr}\n${errors}`.slice(-4000) });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
