// The chat and call-me widget on the company's site, loaded by loader.js into the launcher's
// shadow root. Plain DOM, no framework. Two tabs: Chat (the public FAQ, then name + phone or
// e-mail → a conversation: messages both ways over server-sent events, typing and read
// marks, images/PDFs, an optional one-time code) and Telepon saya (a number and a time).
// A reload resumes the conversation (its token is in localStorage); a dropped connection
// is resumed by EventSource from the last message seen (Last-Event-ID).
//
// Extension point (browser sharing, docs/web-widget.md): when the agent asks, the server's
// stream sends `event: cobrowse` with JSON; the widget then loads /widget/cobrowse.js once
// and calls window.SapaCobrowse.start({ serverUrl, lang, sessionCode? }) with the code in the event, if any.
// The cobrowse script owns consent, masking and its own transport.
import { ApiError, createApi, type ChatMessage, type Config, type Conversation, type FaqEntry } from './api.js';
import { clear, h } from './dom.js';
import { solve } from './pow.js';
import { fill, STRINGS, type Lang, type Strings } from './strings.js';
import { CSS } from './styles.js';

interface MountOptions { server: string; lang: Lang; host: HTMLElement; launcher: HTMLButtonElement }
declare global {
  interface Window {
    SapaWidget?: { mount(o: MountOptions): void };
  }
}

const TYPING_EVERY_MS = 2_500;
const TYPING_SHOWN_MS = 4_000;

let mounted = false;

