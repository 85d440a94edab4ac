// One CSV import at a time: upload in chunks (admin.import.begin/chunk/finish), then poll
// admin.import.status until the server says done or failed.
import { create } from 'zustand';
import { type ImportStatus } from '../../../shared/http.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { sapa } from '../../platform/sapa.js';
import { errorCodeOf } from '../../platform/errors.js';
import { downloadText } from '../../platform/download.js';
import { readTextChunks } from './read-chunks.js';

export const IMPORT_POLL_MS = 500;

/** Customers, or a CSV feed of the systems of record (docs/integrations.md). */
export const IMPORT_KINDS = ['customers', 'orders', 'invoices', 'contracts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

interface ImportState {
  phase: 'idle' | 'uploading' | 'importing' | 'done' | 'failed';
  fileSize: number;
  bytesUploaded: number;
  status: ImportStatus | null;
  error: { code: ErrorCode; message: string } | null;
  start(file: File, kind?: ImportKind): Promise<void>;
  downloadRejects(): Promise<void>;
}

let pollTimer: ReturnType<typeof setTimeout> | null = null;

function failure(error: unknown): { code: ErrorCode; message: string } {
  return { code: errorCodeOf(error), message: error instanceof Error ? error.message : String(error) };
}

export const useImportStore = create<ImportState>()((set, get) => {
  function poll(importId: string): void {
    pollTimer = setTimeout(async () => {
      try {
        const status = await sapa().call('admin.import.status', { importId });
        set({ status });
        if (status.state === 'running') return poll(importId);
        set({ phase: status.state === 'done' ? 'done' : 'failed' });
      } catch (error) {
        set({ phase: 'failed', error: failure(error) });
      }
    }, IMPORT_POLL_MS);
  }

  return {
    phase: 'idle',
    fileSize: 0,
    bytesUploaded: 0,
    status: null,
    error: null,
    async start(file, kind = 'customers') {
      if (get().phase === 'uploading' || get().phase === 'importing') return;
      if (pollTimer) clearTimeout(pollTimer);
      set({ phase: 'uploading', fileSize: file.size, bytesUploaded: 0, status: null, error: null });
      try {
        const { uploadId } = await sapa().call('admin.import.begin', { fileName: file.name, size: file.size, kind });
        for await (const chunk of readTextChunks(file)) {
          if (chunk.text.length > 0) await sapa().call('admin.import.chunk', { uploadId, data: chunk.text });
          set({ bytesUploaded: chunk.bytesRead });
        }
        const status = await sapa().call('admin.import.finish', { uploadId });
        set({ status, phase: status.state === 'running' ? 'importing' : status.state === 'done' ? 'done' : 'failed' });
        if (status.state === 'running') poll(status.id);
      } catch (error) {
        set({ phase: 'failed', error: failure(error) });
      }
    },
    async downloadRejects() {
      const importId = get().status?.id;
      if (!importId) return;
      try {
        const { fileName, csv } = await sapa().call('admin.import.rejectsCsv', { importId });
        downloadText(fileName, csv);
      } catch (error) {
        set({ error: failure(error) });
      }
    },
  };
});
