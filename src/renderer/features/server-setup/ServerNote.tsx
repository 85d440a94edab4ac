// One line on the sign-in screen: which server this desktop signs in to, and when IT's
// policy set it, that it did (the agent cannot change it).
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useServerSetupStore } from './store.js';

export function ServerNote() {
  const { t } = useTranslation();
  const status = useServerSetupStore((s) => s.status);
  const url = status?.serverUrls[0];
  if (!url) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="server-note">
      {t('serverSetup.note.server', { url })}
      {status.source === 'policy' && ` · ${t('serverSetup.note.setByIt')}`}
    </Text>
  );
}
