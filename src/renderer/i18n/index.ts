// i18next set up once with both bundled languages (no network fetches: the CSP and the
// offline-first design both forbid loading strings at run time).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Language } from '../../shared/domain.js';
import en from './en.json';
import id from './id.json';

export const resources = { en: { translation: en }, id: { translation: id } } as const;

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    // React escapes text itself; escaping here too would show &lt; in customer names.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
