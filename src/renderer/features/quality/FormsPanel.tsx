// The quality forms of a lead or admin: each form with its versions; an unused version can be
// edited, a used one shows as locked and offers "New version". A form's definition is edited
// as labelled JSON, checked with the shared FormDefinition schema before it is sent.
import { type Language } from '../../../shared/domain.js';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDefinition } from '../../../shared/quality/form.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { label } from './AnswerFields.js';

const EXAMPLE = {
  sections: [
    { id: 'greeting', label: { id: 'Salam', en: 'Greeting' }, weight: 40, items: [{ id: 'hello', kind: 'yes_no', label: { id: 'Menyapa', en: 'Greets' } }] },
    { id: 'compliance', label: { id: 'Kepatuhan', en: 'Compliance' }, weight: 60, items: [
      { id: 'disclosure', kind: 'yes_no', label: { id: 'Pengungkapan', en: 'Disclosure' }, fatal: true, commentOnFail: true, allowNa: false },
    ] },
  ],
};

/** The schema's problems as "path: message" lines; empty when the JSON is a valid form. */
function problemsOf(json: string): string[] {
  let value: unknown;
  try { value = JSON.parse(json); } catch (e) { return [(e as Error).message]; }
  const parsed = FormDefinition.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(form)'}: ${i.message}`);
}

function DefinitionEditor({ initial, submitLabel, withName, onSubmit, onCancel, pending, error }: {
  initial: unknown; submitLabel: string; withName: boolean; pending: boolean; error: unknown;
  onSubmit(definition: FormDefinition, name: { id: string; en: string }): void; onCancel(): void;
}) {
  const { t } = useTranslation();
  const [json, setJson] = useState(() => JSON.stringify(initial, null, 2));
  const [nameId, setNameId] = useState('');
  const [nameEn, setNameEn] = useState('');
  const problems = problemsOf(json);
  const nameMissing = withName && (!nameId.trim() || !nameEn.trim());
  return (
    <Stack gap="xs">
      {withName && (
        <Group grow>
          <TextInput size="xs" label={t('quality.forms.nameId')} value={nameId} onChange={(e) => setNameId(e.currentTarget.value)} />
          <TextInput size="xs" label={t('quality.forms.nameEn')} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} />
        </Group>
      )}
      <Textarea label={t('quality.forms.definition')} description={t('quality.forms.definitionHelp')} autosize minRows={8} maxRows={18}
        ff="monospace" value={json} onChange={(e) => setJson(e.currentTarget.value)} error={problems.length > 0 ? problems.slice(0, 6).join('\n') : undefined}
        styles={{ error: { whiteSpace: 'pre-wrap' } }} />
      {error != null && <Alert color="red" role="alert" p={6}>{errorText(t, error)}</Alert>}
      <Group>
        <Button size="xs" loading={pending} disabled={problems.length > 0 || nameMissing}
          onClick={() => onSubmit(FormDefinition.parse(JSON.parse(json)), { id: nameId.trim(), en: nameEn.trim() })}>{submitLabel}</Button>
        <Button size="xs" variant="default" onClick={onCancel}>{t('quality.forms.cancel')}</Button>
      </Group>
    </Stack>
  );
}

type Editing = { kind: 'create' } | { kind: 'edit'; versionId: string } | { kind: 'newVersion'; formId: string; fromVersionId: string };

