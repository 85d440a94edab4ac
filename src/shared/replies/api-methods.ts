// Desktop API methods of the reply library, the composer and messaging; spread into
// `methods` in src/shared/api.ts.
import { z } from 'zod';
import { Language, Tier } from '../domain.js';
import {
  CustomerMessagesResponse, InboundMessage, InboxResponse, OutboundMessage, SaveParagraphRequest, SendRequest,
} from './messages.js';
import { ParagraphRevision, ReplyChannel, ReplyParagraph } from './schemas.js';

export const SpellingIssue = z.object({
  word: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  suggestions: z.array(z.string()).max(5),
});
export type SpellingIssue = z.infer<typeof SpellingIssue>;

export const repliesMethods = {
  /** As-you-type search of the cached library; an empty query answers suggestions for the context. */
  'replies.search': {
    input: z.object({
      query: z.string().max(200),
      channel: ReplyChannel.optional(),
      language: Language.optional(),
      tier: Tier.optional(),
      category: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(50).default(10),
    }),
    output: z.object({ results: z.array(ReplyParagraph), tookMs: z.number() }),
  },
  /** Paragraphs by id from the cache, whatever their status (the composer checks for retired ones). */
  'replies.get': {
    input: z.object({ ids: z.array(z.uuid()).max(50) }),
    output: z.object({ paragraphs: z.array(ReplyParagraph) }),
  },
  /** Whole library (leads' editor), any status. */
  'replies.list': { input: z.object({}).strict(), output: z.object({ paragraphs: z.array(ReplyParagraph) }) },
  'replies.save': {
    input: SaveParagraphRequest.extend({ id: z.uuid().optional() }),
    output: ReplyParagraph,
  },
  'replies.setStatus': {
    input: z.object({ id: z.uuid(), status: z.enum(['approved', 'retired']) }),
    output: ReplyParagraph,
  },
  'replies.revisions': { input: z.object({ id: z.uuid() }), output: z.object({ revisions: z.array(ParagraphRevision) }) },
  /** Offline spell check (hunspell dictionaries in core); `{{…}}` placeholders are skipped. */
  'replies.spellcheck': {
    input: z.object({ text: z.string().max(100_000), language: Language, ignore: z.array(z.string().max(100)).max(50).default([]) }),
    output: z.object({ issues: z.array(SpellingIssue) }),
  },
  'messages.send': { input: SendRequest, output: OutboundMessage },
  /** idempotencyKey: made once per retry the agent asks for (see SendRequest.idempotencyKey). */
  'messages.retry': { input: z.object({ id: z.uuid(), idempotencyKey: z.uuid() }), output: OutboundMessage },
  'messages.forCustomer': { input: z.object({ customerId: z.uuid() }), output: CustomerMessagesResponse },
  'messages.inbox': { input: z.object({}).strict(), output: InboxResponse },
  /** Gives an unmatched inbound e-mail to a customer (it then joins their timeline). */
  'messages.assign': { input: z.object({ id: z.uuid(), customerId: z.uuid() }), output: InboundMessage },
} as const;
