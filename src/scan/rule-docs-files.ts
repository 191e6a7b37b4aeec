// The generated documentation tree docs/rules/: one Markdown page per rule plus an index.
import { allRuleMeta } from './scan.js';
import { ruleMarkdown } from '../core/rule-docs.js';
import { ruleSetOf, type RuleMeta } from '../core/rule-meta.js';

/** Code, taint, secret and hygiene rules get a page; dependency advisories link to OSV instead. */
export function documentedRules(): RuleMeta[] {
  return allRuleMeta().filter((m) => m.category !== 'dependency' || /^PWD\d+$/.test(m.id));
}

/** File name (relative to docs/rules/) → content. */
export function ruleDocFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const metas = documentedRules();
  for (const m of metas) files.set(`${m.name}.md`, ruleMarkdown(m));
  const rows = metas.map((m) => `| [${m.id}](${m.name}.md) | ${m.name} | ${m.category} | ${m.severity} | ${m.cwe.map((c) => `CWE-${c}`).join(', ')} | ${m.bandit ?? ''} | ${ruleSetOf(m)} |`);
  files.set(
    'README.md',
    [
      '# pyward rules',
      '',
      '<!-- Generated from the rule metadata by `npm run docs`. Do not edit. -->',
      '',
      `${metas.length} rules. \`pyward explain ID\` prints the same text in a terminal. Rules of the \`audit\` set run only with \`--select ALL\`, \`--preset bandit\` or when selected by id or name.`,
      '',
      '| id | name | category | severity | CWE | Bandit | set |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
  return files;
}
