// requestAttention: an offer (a ringing call, an e-mail or call-back offered) while the agent
// is elsewhere. In Electron the shell raises a system notification and flashes the taskbar /
// bounces the dock (src/main/electron/attention.ts); in the browser host, the Notification
// API and a blinking tab title. Never window.focus() and never an element's focus(): the
// agent may be typing in Sapa or in another application, and a ringing call must not steal
// those keystrokes. While the agent is looking at Sapa nothing is raised (the offer's card
// and the ringer are on screen). Returns the function that takes the request down again.
import { type AttentionMessage, type AttentionRequest } from '../../shared/attention.js';
import { logger } from './logger.js';

const BLINK_MS = 1000;
let current: (() => void) | null = null;

/** The agent sees Sapa: its window (tab) is visible and has the keyboard. */
export function agentIsLooking(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

export function requestAttention(request: AttentionRequest): () => void {
  current?.();
  if (agentIsLooking()) return () => undefined;
  const shell = window.sapa?.attention?.bind(window.sapa);
  const cancel = shell ? shellAttention(shell, request) : browserAttention(request);
  let done = false;
  const takeDown = () => {
    if (done) return;
    done = true;
    if (current === takeDown) current = null;
    cancel();
  };
  current = takeDown;
  return takeDown;
}

function shellAttention(attention: (message: AttentionMessage) => Promise<void>, request: AttentionRequest): () => void {
  void attention({ action: 'request', ...request }).catch((error: unknown) => logger.warn('attention request failed', error));
  return () => void attention({ action: 'cancel' }).catch(() => undefined);
}

function browserAttention(request: AttentionRequest): () => void {
  let notification: Notification | null = null;
  let cancelled = false;
  const show = () => {
    if (cancelled) return;
    try {
      notification = new Notification(request.title, { body: request.body, tag: 'sapa-offer', silent: true, requireInteraction: true });
      // The agent clicked it: their choice to come back (the request itself never focuses).
      notification.onclick = () => { window.focus(); notification?.close(); };
    } catch (error) {
      logger.warn('notification not shown', error);
    }
  };
  if (typeof Notification !== 'undefined') {
    if (Notification.permission === 'granted') show();
    else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => { if (p === 'granted') show(); });
  }
  const title = document.title;
  let on = false;
  const blink = setInterval(() => {
    on = !on;
    document.title = on ? `☎ ${request.title}` : title;
  }, BLINK_MS);
  const stopBlink = () => {
    clearInterval(blink);
    document.title = title;
    window.removeEventListener('focus', stopBlink);
  };
  // Back in Sapa: the title stops blinking (the notification stays until the offer ends).
  window.addEventListener('focus', stopBlink);
  return () => {
    cancelled = true;
    stopBlink();
    notification?.close();
  };
}
