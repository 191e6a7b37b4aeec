// Parsing commit, tag and tree objects (all bounded by the size cap of the object read).
import { OID_RE } from './objects.js';

export interface Commit {
  tree: string;
  parents: string[];
  /** Author time (seconds since the epoch) and time-zone offset ("+0100"). */
  authorTime: number;
  authorTz: string;
  committerTime: number;
}

const IDENT_TIME = / (-?\d{1,15}) ([+-]\d{4})$/;

/** Parses a commit's header; null when it has no valid tree line. */
export function parseCommit(data: Buffer): Commit | null {
  const end = data.indexOf('\n\n');
  const head = data.toString('utf8', 0, end < 0 ? data.length : end);
  let tree = '';
  const parents: string[] = [];
  let authorTime = 0;
  let authorTz = '+0000';
  let committerTime = 0;
  for (const line of head.split('\n')) {
    if (line.startsWith('tree ')) tree = line.slice(5);
    else if (line.startsWith('parent ')) parents.push(line.slice(7));
    else if (line.startsWith('author ')) {
      const m = IDENT_TIME.exec(line);
      if (m) {
        authorTime = Number(m[1]);
        authorTz = m[2];
      }
    } else if (line.startsWith('committer ')) {
      const m = IDENT_TIME.exec(line);
      if (m) committerTime = Number(m[1]);
    } else if (line.startsWith(' ')) continue; // continuation of a multi-line header (gpgsig)
  }
  if (!OID_RE.test(tree) || !parents.every((p) => OID_RE.test(p))) return null;
  return { tree, parents, authorTime, authorTz, committerTime };
}

/** `%aI`: strict ISO 8601 in the author's own time zone, e.g. 2024-01-02T03:04:05+01:00. */
export function isoDate(time: number, tz: string): string {
  const sign = tz[0] === '-' ? -1 : 1;
  const minutes = sign * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(3, 5)));
  const d = new Date((time + minutes * 60) * 1000);
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString().slice(0, 19);
  return `${iso}${sign < 0 ? '-' : '+'}${tz.slice(1, 3)}:${tz.slice(3, 5)}`;
}

/** The object a tag points to. */
export function parseTag(data: Buffer): { object: string; type: string } | null {
  const head = data.toString('utf8', 0, Math.min(data.length, 4096));
  const o = /^object ([0-9a-f]{40})$/m.exec(head);
  const t = /^type (\w+)$/m.exec(head);
  return o ? { object: o[1], type: t?.[1] ?? '' } : null;
}

export interface TreeEntry {
  mode: string;
  name: string;
  oid: string;
}

/** Parses a tree object ("<mode> <name>\0<20-byte oid>" entries); null when it is malformed. */
export function parseTree(data: Buffer): TreeEntry[] | null {
  const out: TreeEntry[] = [];
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    const nul = sp < 0 ? -1 : data.indexOf(0, sp);
    if (sp < 0 || nul < 0 || nul + 21 > data.length || sp - i > 7) return null;
    out.push({ mode: data.toString('latin1', i, sp), name: data.toString('utf8', sp + 1, nul), oid: data.toString('hex', nul + 1, nul + 21) });
    i = nul + 21;
  }
  return out;
}

export const isTreeMode = (m: string) => m === '40000' || m === '040000';
export const isRegularFileMode = (m: string) => m === '100644' || m === '100755' || m === '100664';
