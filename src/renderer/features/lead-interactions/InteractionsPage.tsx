// The lead's interactions browser: filters, a sorted page of the interactions of their
// teams (an admin: everyone's), pages by keyset (the cursors of the pages seen are kept, so
// Previous goes back without counting), and the review of one interaction in place of the list.
import { useState } from 'react';
import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';
import { EMPTY_FORM, isFiltered, queryOf, type FilterForm } from './filter-state.js';
import { InteractionFilters } from './InteractionFilters.js';
import { InteractionReviewView } from './InteractionReviewView.js';
import { InteractionsTable } from './InteractionsTable.js';

const PAGE = 25;

export function InteractionsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  /** Cursors of the pages before the one shown (the first page has none). */
  const [cursors, setCursors] = useState<string[]>([]);
  const [reviewing, setReviewing] = useState<string | null>(null);

  const options = useQuery({ queryKey: ['lead.interactions.options'], queryFn: () => sapa().call('lead.interactions.options', {}) });
  const cursor = cursors.at(-1);
  const query = { ...queryOf(form), limit: PAGE, ...(cursor ? { cursor } : {}) };
  const list = useQuery({
    queryKey: ['lead.interactions.list', query],
    queryFn: () => sapa().call('lead.interactions.list', query),
    staleTime: 0, placeholderData: keepPreviousData,
  });
  const dispositionLabel = (code: string) => {
    const d = options.data?.dispositions.find((x) => x.code === code);
    return d ? (language === 'id' ? d.labelId : d.labelEn) : code;
  };

  if (reviewing) return <InteractionReviewView id={reviewing} onBack={() => setReviewing(null)} dispositionLabel={dispositionLabel} />;

  const change = (next: FilterForm) => {
    setForm(next);
    setCursors([]);
  };
  const page = list.data;
  const rows = page?.interactions ?? [];
  const error = list.error ?? options.error;
  return (
    <section aria-label={t('leadInteractions.title')}>
      <Stack gap="xs" p="sm">
        <Title order={2} size="h3">{t('leadInteractions.title')}</Title>
        <InteractionFilters value={form} options={options.data} onChange={change} />
        {error && (
          <Alert color="red" role="alert" variant="light" p="xs">
            {errorText(t, error)}
            <Button size="compact-sm" variant="subtle" ml="sm" onClick={() => { void list.refetch(); void options.refetch(); }}>
              {t('leadInteractions.retry')}
            </Button>
          </Alert>
        )}
        {list.isPending && <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('leadInteractions.loading')}</Text></Group>}
        {page && rows.length === 0 && (
          <Text size="sm" c="dimmed">{isFiltered(form) ? t('leadInteractions.emptyFiltered') : t('leadInteractions.empty')}</Text>
        )}
        {rows.length > 0 && (
          <>
            <InteractionsTable rows={rows} language={language} sort={form.sort} order={form.order} dispositionLabel={dispositionLabel}
              onOpen={setReviewing} />
            <Group gap="sm">
              <Text size="sm" aria-live="polite">{t('leadInteractions.pageOf', { page: cursors.length + 1 })}</Text>
              <Button size="compact-sm" variant="default" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('leadInteractions.previous')}
              </Button>
              <Button size="compact-sm" variant="default" disabled={!page?.nextCursor}
                onClick={() => { if (page?.nextCursor) setCursors([...cursors, page.nextCursor]); }}>
                {t('leadInteractions.next')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </section>
  );
}
