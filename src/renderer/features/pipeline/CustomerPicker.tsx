// Picks a prospect or customer by name or number from this desktop's cache (customers.search).
import { NativeSelect, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sapa } from '../../platform/sapa.js';

export function CustomerPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['customers.search', q], enabled: q.trim().length >= 2,
    queryFn: () => sapa().call('customers.search', { query: q.trim(), limit: 20 }),
  });
  const results = found.data?.results ?? [];
  return (
    <>
      <TextInput size="xs" label={t('pipeline.findCustomer')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maxLength={200} />
      <NativeSelect size="xs" label={t('pipeline.customer')} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{results.length ? t('pipeline.chooseCustomer') : t('pipeline.typeToFind')}</option>
        {results.map((c) => <option key={c.id} value={c.id}>{c.fullName} · {c.customerNo}</option>)}
      </NativeSelect>
    </>
  );
}
