// Whose objects a sales screen shows: mine, my team's (managers), or one rep's.
import { NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sapa } from '../../platform/sapa.js';

export function OwnerSelect({ value, onChange }: { value: string; onChange: (owner: string) => void }) {
  const { t } = useTranslation();
  const people = useQuery({ queryKey: ['sales.people'], queryFn: () => sapa().call('sales.people', {}) });
  const others = people.data?.people ?? [];
  if (others.length <= 1) return null;
  return (
    <NativeSelect size="xs" label={t('pipeline.whose')} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="mine">{t('pipeline.mine')}</option>
      <option value="team">{t('pipeline.team')}</option>
      {others.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
    </NativeSelect>
  );
}
