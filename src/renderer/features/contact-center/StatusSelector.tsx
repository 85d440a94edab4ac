// The agent's status in the shell header: what they choose (ready, not ready with a reason,
// offline) and, beside it, what the router derived (reserved, on a task, wrap-up with its
// countdown) and for how long. A native select: keyboard and screen readers for free, and
// it stays narrow at 1366×768 in both languages.
import { Badge, Group, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../i18n/format.js';
import { STATE_CHOICES, choiceOf, requestOf } from './state-choice.js';
import { useContactCenterStore } from './store.js';
import { secondsSince, secondsUntil, useNow } from './useNow.js';

const DERIVED_COLOR = { offline: 'gray', not_ready: 'orange', ready: 'green', reserved: 'yellow', on_task: 'blue', wrap_up: 'violet' } as const;

export function StatusSelector() {
  const { t } = useTranslation();
  const state = useContactCenterStore((s) => s.state);
  const busy = useContactCenterStore((s) => s.busy);
  const setState = useContactCenterStore((s) => s.setState);
  const now = useNow();
  const choice = choiceOf(state);
  const options = [
    ...(choice === '' ? [{ value: '', label: t(state ? 'contactCenter.state.notReadyMissed' : 'contactCenter.state.unknown'), disabled: true }] : []),
    ...STATE_CHOICES.map((c) => ({ value: c, label: t(`contactCenter.choice.${c.replace(':', '_')}`) })),
  ];
  const wrapUpLeft = state?.derived === 'wrap_up' && state.wrapUpUntil ? secondsUntil(state.wrapUpUntil, now) : null;
  return (
    <Group gap={6} wrap="nowrap" className="sapa-agent-status">
      <NativeSelect
        size="xs" aria-label={t('contactCenter.status')} value={choice} data={options} disabled={busy || !state}
        onChange={(e) => {
          const request = requestOf(e.currentTarget.value);
          if (request) void setState(request);
        }}
      />
      {state && (
        <Badge role="status" aria-label={t('contactCenter.derivedLabel')} color={DERIVED_COLOR[state.derived]} variant="light" tt="none">
          {wrapUpLeft !== null
            ? t('contactCenter.wrapUpLeft', { time: formatDuration(wrapUpLeft) })
            : t('contactCenter.derivedFor', { state: t(`contactCenter.derived.${state.derived}`), time: formatDuration(secondsSince(state.since, now)) })}
        </Badge>
      )}
    </Group>
  );
}
