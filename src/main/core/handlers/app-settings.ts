// app.info and settings.*: available before sign-in (the login screen needs the language).
import { Language } from '../../../shared/domain.js';
import { type HandlerMap } from '../context.js';

const LANGUAGE_KEY = 'language';

export const appSettingsHandlers: HandlerMap<'app.info' | 'settings.get' | 'settings.set'> = {
  'app.info': (_input, ctx) => ({
    version: ctx.options.appVersion,
    host: ctx.options.host,
    serverUrls: [...ctx.server.urls],
    systemLocale: ctx.options.systemLocale,
  }),
  'settings.get': (_input, ctx) => {
    const stored = Language.safeParse(ctx.store.state.setting(LANGUAGE_KEY));
    return { language: stored.success ? stored.data : null };
  },
  'settings.set': (input, ctx) => {
    ctx.store.state.saveSetting(LANGUAGE_KEY, input.language);
    return { language: input.language };
  },
};
