// One card of the pipeline board. Drag it to another column, or (keyboard) Tab to it and
// choose the stage in its "Move to stage" menu; lost asks for the reason first.
import { Badge, Button, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Opportunity, type SalesSettings } from '../../../shared/pipeline.js';
import { formatDate, formatIdr } from '../../i18n/format.js';
import { OpenCustomerButton } from '../home/OpenCustomerButton.js';
import { useLanguage } from '../settings/useLanguage.js';

export function stageLabel(settings: SalesSettings | undefined, code: string, language: string): string {
  const s = settings?.stages.find((x) => x.code === code);
  return s ? (language === 'id' ? s.labelId : s.labelEn) : code;
}

export function OpportunityCard({ o, settings, onMove }: {
  o: Opportunity; settings: SalesSettings | undefined;
  onMove: (o: Opportunity, stageCode: string, lost?: { reason: string; note: string }) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [losing, setLosing] = useState(false);
  const [reason, setReason] = useState('');
  const closed = o.closedAt !== null;
  return (
    <Paper withBorder p="xs" component="article" aria-label={`${o.opportunityNo} ${o.title}`} draggable={!closed} tabIndex={0}
      onDragStart={(e) => { e.dataTransfer.setData('text/plain', o.id); e.dataTransfer.effectAllowed = 'move'; }}>
      <Stack gap={2}>
        <Text size="sm" fw={600}>{o.title}</Text>
        <Text size="xs"><OpenCustomerButton customerId={o.customerId} name={o.customerName} salutation={o.salutation} /></Text>
        <Group gap={4} justify="space-between">
          <Text size="xs">{formatIdr(o.valueIdr, language)}</Text>
          <Text size="xs" c="dimmed">{t('pipeline.closes', { date: formatDate(o.expectedClose, language) })}</Text>
        </Group>
        <Text size="xs" c="dimmed">{o.opportunityNo} · {o.ownerName}</Text>
        {o.products.length > 0 && <Text size="xs">{o.products.map((p) => (p.quantity > 1 ? `${p.code} × ${p.quantity}` : p.code)).join(', ')}</Text>}
        {o.nextStep && <Text size="xs">{t('pipeline.nextStep')}: {o.nextStep}</Text>}
        {o.contractNo && <Badge color="green" size="sm">{t('pipeline.contract', { no: o.contractNo })}</Badge>}
        {o.lostReason && <Badge color="gray" size="sm">{t(`pipeline.lostReasons.${o.lostReason}`, { defaultValue: o.lostReason })}</Badge>}
        {!closed && !losing && (
          <NativeSelect size="xs" aria-label={t('pipeline.moveCard', { no: o.opportunityNo })} value=""
            onChange={(e) => {
              const code = e.currentTarget.value;
              if (!code) return;
              if (settings?.stages.find((s) => s.code === code)?.kind === 'lost') setLosing(true);
              else onMove(o, code);
            }}>
            <option value="">{t('pipeline.moveTo')}</option>
            {(settings?.stages ?? []).filter((s) => s.code !== o.stageCode).map((s) => (
              <option key={s.code} value={s.code}>{stageLabel(settings, s.code, language)}</option>
            ))}
          </NativeSelect>
        )}
        {losing && (
          <Group gap={4} align="flex-end">
            <NativeSelect size="xs" label={t('pipeline.lostWhy')} value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
              <option value="">{t('pipeline.chooseReason')}</option>
              {(settings?.lostReasons ?? []).map((r) => <option key={r.code} value={r.code}>{language === 'id' ? r.labelId : r.labelEn}</option>)}
            </NativeSelect>
            <Button size="compact-xs" disabled={!reason}
              onClick={() => { const lost = settings?.stages.find((s) => s.kind === 'lost'); if (lost) onMove(o, lost.code, { reason, note: '' }); setLosing(false); }}>
              {t('pipeline.markLost')}
            </Button>
            <Button size="compact-xs" variant="subtle" onClick={() => setLosing(false)}>{t('pipeline.cancel')}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
