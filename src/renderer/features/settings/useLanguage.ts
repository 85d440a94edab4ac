import { type Language } from '../../../shared/domain.js';
import { useSettingsStore } from './store.js';

/** The active UI language, for the Intl format helpers. */
export function useLanguage(): Language {
  return useSettingsStore((s) => s.language);
}
