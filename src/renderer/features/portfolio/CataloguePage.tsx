// The products and services catalogue (sales managers and admins; docs/sales.md): prices in
// IDR, active or not, whether customer service may sell it, and who is eligible (tiers,
// segments, required and excluded holdings). Everyone else only sees offers on the customer screen.
import { Alert, Badge, Button, Checkbox, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Tier } from '../../../shared/domain.js';
import { splitList } from '../../../shared/sales/dedupe.js';
import { type Product } from '../../../shared/sales/portfolio.js';
import { errorText } from '../../i18n/error-text.js';
import { formatIdr } from '../../i18n/format.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';

interface Draft {
  code: string; nameId: string; nameEn: string; category: string; priceIdr: number; active: boolean; csSellable: boolean;
  tiers: string; segments: string; requires: string; excludes: string;
}
const EMPTY: Draft = { code: '', nameId: '', nameEn: '', category: '', priceIdr: 0, active: true, csSellable: false, tiers: '', segments: '', requires: '', excludes: '' };
const draftOf = (p: Product): Draft => ({
  code: p.code, nameId: p.nameId, nameEn: p.nameEn, category: p.category, priceIdr: p.priceIdr, active: p.active, csSellable: p.csSellable,
  tiers: p.eligibleTiers.join(', '), segments: p.eligibleSegments.join(', '), requires: p.requiresCodes.join(', '), excludes: p.excludesCodes.join(', '),
});

function ProductForm({ editing, onSaved }: { editing: Product | null; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(editing ? draftOf(editing) : EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const text = (k: keyof Draft) => ({ value: d[k] as string, onChange: (e: { currentTarget: { value: string } }) => setD({ ...d, [k]: e.currentTarget.value }) });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const product = {
      code: d.code, nameId: d.nameId, nameEn: d.nameEn, category: d.category, priceIdr: d.priceIdr, active: d.active, csSellable: d.csSellable,
      eligibleTiers: splitList(d.tiers).map((x) => x.toLowerCase()) as Tier[], eligibleSegments: splitList(d.segments),
      requiresCodes: splitList(d.requires), excludesCodes: splitList(d.excludes),
    };
    try {
      const saved = editing ? await sapa().call('sales.products.update', { id: editing.id, product }) : await sapa().call('sales.products.create', product);
      await invalidateMethod('sales.products.list');
      onSaved(t('catalogue.saved', { code: saved.code }));
      if (!editing) setD(EMPTY);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="form" aria-label={editing ? t('catalogue.editTitle', { code: editing.code }) : t('catalogue.newTitle')} onSubmit={(e: FormEvent) => void submit(e)}>
      <Title order={3} size="h4" mb="xs">{editing ? t('catalogue.editTitle', { code: editing.code }) : t('catalogue.newTitle')}</Title>
      <Group grow align="start">
        <TextInput label={t('catalogue.code')} required maxLength={40} {...text('code')} />
        <TextInput label={t('catalogue.nameId')} required maxLength={200} {...text('nameId')} />
        <TextInput label={t('catalogue.nameEn')} required maxLength={200} {...text('nameEn')} />
        <TextInput label={t('catalogue.category')} required maxLength={60} {...text('category')} />
        <NumberInput label={t('catalogue.price')} min={0} allowDecimal={false} thousandSeparator="." decimalSeparator="," value={d.priceIdr}
          onChange={(v) => setD({ ...d, priceIdr: typeof v === 'number' ? v : 0 })} />
      </Group>
      <Group grow align="start" mt="xs">
        <TextInput label={t('catalogue.tiers')} description={t('catalogue.emptyAll')} {...text('tiers')} />
        <TextInput label={t('catalogue.segments')} description={t('catalogue.emptyAll')} {...text('segments')} />
        <TextInput label={t('catalogue.requires')} description={t('catalogue.codesHint')} {...text('requires')} />
        <TextInput label={t('catalogue.excludes')} description={t('catalogue.codesHint')} {...text('excludes')} />
      </Group>
      <Group mt="sm">
        <Checkbox label={t('catalogue.active')} checked={d.active} onChange={(e) => setD({ ...d, active: e.currentTarget.checked })} />
        <Checkbox label={t('catalogue.csSellable')} checked={d.csSellable} onChange={(e) => setD({ ...d, csSellable: e.currentTarget.checked })} />
        <Button type="submit" loading={busy}>{t('catalogue.save')}</Button>
      </Group>
      {error && <Alert color="red" role="alert" mt="sm">{error}</Alert>}
    </Paper>
  );
}

export function CataloguePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const list = useCoreQuery('sales.products.list', {}, { staleTime: 0 });
  const [editing, setEditing] = useState<Product | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const products = list.data?.products ?? [];
  return (
    <Stack gap="md" p="md">
      <Title order={2}>{t('catalogue.title')}</Title>
      {saved && <Alert color="green" role="status">{saved}</Alert>}
      <ProductForm key={editing?.id ?? 'new'} editing={editing} onSaved={(m) => { setSaved(m); setEditing(null); }} />
      {list.isLoading && <Text c="dimmed">{t('catalogue.loading')}</Text>}
      {!list.isLoading && products.length === 0 && <Text c="dimmed">{t('catalogue.empty')}</Text>}
      {products.length > 0 && (
        <Table striped aria-label={t('catalogue.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalogue.code')}</Table.Th><Table.Th>{t('catalogue.name')}</Table.Th><Table.Th>{t('catalogue.category')}</Table.Th>
              <Table.Th>{t('catalogue.price')}</Table.Th><Table.Th>{t('catalogue.status')}</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {products.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.code}</Table.Td><Table.Td>{language === 'en' ? p.nameEn : p.nameId}</Table.Td><Table.Td>{p.category}</Table.Td>
                <Table.Td>{formatIdr(p.priceIdr, language)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="light" color={p.active ? 'green' : 'gray'}>{p.active ? t('catalogue.active') : t('catalogue.inactive')}</Badge>
                    {p.csSellable && <Badge variant="light">{t('catalogue.csSellableShort')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td><Button size="compact-sm" variant="light" onClick={() => setEditing(p)} aria-label={t('catalogue.editNamed', { code: p.code })}>{t('catalogue.edit')}</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
