// Text rules of quality forms and evaluations: ids are short slugs (answers and comments
// refer to items by them), labels come in Indonesian and English, and nothing a person
// types may carry control characters (guidance, comments and reasons may have line breaks).
import { z } from 'zod';

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A line of text shown in lists: 1..max characters, no control characters. */
export const lineText = (max: number) => z.string().trim().min(1).max(max)
  .refine((s) => !CONTROL.test(s), 'must not contain control characters');

/** Text with paragraphs (guidance, comments, reasons): line breaks and tabs allowed. */
export const longText = (max: number) => z.string().trim().min(1).max(max)
  .refine((s) => !CONTROL_BUT_LINES.test(s), 'must not contain control characters other than line breaks');

/** A section, item or option id: lowercase letters, digits, "-" and "_", at most 40. */
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/,
  'lowercase letters, digits, "-" and "_" only, starting with a letter or digit, at most 40');

/** A label in both languages of the desktop. */
export const QualityLabel = z.object({ id: lineText(200), en: lineText(200) }).strict();
export type QualityLabel = z.infer<typeof QualityLabel>;

export const QualityGuidance = z.object({ id: longText(2000), en: longText(2000) }).strict();