function mount({ server, lang: pageLang, host, launcher }: MountOptions): void {
  if (mounted) return;
  mounted = true;
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  root.append(h('style', { text: CSS }));
  const api = createApi(server);
  let L: Lang = pageLang;
  try { const saved = localStorage.getItem('sapa-chat-lang'); if (saved === 'en' || saved === 'id') L = saved; } catch { /* storage blocked */ }
  let S: Strings = STRINGS[L];
  let config: Config | null = null;
  let configAt = 0;
  let conversation: Conversation | null = null;
  let source: EventSource | null = null;
  let tab: 'chat' | 'call' = 'chat';
  let lastTyped = 0;
  let typingTimer: ReturnType<typeof setTimeout> | null = null;
  let open = false;
  let cobrowseLoading = false;

  const panel = h('div', { class: 'p', role: 'dialog', 'aria-labelledby': 'sapa-title', hidden: true });
  root.append(panel);

  const errorText = (e: unknown) => e instanceof ApiError ? (e.code === 'RATE_LIMITED' ? S.rateLimited : e.message || S.error) : S.error;

  /** The challenge for the next form: reused while fresh; a person faster than the minimum fill time waits out the rest. */
  async function challengeFor(): Promise<Config> {
    const c = config && Date.now() - configAt < 9 * 60_000 ? config : await freshConfig();
    const wait = configAt + c.minFillMs + 100 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    config = null;
    return c;
  }

  async function freshConfig(): Promise<Config> {
    config = await api.config();
    configAt = Date.now();
    return config;
  }

  /** Outside working hours the start form says when an agent will answer (the config came after the form). */
  function showClosedNote(c: Config) {
    const note = panel.querySelector('#sapa-closed') as HTMLElement | null;
    if (note) note.hidden = c.openNow;
  }

  function setOpen(next: boolean) {
    open = next;
    panel.hidden = !next;
    launcher.setAttribute('aria-expanded', String(next));
    if (next) {
      render();
      if (!config) void freshConfig().then(showClosedNote).catch(() => undefined);
      (panel.querySelector('input:not([tabindex="-1"]),textarea') as HTMLElement | null ?? panel.querySelector('button'))?.focus();
      markRead();
    } else launcher.focus();
  }
  launcher.addEventListener('click', () => setOpen(!open));
  panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') setOpen(false); });

  // ------------------------------------------------------------------ rendering
  function render() {
    clear(panel);
    const langSelect = h('select', { 'aria-label': S.language, onchange: (e: Event) => {
      L = (e.target as HTMLSelectElement).value as Lang;
      S = STRINGS[L];
      try { localStorage.setItem('sapa-chat-lang', L); } catch { /* storage blocked */ }
      render();
    } }, h('option', { value: 'id', text: 'Bahasa Indonesia', selected: L === 'id' }), h('option', { value: 'en', text: 'English', selected: L === 'en' }));
    panel.append(h('header', {}, h('h2', { id: 'sapa-title', text: S.title }), langSelect,
      h('button', { type: 'button', class: 'x', 'aria-label': S.close, text: '×', onclick: () => setOpen(false) })));
    const tabs: ['chat' | 'call', string][] = [['chat', S.chat], ['call', S.callMe]];
    const list = h('div', { role: 'tablist', 'aria-label': S.tabs });
    for (const [key, label] of tabs) {
      list.append(h('button', {
        type: 'button', role: 'tab', id: `sapa-tab-${key}`, 'aria-controls': `sapa-panel-${key}`, 'aria-selected': String(tab === key),
        tabindex: tab === key ? '0' : '-1', text: label,
        onclick: () => { tab = key; render(); (panel.querySelector(`#sapa-tab-${key}`) as HTMLElement | null)?.focus(); },
        onkeydown: (e: Event) => {
          const k = (e as KeyboardEvent).key;
          if (k !== 'ArrowRight' && k !== 'ArrowLeft') return;
          tab = tab === 'chat' ? 'call' : 'chat';
          render();
          (panel.querySelector(`#sapa-tab-${tab}`) as HTMLElement | null)?.focus();
        },
      }));
    }
    panel.append(list);
    const body = h('div', { role: 'tabpanel', id: `sapa-panel-${tab}`, 'aria-labelledby': `sapa-tab-${tab}` });
    panel.append(body);
    if (tab === 'call') renderCallMe(body);
    else if (conversation) renderConversation(body, conversation);
    else renderStart(body);
  }

  function field(label: string, input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): HTMLLabelElement {
    return h('label', {}, label, input);
  }
  /** Hidden from people (off-screen, not focusable, not read): a bot filling every field fills it. */
  const honeypot = () => {
    const input = h('input', { name: 'website', type: 'text', tabindex: '-1', autocomplete: 'off' });
    return { input, el: h('div', { class: 'hp', 'aria-hidden': 'true' }, h('label', {}, S.honeypot, input)) };
  };

  function faqBox(collapsed: boolean): HTMLElement {
    const listEl = h('div', { class: 'faq' });
    const search = h('input', { type: 'search', 'aria-label': S.faqSearch, placeholder: S.faqSearch });
    const show = async () => {
      try {
        const { entries } = await api.faq(L, search.value);
        clear(listEl);
        if (entries.length === 0) listEl.append(h('p', { class: 'st', text: S.faqEmpty }));
        for (const e of entries as FaqEntry[]) listEl.append(h('details', {}, h('summary', { text: e.title }), h('p', { text: e.body })));
      } catch { clear(listEl); }
    };
    let timer: ReturnType<typeof setTimeout> | null = null;
    search.addEventListener('input', () => { if (timer) clearTimeout(timer); timer = setTimeout(() => void show(), 250); });
    void show();
    const inner = h('section', { 'aria-label': S.faq, class: 'faq' }, search, listEl);
    if (!collapsed) return h('div', { class: 'faq' }, h('h3', { text: S.faq, style: 'margin:0;font-size:15px' }), inner);
    return h('details', {}, h('summary', { text: S.faq }), inner);
  }

  function renderStart(body: HTMLElement) {
    body.append(faqBox(false));
    const name = h('input', { name: 'name', autocomplete: 'name', required: true, maxlength: '80' });
    const phone = h('input', { name: 'phone', type: 'tel', autocomplete: 'tel', maxlength: '32' });
    const email = h('input', { name: 'email', type: 'email', autocomplete: 'email', maxlength: '254' });
    const hp = honeypot();
    const error = h('p', { class: 'err', role: 'alert' });
    const submit = h('button', { type: 'submit', text: S.start });
    const form = h('form', { novalidate: true, 'aria-label': S.chat, class: 'faq' },
      field(S.name, name), field(S.phone, phone), field(S.email, email), h('p', { class: 'st', text: S.phoneOrEmail }), hp.el, error, submit);
    form.insertBefore(h('p', { class: 'st', id: 'sapa-closed', hidden: !config || config.openNow, text: S.closedNow }), submit);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      error.textContent = '';
      if (!name.value.trim() || (!phone.value.trim() && !email.value.trim())) { error.textContent = `${S.name}: ${S.phoneOrEmail}`; return; }
      submit.disabled = true;
      submit.textContent = S.preparing;
      void (async () => {
        try {
          const c = await challengeFor();
          const nonce = await solve(c.challenge, c.powBits);
          const started = await api.start({
            name: name.value, language: L, pow: { challenge: c.challenge, nonce },
            ...(phone.value.trim() ? { phone: phone.value } : {}), ...(email.value.trim() ? { email: email.value } : {}),
            ...(hp.input.value ? { website: hp.input.value } : {}),
          });
          api.setToken(started.token);
          await resume();
          (panel.querySelector('textarea') as HTMLElement | null)?.focus();
        } catch (err) {
          error.textContent = errorText(err);
          submit.disabled = false;
          submit.textContent = S.start;
          void freshConfig().catch(() => undefined);
        }
      })();
    });
    body.append(form);
  }

  function messageEl(m: ChatMessage): HTMLElement {
    if (m.author === 'system') return h('div', { class: 'm y', text: S.system[m.body] ?? m.body });
    const who = m.author === 'customer' ? S.you : (m.agentName ?? S.agent);
    const time = new Date(m.at).toLocaleTimeString(L === 'id' ? 'id-ID' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
    return h('div', { class: `m ${m.author === 'customer' ? 'c' : 'a'}`, 'data-seq': String(m.seq) },
      h('small', { text: `${who} · ${time}` }), m.file ? `${S.file}: ${m.file.name}` : m.body);
  }

  function statusText(c: Conversation): string {
    if (c.status === 'ended') return S.ended;
    if (c.status === 'active' && c.agentName) return fill(S.connected, { name: c.agentName });
    return S.waiting;
  }

  function renderConversation(body: HTMLElement, c: Conversation) {
    body.append(h('p', { class: 'st', role: 'status', id: 'sapa-status', text: statusText(c) }));
    if (c.status === 'waiting') body.append(faqBox(true));
    if (c.status !== 'ended') body.append(verifyBox(c));
    const log = h('div', { class: 'log', role: 'log', 'aria-label': S.log, id: 'sapa-log', tabindex: '0' });
    for (const m of c.messages) log.append(messageEl(m));
    body.append(log);
    body.append(h('p', { class: 'st', 'aria-live': 'polite', id: 'sapa-typing', hidden: true }));
    showRead();
    if (c.status === 'ended') {
      body.append(h('button', { type: 'button', class: 's', text: S.newChat, onclick: () => { stopStream(); api.setToken(null); conversation = null; render(); } }));
      requestAnimationFrame(() => { log.scrollTop = log.scrollHeight; });
      return;
    }
    const text = h('textarea', { rows: '2', 'aria-label': S.message, maxlength: '2000' });
    const error = h('p', { class: 'err', role: 'alert' });
    const file = h('input', { type: 'file', accept: 'image/png,image/jpeg,image/gif,image/webp,application/pdf', hidden: true, 'aria-label': S.attach });
    const send = async () => {
      const value = text.value.trim();
      if (!value) return;
      error.textContent = '';
      try {
        add(await api.send(value));
        text.value = '';
      } catch (e) { error.textContent = e instanceof ApiError ? errorText(e) : S.failed; }
    };
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); void send(); }
    });
    text.addEventListener('input', () => {
      if (Date.now() - lastTyped > TYPING_EVERY_MS) { lastTyped = Date.now(); void api.typing().catch(() => undefined); }
    });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = '';
      if (!f) return;
      const max = config?.uploadMaxBytes ?? 2 * 1024 * 1024;
      if (f.size > max) { error.textContent = fill(S.tooLarge, { kb: String(Math.floor(max / 1024)) }); return; }
      void api.upload(f).then(add, (e: unknown) => { error.textContent = errorText(e); });
    });
    body.append(error, h('div', { class: 'row' }, text,
      h('button', { type: 'button', class: 's', 'aria-label': S.attach, title: S.attach, text: S.file, onclick: () => file.click() }), file,
      h('button', { type: 'button', text: S.send, onclick: () => void send() })));
    body.append(h('button', { type: 'button', class: 's', text: S.endChat, onclick: () => void api.end().then(() => resume(), (e: unknown) => { error.textContent = errorText(e); }) }));
    requestAnimationFrame(() => { log.scrollTop = log.scrollHeight; });
  }

  function verifyBox(c: Conversation): HTMLElement {
    if (c.verified) return h('p', { class: 'st', text: `✔ ${S.verified}` });
    const box = h('div', {});
    const note = h('p', { class: 'st', 'aria-live': 'polite' });
    const ask = h('button', { type: 'button', class: 's', text: S.verify, onclick: () => void api.otpSend().then(() => {
      note.textContent = S.codeSent;
      const code = h('input', { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6' });
      const check = h('button', { type: 'button', text: S.checkCode, onclick: () => void api.otpVerify(code.value.trim()).then((r) => {
        if (r.verified) void resume(); else note.textContent = S.codeWrong;
      }, (e: unknown) => { note.textContent = errorText(e); }) });
      ask.replaceWith(h('div', { class: 'row' }, field(S.code, code), check));
      code.focus();
    }, (e: unknown) => { note.textContent = errorText(e); }) });
    box.append(ask, note);
    return box;
  }

  function renderCallMe(body: HTMLElement) {
    const name = h('input', { name: 'name', autocomplete: 'name', maxlength: '80' });
    const phone = h('input', { name: 'phone', type: 'tel', autocomplete: 'tel', maxlength: '32' });
    const when = h('select', { class: 'f', name: 'when' }, h('option', { value: 'asap', text: S.asap }));
    const fmt = new Intl.DateTimeFormat(L === 'id' ? 'id-ID' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    const fillSlots = (c: Config) => { for (const s of c.slots) when.append(h('option', { value: s, text: fmt.format(new Date(s)) })); };
    if (config) fillSlots(config); else void freshConfig().then(fillSlots).catch(() => undefined);
    const hp = honeypot();
    const error = h('p', { class: 'err', role: 'alert' });
    const submit = h('button', { type: 'submit', text: S.callMeSend });
    const form = h('form', { novalidate: true, 'aria-label': S.callMe, class: 'faq' }, field(S.name, name), field(S.phone, phone), field(S.when, when), hp.el, error, submit);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      error.textContent = '';
      if (!name.value.trim() || !phone.value.trim()) { error.textContent = `${S.name}, ${S.phone}`; return; }
      submit.disabled = true;
      submit.textContent = S.preparing;
      void (async () => {
        try {
          const c = await challengeFor();
          const nonce = await solve(c.challenge, c.powBits);
          const done = await api.callMe({ name: name.value, phone: phone.value, when: when.value, language: L, pow: { challenge: c.challenge, nonce }, ...(hp.input.value ? { website: hp.input.value } : {}) });
          const at = when.value === 'asap' ? S.asap.toLowerCase() : fill(S.at, { time: fmt.format(new Date(done.dueAt)) });
          form.replaceWith(h('p', { class: 'ok', role: 'status', tabindex: '-1', text: fill(S.callMeDone, { phone: phone.value, when: at }) }));
          (body.querySelector('.ok') as HTMLElement | null)?.focus();
          void freshConfig().catch(() => undefined);
        } catch (err) {
          error.textContent = errorText(err);
          submit.disabled = false;
          submit.textContent = S.callMeSend;
          void freshConfig().catch(() => undefined);
        }
      })();
    });
    body.append(form);
  }

  // ------------------------------------------------------------------ live conversation
  function add(m: ChatMessage) {
    if (!conversation || conversation.messages.some((x) => x.seq === m.seq)) return;
    conversation.messages.push(m);
    conversation.messages.sort((a, b) => a.seq - b.seq);
    const log = panel.querySelector('#sapa-log');
    if (log && tab === 'chat') {
      log.append(messageEl(m));
      log.scrollTop = log.scrollHeight;
    }
    if (m.author === 'agent') { showTyping(false); markRead(); }
    showRead();
  }

  function showTyping(on: boolean) {
    const el = panel.querySelector('#sapa-typing') as HTMLElement | null;
    if (!el || !conversation) return;
    el.hidden = !on;
    el.textContent = on ? fill(S.typing, { name: conversation.agentName ?? S.agent }) : '';
    if (typingTimer) clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(() => showTyping(false), TYPING_SHOWN_MS);
  }

  /** "Read" under the customer's last message the agent has seen. */
  function showRead() {
    panel.querySelectorAll('.rd').forEach((n) => n.remove());
    if (!conversation) return;
    const mine = conversation.messages.filter((m) => m.author === 'customer' && m.seq <= conversation!.agentReadSeq).pop();
    const el = mine ? panel.querySelector(`[data-seq="${mine.seq}"]`) : null;
    el?.append(h('small', { class: 'rd', text: `✓ ${S.read}` }));
  }

  function markRead() {
    if (!open || !conversation) return;
    const last = conversation.messages.filter((m) => m.author !== 'customer').pop();
    if (last) void api.read(last.seq).catch(() => undefined);
  }

  function stopStream() {
    source?.close();
    source = null;
  }

  function startStream() {
    stopStream();
    const after = conversation?.messages.at(-1)?.seq ?? 0;
    const es = api.stream(after);
    source = es;
    es.addEventListener('message', (e) => add(JSON.parse((e as MessageEvent<string>).data) as ChatMessage));
    es.addEventListener('typing', () => showTyping(true));
    es.addEventListener('status', (e) => {
      if (!conversation) return;
      const s = JSON.parse((e as MessageEvent<string>).data) as Pick<Conversation, 'status' | 'agentName' | 'verified' | 'agentReadSeq'>;
      const changed = s.status !== conversation.status || s.agentName !== conversation.agentName || s.verified !== conversation.verified;
      Object.assign(conversation, s);
      if (changed && tab === 'chat' && open) render();
      else showRead();
      if (s.status === 'ended') stopStream();
    });
    es.addEventListener('cobrowse', (e) => loadCobrowse(JSON.parse((e as MessageEvent<string>).data || '{}') as unknown));
  }

  /** Browser sharing (src/cobrowse/, window.SapaCobrowse, declared there): the agent's code, if the event brings one. */
  function loadCobrowse(detail: unknown) {
    if (!conversation || !api.token()) return;
    const code = typeof (detail as { code?: unknown } | null)?.code === 'string' ? (detail as { code: string }).code : undefined;
    const start = () => void window.SapaCobrowse?.start({ serverUrl: server, lang: L, ...(code ? { sessionCode: code } : {}) });
    if (window.SapaCobrowse) { start(); return; }
    if (cobrowseLoading) return;
    cobrowseLoading = true;
    const s = document.createElement('script');
    s.src = `${server}/widget/cobrowse.js`;
    s.async = true;
    s.onload = start;
    s.onerror = () => { cobrowseLoading = false; };
    document.head.appendChild(s);
  }

  async function resume(): Promise<void> {
    try {
      conversation = await api.conversation();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) { api.setToken(null); conversation = null; render(); return; }
      throw e;
    }
    if (conversation.status === 'ended') stopStream();
    else if (!source) startStream();
    render();
  }

  if (api.hasToken()) {
    // A conversation is going (a reload, another page of the site): reopen it where it was.
    void resume().then(() => { if (conversation) setOpen(true); }).catch(() => undefined);
  }
}

window.SapaWidget = { mount };
