// What the sales managers' settings screens (Pipeline stages, Prospect assignment) share: the
// heading with its explanation and loading/error states, a save that is refused before
// sending when the shared rules find problems (each already in the user's words), and the
// outcome under the form — the problems as a list, or that it was saved.
import { Alert, List, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalText } from '../admin-org/issues.js';

export function useCheckedSave() {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** Sends unless `found` names problems; `send` answers the notice to show. */
  const run = async (found: string[], send: () => Promise<string>) => {
    setNotice(null);
    setProblems(found);
    if (found.length > 0) return;
    setSaving(true);
    try {
      setNotice(await send());
    } catch (err) {
      setProblems([refusalText(t, err)]);
    } finally {
      setSaving(false);
    }
  };
  return { problems, notice, saving, run };
}

export function SaveOutcome({ problems, notice, fix }: { problems: string[]; notice: string | null; fix: string }) {
  return (
    <>
      {problems.length > 0 && (
        <Alert color="red" role="alert" mt="sm" title={fix}>
          <List size="sm">{problems.map((p, i) => <List.Item key={i}>{p}</List.Item>)}</List>
        </Alert>
      )}
      {notice && <Alert color="green" role="status" mt="sm">{notice}</Alert>}
    </>
  );
}

export function SettingsFrame({ title, intro, loading, error, children }: {
  title: string; intro: string; loading: string | null; error: unknown; children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" p="md">
      <Title order={2}>{title}</Title>
      <Text size="sm" c="dimmed">{intro}</Text>
      {loading && <Text c="dimmed">{loading}</Text>}
      {error ? <Alert color="red" role="alert">{refusalText(t, error)}</Alert> : null}
      {children}
    </Stack>
  );
}
