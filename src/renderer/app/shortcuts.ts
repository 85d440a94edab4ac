// The keyboard shortcuts the help dialog lists, in one place. The keys themselves are bound
// where they act (search: useSearchHotkey, softphone: SoftphonePanel's SHORTCUTS, history:
// HistoryEntry, help: useHelpHotkey); this table only describes them.
export interface ShortcutRow {
  /** Keys as printed (not translated). */
  keys: string;
  /** i18n key of what the keys do. */
  does: string;
}

export interface ShortcutGroup {
  /** i18n key of the group's title. */
  title: string;
  rows: readonly ShortcutRow[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'help.general',
    rows: [
      { keys: '?', does: 'help.openHelp' },
      { keys: 'Ctrl+K', does: 'help.search' },
    ],
  },
  {
    title: 'help.softphone',
    rows: [
      { keys: 'Alt+A', does: 'help.answer' },
      { keys: 'Alt+H', does: 'help.hangUp' },
      { keys: 'Alt+O', does: 'help.hold' },
      { keys: 'Alt+M', does: 'help.mute' },
    ],
  },
  {
    title: 'help.lists',
    rows: [
      { keys: '↑ ↓', does: 'help.moveResults' },
      { keys: 'Enter', does: 'help.openResult' },
      { keys: 'Esc', does: 'help.clearSearch' },
      { keys: '↑ ↓ PgUp PgDn', does: 'help.moveHistory' },
      { keys: 'Enter / Space', does: 'help.expandEntry' },
      { keys: '← →', does: 'help.switchTabs' },
    ],
  },
];

/** True when a key press should open the help: "?" typed outside a text field. */
export function isHelpKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, target: EventTarget | null): boolean {
  if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return false;
  return !isEditable(target);
}

function isEditable(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || element.isContentEditable === true;
}
