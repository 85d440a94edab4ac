// Offline spell check of the text being composed, a moment after the agent stops typing.
import { useEffect, useState } from 'react';
import { type Language } from '../../../shared/domain.js';
import { type SpellingIssue } from '../../../shared/replies/api-methods.js';
import { logger } from '../../platform/logger.js';
import { sapa } from '../../platform/sapa.js';

const DEBOUNCE_MS = 350;

export function useSpelling(text: string, language: Language, ignore: readonly string[]): SpellingIssue[] {
  const [issues, setIssues] = useState<SpellingIssue[]>([]);
  const ignoreKey = ignore.join(' ');
  useEffect(() => {
    if (!text.trim()) {
      setIssues([]);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      sapa()
        .call('replies.spellcheck', { text, language, ignore: ignoreKey.split(' ').filter(Boolean) })
        .then(({ issues: found }) => {
          if (current) setIssues(found);
        })
        .catch((error: unknown) => logger.warn('spell check failed', error));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, language, ignoreKey]);
  return issues;
}
