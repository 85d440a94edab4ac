// The e-mail or call-back being worked, beside the softphone so it stays in view whatever
// the screen: an e-mail opens on its customer (or in the inbox) and is marked done once
// answered; a call-back shows its number with click-to-call and asks for the outcome.
import { Button, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/phone.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { dialNumber, type DialOutcome } from '../customer/dial.js';
import { CallbackOutcomeForm } from './CallbackOutcome.js';
import { useContactCenterStore } from './store.js';
import { openTaskWork } from './task-work.js';

export function TaskCard() {
  const { t } = useTranslation();
  const task = useContactCenterStore((s) => s.current);
  const [dialled, setDialled] = useState<DialOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!task) return null;
  const title = t(`contactCenter.taskTitle.${task.kind}`);
  const shown = task.kind === 'callback' || task.kind === 'message' ? formatPhone(task.from) : task.from;

  const finish = async (kind: 'email' | 'message') => {
    setProblem(null);
    try {
      useContactCenterStore.getState().finished(await sapa().call('cc.completeTask', { taskId: task.taskId, completion: { kind } }));
    } catch (error) {
      setProblem(errorText(t, error));
    }
  };

  return (
    <Paper component="section" aria-label={title} withBorder p="xs" className="sapa-task-card">
      <Stack gap={6}>
        <Text fw={700} size="sm">{title}</Text>
        {task.kind !== 'callback' && <Text size="sm">{shown}</Text>}
        {task.subject && <Text size="xs" lineClamp={3}>{task.subject}</Text>}
        {task.kind === 'email' && (
          <>
            <Button size="xs" variant="light" onClick={() => openTaskWork(task)}>{t('contactCenter.openEmail')}</Button>
            <Button size="xs" variant="default" onClick={() => void finish('email')}>{t('contactCenter.emailDone')}</Button>
          </>
        )}
        {task.kind === 'message' && (
          <>
            <Button size="xs" variant="light" onClick={() => openTaskWork(task)}>{t('contactCenter.openConversation')}</Button>
            <Button size="xs" variant="default" onClick={() => void finish('message')}>{t('contactCenter.conversationDone')}</Button>
          </>
        )}
        {task.kind === 'callback' && (
          <>
            <Button size="xs" variant="light" aria-label={t('customer.call', { phone: shown })} onClick={async () => setDialled(await dialNumber(task.from))}>
              {shown}
            </Button>
            <Text size="xs" c="dimmed" role="status">
              {dialled ? t(dialled === 'calling' ? 'softphone.callingNumber' : dialled === 'copied' ? 'customer.copied' : dialled === 'dnc' ? 'softphone.doNotCall' : 'customer.copyFailed', { phone: shown }) : ''}
            </Text>
            <CallbackOutcomeForm task={task} />
          </>
        )}
        {problem && <div role="alert" className="sapa-form-error">{problem}</div>}
      </Stack>
    </Paper>
  );
}
