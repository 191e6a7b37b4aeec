// `pyward rules` and `pyward explain ID|NAME`: documentation generated from rule metadata.
import type { Command } from 'commander';
import { allRuleMeta, resolveSettings } from '../../scan/scan.js';
import { listModels, modelsTable } from '../../taint/index.js';
import { UsageError } from '../../core/errors.js';
import { didYouMean } from '../../core/config.js';
import { explainText, rulesTable } from '../../core/rule-docs.js';
import { ruleSetOf } from '../../core/rule-meta.js';
import type { ExitState } from './exit-state.js';

export function registerRules(program: Command, _exit: ExitState): void {
  program
    .command('rules')
    .description('list every rule: id, name, category, severity, confidence, CWE, Bandit id, rule set')
    .option('-f, --format <format>', 'output format: text or json', 'text')
    .option('--json', 'same as --format json')
    .option('--models', 'list the taint models instead: built-in and the project\'s ([tool.pyward.taint], pyward-models.toml) sources, sinks, sanitizers and propagators')
    .option('--config <file>', 'with --models: the configuration to read (default: pyproject.toml found from the current folder)')
    .action((o: { json?: boolean; format: string; models?: boolean; config?: string }) => {
      if (o.format !== 'text' && o.format !== 'json') throw new UsageError(`unknown format '${o.format}' for rules (text or json)${didYouMean(o.format, ['text', 'json'])}`);
      if (o.config && !o.models) throw new UsageError('rules: --config applies to --models only');
      if (o.models) {
        const settings = resolveSettings({ paths: ['.'], cwd: process.cwd(), configFile: o.config });
        for (const w of settings.warnings) process.stderr.write(`pyward: warning: ${w}\n`);
        const rows = listModels(settings.taintModels);
        if (o.json || o.format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        else process.stdout.write(modelsTable(rows));
        return;
      }
      const metas = allRuleMeta();
      if (o.json || o.format === 'json') process.stdout.write(JSON.stringify(metas.map((m) => ({ ...m, set: ruleSetOf(m) })), null, 2) + '\n');
      else process.stdout.write(rulesTable(metas));
    });
  program
    .command('explain')
    .description('explain a rule: what, why, bad and good examples, how to fix')
    .argument('<rule>', 'rule id or name')
    .action((rule: string) => {
      const metas = allRuleMeta();
      const m = metas.find((r) => r.id.toLowerCase() === rule.toLowerCase() || r.name === rule.toLowerCase() || r.bandit?.toLowerCase() === rule.toLowerCase());
      if (!m) throw new UsageError(`unknown rule '${rule}'${didYouMean(rule, metas.flatMap((r) => [r.id, r.name]))}`);
      process.stdout.write(explainText(m));
    });
}
