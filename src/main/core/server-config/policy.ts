// The IT policy: a JSON file that an installer or MDM drops on the machine (never written by
// Sapa) naming the organisation's servers. It wins over the agent's own choice (resolve.ts).
// Read once when core starts and checked strictly: a bad file is never a crash (or a crash
// loop at every start); it is one clear error on the first-start screen and in the log.
//   Windows %ProgramData%\Sapa\policy.json · macOS /Library/Application Support/Sapa/policy.json
//   Linux /etc/sapa/policy.json  (docs/operator-guide.md, "Deploying the desktop")
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { checkServerUrl } from '../remote/server-url.js';

/** A policy is a few lines; anything bigger is not one (and is not read into memory). */
export const POLICY_MAX_BYTES = 64 * 1024;

/** A URL by the same rules as every server URL: https://, plain http:// only to this machine. */
const PolicyUrl = z.string().max(2048).transform((raw, ctx) => {
  try {
    return checkServerUrl(raw);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    return z.NEVER;
  }
});

export const DesktopPolicy = z.object({
  /** The servers in failover order, as SAPA_SERVER_URLS would list them. */
  serverUrls: z.array(PolicyUrl).min(1).max(10),
  /** Where this site's desktops fetch releases (a branch's file server); read by the updater. */
  updateMirror: PolicyUrl.optional(),
  /**
   * true (default): the policy's servers, whatever the agent chose before. false: a default
   * only, for desktops that have no server of their own yet.
   */
  locked: z.boolean().default(true),
});
export type DesktopPolicy = z.infer<typeof DesktopPolicy>;

/** Why a policy file was not used; the renderer names each reason in both languages. */
export const PolicyErrorReason = z.enum(['unreadable', 'too_large', 'malformed_json', 'invalid']);
export type PolicyErrorReason = z.infer<typeof PolicyErrorReason>;

export type PolicyRead =
  | { kind: 'absent' }
  | { kind: 'ok'; policy: DesktopPolicy; unknownKeys: string[] }
  | { kind: 'error'; reason: PolicyErrorReason; message: string };

/** Where this platform's policy file is (Windows: under %ProgramData%). */
export function policyFilePath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Sapa', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Sapa/policy.json';
  return '/etc/sapa/policy.json';
}

/** Reads and checks the policy file; never throws. */
export function readPolicy(file: string): PolicyRead {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { kind: 'error', reason: 'unreadable', message: `${file} is not a file` };
    size = stat.size;
  } catch (error) {
    if (isNotFound(error)) return { kind: 'absent' };
    return { kind: 'error', reason: 'unreadable', message: `${file} cannot be read: ${errorMessage(error)}` };
  }
  if (size > POLICY_MAX_BYTES) {
    return { kind: 'error', reason: 'too_large', message: `${file} is ${size} bytes; a policy file may have at most ${POLICY_MAX_BYTES}` };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { kind: 'error', reason: 'unreadable', message: `${file} cannot be read: ${errorMessage(error)}` };
  }
  return parsePolicy(text, file);
}

/** Checks a policy file's text (Notepad's byte-order mark allowed). */
export function parsePolicy(text: string, file = 'policy.json'): PolicyRead {
  if (Buffer.byteLength(text) > POLICY_MAX_BYTES) {
    return { kind: 'error', reason: 'too_large', message: `${file} is larger than ${POLICY_MAX_BYTES} bytes` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { kind: 'error', reason: 'malformed_json', message: `${file} is not valid JSON: ${errorMessage(error)}` };
  }
  const parsed = DesktopPolicy.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}`);
    return { kind: 'error', reason: 'invalid', message: `${file} is not a valid Sapa policy: ${problems.join('; ')}` };
  }
  // Keys of a newer policy format are ignored (the desktop keeps working) but named in the log.
  const known = new Set(Object.keys(DesktopPolicy.shape));
  const unknownKeys = Object.keys(json as object).filter((k) => !known.has(k));
  return { kind: 'ok', policy: parsed.data, unknownKeys };
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
