// The customer-side browser sharing script (docs/browser-sharing.md), served by the Sapa
// server at /api/v1/widget/cobrowse.js and loaded by the company's site (directly, or by the
// web widget). Public API, on window.SapaCobrowse:
//
//   SapaCobrowse.start({ serverUrl, sessionCode?, lang? }) → Promise<boolean>
//     Asks the customer for consent (and for the 6-digit code the agent reads out when no
//     sessionCode is given; the web chat hands it over), then shares the page until either
//     side ends it. Resolves true once sharing runs, false when the customer said no.
//   SapaCobrowse.end()         ends sharing now (the "Akhiri berbagi" button does the same).
//   SapaCobrowse.active()      true while sharing runs.
//
// A sharing survives moving to another page of the same site: the session id and a resume
// token sit in sessionStorage (this tab only) and the next page's script resumes by itself.
// Masking happens here, before events leave the browser (masking.ts).
import { record } from 'rrweb';
import { type eventWithTime } from '@rrweb/types';
import { type ServerToCustomer } from '../shared/cobrowse.js';
import { BLOCK_SELECTOR, MASK_INPUT_OPTIONS, MASK_TEXT_SELECTOR, maskInput } from './masking.js';
import { STRINGS, type Lang, type Strings } from './strings.js';
import { createUi, type SharingUi } from './ui.js';

export interface StartOptions {
  /** The Sapa server, e.g. https://sapa.example.co.id */
  serverUrl: string;
  /** The code the agent's desktop shows; absent → the customer types it in. */
  sessionCode?: string;
  lang?: Lang;
}

interface Stored { sessionId: string; resume: string; serverUrl: string; lang: Lang; history: boolean; agentName: string }
const STORAGE_KEY = 'sapa-cobrowse';
const FLUSH_MS = 50;
const FLUSH_BYTES = 256 * 1024;

let current: { ws: WebSocket; stop: () => void; ui: SharingUi; s: Strings } | null = null;

const langOf = (lang?: Lang): Lang => lang ?? (document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'id');
const socketUrl = (serverUrl: string): string => `${serverUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/api/v1/cobrowse/customer`;
const pagePath = (): string => (location.pathname || '/').slice(0, 300);

function readStored(): Stored | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? JSON.parse(raw) as Stored : null;
  } catch {
    return null;
  }
}
function clearStored(): void {
  try { sessionStorage.removeItem(STORAGE_KEY); } catch { /* storage off: nothing kept */ }
}

function errorText(s: Strings, code: string): string {
  if (code === 'NOT_FOUND') return s.wrongCode;
  if (code === 'FORBIDDEN') return s.forbidden;
  if (code === 'RATE_LIMITED') return s.tooMany;
  return s.failed;
}

/** Field names of a submitted form (never values; no hidden or button fields). */
function fieldNames(form: HTMLFormElement): string[] {
  const names: string[] = [];
  for (const f of Array.from(form.elements)) {
    const name = (f.getAttribute('name') ?? f.id).trim();
    const type = (f.getAttribute('type') ?? '').toLowerCase();
    if (!name || ['hidden', 'submit', 'button', 'reset', 'image'].includes(type) || f.tagName === 'BUTTON' || f.tagName === 'FIELDSET') continue;
    if (!names.includes(name) && /^[^\u0000-\u001f<>]{1,80}$/.test(name)) names.push(name);
  }
  return names.slice(0, 40);
}

function formName(form: HTMLFormElement): string {
  const explicit = form.getAttribute('name') ?? form.getAttribute('aria-label') ?? form.id;
  if (explicit) return explicit.trim().slice(0, 120);
  try { return new URL(form.action || location.href).pathname.slice(0, 120); } catch { return pagePath(); }
}

