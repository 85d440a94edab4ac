// Electron fuses: switches compiled into the Electron binary, flipped once at packaging time
// (electron-builder's afterPack, before the binary is signed) so nobody can turn them back
// on with an environment variable or a command-line flag on an agent's PC.
// See docs/decisions/0013-electron-45-node-22-fuses.md and docs/security.md (## Electron).
import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';
import { type AfterPackContext } from 'electron-builder';

/**
 * Every fuse @electron/fuses knows is decided here (the Record type fails to compile when
 * a new one appears). A fuse newer than the library is left as Electron ships it.
 */
const decisions = {
  // ELECTRON_RUN_AS_NODE would turn Sapa into a plain Node with the app's rights. Core runs
  // inside the main process and forks nothing, so nothing needs it.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store encrypted with the OS key (Keychain, DPAPI). Sapa keeps no
  // cookies of its own (the session is core's bearer token), so this costs nothing.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could preload code or trust a rogue CA.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk / SIGUSR1 would open a debugger on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder writes into Info.plist (macOS)
  // or the executable's resources (Windows) ...
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // ... and only app.asar is loaded (no app/ folder beside it), so the check cannot be
  // side-stepped.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Not used: one V8 snapshot for every process, as Electron ships.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from sapa://app, never from file:// pages, so file:// gets only
  // what it gets in a browser. (The main process still reads the built renderer with
  // net.fetch(file://) inside the sapa:// handler: that is not a page.)
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} satisfies Record<FuseV1Options, boolean>;

export const SAPA_FUSES: FuseV1Config = {
  version: FuseVersion.V1,
  // Flipping a fuse invalidates the ad-hoc signature of an arm64 macOS binary; a real
  // signature (CSC_LINK) replaces it anyway when electron-builder signs afterwards.
  resetAdHocDarwinSignature: true,
  ...decisions,
};

/**
 * electron-builder's afterPack hook: flips SAPA_FUSES in the packed Electron binary.
 * `addElectronFuses` (its public API for this hook) finds the binary for the platform
 * (Sapa.exe, Sapa.app) and calls @electron/fuses; electron-builder signs after the hook.
 */
export async function flipSapaFusesAfterPack(context: AfterPackContext): Promise<void> {
  await context.packager.addElectronFuses(context, SAPA_FUSES);
}

/** Flips SAPA_FUSES in one Electron binary (what the hook does, for a binary at hand). */
export async function flipSapaFuses(electronBinaryPath: string): Promise<number> {
  return flipFuses(electronBinaryPath, SAPA_FUSES);
}
