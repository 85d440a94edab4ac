// Reply paragraphs: the pre-written, approved texts agents put together into an e-mail,
// SMS or chat answer. Replicated to every desktop (sync table `reply_paragraphs`).
import { z } from 'zod';
import { Language, Tier, Timestamp, Version } from '../domain.js';

export const REPLY_CHANNELS = ['email', 'sms', 'chat', 'call_script'] as const;
export const ReplyChannel = z.enum(REPLY_CHANNELS);
export type ReplyChannel = z.infer<typeof ReplyChannel>;

/** Channels a composed message can go out on (a call script is read aloud, not sent). */
export const SEND_CHANNELS = ['email', 'sms', 'chat'] as const;
export const SendChannel = z.enum(SEND_CHANNELS);
export type SendChannel = z.infer<typeof SendChannel>;

export const ParagraphStatus = z.enum(['draft', 'approved', 'retired']);
export type ParagraphStatus = z.infer<typeof ParagraphStatus>;

/** Largest paragraph body (characters); larger bodies are refused with TOO_LARGE. */
export const MAX_PARAGRAPH_BODY = 20_000;
/** Largest composed message (characters). */
export const MAX_MESSAGE_BODY = 50_000;

export const Shortcut = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _');
/** Category path, segments separated by "/", e.g. "billing/late-payment". */
export const CategoryPath = z.string().regex(/^[a-z0-9-]+(\/[a-z0-9-]+){0,4}$/, 'segments of a-z 0-9 - separated by /');

export const ReplyParagraph = z.object({
  id: z.uuid(),
  title: z.string().min(1).max(200),
  shortcut: Shortcut,
  category: CategoryPath,
  channels: z.array(ReplyChannel).min(1).max(4),
  language: Language,
  /** Empty = every tier. */
  tiers: z.array(Tier).max(4),
  body: z.string().min(1).max(MAX_PARAGRAPH_BODY),
  status: ParagraphStatus,
  /** 1, 2, 3 … one per saved edit. */
  revision: z.number().int().positive(),
  authorId: z.uuid().nullable(),
  authorName: z.string().max(200).nullable(),
  updatedAt: Timestamp,
  usageCount: z.number().int().nonnegative(),
  version: Version,
});
export type ReplyParagraph = z.infer<typeof ReplyParagraph>;

/** What a lead sends to create or edit a paragraph. */
export const ParagraphInput = z.object({
  title: z.string().trim().min(1).max(200),
  shortcut: Shortcut,
  category: CategoryPath,
  channels: z.array(ReplyChannel).min(1).max(4),
  language: Language,
  tiers: z.array(Tier).max(4).default([]),
  // Length is checked after parsing so that a huge body gets TOO_LARGE, not a zod message.
  body: z.string().min(1),
});
export type ParagraphInput = z.infer<typeof ParagraphInput>;

export const ParagraphRevision = z.object({
  paragraphId: z.uuid(),
  revision: z.number().int().positive(),
  title: z.string(),
  body: z.string(),
  status: ParagraphStatus,
  authorName: z.string().nullable(),
  createdAt: Timestamp,
});
export type ParagraphRevision = z.infer<typeof ParagraphRevision>;