/** Opens the socket and runs the sharing; `first` is the join or resume frame. */
function run(ui: SharingUi, s: Strings, serverUrl: string, lang: Lang, first: object): Promise<'joined' | { error: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(socketUrl(serverUrl));
    let buffer: eventWithTime[] = [];
    let bufferBytes = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopRecording: (() => void) | undefined;
    let history = false;
    let settled = false;

    const flush = (): void => {
      if (timer) { clearTimeout(timer); timer = null; }
      if (buffer.length === 0 || ws.readyState !== WebSocket.OPEN) return;
      ws.send(JSON.stringify({ t: 'ev', e: buffer }));
      buffer = [];
      bufferBytes = 0;
    };
    const onSubmit = (e: Event): void => {
      const form = e.target;
      if (!history || !(form instanceof HTMLFormElement) || ws.readyState !== WebSocket.OPEN) return;
      ws.send(JSON.stringify({ t: 'form', name: formName(form), fields: fieldNames(form) }));
    };
    const stop = (): void => {
      stopRecording?.();
      stopRecording = undefined;
      flush();
      document.removeEventListener('submit', onSubmit, true);
      if (current?.ws === ws) current = null;
    };
    const startRecording = (): void => {
      stopRecording = record({
        emit(event) {
          buffer.push(event);
          bufferBytes += 200; // a rough guess; a snapshot (type 2) goes at once anyway
          if (event.type === 2 || bufferBytes > FLUSH_BYTES) flush();
          else timer ??= setTimeout(flush, FLUSH_MS);
        },
        maskInputOptions: MASK_INPUT_OPTIONS,
        maskInputFn: maskInput,
        maskTextSelector: MASK_TEXT_SELECTOR,
        blockSelector: BLOCK_SELECTOR,
        // Nothing of the page is sent beyond the DOM and its styles: no canvas, no fonts, no images as data.
        recordCanvas: false,
        collectFonts: false,
        inlineImages: false,
        // Every input event, not only 'change' (sampling.input 'last' would wait for the field to lose focus).
        sampling: { mousemove: 100, scroll: 100 },
      });
      document.addEventListener('submit', onSubmit, true);
    };

    ws.addEventListener('open', () => ws.send(JSON.stringify(first)));
    ws.addEventListener('message', (m) => {
      let msg: ServerToCustomer;
      try { msg = JSON.parse(String(m.data)) as ServerToCustomer; } catch { return; }
      if (msg.t === 'joined') {
        history = msg.history;
        try {
          sessionStorage.setItem(STORAGE_KEY, JSON.stringify({
            sessionId: msg.sessionId, resume: msg.resume, serverUrl, lang, history, agentName: msg.agentName,
          } satisfies Stored));
        } catch { /* storage off: the next page asks again */ }
        current = { ws, stop, ui, s };
        ui.showBar(msg.agentName, () => endNow());
        startRecording();
        settled = true;
        resolve('joined');
      } else if (msg.t === 'snapshot') {
        record.takeFullSnapshot(true);
      } else if (msg.t === 'point') {
        const node = record.mirror.getNode(msg.nodeId);
        const target = node instanceof Element ? node : node?.parentElement;
        if (target) ui.highlight(target);
      } else if (msg.t === 'suggest') {
        // Same origin only, checked here as well as on the server.
        let url: URL | null = null;
        try { url = new URL(msg.url, location.origin); } catch { url = null; }
        if (url && url.origin === location.origin) {
          const href = url.toString();
          ui.showSuggestion(href, () => { location.assign(href); });
        }
      } else if (msg.t === 'ended') {
        stop();
        clearStored();
        ui.removeAll();
        ui.notice(msg.by === 'agent' ? s.endedByAgent : s.ended);
      } else if (msg.t === 'error' && !settled) {
        settled = true;
        if (msg.code === 'NOT_FOUND') clearStored();
        resolve({ error: msg.code });
      }
    });
    ws.addEventListener('close', () => {
      stop();
      if (!settled) {
        settled = true;
        resolve({ error: 'OFFLINE' });
      }
    });
  });
}

function endNow(): void {
  const c = current;
  if (!c) return;
  c.stop();
  if (c.ws.readyState === WebSocket.OPEN) c.ws.send(JSON.stringify({ t: 'end' }));
  clearStored();
  // The server's `ended` answer shows the notice; if the socket is gone, show it here.
  if (c.ws.readyState !== WebSocket.OPEN) {
    c.ui.removeAll();
    c.ui.notice(c.s.ended);
  }
}

async function start(options: StartOptions): Promise<boolean> {
  if (current) return true;
  const lang = langOf(options.lang);
  const s = STRINGS[lang];
  const ui = createUi(s);
  const given = options.sessionCode?.trim() ?? '';
  let answer = await ui.askConsent(!/^\d{6}$/.test(given));
  for (;;) {
    if (!answer) {
      ui.removeAll();
      return false;
    }
    const code = answer.code ?? given;
    const outcome = await run(ui, s, options.serverUrl, lang, { t: 'join', code, history: answer.history, path: pagePath() });
    if (outcome === 'joined') return true;
    answer = await ui.consentError(errorText(s, outcome.error));
  }
}

/** The next page of a running sharing resumes without asking again (the customer consented for this tab). */
function resumeIfSharing(): void {
  const stored = readStored();
  if (!stored) return;
  const s = STRINGS[stored.lang];
  const ui = createUi(s);
  void run(ui, s, stored.serverUrl, stored.lang, { t: 'resume', sessionId: stored.sessionId, resume: stored.resume, path: pagePath() })
    .then((outcome) => { if (outcome !== 'joined') { clearStored(); ui.removeAll(); } });
}

const api = { start, end: endNow, active: (): boolean => current !== null, version: 1 };
declare global {
  interface Window { SapaCobrowse?: typeof api }
}
window.SapaCobrowse = api;
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resumeIfSharing, { once: true });
else resumeIfSharing();
