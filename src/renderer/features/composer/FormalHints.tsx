// Formal Bahasa hints beside the spell check (src/shared/formal-bahasa.ts): each informal
// word is a button naming its standard form; pressing it (click, Enter or Space) replaces
// that word in the text, "Replace all" replaces every one. Offline: the list is in the
// bundle. Any composer can use it (the e-mail/SMS/chat composer here; the web chat's too):
// hand in the text and a setter.
import { useMemo } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language } from '../../../shared/domain.js';
import { applyAllHints, applyHint, findInformal } from '../../../shared/formal-bahasa.js';

/** At most this many hints are shown at once (the rest come as these are fixed). */
const SHOWN = 12;

export function FormalHints({ text, language, onChange }: { text: string; language: Language; onChange(text: string): void }) {
  const { t } = useTranslation();
  // Indonesian text only: in an English message these words mean something else, or nothing.
  const hints = useMemo(() => (language === 'id' ? findInformal(text) : []), [text, language]);
  if (hints.length === 0) return null;
  return (
    <div role="group" aria-labelledby="formal-hints-title" className="sapa-formal-hints">
      <Text size="xs" fw={600} id="formal-hints-title">{t('composer.formal.title')}</Text>
      <Group gap={4}>
        {hints.slice(0, SHOWN).map((h) => {
          const formal = h.formal === '' ? t('composer.formal.remove') : h.formal;
          const label = h.formal === '' ? t('composer.formal.removeWord', { word: h.word }) : t('composer.formal.replace', { word: h.word, formal: h.formal });
          return (
            <Button key={`${h.start}-${h.word}`} size="compact-xs" variant="light" color="grape" aria-label={label}
              onClick={() => onChange(applyHint(text, h))}>
              {h.word} → {formal}
            </Button>
          );
        })}
        {hints.length > 1 && (
          <Button size="compact-xs" variant="subtle" color="grape" onClick={() => onChange(applyAllHints(text, hints))}>
            {t('composer.formal.replaceAll', { count: hints.length })}
          </Button>
        )}
      </Group>
    </div>
  );
}
