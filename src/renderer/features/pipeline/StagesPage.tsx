// Pipeline stages (sales managers and admins; docs/sales.md, "Pipeline stages"): each stage's
// name in both languages, its probability (the forecast's weight), its order on the board and
// whether it is open, the won or the lost stage, and the budget warning share. The rules
// (src/shared/sales/stage-rules.ts) are checked here first, each broken one named on its row;
// the server checks them again and audits the change. A stage left out is hidden, not deleted.
import { Button, Group, NativeSelect, NumberInput, Paper, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGE_KINDS, type Stage } from '../../../shared/pipeline.js';
import { MAX_STAGES, stageProblems, type StageProblem } from '../../../shared/sales/stage-rules.js';
import { sapa } from '../../platform/sapa.js';
import { SaveOutcome, SettingsFrame, useCheckedSave } from './SettingsFrame.js';

interface Row extends Omit<Stage, 'probability' | 'position'> { probability: number | string; position: number | string; isNew: boolean }

const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v));

/** One stage's fields, labelled with its row number (the refusals name the row). */
function StageRow({ r, n, onChange, onRemove }: { r: Row; n: number; onChange: (change: Partial<Row>) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`salesStages.${key}`, { row: n });
  return (
    <Table.Tr>
      <Table.Td>
        {r.isNew
          ? <TextInput size="xs" w={120} aria-label={label('codeOf')} value={r.code} maxLength={40} onChange={(e) => onChange({ code: e.currentTarget.value })} />
          : <Text size="sm" ff="monospace">{r.code}</Text>}
      </Table.Td>
      <Table.Td><TextInput size="xs" aria-label={label('nameEnOf')} value={r.labelEn} maxLength={60} onChange={(e) => onChange({ labelEn: e.currentTarget.value })} /></Table.Td>
      <Table.Td><TextInput size="xs" aria-label={label('nameIdOf')} value={r.labelId} maxLength={60} onChange={(e) => onChange({ labelId: e.currentTarget.value })} /></Table.Td>
      <Table.Td>
        <NumberInput size="xs" w={80} aria-label={label('probabilityOf')} clampBehavior="none" allowDecimal={false} hideControls
          value={r.probability} onChange={(v) => onChange({ probability: v })} />
      </Table.Td>
      <Table.Td>
        <NumberInput size="xs" w={80} aria-label={label('orderOf')} clampBehavior="none" allowDecimal={false} hideControls
          value={r.position} onChange={(v) => onChange({ position: v })} />
      </Table.Td>
      <Table.Td>
        <NativeSelect size="xs" aria-label={label('kindOf')} value={r.kind} data={STAGE_KINDS.map((k) => ({ value: k, label: t(`salesStages.kinds.${k}`) }))}
          onChange={(e) => onChange({ kind: e.currentTarget.value as Row['kind'] })} />
      </Table.Td>
      <Table.Td>
        <Button size="compact-xs" variant="subtle" color="red" aria-label={label('removeOf')} onClick={onRemove}>{t('salesStages.remove')}</Button>
      </Table.Td>
    </Table.Tr>
  );
}

export function StagesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['sales.settings'], queryFn: () => sapa().call('sales.settings', {}) });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [warn, setWarn] = useState<number | string>(90);
  const { problems, notice, saving, run } = useCheckedSave();
  useEffect(() => {
    if (!settings.data) return;
    setRows(settings.data.stages.map((s) => ({ ...s, isNew: false })));
    setWarn(settings.data.warnPercent);
  }, [settings.data]);

  const describe = (p: StageProblem) => {
    const text = t(`salesStages.problem.${p.problem}`, { value: p.value ?? '', max: MAX_STAGES });
    return p.row === null ? text : t('salesStages.onRow', { row: p.row + 1, text });
  };
  const add = () => setRows((rs) => {
    const list = rs ?? [];
    const last = Math.max(0, ...list.filter((r) => r.kind === 'open').map((r) => num(r.position)).filter(Number.isFinite));
    return [...list, { code: '', labelEn: '', labelId: '', probability: 50, position: last + 5, kind: 'open', isNew: true }];
  });

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!rows) return;
    const stages = rows.map((r) => ({ code: r.code.trim(), labelEn: r.labelEn.trim(), labelId: r.labelId.trim(), probability: num(r.probability), position: num(r.position), kind: r.kind }));
    const found = stageProblems(stages).map(describe);
    const warnPercent = num(warn);
    if (!Number.isInteger(warnPercent) || warnPercent < 1 || warnPercent > 100) found.push(t('salesStages.problem.warn'));
    void run(found, async () => {
      queryClient.setQueryData(['sales.settings'], await sapa().call('sales.saveSettings', { stages, warnPercent }));
      for (const key of ['opportunities.board', 'opportunities.forecast']) void queryClient.invalidateQueries({ queryKey: [key] });
      return t('salesStages.saved');
    });
  };

  return (
    <SettingsFrame title={t('salesStages.title')} intro={t('salesStages.intro')} loading={settings.isLoading ? t('salesStages.loading') : null} error={settings.error}>
      {rows && (
        <Paper withBorder p="sm" component="form" aria-label={t('salesStages.title')} onSubmit={save}>
          <Table aria-label={t('salesStages.table')} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                {['code', 'nameEn', 'nameId', 'probability', 'order', 'kind'].map((k) => <Table.Th key={k}>{t(`salesStages.${k}`)}</Table.Th>)}<Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <StageRow key={i} r={r} n={i + 1} onChange={(change) => setRows((rs) => rs && rs.map((x, j) => (j === i ? { ...x, ...change } : x)))}
                  onRemove={() => setRows((rs) => rs && rs.filter((_, j) => j !== i))} />
              ))}
            </Table.Tbody>
          </Table>
          <Group mt="sm" align="end">
            <Button variant="light" onClick={add} disabled={rows.length >= MAX_STAGES}>{t('salesStages.add')}</Button>
            <NumberInput size="sm" w={220} label={t('salesStages.warn')} clampBehavior="none" allowDecimal={false} value={warn} onChange={setWarn} hideControls />
            <Button type="submit" loading={saving}>{t('salesStages.save')}</Button>
          </Group>
          <Text size="xs" c="dimmed" mt="xs">{t('salesStages.hiddenNote')}</Text>
          <SaveOutcome problems={problems} notice={notice} fix={t('salesStages.fix')} />
        </Paper>
      )}
    </SettingsFrame>
  );
}
