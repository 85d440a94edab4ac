// Server settings (/admin/settings, admins): the SIP proxies and domain, the SMS gateway,
// the mail relay and sender, and the auto-acknowledgement. Each shows whether it follows the
// environment or was set here, and can go back to the environment. Secrets are not here: the
// screen says which the environment holds. A change applies at the next use, no restart.
import { Alert, Badge, Button, Checkbox, Group, Loader, NumberInput, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ServerSettingsUpdate, type ServerSettingKey, type ServerSettingsAnswer, type ServerSettingsValues,
} from '../../../shared/server-settings.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { fieldErrors, refusalText, type FieldErrors } from '../admin-org/issues.js';
import { CaseNotificationSettings } from './CaseNotificationSettings.js';
import { WhatsappTemplatesPanel } from '../messages/WhatsappTemplatesPanel.js';
import { WidgetSettings } from './WidgetSettings.js';

type Draft = Omit<ServerSettingsValues, 'sipWsUrls' | 'smsGatewayUrl' | 'smtpHost' | 'wrapUpLimitSec' | 'caseWarnPercent' | 'caseNotifications' | 'widgetOrigins' | 'widgetUploadMaxBytes' | 'widgetQueue'> & {
  sipWsUrls: string; smsGatewayUrl: string; smtpHost: string;
};
const KEYS = ['sipWsUrls', 'sipDomain', 'smsGatewayUrl', 'smtpHost', 'smtpPort', 'mailFrom', 'autoAck', 'autoAckPerSenderPerDay'] as const;

function draftOf(v: ServerSettingsValues): Draft {
  return {
    sipWsUrls: v.sipWsUrls.join('\n'), sipDomain: v.sipDomain, smsGatewayUrl: v.smsGatewayUrl ?? '', smtpHost: v.smtpHost ?? '',
    smtpPort: v.smtpPort, mailFrom: v.mailFrom, autoAck: v.autoAck, autoAckPerSenderPerDay: v.autoAckPerSenderPerDay,
  };
}

function valueOf(d: Draft, key: (typeof KEYS)[number]): unknown {
  switch (key) {
    case 'sipWsUrls': return d.sipWsUrls.split('\n').map((s) => s.trim()).filter(Boolean);
    case 'smsGatewayUrl': return d.smsGatewayUrl.trim() || null;
    case 'smtpHost': return d.smtpHost.trim() || null;
    default: return d[key];
  }
}

