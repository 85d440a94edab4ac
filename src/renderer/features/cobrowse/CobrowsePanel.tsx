// Browser sharing on the customer screen (docs/browser-sharing.md, agent guide): the agent
// asks, reads the 6-digit code to the customer (or the web chat hands it over), and sees the
// customer's page live once they agree; points at an element, proposes a page of the same
// site, and ends it — or sees that the customer ended it. Leaving the customer ends it too.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PagePath, type EndedBy, type ServerToAgent } from '../../../shared/cobrowse.js';
import { errorCodeOf } from '../../platform/errors.js';
import { useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { LiveReplay, type LiveReplayHandle } from './LiveReplay.js';

type Phase =
  | { k: 'idle' }
  | { k: 'waiting'; sessionId: string; code: string; viaChat: boolean }
  | { k: 'live'; sessionId: string; origin: string; path: string; pages: number }
  | { k: 'ended'; by: EndedBy | 'lost' };

export function CobrowsePanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ k: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [pointing, setPointing] = useState(false);
  // The panel is narrow: the agent may lay the live part over the screen, Esc or the button brings it back.
  const [large, setLarge] = useState(false);
  const [suggestPath, setSuggestPath] = useState('');
  const [suggestError, setSuggestError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const replay = useRef<LiveReplayHandle>(null);
  const sessionRef = useRef<string | null>(null);
  const pending = useRef<unknown[]>([]);
  // A web chat the agent holds with this customer: the code goes to the customer's widget, which asks their consent itself.
  const chats = useCoreQuery('chat.mine', {}, { retry: false, staleTime: 5_000 });
  const chatId = chats.data?.chats.find((c) => c.customerId === customerId)?.id;

  useEffect(() => sapa().on('cobrowse.frame', ({ sessionId, frame }) => {
    if (sessionId !== sessionRef.current) return;
    handle(sessionId, frame);
  }), []);

  // Leaving this customer (or the screen) ends a sharing still running.
  useEffect(() => () => {
    const id = sessionRef.current;
    if (id) void sapa().call('cobrowse.end', { sessionId: id }).catch(() => undefined);
  }, []);

  function handle(sessionId: string, frame: ServerToAgent): void {
    switch (frame.t) {
      case 'joined':
        setPhase({ k: 'live', sessionId, origin: frame.origin, path: '/', pages: 0 });
        break;
      case 'page':
        setPhase((p) => (p.k === 'live' ? { ...p, path: frame.path, pages: frame.pages } : p));
        break;
      case 'ev':
        if (replay.current) {
          if (pending.current.length) replay.current.add(pending.current.splice(0));
          replay.current.add(frame.e);
        } else pending.current.push(...frame.e);
        break;
      case 'ended':
        sessionRef.current = null;
        setPointing(false);
        setLarge(false);
        setPhase({ k: 'ended', by: frame.by });
        break;
      case 'error':
        if (frame.code === 'OFFLINE') {
          sessionRef.current = null;
          setLarge(false);
          setPhase({ k: 'ended', by: 'lost' });
        } else if (frame.code === 'INVALID_INPUT') setSuggestError(t('cobrowse.suggestRefused'));
        else setError(frame.message);
        break;
      case 'waiting':
        break;
    }
  }

  async function start(): Promise<void> {
    setError(null);
    setNotice(null);
    pending.current = [];
    try {
      const s = await sapa().call('cobrowse.start', { customerId, ...(chatId ? { chatId } : {}) });
      sessionRef.current = s.id;
      setPhase({ k: 'waiting', sessionId: s.id, code: s.code, viaChat: !!chatId });
    } catch (e) {
      setError(t(errorCodeOf(e) === 'RATE_LIMITED' ? 'cobrowse.tooMany' : 'cobrowse.startFailed'));
    }
  }

  async function end(sessionId: string): Promise<void> {
    await sapa().call('cobrowse.end', { sessionId }).catch(() => undefined);
  }

  async function point(nodeId: number): Promise<void> {
    if (phase.k !== 'live') return;
    await sapa().call('cobrowse.point', { sessionId: phase.sessionId, nodeId }).catch(() => undefined);
    setNotice(t('cobrowse.pointed'));
  }

  async function suggest(): Promise<void> {
    if (phase.k !== 'live') return;
    const path = suggestPath.trim();
    if (!PagePath.safeParse(path).success) {
      setSuggestError(t('cobrowse.pathInvalid'));
      return;
    }
    setSuggestError(null);
    await sapa().call('cobrowse.suggest', { sessionId: phase.sessionId, path });
    setNotice(t('cobrowse.suggested', { url: `${phase.origin}${path}` }));
    setSuggestPath('');
  }

  const active = phase.k === 'waiting' || phase.k === 'live';
  return (
    <Stack gap="sm" aria-labelledby="cobrowse-title" component="section">
      <Title order={3} id="cobrowse-title" size="h5">{t('cobrowse.title')}</Title>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {phase.k === 'idle' && (
        <>
          <Text size="sm">{t('cobrowse.intro')}</Text>
          <Group><Button onClick={() => void start()}>{t('cobrowse.start')}</Button></Group>
        </>
      )}
      {phase.k === 'waiting' && (
        <>
          <Text size="sm">{t(phase.viaChat ? 'cobrowse.sentToChat' : 'cobrowse.readCode')}</Text>
          <Text fz={28} fw={700} ff="monospace" aria-label={t('cobrowse.codeLabel', { code: phase.code.split('').join(' ') })} data-testid="cobrowse-code">
            {phase.code.slice(0, 3)} {phase.code.slice(3)}
          </Text>
          <Text size="sm" role="status">{t('cobrowse.waiting')}</Text>
          <Group><Button variant="default" onClick={() => void end(phase.sessionId)}>{t('cobrowse.cancel')}</Button></Group>
        </>
      )}
      <div className={large ? 'sapa-cobrowse-large' : undefined} onKeyDown={(e) => { if (e.key === 'Escape') setLarge(false); }}
        style={large ? { position: 'fixed', inset: 16, zIndex: 300, overflow: 'auto', padding: 16, background: 'var(--mantine-color-body)',
          boxShadow: '0 4px 24px rgba(0,0,0,.3)', borderRadius: 8 } : undefined}>
      <Stack gap="sm">
      {phase.k === 'live' && (
        <>
          <Text size="sm" role="status">{t('cobrowse.live', { page: `${phase.origin}${phase.path}`, count: phase.pages })}</Text>
          <Group gap="xs" wrap="wrap">
            <Button variant={pointing ? 'filled' : 'default'} aria-pressed={pointing} onClick={() => setPointing((p) => !p)}>
              {t('cobrowse.point')}
            </Button>
            <Button variant={large ? 'filled' : 'default'} aria-pressed={large} onClick={() => setLarge((l) => !l)}>
              {t('cobrowse.larger')}
            </Button>
            <Button color="red" onClick={() => void end(phase.sessionId)}>{t('cobrowse.end')}</Button>
          </Group>
          <Group gap="xs" align="flex-end" component="form" onSubmit={(e) => { e.preventDefault(); void suggest(); }}>
            <TextInput label={t('cobrowse.suggestLabel')} placeholder="/bantuan" value={suggestPath} error={suggestError}
              onChange={(e) => setSuggestPath(e.currentTarget.value)} maxLength={300} style={{ flex: 1 }} />
            <Button type="submit" variant="default">{t('cobrowse.suggest')}</Button>
          </Group>
          {notice && <Text size="xs" c="dimmed" role="status">{notice}</Text>}
          {pointing && <Text size="xs">{t('cobrowse.pointHelp')}</Text>}
        </>
      )}
      {active && (
        <div style={{ display: phase.k === 'live' ? 'block' : 'none', border: '1px solid var(--mantine-color-default-border)' }}>
          <LiveReplay ref={replay} label={t('cobrowse.viewLabel')} pointing={pointing} onPoint={(id) => void point(id)} />
        </div>
      )}
      </Stack>
      </div>
      {phase.k === 'ended' && (
        <>
          <Alert role="status" color={phase.by === 'customer' || phase.by === 'agent' ? 'blue' : 'orange'}>
            {t(`cobrowse.ended.${phase.by}`)}
          </Alert>
          <Group><Button variant="default" onClick={() => void start()}>{t('cobrowse.startAgain')}</Button></Group>
        </>
      )}
    </Stack>
  );
}
