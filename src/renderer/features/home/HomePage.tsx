// The agent's home, when no call is ringing: what is due from them today. Call-backs due
// today (overdue first), their open cases with the SLA clock, e-mails waiting for a reply,
// the customers they dealt with lately and their contracts' renewals due — each opens the
// customer screen. Everything but the e-mails and the renewals comes from the local cache,
// so the home works offline.
import { Alert, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../platform/errors.js';
import { useCoreQuery } from '../../platform/query-client.js';
import { useAuthStore } from '../auth/store.js';
import { AssignedCases } from './AssignedCases.js';
import { DueCallbacks } from './DueCallbacks.js';
import { HomeSection } from './HomeSection.js';
import { RecentCustomers } from './RecentCustomers.js';
import { RenewalsDue } from './RenewalsDue.js';
import { TeamQueue } from './TeamQueue.js';
import { WaitingEmails } from './WaitingEmails.js';

export function HomePage() {
  const { t } = useTranslation();
  const user = useAuthStore((s) => s.user);
  const overview = useCoreQuery('home.overview', {});
  const data = overview.data;
  return (
    <Stack gap="md" p="md" className="sapa-home">
      <Title order={2} size="h3">{t('home.title', { name: user?.displayName ?? '' })}</Title>
      {overview.isPending && (
        <Group gap="xs" role="status"><Loader size="sm" /><Text size="sm">{t('home.loading')}</Text></Group>
      )}
      {overview.error && (
        <Alert color="red" role="alert" variant="light">
          {t(`errors.${errorCodeOf(overview.error)}`, { defaultValue: t('home.error') })}
        </Alert>
      )}
      {data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" className="sapa-home-grid">
          <HomeSection title={t('home.callbacks')} count={data.callbacks.length}>
            <DueCallbacks callbacks={data.callbacks} />
          </HomeSection>
          <HomeSection title={t('home.cases')} count={data.cases.length}>
            <AssignedCases cases={data.cases} />
          </HomeSection>
          <TeamQueue />
          <WaitingEmails />
          <RenewalsDue />
          <HomeSection title={t('home.recent')}>
            <RecentCustomers customers={data.recentCustomers} />
          </HomeSection>
        </SimpleGrid>
      )}
    </Stack>
  );
}
