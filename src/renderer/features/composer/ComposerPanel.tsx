// The reply composer on the customer screen: pick paragraphs from the library, fill the
// prompted blanks, see exactly what will be sent, check spelling, send by e-mail, SMS or
// chat. Rendering uses the same pure function as the server (src/shared/replies/template.ts);
// the server refuses anything but the previewed text.
import { Alert, Badge, Button, Group, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useMemo, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Customer360 } from '../../../shared/domain.js';
import { type SendChannel } from '../../../shared/replies/schemas.js';
import { countSms } from '../../../shared/replies/sms.js';
import { blankNames, renderTemplate } from '../../../shared/replies/template.js';
import { buildVariables } from '../../../shared/replies/variables.js';
import { useCoreQuery } from '../../platform/query-client.js';
import { useAuthStore } from '../auth/store.js';
import { useContactCenterStore } from '../contact-center/store.js';
import { ReplySearch } from '../replies/ReplySearch.js';
import { AwaitingReply } from './AwaitingReply.js';
import { SentMessages } from './SentMessages.js';
import { useComposerStore } from './store.js';
import { useSpelling } from './useSpelling.js';
import { FormalHints } from './FormalHints.js';

function defaultTo(data: Customer360, channel: SendChannel): string {
  if (channel === 'email') return data.customer.emails[0] ?? '';
  if (channel === 'sms') return data.customer.phones.find((p) => p.type === 'mobile')?.e164 ?? data.customer.phones[0]?.e164 ?? '';
  return 'chat';
}

