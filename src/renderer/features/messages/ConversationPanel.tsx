// An SMS or WhatsApp conversation being worked (a `message` task): the thread with each
// message's delivery status, and the composer — reply paragraphs (WhatsApp takes the `chat`
// paragraphs, SMS the `sms` ones) and the agent's own words, or, on WhatsApp once the
// customer's last message is more than 24 hours old, only an approved template with its
// values. The server re-checks the window; its refusal is shown as it says.
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Customer } from '../../../shared/domain.js';
import { type Conversation, type ConversationMessage } from '../../../shared/messaging-channels.js';
import { formatPhone } from '../../../shared/phone.js';
import { renderTemplate } from '../../../shared/replies/template.js';
import { buildVariables } from '../../../shared/replies/variables.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { useCoreQuery } from '../../platform/query-client.js';
import { useAuthStore } from '../auth/store.js';
import { ReplySearch } from '../replies/ReplySearch.js';

type Draft = { kind: 'text'; text: string; paragraphIds: string[] } | { kind: 'template'; templateId: string; params: string[] };

/** A new conversation message shows within this while the panel is open (no push yet for messages). */
/** The safety net: a new message arrives as a push (conversation_changed, useContactCenterEvents). */
const REFRESH_MS = 15_000;

function StatusBadge({ m }: { m: ConversationMessage }) {
  const { t } = useTranslation();
  if (m.direction === 'inbound') return null;
  const color = m.status === 'failed' ? 'red' : m.status === 'read' ? 'teal' : m.status === 'delivered' ? 'blue' : 'gray';
  return <Badge size="xs" variant="light" color={color}>{t(`conversation.status.${m.status}`)}</Badge>;
}

function Thread({ conversation }: { conversation: Conversation }) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  if (conversation.messages.length === 0) return <Text size="sm" c="dimmed">{t('conversation.empty')}</Text>;
  return (
    <ol className="sapa-conversation-thread" aria-label={t('conversation.thread')}>
      {conversation.messages.map((m) => (
        <li key={m.id} className={`sapa-conversation-message sapa-conversation-${m.direction}`}>
          <Text size="xs" c="dimmed">
            {m.direction === 'inbound' ? (conversation.contactName ?? formatPhone(conversation.contact)) : (m.agentName ?? t('conversation.us'))}
            {' · '}{time(m.createdAt)}
            {m.templateName && ` · ${t('conversation.templateTag', { name: m.templateName })}`}
          </Text>
          {/* Plain text: whatever the customer wrote (markup too) is shown, never interpreted. */}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.body}</Text>
          <Group gap={4}>
            <StatusBadge m={m} />
            {m.error && <Text size="xs" c="red">{m.error}</Text>}
          </Group>
        </li>
      ))}
    </ol>
  );
}

