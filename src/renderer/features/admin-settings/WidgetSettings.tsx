// Server settings → Web chat widget: the sites whose pages may embed the widget (one origin
// per line; every public endpoint refuses the others), the largest file a customer may send,
// and the queue chats wait in (docs/web-widget.md). Saved on its own.
import { Button, Group, NumberInput, Paper, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ServerSettingsAnswer } from '../../../shared/server-settings.js';

export function WidgetSettings({ current, send, saving, errors }: {
  current: ServerSettingsAnswer; send: (update: Record<string, unknown>) => Promise<void>; saving: boolean; errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const v = current.values;
  const [origins, setOrigins] = useState(v.widgetOrigins.join('\n'));
  const [maxKb, setMaxKb] = useState(Math.round(v.widgetUploadMaxBytes / 1024));
  const [queue, setQueue] = useState(v.widgetQueue);
  useEffect(() => {
    setOrigins(v.widgetOrigins.join('\n'));
    setMaxKb(Math.round(v.widgetUploadMaxBytes / 1024));
    setQueue(v.widgetQueue);
  }, [v.widgetOrigins, v.widgetUploadMaxBytes, v.widgetQueue]);
  const save = () => {
    const update: Record<string, unknown> = {};
    const list = origins.split('\n').map((s) => s.trim()).filter(Boolean);
    if (JSON.stringify(list) !== JSON.stringify(v.widgetOrigins)) update.widgetOrigins = list;
    if (maxKb * 1024 !== v.widgetUploadMaxBytes) update.widgetUploadMaxBytes = maxKb * 1024;
    if (queue.trim() !== v.widgetQueue) update.widgetQueue = queue.trim();
    void send(update);
  };
  return (
    <Paper withBorder p="sm" role="region" aria-label={t('adminSettings.widget.title')}>
      <Title order={4} mb={4}>{t('adminSettings.widget.title')}</Title>
      <Text size="xs" c="dimmed" mb="xs">{t('adminSettings.widget.intro')}</Text>
      <Group align="flex-start" grow wrap="nowrap">
        <Textarea size="xs" autosize minRows={2} label={t('adminSettings.field.widgetOrigins')} description={t('adminSettings.hint.widgetOrigins')}
          error={errors.widgetOrigins ?? Object.entries(errors).find(([k]) => k.startsWith('widgetOrigins.'))?.[1]}
          value={origins} onChange={(e) => setOrigins(e.currentTarget.value)} />
        <div>
          <NumberInput size="xs" label={t('adminSettings.field.widgetUploadMaxBytes')} min={10} max={10240} allowDecimal={false}
            error={errors.widgetUploadMaxBytes} value={maxKb} onChange={(n) => setMaxKb(typeof n === 'number' ? n : Number(n))} />
          <TextInput size="xs" mt="xs" label={t('adminSettings.field.widgetQueue')} error={errors.widgetQueue} value={queue}
            onChange={(e) => setQueue(e.currentTarget.value)} />
        </div>
      </Group>
      <Group mt="xs"><Button size="xs" variant="light" loading={saving} onClick={save}>{t('adminSettings.widget.save')}</Button></Group>
    </Paper>
  );
}
