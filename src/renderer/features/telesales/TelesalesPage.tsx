// The Telesales screen (docs/sales.md): pick a campaign and work its call list — "Next
// contact" claims one, the script shows, the disposition is saved. Sales managers and leads
// also create campaigns, build their lists, read the results and list do-not-call numbers.
import { Alert, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/permissions.js';
import { type NextContactAnswer } from '../../../shared/sales/telesales.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDate } from '../../i18n/format.js';
import { useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useAuthStore } from '../auth/store.js';
import { useLanguage } from '../settings/useLanguage.js';
import { BuildList, DoNotCallForm, NewCampaignForm, Results } from './CampaignAdmin.js';
import { WorkContact } from './WorkContact.js';

export function TelesalesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const manages = can(useAuthStore((s) => s.user?.role ?? null), 'campaigns.manage');
  const list = useCoreQuery('sales.campaigns.list', {}, { staleTime: 0 });
  const [chosen, setChosen] = useState<string>('');
  const [work, setWork] = useState<NextContactAnswer | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const campaigns = list.data?.campaigns ?? [];
  const campaignId = chosen || campaigns[0]?.id || '';
  const campaign = campaigns.find((c) => c.id === campaignId);
  const next = async () => {
    setBusy(true);
    setError(null);
    try {
      setWork(await sapa().call('sales.campaigns.next', { campaignId }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md" p="md">
      <Title order={2}>{t('telesales.title')}</Title>
      {list.isLoading && <Text c="dimmed">{t('telesales.loading')}</Text>}
      {!list.isLoading && campaigns.length === 0 && <Text c="dimmed">{t('telesales.noCampaigns')}</Text>}
      {campaigns.length > 0 && (
        <Group align="end">
          <NativeSelect label={t('telesales.campaign')} value={campaignId} w={360}
            onChange={(e) => { setChosen(e.currentTarget.value); setWork(null); setMessage(null); }}
            data={campaigns.map((c) => ({ value: c.id, label: c.name }))} />
          <Button onClick={() => void next()} loading={busy} disabled={!campaignId}>{t('telesales.next')}</Button>
          {campaign && (
            <Text size="sm" c="dimmed">
              {t('telesales.period', { from: formatDate(campaign.startsOn, language), to: formatDate(campaign.endsOn, language) })} ·{' '}
              {t('telesales.counts', { pending: campaign.counts.pending, done: campaign.counts.done, excluded: campaign.counts.excluded })}
            </Text>
          )}
        </Group>
      )}
      {message && <Alert color="green" role="status">{message}</Alert>}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {work && <WorkContact key={work.contact?.id ?? 'none'} work={work} onDone={(m) => { setMessage(m); setWork(null); }} />}
      {manages && campaignId && <Results campaignId={campaignId} />}
      {manages && campaignId && <BuildList campaignId={campaignId} />}
      {manages && <NewCampaignForm onCreated={(id) => setChosen(id)} />}
      <DoNotCallForm />
    </Stack>
  );
}
