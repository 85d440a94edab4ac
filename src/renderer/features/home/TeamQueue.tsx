// The agent's team queue on the home: cases waiting in their back-office team's queue with
// no one holding them (a lead or a colleague put them there); "Take" assigns one to oneself.
// Read from the server: offline, the section says it needs a connection.
import { Alert, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/error-text.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useAuthStore } from '../auth/store.js';
import { HomeSection } from './HomeSection.js';
import { OpenCustomerButton } from './OpenCustomerButton.js';

export function TeamQueue() {
  const { t } = useTranslation();
  const me = useAuthStore((s) => s.user);
  const queue = useCoreQuery('cases.teamQueue', {}, { retry: false, refetchInterval: 60_000 });
  const [error, setError] = useState<string | null>(null);
  const items = queue.data?.items ?? [];
  // Nothing in the queue (or no team): the home stays as it was.
  if (!queue.error && items.length === 0) return null;
  const take = async (caseId: string) => {
    if (!me) return;
    try {
      await sapa().call('cases.assign', { caseId, to: { assigneeId: me.id } });
      setError(null);
      await Promise.all([queue.refetch(), invalidateMethod('home.overview')]);
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <HomeSection title={t('caseSla.teamQueue')} count={items.length}>
      {queue.error && <Text size="sm" c="dimmed">{t('caseSla.teamQueueOffline')}</Text>}
      {error && <Alert color="red" role="alert" p="xs">{error}</Alert>}
      <ul aria-label={t('caseSla.teamQueue')} className="sapa-home-list">
        {items.map((k) => (
          <li key={k.id} className={k.overdue ? 'sapa-overdue' : undefined}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600} component="span">{k.caseNo}</Text>
              <OpenCustomerButton customerId={k.customerId} name={k.customerName} salutation={k.salutation} />
              <Button size="compact-xs" variant="light" onClick={() => void take(k.id)} aria-label={t('caseSla.takeCase', { caseNo: k.caseNo })}>
                {t('caseSla.take')}
              </Button>
            </Group>
            <Text size="xs">{k.subject} · {t(`cases.priorities.${k.priority}`)} · {k.teamName}</Text>
          </li>
        ))}
      </ul>
    </HomeSection>
  );
}
