// Sampling policies: the list (rule, team, cap, due days, active) and a small form to make
// one — N per agent per week, by disposition (a percentage), every VVIP complaint, or random
// per queue and tier (a percentage). The server checks who may make which (docs/quality.md).
import { Alert, Button, Group, NativeSelect, NumberInput, Paper, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SamplingKind, type SamplingPolicy, type SamplingRule } from '../../../shared/quality/sampling.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';

const KINDS: SamplingKind[] = ['per_agent', 'disposition', 'vvip_complaint', 'random'];

function ruleText(t: (k: string, o?: Record<string, unknown>) => string, rule: SamplingRule): string {
  switch (rule.kind) {
    case 'per_agent': return t('quality.sampling.perAgentText', { n: rule.perWeek });
    case 'disposition': return t('quality.sampling.dispositionText', { percent: rule.percent, dispositions: rule.dispositions.join(', ') });
    case 'vvip_complaint': return t('quality.sampling.vvipText', { dispositions: rule.dispositions.join(', ') });
    case 'random': return t('quality.sampling.randomText', { percent: rule.percent, queue: rule.queue ?? '*', tier: rule.tier ?? '*' });
  }
}

export function SamplingPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const policies = useQuery({ queryKey: ['quality.sampling.list'], queryFn: () => sapa().call('quality.sampling.list', {}) });
  const options = useQuery({ queryKey: ['lead.interactions.options'], queryFn: () => sapa().call('lead.interactions.options', {}), enabled: canManage });
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SamplingKind>('per_agent');
  const [teamId, setTeamId] = useState('');
  const [perWeek, setPerWeek] = useState<number>(5);
  const [percent, setPercent] = useState<number>(10);
  const [dispositions, setDispositions] = useState('complaint_logged');
  const [queue, setQueue] = useState('');
  const [tier, setTier] = useState('');
  const [cap, setCap] = useState<number>(20);
  const [dueDays, setDueDays] = useState<number>(3);
  const refresh = () => { void client.invalidateQueries({ queryKey: ['quality.sampling.list'] }); };
  const codes = dispositions.split(',').map((s) => s.trim()).filter(Boolean);
  const rule = (): SamplingRule => {
    switch (kind) {
      case 'per_agent': return { kind, perWeek };
      case 'disposition': return { kind, dispositions: codes, percent };
      case 'vvip_complaint': return { kind, dispositions: codes };
      case 'random': return { kind, percent, queue: queue || null, tier: (tier || null) as 'gold' | null };
    }
  };
  const create = useMutation({
    mutationFn: () => sapa().call('quality.sampling.create', {
      name: name.trim(), rule: rule(), teamId: teamId || null, capPerEvaluatorPerWeek: cap, dueDays, active: true,
    }),
    onSuccess: () => { setOpen(false); setName(''); refresh(); },
  });
  const toggle = useMutation({
    mutationFn: (p: SamplingPolicy) => sapa().call('quality.sampling.update', {
      id: p.id, name: p.name, rule: p.rule, teamId: p.teamId, capPerEvaluatorPerWeek: p.capPerEvaluatorPerWeek, dueDays: p.dueDays, active: !p.active,
    }),
    onSuccess: refresh,
  });
  const list = policies.data?.policies ?? [];
  return (
    <Paper withBorder p="xs" component="section" aria-label={t('quality.sampling.title')}>
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h5">{t('quality.sampling.title')}</Title>
        {canManage && !open && <Button size="xs" variant="default" onClick={() => setOpen(true)}>{t('quality.sampling.create')}</Button>}
      </Group>
      {(policies.error ?? toggle.error) != null && <Alert color="red" role="alert" p={6}>{errorText(t, policies.error ?? toggle.error)}</Alert>}
      {policies.isPending && <Text size="xs">{t('quality.loading')}</Text>}
      {policies.data && list.length === 0 && <Text size="sm" c="dimmed">{t('quality.sampling.empty')}</Text>}
      {list.length > 0 && (
        <Table fz="xs" aria-label={t('quality.sampling.table')}>
          <Table.Thead><Table.Tr>
            <Table.Th>{t('quality.sampling.name')}</Table.Th><Table.Th>{t('quality.sampling.rule')}</Table.Th><Table.Th>{t('quality.sampling.team')}</Table.Th>
            <Table.Th>{t('quality.sampling.cap')}</Table.Th><Table.Th>{t('quality.sampling.dueDays')}</Table.Th><Table.Th>{t('quality.sampling.active')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td><Table.Td>{ruleText(t, p.rule)}</Table.Td><Table.Td>{p.teamName ?? t('quality.sampling.allTeams')}</Table.Td>
                <Table.Td>{p.capPerEvaluatorPerWeek}</Table.Td><Table.Td>{p.dueDays}</Table.Td>
                <Table.Td>
                  <Switch size="xs" checked={p.active} disabled={!canManage || toggle.isPending} onChange={() => toggle.mutate(p)}
                    aria-label={t('quality.sampling.activeOf', { name: p.name })} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && (
        <Stack gap={4} mt="xs" component="form" aria-label={t('quality.sampling.create')} onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <Group gap="xs" align="end" wrap="wrap">
            <TextInput size="xs" label={t('quality.sampling.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
            <NativeSelect size="xs" label={t('quality.sampling.rule')} value={kind} onChange={(e) => setKind(e.currentTarget.value as SamplingKind)}
              data={KINDS.map((k) => ({ value: k, label: t(`quality.sampling.kinds.${k}`) }))} />
            <NativeSelect size="xs" label={t('quality.sampling.team')} value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}
              data={[{ value: '', label: t('quality.sampling.allTeams') }, ...(options.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))]} />
            {kind === 'per_agent' && <NumberInput size="xs" w={110} label={t('quality.sampling.perWeek')} min={1} max={50} value={perWeek} onChange={(v) => setPerWeek(Number(v) || 1)} />}
            {(kind === 'disposition' || kind === 'random') && <NumberInput size="xs" w={110} label={t('quality.sampling.percent')} min={1} max={100} value={percent} onChange={(v) => setPercent(Number(v) || 1)} />}
            {(kind === 'disposition' || kind === 'vvip_complaint') && <TextInput size="xs" label={t('quality.sampling.dispositions')} value={dispositions} onChange={(e) => setDispositions(e.currentTarget.value)} />}
            {kind === 'random' && <TextInput size="xs" w={110} label={t('quality.sampling.queue')} value={queue} onChange={(e) => setQueue(e.currentTarget.value)} />}
            {kind === 'random' && (
              <NativeSelect size="xs" label={t('quality.sampling.tier')} value={tier} onChange={(e) => setTier(e.currentTarget.value)}
                data={[{ value: '', label: t('quality.sampling.anyTier') }, 'platinum', 'gold', 'silver', 'regular']} />
            )}
            <NumberInput size="xs" w={130} label={t('quality.sampling.cap')} min={1} max={500} value={cap} onChange={(v) => setCap(Number(v) || 1)} />
            <NumberInput size="xs" w={110} label={t('quality.sampling.dueDays')} min={1} max={30} value={dueDays} onChange={(v) => setDueDays(Number(v) || 1)} />
          </Group>
          {create.error != null && <Alert color="red" role="alert" p={6}>{errorText(t, create.error)}</Alert>}
          <Group gap="xs">
            <Button size="xs" type="submit" loading={create.isPending} disabled={!name.trim()}>{t('quality.sampling.save')}</Button>
            <Button size="xs" variant="default" onClick={() => setOpen(false)}>{t('quality.forms.cancel')}</Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
