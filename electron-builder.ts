// Packaging the desktop: `npm run package` on the target platform (Windows or macOS) builds
// out/ (electron-vite) and the installer into dist/. It cannot run on the development
// machines here: electron-builder downloads the Electron binary, and @electron/rebuild the
// Electron headers for better-sqlite3-multiple-ciphers. Signing and notarisation take their secrets from the
// environment only (docs/packaging.md); nothing secret is in this file.
import { type Configuration } from 'electron-builder';
import { flipSapaFusesAfterPack } from './scripts/packaging/fuses.js';
import { desktopExclusionPatterns } from './scripts/packaging/desktop-modules.js';

/** The microphone prompt's text on macOS (Indonesian: resources/mac/id.lproj/InfoPlist.strings). */
export const MICROPHONE_USAGE_EN =
  'Sapa uses the microphone for your calls with customers. Calls are recorded, as your call center requires.';

/** Windows signing through Azure Trusted Signing, when SAPA_WIN_AZURE_* say so (else CSC_LINK/WIN_CSC_LINK, or unsigned). */
function azureSignOptions(env: NodeJS.ProcessEnv) {
  const { SAPA_WIN_AZURE_ENDPOINT: endpoint, SAPA_WIN_AZURE_ACCOUNT: account, SAPA_WIN_AZURE_PROFILE: profile, SAPA_WIN_PUBLISHER_NAME: publisher } = env;
  if (!endpoint || !account || !profile || !publisher) return {};
  return {
    azureSignOptions: {
      endpoint, codeSigningAccountName: account, certificateProfileName: profile, publisherName: publisher,
    },
  };
}

/**
 * The update feed electron-builder writes into app-update.yml. Never used as is: the desktop's
 * updater (src/main/electron/updater.ts) calls autoUpdater.setFeedURL with the feed the
 * server serves for THIS desktop (its ring, or its site's mirror), so only the provider
 * matters here. `generic` makes electron-builder write latest.yml / latest-mac.yml and the
 * .blockmap files (differential downloads) that IT uploads as a release.
 */
export const PLACEHOLDER_FEED_URL = 'https://updates.sapa.invalid/feed';

/** Files of resources/ that go to the desktops (process.resourcesPath); the Kamailio template does not. */
export const SHIPPED_RESOURCES = [{ from: 'resources/dictionaries', to: 'dictionaries' }];

export function sapaBuilderConfig(env: NodeJS.ProcessEnv = process.env): Configuration {
  return {
    appId: 'id.sapa.desktop',
    productName: 'Sapa',
    // build/icon.png (1024×1024, from build/icon.svg: scripts/packaging/render-icon.ts):
    // electron-builder makes the .ico and .icns from it.
    directories: { output: 'dist', buildResources: 'build' },
    icon: 'build/icon.png',
    // Beside app.asar in process.resourcesPath; core gets that folder as CoreOptions.resourcesDir.
    extraResources: SHIPPED_RESOURCES,
    publish: [{ provider: 'generic', url: PLACEHOLDER_FEED_URL }],
    // The app is what electron-vite built, plus package.json (name, version, "main"), plus the
    // production node_modules minus the server's and the renderer's (scripts/packaging/desktop-modules.ts).
    files: ['out/**', 'package.json', ...desktopExclusionPatterns(import.meta.dirname)],
    asar: true,
    // A production dependency electron-builder cannot find on disk would be left out and the
    // app would fail at start with MODULE_NOT_FOUND (e.g. packing from a git worktree whose
    // node_modules is a symlink): stop the build instead.
    allowMissingDependencies: false,
    // A native module cannot be loaded from inside the asar archive.
    asarUnpack: ['node_modules/better-sqlite3-multiple-ciphers/**'],
    // Fuses flipped before signing: scripts/packaging/fuses.ts.
    afterPack: flipSapaFusesAfterPack,
    win: {
      target: 'nsis',
      // Signed when WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD (or CSC_LINK + CSC_KEY_PASSWORD) are set.
      signtoolOptions: { signingHashAlgorithms: ['sha256'] },
      ...azureSignOptions(env),
    },
    // Per-machine (Program Files, HKLM): IT installs once for every agent of a shared PC,
    // silently with `Sapa Setup x.y.z.exe /S /allusers`, and no agent can change the app's files.
    // electron-builder marks such a release isAdminRightsRequired in latest.yml, so
    // electron-updater runs the update through elevate.exe (a UAC prompt): on PCs whose agents are
    // not administrators, IT pushes the same installer with its deployment tool instead
    // (docs/packaging.md, "Updates of a per-machine install").
    nsis: {
      oneClick: false,
      perMachine: true,
      allowElevation: true,
      allowToChangeInstallationDirectory: false,
      deleteAppDataOnUninstall: false,
    },
    mac: {
      // electron-updater on macOS installs from the zip (Squirrel.Mac); the dmg is for people.
      target: ['dmg', 'zip'],
      category: 'public.app-category.business',
      // Notarisation needs the hardened runtime; the entitlements add the microphone to it.
      // Signed with CSC_LINK + CSC_KEY_PASSWORD (or CSC_NAME from the keychain); notarised
      // when APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER (or APPLE_ID +
      // APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID) are set.
      hardenedRuntime: true,
      entitlements: 'resources/mac/entitlements.mac.plist',
      entitlementsInherit: 'resources/mac/entitlements.mac.plist',
      extendInfo: { NSMicrophoneUsageDescription: MICROPHONE_USAGE_EN },
      // The Indonesian (and English) prompt, localised the macOS way (added to the
      // top-level extraResources: electron-builder merges the two lists).
      extraResources: [
        { from: 'resources/mac/id.lproj', to: 'id.lproj' },
        { from: 'resources/mac/en.lproj', to: 'en.lproj' },
      ],
    },
  };
}

export default sapaBuilderConfig();
