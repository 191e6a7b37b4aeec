// RuleTester: inline valid/invalid cases with exact positions (ESLint style), run with node:test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePython } from '../python/parser.js';
import { runRules } from './engine.js';
import type { Rule } from './types.js';
import type { FindingInput } from '../core/finding.js';

export interface InvalidCase {
  code: string;
  /** Expected findings in order: 1-based line and column, optional message substring. */
  errors: { line: number; column?: number; message?: string | RegExp; severity?: string; confidence?: string; cwe?: number[] }[];
  options?: Record<string, unknown>;
  name?: string;
  path?: string;
}

export interface ValidCase {
  code: string;
  options?: Record<string, unknown>;
  name?: string;
  path?: string;
}

/** Removes the common indentation of a template literal and its first empty line. */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(min)).join('\n');
}

export async function findingsFor(rule: Rule, code: string, options?: Record<string, unknown>, path = 'test.py'): Promise<FindingInput[]> {
  const file = await parsePython(path, dedent(code));
  return runRules(file, [rule], { ruleOptions: options ? { [rule.meta.id]: options } : undefined });
}

export function ruleTester(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  const id = `${rule.meta.id} ${rule.meta.name}`;
  cases.valid.forEach((c, i) => {
    const vc: ValidCase = typeof c === 'string' ? { code: c } : c;
    test(`${id} valid #${i + 1}${vc.name ? ` (${vc.name})` : ''}`, async () => {
      const found = await findingsFor(rule, vc.code, vc.options, vc.path);
      assert.deepEqual(
        found.map((f) => `${f.line}:${f.column} ${f.message}`),
        [],
        `expected no findings in:\n${dedent(vc.code)}`,
      );
    });
  });
  cases.invalid.forEach((c, i) => {
    test(`${id} invalid #${i + 1}${c.name ? ` (${c.name})` : ''}`, async () => {
      const found = await findingsFor(rule, c.code, c.options, c.path);
      assert.equal(
        found.length,
        c.errors.length,
        `expected ${c.errors.length} finding(s), got ${found.length}: ${JSON.stringify(found.map((f) => `${f.line}:${f.column} ${f.message}`))}\nin:\n${dedent(c.code)}`,
      );
      c.errors.forEach((e, j) => {
        const f = found[j];
        assert.equal(f.ruleId, rule.meta.id);
        assert.equal(f.line, e.line, `finding ${j + 1} line`);
        if (e.column !== undefined) assert.equal(f.column, e.column, `finding ${j + 1} column`);
        if (typeof e.message === 'string') assert.ok(f.message.includes(e.message), `message "${f.message}" should include "${e.message}"`);
        else if (e.message) assert.match(f.message, e.message);
        if (e.severity) assert.equal(f.severity, e.severity);
        if (e.confidence) assert.equal(f.confidence, e.confidence);
        if (e.cwe) assert.deepEqual(f.cwe, e.cwe);
      });
    });
  });
}
