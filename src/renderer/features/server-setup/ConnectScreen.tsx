// The first start: no server is set on this desktop (no IT policy, no saved address), so
// the agent types the address IT gave them. Core checks it answers as a Sapa server before
// keeping it. When IT's policy file is broken the screen says so instead (IT fixes it).
import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Code, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../settings/LanguageSwitch.js';
import { useServerSetupStore } from './store.js';

export function ConnectScreen() {
  const { t } = useTranslation();
  const status = useServerSetupStore((s) => s.status);
  const pending = useServerSetupStore((s) => s.pending);
  const failure = useServerSetupStore((s) => s.failure);
  const connect = useServerSetupStore((s) => s.connect);
  const [address, setAddress] = useState('');
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const empty = address.trim() === '';
    setMissing(empty);
    if (!empty) void connect(address.trim());
  }

  const policyError = status?.policyError ?? null;
  return (
    <Center mih="100vh" component="main">
      <Paper withBorder shadow="sm" p="xl" w={460}>
        <Stack>
          <Title order={1} size="h3">{t('serverSetup.title')}</Title>
          {policyError ? (
            <Alert color="red" role="alert" variant="light" title={t('serverSetup.policyError.title')}>
              <Stack gap="xs">
                <Text size="sm">{t(`serverSetup.policyError.${policyError.reason}`)}</Text>
                <Text size="sm">{t('serverSetup.policyError.askIt')}</Text>
                {status?.policyFile && <Code block>{status.policyFile}</Code>}
                <Code block>{policyError.message}</Code>
              </Stack>
            </Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack>
                <Text size="sm">{t('serverSetup.intro')}</Text>
                <TextInput
                  label={t('serverSetup.address')}
                  description={t('serverSetup.addressHint')}
                  placeholder="https://sapa.example.co.id"
                  autoFocus
                  autoComplete="url"
                  inputMode="url"
                  spellCheck={false}
                  maxLength={2048}
                  value={address}
                  onChange={(e) => setAddress(e.currentTarget.value)}
                />
                {(missing || failure) && (
                  <Alert color="red" role="alert" variant="light">
                    {missing ? t('serverSetup.errors.empty') : t(`serverSetup.errors.${failure ?? 'other'}`)}
                  </Alert>
                )}
                <Button type="submit" loading={pending}>{t('serverSetup.connect')}</Button>
              </Stack>
            </form>
          )}
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}