export function ComposerPanel({ data }: { data: Customer360 }) {
  const { t } = useTranslation();
  const user = useAuthStore((s) => s.user);
  const c = useComposerStore();
  // An accepted e-mail task answers that very mail, not just the customer's oldest.
  const taskMail = useContactCenterStore((s) => (s.current?.kind === 'email' ? s.current.sourceId : null));
  const customer = data.customer;
  // "Reply to customer" on a case picks it; otherwise the customer's first open case fills {{case.…}}.
  const replyCase = c.caseId ? data.cases.find((k) => k.id === c.caseId) ?? null : null;
  const openCase = replyCase ?? data.cases.find((k) => k.status === 'open' || k.status === 'in_progress') ?? null;
  const order = data.orders[0] ?? null;

  // Offline the sent list needs the server: the composer still works without it.
  const messages = useCoreQuery('messages.forCustomer', { customerId: customer.id });
  const sentMessages = messages.data?.outbound ?? [];
  const awaiting = useMemo(() => (messages.data?.inbound ?? []).filter((m) => m.answeredAt === null), [messages.data]);
  // A lead may retire a paragraph while the agent composes with it: this query is read again
  // on every pull that changed data, so the send is blocked as soon as the desktop knows.
  const inserted = useCoreQuery('replies.get', { ids: c.paragraphIds }, { enabled: c.paragraphIds.length > 0 });
  const retiredIds = c.paragraphIds.length === 0 ? []
    : (inserted.data?.paragraphs ?? []).filter((p) => p.status !== 'approved').map((p) => p.id);

  useEffect(() => {
    useComposerStore.getState().reset(customer.id, 'email', defaultTo(data, 'email'));
  }, [customer.id]);

  const values = useMemo(() => buildVariables({
    customer: { fullName: customer.fullName, salutation: customer.salutation, tier: customer.tier, customerNo: customer.customerNo, language: customer.language },
    agent: user ? { displayName: user.displayName } : null,
    case: openCase ? { caseNo: openCase.caseNo, subject: openCase.subject } : null,
    order: order ? { orderNo: order.orderNo, status: order.status } : null,
    now: new Date(),
  }), [customer, user, openCase, order]);
  const rendered = renderTemplate(c.template, values, c.blanks);
  const blanks = blankNames(c.template);
  const sms = c.channel === 'sms' ? countSms(rendered.text) : null;
  const issues = useSpelling(c.template, customer.language, customer.fullName.split(/\s+/));
  const addresses = c.channel === 'email' ? customer.emails : c.channel === 'sms' ? customer.phones.map((p) => p.e164) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!rendered.ready || retiredIds.length > 0 || !rendered.text.trim()) {
      c.set({ failure: { code: 'INVALID_INPUT', details: { local: true } } });
      return;
    }
    // An e-mail answers the oldest waiting one: threaded as a reply, its SLA clock stops.
    const answering = c.channel === 'email' ? (awaiting.find((m) => m.id === taskMail) ?? awaiting.at(-1)) : undefined;
    await c.send({
      caseId: openCase?.id ?? null, orderId: order?.id ?? null, previewText: rendered.text,
      ...(answering ? { inboundId: answering.id } : {}),
    });
  };

  const blockers = [
    ...rendered.problems.map((p) => t('composer.problem', { text: p.text, code: t(`composer.problems.${p.code}`) })),
    ...rendered.unresolved.map((v) => t('composer.unresolved', { name: v })),
    ...rendered.missingBlanks.map((b) => t('composer.missingBlank', { name: b })),
    ...(retiredIds.length > 0 ? [t('composer.retired')] : []),
  ];

  return (
    <section aria-label={t('composer.section')} className="sapa-composer">
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="xs" px="md">
          <Title order={2} size="h4">{t('composer.title')}</Title>
          <AwaitingReply messages={awaiting} now={Date.now()} customer={customer} />
          {replyCase && (
            <Alert color="blue" variant="light" p="xs" role="status" aria-label={t('composer.onCase', { caseNo: replyCase.caseNo })}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="xs">{t('composer.onCase', { caseNo: replyCase.caseNo })} · {replyCase.subject}</Text>
                <Button size="compact-xs" variant="subtle" onClick={() => c.setCase(null)}>{t('composer.offCase')}</Button>
              </Group>
            </Alert>
          )}
          <Group gap="xs" align="flex-end">
            <SegmentedControl
              aria-label={t('composer.channel')} value={c.channel}
              onChange={(v) => c.setChannel(v as SendChannel, defaultTo(data, v as SendChannel))}
              data={[{ value: 'email', label: t('composer.email') }, { value: 'sms', label: t('composer.sms') },
                ...(replyCase ? [] : [{ value: 'chat', label: t('composer.chat') }])]}
            />
            {c.channel !== 'chat' && (
              <Select label={t('composer.to')} data={addresses} value={c.to} onChange={(v) => c.set({ to: v ?? '' })} allowDeselect={false} />
            )}
            {c.channel === 'email' && (
              <TextInput label={t('composer.subject')} value={c.subject} maxLength={300} onChange={(e) => c.set({ subject: e.currentTarget.value })} />
            )}
          </Group>
          <ReplySearch
            context={{ channel: c.channel, language: customer.language, tier: customer.tier, category: openCase?.category }}
            onInsert={(p) => c.insert(p)}
          />
          <Textarea
            label={t('composer.text')} value={c.template} autosize minRows={3} maxRows={12}
            onChange={(e) => c.set({ template: e.currentTarget.value })}
          />
          {blanks.length > 0 && (
            <fieldset className="sapa-blanks">
              <legend>{t('composer.blanks')}</legend>
              <Group gap="xs">
                {blanks.map((name) => (
                  <TextInput key={name} label={name} value={c.blanks[name] ?? ''} maxLength={2000}
                    onChange={(e) => c.setBlank(name, e.currentTarget.value)} />
                ))}
              </Group>
            </fieldset>
          )}
          <FormalHints text={c.template} language={customer.language} onChange={(template) => c.set({ template })} />
          {issues.length > 0 && (
            <div role="group" aria-label={t('composer.spelling')}>
              <Text size="xs" fw={600}>{t('composer.spelling')}</Text>
              <Group gap={4}>
                {issues.slice(0, 12).map((i) => (
                  <Badge key={`${i.start}-${i.word}`} color="orange" variant="light" title={i.suggestions.join(', ')}>
                    {i.word}{i.suggestions[0] ? ` → ${i.suggestions[0]}` : ''}
                  </Badge>
                ))}
              </Group>
            </div>
          )}
          <Text size="xs" fw={600} id="composer-preview-label">{t('composer.preview')}</Text>
          <pre className="sapa-preview" aria-labelledby="composer-preview-label" data-testid="composer-preview">{rendered.text}</pre>
          {sms && (
            <Text size="xs" role="status" aria-label={t('composer.smsCounter')}>
              {t('composer.smsCount', { units: sms.units, segments: sms.segments, encoding: sms.encoding })}
            </Text>
          )}
          {blockers.length > 0 && (
            <ul aria-label={t('composer.blockers')} className="sapa-blockers">
              {blockers.map((b) => <li key={b}><Text size="xs" c="orange.8">{b}</Text></li>)}
            </ul>
          )}
          {c.failure && (
            <Alert color="red" role="alert" variant="light">
              {c.failure.code === 'INVALID_INPUT' ? t('composer.refused') : t(`errors.${c.failure.code}`, { defaultValue: t('composer.sendError') })}
            </Alert>
          )}
          {c.caseReplySaved && (
            <Alert color="green" role="status" variant="light">{t('composer.caseReplySaved')}</Alert>
          )}
          {c.lastSent && (
            <Alert color={c.lastSent.status === 'sent' ? 'green' : 'red'} role="status" variant="light">
              {c.lastSent.status === 'sent' ? t('composer.sent') : t('composer.failed', { error: c.lastSent.error ?? '' })}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={c.sending}>{t('composer.send')}</Button>
          </Group>
          <SentMessages messages={sentMessages} onRetry={(id) => void c.retry(id)} />
        </Stack>
      </form>
    </section>
  );
}
