// Notes and call-backs of one customer: read as queries (re-read when a pull changed data),
// written through core's outbox (they work offline), then re-read so the new row shows.
import { useState } from 'react';
import { type ErrorCode } from '../../../shared/errors.js';
import { errorCodeOf } from '../../platform/errors.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';

export function useNotes(customerId: string) {
  const notes = useCoreQuery('notes.list', { customerId });
  const callbacks = useCoreQuery('callbacks.list', { customerId });
  const [writeError, setWriteError] = useState<ErrorCode | null>(null);

  /** One write, then the lists re-read; false (error kept) on failure. */
  async function write(call: () => Promise<unknown>, list: 'notes.list' | 'callbacks.list'): Promise<boolean> {
    try {
      await call();
      setWriteError(null);
      await invalidateMethod(list);
      return true;
    } catch (error) {
      setWriteError(errorCodeOf(error));
      return false;
    }
  }

  const readError = notes.error ?? callbacks.error;
  return {
    notes: notes.data?.notes ?? [],
    callbacks: callbacks.data?.callbacks ?? [],
    error: writeError ?? (readError ? errorCodeOf(readError) : null),
    addNote: (body: string) => write(() => sapa().call('notes.create', { customerId, body }), 'notes.list'),
    addCallback: (dueAt: string, note: string) => write(() => sapa().call('callbacks.create', {
      customerId, dueAt: new Date(dueAt).toISOString(), ...(note ? { note } : {}),
    }), 'callbacks.list'),
  };
}
