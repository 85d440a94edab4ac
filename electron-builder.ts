// Packaging the desktop: `npm run package` on the target platform (Windows or macOS) builds
// out/ (electron-vite) and the installer into dist/. It cannot run on the development
// machines here: electron-builder downloads the Electron binary, and @electron/rebuild the
// Electron headers for better-sqlite3. Signing and notarisation take their secrets from the
// environment only (docs/packaging.md); nothing secret is in this file.
import { type Configuration } from 'electron-builder';
import { flipSapaFusesAfterPack } from './scripts/packaging/fuses.js';

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

export function sapaBuilderConfig(env: NodeJS.ProcessEnv = process.env): Configuration {
  return {
    appId: 'id.sapa.desktop',
    productName: 'Sapa',
    directories: { output: 'dist' },
    // The app is what electron-vite built, plus package.json (name, version, "main").
    files: ['out/**', 'package.json'],
    asar: true,
    // A native module cannot be loaded from inside the asar archive.
    asarUnpack: ['node_modules/better-sqlite3/**'],
    // Fuses flipped before signing: scripts/packaging/fuses.ts.
    afterPack: flipSapaFusesAfterPack,
    win: {
      target: 'nsis',
      // Signed when WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD (or CSC_LINK + CSC_KEY_PASSWORD) are set.
      signtoolOptions: { signingHashAlgorithms: ['sha256'] },
      ...azureSignOptions(env),
    },
    nsis: { oneClick: false, perMachine: false },
    mac: {
      target: 'dmg',
      category: 'public.app-category.business',
      // Notarisation needs the hardened runtime; the entitlements add the microphone to it.
      // Signed with CSC_LINK + CSC_KEY_PASSWORD (or CSC_NAME from the keychain); notarised
      // when APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER (or APPLE_ID +
      // APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID) are set.
      hardenedRuntime: true,
      entitlements: 'resources/mac/entitlements.mac.plist',
      entitlementsInherit: 'resources/mac/entitlements.mac.plist',
      extendInfo: { NSMicrophoneUsageDescription: MICROPHONE_USAGE_EN },
      // The Indonesian (and English) prompt, localised the macOS way.
      extraResources: [
        { from: 'resources/mac/id.lproj', to: 'id.lproj' },
        { from: 'resources/mac/en.lproj', to: 'en.lproj' },
      ],
    },
  };
}

export default sapaBuilderConfig();