export function ConversationPanel({ conversationId, customer }: { conversationId: string; customer: Customer | null }) {
  const { t } = useTranslation();
  const user = useAuthStore((s) => s.user);
  const query = useCoreQuery('conversations.get', { id: conversationId }, { refetchInterval: REFRESH_MS });
  const [text, setText] = useState('');
  const [paragraphIds, setParagraphIds] = useState<string[]>([]);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [params, setParams] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const values = useMemo(() => buildVariables({
    customer: customer
      ? { fullName: customer.fullName, salutation: customer.salutation, tier: customer.tier, customerNo: customer.customerNo, language: customer.language }
      // A number on no record: paragraphs render without the customer's name.
      : { fullName: '', salutation: null, tier: 'regular', customerNo: '', language: 'id' },
    agent: user ? { displayName: user.displayName } : null, case: null, order: null, now: new Date(),
  }), [customer, user]);

  const conversation = query.data;
  // The 24-hour window closes with no event from anyone: read the conversation again the
  // moment it ends, so the composer turns to templates then and not at the next poll.
  const windowEndsAt = conversation?.windowEndsAt ?? null;
  const { refetch } = query;
  useEffect(() => {
    if (!windowEndsAt) return;
    const wait = Date.parse(windowEndsAt) - Date.now();
    if (wait < 0 || wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => void refetch(), wait + 500);
    return () => clearTimeout(timer);
  }, [windowEndsAt, refetch]);
  if (!conversation) {
    return (
      <Paper withBorder p="sm" component="section" aria-label={t('conversation.title')}>
        {query.error ? <Alert color="red" role="alert">{errorText(t, query.error)}</Alert> : <Text size="sm" c="dimmed">{t('conversation.loading')}</Text>}
      </Paper>
    );
  }
  const channelName = t(`conversation.channel.${conversation.channel}`);
  const template = conversation.templates.find((x) => x.id === templateId) ?? null;

  const send = async (request: Draft) => {
    setBusy(true);
    setProblem(null);
    setSent(false);
    try {
      await sapa().call('conversations.send', { id: conversation.id, send: { ...request, idempotencyKey: crypto.randomUUID() } });
      setText('');
      setParagraphIds([]);
      setTemplateId(null);
      setParams([]);
      setSent(true);
      await query.refetch();
    } catch (error) {
      setProblem(errorText(t, error));
      await query.refetch();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label={t('conversation.title')} className="sapa-conversation">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700} size="sm">{t('conversation.heading', { channel: channelName, contact: formatPhone(conversation.contact) })}</Text>
          {conversation.status === 'closed' && <Badge size="xs" color="gray">{t('conversation.closed')}</Badge>}
        </Group>
        <Thread conversation={conversation} />
        {conversation.freeFormAllowed ? (
          <>
            {conversation.channel === 'whatsapp' && conversation.windowEndsAt && (
              <Text size="xs" c="dimmed">{t('conversation.windowOpenUntil', { time: new Date(conversation.windowEndsAt).toLocaleString() })}</Text>
            )}
            <ReplySearch
              context={{ channel: conversation.channel === 'sms' ? 'sms' : 'chat', language: customer?.language ?? 'id', tier: customer?.tier ?? 'regular' }}
              onInsert={(p) => {
                const rendered = renderTemplate(p.body, values).text;
                setText((before) => (before.trim() === '' ? rendered : `${before.trimEnd()}\n\n${rendered}`));
                setParagraphIds((ids) => [...new Set([...ids, p.id])]);
              }}
            />
            <Textarea
              label={t('conversation.message')} autosize minRows={3} maxRows={10} value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && text.trim() !== '' && !busy) void send({ kind: 'text', text, paragraphIds });
              }}
            />
            <Group justify="space-between">
              <Text size="xs" c="dimmed">{t('conversation.length', { n: text.length })}</Text>
              <Button size="xs" disabled={busy || text.trim() === ''} onClick={() => void send({ kind: 'text', text, paragraphIds })}>
                {t('conversation.send', { channel: channelName })}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Alert color="yellow" role="status" title={t('conversation.windowClosedTitle')}>{t('conversation.windowClosed')}</Alert>
            {conversation.templates.length === 0 ? (
              <Text size="sm">{t('conversation.noTemplates')}</Text>
            ) : (
              <>
                <Select
                  label={t('conversation.template')} placeholder={t('conversation.pickTemplate')} value={templateId}
                  data={conversation.templates.map((x) => ({ value: x.id, label: `${x.name} (${x.language})` }))}
                  onChange={(v) => {
                    setTemplateId(v);
                    setParams(Array.from({ length: conversation.templates.find((x) => x.id === v)?.paramCount ?? 0 }, () => ''));
                  }}
                />
                {template && (
                  <>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{template.body}</Text>
                    {params.map((value, i) => (
                      <TextInput
                        key={i} label={t('conversation.templateValue', { n: i + 1 })} value={value}
                        onChange={(e) => {
                          const next = [...params];
                          next[i] = e.currentTarget.value;
                          setParams(next);
                        }}
                      />
                    ))}
                    <Group justify="flex-end">
                      <Button size="xs" disabled={busy || params.some((p) => p.trim() === '')} onClick={() => void send({ kind: 'template', templateId: template.id, params })}>
                        {t('conversation.sendTemplate')}
                      </Button>
                    </Group>
                  </>
                )}
              </>
            )}
          </>
        )}
        {problem && <div role="alert" className="sapa-form-error">{problem}</div>}
        {sent && <Text size="xs" role="status">{t('conversation.sent')}</Text>}
      </Stack>
    </Paper>
  );
}
