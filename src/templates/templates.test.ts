import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeTemplate, isTemplatePath, linkTemplates, scanTemplate, MAX_NESTING, TEMPLATE_RULES } from './index.js';
import { scan } from '../scan/scan.js';
import { TAINT_RULES } from '../taint/index.js';

/** `rule@line:column` of each finding of a template text. */
function at(text: string): string[] {
  return analyzeTemplate(text, 'templates/t.html').findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`);
}

test('templates: which files are templates', () => {
  for (const p of ['a/page.html', 'x.htm', 'mail.jinja', 'mail.jinja2', 'conf.j2', 'p.djhtml', 'templates/emails/welcome.txt', 'app/templates/x.xml']) assert.ok(isTemplatePath(p), p);
  for (const p of ['app.py', 'templates/logo.png', 'templates/app.js', 'templates/style.css', 'templatesx/a.txt', 'docs/notes.txt', 'templates/__init__.py', 'templates/README']) assert.ok(!isTemplatePath(p), p);
});

test('templates: |safe, escape(false), Markup() and autoescape off at exact lines and columns', () => {
  const text = [
    '<p>{{ bio|safe }}</p>', // 1: safe at col 11
    '<p>{{ user.bio | safe }}</p>', // 2
    '{{- items|safeseq -}}', // 3
    '{{ note|escape(false) }}', // 4
    '{{ Markup(note) }}', // 5
    '{% autoescape false %}', // 6
    '{{ raw }}', // 7 (no finding of its own: the block is the finding)
    '{% endautoescape %}', // 8
    '{% autoescape off %}{% endautoescape %}', // 9
    '{% set html = comment|safe %}', // 10
  ].join('\n');
  assert.deepEqual(at(text), ['PWX001@1:11', 'PWX001@2:18', 'PWX001@3:11', 'PWX001@4:9', 'PWX003@5:4', 'PWX001@10:23', 'PWX002@6:1', 'PWX002@9:1']);
});

test('templates: look-alikes that are not findings', () => {
  const text = [
    '{# {{ bio|safe }} in a comment #}',
    '{% raw %}{{ bio|safe }}{% autoescape false %}{% endraw %}',
    '{% verbatim %}{{ bio|safe }}{% endverbatim %}',
    '{% comment %}{{ bio|safe }}{% endcomment %}',
    '{{ "<br>"|safe }} {{ \'<hr>\'|safe }} {{ 42|safe }}',
    '{{ bio|e|safe }} {{ bio|escape|safe }} {{ data|tojson|safe }} {{ q|urlencode|safe }} {{ n|int|safe }}',
    '{{ csrf_token|safe }} {{ csrf_token()|safe }} {{ form.hidden_tag()|safe }} {{ form.csrf_token|safe }}',
    '{{ Markup("<b>fixed</b>") }}',
    '{{ bio|escape }} {{ a or b }} {{ x|default("|safe") }}',
    '{% autoescape true %}{{ x }}{% endautoescape %}',
    '{% if html|safe %}{% endif %} {% for x in rows|safe %}{% endfor %}',
    'safe | not a tag',
  ].join('\n');
  assert.deepEqual(at(text), []);
});

test('templates: a look-alike of a framework value is still reported', () => {
  assert.deepEqual(at('{{ request.args.csrf_token|safe }}\n{{ csrf_token_note|safe }}\n{{ Markup(csrf) }}'), ['PWX001@1:28', 'PWX001@2:20', 'PWX003@3:4']);
});

test('templates: a Django POST form without {% csrf_token %} (Django-only syntax decides)', () => {
  const django = '{% load static %}\n<form method="post" action="/email">\n  <input name="email">\n</form>\n<form method="POST">{% csrf_token %}</form>\n<form method="get"></form>\n<form method="post" action="https://other.example/x"></form>\n<!-- <form method="post"></form> -->\n{% comment %}<form method="post"></form>{% endcomment %}\n<form method=post>{% include "token.html" %}</form>\n<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{{ csrf_token }}"></form>';
  assert.deepEqual(at(django), ['PWX004@2:1']);
  // Django filter-argument syntax inside an output tag marks the template as Django's; in script text it does not.
  assert.deepEqual(at('{{ when|date:"Y" }}\n<form method="post"></form>'), ['PWX004@2:1']);
  assert.deepEqual(at('<script>var a = b || c:d;</script>\n<form method="post"></form>'), []);
  // No Django-only syntax: undecided (the project phase decides), not reported per file.
  const plain = '<form method="post">\n</form>';
  assert.deepEqual(at(plain), []);
  assert.equal(analyzeTemplate(plain, 'app/templates/t.html').info.forms?.length, 1);
  // Outside a templates folder (a static page, generated docs) it is not a candidate at all.
  assert.equal(analyzeTemplate(plain, 'docs/t.html').info.forms, undefined);
});

test('templates: the project phase reports undecided forms only in a Django project without Jinja2 frameworks', () => {
  const info = analyzeTemplate('<form method="post">\n</form>', 'app/templates/f.html').info;
  const xss = TAINT_RULES.find((r) => r.id === 'PWT006')!;
  const run = (mods: string[]) => [...linkTemplates([], new Map([['app/templates/f.html', info]]), (m) => mods.includes(m), xss).values()].flat().map((f) => `${f.ruleId}@${f.line}`);
  assert.deepEqual(run(['django']), ['PWX004@1']);
  assert.deepEqual(run(['django', 'flask']), []);
  assert.deepEqual(run(['flask']), []);
  assert.deepEqual(run([]), []);
});

test('templates: the link needs the same variable and a template of that name under templates/', () => {
  const info = analyzeTemplate('{{ bio|safe }}\n{{ other|safe }}', 'app/templates/p.html').info;
  const xss = TAINT_RULES.find((r) => r.id === 'PWT006')!;
  const steps = [{ path: 'app/views.py', line: 3, column: 5, note: 'source: flask request.form' }];
  const link = (template: string, variable: string) => [...linkTemplates([{ template, variable, label: 'flask request.form', steps }], new Map([['app/templates/p.html', info]]), () => false, xss).values()].flat();
  const hit = link('p.html', 'bio');
  assert.deepEqual(hit.map((f) => `${f.ruleId}@${f.path}:${f.line}:${f.column}`), ['PWT006@app/templates/p.html:1:8']);
  assert.deepEqual(hit[0].trace?.map((s) => s.path), ['app/views.py', 'app/templates/p.html']);
  assert.deepEqual(link('p.html', 'name'), []);
  assert.deepEqual(link('q.html', 'bio'), []);
  assert.deepEqual(link('../templates/p.html', 'bio'), []);
});

test('templates: loop and assignment names link to the variable they come from', () => {
  const vars = (text: string) => analyzeTemplate(text, 'templates/t.html').info.outputs.map((o) => `${o.variable}@${o.line}`);
  assert.deepEqual(vars('{% for c in comments %}\n{{ c.text|safe }}\n{% endfor %}'), ['comments@2']);
  assert.deepEqual(vars('{% for k, v in items.items() %}{{ v|safe }}{% endfor %}'), ['items@1']);
  assert.deepEqual(vars('{% set b = user.bio %}\n{{ b|safe }}'), ['user@2']);
  assert.deepEqual(vars('{% with b=profile.bio %}{{ b|safe }}{% endwith %}'), ['profile@1']);
  assert.deepEqual(vars('{{ other|safe }}'), ['other@1']);
});

test('templates: hostile text is bounded (deep nesting, unterminated tags, long lines)', () => {
  const deep = '{% autoescape false %}'.repeat(100_000) + '{{ x }}';
  const t0 = performance.now();
  const s = scanTemplate(deep);
  assert.match(s.stopped ?? '', new RegExp(`nested deeper than ${MAX_NESTING}`));
  const raws = '{% raw %}'.repeat(100_000);
  assert.equal(scanTemplate(raws).outputs.length, 0);
  const unterminated = '{{ x|safe '.repeat(50_000) + '{% if %}{# '.repeat(50_000);
  assert.deepEqual(scanTemplate(unterminated).outputs, []);
  const forms = '<form method="post"'.repeat(50_000);
  scanTemplate(forms);
  const many = '<form method="post"></form>'.repeat(20_000);
  assert.ok(scanTemplate(many).forms.length <= 2000);
  const pipes = `{{ x${'|'.repeat(200_000)}safe }}`;
  scanTemplate(pipes);
  const opens = '{'.repeat(300_000) + '<!--'.repeat(100_000);
  scanTemplate(opens);
  // A 4 MB template full of findings: linear, and the outputs are capped.
  const huge = scanTemplate('<p>{{ a|safe }}</p>{% csrf_token %}<form method="post">\n'.repeat(70_000));
  assert.ok(huge.outputs.length <= 2000 && huge.forms.length <= 2000);
  assert.ok(performance.now() - t0 < 5000, `hostile inputs took ${Math.round(performance.now() - t0)} ms`);
});

test('templates: rule metadata documents every template rule', () => {
  assert.deepEqual(TEMPLATE_RULES.map((r) => r.id), ['PWX001', 'PWX002', 'PWX003', 'PWX004']);
  for (const r of TEMPLATE_RULES) assert.ok(r.docs.what && r.docs.why && r.docs.bad && r.docs.good && r.docs.fix, r.id);
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pyward-templates-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

async function scanDir(dir: string) {
  return scan({ paths: ['.'], cwd: dir, isolated: true, secrets: false, dependencies: false, hygiene: false, history: false, online: false, jobs: 1 });
}

test('templates: end to end, a Django project gets PWX004 on a plain form; binary and too deeply nested templates are skipped with a reason', async () => {
  const dir = project({
    'shop/views.py': 'from django.shortcuts import render\n\ndef v(request):\n    return render(request, "shop/f.html", {})\n',
    'shop/templates/shop/f.html': '{% extends "base.html" %}\n{% block content %}\n<form method="post">\n</form>\n{% endblock %}\n',
    'shop/templates/shop/bin.html': 'a\u0000b',
    'shop/templates/shop/deep.html': '{% autoescape off %}'.repeat(1000),
  });
  try {
    const r = await scanDir(dir);
    assert.deepEqual(r.findings.filter((f) => f.category === 'template').map((f) => `${f.ruleId}@${f.path}:${f.line}`), ['PWX004@shop/templates/shop/f.html:3']);
    const skipped = new Map(r.skipped.map((s) => [s.path, s.reason]));
    assert.match(skipped.get('shop/templates/shop/deep.html') ?? '', /template not analysed: autoescape blocks nested deeper than/);
    assert.match(skipped.get('shop/templates/shop/bin.html') ?? '', /binary/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
