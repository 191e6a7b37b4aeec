// Finding the line of a value in a TOML/JSON text: smol-toml and JSON.parse give no positions, so
// the parsers look the entries up in the text (section headers, keys, quoted strings).

export class Locator {
  readonly lines: string[];
  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }

  /** 0-based index of the header line (`[a.b]` or `[[a.b]]`, spaces and quotes ignored), or -1. */
  header(name: string, from = 0): number {
    const want = name.replace(/["'\s]/g, '');
    for (let i = from; i < this.lines.length; i++) {
      const l = this.lines[i].trim();
      if (!l.startsWith('[')) continue;
      const h = l.replace(/\s*#.*$/, '').replace(/["'\s]/g, '');
      if (h === want) return i;
    }
    return -1;
  }

  /** Every header line equal to `name` (e.g. `[[package]]`), in order. */
  headers(name: string): number[] {
    const out: number[] = [];
    for (let i = this.header(name); i >= 0; i = this.header(name, i + 1)) out.push(i);
    return out;
  }

  /** The end (exclusive) of the section starting at header line `start`: the next table header. */
  sectionEnd(start: number): number {
    for (let i = start + 1; i < this.lines.length; i++) if (/^\s*\[/.test(this.lines[i])) return i;
    return this.lines.length;
  }

  /** The line of `key = ...` (bare or quoted key) in [from, to), or -1. */
  key(key: string, from = 0, to = this.lines.length): number {
    const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^\\s*(?:${esc}|"${esc}"|'${esc}')\\s*=`, 'i');
    for (let i = Math.max(0, from); i < Math.min(to, this.lines.length); i++) if (re.test(this.lines[i])) return i;
    return -1;
  }

  /** The first line in [from, to) holding the quoted string `s` (double or single quotes), or -1. */
  quoted(s: string, from = 0, to = this.lines.length, skip?: Set<number>): number {
    const a = JSON.stringify(s);
    const b = `'${s}'`;
    for (let i = Math.max(0, from); i < Math.min(to, this.lines.length); i++) {
      if (skip?.has(i)) continue;
      if (this.lines[i].includes(a) || this.lines[i].includes(b)) return i;
    }
    return -1;
  }

  /** Position fields for a 0-based line index (column at `needle` if given, else first non-space). */
  pos(i: number, needle?: string): { line: number; column: number; endLine: number; endColumn: number; snippet: string } {
    if (i < 0 || i >= this.lines.length) return { line: 1, column: 1, endLine: 1, endColumn: 1, snippet: '' };
    const l = this.lines[i];
    const at = needle ? l.indexOf(needle) : -1;
    const col = at >= 0 ? at + 1 : l.length - l.trimStart().length + 1;
    return { line: i + 1, column: col, endLine: i + 1, endColumn: l.trimEnd().length + 1, snippet: l.trim() };
  }
}

// Parse errors are reported by position only: the parsers' messages quote the text around the
// error, and a skip reason never repeats a file's content.

/** "invalid TOML (line L, column C)" from a smol-toml error. */
export function invalidTomlReason(e: unknown): string {
  const { line, column } = (e ?? {}) as { line?: unknown; column?: unknown };
  return typeof line === 'number' && typeof column === 'number' ? `invalid TOML (line ${line}, column ${column})` : 'invalid TOML';
}

/** "invalid JSON (line L, column C)" when the JSON.parse error gives a position. */
export function invalidJsonReason(e: unknown, text: string): string {
  const m = /at position (\d+)/.exec((e as Error)?.message ?? '');
  if (!m) return /Unexpected end of JSON input/.test((e as Error)?.message ?? '') ? 'invalid JSON (unexpected end)' : 'invalid JSON';
  const before = text.slice(0, Number(m[1])).split(/\r?\n/);
  return `invalid JSON (line ${before.length}, column ${before[before.length - 1].length + 1})`;
}
