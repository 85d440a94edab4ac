// Entry: pick the language before the first paint (saved setting, else system language),
// then render. A failed settings read only means falling back to the system language.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import './styles.css';
import { initI18n } from './i18n/index.js';
import { initialLanguage } from './i18n/language.js';
import { sapa } from './platform/sapa.js';
import { logger } from './platform/logger.js';
import { useSettingsStore } from './features/settings/store.js';
import { App } from './app/App.js';

async function start(): Promise<void> {
  let saved = null;
  try {
    saved = (await sapa().call('settings.get', {})).language;
  } catch (error) {
    logger.warn('settings not readable, using the system language', error);
  }
  const language = initialLanguage(saved, navigator.language);
  useSettingsStore.getState().setInitialLanguage(language);
  await initI18n(language);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
