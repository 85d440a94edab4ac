// The SLA clocks on a case: time left to its resolution due time, or how long it is overdue,
// as words (never colour alone); "due soon" from its warning time (server setting
// caseWarnPercent; a case without one: the last hour). Below it the response clock: time left
// to the first response, "Answered", or how late it is. Ticks every half minute while shown.
import { Badge, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isDueSoon } from '../../../shared/case-sla.js';
import { type Case } from '../../../shared/domain.js';
import { caseClockMinutes } from '../customer/overdue.js';

const WARN_MINUTES = 60;

function span(minutes: number): { h: number; m: number } {
  const abs = Math.abs(minutes);
  return { h: Math.floor(abs / 60), m: abs % 60 };
}

type ClockItem = Pick<Case, 'status' | 'slaDueAt'> & Partial<Pick<Case, 'warnAt' | 'responseDueAt' | 'respondedAt'>>;

function ResponseClock({ item, now }: { item: ClockItem; now: Date }) {
  const { t } = useTranslation();
  if (!item.responseDueAt) return null;
  if (item.respondedAt || item.status !== 'open') return <Text size="xs" c="dimmed">{t('caseSla.response.met')}</Text>;
  const minutes = Math.floor((Date.parse(item.responseDueAt) - now.getTime()) / 60_000);
  if (Number.isNaN(minutes)) return null;
  const { h, m } = span(minutes);
  return minutes < 0
    ? <Text size="xs" c="red" fw={600}>{t('caseSla.response.overdue', { h, m })}</Text>
    : <Text size="xs">{t('caseSla.response.left', { h, m })}</Text>;
}

export function SlaClock({ item }: { item: ClockItem }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const minutes = caseClockMinutes(item, now);
  if (minutes === null) return <>{t('cases.clock.done')}</>;
  const { h, m } = span(minutes);
  const soon = item.warnAt ? isDueSoon(item, now.getTime()) : minutes < WARN_MINUTES;
  const resolution = minutes < 0
    ? <Badge color="red" variant="filled" size="sm">{t('cases.clock.overdue', { h, m })}</Badge>
    : soon ? <Badge color="orange" variant="light" size="sm">{t('cases.clock.soon', { h, m })}</Badge> : <>{t('cases.clock.left', { h, m })}</>;
  if (!item.responseDueAt) return resolution;
  return (
    <Stack gap={2}>
      <span>{resolution}</span>
      <ResponseClock item={item} now={now} />
    </Stack>
  );
}
