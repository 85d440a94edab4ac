// Search box + results listbox (ARIA pattern: focus stays in the input, aria-activedescendant
// names the highlighted option; Arrow keys move, Enter opens).
import { useId, useRef, type KeyboardEvent } from 'react';
import { Alert, Group, Loader, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CustomerSummary } from '../../../shared/domain.js';
import { formatPhone } from '../../../shared/phone.js';
import { TierBadge, VvipBadge } from '../customer/TierBadge.js';
import { displayName } from '../customer/display-name.js';
import { useSearchStore } from './store.js';
import { useSearchHotkey } from './useSearchHotkey.js';

export function SearchPanel({ onOpen }: { onOpen: (customerId: string) => void }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const hintId = useId();
  const { query, results, loading, error, active, setQuery, move, setActive } = useSearchStore();
  useSearchHotkey(inputRef);

  const optionId = (index: number) => `${listId}-option-${index}`;
  const activeResult = active >= 0 ? results[active] : undefined;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      const chosen = activeResult ?? results[0];
      if (chosen) {
        event.preventDefault();
        onOpen(chosen.id);
      }
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  }

  const showList = query.trim() !== '';
  return (
    <Stack gap="xs" className="sapa-search">
      <TextInput
        ref={inputRef}
        type="search"
        aria-label={t('search.label')}
        aria-describedby={hintId}
        aria-controls={listId}
        aria-activedescendant={activeResult ? optionId(active) : undefined}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        rightSection={loading ? <Loader size="xs" aria-label={t('search.loading')} /> : null}
      />
      <Text id={hintId} size="xs" c="dimmed" className="sapa-visually-hidden">
        {t('search.hint')}
      </Text>
      {error && (
        <Alert color="red" role="alert" variant="light">
          {error === 'OFFLINE' ? t('errors.OFFLINE') : t('search.error')}
        </Alert>
      )}
      <div
        id={listId}
        role="listbox"
        aria-label={t('search.results')}
        aria-busy={loading}
        className="sapa-results"
        hidden={!showList}
      >
        {results.map((customer, index) => (
          <ResultOption
            key={customer.id}
            id={optionId(index)}
            customer={customer}
            selected={index === active}
            onHover={() => setActive(index)}
            onOpen={() => onOpen(customer.id)}
          />
        ))}
      </div>
      {showList && !loading && !error && results.length === 0 && (
        <Text size="sm" c="dimmed" role="status">
          {t('search.empty')}
        </Text>
      )}
      {showList && loading && results.length === 0 && (
        <Text size="sm" c="dimmed" role="status">
          {t('search.loading')}
        </Text>
      )}
    </Stack>
  );
}

interface ResultOptionProps {
  id: string;
  customer: CustomerSummary;
  selected: boolean;
  onHover: () => void;
  onOpen: () => void;
}

function ResultOption({ id, customer, selected, onHover, onOpen }: ResultOptionProps) {
  const firstPhone = customer.phones[0];
  return (
    <UnstyledButton
      component="div"
      id={id}
      role="option"
      aria-selected={selected}
      // Options are reached with the arrow keys from the input, not with Tab.
      tabIndex={-1}
      className="sapa-option"
      data-selected={selected || undefined}
      onMouseMove={onHover}
      onClick={onOpen}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm" truncate>
          {displayName(customer.salutation, customer.fullName)}
        </Text>
        <Group gap={4} wrap="nowrap">
          {customer.vvip && <VvipBadge size="sm" />}
          <TierBadge tier={customer.tier} size="sm" />
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {[customer.customerNo, customer.city, firstPhone ? formatPhone(firstPhone.e164) : null].filter(Boolean).join(' · ')}
      </Text>
    </UnstyledButton>
  );
}
