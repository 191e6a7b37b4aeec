#!/usr/bin/env node
// Regenerates docs/rules/ from the rule metadata (run `npm run docs`; a test fails when stale).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDocFiles } from '../dist/scan/rule-docs-files.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const files = ruleDocFiles();
for (const f of readdirSync(dir)) if (f.endsWith('.md') && !files.has(f)) rmSync(join(dir, f));
for (const [name, content] of files) writeFileSync(join(dir, name), content);
console.log(`wrote ${files.size} files to docs/rules/`);
