import { Alert, Badge, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isDueSoon } from '../../../shared/case-sla.js';
import { type HomeCase } from '../../../shared/home-api.js';
import { OpenCustomerButton } from './OpenCustomerButton.js';
import { formatSlaClock, slaClock, slaTone } from './sla-clock.js';

export function AssignedCases({ cases }: { cases: HomeCase[] }) {
  const { t } = useTranslation();
  // Re-read the clock every half minute: a case enters its warning window without any data changing.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (cases.length === 0) return <Text size="sm" c="dimmed">{t('home.noCases')}</Text>;
  // "Due soon": in the last part of the resolution target (server setting caseWarnPercent).
  const soon = cases.filter((k) => isDueSoon(k, now));
  return (
    <>
      {soon.length > 0 && (
        <Alert color="orange" variant="light" p="xs" mb="xs" role="status" aria-label={t('caseSla.dueSoonNotice')}>
          {t('caseSla.dueSoonCount', { count: soon.length, cases: soon.map((k) => k.caseNo).join(', ') })}
        </Alert>
      )}
      <ul aria-label={t('home.cases')} className="sapa-home-list">
        {cases.map((k) => {
          const clock = slaClock(k.slaDueAt, now);
          const dueSoon = isDueSoon(k, now);
          return (
            <li key={k.id} className={clock?.overdue ? 'sapa-overdue' : undefined} data-overdue={clock?.overdue || undefined}
              data-due-soon={dueSoon || undefined}>
              <Group gap="xs" wrap="wrap">
                <Badge color={dueSoon ? 'orange' : slaTone(clock)} variant={clock?.overdue ? 'filled' : 'light'} size="sm">
                  {formatSlaClock(clock, t)}
                </Badge>
                {dueSoon && <Badge color="orange" variant="filled" size="sm">{t('caseSla.dueSoon')}</Badge>}
                <Text size="sm" fw={600} component="span">{k.caseNo}</Text>
                <OpenCustomerButton customerId={k.customerId} name={k.customerName} salutation={k.salutation} />
              </Group>
              <Text size="xs">
                {k.subject} · {t(`cases.priorities.${k.priority}`)} · {t(`cases.statuses.${k.status}`)}
              </Text>
            </li>
          );
        })}
      </ul>
    </>
  );
}
