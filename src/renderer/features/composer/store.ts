// The reply being composed on the customer screen: channel, recipient, the template text
// (inserted paragraphs with their {{…}} still in it), the blanks the agent filled, and the
// messages already sent to this customer (with retry for failed ones).
import { create } from 'zustand';
import { type ErrorCode } from '../../../shared/errors.js';
import { type InboundMessage, type OutboundMessage, type SendRequest } from '../../../shared/replies/messages.js';
import { type ReplyParagraph, type SendChannel } from '../../../shared/replies/schemas.js';
import { joinParagraphs } from '../../../shared/replies/template.js';
import { errorCodeOf, errorDetailsOf } from '../../platform/errors.js';
import { sapa } from '../../platform/sapa.js';

export interface SendFailure { code: ErrorCode; details: unknown }

interface ComposerState {
  customerId: string | null;
  channel: SendChannel;
  to: string;
  subject: string;
  template: string;
  /** Paragraphs inserted (for usage counts, the timeline, and the retired check). */
  paragraphIds: string[];
  blanks: Record<string, string>;
  /** Ids of inserted paragraphs that are no longer approved. */
  retiredIds: string[];
  sending: boolean;
  failure: SendFailure | null;
  lastSent: OutboundMessage | null;
  messages: OutboundMessage[];
  /** This customer's e-mails still waiting for an answer (SLA clock running). */
  awaiting: InboundMessage[];
  reset(customerId: string, channel: SendChannel, to: string): void;
  setChannel(channel: SendChannel, to: string): void;
  set(patch: Partial<Pick<ComposerState, 'to' | 'subject' | 'template' | 'failure'>>): void;
  setBlank(name: string, value: string): void;
  insert(paragraph: ReplyParagraph): void;
  checkRetired(): Promise<void>;
  loadMessages(): Promise<void>;
  send(request: Omit<SendRequest, 'channel' | 'to' | 'subject' | 'template' | 'blanks' | 'paragraphIds'>): Promise<boolean>;
  retry(id: string): Promise<void>;
}

export const useComposerStore = create<ComposerState>()((set, get) => ({
  customerId: null, channel: 'email', to: '', subject: '', template: '', paragraphIds: [], blanks: {}, retiredIds: [],
  sending: false, failure: null, lastSent: null, messages: [], awaiting: [],

  reset(customerId, channel, to) {
    set({ customerId, channel, to, subject: '', template: '', paragraphIds: [], blanks: {}, retiredIds: [], failure: null, lastSent: null, messages: [], awaiting: [] });
    void get().loadMessages();
  },
  setChannel(channel, to) {
    set({ channel, to, failure: null });
  },
  set(patch) {
    set(patch);
  },
  setBlank(name, value) {
    set((s) => ({ blanks: { ...s.blanks, [name]: value } }));
  },
  insert(paragraph) {
    set((s) => ({
      template: joinParagraphs([s.template, paragraph.body]),
      paragraphIds: s.paragraphIds.includes(paragraph.id) ? s.paragraphIds : [...s.paragraphIds, paragraph.id],
      failure: null, lastSent: null,
    }));
  },
  async checkRetired() {
    const ids = get().paragraphIds;
    if (ids.length === 0) return;
    const { paragraphs } = await sapa().call('replies.get', { ids });
    set({ retiredIds: paragraphs.filter((p) => p.status !== 'approved').map((p) => p.id) });
  },
  async loadMessages() {
    const customerId = get().customerId;
    if (!customerId) return;
    try {
      const { outbound, inbound } = await sapa().call('messages.forCustomer', { customerId });
      if (get().customerId === customerId) set({ messages: outbound, awaiting: inbound.filter((m) => m.answeredAt === null) });
    } catch {
      // Offline: the list of sent messages needs the server; the composer still works.
    }
  },
  async send(request) {
    const s = get();
    if (!s.customerId) return false;
    set({ sending: true, failure: null });
    try {
      const sent = await sapa().call('messages.send', {
        ...request, customerId: s.customerId, channel: s.channel, to: s.to, subject: s.subject || undefined,
        template: s.template, blanks: s.blanks, paragraphIds: s.paragraphIds,
        // An e-mail answers the oldest waiting one: threaded as a reply, its SLA clock stops.
        ...(s.channel === 'email' && s.awaiting.length > 0 ? { inboundId: s.awaiting[s.awaiting.length - 1]!.id } : {}),
      });
      set({ sending: false, lastSent: sent });
      // Recorded either way: a failed one waits in the list below with Retry, so sending the
      // same text again would only make a duplicate.
      set({ template: '', paragraphIds: [], blanks: {}, subject: '', retiredIds: [] });
      await get().loadMessages();
      return sent.status === 'sent';
    } catch (error) {
      set({ sending: false, failure: { code: errorCodeOf(error), details: errorDetailsOf(error) } });
      return false;
    }
  },
  async retry(id) {
    try {
      const sent = await sapa().call('messages.retry', { id });
      set({ lastSent: sent });
    } catch (error) {
      set({ failure: { code: errorCodeOf(error), details: errorDetailsOf(error) } });
    }
    await get().loadMessages();
  },
}));
