// Importing prospects from CSV (docs/sales.md): pick the file, the server imports it line by
// line, and the report lists each line — created, merged with which customer (same phone in
// any form or same e-mail), or rejected with the reason.
import { Alert, Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROSPECT_IMPORT_MAX_BYTES, type ProspectImportReport } from '../../../shared/sales/prospects.js';
import { FilePicker } from '../../app/FilePicker.js';
import { errorText } from '../../i18n/error-text.js';
import { invalidateMethod } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';

const COLOUR = { created: 'green', merged: 'yellow', rejected: 'red' } as const;

export function ProspectImport() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ProspectImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    if (!file) { setError(t('prospects.import.pickFile')); return; }
    if (file.size > PROSPECT_IMPORT_MAX_BYTES) { setError(t('prospects.import.tooLarge')); return; }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const status = await sapa().call('sales.prospects.import', { fileName: file.name, csv: await file.text() });
      let current = await sapa().call('sales.prospects.importReport', { importId: status.id });
      while (current.status.state === 'running') {
        setReport(current);
        await new Promise((ok) => setTimeout(ok, 500));
        current = await sapa().call('sales.prospects.importReport', { importId: status.id });
      }
      setReport(current);
      setFile(null);
      await invalidateMethod('sales.prospects.list');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const s = report?.status;
  return (
    <Paper withBorder p="md" aria-label={t('prospects.import.title')} component="section">
      <Title order={3} size="h4" mb="xs">{t('prospects.import.title')}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('prospects.import.hint')}</Text>
      <Group align="end">
        <FilePicker label={t('prospects.import.file')} accept=".csv,text/csv" disabled={busy} files={file ? [file] : []}
          onChange={(chosen) => { setFile(chosen[0] ?? null); setError(null); }} />
        <Button onClick={() => void start()} loading={busy}>{t('prospects.import.start')}</Button>
      </Group>
      {error && <Alert color="red" role="alert" mt="sm">{error}</Alert>}
      {s && (
        <Alert color={s.state === 'failed' ? 'red' : s.state === 'done' ? 'green' : 'blue'} role="status" mt="sm">
          {s.state === 'failed' ? t('prospects.import.failed', { error: s.error ?? '' })
            : t(s.state === 'done' ? 'prospects.import.done' : 'prospects.import.running', { read: s.rowsRead, created: s.rowsInserted, merged: s.rowsUpdated, rejected: s.rowsRejected })}
        </Alert>
      )}
      {report && report.lines.length > 0 && (
        <Table mt="sm" striped aria-label={t('prospects.import.report')}>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('prospects.import.line')}</Table.Th><Table.Th>{t('prospects.import.outcome')}</Table.Th><Table.Th>{t('prospects.import.detail')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.lines.map((l) => (
              <Table.Tr key={l.line}>
                <Table.Td>{l.line}</Table.Td>
                <Table.Td><Badge color={COLOUR[l.outcome]} variant="light">{t(`prospects.import.outcomes.${l.outcome}`)}</Badge></Table.Td>
                <Table.Td>
                  {l.outcome === 'merged' && t('prospects.import.mergedWith', { customerNo: l.customerNo ?? '', name: l.customerName ?? '' })}
                  {l.outcome === 'created' && `${l.customerNo ?? ''} ${l.customerName ?? ''}`}
                  {l.outcome === 'rejected' && l.reason}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {report?.more && <Text size="xs" c="dimmed">{t('prospects.import.more')}</Text>}
    </Paper>
  );
}
