// "Update ready — restart now / later": a quiet card in the corner, shown only when core
// found a safe moment (it sends a prompt) and never while the softphone has a call. It
// announces itself politely and takes no focus; both buttons are reachable by Tab.
import { Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { useSoftphoneStore } from '../softphone/store.js';
import { callPhaseOf } from './activity.js';
import { useUpdatesStore } from './store.js';

export function UpdateNotice() {
  const { t } = useTranslation();
  const language = useLanguage();
  const prompt = useUpdatesStore((s) => s.status?.prompt ?? null);
  const refused = useUpdatesStore((s) => s.refused);
  const inCall = useSoftphoneStore((s) => callPhaseOf(s.calls, s.wrapUps) !== 'none');
  if (!prompt || inCall) return null;
  return (
    <Paper
      component="section" role="status" aria-live="polite" aria-label={t('updates.notice.label')}
      withBorder shadow="md" p="sm" className="sapa-update-notice"
    >
      <Text fw={600} size="sm">{t('updates.notice.title', { version: prompt.version })}</Text>
      <Text size="sm" mt={4}>
        {prompt.mandatoryAfter
          ? t('updates.notice.mandatory', { deadline: formatDateTime(prompt.mandatoryAfter, language) })
          : t('updates.notice.body')}
      </Text>
      {refused && <Text size="sm" c="red.8" mt={4}>{t('updates.notice.refused')}</Text>}
      <Group gap="xs" mt="sm" justify="flex-end">
        <Button size="xs" variant="default" onClick={() => void useUpdatesStore.getState().later()}>
          {t('updates.notice.later')}
        </Button>
        <Button size="xs" onClick={() => void useUpdatesStore.getState().restartNow()}>
          {t('updates.notice.restartNow')}
        </Button>
      </Group>
    </Paper>
  );
}
