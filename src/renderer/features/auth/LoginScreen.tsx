import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../settings/LanguageSwitch.js';
import { ServerNote } from '../server-setup/ServerNote.js';
import { useLanguage } from '../settings/useLanguage.js';
import { useAuthStore } from './store.js';
import { loginErrorMessage } from './login-error.js';

export function LoginScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const login = useAuthStore((s) => s.login);
  const pending = useAuthStore((s) => s.pending);
  const failure = useAuthStore((s) => s.failure);
  const signedOut = useAuthStore((s) => s.signedOut);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Empty fields are caught here rather than by disabling the button, so the reason is said.
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const incomplete = username.trim() === '' || password === '';
    setMissing(incomplete);
    if (!incomplete) void login(username.trim(), password);
  }

  return (
    <Center mih="100vh" component="main">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h3">
              {t('auth.title')}
            </Title>
            <TextInput
              label={t('auth.username')}
              autoComplete="username"
              autoFocus
              maxLength={64}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              maxLength={256}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {signedOut?.reason === 'offline_grace_over' && (
              <Alert color="yellow" role="status" variant="light" title={t('auth.offlineGraceOver.title')}>
                {t('auth.offlineGraceOver.text', { hours: signedOut.graceHours })}
              </Alert>
            )}
            {signedOut?.reason === 'cache_wiped' && (
              <Alert color="yellow" role="status" variant="light" title={t('auth.cacheWiped.title')}>
                {t('auth.cacheWiped.text')}
              </Alert>
            )}
            {(signedOut?.reason === 'account_disabled' || signedOut?.reason === 'password_reset' || signedOut?.reason === 'sessions_revoked') && (
              <Alert color="yellow" role="status" variant="light" title={t(`auth.endedByServer.${signedOut.reason}.title`)}>
                {t(`auth.endedByServer.${signedOut.reason}.text`)}
              </Alert>
            )}
            {(missing || failure) && (
              <Alert color="red" role="alert" variant="light">
                {missing ? t('auth.errors.INVALID_INPUT') : failure && loginErrorMessage(failure, t, language)}
              </Alert>
            )}
            <Button type="submit" loading={pending}>
              {t('auth.signIn')}
            </Button>
            <LanguageSwitch />
            <ServerNote />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
