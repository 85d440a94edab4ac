// Releases, rings and the per-desktop update feed (issue 12): the HTTP routes and their
// schemas, spread into ROUTES (src/shared/routes.ts). IT uploads what electron-builder made
// (the installers and latest*.yml) or registers files on an internal file server, offers a
// release to a ring of desktops, widens, pauses, pins, rolls back; each desktop's
// electron-updater reads a generic-provider feed at /updates/feed/<installId>/latest.yml.
// See docs/decisions/0019-staged-updates.md.
import { z } from 'zod';

/** SemVer 2.0 without build metadata (what electron-builder writes as `version`). */
export const SEMVER_PATTERN = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
export const Semver = z.string().trim().max(64).regex(SEMVER_PATTERN, 'a version like 1.4.0 or 1.4.0-beta.1');

/**
 * A file name a release may hold: one path segment (no slash, no backslash, no "..", no
 * leading dot), printable ASCII as electron-builder names its artifacts.
 */
export const RELEASE_FILE_NAME = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9 ._+()-]{0,199}$/;
export const ReleaseFileName = z.string().regex(RELEASE_FILE_NAME, 'one file name: letters, digits, space, . _ + ( ) -, no ".." and no slash');

/** The channel files electron-updater's generic provider reads, one per platform. */
export const CHANNEL_FILES = { 'latest.yml': 'latest', 'latest-mac.yml': 'latest-mac', 'latest-linux.yml': 'latest-linux' } as const;
export const ChannelFile = z.enum(['latest.yml', 'latest-mac.yml', 'latest-linux.yml']);
export type ChannelFile = z.infer<typeof ChannelFile>;
export const Channel = z.enum(['latest', 'latest-mac', 'latest-linux']);
export type Channel = z.infer<typeof Channel>;

/** Largest latest*.yml accepted: electron-builder's are well under 2 KB. */
export const MAX_CHANNEL_YML = 64 * 1024;

export const ReleaseState = z.enum(['draft', 'ready', 'withdrawn']);
export type ReleaseState = z.infer<typeof ReleaseState>;

export const ReleaseFile = z.object({
  channel: Channel,
  name: z.string(),
  /** base64 of the sha512 digest, as electron-builder writes it. */
  sha512: z.string(),
  size: z.number(),
  /** True once the uploaded bytes matched sha512 and size (always true for a URL release). */
  stored: z.boolean(),
});
export type ReleaseFile = z.infer<typeof ReleaseFile>;

export const Release = z.object({
  id: z.uuid(),
  version: z.string(),
  /** The version the installed app reports: `version`, or the older build's for a rollback re-offer. */
  buildVersion: z.string(),
  source: z.enum(['upload', 'url']),
  baseUrl: z.string().nullable(),
  /** A rollback release serves the files of this release. */
  filesOf: z.uuid().nullable(),
  notes: z.string(),
  state: ReleaseState,
  createdAt: z.string(),
  files: z.array(ReleaseFile),
  blockmaps: z.array(z.string()),
});
export type Release = z.infer<typeof Release>;

const HttpUrl = z.url({ protocol: /^https?$/ }).max(500);

/** POST /admin/releases: the yml files electron-builder made; `baseUrl` registers files that live on a file server. */
export const CreateReleaseRequest = z.object({
  channels: z.array(z.object({ file: ChannelFile, content: z.string().min(1).max(MAX_CHANNEL_YML) }).strict())
    .min(1).max(3)
    .refine((c) => new Set(c.map((x) => x.file)).size === c.length, 'each channel file once'),
  notes: z.string().max(10_000).default(''),
  baseUrl: HttpUrl.optional(),
}).strict();
export type CreateReleaseRequest = z.input<typeof CreateReleaseRequest>;

export const RingOffer = z.object({
  id: z.uuid(), releaseId: z.uuid(), version: z.string(), offeredAt: z.string(), pausedAt: z.string().nullable(),
});
export const Ring = z.object({
  id: z.uuid(),
  name: z.string(),
  position: z.number(),
  siteCodes: z.array(z.string()),
  teamIds: z.array(z.uuid()),
  installIds: z.array(z.uuid()),
  percent: z.number(),
  pinnedReleaseId: z.uuid().nullable(),
  pinnedVersion: z.string().nullable(),
  /** The ring's current (newest) offer. */
  offer: RingOffer.nullable(),
  /** Desktops this ring takes now, counted per reported app version. */
  desktops: z.array(z.object({ appVersion: z.string(), count: z.number() })),
});
export type Ring = z.infer<typeof Ring>;

export const RingRequest = z.object({
  name: z.string().trim().min(1).max(60),
  position: z.number().int().min(0).max(1000),
  siteCodes: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/)).max(200).default([]),
  teamIds: z.array(z.uuid()).max(200).default([]),
  installIds: z.array(z.uuid()).max(5000).default([]),
  percent: z.number().min(0).max(100).multipleOf(0.01).default(0),
}).strict();
export type RingRequest = z.input<typeof RingRequest>;

