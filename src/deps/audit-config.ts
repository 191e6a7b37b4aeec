// `[tool.pyward.audit]`: the target environment dependency markers are evaluated against.
import { didYouMean } from '../core/config.js';
import { PLATFORMS, targetEnvironment, type Platform, type TargetEnvironment } from './markers.js';

const KEYS: Record<string, string> = {
  'python-version': 'a Python version such as "3.11" or "3.11.4"',
  platform: PLATFORMS.map((p) => `"${p}"`).join(', '),
};

export function isPythonVersion(v: unknown): v is string {
  return typeof v === 'string' && /^3\.\d{1,2}(\.\d{1,3})?$/.test(v);
}

export function isPlatform(v: unknown): v is Platform {
  return PLATFORMS.includes(v as Platform);
}

/** Problems in a `[tool.pyward.audit]` table (the scan and audit commands make them usage errors). */
export function auditConfigErrors(raw: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (!(k in KEYS)) out.push(`unknown key '${k}' in [tool.pyward.audit]${didYouMean(k, Object.keys(KEYS))}`);
    else if (k === 'python-version' ? !isPythonVersion(v) : !isPlatform(v)) out.push(`[tool.pyward.audit] ${k} must be ${KEYS[k]} (got ${JSON.stringify(v)})`);
  }
  return out;
}

/** The target environment from `[tool.pyward.audit]`, overridden by command-line values. */
export function environmentFromConfig(raw: Record<string, unknown> | undefined, cli: { pythonVersion?: string; platform?: string } = {}): TargetEnvironment | undefined {
  const pv = cli.pythonVersion ?? (isPythonVersion(raw?.['python-version']) ? (raw?.['python-version'] as string) : undefined);
  const pl = cli.platform ?? (isPlatform(raw?.platform) ? (raw?.platform as Platform) : undefined);
  return targetEnvironment(pv, pl as Platform | undefined);
}
