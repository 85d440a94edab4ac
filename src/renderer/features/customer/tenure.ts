// Tenure ("3 years 2 months") from the date someone became a customer. Counted in whole
// calendar months so that 31 Jan → 28 Feb is not yet a month.

export interface Tenure {
  years: number;
  months: number;
}

/** Whole years and months from `since` (YYYY-MM-DD) to `today`; null when unknown or invalid. */
export function computeTenure(since: string | null, today: Date): Tenure | null {
  if (!since) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(since);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  let total = (today.getFullYear() - y) * 12 + (today.getMonth() + 1 - m);
  if (today.getDate() < d) total -= 1;
  if (total < 0) total = 0;
  return { years: Math.floor(total / 12), months: total % 12 };
}

type Translate = (key: string, options?: { count: number }) => string;

/** "3 years 2 months" / "3 tahun 2 bulan", leaving out a zero part. */
export function formatTenure(tenure: Tenure, t: Translate): string {
  const parts: string[] = [];
  if (tenure.years > 0) parts.push(t('tenure.years', { count: tenure.years }));
  if (tenure.months > 0) parts.push(t('tenure.months', { count: tenure.months }));
  return parts.length > 0 ? parts.join(' ') : t('tenure.lessThanMonth');
}
