// Search-as-you-type: each query runs after a short pause in typing, and an answer that
// arrives after a newer query was sent is dropped so results never jump backwards.
import { create } from 'zustand';
import { type CustomerSummary } from '../../../shared/domain.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { sapa } from '../../platform/sapa.js';
import { errorCodeOf } from '../../platform/errors.js';

export const SEARCH_DEBOUNCE_MS = 100;
const RESULT_LIMIT = 20;

interface SearchState {
  query: string;
  results: CustomerSummary[];
  loading: boolean;
  error: ErrorCode | null;
  /** Index of the highlighted option, -1 for none. */
  active: number;
  setQuery(query: string): void;
  move(delta: number): void;
  setActive(index: number): void;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let sequence = 0;

export const useSearchStore = create<SearchState>()((set, get) => {
  async function run(query: string, id: number): Promise<void> {
    try {
      const { results } = await sapa().call('customers.search', { query, limit: RESULT_LIMIT });
      if (id === sequence) set({ results, loading: false, error: null, active: results.length > 0 ? 0 : -1 });
    } catch (error) {
      if (id === sequence) set({ results: [], loading: false, error: errorCodeOf(error), active: -1 });
    }
  }

  return {
    query: '',
    results: [],
    loading: false,
    error: null,
    active: -1,
    setQuery(query) {
      set({ query });
      if (timer) clearTimeout(timer);
      const id = ++sequence;
      if (query.trim() === '') {
        set({ results: [], loading: false, error: null, active: -1 });
        return;
      }
      set({ loading: true });
      timer = setTimeout(() => void run(query.trim(), id), SEARCH_DEBOUNCE_MS);
    },
    move(delta) {
      const { results, active } = get();
      if (results.length === 0) return;
      const next = active < 0 ? (delta > 0 ? 0 : results.length - 1) : (active + delta + results.length) % results.length;
      set({ active: next });
    },
    setActive(index) {
      set({ active: index });
    },
  };
});
