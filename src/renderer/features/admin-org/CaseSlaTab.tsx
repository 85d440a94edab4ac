// Organisation → Case SLA: the response and resolution targets (working hours) per case
// category × customer tier, and the warning threshold (server setting caseWarnPercent). An
// empty cell follows the priority the category and tier suggest (shown as its placeholder).
// Checked with the server's own schema (CaseSlaMatrix) before saving; the save replaces the
// matrix and is audited like every Organisation change.
import { Alert, Button, Group, Loader, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseSlaMatrix, CaseWarnPercent, RESPONSE_WORKING_HOURS, type CaseSlaTarget } from '../../../shared/case-sla.js';
import { RESOLUTION_WORKING_HOURS, suggestPriority } from '../../../shared/cases.js';
import { TIERS, type Tier } from '../../../shared/domain.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { refusalText } from './issues.js';

type Cell = { response: number | string; resolution: number | string };
type Draft = Record<string, Cell>;
const key = (category: string, tier: Tier) => `${category}/${tier}`;

function draftOf(targets: readonly CaseSlaTarget[]): Draft {
  return Object.fromEntries(targets.map((t) => [key(t.category, t.tier), { response: t.responseHours, resolution: t.resolutionHours }]));
}

export function CaseSlaTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sla = useQuery({ queryKey: ['admin.org.caseSla'], queryFn: () => sapa().call('admin.org.caseSla.get', {}) });
  const settings = useQuery({ queryKey: ['admin.settings'], queryFn: () => sapa().call('admin.settings.get', {}) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [warn, setWarn] = useState<number | string>('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => { if (sla.data) setDraft(draftOf(sla.data.targets)); }, [sla.data]);
  useEffect(() => { if (settings.data) setWarn(settings.data.values.caseWarnPercent); }, [settings.data]);

  if (sla.isPending) return <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('adminOrg.loading')}</Text></Group>;
  if (sla.error) return <Alert color="red" role="alert">{errorText(t, sla.error)}</Alert>;
  if (!draft) return null;
  const categories = sla.data.categories;
  const label = (c: string) => t(`cases.categories.${c}`, { defaultValue: c });

  const setCell = (k: string, patch: Partial<Cell>) => {
    setDraft({ ...draft, [k]: { ...(draft[k] ?? { response: '', resolution: '' }), ...patch } });
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const problems: string[] = [];
    const targets: CaseSlaTarget[] = [];
    for (const [k, cell] of Object.entries(draft)) {
      const [category = '', tier = 'regular'] = k.split('/');
      const empty = (v: number | string) => v === '' || v === null;
      if (empty(cell.response) && empty(cell.resolution)) continue;
      const where = `${label(category)} · ${t(`tier.${tier}`)}`;
      if (empty(cell.response) || empty(cell.resolution)) { problems.push(t('caseSla.bothNeeded', { where })); continue; }
      targets.push({ category, tier: tier as Tier, responseHours: Number(cell.response), resolutionHours: Number(cell.resolution) });
    }
    const parsed = CaseSlaMatrix.safeParse({ targets });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const target = targets[Number(issue.path[1])];
        const where = target ? `${label(target.category)} · ${t(`tier.${target.tier}`)}` : '';
        problems.push(`${where}: ${issue.path.at(-1) === 'responseHours' && issue.code === 'custom' ? t('caseSla.responseLonger') : t('caseSla.hoursRange')}`);
      }
    }
    const warnParsed = CaseWarnPercent.safeParse(typeof warn === 'number' ? warn : Number(warn));
    if (!warnParsed.success) problems.push(t('caseSla.warnInvalid'));
    if (problems.length > 0 || !parsed.success || !warnParsed.success) {
      setNotice({ ok: false, text: `${t('caseSla.invalid')} ${[...new Set(problems)].join('; ')}` });
      return;
    }
    try {
      await sapa().call('admin.org.caseSla.save', parsed.data);
      if (settings.data && warnParsed.data !== settings.data.values.caseWarnPercent) {
        await sapa().call('admin.settings.save', { caseWarnPercent: warnParsed.data });
      }
      setNotice({ ok: true, text: t('adminOrg.saved') });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['admin.org.caseSla'] }), queryClient.invalidateQueries({ queryKey: ['admin.settings'] }),
      ]);
    } catch (error) {
      setNotice({ ok: false, text: refusalText(t, error) });
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} aria-label={t('caseSla.tab')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('caseSla.intro')}</Text>
        <Text size="xs" c="dimmed">{t('caseSla.responseResolution')}</Text>
        <Table.ScrollContainer minWidth={640} type="native">
          <Table fz="xs" aria-label={t('caseSla.matrix')} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.category')}</Table.Th>
                {TIERS.map((tier) => <Table.Th key={tier}>{t(`tier.${tier}`)}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {categories.map((category) => (
                <Table.Tr key={category}>
                  <Table.Td>{label(category)}</Table.Td>
                  {TIERS.map((tier) => {
                    const k = key(category, tier);
                    const cell = draft[k] ?? { response: '', resolution: '' };
                    const p = suggestPriority(tier, category);
                    const where = `${label(category)}, ${t(`tier.${tier}`)}`;
                    return (
                      <Table.Td key={tier}>
                        <Group gap={4} wrap="nowrap">
                          <NumberInput size="xs" w={60} min={0.25} max={2000} step={0.25} decimalScale={2} hideControls
                            aria-label={t('caseSla.responseOf', { where })} placeholder={String(RESPONSE_WORKING_HOURS[p])}
                            value={cell.response} onChange={(v) => setCell(k, { response: v })} />
                          <Text size="xs" c="dimmed">/</Text>
                          <NumberInput size="xs" w={60} min={0.25} max={2000} step={0.25} decimalScale={2} hideControls
                            aria-label={t('caseSla.resolutionOf', { where })} placeholder={String(RESOLUTION_WORKING_HOURS[p])}
                            value={cell.resolution} onChange={(v) => setCell(k, { resolution: v })} />
                        </Group>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">{t('caseSla.emptyCell')}</Text>
        <NumberInput size="xs" w={260} label={t('caseSla.warnPercent')} description={t('caseSla.warnHint')} min={1} max={90}
          allowDecimal={false} value={warn} onChange={setWarn} />
        {settings.error && <Alert color="red" role="alert" p="xs">{errorText(t, settings.error)}</Alert>}
        {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} p="xs">{notice.text}</Alert>}
        <Group><Button type="submit">{t('caseSla.save')}</Button></Group>
      </Stack>
    </form>
  );
}
