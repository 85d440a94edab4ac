// reports.*: reports live on the server (every team's figures, never in a desktop's cache);
// one call each. An export is fetched as bytes from the server's streamed file route and
// handed to the renderer as base64 with its file name, for the browser's download.
import { ApiErrorBody, SapaError } from '../../shared/errors.js';
import { type reportMethods } from '../../shared/reports-api.js';
import { ROUTES, apiPath } from '../../shared/routes.js';
import { type HandlerMap } from './context.js';

const EXPORT_TIMEOUT_MS = 120_000;

/** `path` is apiPath's (with the API prefix). */
async function download(base: string, path: string, query: Record<string, string>, token: string) {
  let res: Response;
  try {
    res = await fetch(`${base}${path}?${new URLSearchParams(query).toString()}`, {
      headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(EXPORT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new SapaError('OFFLINE', `The server cannot be reached (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!res.ok) {
    const body = ApiErrorBody.safeParse(await res.json().catch(() => undefined));
    throw body.success ? new SapaError(body.data.code, body.data.message, body.data.details) : new SapaError('INTERNAL', `Server answered ${res.status}`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'report';
  return { fileName: name, mime: res.headers.get('content-type') ?? 'application/octet-stream', base64: Buffer.from(await res.arrayBuffer()).toString('base64') };
}

const strings = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));

export const reportHandlers: HandlerMap<keyof typeof reportMethods> = {
  'reports.run': ({ report, ...query }, ctx) => ctx.server.call('reports.run', { params: { report }, query }, { token: ctx.requireSession().token, timeoutMs: 60_000 }),
  'reports.drill': ({ report, ...query }, ctx) => ctx.server.call('reports.drill', { params: { report }, query }, { token: ctx.requireSession().token }),
  'reports.export': ({ report, ...query }, ctx) =>
    download(ctx.server.currentUrl(), apiPath(ROUTES['reports.export'], { report }), strings(query), ctx.requireSession().token),
  'reports.drillExport': ({ report, ...query }, ctx) =>
    download(ctx.server.currentUrl(), apiPath(ROUTES['reports.drillExport'], { report }), strings(query), ctx.requireSession().token),
  'reports.schedules': (_input, ctx) => ctx.server.call('reports.schedules', {}, { token: ctx.requireSession().token }),
  'reports.scheduleCreate': (body, ctx) => ctx.server.call('reports.scheduleCreate', { body }, { token: ctx.requireSession().token }),
  'reports.scheduleDelete': ({ id }, ctx) => ctx.server.call('reports.scheduleDelete', { params: { id } }, { token: ctx.requireSession().token }),
};
