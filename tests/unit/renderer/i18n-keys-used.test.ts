// Every literal translation key the renderer asks for exists in both languages, so a
// string lost in a merge shows up here instead of as a raw key on an agent's screen.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(import.meta.dirname, '../../../src/renderer');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function has(resources: Record<string, unknown>, key: string): boolean {
  const lookup = (k: string) =>
    k.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), resources);
  // i18next plural forms: a key used with `count` lives as key_one / key_other.
  return lookup(key) !== undefined || lookup(`${key}_other`) !== undefined;
}

const usedKeys = new Map<string, string>();
for (const file of sourceFiles(RENDERER)) {
  for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
    usedKeys.set(match[1]!, path.relative(RENDERER, file));
  }
}

describe.each(['en', 'id'])('translation keys used by the renderer [%s]', (lang) => {
  const resources = JSON.parse(readFileSync(path.join(RENDERER, 'i18n', `${lang}.json`), 'utf8')) as Record<string, unknown>;

  it('finds the renderer using a good number of keys (the scan works)', () => {
    expect(usedKeys.size).toBeGreaterThan(100);
  });

  it('has every literal key the renderer uses', () => {
    const missing = [...usedKeys].filter(([key]) => !has(resources, key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
