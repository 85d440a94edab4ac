// Data fetching for every screen: TanStack Query over window.sapa. One client per app; a
// query's key is [method, input], so two screens asking the same thing share one answer
// and a different customer can never be served another customer's data. Core's
// `data.changed` (a pull changed cached rows) marks everything stale: what is on screen
// is read again, what is not is read when it next shows.
import { QueryClient, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import { type MethodInput, type MethodName, type MethodOutput } from '../../shared/api.js';
import { sapa } from './sapa.js';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Core answers from the local cache: fresh until core says the data changed.
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
      // A refused or not-found call will not succeed by asking again; OFFLINE is retried by
      // the next data.changed or by the screen's retry button.
      retry: false,
    },
  },
});

export function coreKey<M extends MethodName>(method: M, input: MethodInput<M>): readonly [M, MethodInput<M>] {
  return [method, input] as const;
}

/** A core call as a query, keyed by method and input. */
export function useCoreQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options: Omit<UseQueryOptions<MethodOutput<M>, Error, MethodOutput<M>, readonly [M, MethodInput<M>]>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery({
    queryKey: coreKey(method, input),
    queryFn: () => sapa().call(method, input),
    ...options,
  });
}

/** Re-read everything derived from core's data (after a write, or when a pull changed rows). */
export function invalidateCoreData(): Promise<void> {
  return queryClient.invalidateQueries();
}

/** Re-read the queries of one method (all inputs). */
export function invalidateMethod(method: MethodName): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: [method] });
}

export function onDataChanged(): () => void {
  return sapa().on('data.changed', () => void invalidateCoreData());
}
