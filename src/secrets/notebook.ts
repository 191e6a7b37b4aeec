// Jupyter notebooks: the source of code cells is scanned as Python, and every offset in a cell is
// mapped back to the line and column of the notebook (.ipynb JSON) file.

interface JStr {
  kind: 'string';
  value: string;
  /** Offset of the opening quote in the raw JSON text. */
  raw: number;
}
type JValue = JStr | { kind: 'other' } | { kind: 'array'; items: JValue[] } | { kind: 'object'; entries: Map<string, JValue> };

class JsonPosParser {
  i = 0;
  depth = 0;
  constructor(private readonly s: string) {}
  fail(): never {
    throw new Error(`invalid JSON at offset ${this.i}`);
  }
  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }
  value(): JValue {
    this.ws();
    const c = this.s[this.i];
    if (c === '"') return this.string();
    if (c === '{' || c === '[') {
      if (++this.depth > 256) this.fail();
      const v = c === '{' ? this.object() : this.array();
      this.depth--;
      return v;
    }
    // number, true, false, null
    const m = /^(?:-?[0-9][0-9eE.+-]{0,64}|true|false|null)/.exec(this.s.slice(this.i, this.i + 70));
    if (!m) this.fail();
    this.i += m[0].length;
    return { kind: 'other' };
  }
  string(): JStr {
    const raw = this.i;
    const end = this.skipString();
    const value = JSON.parse(this.s.slice(raw, end)) as string;
    return { kind: 'string', value, raw };
  }
  /** Returns the offset after the closing quote. */
  skipString(): number {
    const s = this.s;
    let j = this.i + 1;
    for (;;) {
      if (j >= s.length) this.fail();
      const c = s[j];
      if (c === '\\') j += 2;
      else if (c === '"') break;
      else j++;
    }
    this.i = j + 1;
    return this.i;
  }
  array(): JValue {
    this.i++;
    const items: JValue[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') break;
      if (c !== ',') this.fail();
    }
    return { kind: 'array', items };
  }
  object(): JValue {
    this.i++;
    const entries = new Map<string, JValue>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail();
      const k = this.string().value;
      this.ws();
      if (this.s[this.i++] !== ':') this.fail();
      entries.set(k, this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') break;
      if (c !== ',') this.fail();
    }
    return { kind: 'object', entries };
  }
}

export interface NotebookCell {
  /** The cell's source text. */
  text: string;
  /** Maps an offset in `text` to an offset in the raw notebook text. */
  toRaw(offset: number): number;
}

/** Raw offset of the decoded offset `k` inside the JSON string starting (quote) at `raw`. */
function rawOffsetInString(s: string, raw: number, k: number): number {
  let j = raw + 1;
  let decoded = 0;
  while (decoded < k && j < s.length && s[j] !== '"') {
    if (s[j] === '\\') {
      if (s[j + 1] === 'u') {
        j += 6;
      } else j += 2;
    } else j++;
    decoded++;
  }
  return j;
}

/** Code cells of a notebook, or undefined if the text is not a notebook. */
export function notebookCodeCells(raw: string): NotebookCell[] | undefined {
  let root: JValue;
  try {
    const p = new JsonPosParser(raw);
    root = p.value();
  } catch {
    return undefined;
  }
  if (root.kind !== 'object') return undefined;
  const cells = root.entries.get('cells');
  if (!cells || cells.kind !== 'array') return undefined;
  const out: NotebookCell[] = [];
  for (const cell of cells.items) {
    if (cell.kind !== 'object') continue;
    const type = cell.entries.get('cell_type');
    if (!type || type.kind !== 'string' || type.value !== 'code') continue;
    const src = cell.entries.get('source');
    let parts: JStr[] = [];
    if (src?.kind === 'string') parts = [src];
    else if (src?.kind === 'array') parts = src.items.filter((x): x is JStr => x.kind === 'string');
    if (parts.length === 0) continue;
    const starts: number[] = [];
    let text = '';
    for (const p of parts) {
      starts.push(text.length);
      text += p.value;
    }
    out.push({
      text,
      toRaw(offset: number): number {
        // Last part starting at or before offset.
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid] <= offset) lo = mid;
          else hi = mid - 1;
        }
        return rawOffsetInString(raw, parts[lo].raw, offset - starts[lo]);
      },
    });
  }
  return out;
}
