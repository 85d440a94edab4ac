// The renderer's one logger: DevTools console in the browser, prefixed so that lines from
// the UI can be told apart from core's log lines forwarded to the same console.
type Level = 'debug' | 'info' | 'warn' | 'error';

function write(level: Level, message: string, detail?: unknown): void {
  const line = `[sapa:renderer] ${message}`;
  // eslint-disable-next-line no-console -- this module is the console's one user: the sink of every renderer log line
  const sink = console[level];
  if (detail === undefined) sink(line);
  else sink(line, detail);
}

export const logger = {
  debug: (message: string, detail?: unknown) => write('debug', message, detail),
  info: (message: string, detail?: unknown) => write('info', message, detail),
  warn: (message: string, detail?: unknown) => write('warn', message, detail),
  error: (message: string, detail?: unknown) => write('error', message, detail),
};
