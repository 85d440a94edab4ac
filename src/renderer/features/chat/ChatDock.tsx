// The agent's web chats, beside the softphone so they stay in view on every screen: a tab
// per chat held (up to the agent's chat capacity), the selected chat's messages, the
// customer's typing and read marks, and the composer — free text or an approved chat
// paragraph from the reply library (the same answer as on every channel), transfer and end.
// What the customer does arrives as a push on the live socket (chat_changed → the queries are
// read again at once, useContactCenterEvents); the slow poll is the safety net for a push
// lost while the socket was down (online only; decision 0038). Everything the customer typed
// is shown as text, never markup.
import { Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildVariables } from '../../../shared/replies/variables.js';
import { renderTemplate } from '../../../shared/replies/template.js';
import { type ReplyParagraph } from '../../../shared/replies/schemas.js';
import { type AgentConversation, type ChatMessage } from '../../../shared/webchat.js';
import { errorText } from '../../i18n/error-text.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useAuthStore } from '../auth/store.js';
import { useCustomerStore } from '../customer/store.js';
import { ReplySearch } from '../replies/ReplySearch.js';
import { useChatStore } from './store.js';

/** The safety net only: the push brings changes at once. */
const POLL_MS = 10_000;
const TYPING_EVERY_MS = 2_500;
const TYPING_FADE_MS = 3_000;

function Line({ m, chat }: { m: ChatMessage; chat: AgentConversation }) {
  const { t } = useTranslation();
  const time = new Date(m.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (m.author === 'system') return <Text size="xs" c="dimmed" ta="center" fs="italic">{t(`chat.system.${m.body}`, { defaultValue: m.body })}</Text>;
  const mine = m.author === 'agent';
  return (
    <div className={mine ? 'sapa-chat-line mine' : 'sapa-chat-line'}>
      <Text size="xs" c="dimmed">{mine ? (m.agentName ?? t('chat.agent')) : chat.name} · {time}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.file ? t('chat.file', { name: m.file.name, mime: m.file.mime }) : m.body}</Text>
      {mine && m.seq <= chat.customerReadSeq && <Text size="xs" c="dimmed">{t('chat.read')}</Text>}
    </div>
  );
}

