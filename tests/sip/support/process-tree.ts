// Processes with their children, for tests that crash something (kill -9 of a Kamailio and
// its forked workers, of a desktop's tsx launcher and the node process it runs).
import { execFileSync } from 'node:child_process';

/** The pids of a process and its descendants (Kamailio forks its workers), from /proc. */
export function processTree(root: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid === undefined || ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const tree: number[] = [];
  const walk = (pid: number) => { tree.push(pid); for (const c of children.get(pid) ?? []) walk(c); };
  walk(root);
  return tree;
}

/** kill -9 of a process and every descendant (a crash, not a clean stop). */
export function killTree(root: number): void {
  for (const pid of processTree(root)) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}
