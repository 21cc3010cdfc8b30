/**
 * The server's process tree, read from /proc: the process `startServer` spawned, its descendants (found through
 * /proc/<pid>/task/<tid>/children, recursively), which of them are Node processes (the supervisor and its
 * workers) and which are Chromium renderers (one per PDF page being rendered), and their resident memory.
 */
import fs from 'node:fs';
import path from 'node:path';

export function alive(pid: number): boolean {
  try {
    // a zombie (killed, not yet reaped) still has a /proc entry: it is not alive for us
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      for (const c of fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/)) if (c) out.push(Number(c));
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return out;
}

/** Every descendant of `pid` (not `pid` itself), parents before children. */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const queue = childrenOf(pid);
  while (queue.length) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...childrenOf(p));
  }
  return out;
}

function cmdline(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

export function isNode(pid: number): boolean {
  try {
    const exe = fs.readlinkSync(`/proc/${pid}/exe`);
    return exe === process.execPath || path.basename(exe) === 'node';
  } catch {
    return false;
  }
}

export function isChromiumRenderer(pid: number): boolean {
  return cmdline(pid).includes('--type=renderer');
}

/** Resident memory in KiB (VmRSS), or null when the process is gone. */
export function rssKiB(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export interface ServerProcesses {
  /** Every Node process of the server: the root, a supervisor, its workers (not Chromium). */
  node: number[];
  /**
   * The processes that serve requests: Node processes without Node children. With a supervisor these are its
   * workers; with a plain `next start` it is the one process.
   */
  workers: number[];
  /** Live Chromium renderer processes (one per page being rendered). */
  renderers: number[];
}

export function serverProcesses(root: number): ServerProcesses {
  const all = alive(root) ? [root, ...descendants(root)] : [];
  const node = all.filter(isNode);
  const nodeSet = new Set(node);
  const workers = node.filter((p) => !childrenOf(p).some((c) => nodeSet.has(c)));
  const renderers = all.filter((p) => !nodeSet.has(p) && isChromiumRenderer(p));
  return { node, workers, renderers };
}

/** True when requests are served by workers under a Node parent that can replace them (the supervisor). */
export function hasSupervisor(root: number): boolean {
  const { workers } = serverProcesses(root);
  return workers.length > 0 && !workers.includes(root);
}
