// The UI language: read from settings.get at start, written with settings.set on switch.
import { create } from 'zustand';
import { type Language } from '../../../shared/domain.js';
import { changeLanguage } from '../../i18n/index.js';
import { sapa } from '../../platform/sapa.js';
import { logger } from '../../platform/logger.js';

interface SettingsState {
  language: Language;
  setInitialLanguage(language: Language): void;
  switchLanguage(language: Language): Promise<void>;
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  language: 'en',
  setInitialLanguage(language) {
    set({ language });
  },
  async switchLanguage(language) {
    set({ language });
    await changeLanguage(language);
    try {
      await sapa().call('settings.set', { language });
    } catch (error) {
      // The switch still applies for this session; only remembering it failed.
      logger.warn('language setting not saved', error);
    }
  },
}));
