// Puts a finished recording on the server the way the desktop does: a tus upload with the
// recording's metadata, as the signed-in agent (who may then play it, as may leads).
import { Upload } from 'tus-js-client';

export async function uploadRecording(
  serverUrl: string, sessionToken: string, recordingId: string, data: Buffer, durationMs: number,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    new Upload(data, {
      endpoint: `${serverUrl}/api/v1/recordings/uploads`,
      headers: { Authorization: `Bearer ${sessionToken}` },
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [],
      metadata: { recordingId, durationMs: String(durationMs), pauses: '[]', mime: 'audio/webm' },
      onSuccess: () => resolve(),
      onError: reject,
    }).start();
  });
}

/** tus's Upload-Metadata header: `key base64(value)` pairs. */
export function tusMetadata(values: Record<string, string>): string {
  return Object.entries(values).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');
}

export interface RawTusAnswer { status: number; headers: Headers; body: string }

/**
 * One tus request by hand, for what a well-behaved client never sends (a second create of an
 * id, an append after the end, someone else's append, a DELETE).
 */
export async function tusRequest(
  serverUrl: string, token: string | null, method: 'POST' | 'PATCH' | 'HEAD' | 'DELETE' | 'OPTIONS',
  options: { recordingId?: string; offset?: number; body?: Buffer; length?: number; metadata?: Record<string, string> } = {},
): Promise<RawTusAnswer> {
  const base = `${serverUrl}/api/v1/recordings/uploads`;
  const url = method === 'POST' || options.recordingId === undefined ? base : `${base}/${options.recordingId}`;
  const headers: Record<string, string> = { 'tus-resumable': '1.0.0' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (method === 'POST') {
    headers['upload-length'] = String(options.length ?? options.body?.length ?? 0);
    headers['upload-metadata'] = tusMetadata({
      recordingId: options.recordingId ?? '', durationMs: '1000', pauses: '[]', mime: 'audio/webm', ...options.metadata,
    });
  }
  if (options.offset !== undefined) headers['upload-offset'] = String(options.offset);
  if (options.body) headers['content-type'] = 'application/offset+octet-stream';
  const res = await fetch(url, { method, headers, ...(options.body ? { body: new Uint8Array(options.body) } : {}) });
  return { status: res.status, headers: res.headers, body: method === 'HEAD' ? '' : await res.text() };
}
