// Administration → Releases: desktop releases and their staged roll-out (docs/operator-guide.md,
// "Rolling out a new desktop version"). Three tabs: releases (upload, register a file-server
// URL, roll back), rings (members, offer, widen, pause, pin, desktops per version), and the
// mandatory minimum with the sites' update mirrors.
import { useState } from 'react';
import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PolicyTab } from './PolicyTab.js';
import { ReleasesTab } from './ReleasesTab.js';
import { RingsTab } from './RingsTab.js';

export function ReleasesPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('releases');
  return (
    <section aria-label={t('adminReleases.title')}>
      <Stack gap="sm" p="md">
        <Title order={2}>{t('adminReleases.title')}</Title>
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="releases">{t('adminReleases.tabReleases')}</Tabs.Tab>
            <Tabs.Tab value="rings">{t('adminReleases.tabRings')}</Tabs.Tab>
            <Tabs.Tab value="policy">{t('adminReleases.tabPolicy')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="releases" pt="sm"><ReleasesTab /></Tabs.Panel>
          <Tabs.Panel value="rings" pt="sm"><RingsTab /></Tabs.Panel>
          <Tabs.Panel value="policy" pt="sm"><PolicyTab /></Tabs.Panel>
        </Tabs>
      </Stack>
    </section>
  );
}
