-- Recordings are evidence: a finished recording's checksum is kept so playback can prove
-- the bytes are the ones uploaded (src/server/recordings/integrity.ts, decision 0010).
-- sha256 / size_bytes: the file as it is served (after the rewrite that makes it seekable);
-- upload_sha256 / upload_size_bytes: the file exactly as the desktop uploaded it. A file
-- matching either is intact (a crash between the rewrite's rename and its row update
-- leaves the uploaded bytes on disk). Rows finished before this migration have none: they
-- are sealed at their first play.
ALTER TABLE recordings
  ADD COLUMN sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  ADD COLUMN upload_sha256 text CHECK (upload_sha256 ~ '^[0-9a-f]{64}$'),
  ADD COLUMN upload_size_bytes bigint;
-- The retention purge selects by age.
CREATE INDEX recordings_created_at ON recordings (created_at);
-- An upload is created only by the agent whose call it is: the check looks the recording
-- up among call interactions.
CREATE INDEX interactions_recording ON interactions (recording_id) WHERE recording_id IS NOT NULL;
