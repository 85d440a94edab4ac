// As-you-type search of the reply library (the cache in core answers; offline too).
// Keyboard first: type, ↓/↑ to move, Enter to insert, Esc to clear. `/shortcut` works too.
// With an empty box it lists suggestions for the context (channel, language, tier, case).
import { Badge, Group, Text, TextInput } from '@mantine/core';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, type Tier } from '../../../shared/domain.js';
import { type ReplyChannel, type ReplyParagraph } from '../../../shared/replies/schemas.js';
import { logger } from '../../platform/logger.js';
import { sapa } from '../../platform/sapa.js';

export interface ReplyContext { channel: ReplyChannel; language: Language; tier: Tier; category?: string }

export function ReplySearch({ context, onInsert }: { context: ReplyContext; onInsert(p: ReplyParagraph): void }) {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ReplyParagraph[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    let current = true;
    sapa()
      .call('replies.search', {
        query, channel: context.channel, language: context.language, tier: context.tier, category: context.category, limit: 8,
      })
      .then(({ results: found }) => {
        if (!current) return;
        setResults(found);
        setActive(0);
      })
      .catch((error: unknown) => logger.warn('reply search failed', error));
    return () => {
      current = false;
    };
  }, [query, context.channel, context.language, context.tier, context.category]);

  const insert = (p: ReplyParagraph | undefined) => {
    if (!p) return;
    onInsert(p);
    setQuery('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      insert(results[active]);
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  };

  return (
    <div className="sapa-reply-search">
      <TextInput
        label={t('replies.search')} description={t('replies.searchHint')} placeholder={t('replies.searchPlaceholder')} value={query}
        onChange={(e) => setQuery(e.currentTarget.value)} onKeyDown={onKey}
        role="combobox" aria-expanded={results.length > 0} aria-controls={listId}
        aria-activedescendant={results[active] ? `${listId}-${results[active].id}` : undefined}
      />
      <ul id={listId} role="listbox" aria-label={t('replies.results')} className="sapa-reply-results">
        {results.map((p, i) => (
          <li
            key={p.id} id={`${listId}-${p.id}`} role="option" aria-selected={i === active} aria-label={p.title}
            className={i === active ? 'sapa-reply-result active' : 'sapa-reply-result'}
            onMouseDown={(e) => e.preventDefault()} onClick={() => insert(p)}
          >
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={600}>{p.title}</Text>
              <Text size="xs" c="dimmed">/{p.shortcut}</Text>
              <Badge size="xs" variant="light">{p.language}</Badge>
              {p.tiers.length > 0 && <Badge size="xs" color="grape" variant="light">{p.tiers.join(', ')}</Badge>}
            </Group>
            <Text size="xs" c="dimmed" lineClamp={1}>{p.body}</Text>
          </li>
        ))}
        {results.length === 0 && <li role="presentation"><Text size="xs" c="dimmed">{t('replies.noResults')}</Text></li>}
      </ul>
    </div>
  );
}
