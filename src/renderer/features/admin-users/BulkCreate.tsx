// CSV bulk create: the admin picks a file, the server checks every row and creates all or
// nobody. Rejects are listed by row and column; on success the passwords are offered once
// as a CSV download (the server made its cells spreadsheet-safe).
import { useState } from 'react';
import { Alert, Button, FileInput, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BULK_MAX_BYTES, type BulkCreateAnswer } from '../../../shared/admin-users.js';
import { downloadText } from '../../platform/download.js';
import { sapa } from '../../platform/sapa.js';
import { userErrorText } from './user-error.js';

export function BulkCreate({ onClose, onCreated }: { onClose(): void; onCreated(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<BulkCreateAnswer | null>(null);

  async function send() {
    if (!file) return;
    setError(null);
    setAnswer(null);
    if (file.size > BULK_MAX_BYTES) { setError(t('adminUsers.fileTooLarge')); return; }
    setSending(true);
    try {
      const result = await sapa().call('admin.users.bulkCreate', { csv: await file.text() });
      setAnswer(result);
      if (result.created > 0) onCreated();
    } catch (e) {
      setError(userErrorText(t, e));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal opened onClose={onClose} size="xl" title={t('adminUsers.bulkTitle')} closeButtonProps={{ 'aria-label': t('adminUsers.close') }}>
      <Stack gap="sm">
        <Text size="sm">{t('adminUsers.bulkHelp')}</Text>
        <Group align="end">
          <FileInput label={t('adminUsers.bulkFile')} accept=".csv,text/csv" value={file} onChange={setFile} w={320} clearable />
          <Button onClick={() => void send()} disabled={!file} loading={sending}>{t('adminUsers.bulkSend')}</Button>
        </Group>
        {error && <Alert color="red" role="alert" variant="light">{error}</Alert>}
        {answer && answer.created > 0 && answer.passwordsCsv && (
          <Alert color="green" role="status" variant="light">
            <Stack gap="xs">
              <Text size="sm">{t('adminUsers.bulkCreated', { count: answer.created })}</Text>
              <Group>
                <Button size="xs" onClick={() => downloadText(`users-${new Date().toISOString().slice(0, 10)}.csv`, answer.passwordsCsv ?? '')}>
                  {t('adminUsers.bulkDownload')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {answer && answer.rejects.length > 0 && (
          <>
            <Alert color="red" role="alert" variant="light">{t('adminUsers.bulkRejected', { count: answer.rejects.length })}</Alert>
            <div style={{ maxHeight: 320, overflowY: 'auto' }}>
              <Table striped fz="sm" aria-label={t('adminUsers.bulkRejects')}>
                <Table.Thead>
                  <Table.Tr><Table.Th>{t('adminUsers.row')}</Table.Th><Table.Th>{t('adminUsers.column')}</Table.Th><Table.Th>{t('adminUsers.reason')}</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {answer.rejects.map((r, i) => (
                    <Table.Tr key={i}><Table.Td>{r.row}</Table.Td><Table.Td>{r.column}</Table.Td><Table.Td>{r.reason}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          </>
        )}
      </Stack>
    </Modal>
  );
}
