// The sharing UI on the customer's page, in a shadow root (the site's styles do not reach it,
// ours do not leak out) inside an element rrweb does not record (the agent never sees it).
// Plain DOM, no framework: the consent dialog (with the code field when no code was handed
// over), the persistent "end sharing" bar, the agent's proposed page, the pointer highlight.
import { BLOCK_SELECTOR } from './masking.js';
import { type Strings } from './strings.js';

const CSS = `
:host { all: initial; }
.box { position: fixed; z-index: 2147483647; font: 15px/1.4 system-ui, sans-serif; color: #1a1a1a; background: #fff;
  border: 1px solid #8a8a8a; border-radius: 8px; box-shadow: 0 4px 18px rgba(0,0,0,.25); padding: 14px 16px; max-width: min(420px, calc(100vw - 32px)); }
.consent { left: 50%; top: 20%; transform: translateX(-50%); }
.bar { right: 16px; bottom: 16px; display: flex; gap: 12px; align-items: center; }
.suggest { left: 50%; bottom: 110px; transform: translateX(-50%); }
h2 { font-size: 17px; margin: 0 0 8px; }
p { margin: 0 0 10px; }
label { display: block; margin: 8px 0; }
input[type=text] { font: inherit; padding: 6px 8px; width: 8em; letter-spacing: .15em; border: 1px solid #666; border-radius: 4px; }
.row { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
button { font: inherit; white-space: nowrap; padding: 8px 14px; border-radius: 6px; border: 1px solid #0b5cad; background: #fff; color: #0b5cad; cursor: pointer; min-height: 40px; }
button.primary { background: #0b5cad; color: #fff; }
button:focus-visible, input:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.error { color: #b00020; }
.url { word-break: break-all; font-weight: 600; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

export interface SharingUi {
  /** Asks for consent (and the code when `needCode`); resolves null when the customer says no. */
  askConsent(needCode: boolean): Promise<{ code: string | null; history: boolean } | null>;
  consentError(message: string): Promise<{ code: string | null; history: boolean } | null>;
  showBar(agentName: string, onEnd: () => void): void;
  showSuggestion(url: string, onOpen: () => void): void;
  highlight(el: Element): void;
  notice(message: string): void;
  removeAll(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function createUi(s: Strings): SharingUi {
  const host = el('div', { class: 'rr-block', 'data-sapa-block': '' });
  if (!host.matches(BLOCK_SELECTOR)) throw new Error('unrecorded host expected');
  const root = host.attachShadow({ mode: 'open' });
  root.append(el('style', {}, CSS));
  const live = el('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  root.append(live);
  const mount = (): void => { if (!host.isConnected) document.body.append(host); };
  let consentBox: HTMLElement | null = null;
  let pending: ((v: { code: string | null; history: boolean } | null) => void) | null = null;
  let needCodeNow = false;

  function buildConsent(needCode: boolean, error: string | null): void {
    consentBox?.remove();
    const box = el('div', { class: 'box consent', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'sapa-cb-title', 'aria-describedby': 'sapa-cb-body' });
    box.append(el('h2', { id: 'sapa-cb-title' }, s.consentTitle), el('p', { id: 'sapa-cb-body' }, s.consentBody));
    let codeInput: HTMLInputElement | null = null;
    if (needCode) {
      const label = el('label', {}, s.codeLabel);
      codeInput = el('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: '6', pattern: '[0-9]{6}' });
      label.append(el('br'), codeInput);
      box.append(label);
    }
    const errorLine = el('p', { class: 'error', role: 'alert' }, error ?? '');
    box.append(errorLine);
    const historyLabel = el('label');
    const history = el('input', { type: 'checkbox' });
    historyLabel.append(history, ` ${s.history}`);
    box.append(historyLabel);
    const yes = el('button', { type: 'button', class: 'primary' }, s.yes);
    const no = el('button', { type: 'button' }, s.no);
    const row = el('div', { class: 'row' });
    row.append(no, yes);
    box.append(row);
    const answer = (v: { code: string | null; history: boolean } | null): void => {
      const resolve = pending;
      pending = null;
      box.remove();
      consentBox = null;
      resolve?.(v);
    };
    yes.addEventListener('click', () => {
      const code = codeInput ? codeInput.value.replace(/\s/g, '') : null;
      if (codeInput && !/^\d{6}$/.test(code ?? '')) {
        errorLine.textContent = s.codeInvalid;
        codeInput.setAttribute('aria-invalid', 'true');
        codeInput.focus();
        return;
      }
      answer({ code, history: history.checked });
    });
    no.addEventListener('click', () => answer(null));
    box.addEventListener('keydown', (e) => { if (e.key === 'Escape') answer(null); });
    codeInput?.addEventListener('keydown', (e) => { if (e.key === 'Enter') yes.click(); });
    root.append(box);
    consentBox = box;
    mount();
    (codeInput ?? yes).focus();
  }

  const ask = (needCode: boolean, error: string | null) => new Promise<{ code: string | null; history: boolean } | null>((resolve) => {
    needCodeNow = needCode;
    pending = resolve;
    buildConsent(needCode, error);
  });

  let bar: HTMLElement | null = null;
  let suggestion: HTMLElement | null = null;
  let mark: HTMLElement | null = null;
  let markTimer: ReturnType<typeof setTimeout> | null = null;

  return {
    askConsent: (needCode) => ask(needCode, null),
    consentError: (message) => ask(needCodeNow, message),
    showBar(agentName, onEnd) {
      bar?.remove();
      bar = el('div', { class: 'box bar', role: 'region', 'aria-label': s.region });
      const end = el('button', { type: 'button', class: 'primary' }, s.end);
      end.addEventListener('click', onEnd);
      bar.append(el('span', {}, s.sharingWith(agentName)), end);
      root.append(bar);
      mount();
    },
    showSuggestion(url, onOpen) {
      suggestion?.remove();
      const box = el('div', { class: 'box suggest', role: 'dialog', 'aria-labelledby': 'sapa-cb-suggest' });
      const text = el('p', { id: 'sapa-cb-suggest' }, `${s.suggest} `);
      text.append(el('span', { class: 'url' }, url));
      const open = el('button', { type: 'button', class: 'primary' }, s.open);
      const ignore = el('button', { type: 'button' }, s.ignore);
      const row = el('div', { class: 'row' });
      row.append(ignore, open);
      box.append(text, row);
      open.addEventListener('click', () => { box.remove(); onOpen(); });
      ignore.addEventListener('click', () => box.remove());
      root.append(box);
      suggestion = box;
      mount();
      open.focus();
    },
    highlight(target) {
      target.scrollIntoView({ block: 'center', behavior: 'smooth' });
      const r = target.getBoundingClientRect();
      mark?.remove();
      if (markTimer) clearTimeout(markTimer);
      mark = el('div', { 'aria-hidden': 'true' });
      mark.style.cssText = `position:fixed;z-index:2147483646;pointer-events:none;border:3px solid #f2a900;border-radius:6px;
        box-shadow:0 0 0 4px rgba(242,169,0,.35);left:${r.left - 6}px;top:${r.top - 6}px;width:${r.width + 6}px;height:${r.height + 6}px`;
      root.append(mark);
      mount();
      live.textContent = s.pointed;
      markTimer = setTimeout(() => { mark?.remove(); mark = null; }, 4000);
    },
    notice(message) {
      // The box is its own status region (announced once); the pointer's live region stays quiet.
      const box = el('div', { class: 'box bar', role: 'status' }, message);
      const close = el('button', { type: 'button' }, s.close);
      close.addEventListener('click', () => box.remove());
      box.append(close);
      bar?.remove();
      bar = box;
      root.append(box);
      mount();
    },
    removeAll() {
      for (const n of [consentBox, bar, suggestion, mark]) n?.remove();
      consentBox = bar = suggestion = mark = null;
    },
  };
}
