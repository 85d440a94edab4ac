// Route guard: the screen when the signed-in role may use it, else a "not allowed" page.
// The server refuses the data anyway; this keeps a typed address from showing an empty or
// half-working screen.
import { Alert, Stack, Text, Title } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/permissions.js';
import { useAuthStore } from '../features/auth/store.js';
import { SCREENS, screen, type ScreenId } from './screens.js';

export function Allowed({ screenId, children }: { screenId: ScreenId; children: ReactNode }) {
  const role = useAuthStore((s) => s.user?.role ?? null);
  return can(role, screen(screenId).action) ? <>{children}</> : <NotAllowed />;
}

export function NotAllowed() {
  const { t } = useTranslation();
  const role = useAuthStore((s) => s.user?.role ?? null);
  return (
    <Stack gap="sm" p="md" maw={640}>
      <Title order={2}>{t('shell.notAllowedTitle')}</Title>
      <Alert color="red" role="alert" variant="light">
        {t('import.noAccess')}
      </Alert>
      {role && <Text size="sm">{t('shell.notAllowedRole', { role: t(`roles.${role}`) })}</Text>}
      <Text size="sm"><a href="#/">{t('shell.backHome')}</a></Text>
    </Stack>
  );
}

/**
 * An unknown address under /admin/ is "not allowed" for a role with no admin screen (an agent
 * learns nothing about which admin screens exist); for an admin it is "not found".
 */
export function NotFound() {
  const { t } = useTranslation();
  const role = useAuthStore((s) => s.user?.role ?? null);
  const path = window.location.hash.replace(/^#/, '').split('?')[0] ?? '';
  const anyAdminScreen = SCREENS.some((s) => s.group === 'admin' && can(role, s.action));
  if (path.startsWith('/admin') && !anyAdminScreen) return <NotAllowed />;
  return (
    <Stack gap="sm" p="md">
      <Title order={2}>{t('shell.notFound')}</Title>
      <Text size="sm"><a href="#/">{t('shell.backHome')}</a></Text>
    </Stack>
  );
}
