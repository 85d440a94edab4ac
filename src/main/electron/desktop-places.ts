// Where the Electron shell tells core to look: the server override, the IT policy file
// and the shipped resources. Plain function (no electron import) so it is unit-tested.
//   packaged:  resources = process.resourcesPath (electron-builder's extraResources), the
//              platform's policy file only (an agent cannot point SAPA_POLICY_FILE at their own);
//   dev:       the repository's resources/, SAPA_POLICY_FILE when set.
// SAPA_SERVER_URLS stays the developer override in both (a locked IT policy still wins).
import path from 'node:path';
import { type CoreOptions } from '../core/index.js';
import { policyFilePath } from '../core/server-config/policy.js';

export function desktopPlaces(o: {
  isPackaged: boolean; appPath: string; resourcesPath: string; env: NodeJS.ProcessEnv; platform?: NodeJS.Platform;
}): Pick<CoreOptions, 'serverUrls' | 'policyFile' | 'resourcesDir'> {
  const platform = o.platform ?? process.platform;
  return {
    serverUrls: (o.env.SAPA_SERVER_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean),
    policyFile: !o.isPackaged && o.env.SAPA_POLICY_FILE ? o.env.SAPA_POLICY_FILE : policyFilePath(platform, o.env),
    resourcesDir: o.isPackaged ? o.resourcesPath : path.join(o.appPath, 'resources'),
  };
}
