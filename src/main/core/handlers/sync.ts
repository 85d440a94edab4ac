// sync.*, notes.*, callbacks.*: see src/main/core/sync/sync-handlers.ts.
export { syncHandlers } from '../sync/sync-handlers.js';
