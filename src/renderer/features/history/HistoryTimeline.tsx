// The contact-history feed, virtualised: only the rows in view (plus overscan) are in the
// DOM, so a customer with thousands of contacts scrolls as smoothly as one with ten. The
// next page is requested when the last rendered row comes near the end of what is loaded.
import { useEffect, useMemo, useRef } from 'react';
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { ChannelFilter } from './ChannelFilter.js';
import { HistoryEntry } from './HistoryEntry.js';
import { useHistory } from './query.js';
import { useHistoryChoices, useHistoryStore } from './store.js';
import { errorCodeOf } from '../../platform/errors.js';

const ESTIMATED_ROW_PX = 84;
const LOAD_MORE_WITHIN_ROWS = 20;
// Rows rendered beyond the viewport: enough that keyboard and screen-reader users moving
// through the feed rarely reach an unrendered row, few enough to stay cheap.
const OVERSCAN_ROWS = 20;

export function HistoryTimeline({ customerId, interactionsTotal }: { customerId: string; interactionsTotal: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { channels, expanded } = useHistoryChoices(customerId);
  const toggleExpanded = useHistoryStore((s) => s.toggleExpanded);
  const history = useHistory(customerId, channels);
  const { fetchNextPage, isFetchingNextPage, refetch } = history;
  const items = useMemo(() => history.data?.pages.flatMap((p) => p.items) ?? [], [history.data]);
  const cursor = history.hasNextPage;
  const loaded = history.isFetched;
  // A background re-read (data.changed) keeps the rows on screen and shows no spinner.
  const loading = history.isPending || isFetchingNextPage;
  const error = history.error ? errorCodeOf(history.error) : null;
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN_ROWS,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems.at(-1)?.index ?? -1;

  useEffect(() => {
    if (cursor && !isFetchingNextPage && !error && lastVisible >= items.length - LOAD_MORE_WITHIN_ROWS) void fetchNextPage();
  }, [cursor, isFetchingNextPage, error, lastVisible, items.length, fetchNextPage]);

  // With a channel filter the total is unknown until the last page (-1 per WAI-ARIA feed).
  const setSize = channels.length === 0 ? interactionsTotal : cursor ? -1 : items.length;

  function focusEntry(index: number) {
    if (index < 0 || index >= items.length) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] article`)?.focus();
    });
  }

  return (
    <Stack gap="xs">
      <ChannelFilter customerId={customerId} />
      {channels.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('history.total', { count: interactionsTotal, formatted: formatNumber(interactionsTotal, language) })}
        </Text>
      )}
      {error && (
        <Alert color="red" role="alert" variant="light">
          <Group justify="space-between">
            <span>{error === 'OFFLINE' || error === 'THROTTLED' ? t(`errors.${error}`) : t('history.error')}</span>
            <Button size="compact-sm" variant="white" onClick={() => void (items.length > 0 ? fetchNextPage() : refetch())}>
              {t('history.retry')}
            </Button>
          </Group>
        </Alert>
      )}
      {loaded && !error && items.length === 0 && (
        <Text size="sm" c="dimmed" p="md">
          {channels.length > 0 ? t('history.emptyFiltered') : t('history.empty')}
        </Text>
      )}
      <div ref={scrollRef} className="sapa-history-scroll">
        <div role="feed" aria-label={t('history.label')} aria-busy={loading} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((row) => {
            const item = items[row.index];
            if (!item) return null;
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="sapa-history-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <HistoryEntry
                  item={item}
                  index={row.index}
                  setSize={setSize}
                  expanded={expanded.has(item.id)}
                  onToggle={() => toggleExpanded(customerId, item.id)}
                  onMove={(delta) => focusEntry(row.index + delta)}
                />
              </div>
            );
          })}
        </div>
      </div>
      {loading && (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="xs">{items.length === 0 ? t('history.loading') : t('history.loadingMore')}</Text>
        </Group>
      )}
    </Stack>
  );
}
