// Runs sipp (Debian package sip-tester) with one of tests/sip/scenarios/*.xml, the
// @@NAME@@ placeholders filled in, as an outside SIP peer over UDP through Kamailio.
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../e2e/support/processes.js';
import { suiteEnv } from './sip-env.js';

export interface SippResult {
  code: number;
  output: string;
  /**
   * RTP packets that reached sipp's media port, from sipp's own final screen ("Total echo
   * RTP pckts 1st stream", with `media`): what the carrier really received.
   */
  rtpReceived: number;
  /** RTP packets sipp sent from its pcap ("Total RTP pckts sent"). */
  rtpSent: number;
}

export interface SippOptions {
  /** Address sipp sends from (-i): TRUNK_IP or STRANGER_IP of sip-env.ts; default 127.0.0.1. */
  source?: string;
  /** Media: sipp's RTP port (-mp, on `source`); sipp echoes and counts what arrives there. */
  mediaPort?: number;
  /** SIP port sipp listens on (-p); default a random one in 5070-5969. */
  port?: number;
  /** The Kamailio to call at 127.0.0.1 (default: the suite's). */
  proxyPort?: number;
  /** Run as a UAS (a carrier gateway waiting for calls) instead of calling Kamailio. */
  server?: boolean;
  /** Calls to make or take (-m, default 1) and calls started per second (-r). */
  calls?: number;
  rate?: number;
  /** Whole-run limit, s (default 30). */
  timeoutSec?: number;
}

/** G.711 A-law speech, 7 s, shipped with sipp. */
export const SIPP_PCAP = '/usr/share/sip-tester/g711a.pcap';

/**
 * A counter of sipp's screens. The file holds every dump (SIGUSR2, the end), and sipp
 * sometimes writes a dump over the file from its start, so the last match in the text can be
 * an older dump's: the counters only grow, so the largest is the newest.
 */
function screenCount(screen: string, label: string): number {
  const matches = [...screen.matchAll(new RegExp(`(\\d+) ${label}`, 'g'))];
  return matches.reduce((most, m) => Math.max(most, Number(m[1])), 0);
}

export async function runSipp(scenario: string, service: string, values: Record<string, string>, options: SippOptions = {}): Promise<SippResult> {
  return (await startSipp(scenario, service, values, options)).done;
}

export interface RunningSipp {
  done: Promise<SippResult>;
  /**
   * RTP packets that reached sipp's media port so far: asks sipp for its screens (SIGUSR2)
   * and reads the counter — what the caller hears while the call is not yet answered.
   */
  rtpReceivedNow(): Promise<number>;
}

export async function startSipp(scenario: string, service: string, values: Record<string, string>, options: SippOptions = {}): Promise<RunningSipp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sapa-sipp-'));
  let xml = await readFile(path.join(ROOT, 'tests/sip/scenarios', scenario), 'utf8');
  // SDP_MEDIA_PORT: the port a scenario's SDP gives for its media — sipp's own unless a
  // test listens there itself (support/rtp-tap.ts)
  for (const [key, value] of Object.entries({ SDP_MEDIA_PORT: '[media_port]', ...values })) xml = xml.replaceAll(`@@${key}@@`, value);
  const file = path.join(dir, scenario);
  await writeFile(file, xml);
  const { sipPort } = suiteEnv();
  const source = options.source ?? '127.0.0.1';
  const timeoutSec = options.timeoutSec ?? 30;
  const media = options.mediaPort ? ['-mi', source, '-mp', String(options.mediaPort), '-rtp_echo', '-trace_screen'] : [];
  const target = options.server ? [] : [`127.0.0.1:${options.proxyPort ?? sipPort}`, '-s', service];
  const rate = options.rate ? ['-r', String(options.rate), '-l', String(options.calls ?? 1)] : [];
  const readScreen = async (): Promise<string> => {
    const screens = await readdir(dir).then((names) => names.filter((n) => n.endsWith('_screen.log'))).catch(() => []);
    return screens[0] ? readFile(path.join(dir, screens[0]), 'utf8').catch(() => '') : '';
  };
  let child: ChildProcess | null = null;
  let exited = false;
  const sipListenPort = options.port ?? 5070 + Math.floor(Math.random() * 900);
  const done = new Promise<SippResult>((resolve) => {
    child = execFile('sipp', [
      ...target, '-sf', file, '-m', String(options.calls ?? 1), ...rate, '-i', source, '-p', String(sipListenPort),
      ...media, '-timeout', `${timeoutSec}s`, '-timeout_error', '-nostdin', '-trace_err', '-error_file', path.join(dir, 'errors.log'),
    ], { cwd: dir, timeout: (timeoutSec + 10) * 1000 }, async (error, stdout, stderr) => {
      exited = true;
      const errors = await readFile(path.join(dir, 'errors.log'), 'utf8').catch(() => '');
      const screen = await readScreen();
      await rm(dir, { recursive: true, force: true });
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        // sipp's errors last: they say which message broke the call, and the screens are long.
        output: `${`${stdout}\n${stderr}\n${screen}`.slice(-5000)}\n${errors.slice(-3000)}`,
        rtpReceived: screenCount(screen, 'Total echo RTP pckts 1st stream'),
        rtpSent: screenCount(screen, 'Total RTP pckts sent'),
      });
    });
  });
  // A UAS (the carrier) must be bound before the call it waits for is placed: on a loaded
  // machine sipp has taken seconds to start, and an INVITE sent before that is lost
  // (port unreachable) and the agent's call fails at once.
  if (options.server) await udpBound(sipListenPort, () => exited);
  return {
    done,
    async rtpReceivedNow() {
      const running = child as ChildProcess | null;
      // SIGUSR2 kills a sipp that has not installed its handler yet (a poll right after the
      // start did): wait until the process catches it (SigCgt in /proc, signal 12 = bit 11).
      for (let i = 0; i < 50 && running?.pid; i++) {
        const status = await readFile(`/proc/${running.pid}/status`, 'utf8').catch(() => '');
        const caught = /SigCgt:\s*([0-9a-f]+)/.exec(status)?.[1];
        if (caught && (BigInt(`0x${caught}`) & (1n << 11n)) !== 0n) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const before = await readScreen();
      running?.kill('SIGUSR2');
      // sipp writes the dump asynchronously, in pieces, sometimes over the file from its
      // start: wait until the file has changed and then stopped changing, and read the
      // counter of its last complete scenario screen.
      let last = before;
      for (let i = 0; i < 30; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const screen = await readScreen();
        if (screen !== before && screen === last) return screenCount(screen, 'Total echo RTP pckts 1st stream');
        last = screen;
      }
      return screenCount(await readScreen(), 'Total echo RTP pckts 1st stream');
    },
  };
}

/**
 * Waits (at most 15 s) until some socket is bound to UDP `port` in this network namespace
 * (/proc/net/udp, local address column "HEXIP:HEXPORT"), or the process gave up.
 */
async function udpBound(port: number, gaveUp: () => boolean): Promise<void> {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && !gaveUp()) {
    const table = await readFile('/proc/net/udp', 'utf8').catch(() => '');
    if (table.split('\n').some((line) => line.trim().split(/\s+/)[1]?.endsWith(hexPort))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
