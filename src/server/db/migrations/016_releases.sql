-- Staged desktop updates (issue 12): releases IT uploads (or registers on an internal file
-- server), rings of desktops, which release is offered to which ring, a per-site update
-- mirror, and a mandatory minimum version. The per-desktop electron-updater feed
-- (src/server/updates/feed.ts) reads these with `desktops` (migration 014). See
-- docs/decisions/0019-staged-updates.md.

-- A release: one version, the latest*.yml files electron-builder made for it, and the files
-- they name. build_version is the version the installed app reports (app.getVersion()):
-- equal to version for an ordinary build, the older build's version for a rollback that
-- re-offers an older build under a higher number (decision 0019).
CREATE TABLE releases (
  id uuid PRIMARY KEY,
  version text NOT NULL UNIQUE CHECK (version ~ '^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$'),
  build_version text NOT NULL,
  -- 'upload': files stored on this server; 'url': files on an internal file server at base_url.
  source text NOT NULL CHECK (source IN ('upload', 'url')),
  base_url text,
  -- A rollback release serves the files of this release.
  files_of uuid REFERENCES releases (id),
  notes text NOT NULL DEFAULT '',
  -- draft: files still missing; ready: offerable; withdrawn: a bad release (rolled back).
  state text NOT NULL CHECK (state IN ('draft', 'ready', 'withdrawn')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The latest*.yml files as uploaded (kept verbatim for the record; the feed is written from
-- release_files, so a rollback or a mirror can change version and URLs).
CREATE TABLE release_channels (
  release_id uuid NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('latest', 'latest-mac', 'latest-linux')),
  content text NOT NULL,
  release_date text,
  PRIMARY KEY (release_id, channel)
);

-- Each file a channel names: its sha512 (base64, as electron-builder writes it) and size
-- from the yml; stored_at is set once the uploaded bytes matched both. `extra` keeps the
-- entry's other fields (blockMapSize, isAdminRightsRequired) to hand back to the updater.
CREATE TABLE release_files (
  release_id uuid NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
  channel text NOT NULL,
  name text NOT NULL,
  sha512 text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  extra jsonb NOT NULL DEFAULT '{}',
  position int NOT NULL,
  stored_at timestamptz,
  PRIMARY KEY (release_id, channel, name)
);
CREATE INDEX release_files_name ON release_files (name);

-- Blockmaps (<file>.blockmap) uploaded next to their installer, for differential downloads.
CREATE TABLE release_blockmaps (
  release_id uuid NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
  name text NOT NULL,
  size bigint NOT NULL,
  PRIMARY KEY (release_id, name)
);

-- A ring: desktops by site, by team (of the signed-in user), by explicit install id, or a
-- percentage of the desktops that no earlier ring took (by a stable hash of the install
-- id). A desktop is in the first ring, by position, that takes it.
CREATE TABLE rings (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
  position int NOT NULL UNIQUE,
  site_codes text[] NOT NULL DEFAULT '{}',
  team_ids uuid[] NOT NULL DEFAULT '{}',
  install_ids uuid[] NOT NULL DEFAULT '{}',
  percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  -- Pinned: the ring stays on this release whatever is offered.
  pinned_release_id uuid REFERENCES releases (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A release offered to a ring. The newest offer of a ring is its current one; a paused
-- offer reaches only desktops that had already started on it.
CREATE TABLE release_offers (
  id uuid PRIMARY KEY,
  ring_id uuid NOT NULL REFERENCES rings (id) ON DELETE CASCADE,
  release_id uuid NOT NULL REFERENCES releases (id),
  offered_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  paused_at timestamptz,
  offered_by uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX release_offers_ring ON release_offers (ring_id, offered_at DESC);

-- One row: desktops below minimum_version must update; sapaMandatoryAfter = offer time
-- (or the time the minimum was set, whichever is later) + grace.
CREATE TABLE update_policy (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  minimum_version text,
  grace_hours int NOT NULL DEFAULT 72 CHECK (grace_hours BETWEEN 0 AND 2160),
  set_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO update_policy (id) VALUES (true);

-- A branch on a poor line: its desktops fetch release files from this plain file server.
ALTER TABLE sites ADD COLUMN update_mirror_url text;
