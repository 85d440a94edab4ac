// Admin CSV import: pick what the file holds (customers, or a feed of orders, invoices or
// contracts), pick a file, upload it in slices, watch the server import it; rejects as CSV.
import { useState } from 'react';
import { Alert, Button, Group, NativeSelect, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.js';
import { useAuthStore } from '../auth/store.js';
import { useLanguage } from '../settings/useLanguage.js';
import { IMPORT_KINDS, useImportStore, type ImportKind } from './store.js';
import { FilePicker } from '../../app/FilePicker.js';

export function ImportPage() {
  const { t } = useTranslation();
  const user = useAuthStore((s) => s.user);
  if (user?.role !== 'admin') {
    return (
      <Alert color="red" role="alert" variant="light" m="md">
        {t('import.noAccess')}
      </Alert>
    );
  }
  return <ImportForm />;
}

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 100;
}

function ImportForm() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const [kind, setKind] = useState<ImportKind>('customers');
  const { phase, fileSize, bytesUploaded, status, error, start, downloadRejects } = useImportStore();
  const busy = phase === 'uploading' || phase === 'importing';

  function begin() {
    setMissingFile(!file);
    if (file) void start(file, kind);
  }

  const errorText = error
    ? ['FORBIDDEN', 'TOO_LARGE', 'INVALID_INPUT', 'OFFLINE'].includes(error.code)
      ? t(`import.errors.${error.code}`, { message: error.message })
      : t('import.errors.other', { message: error.message })
    : null;

  return (
    <Paper withBorder p="lg" m="md" maw={720}>
      <Stack>
        <Title order={2} size="h3">
          {t('import.title')}
        </Title>
        <NativeSelect label={t('import.kind')} value={kind} disabled={busy} w={280}
          onChange={(e) => setKind(e.currentTarget.value as ImportKind)}
          data={IMPORT_KINDS.map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))} />
        <FilePicker label={t('import.file')} description={t(`import.kindHint.${kind}`)} accept=".csv,text/csv" disabled={busy}
          files={file ? [file] : []}
          onChange={(chosen) => {
            setFile(chosen[0] ?? null);
            setMissingFile(false);
          }} />
        <Group>
          <Button onClick={begin} loading={busy}>
            {t('import.start')}
          </Button>
        </Group>
        {missingFile && (
          <Alert color="red" role="alert" variant="light">
            {t('import.chooseFile')}
          </Alert>
        )}
        {phase === 'uploading' && (
          <Stack gap={4}>
            <Text size="sm">{t('import.uploading', { percent: percent(bytesUploaded, fileSize) })}</Text>
            <Progress value={percent(bytesUploaded, fileSize)} aria-label={t('import.uploadProgress')} />
          </Stack>
        )}
        {status && (
          <Stack gap={4} role="status">
            <Text size="sm" fw={600}>
              {status.state === 'running'
                ? t('import.running')
                : status.state === 'done'
                  ? t('import.done')
                  : t('import.failed', { error: status.error ?? '' })}
            </Text>
            <Progress
              value={status.state === 'running' ? percent(status.bytesRead, fileSize) : 100}
              color={status.state === 'failed' ? 'red' : undefined}
              aria-label={t('import.importProgress')}
            />
            {/* "Inserted: 2" as one line of text, so it reads (and is found) as one phrase. */}
            <Group component="ul" gap="xl" className="sapa-counts">
              {(
                [
                  ['import.rowsRead', status.rowsRead],
                  ['import.inserted', status.rowsInserted],
                  ['import.updated', status.rowsUpdated],
                  ['import.rejected', status.rowsRejected],
                ] as const
              ).map(([key, value]) => (
                <Text component="li" key={key} size="sm">
                  {t(key)}: <strong>{formatNumber(value, language)}</strong>
                </Text>
              ))}
            </Group>
          </Stack>
        )}
        {errorText && (
          <Alert color="red" role="alert" variant="light">
            {errorText}
          </Alert>
        )}
        {status && status.state !== 'running' && status.rowsRejected > 0 && (
          <Group>
            <Button variant="default" onClick={() => void downloadRejects()}>
              {t('import.downloadRejects')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