export const OfferRequest = z.object({ releaseId: z.uuid() }).strict();
export const PauseRequest = z.object({ paused: z.boolean() }).strict();
/** Pin the ring to a release, or unpin (null). */
export const PinRequest = z.object({ releaseId: z.uuid().nullable() }).strict();
/** Offer the good release's build again as `version` (higher than anything offered) to every ring on a newer one. */
export const RollbackRequest = z.object({ goodReleaseId: z.uuid(), version: Semver }).strict();
export const RollbackAnswer = z.object({ release: Release, rings: z.array(z.uuid()) });

export const UpdatePolicy = z.object({
  /** Desktops below this version must update (a security fix); null: none. */
  minimumVersion: Semver.nullable(),
  /** Hours after the offer (or after the minimum was set) before the update is forced. */
  graceHours: z.number().int().min(0).max(2160),
}).strict();
export type UpdatePolicy = z.infer<typeof UpdatePolicy>;

export const SiteCodeParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a site code') });
export const MirrorRequest = z.object({ url: HttpUrl.nullable() }).strict();
export const SiteMirror = z.object({ siteCode: z.string(), url: z.string().nullable() });

const IdParams = z.object({ id: z.uuid() });
export const ReleaseFileParams = z.object({ id: z.uuid(), name: ReleaseFileName });
/** The feed: `:id` is the desktop's install id, `:name` a channel file, an installer or its blockmap. */
export const FeedParams = z.object({ id: z.uuid(), name: ReleaseFileName });

export const RELEASE_ROUTES = {
  'releases.list': { method: 'GET', path: '/admin/releases', access: 'releases.manage', answer: z.object({ releases: z.array(Release) }) },
  'releases.create': {
    method: 'POST', path: '/admin/releases', access: 'releases.manage', body: CreateReleaseRequest, answer: Release, status: 201,
  },
  /** One file a channel names (or its .blockmap), streamed; refused unless sha512 and size match the yml. */
  'releases.upload': {
    method: 'PUT', path: '/admin/releases/:id/files/:name', access: 'releases.manage', params: ReleaseFileParams, body: 'bytes',
    answer: Release,
  },
  'releases.rings': { method: 'GET', path: '/admin/releases/rings', access: 'releases.manage', answer: z.object({ rings: z.array(Ring) }) },
  'releases.createRing': {
    method: 'POST', path: '/admin/releases/rings', access: 'releases.manage', body: RingRequest, answer: Ring, status: 201,
  },
  'releases.updateRing': {
    method: 'PUT', path: '/admin/releases/rings/:id', access: 'releases.manage', params: IdParams, body: RingRequest, answer: Ring,
  },
  'releases.offer': {
    method: 'POST', path: '/admin/releases/rings/:id/offer', access: 'releases.manage', params: IdParams, body: OfferRequest, answer: Ring,
  },
  /** Offer this ring's current release to the next ring (by position). Answers the next ring. */
  'releases.widen': { method: 'POST', path: '/admin/releases/rings/:id/widen', access: 'releases.manage', params: IdParams, answer: Ring },
  'releases.pause': {
    method: 'POST', path: '/admin/releases/rings/:id/pause', access: 'releases.manage', params: IdParams, body: PauseRequest, answer: Ring,
  },
  'releases.pin': {
    method: 'PUT', path: '/admin/releases/rings/:id/pin', access: 'releases.manage', params: IdParams, body: PinRequest, answer: Ring,
  },
  'releases.rollback': {
    method: 'POST', path: '/admin/releases/rollback', access: 'releases.manage', body: RollbackRequest, answer: RollbackAnswer, status: 201,
  },
  'releases.policy': { method: 'GET', path: '/admin/releases/policy', access: 'releases.manage', answer: UpdatePolicy },
  'releases.setPolicy': { method: 'PUT', path: '/admin/releases/policy', access: 'releases.manage', body: UpdatePolicy, answer: UpdatePolicy },
  'releases.setMirror': {
    method: 'PUT', path: '/admin/releases/mirrors/:id', access: 'releases.manage', params: SiteCodeParams, body: MirrorRequest,
    answer: SiteMirror,
  },
  /**
   * electron-updater's generic-provider feed of one desktop: latest.yml / latest-mac.yml /
   * latest-linux.yml, the files they name and their .blockmap, with HTTP Range (one or many
   * ranges). Public: the desktop checks before sign-in (docs/security.md, "Update feed").
   */
  'updates.feed': { method: 'GET', path: '/updates/feed/:id/:name', access: 'public', params: FeedParams, answer: 'file' },
} as const;
