// What the Electron shell tells core (src/main/electron/desktop-places.ts): a packaged app
// reads its dictionaries from process.resourcesPath and only the platform's policy file.
import { describe, expect, it } from 'vitest';
import { desktopPlaces } from '../../../src/main/electron/desktop-places.js';

const packaged = { isPackaged: true, appPath: 'C:\\Program Files\\Sapa\\resources\\app.asar', resourcesPath: 'C:\\Program Files\\Sapa\\resources' };

describe('desktop places', () => {
  it('packaged: resources from process.resourcesPath, the platform policy file even when SAPA_POLICY_FILE is set', () => {
    expect(desktopPlaces({ ...packaged, platform: 'win32', env: { ProgramData: 'C:\\ProgramData', SAPA_POLICY_FILE: 'C:\\Users\\agent\\mine.json' } })).toEqual({
      serverUrls: [], policyFile: 'C:\\ProgramData\\Sapa\\policy.json', resourcesDir: 'C:\\Program Files\\Sapa\\resources',
    });
  });

  it('development: the repository\'s resources/, SAPA_POLICY_FILE and SAPA_SERVER_URLS honoured', () => {
    expect(desktopPlaces({
      isPackaged: false, appPath: '/work/sapa', resourcesPath: '/work/sapa/node_modules/electron/dist/resources', platform: 'linux',
      env: { SAPA_POLICY_FILE: '/tmp/policy.json', SAPA_SERVER_URLS: 'http://127.0.0.1:4010, https://b.example.com ,' },
    })).toEqual({ serverUrls: ['http://127.0.0.1:4010', 'https://b.example.com'], policyFile: '/tmp/policy.json', resourcesDir: '/work/sapa/resources' });
  });
});
