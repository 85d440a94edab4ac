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
