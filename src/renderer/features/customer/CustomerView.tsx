// The customer half of the single screen: the profile card on top; below it the history
// and open work (tabs) beside the agent's working column (notes, call-backs, reply) so the
// timeline stays in view while the agent writes. Narrow windows stack the two columns.
import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { sapa } from '../../platform/sapa.js';
import { useCustomerStore } from './store.js';
import { CustomerProfile } from './CustomerProfile.js';
import { CustomerTabs } from './CustomerTabs.js';
import { NotesPanel } from '../notes/NotesPanel.js';
import { ComposerPanel } from '../composer/ComposerPanel.js';

export function CustomerView() {
  const { t } = useTranslation();
  const { customerId, data, loading, error, open } = useCustomerStore();
  // A pull that changed cached rows (a colleague's edit, the server's answer to an
  // overridden one) re-reads the customer on screen, behind the profile.
  useEffect(() => sapa().on('data.changed', () => {
    const id = useCustomerStore.getState().customerId;
    if (id) void useCustomerStore.getState().open(id);
  }), []);
  return (
    <section aria-label={t('customer.profile')} className="sapa-customer">
      {!customerId && (
        <Text c="dimmed" p="lg">
          {t('customer.noneSelected')}
        </Text>
      )}
      {loading && (
        <Group gap="xs" p="lg" role="status">
          <Loader size="sm" />
          <Text size="sm">{t('customer.loading')}</Text>
        </Group>
      )}
      {error && customerId && (
        <Alert color="red" role="alert" variant="light" m="md">
          {error === 'NOT_FOUND'
            ? t('customer.notFound')
            : error === 'OFFLINE'
              ? t('errors.OFFLINE')
              : t('customer.loadError')}{' '}
          {error !== 'NOT_FOUND' && (
            <button type="button" className="sapa-link-button" onClick={() => void open(customerId)}>
              {t('history.retry')}
            </button>
          )}
        </Alert>
      )}
      {data && (
        <Stack gap="md">
          <CustomerProfile customer={data.customer} complaintsLast90Days={data.complaintsLast90Days} />
          <div className="sapa-customer-columns">
            <div className="sapa-customer-main">
              <CustomerTabs key={data.customer.id} data={data} />
            </div>
            <div className="sapa-customer-work">
              <NotesPanel customerId={data.customer.id} />
              <ComposerPanel data={data} />
            </div>
          </div>
        </Stack>
      )}
    </section>
  );
}
