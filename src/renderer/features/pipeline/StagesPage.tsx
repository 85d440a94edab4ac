// Pipeline stages (sales managers and admins; docs/sales.md, "Pipeline stages"): each stage's
// name in both languages, its probability (the forecast's weight), its order on the board and
// whether it is open, the won or the lost stage, and the budget warning share. The rules
// (src/shared/sales/stage-rules.ts) are checked here first, each broken one named on its row;
// the server checks them again and audits the change. A stage left out is hidden, not deleted.
import { Alert, Button, Group, List, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { STAGE_KINDS, type Stage } from '../../../shared/pipeline.js';
import { MAX_STAGES, stageProblems, type StageProblem } from '../../../shared/sales/stage-rules.js';
import { sapa } from '../../platform/sapa.js';
import { refusalText } from '../admin-org/issues.js';

interface Row extends Omit<Stage, 'probability' | 'position'> { probability: number | string; position: number | string; isNew: boolean }

const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v));

export function StagesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['sales.settings'], queryFn: () => sapa().call('sales.settings', {}) });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [warn, setWarn] = useState<number | string>(90);
  const [problems, setProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!settings.data) return;
    setRows(settings.data.stages.map((s) => ({ ...s, isNew: false })));
    setWarn(settings.data.warnPercent);
  }, [settings.data]);

  const set = (i: number, change: Partial<Row>) => setRows((rs) => rs && rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const describe = (p: StageProblem) => {
    const text = t(`salesStages.problem.${p.problem}`, { value: p.value ?? '', max: MAX_STAGES });
    return p.row === null ? text : t('salesStages.onRow', { row: p.row + 1, text });
  };
  const add = () => setRows((rs) => {
    const list = rs ?? [];
    const last = Math.max(0, ...list.filter((r) => r.kind === 'open').map((r) => num(r.position)).filter(Number.isFinite));
    return [...list, { code: '', labelEn: '', labelId: '', probability: 50, position: last + 5, kind: 'open', isNew: true }];
  });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!rows) return;
    setNotice(null);
    const stages = rows.map((r) => ({ code: r.code.trim(), labelEn: r.labelEn.trim(), labelId: r.labelId.trim(), probability: num(r.probability), position: num(r.position), kind: r.kind }));
    const found = stageProblems(stages).map(describe);
    const warnPercent = num(warn);
    if (!Number.isInteger(warnPercent) || warnPercent < 1 || warnPercent > 100) found.push(t('salesStages.problem.warn'));
    setProblems(found);
    if (found.length > 0) return;
    setSaving(true);
    try {
      const saved = await sapa().call('sales.saveSettings', { stages, warnPercent });
      queryClient.setQueryData(['sales.settings'], saved);
      for (const key of ['opportunities.board', 'opportunities.forecast']) void queryClient.invalidateQueries({ queryKey: [key] });
      setNotice(t('salesStages.saved'));
    } catch (err) {
      setProblems([refusalText(t, err)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" p="md">
      <Title order={2}>{t('salesStages.title')}</Title>
      <Text size="sm" c="dimmed">{t('salesStages.intro')}</Text>
      {settings.isLoading && <Text c="dimmed">{t('salesStages.loading')}</Text>}
      {settings.isError && <Alert color="red" role="alert">{refusalText(t, settings.error)}</Alert>}
      {rows && (
        <Paper withBorder p="sm" component="form" aria-label={t('salesStages.title')} onSubmit={(e: FormEvent) => void save(e)}>
          <Table aria-label={t('salesStages.table')} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('salesStages.code')}</Table.Th><Table.Th>{t('salesStages.nameEn')}</Table.Th><Table.Th>{t('salesStages.nameId')}</Table.Th>
                <Table.Th>{t('salesStages.probability')}</Table.Th><Table.Th>{t('salesStages.order')}</Table.Th><Table.Th>{t('salesStages.kind')}</Table.Th><Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => {
                const n = i + 1;
                return (
                  <Table.Tr key={i}>
                    <Table.Td>
                      {r.isNew
                        ? <TextInput size="xs" w={120} aria-label={t('salesStages.codeOf', { row: n })} value={r.code} maxLength={40}
                          onChange={(e) => set(i, { code: e.currentTarget.value })} />
                        : <Text size="sm" ff="monospace">{r.code}</Text>}
                    </Table.Td>
                    <Table.Td><TextInput size="xs" aria-label={t('salesStages.nameEnOf', { row: n })} value={r.labelEn} maxLength={60} onChange={(e) => set(i, { labelEn: e.currentTarget.value })} /></Table.Td>
                    <Table.Td><TextInput size="xs" aria-label={t('salesStages.nameIdOf', { row: n })} value={r.labelId} maxLength={60} onChange={(e) => set(i, { labelId: e.currentTarget.value })} /></Table.Td>
                    <Table.Td>
                      <NumberInput size="xs" w={80} aria-label={t('salesStages.probabilityOf', { row: n })} clampBehavior="none" allowDecimal={false}
                        value={r.probability} onChange={(v) => set(i, { probability: v })} hideControls />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput size="xs" w={80} aria-label={t('salesStages.orderOf', { row: n })} clampBehavior="none" allowDecimal={false}
                        value={r.position} onChange={(v) => set(i, { position: v })} hideControls />
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect size="xs" aria-label={t('salesStages.kindOf', { row: n })} value={r.kind}
                        data={STAGE_KINDS.map((k) => ({ value: k, label: t(`salesStages.kinds.${k}`) }))}
                        onChange={(e) => set(i, { kind: e.currentTarget.value as Row['kind'] })} />
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" color="red" aria-label={t('salesStages.removeOf', { row: n })}
                        onClick={() => setRows((rs) => rs && rs.filter((_, j) => j !== i))}>{t('salesStages.remove')}</Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Group mt="sm" align="end">
            <Button variant="light" onClick={add} disabled={rows.length >= MAX_STAGES}>{t('salesStages.add')}</Button>
            <NumberInput size="sm" w={220} label={t('salesStages.warn')} clampBehavior="none" allowDecimal={false} value={warn} onChange={setWarn} hideControls />
            <Button type="submit" loading={saving}>{t('salesStages.save')}</Button>
          </Group>
          <Text size="xs" c="dimmed" mt="xs">{t('salesStages.hiddenNote')}</Text>
          {problems.length > 0 && (
            <Alert color="red" role="alert" mt="sm" title={t('salesStages.fix')}>
              <List size="sm">{problems.map((p, i) => <List.Item key={i}>{p}</List.Item>)}</List>
            </Alert>
          )}
          {notice && <Alert color="green" role="status" mt="sm">{notice}</Alert>}
        </Paper>
      )}
    </Stack>
  );
}
