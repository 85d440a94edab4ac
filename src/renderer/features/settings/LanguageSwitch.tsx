// A native <select> labelled "Language"/"Bahasa": reachable by keyboard and by label.
import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Language } from '../../../shared/domain.js';
import { useSettingsStore } from './store.js';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useSettingsStore((s) => s.language);
  const switchLanguage = useSettingsStore((s) => s.switchLanguage);
  return (
    <NativeSelect
      size="xs"
      label={t('language.label')}
      value={language}
      onChange={(event) => {
        const parsed = Language.safeParse(event.currentTarget.value);
        if (parsed.success) void switchLanguage(parsed.data);
      }}
      data={[
        // Each language is named in itself so a user can find theirs whatever is active.
        { value: 'id', label: t('language.id') },
        { value: 'en', label: t('language.en') },
      ]}
    />
  );
}
