// The fields of one form version: per item the control its kind asks for (yes/no/N/A as
// radios, a scale or a choice as a select, text as a text area), its guidance, and a comment
// field that is required when a failed item needs one. Used to score and to re-score.
import { type Language } from '../../../shared/domain.js';
import { Badge, Group, NativeSelect, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { answerFails, type EvaluationAnswer } from '../../../shared/quality/answers.js';
import { type FormDefinition, type QualityItem } from '../../../shared/quality/form.js';
import { type QualityLabel } from '../../../shared/quality/text.js';

export type AnswerMap = Record<string, { value?: string | number; comment?: string }>;

export const label = (l: QualityLabel, language: Language) => (language === 'id' ? l.id : l.en);

/** The answers given so far, as the server takes them (unanswered items left out). */
export function answersOf(map: AnswerMap): EvaluationAnswer[] {
  return Object.entries(map).flatMap(([itemId, a]) => (a.value === undefined || a.value === ''
    ? [] : [{ itemId, value: a.value, ...(a.comment?.trim() ? { comment: a.comment.trim() } : {}) }]));
}

function ItemField({ item, answer, language, onChange }: {
  item: QualityItem; answer: AnswerMap[string] | undefined; language: Language; onChange(a: AnswerMap[string]): void;
}) {
  const { t } = useTranslation();
  const name = label(item.label, language);
  const value = answer?.value;
  const set = (v: string | number | undefined) => onChange({ ...answer, value: v });
  const failed = value !== undefined && value !== '' && item.kind !== 'text' && answerFails(item, value);
  const na = 'allowNa' in item && item.allowNa ? [{ value: 'na', label: t('quality.score.na') }] : [];
  let control;
  if (item.kind === 'yes_no') {
    control = (
      <Radio.Group label={name} value={typeof value === 'string' ? value : ''} onChange={set}>
        <Group gap="sm" mt={2}>
          <Radio value="yes" label={t('quality.score.yes')} />
          <Radio value="no" label={t('quality.score.no')} />
          {item.allowNa && <Radio value="na" label={t('quality.score.na')} />}
        </Group>
      </Radio.Group>
    );
  } else if (item.kind === 'scale') {
    const numbers = Array.from({ length: item.max - item.min + 1 }, (_, i) => String(item.min + i));
    control = (
      <NativeSelect size="xs" label={name} value={value === undefined ? '' : String(value)}
        data={[{ value: '', label: t('quality.score.choose') }, ...numbers.map((n) => ({ value: n, label: n })), ...na]}
        onChange={(e) => { const v = e.currentTarget.value; set(v === '' ? undefined : v === 'na' ? 'na' : Number(v)); }} />
    );
  } else if (item.kind === 'choice') {
    control = (
      <NativeSelect size="xs" label={name} value={typeof value === 'string' ? value : ''}
        data={[{ value: '', label: t('quality.score.choose') }, ...item.options.map((o) => ({ value: o.id, label: label(o.label, language) })), ...na]}
        onChange={(e) => set(e.currentTarget.value || undefined)} />
    );
  } else {
    control = <Textarea size="xs" label={name} autosize minRows={1} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.currentTarget.value)} />;
  }
  return (
    <Stack gap={2}>
      <Group gap={4}>
        {item.fatal && <Badge size="xs" color="red">{t('quality.score.fatal')}</Badge>}
        {item.critical && <Badge size="xs" color="orange">{t('quality.score.critical')}</Badge>}
      </Group>
      {control}
      {item.guidance && <Text size="xs" c="dimmed">{label(item.guidance, language)}</Text>}
      {failed && (
        <Textarea size="xs" autosize minRows={1} required={item.commentOnFail} value={answer?.comment ?? ''}
          label={t('quality.score.failComment', { item: name })} onChange={(e) => onChange({ ...answer, comment: e.currentTarget.value })} />
      )}
    </Stack>
  );
}

export function AnswerFields({ definition, answers, language, onChange }: {
  definition: FormDefinition; answers: AnswerMap; language: Language; onChange(next: AnswerMap): void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {definition.sections.map((s) => (
        <Paper key={s.id} withBorder p="xs" component="fieldset" aria-label={label(s.label, language)} style={{ border: undefined }}>
          <Title order={4} size="h6">{label(s.label, language)} · {t('quality.score.weight', { weight: s.weight })}</Title>
          <Stack gap="xs" mt={4}>
            {s.items.map((item) => (
              <ItemField key={item.id} item={item} answer={answers[item.id]} language={language}
                onChange={(a) => onChange({ ...answers, [item.id]: a })} />
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
