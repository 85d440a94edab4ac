// Server settings → Case notifications: for each status a case can move to (in progress,
// waiting for the customer, resolved), whether the customer is told, by SMS or e-mail, with
// which approved reply paragraph (its shortcut; the customer's language is picked when the
// message is built). Saved on its own; "Back to the default" clears the setting.
import { Button, Checkbox, Group, NativeSelect, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTIFY_STATUSES, type CaseNotifications } from '../../../shared/cases.js';
import { type ServerSettingsAnswer } from '../../../shared/server-settings.js';

export function CaseNotificationSettings({ current, send, saving }: {
  current: ServerSettingsAnswer; send: (update: Record<string, unknown>) => Promise<void>; saving: boolean;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CaseNotifications>(current.values.caseNotifications);
  useEffect(() => setDraft(current.values.caseNotifications), [current.values.caseNotifications]);
  const set = (status: (typeof NOTIFY_STATUSES)[number], patch: Partial<CaseNotifications[typeof status]>) =>
    setDraft({ ...draft, [status]: { ...draft[status], ...patch } });
  const overridden = current.overridden.includes('caseNotifications');
  return (
    <Paper withBorder p="sm" role="region" aria-label={t('adminSettings.caseNotify.title')}>
      <Title order={4} mb={4}>{t('adminSettings.caseNotify.title')}</Title>
      <Text size="xs" c="dimmed" mb="xs">{t('adminSettings.caseNotify.intro')}</Text>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {NOTIFY_STATUSES.map((s) => {
            const name = t(`cases.statuses.${s}`);
            return (
              <Table.Tr key={s}>
                <Table.Td>
                  <Checkbox size="xs" label={t('adminSettings.caseNotify.notify', { status: name })} checked={draft[s].enabled}
                    onChange={(e) => set(s, { enabled: e.currentTarget.checked })} />
                </Table.Td>
                <Table.Td>
                  <NativeSelect size="xs" aria-label={t('adminSettings.caseNotify.channelOf', { status: name })} value={draft[s].channel}
                    onChange={(e) => set(s, { channel: e.currentTarget.value === 'email' ? 'email' : 'sms' })}
                    data={[{ value: 'sms', label: 'SMS' }, { value: 'email', label: t('composer.email') }]} />
                </Table.Td>
                <Table.Td>
                  <TextInput size="xs" aria-label={t('adminSettings.caseNotify.shortcutOf', { status: name })} value={draft[s].shortcut}
                    maxLength={40} leftSection="/" onChange={(e) => set(s, { shortcut: e.currentTarget.value.trim() })} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group gap="xs" mt="xs">
        <Button size="xs" loading={saving} onClick={() => void send({ caseNotifications: draft })}>{t('adminSettings.caseNotify.save')}</Button>
        {overridden && (
          <Button size="xs" variant="subtle" onClick={() => void send({ caseNotifications: null })}>{t('adminSettings.caseNotify.reset')}</Button>
        )}
      </Group>
    </Paper>
  );
}
