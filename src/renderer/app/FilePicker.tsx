// A file chooser that speaks the app's language. The browser's own file input words its
// button and "no file chosen" in the browser's (or Windows') language, which left English
// inside the Indonesian UI. The native input stays, visually hidden, so the label still
// names the input itself (screen readers and Playwright's setInputFiles need that); a
// translated button opens it and the chosen names are shown beside it.
import { Button, Group, Input, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  description?: string;
  files: File[];
  onChange(files: File[]): void;
  multiple?: boolean;
  accept?: string;
  disabled?: boolean;
}

export function FilePicker({ label, description, files, onChange, multiple = false, accept, disabled }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // Cleared by the screen (after an upload): let the same file be chosen again.
  useEffect(() => {
    if (files.length === 0 && input.current) input.current.value = '';
  }, [files.length]);
  const chosen = files.length === 0 ? t('filePicker.none')
    : files.length === 1 ? files[0]!.name
      : t('filePicker.several', { count: files.length, names: files.map((f) => f.name).join(', ') });
  return (
    <Input.Wrapper label={label} description={description} id={id}>
      <VisuallyHidden>
        <input ref={input} id={id} type="file" multiple={multiple} accept={accept} disabled={disabled} tabIndex={-1}
          onChange={(e) => onChange([...(e.currentTarget.files ?? [])])} />
      </VisuallyHidden>
      <Group gap="xs" wrap="nowrap" mt={4}>
        <Button variant="default" size="sm" disabled={disabled} onClick={() => input.current?.click()}>
          {multiple ? t('filePicker.chooseMany') : t('filePicker.chooseOne')}
        </Button>
        <Text size="sm" c={files.length === 0 ? 'dimmed' : undefined} lineClamp={2} maw={320} title={chosen}>{chosen}</Text>
      </Group>
    </Input.Wrapper>
  );
}
