// The seam between core, which decides, and the shell, which carries out: core asks an
// UpdaterPort to check, download and install, and hears back what happened. The Electron
// shell implements it with electron-updater (src/main/electron/updater.ts); the browser
// host with a stand-in that reads the same feed (src/main/host/feed-updater.ts); unit
// tests with a fake.

/** A release the feed offers (electron-updater's UpdateInfo, the part core needs). */
export interface OfferedUpdate {
  version: string;
  /** `sapaMandatoryAfter` of the feed (ISO timestamp), null for an ordinary update. */
  mandatoryAfter: string | null;
}

export type UpdaterPortEvent =
  | { type: 'checking' }
  | { type: 'available'; update: OfferedUpdate }
  | { type: 'not-available'; version: string | null }
  | { type: 'progress'; percent: number }
  /** `source`: the host the installer came from (the server, or a branch's mirror). */
  | { type: 'downloaded'; update: OfferedUpdate; source: string | null }
  | { type: 'error'; message: string };

export interface UpdaterPort {
  /** Reads the feed at `feedUrl` (generic provider: `${feedUrl}latest.yml` …); answers through events. */
  check(feedUrl: string): Promise<void>;
  /** Downloads the update the last check offered (sha512 verified); answers through events. */
  download(): Promise<void>;
  /** Restarts into the downloaded update. Electron quits here; the browser host only records it. */
  install(): void;
  /** Whether quitting the app may install the downloaded update (electron-updater's autoInstallOnAppQuit). */
  setInstallOnQuit(allowed: boolean): void;
  /** Subscribes to the port's events; answers the unsubscribe. */
  onEvent(listener: (event: UpdaterPortEvent) => void): () => void;
}
