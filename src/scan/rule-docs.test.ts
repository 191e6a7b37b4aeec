import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDocFiles } from './rule-docs-files.js';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'rules');

test('docs/rules/ is generated from the current rule metadata (run `npm run docs` when this fails)', () => {
  const files = ruleDocFiles();
  const stale: string[] = [];
  for (const [name, content] of files) {
    const p = join(DOCS, name);
    if (!existsSync(p) || readFileSync(p, 'utf8') !== content) stale.push(name);
  }
  const extra = existsSync(DOCS) ? readdirSync(DOCS).filter((f) => f.endsWith('.md') && !files.has(f)) : [];
  assert.deepEqual({ stale, extra }, { stale: [], extra: [] });
});
