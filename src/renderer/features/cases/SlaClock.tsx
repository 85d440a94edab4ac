// The SLA clock on a case: time left to its due time, or how long it is overdue, as words
// (never colour alone). Ticks every half minute while shown.
import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Case } from '../../../shared/domain.js';
import { caseClockMinutes } from '../customer/overdue.js';

const WARN_MINUTES = 60;

function span(minutes: number): { h: number; m: number } {
  const abs = Math.abs(minutes);
  return { h: Math.floor(abs / 60), m: abs % 60 };
}

export function SlaClock({ item }: { item: Pick<Case, 'status' | 'slaDueAt'> }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const minutes = caseClockMinutes(item, now);
  if (minutes === null) return <>{t('cases.clock.done')}</>;
  const { h, m } = span(minutes);
  if (minutes < 0) return <Badge color="red" variant="filled" size="sm">{t('cases.clock.overdue', { h, m })}</Badge>;
  if (minutes < WARN_MINUTES) return <Badge color="orange" variant="light" size="sm">{t('cases.clock.soon', { h, m })}</Badge>;
  return <>{t('cases.clock.left', { h, m })}</>;
}
