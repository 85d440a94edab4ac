import { Anchor, Button, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../features/auth/store.js';
import { SyncIndicator } from '../features/sync/SyncIndicator.js';
import { LanguageSwitch } from '../features/settings/LanguageSwitch.js';
import { ROUTE_HASH, type Route } from './route.js';

export function Header({ route }: { route: Route }) {
  const { t } = useTranslation();
  const user = useAuthStore((s) => s.user);
  const logout = useAuthStore((s) => s.logout);
  return (
    <Group component="header" justify="space-between" px="md" py="xs" wrap="nowrap" className="sapa-header">
      <Group gap="lg" wrap="nowrap">
        <Title order={1} size="h3">
          {t('app.name')}
        </Title>
        <SyncIndicator />
        <Group component="nav" aria-label={t('app.mainNav')} gap="md">
          <Anchor href={ROUTE_HASH.home} aria-current={route === 'home' ? 'page' : undefined}>
            {t('app.customerScreen')}
          </Anchor>
          <Anchor href={ROUTE_HASH.inbox} aria-current={route === 'inbox' ? 'page' : undefined}>
            {t('inbox.nav')}
          </Anchor>
          {(user?.role === 'lead' || user?.role === 'admin') && (
            <Anchor href={ROUTE_HASH.library} aria-current={route === 'library' ? 'page' : undefined}>
              {t('library.nav')}
            </Anchor>
          )}
          {user?.role === 'admin' && (
            <Anchor href={ROUTE_HASH['admin-import']} aria-current={route === 'admin-import' ? 'page' : undefined}>
              {t('import.nav')}
            </Anchor>
          )}
        </Group>
      </Group>
      <Group gap="md" wrap="nowrap" align="flex-end">
        {user && (
          <Text size="sm" data-testid="current-user">
            {t('auth.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`) })}
          </Text>
        )}
        <LanguageSwitch />
        <Button variant="default" size="xs" onClick={() => void logout()}>
          {t('auth.signOut')}
        </Button>
      </Group>
    </Group>
  );
}
