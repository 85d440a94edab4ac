// Packaging: the fuses electron-builder flips and the configuration it reads. The Electron
// binary cannot be downloaded here, so the fuses are flipped in a stand-in file laid out as
// @electron/fuses finds them in a real binary (sentinel, wire version, wire length, one
// byte per fuse), through electron-builder's own afterPack path; the configuration is read
// by electron-builder's own loader and checked against its own schema.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { WinPackager, type AfterPackContext, type Configuration } from 'electron-builder';
// electron-builder's config loader and schema check (app-builder-lib is electron-builder's
// own engine, pinned by it; not re-exported by the electron-builder package).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flipSapaFuses, flipSapaFusesAfterPack, SAPA_FUSES } from '../../../scripts/packaging/fuses.js';
import { MICROPHONE_USAGE_EN, PLACEHOLDER_FEED_URL, sapaBuilderConfig } from '../../../electron-builder.js';
import { desktopExcludedModules, readLock, reachable, SERVER_AND_RENDERER_ONLY } from '../../../scripts/packaging/desktop-modules.js';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);
// Electron's defaults for the 8 fuses @electron/fuses knows, plus a 9th it does not.
const ELECTRON_DEFAULTS = '101100011';
const root = resolve(import.meta.dirname, '../../..');

function fakeElectronBinary(): Buffer {
  return Buffer.concat([
    randomBytes(2048), Buffer.from(SENTINEL), Buffer.from([1, ELECTRON_DEFAULTS.length]),
    Buffer.from(ELECTRON_DEFAULTS, 'ascii'), randomBytes(2048),
  ]);
}

describe('Electron fuses', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sapa-fuses-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('decides every fuse: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges off; asar integrity, asar only and cookie encryption on', () => {
    expect(SAPA_FUSES).toMatchObject({
      version: '1',
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
  });

  it('flips them in the binary through electron-builder\'s afterPack path, and touches nothing else', async () => {
    const binary = join(dir, 'Sapa.exe');
    const original = fakeElectronBinary();
    await writeFile(binary, original);
    // What electron-builder hands the hook on Windows: the packed folder and its packager,
    // whose addElectronFuses finds <productFilename>.exe there.
    const packager = Object.create(WinPackager.prototype, { appInfo: { value: { productFilename: 'Sapa' } } }) as WinPackager;
    await flipSapaFusesAfterPack({ appOutDir: dir, electronPlatformName: 'win32', packager } as unknown as AfterPackContext);

    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(OFF);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
    // A fuse newer than @electron/fuses keeps Electron's value.
    expect((wire as Record<number, number>)[8]).toBe(ON);

    const flipped = await readFile(binary);
    const wireAt = original.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(flipped.length).toBe(original.length);
    expect(flipped.subarray(0, wireAt).equals(original.subarray(0, wireAt))).toBe(true);
    expect(flipped.subarray(wireAt + 9).equals(original.subarray(wireAt + 9))).toBe(true);
  });

  it('refuses a file that is not an Electron binary (no fuse wire) instead of packaging it unflipped', async () => {
    const notElectron = join(dir, 'notepad.exe');
    await writeFile(notElectron, randomBytes(4096));
    await expect(flipSapaFuses(notElectron)).rejects.toThrow(/Could not find sentinel/);
  });
});

describe('electron-builder configuration', () => {
  it('is what electron-builder loads from the project and passes its schema', async () => {
    const loaded = await getConfig(root, null, null);
    const debugLogger = { isEnabled: false, add: () => undefined } as never;
    await validateConfiguration(loaded, debugLogger);
    // The check is real: a misspelt option is refused.
    await expect(validateConfiguration({ ...loaded, mac: { ...loaded.mac, extendInfoo: {} } } as Configuration, debugLogger))
      .rejects.toThrow(/Invalid configuration object/);
    expect(loaded.appId).toBe('id.sapa.desktop');
    expect(loaded.productName).toBe('Sapa');
    // Loaded by electron-builder's own loader (jiti), so a copy of the hook, not this one.
    expect(typeof loaded.afterPack === 'function' ? loaded.afterPack.name : loaded.afterPack).toBe('flipSapaFusesAfterPack');
  });

  it('ships only the built app, in an asar archive, with the macOS microphone prompt in English and Indonesian', async () => {
    const config: Configuration = sapaBuilderConfig({});
    const files = config.files as string[];
    expect(files.slice(0, 2)).toEqual(['out/**', 'package.json']);
    expect(files.slice(2).every((p) => /^!node_modules\/.+\/\*\*$/.test(p))).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.allowMissingDependencies).toBe(false);
    expect(config.mac?.extendInfo).toEqual({ NSMicrophoneUsageDescription: MICROPHONE_USAGE_EN });
    expect(config.mac?.hardenedRuntime).toBe(true);
    const entitlements = await readFile(join(root, config.mac?.entitlements ?? ''), 'utf8');
    expect(entitlements).toContain('com.apple.security.device.audio-input');
    expect(entitlements).not.toContain('com.apple.security.device.camera');
    const indonesian = await readFile(join(root, 'resources/mac/id.lproj/InfoPlist.strings'), 'utf8');
    expect(indonesian).toMatch(/"NSMicrophoneUsageDescription" = "Sapa memakai mikrofon .*direkam.*";/);
  });

  it('signs Windows through Azure Trusted Signing only when all its settings are in the environment', () => {
    expect(sapaBuilderConfig({}).win).not.toHaveProperty('azureSignOptions');
    expect(sapaBuilderConfig({ SAPA_WIN_AZURE_ENDPOINT: 'https://weu.codesigning.azure.net' }).win).not.toHaveProperty('azureSignOptions');
    expect(sapaBuilderConfig({
      SAPA_WIN_AZURE_ENDPOINT: 'https://weu.codesigning.azure.net', SAPA_WIN_AZURE_ACCOUNT: 'sapa',
      SAPA_WIN_AZURE_PROFILE: 'sapa-public', SAPA_WIN_PUBLISHER_NAME: 'PT Sapa',
    }).win?.azureSignOptions).toEqual({
      endpoint: 'https://weu.codesigning.azure.net', codeSigningAccountName: 'sapa',
      certificateProfileName: 'sapa-public', publisherName: 'PT Sapa',
    });
  });
});

