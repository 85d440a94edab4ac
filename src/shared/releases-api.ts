// Desktop API of the Releases screen (/admin/releases, admins: releases.manage), spread
// into `methods` in api.ts. Installers are 100+ MB: the renderer sends each file in base64
// chunks, core appends them to a file in its data folder and streams that file to the
// server on finish (the pattern of the CSV import), so neither side holds it whole.
import { z } from 'zod';
import {
  CreateReleaseRequest, Release, ReleaseFileName, Ring, RingRequest, RollbackAnswer, Semver, SiteMirror, UpdatePolicy,
} from './releases-routes.js';

/** Raw bytes per chunk (base64 on the wire: 4/3 of this). */
export const RELEASE_CHUNK_BYTES = 1024 * 1024;
/** The largest file a release may hold (the server's limit too). */
export const MAX_RELEASE_FILE_BYTES = 4 * 1024 ** 3;

const RingId = z.object({ ringId: z.uuid() });

export const releasesMethods = {
  'admin.releases.list': { input: z.object({}), output: z.object({ releases: z.array(Release) }) },
  'admin.releases.create': { input: CreateReleaseRequest, output: Release },
  'admin.releases.uploadBegin': {
    input: z.object({ releaseId: z.uuid(), name: ReleaseFileName, size: z.number().int().positive().max(MAX_RELEASE_FILE_BYTES) }),
    output: z.object({ uploadId: z.uuid() }),
  },
  'admin.releases.uploadChunk': {
    input: z.object({ uploadId: z.uuid(), data: z.string().max(Math.ceil(RELEASE_CHUNK_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/) }),
    output: z.object({ bytesReceived: z.number().int() }),
  },
  /** Sends the file to the server, which checks sha512 and size against the yml. */
  'admin.releases.uploadFinish': { input: z.object({ uploadId: z.uuid() }), output: Release },
  'admin.releases.rings': { input: z.object({}), output: z.object({ rings: z.array(Ring) }) },
  'admin.releases.saveRing': { input: z.object({ ringId: z.uuid().optional(), ring: RingRequest }), output: Ring },
  'admin.releases.offer': { input: RingId.extend({ releaseId: z.uuid() }), output: Ring },
  'admin.releases.widen': { input: RingId, output: Ring },
  'admin.releases.pause': { input: RingId.extend({ paused: z.boolean() }), output: Ring },
  'admin.releases.pin': { input: RingId.extend({ releaseId: z.uuid().nullable() }), output: Ring },
  'admin.releases.rollback': { input: z.object({ goodReleaseId: z.uuid(), version: Semver }), output: RollbackAnswer },
  'admin.releases.policy': { input: z.object({}), output: UpdatePolicy },
  'admin.releases.setPolicy': { input: UpdatePolicy, output: UpdatePolicy },
  'admin.releases.setMirror': { input: z.object({ siteCode: z.string().min(1).max(40), url: z.string().max(500).nullable() }), output: SiteMirror },
} as const;
