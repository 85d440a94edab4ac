// Form errors in the user's language: a zod issue (from the shared schema the server uses
// too, checked before sending) becomes "field: what is wrong" with the field's label and a
// translated reason; a server refusal becomes its code's text plus the server's details.
import { type TFunction } from 'i18next';
import { type z } from 'zod';
import { errorCodeOf, errorDetailsOf } from '../../platform/errors.js';

export type FieldErrors = Record<string, string>;

function reason(t: TFunction, issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small': return t('adminOrg.issue.tooShort');
    case 'too_big': return t('adminOrg.issue.tooLong', { max: String(issue.maximum) });
    case 'invalid_format': return t('adminOrg.issue.format');
    case 'invalid_type': return t('adminOrg.issue.required');
    case 'custom': {
      // A cross-check of the shared schema names itself (queue-routing.ts params.reason).
      const why = (issue.params as { reason?: unknown } | undefined)?.reason;
      return why === 'overflowNeedsSite' || why === 'widenOrder' ? t(`adminOrg.issue.${why}`) : t('adminOrg.issue.invalid');
    }
    default: return t('adminOrg.issue.invalid');
  }
}

/** Per field (the first issue of each), keyed by the top-level field name. */
export function fieldErrors(t: TFunction, error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_');
    out[key] ??= reason(t, issue);
  }
  return out;
}

/**
 * A failed save or delete, in words: a row in use names what uses it (and says to disable it
 * instead), a duplicate says so, bad input lists the server's details; otherwise the code's text.
 */
export function refusalText(t: TFunction, error: unknown): string {
  const code = errorCodeOf(error);
  const details = errorDetailsOf(error);
  if (code === 'CONFLICT') {
    const refs = details && typeof details === 'object' && 'references' in details
      ? (details as { references: Record<string, number> }).references : null;
    if (refs) {
      const list = Object.entries(refs).map(([what, n]) => t(`adminOrg.refs.${what}`, { count: n, defaultValue: `${n} ${what}` })).join(', ');
      return t('adminOrg.refused.inUse', { list });
    }
    return t('adminOrg.refused.duplicate');
  }
  if (code === 'INVALID_INPUT') {
    const list = Array.isArray(details) ? details.map(String).join('; ') : '';
    return list ? `${t('adminOrg.refused.INVALID_INPUT')} ${list}` : t('adminOrg.refused.INVALID_INPUT');
  }
  return t(`errors.${code}`, { defaultValue: t('errors.other') });
}
