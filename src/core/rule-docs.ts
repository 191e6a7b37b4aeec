// Rule documentation rendered from metadata: the `rules` table, `explain` text, docs/rules/*.md.
import { ruleSetOf, type RuleMeta } from './rule-meta.js';

export function rulesTable(metas: RuleMeta[]): string {
  const rows = metas.map((m) => [m.id, m.name, m.category, m.severity, m.confidence, m.cwe.map((c) => `CWE-${c}`).join(',') || '-', m.bandit ?? '', ruleSetOf(m)]);
  // SET: `default` rules run unless configured otherwise; `audit` ones with ALL, the bandit preset or by name.
  const head = ['ID', 'NAME', 'CATEGORY', 'SEVERITY', 'CONFIDENCE', 'CWE', 'BANDIT', 'SET'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const audit = metas.filter((m) => ruleSetOf(m) === 'audit').length;
  return [fmt(head), ...rows.map(fmt), '', `${metas.length} rules (${metas.length - audit} default, ${audit} audit: run with --select ALL or --preset bandit)`, ''].join('\n');
}

function indent(s: string): string {
  return s
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

export function explainText(m: RuleMeta): string {
  const d = m.docs;
  const lines = [
    `${m.id} ${m.name}  (${m.category}; severity ${m.severity}, confidence ${m.confidence}; ${m.cwe.map((c) => `CWE-${c}`).join(', ') || 'no CWE'}; ${ruleSetOf(m)} set${m.bandit ? `; Bandit ${m.bandit}` : ''}${m.ruff ? `; Ruff ${m.ruff}` : ''})`,
    '',
    `What: ${d.what}`,
    '',
    `Why: ${d.why}`,
    '',
    'Bad:',
    indent(d.bad),
    '',
    'Good:',
    indent(d.good),
    '',
    `Fix: ${d.fix}`,
  ];
  if (d.references?.length) lines.push('', 'References:', ...d.references.map((r) => `  - ${r}`));
  return lines.join('\n') + '\n';
}

export function ruleMarkdown(m: RuleMeta): string {
  const d = m.docs;
  const fence = (code: string) => {
    let f = '```';
    while (code.includes(f)) f += '`';
    return `${f}python\n${code.trimEnd()}\n${f}`;
  };
  const out = [
    `# ${m.name} (${m.id})`,
    '',
    '<!-- Generated from the rule metadata by `npm run docs`. Do not edit. -->',
    '',
    `| category | severity | confidence | CWE | Bandit | Ruff |`,
    `| --- | --- | --- | --- | --- | --- |`,
    `| ${m.category} | ${m.severity} | ${m.confidence} | ${m.cwe.map((c) => `[CWE-${c}](https://cwe.mitre.org/data/definitions/${c}.html)`).join(', ')} | ${m.bandit ?? ''} | ${m.ruff ?? ''} |`,
    ...(ruleSetOf(m) === 'audit' ? ['', 'This rule is in the **audit** set: it runs with `--select ALL`, `--preset bandit` or when selected by id or name.'] : []),
    '',
    '## What it finds',
    '',
    d.what,
    '',
    '## Why it matters',
    '',
    d.why,
    '',
    '## Example',
    '',
    fence(d.bad),
    '',
    '## Fixed',
    '',
    fence(d.good),
    '',
    '## How to fix',
    '',
    d.fix,
    '',
  ];
  if (d.references?.length) out.push('## References', '', ...d.references.map((r) => `- ${r}`), '');
  out.push(`Suppress with \`# pyward: ignore[${m.id}]\`${m.bandit ? ` or \`# nosec ${m.bandit}\`` : ''}.`, '');
  return out.join('\n');
}
