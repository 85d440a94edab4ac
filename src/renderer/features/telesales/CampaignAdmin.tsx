// Running a campaign (sales managers and leads; docs/sales.md): a new campaign with its period,
// call script (approved call_script paragraphs of the reply library) and dispositions; the call
// list from a customer filter or a CSV of numbers / customer numbers (do-not-call numbers are
// left out and counted); results; the do-not-call list.
import { Alert, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type MethodInput } from '../../../shared/api.js';
import { TIERS, type Tier } from '../../../shared/domain.js';
import { type AddContactsAnswer } from '../../../shared/sales/telesales.js';
import { FilePicker } from '../../app/FilePicker.js';
import { errorText } from '../../i18n/error-text.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';

const today = () => new Date().toISOString().slice(0, 10);

export function NewCampaignForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const replies = useCoreQuery('replies.list', {});
  const dispositions = useCoreQuery('softphone.dispositions', {});
  const scripts = (replies.data?.paragraphs ?? []).filter((p) => p.status === 'approved' && p.channels.includes('call_script'));
  const [name, setName] = useState('');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState(today());
  const [scriptIds, setScriptIds] = useState<string[]>([]);
  const [codes, setCodes] = useState<string[]>([]);
  const [success, setSuccess] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const c = await sapa().call('sales.campaigns.create', { name, startsOn, endsOn, scriptParagraphIds: scriptIds, dispositionCodes: codes, successCodes: success.filter((s) => codes.includes(s)) });
      await invalidateMethod('sales.campaigns.list');
      setName('');
      onCreated(c.id);
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const items = dispositions.data?.items ?? dispositions.data?.dispositions.map((code) => ({ code, labelId: code, labelEn: code })) ?? [];
  return (
    <Paper withBorder p="md" component="form" aria-label={t('telesales.newTitle')} onSubmit={(e: FormEvent) => void submit(e)}>
      <Title order={3} size="h4" mb="xs">{t('telesales.newTitle')}</Title>
      <Group align="start">
        <TextInput label={t('telesales.name')} required maxLength={200} w={320} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput type="date" label={t('telesales.startsOn')} required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} />
        <TextInput type="date" label={t('telesales.endsOn')} required value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} />
      </Group>
      <Group align="start" mt="sm" gap="xl">
        <Checkbox.Group label={t('telesales.scriptPick')} value={scriptIds} onChange={setScriptIds}>
          <Stack gap={4} mt={4}>
            {scripts.length === 0 && <Text size="sm" c="dimmed">{t('telesales.noScripts')}</Text>}
            {scripts.map((p) => <Checkbox key={p.id} value={p.id} label={`${p.title} (${p.language})`} />)}
          </Stack>
        </Checkbox.Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('telesales.dispositions')}</Text>
          {items.map((d) => (
            <Group key={d.code} gap="xs">
              <Checkbox label={language === 'en' ? d.labelEn : d.labelId} checked={codes.includes(d.code)} onChange={() => setCodes(toggle(codes, d.code))} />
              {codes.includes(d.code) && (
                <Checkbox size="xs" label={t('telesales.countsAsConversion')} checked={success.includes(d.code)} onChange={() => setSuccess(toggle(success, d.code))}
                  aria-label={t('telesales.conversionNamed', { disposition: language === 'en' ? d.labelEn : d.labelId })} />
              )}
            </Group>
          ))}
        </Stack>
      </Group>
      <Button type="submit" mt="sm">{t('telesales.create')}</Button>
      {error && <Alert color="red" role="alert" mt="sm">{error}</Alert>}
    </Paper>
  );
}

