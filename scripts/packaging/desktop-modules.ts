// Which production node_modules the desktop app leaves out of app.asar. package.json's
// "dependencies" serve three programs: the server (run from the repository, e.g. `npm ci
// --omit=dev` on a server), the renderer (bundled by Vite into out/renderer, so it needs no
// node_modules at run time) and the Electron main process (electron-vite keeps every
// dependency external: out/main requires them from node_modules). Only the last ship.
// The packages are left out together with everything only they depend on (package-lock.json);
// tests/unit/scripts/packaging.test.ts checks that nothing src/main, src/shared or
// src/preload imports is among them.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Never loaded by the desktop's main process: the server's libraries and the renderer's (bundled). */
export const SERVER_AND_RENDERER_ONLY = [
  // server
  '@electric-sql/pglite', '@faker-js/faker', '@fastify/rate-limit', '@node-rs/argon2', '@tus/file-store', '@tus/server',
  'csv-parse', 'csv-stringify', 'fastify', 'mailauth', 'mailparser', 'nodemailer', 'pg', 'pino', 'smtp-server',
  // renderer (in out/renderer's bundle)
  '@mantine/core', '@mantine/hooks', '@tanstack/react-query', '@tanstack/react-router', '@tanstack/react-virtual',
  'i18next', 'react', 'react-dom', 'react-i18next', 'sip.js', 'zustand',
] as const;

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
type Lock = { packages: Record<string, LockEntry> };

/** Where npm resolves `name` from the package at `from` (a nested copy first, then upwards). */
function resolve(lock: Lock, from: string, name: string): string | null {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return null;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** Every installed package path reachable from the top-level packages `roots`. */
export function reachable(lock: Lock, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = roots.map((r) => resolve(lock, '', r)).filter((p): p is string => p !== null);
  while (queue.length > 0) {
    const at = queue.pop()!;
    if (seen.has(at)) continue;
    seen.add(at);
    const entry = lock.packages[at] ?? {};
    const deps = { ...entry.peerDependencies, ...entry.optionalDependencies, ...entry.dependencies };
    for (const name of Object.keys(deps)) {
      const next = resolve(lock, at, name);
      if (next) queue.push(next);
    }
  }
  return seen;
}

export function readLock(root: string): Lock & { packages: Record<string, LockEntry & { dependencies?: Record<string, string> }> } {
  return JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lock;
}

/**
 * The node_modules paths to leave out: reachable from SERVER_AND_RENDERER_ONLY and not from
 * any other production dependency (a library both need stays).
 */
export function desktopExcludedModules(root: string): string[] {
  const lock = readLock(root);
  const production = Object.keys(lock.packages['']?.dependencies ?? {});
  const drop = new Set<string>(SERVER_AND_RENDERER_ONLY);
  const keep = reachable(lock, production.filter((name) => !drop.has(name)));
  return [...reachable(lock, [...drop])].filter((p) => !keep.has(p)).sort();
}

/** electron-builder `files` patterns for them. */
export function desktopExclusionPatterns(root: string): string[] {
  return desktopExcludedModules(root).map((p) => `!${p}/**`);
}
