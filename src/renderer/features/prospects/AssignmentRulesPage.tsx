// Prospect assignment (sales managers and admins; docs/sales.md, "Assignment"): who gets a new
// prospect nobody owns — per branch (or `*` for any other branch), round-robin over the reps
// ticked. The rules (src/shared/sales/assignment-rules.ts) are checked here first, each broken
// one named on its rule; the server checks them again (active reps) and audits the change.
import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ruleProblems } from '../../../shared/sales/assignment-rules.js';
import { sapa } from '../../platform/sapa.js';
import { SaveOutcome, SettingsFrame, useCheckedSave } from '../pipeline/SettingsFrame.js';

interface Rule { branch: string; repIds: string[] }

export function AssignmentRulesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['sales.rules'], queryFn: () => sapa().call('sales.rules.get', {}) });
  const [rules, setRules] = useState<Rule[] | null>(null);
  const { problems, notice, saving, run } = useCheckedSave();
  useEffect(() => { if (current.data) setRules(current.data.rules.map((r) => ({ branch: r.branch, repIds: [...r.repIds] }))); }, [current.data]);
  const reps = current.data?.reps ?? [];
  const set = (i: number, change: Partial<Rule>) => setRules((rs) => rs && rs.map((r, j) => (j === i ? { ...r, ...change } : r)));

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!rules) return;
    const body = rules.map((r) => ({ branch: r.branch.trim(), repIds: r.repIds }));
    const found = ruleProblems(body).map((p) => t('assignmentRules.onRule', { rule: p.row + 1, text: t(`assignmentRules.problem.${p.problem}`, { value: p.value ?? '' }) }));
    void run(found, async () => {
      queryClient.setQueryData(['sales.rules'], await sapa().call('sales.rules.save', { rules: body }));
      return t('assignmentRules.saved');
    });
  };

  return (
    <SettingsFrame title={t('assignmentRules.title')} intro={t('assignmentRules.intro')} loading={current.isLoading ? t('assignmentRules.loading') : null} error={current.error}>
      {rules && (
        <Stack gap="sm" component="form" aria-label={t('assignmentRules.title')} onSubmit={save}>
          {rules.length === 0 && <Text c="dimmed">{t('assignmentRules.empty')}</Text>}
          {reps.length === 0 && <Alert color="yellow">{t('assignmentRules.noReps')}</Alert>}
          {rules.map((r, i) => {
            const n = i + 1;
            return (
              <Paper key={i} withBorder p="sm" role="group" aria-label={t('assignmentRules.rule', { rule: n })}>
                <Group align="start" wrap="nowrap">
                  <TextInput w={240} label={t('assignmentRules.branchOf', { rule: n })} description={t('assignmentRules.branchHint')} value={r.branch} maxLength={100}
                    onChange={(e) => set(i, { branch: e.currentTarget.value })} />
                  <Checkbox.Group style={{ flex: 1 }} label={t('assignmentRules.repsOf', { rule: n })} value={r.repIds} onChange={(repIds) => set(i, { repIds })}>
                    <SimpleGrid cols={3} spacing={4} mt={4} mah={132} style={{ overflowY: 'auto' }}>
                      {reps.map((rep) => <Checkbox key={rep.id} size="xs" value={rep.id} label={rep.branch ? `${rep.name} (${rep.branch})` : rep.name} />)}
                    </SimpleGrid>
                  </Checkbox.Group>
                  <Button size="compact-sm" variant="subtle" color="red" aria-label={t('assignmentRules.removeOf', { rule: n })}
                    onClick={() => setRules((rs) => rs && rs.filter((_, j) => j !== i))}>{t('assignmentRules.remove')}</Button>
                </Group>
              </Paper>
            );
          })}
          <Group>
            <Button variant="light" onClick={() => setRules((rs) => [...(rs ?? []), { branch: '', repIds: [] }])} disabled={rules.length >= 200}>
              {t('assignmentRules.add')}
            </Button>
            <Button type="submit" loading={saving}>{t('assignmentRules.save')}</Button>
          </Group>
          <SaveOutcome problems={problems} notice={notice} fix={t('assignmentRules.fix')} />
        </Stack>
      )}
    </SettingsFrame>
  );
}
