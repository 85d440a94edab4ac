// electron-updater's own code, run in Node against our feed: its generic provider
// (GenericProvider: fetches latest.yml, parseUpdateInfo, resolveFiles) and its differential
// downloader (GenericDifferentialDownloader: one multi-range request, answered as
// multipart/byteranges and split by its DataSplitter). Nothing here imports electron; the
// HTTP executor is builder-util-runtime's HttpExecutor over Node's http, as electron-builder's
// own tests do it.
import { createHash } from 'node:crypto';
import { type ClientRequest, request as httpRequest, type RequestOptions } from 'node:http';
import { URL } from 'node:url';
import { type BlockMap, CancellationToken, HttpExecutor, type UpdateInfo } from 'builder-util-runtime';
import { GenericDifferentialDownloader } from 'electron-updater/out/differentialDownloader/GenericDifferentialDownloader.js';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider.js';

class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return httpRequest(options, callback);
  }
}

export const executor = new NodeHttpExecutor();

const quiet = { info() {}, warn() {}, error() {}, debug: undefined };

/** What the desktop's updater would see at `feedBase` (…/updates/feed/<installId>/) on `platform`. */
export async function checkFeed(feedBase: string, platform: 'win32' | 'darwin' | 'linux' = 'win32'): Promise<{
  info: UpdateInfo & { sapaMandatoryAfter?: string };
  files: { url: URL; sha512: string | undefined; size: number | undefined }[];
}> {
  const updater = { channel: null, isAddNoCacheQuery: false } as never;
  const provider = new GenericProvider({ provider: 'generic', url: feedBase }, updater, {
    isUseMultipleRangeRequest: true, platform, executor,
  } as never);
  const info = await provider.getLatestVersion();
  const files = info.files.length === 0 ? [] : provider.resolveFiles(info).map((f) => ({ url: f.url, sha512: f.info.sha512, size: f.info.size }));
  return { info, files };
}

/** A blockmap as electron-builder's app-builder makes it (checksums of content-defined chunks; here fixed chunks). */
export function blockMapOf(bytes: Buffer, chunk: number): BlockMap {
  const checksums: string[] = [];
  const sizes: number[] = [];
  for (let at = 0; at < bytes.length; at += chunk) {
    const part = bytes.subarray(at, Math.min(bytes.length, at + chunk));
    checksums.push(createHash('sha256').update(part).digest('base64'));
    sizes.push(part.length);
  }
  return { version: '2', files: [{ name: 'file', offset: 0, checksums, sizes }] };
}

/** Downloads `newUrl` differentially from `oldFile`, as the updater does; writes `newFile`. */
export async function differentialDownload(args: {
  newUrl: string; oldFile: string; newFile: string; size: number; sha512: string; oldBlockMap: BlockMap; newBlockMap: BlockMap;
}): Promise<void> {
  const downloader = new GenericDifferentialDownloader({ size: args.size, sha512: args.sha512 } as never, executor, {
    newUrl: new URL(args.newUrl), oldFile: args.oldFile, newFile: args.newFile, logger: quiet, requestHeaders: null,
    isUseMultipleRangeRequest: true, cancellationToken: new CancellationToken(),
  });
  await downloader.download(args.oldBlockMap, args.newBlockMap);
}
