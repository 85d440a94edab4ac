// The keyboard shortcuts, opened with "?" (outside a text field) or the header's button,
// and "About Sapa": the version and the state of its update.
import { Kbd, Modal, Stack, Table, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AboutSection } from '../features/updates/AboutSection.js';
import { SHORTCUT_GROUPS, isHelpKey } from './shortcuts.js';

export function useHelpHotkey(open: () => void): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isHelpKey(event, event.target)) return;
      event.preventDefault();
      open();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);
}

export function HelpDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('help.title')} size="lg" closeButtonProps={{ 'aria-label': t('help.close') }}>
      <Stack gap="md">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group.title} aria-label={t(group.title)}>
            <Title order={3} size="h5" mb={4}>{t(group.title)}</Title>
            <Table>
              <Table.Tbody>
                {group.rows.map((row) => (
                  <Table.Tr key={row.does}>
                    <Table.Td w="40%"><Kbd>{row.keys}</Kbd></Table.Td>
                    <Table.Td>{t(row.does)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ))}
        <AboutSection />
      </Stack>
    </Modal>
  );
}
