// One list of the Organisation screen (queues, skills, dispositions, teams, sites, branches):
// searchable and paged, with loading, empty and error states; Add and Edit open a form in a
// dialog, checked with the same schema the server uses before it is sent; Delete asks first
// and says plainly when the row is in use (disable it instead). Every control has a label.
import { Alert, Badge, Button, Checkbox, Group, Loader, Modal, NativeSelect, NumberInput, Pagination, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type z } from 'zod';
import { type OrgKind } from '../../../shared/org-api.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { fieldErrors, refusalText, type FieldErrors } from './issues.js';

export type Row = Record<string, unknown>;
export interface Option { value: string; label: string }

export interface Field {
  key: string;
  /** json: an object edited as JSON text (a queue's priority weights), parsed when saved. */
  kind: 'text' | 'code' | 'bool' | 'number' | 'list' | 'select' | 'json';
  /** select: the choices (a "none" choice is added; it means null). */
  options?: Option[];
}

export interface OrgTableProps {
  kind: OrgKind;
  fields: Field[];
  /** Columns of the list (field keys, or derived keys such as leadName). */
  columns: string[];
  idOf: (row: Row) => string;
  create: z.ZodType;
  update: z.ZodType;
  blank: Row;
}

const PAGE = 20;

/** The pass-through methods share one shape per kind (src/shared/org-api.ts); called by name. */
function callOrg(method: string, input: unknown): Promise<unknown> {
  return (sapa().call as unknown as (m: string, i: unknown) => Promise<unknown>)(method, input);
}

