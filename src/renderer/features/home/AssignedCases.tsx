import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type HomeCase } from '../../../shared/home-api.js';
import { OpenCustomerButton } from './OpenCustomerButton.js';
import { formatSlaClock, slaClock, slaTone } from './sla-clock.js';

export function AssignedCases({ cases }: { cases: HomeCase[] }) {
  const { t } = useTranslation();
  if (cases.length === 0) return <Text size="sm" c="dimmed">{t('home.noCases')}</Text>;
  const now = Date.now();
  return (
    <ul aria-label={t('home.cases')} className="sapa-home-list">
      {cases.map((k) => {
        const clock = slaClock(k.slaDueAt, now);
        return (
          <li key={k.id} className={clock?.overdue ? 'sapa-overdue' : undefined} data-overdue={clock?.overdue || undefined}>
            <Group gap="xs" wrap="wrap">
              <Badge color={slaTone(clock)} variant={clock?.overdue ? 'filled' : 'light'} size="sm">
                {formatSlaClock(clock, t)}
              </Badge>
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
  );
}
