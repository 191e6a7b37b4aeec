// A small PEP 508 requirement parser: name, extras, version specifier or `@ url`, marker.
// Markers are kept as text; markers.ts evaluates them against a declared target environment.

export interface Requirement {
  name: string;
  extras: string[];
  /** Specifier text, e.g. `>=1.0,<2` ('' when none). */
  spec: string;
  url?: string;
  marker?: string;
}

const NAME_RE = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

export function parseRequirement(text: string): Requirement | null {
  const m = NAME_RE.exec(text);
  if (!m) return null;
  let rest = text.slice(m[0].length);
  const req: Requirement = { name: m[1], extras: [], spec: '' };
  const ex = /^\s*\[([^\]]*)\]/.exec(rest);
  if (ex) {
    req.extras = ex[1].split(',').map((s) => s.trim()).filter(Boolean);
    rest = rest.slice(ex[0].length);
  }
  rest = rest.trim();
  if (rest.startsWith('@')) {
    // `name @ url ; marker`: the URL ends at whitespace (PEP 508 needs a space before `;`).
    const um = /^@\s*(\S+)(?:\s+;\s*(.*))?\s*$/.exec(rest);
    if (!um) return null;
    req.url = um[1];
    if (um[2]) req.marker = um[2].trim();
    return req;
  }
  const semi = rest.indexOf(';');
  let spec = semi >= 0 ? rest.slice(0, semi) : rest;
  if (semi >= 0) req.marker = rest.slice(semi + 1).trim();
  spec = spec.trim();
  if (spec.startsWith('(') && spec.endsWith(')')) spec = spec.slice(1, -1).trim();
  if (spec && !/^(~=|===|==|!=|<=|>=|<|>)/.test(spec)) return null;
  req.spec = spec.replace(/\s+/g, '');
  return req;
}

export interface SpecClause {
  op: string;
  version: string;
}

export function parseSpec(spec: string): SpecClause[] {
  const out: SpecClause[] = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*(\S+?)\s*$/.exec(part);
    if (m) out.push({ op: m[1], version: m[2] });
  }
  return out;
}

/** The exact version a specifier pins (`==1.2.3`, `===x`), or null (ranges, wildcards, none). */
export function pinnedVersion(spec: string): string | null {
  const clauses = parseSpec(spec);
  const eq = clauses.filter((c) => (c.op === '==' && !c.version.includes('*')) || c.op === '===');
  return eq.length === 1 ? eq[0].version : null;
}
