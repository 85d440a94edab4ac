// The test runner's own honesty (scripts/lib/layers.sh): a layer that crashes, writes a
// cut-off report, leaves a stale one, skips a test or exits non-zero with nothing failed
// must turn the run red with that layer named; only a clean layer reads green.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const LAYERS = path.resolve(import.meta.dirname, '../../../scripts/lib/layers.sh');
const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const vitestReport = (passed: number, failed: number, pending = 0, failedSuites = 0): string => JSON.stringify({
  numPassedTests: passed, numFailedTests: failed, numPendingTests: pending, numTodoTests: 0,
  numFailedTestSuites: failedSuites, numTotalTests: passed + failed + pending, testResults: [],
});
const playwrightReport = (expected: number, unexpected: number, skipped = 0, errors: unknown[] = []): string =>
  JSON.stringify({ stats: { expected, unexpected, flaky: 0, skipped }, errors, suites: [] });

interface Run { status: number; out: string; closing: string }

/** Runs the given layers (bash lines using runner_layer/step) and then summary. */
function run(lines: string[]): Run {
  const script = [`source ${JSON.stringify(LAYERS)}`, ...lines, 'summary'].join('\n');
  try {
    const out = execFileSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, out, closing: out.trim().split('\n').at(-1) ?? '' };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { status: e.status, out: e.stdout, closing: e.stdout.trim().split('\n').at(-1) ?? '' };
  }
}

/** A fake runner: writes `report` (if given) to `file`, then exits with `rc`. */
function fake(name: string, file: string, rc: number, report?: string): string {
  const body = report === undefined ? '' : `cat > ${file} <<'JSON'\n${report}\nJSON\n`;
  const script = path.join(dir, `${name}.sh`);
  writeFileSync(script, `${body}exit ${rc}\n`);
  return `bash ${JSON.stringify(script)}`;
}

describe('the test runner counts only what each layer proved', () => {
  it('a clean vitest and Playwright layer read green with their counts summed', () => {
    const r = run([
      `runner_layer unit vitest v.json ${fake('ok-v', 'v.json', 0, vitestReport(5, 0))}`,
      `runner_layer sip playwright p.json ${fake('ok-p', 'p.json', 0, playwrightReport(3, 0))}`,
      'step typecheck true',
    ]);
    expect(r.closing).toBe('9 passed, 0 failed');
    expect(r.status).toBe(0);
  });

  it('a layer that crashes before writing a report is a failure, named', () => {
    const r = run([`runner_layer "vitest faults" vitest v.json ${fake('crash', 'v.json', 1)}`]);
    expect(r.closing).toBe('0 passed, 1 failed');
    expect(r.out).toContain('failed layer: vitest faults (no readable report, exit 1)');
    expect(r.status).not.toBe(0);
  });

  it('a cut-off report is a failure, not "N passed, 0 failed"', () => {
    const r = run([`runner_layer "vitest unit" vitest v.json ${fake('cut', 'v.json', 1, vitestReport(40, 0).slice(0, 30))}`]);
    expect(r.closing).toBe('0 passed, 1 failed');
    expect(r.out).toContain('vitest unit (no readable report');
    expect(r.status).not.toBe(0);
  });

  it('a stale report from an earlier run is not re-counted when the runner writes none', () => {
    writeFileSync(path.join(dir, 'e2e.json'), playwrightReport(12, 0));
    const r = run([`runner_layer "playwright e2e" playwright e2e.json ${fake('crash-pw', 'e2e.json', 1)}`]);
    expect(r.closing).toBe('0 passed, 1 failed');
    expect(r.status).not.toBe(0);
  });

  it('a skipped test fails its layer and shows in the closing line', () => {
    const r = run([`runner_layer "vitest integration" vitest v.json ${fake('skip', 'v.json', 0, vitestReport(10, 0, 3))}`]);
    expect(r.closing).toBe('10 passed, 1 failed, 3 skipped');
    expect(r.out).toContain('vitest integration (3 skipped)');
    expect(r.status).not.toBe(0);
  });

  it('a skipped Playwright test fails the layer too', () => {
    const r = run([`runner_layer sip playwright p.json ${fake('skip-pw', 'p.json', 0, playwrightReport(5, 0, 1))}`]);
    expect(r.closing).toBe('5 passed, 1 failed, 1 skipped');
    expect(r.status).not.toBe(0);
  });

  it('a non-zero exit with no failed test counts one failure', () => {
    const r = run([`runner_layer "vitest unit" vitest v.json ${fake('exit', 'v.json', 1, vitestReport(7, 0))}`]);
    expect(r.closing).toBe('7 passed, 1 failed');
    expect(r.out).toContain('exit 1 with no failed test');
    expect(r.status).not.toBe(0);
  });

  it('failed tests are counted one by one', () => {
    const r = run([`runner_layer sip playwright p.json ${fake('fail-pw', 'p.json', 1, playwrightReport(4, 2))}`]);
    expect(r.closing).toBe('4 passed, 2 failed');
    expect(r.status).not.toBe(0);
  });

  it('a suite that failed to load (a vitest file that throws on import) fails the layer', () => {
    const r = run([`runner_layer "vitest unit" vitest v.json ${fake('import', 'v.json', 1, vitestReport(7, 0, 0, 1))}`]);
    expect(r.closing).toBe('7 passed, 1 failed');
    expect(r.status).not.toBe(0);
  });

  it('a Playwright error outside any test (global setup) fails the layer', () => {
    const r = run([`runner_layer e2e playwright p.json ${fake('setup', 'p.json', 1, playwrightReport(0, 0, 0, [{ message: 'setup' }]))}`]);
    expect(r.closing).toBe('0 passed, 1 failed');
    expect(r.status).not.toBe(0);
  });

  it('a report of the wrong shape is unreadable', () => {
    const r = run([`runner_layer unit vitest v.json ${fake('shape', 'v.json', 0, '{"stats":{}}')}`]);
    expect(r.closing).toBe('0 passed, 1 failed');
    expect(r.status).not.toBe(0);
  });

  it('a failing step fails the run', () => {
    const r = run(['step typecheck false', 'step lint true']);
    expect(r.closing).toBe('1 passed, 1 failed');
    expect(r.out).toContain('failed layer: typecheck (exit 1)');
    expect(r.status).not.toBe(0);
  });
});