function cell(value: unknown, t: (k: string) => string): string {
  if (typeof value === 'boolean') return value ? t('adminOrg.yes') : t('adminOrg.no');
  if (Array.isArray(value)) return value.join(', ') || '—';
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

// A code (callback_promised) is read whole: it never breaks letter by letter; labels wrap.
const CODE_CELL = { whiteSpace: 'nowrap' } as const;
// overflow-wrap: anywhere lets a long address (antrean.uji@contoh.co.id) wrap inside its column; break-word
// did not lower the table's minimum width, which pushed the Actions column past a 1280 px window.
const TEXT_CELL = { overflowWrap: 'anywhere' } as const;

export function OrgTable({ kind, fields, columns, idOf, create, update, blank }: OrgTableProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ row: Row; isNew: boolean } | null>(null);
  const [deleting, setDeleting] = useState<Row | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const list = useQuery({
    queryKey: ['admin.org', kind, q, page],
    queryFn: () => callOrg(`admin.org.${kind}.list`, { ...(q ? { q } : {}), limit: PAGE, offset: (page - 1) * PAGE }) as Promise<{ items: Row[]; total: number }>,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin.org', kind] });
  const label = (key: string) => t(`adminOrg.field.${key}`);

  async function remove(row: Row) {
    try {
      await callOrg(`admin.org.${kind}.delete`, { id: idOf(row) });
      setNotice({ ok: true, text: t('adminOrg.deleted') });
      await refresh();
    } catch (error) {
      setNotice({ ok: false, text: refusalText(t, error) });
    } finally {
      setDeleting(null);
    }
  }

  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <form role="search" onSubmit={(e) => { e.preventDefault(); setPage(1); setQ(search.trim()); }}>
          <Group gap="xs" wrap="nowrap">
            <TextInput size="xs" w={260} label={t('adminOrg.search')} aria-label={t(`adminOrg.searchOf.${kind}`)} placeholder={t(kind === 'teams' ? 'adminOrg.searchHintTeams' : 'adminOrg.searchHint')}
              value={search} maxLength={100} onChange={(e) => setSearch(e.currentTarget.value)} />
            <Button size="xs" type="submit" mt={22}>{t('adminOrg.find')}</Button>
          </Group>
        </form>
        <Button size="xs" mt={22} onClick={() => { setNotice(null); setEditing({ row: { ...blank }, isNew: true }); }}>
          {t(`adminOrg.add.${kind}`)}
        </Button>
      </Group>
      {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} p="xs" withCloseButton closeButtonLabel={t('adminOrg.dismiss')} onClose={() => setNotice(null)}>{notice.text}</Alert>}
      {list.error && <Alert color="red" role="alert" p="xs">{errorText(t, list.error)}</Alert>}
      {list.isPending && <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('adminOrg.loading')}</Text></Group>}
      {list.isSuccess && items.length === 0 && <Text size="sm" c="dimmed">{q ? t('adminOrg.noMatch') : t(`adminOrg.empty.${kind}`)}</Text>}
      {items.length > 0 && (
        <Table striped fz="sm" aria-label={t(`adminOrg.tab.${kind}`)}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => <Table.Th key={c}>{label(c)}</Table.Th>)}
              <Table.Th>{t('adminOrg.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((row) => (
              <Table.Tr key={idOf(row)}>
                {columns.map((c) => (
                  <Table.Td key={c} style={c === 'code' ? CODE_CELL : TEXT_CELL}>
                    {c === 'active' ? <Badge size="sm" color={row.active ? 'green' : 'gray'} variant="light">{row.active ? t('adminOrg.active') : t('adminOrg.disabled')}</Badge> : cell(row[c], t)}
                  </Table.Td>
                ))}
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="light" aria-label={t('adminOrg.editOf', { name: idOf(row) === row.id ? String(row.name) : idOf(row) })}
                      onClick={() => { setNotice(null); setEditing({ row, isNew: false }); }}>{t('adminOrg.edit')}</Button>
                    <Button size="compact-xs" variant="subtle" color="red" aria-label={t('adminOrg.deleteOf', { name: idOf(row) === row.id ? String(row.name) : idOf(row) })}
                      onClick={() => { setNotice(null); setDeleting(row); }}>{t('adminOrg.delete')}</Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {total > PAGE && (
        <Pagination size="sm" total={Math.ceil(total / PAGE)} value={page} onChange={setPage}
          getControlProps={(control) => ({ 'aria-label': t(`adminOrg.page.${control}`) })}
          getItemProps={(p) => ({ 'aria-label': t('adminOrg.pageN', { page: p }) })} />
      )}
      {list.isSuccess && total > 0 && <Text size="xs" c="dimmed">{t('adminOrg.count', { count: total })}</Text>}

      {editing && (
        <RowForm kind={kind} fields={fields} initial={editing.row} isNew={editing.isNew} idOf={idOf} create={create} update={update}
          onClose={() => setEditing(null)}
          onSaved={async () => { setEditing(null); setNotice({ ok: true, text: t('adminOrg.saved') }); await refresh(); }} />
      )}
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('adminOrg.confirmDelete')}>
        <Stack gap="sm">
          <Text size="sm">{t('adminOrg.confirmDeleteText', { name: deleting ? String(deleting.name ?? deleting.code ?? '') : '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>{t('adminOrg.cancel')}</Button>
            <Button color="red" onClick={() => { if (deleting) void remove(deleting); }}>{t('adminOrg.delete')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

interface RowFormProps {
  kind: OrgKind; fields: Field[]; initial: Row; isNew: boolean; idOf: (row: Row) => string;
  create: z.ZodType; update: z.ZodType; onClose: () => void; onSaved: () => Promise<void>;
}

function RowForm({ kind, fields, initial, isNew, idOf, create, update, onClose, onSaved }: RowFormProps) {
  const { t } = useTranslation();
  // A list field is edited as text ("billing, technical") and split when saved.
  const kindOf = (k: string) => fields.find((f) => f.key === k)?.kind;
  const [row, setRow] = useState<Row>(() => Object.fromEntries(Object.entries(initial).map(([k, v]) =>
    [k, kindOf(k) === 'list' && Array.isArray(v) ? v.join(', ') : kindOf(k) === 'json' ? JSON.stringify(v ?? {}, null, 2) : v])));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (key: string, value: unknown) => setRow((r) => ({ ...r, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    const unreadable = fields.filter((f) => f.kind === 'json' && jsonOrUndefined(row[f.key]) === undefined);
    if (unreadable.length > 0) {
      setErrors(Object.fromEntries(unreadable.map((f) => [f.key, t('adminOrg.issue.json')])));
      return;
    }
    const editable = Object.fromEntries(fields.filter((f) => isNew || f.kind !== 'code').map((f) => [f.key,
      f.kind === 'list' ? String(row[f.key] ?? '').split(',').map((x) => x.trim()).filter(Boolean)
        : f.kind === 'json' ? jsonOrUndefined(row[f.key]) : row[f.key]]));
    const parsed = (isNew ? create : update).safeParse(editable);
    if (!parsed.success) {
      setErrors(fieldErrors(t, parsed.error));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      if (isNew) await callOrg(`admin.org.${kind}.create`, parsed.data);
      else await callOrg(`admin.org.${kind}.update`, { id: idOf(initial), row: parsed.data });
      await onSaved();
    } catch (error) {
      setRefusal(refusalText(t, error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t(isNew ? `adminOrg.add.${kind}` : `adminOrg.editTitle.${kind}`)} size="lg">
      <form onSubmit={(e) => void save(e)} noValidate>
        <Stack gap="xs">
          {fields.map((f) => {
            const common = { label: t(`adminOrg.field.${f.key}`), error: errors[f.key], size: 'sm' as const };
            const hint = t(`adminOrg.hint.${f.key}`, { defaultValue: '' }) || undefined;
            switch (f.kind) {
              case 'bool':
                return <Checkbox key={f.key} label={common.label} checked={row[f.key] === true} error={common.error} onChange={(e) => set(f.key, e.currentTarget.checked)} />;
              case 'number':
                return <NumberInput key={f.key} {...common} description={hint} value={typeof row[f.key] === 'number' ? row[f.key] as number : ''} allowDecimal={false} min={0}
                  onChange={(v) => set(f.key, typeof v === 'number' ? v : Number(v))} />;
              case 'list':
                return <TextInput key={f.key} {...common} description={hint ?? t('adminOrg.listHint')} value={String(row[f.key] ?? '')}
                  onChange={(e) => set(f.key, e.currentTarget.value)} />;
              case 'json':
                return <Textarea key={f.key} {...common} description={hint} autosize minRows={4} maxRows={12} styles={{ input: { fontFamily: 'monospace' } }} value={String(row[f.key] ?? '')}
                  onChange={(e) => set(f.key, e.currentTarget.value)} />;
              case 'select':
                return <NativeSelect key={f.key} {...common} value={(row[f.key] as string | null) ?? ''}
                  data={[{ value: '', label: t('adminOrg.none') }, ...(f.options ?? [])]} onChange={(e) => set(f.key, e.currentTarget.value || null)} />;
              default:
                return <TextInput key={f.key} {...common} description={hint} disabled={f.kind === 'code' && !isNew} required
                  value={(row[f.key] as string | undefined) ?? ''} onChange={(e) => set(f.key, e.currentTarget.value)} />;
            }
          })}
          {refusal && <Alert color="red" role="alert" p="xs">{refusal}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('adminOrg.cancel')}</Button>
            <Button type="submit" loading={saving}>{t('adminOrg.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function jsonOrUndefined(text: unknown): unknown {
  try { return JSON.parse(String(text ?? '')) as unknown; } catch { return undefined; }
}
