// Project check `rate-limiting`: the login rate-limit rule (PW531) sees one file; rate limiting is
// often configured elsewhere (a Limiter with default limits in app.py, django-axes in settings).
// When any scanned file imports a rate-limiting module, or a Django settings module names one,
// the rule's findings are withdrawn. Runs only when there are such findings.
import { resolve } from 'node:path';
import type { FindingInput } from '../core/finding.js';
import { discover } from '../core/discovery.js';
import { readRegularText } from '../core/safe-fs.js';
import type { ImportIndex } from '../deps/index.js';
import { LOGIN_RATE_LIMIT_ID, RATE_LIMIT_MODULES, RATE_LIMIT_SETTINGS, SETTINGS_PATHS } from '../rules/index.js';

/** Bounds on the settings modules read. */
const MAX_SETTINGS_FILES = 50;
const MAX_SETTINGS_BYTES = 1 << 20;

/** Whether rate limiting is visible in the project: an import of a rate-limiting module, or Django settings naming one. */
export function rateLimitVisible(imports: ImportIndex | undefined, settingsTexts: () => string[]): boolean {
  if (RATE_LIMIT_MODULES.some((m) => (imports?.byModule.get(m)?.length ?? 0) > 0)) return true;
  return settingsTexts().some((t) => RATE_LIMIT_SETTINGS.test(t));
}

/** The text of the Django settings modules under the scanned paths (bounded; unreadable ones are skipped). */
export function settingsTexts(paths: string[], cwd: string, exclude: string[], respectGitignore: boolean): string[] {
  const out: string[] = [];
  const d = discover(paths.length ? paths : ['.'], { cwd, exclude, respectGitignore, includeOther: false });
  for (const f of d.files) {
    if (out.length >= MAX_SETTINGS_FILES) break;
    if (f.kind !== 'python' || !SETTINGS_PATHS.test(f.rel)) continue;
    try {
      out.push(readRegularText(resolve(cwd, f.abs), MAX_SETTINGS_BYTES, { noFollow: true }));
    } catch {
      // An unreadable settings file shows nothing; the finding stays.
    }
  }
  return out;
}

/** The rule ids whose findings the project check withdraws (none when no login finding exists). */
export function withdrawnByRateLimits(findings: FindingInput[], imports: ImportIndex | undefined, texts: () => string[]): string[] {
  if (!findings.some((f) => f.ruleId === LOGIN_RATE_LIMIT_ID)) return [];
  return rateLimitVisible(imports, texts) ? [LOGIN_RATE_LIMIT_ID] : [];
}
