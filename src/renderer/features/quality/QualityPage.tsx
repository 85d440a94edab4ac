// The lead's and admin's quality screen: the forms (create, edit an unused version, a new
// version of a used one) and the open disputes to re-score.
import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/permissions.js';
import { useAuthStore } from '../auth/store.js';
import { useLanguage } from '../settings/useLanguage.js';
import { DisputesPanel } from './DisputesPanel.js';
import { FormsPanel } from './FormsPanel.js';

export function QualityPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const role = useAuthStore((s) => s.user?.role ?? null);
  return (
    <Stack p="md" gap="md">
      <Title order={2} size="h4">{t('quality.title')}</Title>
      <FormsPanel language={language} canManage={can(role, 'quality.forms.manage')} />
      <DisputesPanel language={language} />
    </Stack>
  );
}
