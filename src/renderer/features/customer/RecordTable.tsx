// One table for the customer's open work (cases, orders, receivables, contracts): columns
// are declared per kind in work-columns.tsx; this renders them, the empty state and the
// overdue marking (colour and a word, never colour alone).
import { Table } from '@mantine/core';
import { type ReactNode } from 'react';
import { EmptyState } from './EmptyState.js';

export interface Column<T> {
  /** The column's header, translated (also its React key: unique within a table). */
  header: string;
  cell(row: T): ReactNode;
}

interface RecordTableProps<T extends { id: string }> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** Shown when there are no rows. */
  empty: string;
  minWidth?: number;
  striped?: boolean;
  overdue?: (row: T) => boolean;
  /** The table's accessible name. */
  label?: string;
}

export function RecordTable<T extends { id: string }>({ rows, columns, empty, minWidth = 700, striped = true, overdue, label }: RecordTableProps<T>) {
  if (rows.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped={striped} highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => <Table.Th key={c.header}>{c.header}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const late = overdue?.(row) ?? false;
            return (
              <Table.Tr key={row.id} className={late ? 'sapa-overdue' : undefined} data-overdue={late || undefined}>
                {columns.map((c) => <Table.Td key={c.header}>{c.cell(row)}</Table.Td>)}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
