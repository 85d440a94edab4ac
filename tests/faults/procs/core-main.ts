// A desktop core in its own process, so a test can kill -9 it. Reads one JSON request per
// line on stdin ({id, method, input}) and answers one JSON line on stdout. Replicates as a
// desktop host does (SAPA_WORKING_SET_LIMIT, env-options.ts), syncing every second.
import { createInterface } from 'node:readline';
import { createCore } from '../../../src/main/core/index.js';
import { syncOptionsFromEnv } from '../../../src/main/core/sync/env-options.js';
import { desktopKeyFromEnv } from '../../../src/main/host/desktop-key.js';

const core = createCore({
  ...syncOptionsFromEnv(process.env),
  dataDir: process.env.SAPA_DATA_DIR ?? '',
  desktopKey: desktopKeyFromEnv(process.env),
  serverUrls: (process.env.SAPA_SERVER_URLS ?? '').split(','),
  appVersion: 'fault-test', host: 'browser', systemLocale: 'id-ID',
  syncIntervalSeconds: 1, syncTimeoutSeconds: 3,
});
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const request = JSON.parse(line) as { id: number; method: string; input: unknown };
  core.callByName(request.method, request.input).then(
    (output) => process.stdout.write(`${JSON.stringify({ id: request.id, ok: true, output })}\n`),
    (error: unknown) => process.stdout.write(`${JSON.stringify({
      id: request.id, ok: false, error: { code: (error as { code?: string }).code, message: String(error) },
    })}\n`),
  );
});
process.stdout.write('READY\n');
