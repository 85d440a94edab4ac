// Filing a complaint or service request from the customer screen, during a call: the
// category tree (queue → category), the subject (Enter files it), an optional description,
// and the priority offered from the customer's tier and the category (the agent may change
// it). A live call with this customer is linked by default. The case goes through core's
// outbox, so it is filed offline too and shows at once, "waiting to send".
import { Alert, Button, Checkbox, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_SOURCES, suggestPriority, type CaseSource } from '../../../shared/cases.js';
import { type Customer } from '../../../shared/domain.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { errorCodeOf } from '../../platform/errors.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useSoftphoneStore } from '../softphone/store.js';
import { useLanguage } from '../settings/useLanguage.js';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
type Priority = (typeof PRIORITIES)[number];

export function NewCaseForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const tree = useCoreQuery('cases.categories', {});
  const groups = tree.data?.groups ?? [];
  const firstCategory = groups[0]?.categories[0] ?? '';
  const [category, setCategory] = useState<string | null>(null);
  const chosen = category ?? firstCategory;
  const [priority, setPriority] = useState<Priority | null>(null);
  const shownPriority = priority ?? suggestPriority(customer.tier, chosen);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  // A typed letter or SMS: the agent picks the source and types (or pastes) its text.
  const [source, setSource] = useState<CaseSource>('phone');
  // The live call's interaction: the wrap-up saves it under this id (softphone store).
  const callInteractionId = useSoftphoneStore((s) => s.calls.find((c) => c.state !== 'ended')?.interactionId ?? null);
  const [linkCall, setLinkCall] = useState(true);
  const [error, setError] = useState<ErrorCode | 'subjectRequired' | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!subject.trim()) { setError('subjectRequired'); return; }
    setBusy(true);
    try {
      await sapa().call('cases.create', {
        customerId: customer.id, category: chosen, subject: subject.trim(), priority: shownPriority, source,
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(linkCall && callInteractionId ? { interactionId: callInteractionId } : {}),
      });
      await Promise.all([invalidateMethod('customers.get360'), invalidateMethod('customers.history')]);
      onDone();
    } catch (e) {
      setError(errorCodeOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form aria-label={t('cases.new.title')} onSubmit={(e) => void submit(e)} className="sapa-case-form">
      <Stack gap="xs">
        {error && (
          <Alert color="red" role="alert" variant="light">
            {error === 'subjectRequired' ? t('cases.new.subjectRequired') : t(`errors.${error}`, { defaultValue: t('cases.new.saveError') })}
          </Alert>
        )}
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <NativeSelect
            label={t('cases.category')} value={chosen} onChange={(e) => { setCategory(e.currentTarget.value); setPriority(null); }}
            style={{ flex: 1 }}
          >
            {groups.map((g) => (
              <optgroup key={g.queue} label={language === 'id' ? g.labelId : g.labelEn}>
                {g.categories.map((c) => (
                  <option key={`${g.queue}.${c}`} value={c}>{t(`cases.categories.${c}`, { defaultValue: c })}</option>
                ))}
              </optgroup>
            ))}
          </NativeSelect>
          <NativeSelect
            label={t('cases.priority')} value={shownPriority} onChange={(e) => setPriority(e.currentTarget.value as Priority)}
            description={priority === null ? t('cases.new.suggested') : undefined}
          >
            {PRIORITIES.map((p) => <option key={p} value={p}>{t(`cases.priorities.${p}`)}</option>)}
          </NativeSelect>
        </Group>
        <TextInput
          label={t('cases.subject')} value={subject} maxLength={200} data-autofocus autoFocus required
          onChange={(e) => { setSubject(e.currentTarget.value); if (error === 'subjectRequired') setError(null); }}
        />
        <NativeSelect label={t('cases.new.source')} value={source} onChange={(e) => setSource(e.currentTarget.value as CaseSource)}>
          {CASE_SOURCES.map((s) => <option key={s} value={s}>{t(`cases.sources.${s}`)}</option>)}
        </NativeSelect>
        <Textarea
          label={source === 'letter' || source === 'sms' ? t(`cases.new.text.${source}`) : t('cases.new.description')} value={description} maxLength={10_000} autosize minRows={2} maxRows={5}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        {callInteractionId && (
          <Checkbox label={t('cases.new.linkCall')} checked={linkCall} onChange={(e) => setLinkCall(e.currentTarget.checked)} />
        )}
        <Group gap="xs">
          <Button type="submit" loading={busy} disabled={!chosen}>{t('cases.new.file')}</Button>
          <Button type="button" variant="default" onClick={onDone}>{t('cases.new.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
