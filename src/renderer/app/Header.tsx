// The top bar: the product, who is signed in, language, the shortcuts help and sign-out.
// Navigation and the sync state live in the rail on the left, so this row stays short in
// both languages.
import { Button, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../features/auth/store.js';
import { LanguageSwitch } from '../features/settings/LanguageSwitch.js';
import { StatusSelector } from '../features/contact-center/StatusSelector.js';
import { can } from '../../shared/permissions.js';

export function Header({ onHelp }: { onHelp: () => void }) {
  const { t } = useTranslation();
  const user = useAuthStore((s) => s.user);
  const logout = useAuthStore((s) => s.logout);
  return (
    <Group component="header" justify="space-between" px="md" py={6} wrap="nowrap" className="sapa-header">
      <Title order={1} size="h3">
        {t('app.name')}
      </Title>
      <Group gap="md" wrap="nowrap" align="center">
        {user && can(user.role, 'calls.handle') && <StatusSelector />}
        {user && (
          <Text size="sm" data-testid="current-user" className="sapa-current-user">
            {t('auth.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`) })}
          </Text>
        )}
        <LanguageSwitch />
        <Button variant="subtle" size="xs" onClick={onHelp} aria-keyshortcuts="?">
          {t('help.button')}
        </Button>
        <Button variant="default" size="xs" onClick={() => void logout()}>
          {t('auth.signOut')}
        </Button>
      </Group>
    </Group>
  );
}