export function SettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['admin.settings'], queryFn: () => sapa().call('admin.settings.get', {}) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (settings.data) setDraft(draftOf(settings.data.values)); }, [settings.data]);

  async function send(update: Record<string, unknown>) {
    const parsed = ServerSettingsUpdate.safeParse(update);
    if (!parsed.success) { setErrors(fieldErrors(t, parsed.error)); setNotice({ ok: false, text: t('adminSettings.fixErrors') }); return; }
    if (Object.keys(parsed.data).length === 0) { setNotice({ ok: true, text: t('adminSettings.nothingChanged') }); return; }
    setErrors({});
    setSaving(true);
    try {
      const answer = await sapa().call('admin.settings.save', parsed.data);
      queryClient.setQueryData(['admin.settings'], answer);
      setNotice({ ok: true, text: t('adminSettings.saved') });
    } catch (error) {
      setNotice({ ok: false, text: refusalText(t, error) });
    } finally {
      setSaving(false);
    }
  }

  if (settings.isPending) return <Group gap="xs" p="md"><Loader size="sm" /><Text size="sm">{t('adminOrg.loading')}</Text></Group>;
  if (settings.error) return <Alert m="md" color="red" role="alert">{errorText(t, settings.error)}</Alert>;
  if (!draft) return null;
  const current: ServerSettingsAnswer = settings.data;

  function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    // Only what changed: an untouched field keeps following the environment.
    const update: Record<string, unknown> = {};
    for (const key of KEYS) {
      const v = valueOf(draft, key);
      if (JSON.stringify(v) !== JSON.stringify(current.values[key])) update[key] = v;
    }
    void send(update);
  }

  const source = (key: ServerSettingKey): ReactNode => (
    <Group gap={6} mt={2}>
      {current.overridden.includes(key)
        ? <Badge size="xs" variant="light">{t('adminSettings.setHere')}</Badge>
        : <Badge size="xs" variant="light" color="gray">{t('adminSettings.fromEnv')}</Badge>}
      {current.overridden.includes(key) && (
        <Button size="compact-xs" variant="subtle" aria-label={t('adminSettings.resetOf', { name: t(`adminSettings.field.${key}`) })}
          onClick={() => void send({ [key]: null })}>{t('adminSettings.reset')}</Button>
      )}
    </Group>
  );
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const secret = (name: string, isSet: boolean) => (
    <Group gap={6}><Text size="sm" ff="monospace">{name}</Text>
      <Badge size="xs" color={isSet ? 'green' : 'gray'} variant="light">{isSet ? t('adminSettings.secretSet') : t('adminSettings.secretUnset')}</Badge></Group>
  );

  return (
    <section aria-label={t('adminSettings.title')}>
      <form onSubmit={save} noValidate>
        <Stack gap="sm" p="md" maw={900}>
          <Title order={2}>{t('adminSettings.title')}</Title>
          <Text size="sm" c="dimmed">{t('adminSettings.intro')}</Text>
          <Group align="flex-start" grow wrap="nowrap">
            <Paper withBorder p="sm">
              <Title order={4} mb="xs">{t('adminSettings.sip')}</Title>
              <Textarea size="xs" autosize minRows={2} label={t('adminSettings.field.sipWsUrls')} description={t('adminSettings.hint.sipWsUrls')}
                error={errors.sipWsUrls} value={draft.sipWsUrls} onChange={(e) => set({ sipWsUrls: e.currentTarget.value })} />
              {source('sipWsUrls')}
              <TextInput size="xs" mt="xs" label={t('adminSettings.field.sipDomain')} description={t('adminSettings.hint.sipDomain')}
                error={errors.sipDomain} value={draft.sipDomain} onChange={(e) => set({ sipDomain: e.currentTarget.value })} />
              {source('sipDomain')}
              <TextInput size="xs" mt="xs" label={t('adminSettings.field.smsGatewayUrl')} description={t('adminSettings.hint.smsGatewayUrl')}
                error={errors.smsGatewayUrl} value={draft.smsGatewayUrl} onChange={(e) => set({ smsGatewayUrl: e.currentTarget.value })} />
              {source('smsGatewayUrl')}
            </Paper>
            <Paper withBorder p="sm">
              <Title order={4} mb="xs">{t('adminSettings.mail')}</Title>
              <Group gap="xs" grow>
                <TextInput size="xs" label={t('adminSettings.field.smtpHost')} error={errors.smtpHost} value={draft.smtpHost}
                  onChange={(e) => set({ smtpHost: e.currentTarget.value })} />
                <NumberInput size="xs" label={t('adminSettings.field.smtpPort')} error={errors.smtpPort} value={draft.smtpPort} allowDecimal={false}
                  onChange={(v) => set({ smtpPort: typeof v === 'number' ? v : Number(v) })} />
              </Group>
              {source('smtpHost')}
              <TextInput size="xs" mt="xs" label={t('adminSettings.field.mailFrom')} description={t('adminSettings.hint.mailFrom')}
                error={errors.mailFrom} value={draft.mailFrom} onChange={(e) => set({ mailFrom: e.currentTarget.value })} />
              {source('mailFrom')}
              <Checkbox mt="sm" label={t('adminSettings.field.autoAck')} checked={draft.autoAck} onChange={(e) => set({ autoAck: e.currentTarget.checked })} />
              <NumberInput size="xs" mt="xs" label={t('adminSettings.field.autoAckPerSenderPerDay')} error={errors.autoAckPerSenderPerDay}
                value={draft.autoAckPerSenderPerDay} min={0} max={100} allowDecimal={false}
                onChange={(v) => set({ autoAckPerSenderPerDay: typeof v === 'number' ? v : Number(v) })} />
              <Text size="xs" c="dimmed" mt={4}>{t('adminSettings.ingressNote')}</Text>
            </Paper>
          </Group>
          <CaseNotificationSettings current={current} send={send} saving={saving} />
          <WidgetSettings current={current} send={send} saving={saving} errors={errors} />
          <Paper withBorder p="sm" aria-label={t('adminSettings.secrets')} role="region">
            <Title order={4} mb={4}>{t('adminSettings.secrets')}</Title>
            <Text size="xs" c="dimmed" mb="xs">{t('adminSettings.secretsText')}</Text>
            <Group gap="lg">
              {secret('SAPA_SIP_SECRET', current.secrets.sipSecret)}
              {secret('SAPA_SMTP_URL (user:password)', current.secrets.smtpCredentials)}
              {secret('SAPA_SMS_GATEWAY_TOKEN', current.secrets.smsGatewayToken)}
            </Group>
          </Paper>
          {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} p="xs">{notice.text}</Alert>}
          <Group><Button type="submit" loading={saving}>{t('adminSettings.save')}</Button></Group>
        </Stack>
      </form>
      <WhatsappTemplatesPanel />
    </section>
  );
}
