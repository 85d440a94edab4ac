// One confirm step before a change that reaches desktops (offer, widen, pause, pin, rollback).
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface PendingConfirm { title: string; body: string; run(): Promise<unknown> }

export function ConfirmDialog({ pending, busy, onClose, onConfirm }: {
  pending: PendingConfirm | null; busy: boolean; onClose(): void; onConfirm(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={pending !== null} onClose={onClose} title={pending?.title ?? ''} centered>
      <Stack>
        <Text size="sm">{pending?.body}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>{t('adminReleases.cancel')}</Button>
          <Button onClick={onConfirm} loading={busy}>{t('adminReleases.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
