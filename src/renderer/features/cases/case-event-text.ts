// The server writes a case event's subject in English with the statuses' codes
// ("CS-0042 · No signal · open → resolved", "… · Customer notified: resolved"): the timeline
// and the case's events show it in the reader's language. Anything else stays as written.
import { type TFunction } from 'i18next';

const MOVE = /(^|· )([a-z_]+) → ([a-z_]+)$/;
const NOTIFIED = /(^|· )Customer notified: ([a-z_]+)$/;

export function localCaseEventText(text: string, t: TFunction): string {
  const status = (code: string) => t(`cases.statuses.${code}`, { defaultValue: code });
  const move = MOVE.exec(text);
  if (move) return `${text.slice(0, move.index)}${move[1]}${status(move[2]!)} → ${status(move[3]!)}`;
  const notified = NOTIFIED.exec(text);
  if (notified) return `${text.slice(0, notified.index)}${notified[1]}${t('cases.detail.kinds.notified')}: ${status(notified[2]!)}`;
  return text;
}
