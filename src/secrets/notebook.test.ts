import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AN, Fake } from './fake.js';
import { scanTextForSecrets } from './scan.js';
import { notebookCodeCells } from './notebook.js';

const f = new Fake(777);

function rawPos(raw: string, needle: string): { line: number; column: number } {
  const i = raw.indexOf(needle);
  assert.ok(i >= 0, `needle ${needle} in raw`);
  const before = raw.slice(0, i);
  const line = before.split('\n').length;
  return { line, column: i - (before.lastIndexOf('\n') + 1) + 1 };
}

test('notebooks: code cells are scanned, markdown cells are not, lines map back to the .ipynb file', () => {
  const tok = 'ghp_' + f.str(AN, 36);
  const md = 'ghp_' + f.str(AN, 36);
  const nb = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: [`Token: ${md}\n`] },
      { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['import requests\n', '\n', `TOKEN = "${tok}"\n`, 'requests.get(url, headers={"x": TOKEN})'] },
    ],
    metadata: { kernelspec: { name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const raw = JSON.stringify(nb, null, 1);
  const out = scanTextForSecrets(raw, 'notebooks/analysis.ipynb');
  assert.equal(out.length, 1, JSON.stringify(out.map((x) => x.ruleId)));
  const fi = out[0];
  assert.equal(fi.ruleId, 'PWS004');
  assert.equal(fi.path, 'notebooks/analysis.ipynb');
  assert.deepEqual({ line: fi.line, column: fi.column }, rawPos(raw, tok));
  // The snippet is the cell's source line, redacted.
  assert.equal(fi.snippet, `TOKEN = "ghp_\u2026${tok.slice(-4)}"`);
});

test('notebooks: a single-string source with escapes maps columns through the escapes', () => {
  const tok = 'npm_' + f.str(AN, 36);
  const src = `print("a\\tb")\nNPM = "${tok}"  # \u00e9\n`;
  const raw = JSON.stringify({ cells: [{ cell_type: 'code', source: src, metadata: {}, outputs: [] }], nbformat: 4 });
  const [fi] = scanTextForSecrets(raw, 'n.ipynb');
  assert.equal(fi.ruleId, 'PWS040');
  assert.deepEqual({ line: fi.line, column: fi.column }, rawPos(raw, tok));
});

test('notebooks: suppression comments in cells apply; invalid JSON falls back to plain text', () => {
  const tok = 'ghp_' + f.str(AN, 36);
  const raw = JSON.stringify({ cells: [{ cell_type: 'code', source: [`T = "${tok}"  # pyward: ignore[PWS004]\n`] }] }, null, 1);
  assert.deepEqual(scanTextForSecrets(raw, 'n.ipynb'), []);
  const broken = `{"cells": [ "T = \\"${tok}\\""`;
  assert.equal(notebookCodeCells(broken), undefined);
  assert.equal(scanTextForSecrets(broken, 'n.ipynb').length, 1);
});
