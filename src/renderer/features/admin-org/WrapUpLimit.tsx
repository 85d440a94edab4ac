// The wrap-up time limit (a server setting, admin.settings): seconds of after-call work the
// wrap-up panel counts down; 0 = no limit. What happens at the limit is said next to it.
import { Alert, Button, Group, NumberInput, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WrapUpLimitSec } from '../../../shared/org.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { refusalText } from './issues.js';

export function WrapUpLimit() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['admin.settings'], queryFn: () => sapa().call('admin.settings.get', {}) });
  const [value, setValue] = useState<number | string>('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => { if (settings.data) setValue(settings.data.values.wrapUpLimitSec); }, [settings.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    const parsed = WrapUpLimitSec.safeParse(typeof value === 'number' ? value : Number(value));
    if (!parsed.success) { setNotice({ ok: false, text: t('adminOrg.wrapUpInvalid') }); return; }
    try {
      await sapa().call('admin.settings.save', { wrapUpLimitSec: parsed.data });
      setNotice({ ok: true, text: t('adminOrg.saved') });
      await queryClient.invalidateQueries({ queryKey: ['admin.settings'] });
    } catch (error) {
      setNotice({ ok: false, text: refusalText(t, error) });
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} aria-label={t('adminOrg.wrapUpLimit')}>
      <Group align="end" gap="xs">
        <NumberInput size="xs" w={200} label={t('adminOrg.wrapUpLimit')} value={value} onChange={setValue} min={0} max={3600} allowDecimal={false} />
        <Button size="xs" type="submit" disabled={!settings.data}>{t('adminOrg.save')}</Button>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>{t('adminOrg.wrapUpLimitHint')}</Text>
      {settings.error && <Alert color="red" role="alert" p="xs">{errorText(t, settings.error)}</Alert>}
      {notice && <Alert mt={4} color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} p="xs">{notice.text}</Alert>}
    </form>
  );
}
