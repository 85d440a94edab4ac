// Uploading a release from the files IT picked: the latest*.yml files create the release
// (their text goes as JSON), then every other picked file is sent in chunks and checked by
// the server against the yml. With a file-server URL only the ymls are sent.
import { type ChannelFile, type Release } from '../../../shared/releases-routes.js';
import { sapa } from '../../platform/sapa.js';
import { readBase64Chunks } from './read-base64-chunks.js';

export const CHANNEL_FILE_NAMES: readonly ChannelFile[] = ['latest.yml', 'latest-mac.yml', 'latest-linux.yml'];

export interface UploadProgress { file: string; bytes: number; total: number; done: number; files: number }

export function isChannelFile(name: string): name is ChannelFile {
  return (CHANNEL_FILE_NAMES as readonly string[]).includes(name);
}

export async function uploadRelease(
  picked: readonly File[], options: { notes: string; baseUrl: string | null }, onProgress: (p: UploadProgress) => void,
): Promise<Release> {
  const ymls = picked.filter((f) => isChannelFile(f.name));
  const rest = options.baseUrl ? [] : picked.filter((f) => !isChannelFile(f.name));
  const channels = await Promise.all(ymls.map(async (f) => ({ file: f.name as ChannelFile, content: await f.text() })));
  let release = await sapa().call('admin.releases.create', {
    channels, notes: options.notes, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  for (const [index, file] of rest.entries()) {
    const { uploadId } = await sapa().call('admin.releases.uploadBegin', { releaseId: release.id, name: file.name, size: file.size });
    for await (const chunk of readBase64Chunks(file)) {
      await sapa().call('admin.releases.uploadChunk', { uploadId, data: chunk.data });
      onProgress({ file: file.name, bytes: chunk.bytesRead, total: file.size, done: index, files: rest.length });
    }
    release = await sapa().call('admin.releases.uploadFinish', { uploadId });
    onProgress({ file: file.name, bytes: file.size, total: file.size, done: index + 1, files: rest.length });
  }
  return release;
}
