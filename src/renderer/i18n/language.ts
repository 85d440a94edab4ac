// Which language the UI starts in: the saved setting wins, else the system language.
import { type Language } from '../../shared/domain.js';

export function languageFromLocale(locale: string | null | undefined): Language {
  return locale && /^id\b|^id[-_]/i.test(locale) ? 'id' : 'en';
}

export function initialLanguage(saved: Language | null | undefined, systemLocale: string | null | undefined): Language {
  return saved ?? languageFromLocale(systemLocale);
}
