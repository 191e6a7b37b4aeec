// Mutation fuzzing (fast-check): real Python snippets — every rule's documented bad and good
// examples — are mutated (deletions, insertions of brackets/quotes/keywords/unicode, duplicated
// and truncated lines, deep nesting), then analysed with every analysis on. Invariants: no
// exception escapes, every file is either analysed or skipped with a reason, every finding has a
// position inside the file and serializes to JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeFile, type AnalysisSettings } from '../scan/analyze.js';
import { ALL_RULES } from '../rules/index.js';

const SNIPPETS = ALL_RULES.flatMap((r) => [r.meta.docs.bad, r.meta.docs.good]).filter((s) => s.trim().length > 0);
const FRAGMENTS = ['(', ')', '[', ']', '{', '}', ':', '"', "'", '"""', 'f"{', '\\', '\n', '    ', 'def ', 'lambda', 'yield', 'await ', 'match x:\n case 1:', '*', '**', '=', '==', ',', '.', '#', '\t', '\u202e', '😀', 'é', '\r\n', '\u0000', 'import os\n', 'eval(', 'request.args["x"]', 'shell=True'];

const settings: AnalysisSettings = {
  ruleIds: ALL_RULES.map((r) => r.meta.id),
  ruleOptions: {},
  maxFileSize: 1 << 20,
  secrets: true,
  taint: true,
  extra: {},
};

type Mutation = { kind: 'delete' | 'insert' | 'dup' | 'truncate' | 'nest'; at: number; len: number; frag: string };

function mutate(src: string, muts: Mutation[]): string {
  let s = src;
  for (const m of muts) {
    const at = s.length ? m.at % (s.length + 1) : 0;
    switch (m.kind) {
      case 'delete':
        s = s.slice(0, at) + s.slice(at + m.len);
        break;
      case 'insert':
        s = s.slice(0, at) + m.frag + s.slice(at);
        break;
      case 'dup': {
        const lines = s.split('\n');
        const i = lines.length ? m.at % lines.length : 0;
        lines.splice(i, 0, ...Array(1 + (m.len % 3)).fill(lines[i] ?? ''));
        s = lines.join('\n');
        break;
      }
      case 'truncate':
        s = s.slice(0, at);
        break;
      case 'nest':
        s = s.slice(0, at) + '('.repeat(50 + m.len * 20) + s.slice(at);
        break;
    }
  }
  return s;
}

const mutationArb = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('delete', 'insert', 'insert', 'dup', 'truncate', 'nest'),
  at: fc.nat({ max: 10_000 }),
  len: fc.nat({ max: 40 }),
  frag: fc.constantFrom(...FRAGMENTS),
});

test('mutated real snippets never crash the analysis and keep every invariant', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-fuzz-'));
  let n = 0;
  let analysed = 0;
  let findings = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...SNIPPETS), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), async (snippet, muts) => {
      const text = mutate(snippet, muts);
      const name = `m${n++}.py`;
      const abs = join(dir, name);
      writeFileSync(abs, text);
      const r = await analyzeFile({ abs, rel: name, kind: 'python', size: Buffer.byteLength(text) }, settings);
      if (r.skipped) {
        assert.ok(r.skipped.reason.length > 0, 'a skip has a reason');
        assert.equal(r.findings.length, 0);
        return;
      }
      analysed++;
      findings += r.findings.length;
      const lineCount = text.split('\n').length;
      for (const f of r.findings) {
        assert.ok(f.line >= 1 && f.line <= lineCount, `line ${f.line} inside 1..${lineCount} (${f.ruleId})`);
        assert.ok(f.column >= 1, `column ${f.column} (${f.ruleId})`);
        assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column), `end after start (${f.ruleId})`);
        assert.ok(f.message.length > 0);
        JSON.parse(JSON.stringify(f));
      }
    }),
    // A fixed seed keeps CI reproducible; PYWARD_FUZZ_SEED explores other inputs locally.
    { numRuns: 300, seed: Number(process.env.PYWARD_FUZZ_SEED ?? 20261123) },
  );
  // The property really exercised the analyses (not only the skip path).
  assert.ok(n >= 300, `${n} runs`);
  assert.ok(analysed > 30, `only ${analysed} mutated files parsed`);
  assert.ok(findings > 0, 'mutated snippets still produced findings');
});