function ChatView({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useAuthStore((s) => s.user);
  // While the customer types, read again soon: the mark fades on the server after 5 s with no push.
  const chat = useCoreQuery('chat.conversation', { id }, { refetchInterval: (q) => (q.state.data?.customerTyping ? TYPING_FADE_MS : POLL_MS) });
  const [draft, setDraft] = useState('');
  const [paragraphId, setParagraphId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mail, setMail] = useState(false);
  const [transferTo, setTransferTo] = useState('');
  const [showTransfer, setShowTransfer] = useState(false);
  const lastTyped = useRef(0);
  const logRef = useRef<HTMLDivElement>(null);
  const targets = useCoreQuery('chat.transferTargets', {}, { enabled: showTransfer });
  const data = chat.data;
  const lastSeq = data?.messages.at(-1)?.seq ?? 0;

  useEffect(() => {
    if (!data) return;
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
    const lastCustomer = data.messages.filter((m) => m.author === 'customer').at(-1)?.seq ?? 0;
    if (lastCustomer > 0) void sapa().call('chat.read', { id, seq: lastCustomer }).catch(() => undefined);
  }, [id, lastSeq, data]);

  if (chat.error) return <Text size="sm" c="red" role="alert">{errorText(t, chat.error)}</Text>;
  if (!data) return <Text size="sm">{t('app.loading')}</Text>;

  const insert = (p: ReplyParagraph) => {
    const values = buildVariables({
      customer: { fullName: data.name, salutation: null, tier: 'regular', customerNo: '', language: data.language },
      agent: me ? { displayName: me.displayName } : null, case: null, order: null, now: new Date(),
    });
    setDraft((d) => (d ? `${d}\n${renderTemplate(p.body, values).text}` : renderTemplate(p.body, values).text));
    setParagraphId(p.id);
  };
  const send = async () => {
    if (!draft.trim()) return;
    setBusy(true);
    setProblem(null);
    try {
      await sapa().call('chat.send', { id, body: draft, ...(paragraphId ? { paragraphId } : {}) });
      setDraft('');
      setParagraphId(null);
      void chat.refetch();
    } catch (error) {
      setProblem(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await fn();
      void invalidateMethod('chat.mine');
      useChatStore.getState().select(null);
    } catch (error) {
      setProblem(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };
  const ended = data.status === 'ended';

  return (
    <Stack gap={6}>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="sm" fw={700} style={{ overflowWrap: 'anywhere' }}>{data.name}</Text>
        {data.verified ? <Badge size="xs" color="green">{t('chat.verified')}</Badge> : <Badge size="xs" color="orange">{t('chat.unverified')}</Badge>}
      </Group>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{[data.phone, data.email, data.origin].filter(Boolean).join(' · ')}</Text>
      {data.customerId && (
        <Button size="compact-xs" variant="subtle" onClick={() => void useCustomerStore.getState().open(data.customerId!)}>{t('chat.openCustomer')}</Button>
      )}
      <div ref={logRef} role="log" aria-label={t('chat.log')} className="sapa-chat-log" tabIndex={0}>
        {data.messages.map((m) => <Line key={m.seq} m={m} chat={data} />)}
      </div>
      <Text size="xs" c="dimmed" aria-live="polite">{data.customerTyping ? t('chat.typing', { name: data.name }) : ''}</Text>
      {ended ? (
        <Text size="sm" role="status">{t('chat.ended')}</Text>
      ) : (
        <>
          <ReplySearch context={{ channel: 'chat', language: data.language, tier: 'regular' }} onInsert={insert} />
          <Textarea
            label={t('chat.message')} autosize minRows={2} maxRows={6} value={draft} maxLength={2000}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              if (Date.now() - lastTyped.current > TYPING_EVERY_MS) {
                lastTyped.current = Date.now();
                void sapa().call('chat.typing', { id }).catch(() => undefined);
              }
            }}
            onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void send(); } }}
          />
          <Group gap={6}>
            <Button size="xs" loading={busy} onClick={() => void send()} disabled={!draft.trim()}>{t('chat.send')}</Button>
            <Button size="xs" variant="default" onClick={() => setShowTransfer((s) => !s)} aria-expanded={showTransfer}>{t('chat.transfer')}</Button>
          </Group>
          {showTransfer && (
            <Group gap={6} align="flex-end" wrap="nowrap">
              <NativeSelect size="xs" label={t('chat.transferTo')} value={transferTo} onChange={(e) => setTransferTo(e.currentTarget.value)}
                data={[{ value: '', label: '—' },
                  ...(targets.data?.queues ?? []).map((q) => ({ value: `q:${q.code}`, label: `${t('chat.queue')}: ${q.labelEn}` })),
                  ...(targets.data?.agents ?? []).map((a) => ({ value: `a:${a.id}`, label: a.name }))]} />
              <Button size="xs" disabled={!transferTo} loading={busy} onClick={() => void act(() => sapa().call('chat.transfer', {
                id, to: transferTo.startsWith('q:') ? { queueCode: transferTo.slice(2) } : { agentId: transferTo.slice(2) },
              }))}>{t('chat.transferDo')}</Button>
            </Group>
          )}
          <Group gap={6} wrap="nowrap">
            <Checkbox size="xs" label={t('chat.mailTranscript')} checked={mail} disabled={!data.email} onChange={(e) => setMail(e.currentTarget.checked)} />
            <Button size="xs" color="red" variant="light" loading={busy} onClick={() => void act(() => sapa().call('chat.end', { id, mailTranscript: mail && !!data.email }))}>
              {t('chat.end')}
            </Button>
          </Group>
        </>
      )}
      {problem && <Text size="xs" c="red" role="alert">{problem}</Text>}
    </Stack>
  );
}

export function ChatDock() {
  const { t } = useTranslation();
  const mine = useCoreQuery('chat.mine', {}, { refetchInterval: 2 * POLL_MS, retry: false });
  const selected = useChatStore((s) => s.selected);
  const chats = mine.data?.chats ?? [];
  if (chats.length === 0) return null;
  const current = chats.find((c) => c.id === selected)?.id ?? chats[0]!.id;
  return (
    <Paper component="section" aria-label={t('chat.dock')} withBorder p="xs" className="sapa-chat-dock">
      <Tabs value={current} onChange={(v) => useChatStore.getState().select(v)} keepMounted={false}>
        <Tabs.List>
          {chats.map((c) => (
            <Tabs.Tab key={c.id} value={c.id} rightSection={c.unread > 0 ? <Badge size="xs" circle aria-label={t('chat.unread', { count: c.unread })}>{c.unread}</Badge> : null}>
              <span style={{ maxWidth: 90, overflow: 'hidden', textOverflow: 'ellipsis', display: 'inline-block', whiteSpace: 'nowrap', verticalAlign: 'bottom' }}>{c.name}</span>
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {chats.map((c) => <Tabs.Panel key={c.id} value={c.id} pt={6}><ChatView id={c.id} /></Tabs.Panel>)}
      </Tabs>
    </Paper>
  );
}
