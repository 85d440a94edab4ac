// Support's view of sync: state, server, cursor, pending writes, recent errors, the
// agent's changes the server refused (fix or discard them: RefusedChanges.tsx) and the
// field edits that lost a conflict (with both values; the agent can dismiss them).
import { Badge, Button, Code, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConflictView, type RefusedChange, type SyncDiagnostics } from '../../../shared/api.js';
import { formatDateTime } from '../../i18n/format.js';
import { logger } from '../../platform/logger.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';
import { RefusedChanges } from './RefusedChanges.js';

const show = (value: unknown): string => (value === null || value === undefined ? '—' : String(value));

export function SyncPanel({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [diagnostics, setDiagnostics] = useState<SyncDiagnostics | null>(null);
  const [conflicts, setConflicts] = useState<ConflictView[]>([]);
  const [refused, setRefused] = useState<RefusedChange[]>([]);

  const load = useCallback(() => {
    Promise.all([sapa().call('sync.diagnostics', {}), sapa().call('sync.conflicts', {}), sapa().call('sync.refused', {})])
      .then(([d, c, r]) => {
        setDiagnostics(d);
        setConflicts(c.conflicts);
        setRefused(r.changes);
      })
      .catch((error: unknown) => logger.warn('sync diagnostics not available', error));
  }, []);
  useEffect(() => {
    if (!opened) return undefined;
    load();
    return sapa().on('sync.status', () => load());
  }, [opened, load]);

  const dismiss = (id: number) => {
    void sapa().call('sync.dismissConflict', { id }).then(load);
  };
  const s = diagnostics?.status;

  return (
    <Modal opened={opened} onClose={onClose} title={t('syncPanel.title')} size="xl" closeButtonProps={{ 'aria-label': t('syncPanel.close') }}>
      <Stack gap="sm">
        <RefusedChanges changes={refused} onChanged={load} />
        {conflicts.length > 0 && (
          <section aria-label={t('syncPanel.conflicts')}>
            <Title order={3} size="h5">{t('syncPanel.conflicts')}</Title>
            <ul>
              {conflicts.map((c) => (
                <li key={c.id}>
                  <Text size="sm">
                    {t('syncPanel.conflictText', { field: c.field, yours: show(c.yourValue), theirs: show(c.serverValue) })}
                  </Text>
                  <Button size="compact-xs" variant="subtle" onClick={() => dismiss(c.id)}>{t('syncPanel.dismiss')}</Button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {s && (
          <Table aria-label={t('syncPanel.summary')} withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr><Table.Th>{t('syncPanel.state')}</Table.Th><Table.Td>{t(`sync.${s.state}`)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('syncPanel.server')}</Table.Th><Table.Td>{show(s.serverUrl)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('syncPanel.live')}</Table.Th><Table.Td>{s.live ? t('syncPanel.yes') : t('syncPanel.no')}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('syncPanel.lastSync')}</Table.Th><Table.Td>{s.lastSyncAt ? formatDateTime(s.lastSyncAt, language) : '—'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('syncPanel.cursor')}</Table.Th><Table.Td>{s.cursor} / {show(s.headVersion)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('syncPanel.pending')}</Table.Th><Table.Td>{s.pending}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('syncPanel.clientId')}</Table.Th><Table.Td><Code>{diagnostics.clientId}</Code></Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
        )}
        {diagnostics && diagnostics.outbox.length > 0 && (
          <Table aria-label={t('syncPanel.outbox')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('syncPanel.mutation')}</Table.Th><Table.Th>{t('syncPanel.state')}</Table.Th>
                <Table.Th>{t('syncPanel.attempts')}</Table.Th><Table.Th>{t('syncPanel.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diagnostics.outbox.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.name}</Table.Td>
                  <Table.Td><Badge size="xs" variant="light">{e.state}</Badge></Table.Td>
                  <Table.Td>{e.attempts}</Table.Td>
                  <Table.Td>{show(e.lastError)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <section aria-label={t('syncPanel.errors')}>
          <Title order={3} size="h5">{t('syncPanel.errors')}</Title>
          {diagnostics?.recentErrors.length ? (
            <ul>
              {diagnostics.recentErrors.map((e) => (
                <li key={`${e.at}-${e.message}`}><Text size="xs">{formatDateTime(e.at, language)} — {e.message}</Text></li>
              ))}
            </ul>
          ) : (
            <Text size="sm" c="dimmed">{t('syncPanel.noErrors')}</Text>
          )}
        </section>
        <Button variant="default" onClick={() => void sapa().call('sync.now', {}).then(load)}>{t('syncPanel.syncNow')}</Button>
      </Stack>
    </Modal>
  );
}
