/**
 * Memory of a process and of its descendants, read from /proc (Linux): VmRSS of the process itself,
 * and the summed VmRSS of every process below it (the PDF renderer's Chromium and its helpers).
 */
import fs from 'node:fs';

const KIB = 1024;

/** VmRSS of `pid` in bytes; null when the process is gone. */
export function vmRss(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return m?.[1] ? Number(m[1]) * KIB : null;
  } catch {
    return null;
  }
}

/** Proportional set size of `pid` in bytes (shared pages split among their sharers); null when unreadable. */
export function pss(pid: number): number | null {
  try {
    const m = /^Pss:\s+(\d+)\s+kB$/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m?.[1] ? Number(m[1]) * KIB : null;
  } catch {
    return null;
  }
}

/** The parent pid from /proc/<pid>/stat (the command name may hold spaces and parentheses). */
function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

/** Every process below `root` (children, grandchildren…), found by walking the parent links. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const parent = parentOf(pid);
    if (parent === null) continue;
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const next = children.get(queue.shift() as number) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

export interface MemorySample {
  /** ms since the soak started */
  atMs: number;
  /** the process's own VmRSS, bytes */
  rss: number;
  /** summed VmRSS of its descendants (shared pages counted once per process), bytes */
  childrenRss: number;
  /** summed PSS of its descendants (shared pages split), bytes: what they really hold together */
  childrenPss: number;
  children: number;
}

/** One sample of `pid` and its descendants; null when `pid` is gone. */
export function sampleTree(pid: number, atMs: number): MemorySample | null {
  const rss = vmRss(pid);
  if (rss === null) return null;
  let childrenRss = 0;
  let childrenPss = 0;
  let children = 0;
  for (const child of descendants(pid)) {
    const r = vmRss(child);
    if (r === null) continue; // exited meanwhile, or a zombie (no VmRSS line)
    childrenRss += r;
    childrenPss += pss(child) ?? r;
    children += 1;
  }
  return { atMs, rss, childrenRss, childrenPss, children };
}