export function BuildList({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const [tiers, setTiers] = useState<string[]>([]);
  const [segment, setSegment] = useState('');
  const [branch, setBranch] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [answer, setAnswer] = useState<AddContactsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (body: MethodInput<'sales.campaigns.addContacts'>['body']) => {
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await sapa().call('sales.campaigns.addContacts', { campaignId, body }));
      await invalidateMethod('sales.campaigns.list');
      await invalidateMethod('sales.campaigns.results');
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={t('telesales.buildTitle')}>
      <Title order={3} size="h4" mb="xs">{t('telesales.buildTitle')}</Title>
      <Group align="end">
        <Checkbox.Group label={t('telesales.tiers')} value={tiers} onChange={setTiers}>
          <Group gap="xs" mt={4}>{TIERS.map((tier) => <Checkbox key={tier} value={tier} label={t(`tier.${tier}`)} />)}</Group>
        </Checkbox.Group>
        <TextInput label={t('telesales.segment')} value={segment} maxLength={50} onChange={(e) => setSegment(e.currentTarget.value)} />
        <TextInput label={t('telesales.branch')} value={branch} maxLength={100} onChange={(e) => setBranch(e.currentTarget.value)} />
        <Button variant="light" onClick={() => void run({ from: 'filter', filter: { tiers: tiers as Tier[], segment, branch } })}>{t('telesales.addFiltered')}</Button>
      </Group>
      <Group align="end" mt="sm">
        <FilePicker label={t('telesales.csvFile')} description={t('telesales.csvHint')} accept=".csv,text/csv" files={file ? [file] : []} onChange={(f) => setFile(f[0] ?? null)} />
        <Button variant="light" disabled={!file} onClick={async () => { if (file) await run({ from: 'csv', csv: await file.text() }); setFile(null); }}>{t('telesales.addCsv')}</Button>
      </Group>
      {answer && (
        <Alert color="green" role="status" mt="sm">
          {t('telesales.added', { added: answer.added, already: answer.alreadyOnList, dnc: answer.excludedDoNotCall, unmatched: answer.unmatched.length })}
          {answer.unmatched.length > 0 && <Text size="xs" mt={4}>{answer.unmatched.slice(0, 10).join('; ')}</Text>}
        </Alert>
      )}
      {error && <Alert color="red" role="alert" mt="sm">{error}</Alert>}
    </Paper>
  );
}

export function Results({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const results = useCoreQuery('sales.campaigns.results', { campaignId }, { staleTime: 0 });
  const dispositions = useCoreQuery('softphone.dispositions', {});
  const r = results.data;
  if (!r) return null;
  const label = (code: string) => {
    const d = dispositions.data?.items?.find((x) => x.code === code);
    return d ? (language === 'en' ? d.labelEn : d.labelId) : code;
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={t('telesales.results')}>
      <Title order={3} size="h4" mb="xs">{t('telesales.results')}</Title>
      <Text size="sm">{t('telesales.resultsLine', { total: r.total, done: r.done, pending: r.pending, excluded: r.excluded, contacted: r.contactedPct, conversions: r.conversions, conversion: r.conversionPct })}</Text>
      {r.byDisposition.length > 0 && (
        <Table mt="xs" aria-label={t('telesales.byDisposition')} w={420}>
          <Table.Tbody>{r.byDisposition.map((b) => <Table.Tr key={b.code}><Table.Td>{label(b.code)}</Table.Td><Table.Td>{b.count}</Table.Td></Table.Tr>)}</Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function DoNotCallForm() {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const entry = await sapa().call('sales.dnc.add', { phone, reason });
      setDone(t('telesales.dncAdded', { phone: entry.e164 }));
      setPhone('');
      setReason('');
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <Paper withBorder p="md" component="form" aria-label={t('telesales.dncTitle')} onSubmit={(e: FormEvent) => void submit(e)}>
      <Title order={3} size="h4" mb="xs">{t('telesales.dncTitle')}</Title>
      <Group align="end">
        <TextInput label={t('telesales.dncPhone')} required value={phone} maxLength={64} onChange={(e) => setPhone(e.currentTarget.value)} />
        <TextInput label={t('telesales.dncReason')} value={reason} maxLength={500} w={320} onChange={(e) => setReason(e.currentTarget.value)} />
        <Button type="submit" variant="light">{t('telesales.dncAdd')}</Button>
      </Group>
      {done && <Alert color="green" role="status" mt="sm">{done}</Alert>}
      {error && <Alert color="red" role="alert" mt="sm">{error}</Alert>}
    </Paper>
  );
}