export function FormsPanel({ language, canManage }: { language: Language; canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const forms = useQuery({ queryKey: ['quality.forms.list'], queryFn: () => sapa().call('quality.forms.list', {}), staleTime: 0 });
  const sourceId = editing?.kind === 'edit' ? editing.versionId : editing?.kind === 'newVersion' ? editing.fromVersionId : '';
  const source = useQuery({ queryKey: ['quality.versions.read', sourceId], queryFn: () => sapa().call('quality.versions.read', { id: sourceId }), enabled: sourceId !== '' });
  const done = () => { setEditing(null); void client.invalidateQueries({ queryKey: ['quality.forms.list'] }); void client.invalidateQueries({ queryKey: ['quality.versions.read'] }); };
  const save = useMutation({
    mutationFn: async ({ definition, name }: { definition: FormDefinition; name: { id: string; en: string } }) => {
      if (editing?.kind === 'create') return sapa().call('quality.forms.create', { name, definition });
      if (editing?.kind === 'edit') return sapa().call('quality.versions.edit', { id: editing.versionId, definition });
      if (editing?.kind === 'newVersion') return sapa().call('quality.forms.newVersion', { formId: editing.formId, definition });
      throw new Error('nothing to save');
    },
    onSuccess: done,
  });
  const start = (e: Editing) => { save.reset(); setEditing(e); };

  return (
    <Stack gap="xs" component="section" aria-label={t('quality.forms.title')}>
      <Group justify="space-between">
        <Title order={3} size="h5">{t('quality.forms.title')}</Title>
        {canManage && !editing && <Button size="xs" onClick={() => start({ kind: 'create' })}>{t('quality.forms.create')}</Button>}
      </Group>
      {editing && (
        <Paper withBorder p="xs" component="section" aria-label={t(`quality.forms.editing.${editing.kind}`)}>
          <Title order={4} size="h6" mb={4}>{t(`quality.forms.editing.${editing.kind}`)}</Title>
          {editing.kind !== 'create' && source.isPending && <Loader size="xs" />}
          {source.error && <Alert color="red" role="alert" p={6}>{errorText(t, source.error)}</Alert>}
          {(editing.kind === 'create' || source.data) && (
            <DefinitionEditor key={sourceId || 'create'} initial={editing.kind === 'create' ? EXAMPLE : source.data?.definition}
              withName={editing.kind === 'create'} pending={save.isPending} error={save.error}
              submitLabel={editing.kind === 'edit' ? t('quality.forms.saveVersion') : t('quality.forms.publish')}
              onSubmit={(definition, name) => save.mutate({ definition, name })} onCancel={() => setEditing(null)} />
          )}
        </Paper>
      )}
      {forms.isPending && <Group gap="xs"><Loader size="xs" /><Text size="sm">{t('quality.loading')}</Text></Group>}
      {forms.error && <Alert color="red" role="alert">{errorText(t, forms.error)}</Alert>}
      {forms.data?.forms.length === 0 && <Text size="sm" c="dimmed">{t('quality.forms.empty')}</Text>}
      {forms.data && forms.data.forms.length > 0 && (
        <Table aria-label={t('quality.forms.title')} striped>
          <Table.Thead><Table.Tr><Table.Th>{t('quality.forms.name')}</Table.Th><Table.Th>{t('quality.forms.version')}</Table.Th><Table.Th>{t('quality.forms.state')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {forms.data.forms.flatMap((f) => f.versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{label(f.name, language)}</Table.Td>
                <Table.Td>v{v.version}</Table.Td>
                <Table.Td>{v.usedAt ? <Badge color="gray">{t('quality.forms.locked')}</Badge> : <Badge color="green">{t('quality.forms.unused')}</Badge>}</Table.Td>
                <Table.Td>
                  {canManage && !v.usedAt && (
                    <Button size="compact-xs" variant="default" aria-label={t('quality.forms.editVersion', { form: label(f.name, language), version: v.version })}
                      onClick={() => start({ kind: 'edit', versionId: v.id })}>{t('quality.forms.edit')}</Button>
                  )}
                  {canManage && v.usedAt && v.version === Math.max(...f.versions.map((x) => x.version)) && (
                    <Button size="compact-xs" variant="default" aria-label={t('quality.forms.newVersionOf', { form: label(f.name, language) })}
                      onClick={() => start({ kind: 'newVersion', formId: f.id, fromVersionId: v.id })}>{t('quality.forms.newVersion')}</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            )))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
