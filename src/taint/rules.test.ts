import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython } from '../python/parser.js';
import { Semantic } from '../python/semantic.js';
import { analyzeTaint, TAINT_RULES } from './index.js';
import { SINK_KINDS } from './types.js';

// The documentation examples, placed in a Flask view, are flagged (bad) and not flagged (good).
const HEADER = [
  'import ast, base64, html, json, logging, os, pickle, re, subprocess, sqlite3',
  'import requests, lxml.etree, defusedxml.lxml, ldap3',
  'from urllib.parse import quote',
  'from ldap3.utils.conv import escape_filter_chars',
  'from werkzeug.utils import secure_filename',
  'from django.utils.http import url_has_allowed_host_and_scheme',
  'from flask import Flask, request, redirect, render_template_string, session',
  'app = Flask(__name__)',
  'logger = logging.getLogger(__name__)',
  'UPLOADS = "/srv/uploads"',
  'ALLOWED_ROLES = ("user", "admin")',
  'cursor = sqlite3.connect("x").cursor()',
  '@app.route("/")',
  'def view():',
].join('\n');

async function ruleIds(snippet: string): Promise<string[]> {
  const src = `${HEADER}\n${snippet.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
  const f = await parsePython('docs.py', src);
  return analyzeTaint(f, new Semantic(f), { envSources: false }).findings.map((x) => x.ruleId);
}

test('one taint rule per sink kind, with complete metadata', () => {
  assert.equal(TAINT_RULES.length, SINK_KINDS.length);
  assert.equal(new Set(TAINT_RULES.map((r) => r.id)).size, TAINT_RULES.length);
  for (const r of TAINT_RULES) {
    assert.match(r.id, /^PWT\d{3}$/);
    assert.equal(r.category, 'taint');
    assert.ok(r.cwe.length > 0);
    for (const k of ['what', 'why', 'bad', 'good', 'fix'] as const) assert.ok(r.docs[k].trim().length > 0, `${r.id} docs.${k}`);
  }
});

test('docs.bad is flagged and docs.good is not', async () => {
  for (const r of TAINT_RULES) {
    assert.ok((await ruleIds(r.docs.bad)).includes(r.id), `${r.id} docs.bad not flagged:\n${r.docs.bad}`);
    assert.ok(!(await ruleIds(r.docs.good)).includes(r.id), `${r.id} docs.good flagged:\n${r.docs.good}`);
  }
});
