// A generated password, shown once (after create or reset): the server keeps only its hash.
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function PasswordOnce({ name, password, onClose }: { name: string; password: string; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('adminUsers.passwordTitle', { name })} closeButtonProps={{ 'aria-label': t('adminUsers.close') }}>
      <Stack gap="sm">
        <Alert color="yellow" variant="light">{t('adminUsers.passwordOnce', { name })}</Alert>
        <Text size="sm" fw={500}>{t('adminUsers.password')}</Text>
        <Code block aria-label={t('adminUsers.password')} fz="lg" data-testid="generated-password">{password}</Code>
        <Group justify="space-between">
          <CopyButton value={password}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy} aria-label={t('adminUsers.copy')}>{copied ? t('adminUsers.copied') : t('adminUsers.copy')}</Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('adminUsers.close')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
