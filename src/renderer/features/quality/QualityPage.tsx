// The lead's and admin's quality screen: the review queue (sampled interactions due, opened
// straight into the review view to score), sampling policies, calibration sessions, the
// forms (create, edit an unused version, a new version of a used one) and the open disputes.
import { Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/permissions.js';
import { useAuthStore } from '../auth/store.js';
import { InteractionReviewView } from '../lead-interactions/InteractionReviewView.js';
import { useLanguage } from '../settings/useLanguage.js';
import { CalibrationPanel } from './CalibrationPanel.js';
import { DisputesPanel } from './DisputesPanel.js';
import { FormsPanel } from './FormsPanel.js';
import { ReviewQueuePanel } from './ReviewQueuePanel.js';
import { SamplingPanel } from './SamplingPanel.js';

export function QualityPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useQueryClient();
  const role = useAuthStore((s) => s.user?.role ?? null);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const manage = can(role, 'quality.forms.manage');
  if (reviewing) {
    return (
      <InteractionReviewView id={reviewing} dispositionLabel={(code) => code}
        onBack={() => { setReviewing(null); void client.invalidateQueries({ queryKey: ['quality.queue.list'] }); }} />
    );
  }
  return (
    <Stack p="md" gap="md">
      <Title order={2} size="h4">{t('quality.title')}</Title>
      <ReviewQueuePanel language={language} canManage={manage} onOpen={setReviewing} />
      <CalibrationPanel language={language} />
      <SamplingPanel canManage={manage} />
      <FormsPanel language={language} canManage={manage} />
      <DisputesPanel language={language} />
    </Stack>
  );
}
