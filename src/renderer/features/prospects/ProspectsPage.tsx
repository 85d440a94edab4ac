// The Prospects screen (sales reps and managers; docs/sales.md): new prospect form, CSV import
// with its report (created / merged with which customer / rejected why), and the list with
// each prospect's lifecycle stage — "Qualify" moves a suspect to prospect. A person who is a
// customer already (same phone in any form, same e-mail) is merged, and the screen says so.
import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProspectSaveAnswer } from '../../../shared/sales/prospects.js';
import { splitList } from '../../../shared/sales/dedupe.js';
import { formatPhone } from '../../../shared/phone.js';
import { can } from '../../../shared/permissions.js';
import { useAuthStore } from '../auth/store.js';
import { errorText } from '../../i18n/error-text.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { OpenCustomerButton } from '../home/OpenCustomerButton.js';
import { ProspectImport } from './ProspectImport.js';

const EMPTY = { fullName: '', phone: '', email: '', source: '', interest: '', products: '', stage: 'suspect' as 'suspect' | 'prospect' };

function NewProspectForm() {
  const { t } = useTranslation();
  const [form, setForm] = useState(EMPTY);
  const [saved, setSaved] = useState<ProspectSaveAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const answer = await sapa().call('sales.prospects.create', {
        fullName: form.fullName, phones: splitList(form.phone), emails: splitList(form.email), source: form.source,
        interest: form.interest, productsOfInterest: splitList(form.products), stage: form.stage,
      });
      setSaved(answer);
      setForm(EMPTY);
      await invalidateMethod('sales.prospects.list');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const field = (k: keyof typeof EMPTY) => ({ value: form[k], onChange: (ev: { currentTarget: { value: string } }) => setForm({ ...form, [k]: ev.currentTarget.value }) });
  return (
    <Paper withBorder p="md" component="form" aria-label={t('prospects.newTitle')} onSubmit={(e: FormEvent) => void submit(e)}>
      <Title order={3} size="h4" mb="xs">{t('prospects.newTitle')}</Title>
      <Group align="start" grow>
        <TextInput label={t('prospects.name')} required maxLength={200} {...field('fullName')} />
        <TextInput label={t('prospects.phone')} description={t('prospects.listHint')} maxLength={300} {...field('phone')} />
        <TextInput label={t('prospects.email')} description={t('prospects.listHint')} maxLength={600} {...field('email')} />
      </Group>
      <Group align="start" grow mt="xs">
        <TextInput label={t('prospects.source')} maxLength={100} {...field('source')} />
        <TextInput label={t('prospects.products')} description={t('prospects.productsHint')} maxLength={500} {...field('products')} />
        <NativeSelect label={t('prospects.stage')} value={form.stage} onChange={(e) => setForm({ ...form, stage: e.currentTarget.value as 'suspect' | 'prospect' })}
          data={[{ value: 'suspect', label: t('customer.lifecycle.suspect') }, { value: 'prospect', label: t('customer.lifecycle.prospect') }]} />
      </Group>
      <Textarea label={t('prospects.interest')} maxLength={2000} autosize minRows={2} mt="xs" {...field('interest')} />
      <Group mt="sm">
        <Button type="submit" loading={busy}>{t('prospects.save')}</Button>
      </Group>
      {saved && (
        <Alert color={saved.outcome === 'merged' ? 'yellow' : 'green'} role="status" mt="sm">
          {saved.outcome === 'merged'
            ? t('prospects.merged', { customerNo: saved.customer.customerNo, name: saved.customer.fullName, by: saved.matchedBy ?? '' })
            : t('prospects.created', { customerNo: saved.customer.customerNo, name: saved.customer.fullName, owner: saved.ownerName ?? t('prospects.noOwner') })}
        </Alert>
      )}
      {error && <Alert color="red" role="alert" mt="sm">{error}</Alert>}
    </Paper>
  );
}

function ProspectList() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useCoreQuery('sales.prospects.list', { q, limit: 200 }, { staleTime: 0 });
  const [error, setError] = useState<string | null>(null);
  const qualify = async (customerId: string) => {
    setError(null);
    try {
      await sapa().call('sales.prospects.stage', { customerId, to: 'prospect' });
      await invalidateMethod('sales.prospects.list');
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const rows = list.data?.prospects ?? [];
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h4">{t('prospects.listTitle')}</Title>
        <TextInput aria-label={t('prospects.search')} placeholder={t('prospects.search')} value={q} maxLength={100} w={280}
          onChange={(e) => setQ(e.currentTarget.value)} />
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {list.isLoading && <Text c="dimmed">{t('prospects.loading')}</Text>}
      {!list.isLoading && rows.length === 0 && <Text c="dimmed">{t('prospects.empty')}</Text>}
      {rows.length > 0 && (
        <Table striped aria-label={t('prospects.listTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('prospects.name')}</Table.Th><Table.Th>{t('prospects.phone')}</Table.Th><Table.Th>{t('prospects.stage')}</Table.Th>
              <Table.Th>{t('prospects.owner')}</Table.Th><Table.Th>{t('prospects.source')}</Table.Th><Table.Th>{t('prospects.interest')}</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.customerId}>
                <Table.Td><OpenCustomerButton customerId={p.customerId} name={p.fullName} salutation={null} /> <Text span size="xs" c="dimmed">{p.customerNo}</Text></Table.Td>
                <Table.Td>{p.phones.map(formatPhone).join(', ')}</Table.Td>
                <Table.Td><Badge variant="light">{t(`customer.lifecycle.${p.lifecycle}`)}</Badge></Table.Td>
                <Table.Td>{p.ownerName ?? t('prospects.noOwner')}</Table.Td>
                <Table.Td>{p.source}</Table.Td>
                <Table.Td><Text size="sm" lineClamp={2}>{p.interest}{p.productsOfInterest.length > 0 ? ` · ${p.productsOfInterest.join(', ')}` : ''}</Text></Table.Td>
                <Table.Td>
                  {p.lifecycle === 'suspect' && (
                    <Button size="compact-sm" variant="light" onClick={() => void qualify(p.customerId)}
                      aria-label={t('prospects.qualifyNamed', { name: p.fullName })}>{t('prospects.qualify')}</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function ProspectsPage() {
  const { t } = useTranslation();
  const seesAll = can(useAuthStore((s) => s.user?.role ?? null), 'prospects.assign');
  return (
    <Stack gap="md" p="md">
      <Title order={2}>{t('prospects.title')}</Title>
      <Text c="dimmed" size="sm">{seesAll ? t('prospects.introManager') : t('prospects.introRep')}</Text>
      <NewProspectForm />
      <ProspectImport />
      <ProspectList />
    </Stack>
  );
}
