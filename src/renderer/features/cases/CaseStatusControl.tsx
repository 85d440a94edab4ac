// Moving a case on from the cases tab: the statuses it may go to now (reopening only within
// the window), through core's outbox. A case not yet on the server cannot be moved.
import { NativeSelect, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextStatuses } from '../../../shared/cases.js';
import { type Case } from '../../../shared/domain.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { errorCodeOf } from '../../platform/errors.js';
import { invalidateMethod } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';

export function CaseStatusControl({ item }: { item: Case }) {
  const { t } = useTranslation();
  const [error, setError] = useState<ErrorCode | null>(null);
  const options = item.version === 0 ? [] : nextStatuses(item.status, item.resolvedAt, new Date());
  if (options.length === 0) return null;
  const move = async (to: string) => {
    const next = options.find((o) => o === to);
    if (!next) return;
    try {
      await sapa().call('cases.setStatus', { caseId: item.id, to: next });
      setError(null);
      await Promise.all([invalidateMethod('customers.get360'), invalidateMethod('customers.history')]);
    } catch (e) {
      setError(errorCodeOf(e));
    }
  };
  return (
    <>
      <NativeSelect
        size="xs" miw={150} aria-label={t('cases.moveTo', { caseNo: item.caseNo })} value=""
        onChange={(e) => void move(e.currentTarget.value)}
      >
        <option value="">{t('cases.moveChoose')}</option>
        {options.map((s) => <option key={s} value={s}>{t(`cases.moves.${s}`)}</option>)}
      </NativeSelect>
      {error && <Text size="xs" c="red" role="alert">{t(`errors.${error}`, { defaultValue: t('cases.moveError') })}</Text>}
    </>
  );
}
