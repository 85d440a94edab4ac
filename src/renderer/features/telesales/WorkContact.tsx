// Working one contact of a campaign's call list: who, the number (click to call; a number on
// the do-not-call list is refused by the softphone seam), the call script, and the
// disposition with a note. "Save disposition" closes the contact; "Next contact" takes another.
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title, TypographyStylesProvider } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { renderTemplate } from '../../../shared/replies/template.js';
import { buildVariables } from '../../../shared/replies/variables.js';
import { type NextContactAnswer } from '../../../shared/sales/telesales.js';
import { useAuthStore } from '../auth/store.js';
import { errorText } from '../../i18n/error-text.js';
import { invalidateMethod } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { CallNumberButton } from '../customer/CallNumberButton.js';
import { OpenCustomerButton } from '../home/OpenCustomerButton.js';
import { useLanguage } from '../settings/useLanguage.js';

export function WorkContact({ work, onDone }: { work: NextContactAnswer; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [disposition, setDisposition] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const agent = useAuthStore((s) => s.user);
  const contact = work.contact;
  if (!contact) return <Alert color="blue" role="status">{t('telesales.listDone')}</Alert>;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!disposition) { setError(t('telesales.pickDisposition')); return; }
    setBusy(true);
    setError(null);
    try {
      await sapa().call('sales.campaigns.dispose', { contactId: contact.id, body: { disposition, note } });
      await invalidateMethod('sales.campaigns.list');
      const label = work.dispositions.find((d) => d.code === disposition);
      onDone(t('telesales.saved', { name: contact.customerName, disposition: label ? (language === 'en' ? label.labelEn : label.labelId) : disposition }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={t('telesales.contactTitle', { name: contact.customerName })}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            <OpenCustomerButton customerId={contact.customerId} name={contact.customerName} salutation={null} />
            <Text span size="sm" c="dimmed"> · {contact.customerNo} · {t(`tier.${contact.tier}`)}</Text>
          </Title>
          <CallNumberButton e164={contact.phone} />
        </Group>
        <section aria-label={t('telesales.script')}>
          <Title order={4} size="h5">{t('telesales.script')}</Title>
          {work.script.length === 0 && <Text c="dimmed" size="sm">{t('telesales.noScript')}</Text>}
          {work.script.map((p) => (
            <Paper key={p.id} withBorder p="xs" mt="xs" bg="var(--mantine-color-gray-0)">
              <Text fw={600} size="sm">{p.title}</Text>
              <TypographyStylesProvider><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{renderTemplate(p.body, buildVariables({
                customer: { fullName: contact.customerName, salutation: contact.salutation, tier: contact.tier, customerNo: contact.customerNo, language: contact.language },
                agent: agent ? { displayName: agent.displayName } : null, case: null, order: null, now: new Date(),
              })).text}</Text></TypographyStylesProvider>
            </Paper>
          ))}
        </section>
        <form onSubmit={(e) => void save(e)} aria-label={t('telesales.dispositionForm')}>
          <Group align="end">
            <NativeSelect label={t('telesales.disposition')} value={disposition} onChange={(e) => setDisposition(e.currentTarget.value)} w={260}
              data={[{ value: '', label: t('telesales.choose') }, ...work.dispositions.map((d) => ({ value: d.code, label: language === 'en' ? d.labelEn : d.labelId }))]} />
            <Textarea label={t('telesales.note')} value={note} maxLength={2000} autosize minRows={1} w={360} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>{t('telesales.saveDisposition')}</Button>
          </Group>
          {error && <Alert color="red" role="alert" mt="xs">{error}</Alert>}
        </form>
      </Stack>
    </Paper>
  );
}
