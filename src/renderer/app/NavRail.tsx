// The navigation: the screens the signed-in role may use, grouped by who they are for
// (agent work, team-lead tools, administration). Labels wrap rather than being cut.
import { Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/permissions.js';
import { useAuthStore } from '../features/auth/store.js';
import { SyncIndicator } from '../features/sync/SyncIndicator.js';
import { NAV_GROUPS, SCREENS } from './screens.js';

export function NavRail() {
  const { t } = useTranslation();
  const role = useAuthStore((s) => s.user?.role ?? null);
  return (
    <div className="sapa-nav">
      <nav aria-label={t('app.mainNav')}>
        {NAV_GROUPS.map((group) => {
          const screens = SCREENS.filter((s) => s.group === group && can(role, s.action));
          if (screens.length === 0) return null;
          const headingId = `sapa-nav-${group}`;
          return (
            <section key={group} className="sapa-nav-group" aria-labelledby={headingId}>
              <Text id={headingId} size="xs" fw={700} c="dimmed" tt="uppercase" className="sapa-nav-heading">
                {t(`nav.groups.${group}`)}
              </Text>
              <ul className="sapa-nav-list">
                {screens.map((s) => (
                  <li key={s.id}>
                    <Link to={s.path} className="sapa-nav-link" activeOptions={{ exact: s.path === '/' }}>
                      {t(s.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </nav>
      <Stack gap={4} className="sapa-nav-footer">
        <SyncIndicator />
      </Stack>
    </div>
  );
}