/** Packages that code of the desktop's main process (src/main, src/shared, src/preload) imports at run time. */
function desktopImports(): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name)) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/^\s*(?:import|export)(?!\s+type\s)[^'"]*?from\s+['"]([^'"./][^'"]*)['"]|import\(\s*['"]([^'"./][^'"]*)['"]/gm)) {
          const spec = (m[1] ?? m[2])!;
          if (spec.startsWith('node:')) continue;
          found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      }
    }
  };
  for (const dir of ['src/main', 'src/shared', 'src/preload']) walk(join(root, dir));
  return [...found].sort();
}

describe('what the installers contain', () => {
  it('ships the spell-check dictionaries beside the app (process.resourcesPath/dictionaries), not the Kamailio template', () => {
    const config = sapaBuilderConfig({});
    expect(config.extraResources).toEqual([{ from: 'resources/dictionaries', to: 'dictionaries' }]);
    expect(JSON.stringify([config.extraResources, config.mac?.extraResources, config.win?.extraResources, config.files])).not.toContain('kamailio');
    // Where core looks: <resourcesDir>/dictionaries/id/id_ID.{aff,dic} (src/main/core/replies/spellcheck.ts).
    expect(statSync(join(root, 'resources/dictionaries/id/id_ID.dic')).isFile()).toBe(true);
    expect(statSync(join(root, 'resources/dictionaries/id/id_ID.aff')).isFile()).toBe(true);
  });

  it('has a 1024×1024 PNG app icon that electron-builder turns into the .ico and .icns', () => {
    const config = sapaBuilderConfig({});
    expect(config.icon).toBe('build/icon.png');
    const png = readFileSync(join(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('builds a per-machine NSIS installer on Windows, and the dmg plus the zip electron-updater installs from on macOS', () => {
    const config = sapaBuilderConfig({});
    expect(config.win?.target).toBe('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowElevation: true });
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
  });

  it('publishes to a generic feed, so electron-builder writes latest.yml / latest-mac.yml and blockmaps (the URL is set at run time)', () => {
    expect(sapaBuilderConfig({}).publish).toEqual([{ provider: 'generic', url: PLACEHOLDER_FEED_URL }]);
    expect(new URL(PLACEHOLDER_FEED_URL).hostname.endsWith('.invalid')).toBe(true);
  });

  it('leaves the server\'s and the renderer\'s libraries out of app.asar, but nothing the desktop\'s main process loads', () => {
    const imports = desktopImports();
    // The scan works: core's own libraries are found.
    expect(imports).toEqual(expect.arrayContaining(['better-sqlite3-multiple-ciphers', 'zod', 'ws', 'nspell', 'dictionary-en']));
    const lock = readLock(root);
    const production = Object.keys(lock.packages['']?.dependencies ?? {});
    // Every name in the list is a production dependency (a typo would exclude nothing).
    expect(production).toEqual(expect.arrayContaining([...SERVER_AND_RENDERER_ONLY]));
    const excluded = new Set(desktopExcludedModules(root));
    expect(excluded.has('node_modules/@electric-sql/pglite')).toBe(true);
    expect(excluded.has('node_modules/fastify')).toBe(true);
    // Neither what main imports nor anything those packages need (electron-updater's too) is left out.
    const needed = reachable(lock, [...imports.filter((p) => p !== 'electron'), 'electron-updater', 'builder-util-runtime', 'js-yaml']);
    expect([...needed].filter((p) => excluded.has(p))).toEqual([]);
    expect(imports.filter((p) => (SERVER_AND_RENDERER_ONLY as readonly string[]).includes(p))).toEqual([]);
  });
});
