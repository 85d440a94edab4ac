// The reply being composed on the customer screen: channel, recipient, the template text
// (inserted paragraphs with their {{…}} still in it) and the blanks the agent filled. The
// messages already sent and the e-mails waiting come from the messages.forCustomer query.
//
// Exactly-once: the store makes the send's idempotency key before the first attempt and
// keeps it while the message is unchanged, so Send clicked again after a timeout repeats
// the same send (the server answers the first result instead of mailing twice). Any edit
// makes it a different message, with a new key.
import { v4 as uuidv4 } from 'uuid';
import { create } from 'zustand';
import { type ErrorCode } from '../../../shared/errors.js';
import { type OutboundMessage, type SendRequest } from '../../../shared/replies/messages.js';
import { type ReplyParagraph, type SendChannel } from '../../../shared/replies/schemas.js';
import { joinParagraphs } from '../../../shared/replies/template.js';
import { errorCodeOf, errorDetailsOf } from '../../platform/errors.js';
import { invalidateCoreData } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { recordOnCurrentCall } from '../softphone/call-events.js';

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
  sending: boolean;
  failure: SendFailure | null;
  lastSent: OutboundMessage | null;
  /** The idempotency key of the message as composed now (null until the first Send). */
  sendKey: string | null;
  /** Replying on this case ("Reply to customer" on the case): sent through the outbox as case.reply. */
  caseId: string | null;
  /** The last case reply was saved (it leaves once the server has it). */
  caseReplySaved: boolean;
  setCase(caseId: string | null): void;
  reset(customerId: string, channel: SendChannel, to: string): void;
  setChannel(channel: SendChannel, to: string): void;
  set(patch: Partial<Pick<ComposerState, 'to' | 'subject' | 'template' | 'failure'>>): void;
  setBlank(name: string, value: string): void;
  insert(paragraph: ReplyParagraph): void;
  /** `inboundId`: the waiting e-mail this answers (threads it, stops its SLA clock). */
  send(request: Omit<SendRequest, 'customerId' | 'channel' | 'to' | 'subject' | 'template' | 'blanks' | 'paragraphIds' | 'idempotencyKey'>): Promise<boolean>;
  retry(id: string): Promise<void>;
}

export const useComposerStore = create<ComposerState>()((set, get) => ({
  customerId: null, channel: 'email', to: '', subject: '', template: '', paragraphIds: [], blanks: {},
  sending: false, failure: null, lastSent: null, sendKey: null, caseId: null, caseReplySaved: false,

  reset(customerId, channel, to) {
    set({ customerId, channel, to, subject: '', template: '', paragraphIds: [], blanks: {}, failure: null, lastSent: null, sendKey: null, caseId: null, caseReplySaved: false });
  },
  setCase(caseId) {
    // A case reply goes by e-mail or SMS (a chat answer belongs to the chat session).
    set((s) => ({ caseId, caseReplySaved: false, failure: null, lastSent: null, ...(caseId && s.channel === 'chat' ? { channel: 'email' as const } : {}) }));
  },
  setChannel(channel, to) {
    set({ channel, to, failure: null, sendKey: null });
  },
  set(patch) {
    // Only clearing the failure leaves the message as it was (same key); anything else edits it.
    set(Object.keys(patch).every((k) => k === 'failure') ? patch : { ...patch, sendKey: null });
  },
  setBlank(name, value) {
    set((s) => ({ blanks: { ...s.blanks, [name]: value }, sendKey: null }));
  },
  insert(paragraph) {
    // Inserted while talking: the call's review shows it.
    recordOnCurrentCall('paragraph_inserted', paragraph.title);
    set((s) => ({
      template: joinParagraphs([s.template, paragraph.body]),
      paragraphIds: s.paragraphIds.includes(paragraph.id) ? s.paragraphIds : [...s.paragraphIds, paragraph.id],
      failure: null, lastSent: null, sendKey: null,
    }));
  },
  async send(request) {
    const s = get();
    if (!s.customerId) return false;
    if (s.caseId && s.channel !== 'chat') {
      // Through the outbox: saved at once (offline too), sent once by the server.
      set({ sending: true, failure: null, caseReplySaved: false });
      try {
        await sapa().call('cases.reply', {
          caseId: s.caseId, channel: s.channel, to: s.to, ...(s.subject ? { subject: s.subject } : {}),
          template: s.template, blanks: s.blanks, paragraphIds: s.paragraphIds, previewText: request.previewText,
        });
        set({ sending: false, caseReplySaved: true, template: '', paragraphIds: [], blanks: {}, subject: '', sendKey: null });
        await invalidateCoreData();
        return true;
      } catch (error) {
        set({ sending: false, failure: { code: errorCodeOf(error), details: errorDetailsOf(error) } });
        return false;
      }
    }
    const idempotencyKey = s.sendKey ?? uuidv4();
    set({ sending: true, failure: null, sendKey: idempotencyKey });
    try {
      const sent = await sapa().call('messages.send', {
        ...request, customerId: s.customerId, channel: s.channel, to: s.to, subject: s.subject || undefined,
        template: s.template, blanks: s.blanks, paragraphIds: s.paragraphIds, idempotencyKey,
      });
      set({ sending: false, lastSent: sent });
      // Recorded either way: a failed one waits in the list below with Retry, so sending the
      // same text again would only make a duplicate.
      set({ template: '', paragraphIds: [], blanks: {}, subject: '', sendKey: null });
      // The sent list, the waiting e-mails and the timeline all changed.
      await invalidateCoreData();
      return sent.status === 'sent';
    } catch (error) {
      set({ sending: false, failure: { code: errorCodeOf(error), details: errorDetailsOf(error) } });
      return false;
    }
  },
  async retry(id) {
    try {
      // One key per click: a repeat of this retry (failover) sends once; a second click while
      // it is still being sent is refused by the server (CONFLICT) rather than sent twice.
      const sent = await sapa().call('messages.retry', { id, idempotencyKey: uuidv4() });
      set({ lastSent: sent });
    } catch (error) {
      set({ failure: { code: errorCodeOf(error), details: errorDetailsOf(error) } });
    }
    await invalidateCoreData();
  },
}));
