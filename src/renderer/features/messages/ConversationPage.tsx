// /conversations/<id>: an SMS or WhatsApp conversation from a number on no customer record
// (a matched one is worked on its customer's screen). The agent answers it here.
import { Stack, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ConversationPanel } from './ConversationPanel.js';

export function ConversationPage() {
  const { t } = useTranslation();
  const { conversationId } = useParams({ strict: false });
  return (
    <Stack p="md" gap="md" maw={720}>
      <Title order={2}>{t('conversation.pageTitle')}</Title>
      {conversationId && <ConversationPanel key={conversationId} conversationId={conversationId} customer={null} />}
    </Stack>
  );
}
