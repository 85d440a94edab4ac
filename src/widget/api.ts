// The widget's calls to the Sapa server's public endpoints (/api/v1/webchat/…). The
// conversation token rides in the Authorization header (the event stream: in its URL, as
// EventSource cannot set headers) and is kept in localStorage so a reload resumes the chat.
export interface ChatMessage { seq: number; author: 'customer' | 'agent' | 'system'; agentName: string | null; body: string; at: string; file: { id: string; name: string; mime: string } | null }
export interface Conversation { id: string; status: 'waiting' | 'active' | 'ended'; name: string; language: 'id' | 'en'; verified: boolean; agentName: string | null; agentReadSeq: number; messages: ChatMessage[] }
export interface Config { uploadMaxBytes: number; powBits: number; minFillMs: number; challenge: string; slots: string[]; openNow: boolean }
export interface FaqEntry { id: string; title: string; body: string; category: string }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

export function createApi(server: string) {
  const key = `sapa-chat:${server}`;
  const base = `${server}/api/v1/webchat`;
  let token: string | null = null;
  try { token = localStorage.getItem(key); } catch { /* storage blocked: this page only */ }

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, raw?: { bytes: Blob; name: string }): Promise<T> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (raw) { headers['content-type'] = 'application/octet-stream'; headers['x-file-name'] = encodeURIComponent(raw.name); payload = raw.bytes; }
    else if (body !== undefined) { headers['content-type'] = 'application/json'; payload = JSON.stringify(body); }
    const res = await fetch(`${base}${path}`, { method, headers, ...(payload ? { body: payload } : {}), mode: 'cors', credentials: 'omit' });
    const text = await res.text();
    let json: unknown = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    if (!res.ok) {
      const err = (json ?? {}) as { code?: string; message?: string };
      throw new ApiError(res.status, err.code ?? 'INTERNAL', err.message ?? text.slice(0, 200));
    }
    return json as T;
  }

  return {
    hasToken: () => token !== null,
    token: () => token,
    setToken(t: string | null) {
      token = t;
      try { if (t) localStorage.setItem(key, t); else localStorage.removeItem(key); } catch { /* storage blocked */ }
    },
    config: () => call<Config>('GET', '/config'),
    faq: (lang: string, q: string) => call<{ entries: FaqEntry[] }>('GET', `/faq?lang=${lang}&q=${encodeURIComponent(q)}`),
    start: (b: unknown) => call<{ conversationId: string; token: string }>('POST', '/conversations', b),
    conversation: () => call<Conversation>('GET', '/conversation'),
    send: (body: string) => call<ChatMessage>('POST', '/messages', { body }),
    upload: (file: File) => call<ChatMessage>('POST', '/files', undefined, { bytes: file, name: file.name }),
    typing: () => call<{ ok: true }>('POST', '/typing'),
    read: (seq: number) => call<{ ok: true }>('POST', '/read', { seq }),
    end: () => call<unknown>('POST', '/end', { mailTranscript: false }),
    otpSend: () => call<{ channel: string }>('POST', '/otp/send'),
    otpVerify: (code: string) => call<{ verified: boolean }>('POST', '/otp/verify', { code }),
    callMe: (b: unknown) => call<{ id: string; dueAt: string; smsSent: boolean }>('POST', '/callme', b),
    stream: (after: number) => new EventSource(`${base}/stream?token=${encodeURIComponent(token ?? '')}&after=${after}`),
  };
}

export type Api = ReturnType<typeof createApi>;
