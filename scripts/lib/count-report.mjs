#!/usr/bin/env node
// Reads one test runner's JSON report and prints "passed failed skipped" on one line.
// Exits 2 (printing why on stderr) when the report is missing, cut off or not the shape
// that runner writes, so the caller can count the layer as failed instead of as empty.
//   node scripts/lib/count-report.mjs vitest|playwright <report.json>
import { readFileSync } from 'node:fs';

const [kind, file] = process.argv.slice(2);

function fail(why) {
  process.stderr.write(`report ${file}: ${why}\n`);
  process.exit(2);
}

const isCount = (n) => Number.isInteger(n) && n >= 0;

let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(error.code === 'ENOENT' ? 'missing (the runner wrote none)' : `unreadable (${error.message})`);
}

if (kind === 'vitest') {
  const { numPassedTests: p, numFailedTests: f, numPendingTests: s, numTodoTests: t, numFailedTestSuites: fs } = report;
  if (![p, f, s, fs].every(isCount)) fail('not a vitest JSON report');
  // A file that fails to import or a hook that throws fails its suite without failing a test.
  const failed = f + (f === 0 ? fs : 0);
  console.log(`${p} ${failed} ${s + (isCount(t) ? t : 0)}`);
} else if (kind === 'playwright') {
  const stats = report.stats;
  if (!stats || ![stats.expected, stats.unexpected, stats.flaky, stats.skipped].every(isCount)) fail('not a Playwright JSON report');
  // Errors outside any test (global setup, a spec that fails to load) are listed apart.
  const outside = Array.isArray(report.errors) ? report.errors.length : 0;
  const failed = stats.unexpected + stats.flaky + (stats.unexpected + stats.flaky === 0 ? outside : 0);
  console.log(`${stats.expected} ${failed} ${stats.skipped}`);
} else {
  fail(`unknown runner '${kind}'`);
}
