// Public API of secret detection (used by the main scan and by `pyward secrets`).
//
// - scanTextForSecrets(text, relPath, opts?): one file's content; the caller picks the files
//   (isSecretCandidateFile() for non-Python files; Python files can be passed too, where the
//   generic detectors only consider quoted literals). Notebooks (.ipynb) are handled by path.
//   Each finding carries properties.secretHash, a stable slow (scrypt) or keyed (PYWARD_FINGERPRINT_KEY)
//   digest of the secret's value, and the matched values under the DETECTED_SECRETS symbol (see mask.ts).
//   The path's language (language.ts) decides which values the generic detectors consider;
//   documentation reports generic detections at LOW. Provider tokens with an offline check carry
//   properties.verification (verify.ts); look-alikes are dropped by partitionLookalikes().
// - verifyOnline(findings, values): `--verify-online`, the providers' read-only endpoints (online.ts).
// - scanHistory({ cwd, since?, workingTreeFingerprints? }): secrets that exist only in git history.
//   workingTreeFingerprints = secretFingerprints(findings of the working-tree scan); when absent
//   the working tree (the index's tracked files and untracked files not ignored) is scanned again.
export { scanTextForSecrets, secretFingerprints, isAllowedPath, detectSecrets, DEFAULT_ALLOW_PATHS, type SecretScanOptions } from './scan.js';
export { isSecretCandidateFile, isPythonPath, looksBinary, MAX_SECRET_FILE_SIZE } from './files.js';
export { scanHistory, scanHistoryWithSkipped, listHistoryBlobs, workingTreeSecretHashes, type HistoryOptions } from './history.js';
export { SECRET_RULES } from './rules.js';
export { PROVIDER_DETECTORS } from './providers.js';
export { redact, secretHash } from './redact.js';
export { shannonEntropy, isHighEntropy } from './entropy.js';
export { isPlaceholder } from './placeholders.js';
export { parseLineSuppression } from './suppress.js';
export { verifyOffline, partitionLookalikes, isLookalike, type Verification } from './verify.js';
export { verifyOnline, type OnlineState } from './online.js';
export { secretLanguageOf, isDocPath, type SecretLanguage } from './language.js';

import type { SecretScanOptions } from './scan.js';

/** Options from the `[tool.pyward.secrets]` configuration table (kebab- or snake-case keys). */
export function secretOptionsFromConfig(cfg: Record<string, unknown> | undefined): SecretScanOptions {
  const out: SecretScanOptions = {};
  if (!cfg) return out;
  const get = (k: string) => cfg[k] ?? cfg[k.replace(/-/g, '_')];
  const allow = get('allow-paths');
  if (Array.isArray(allow) && allow.every((x) => typeof x === 'string')) out.allowPaths = allow as string[];
  const generic = get('generic');
  if (typeof generic === 'boolean') out.generic = generic;
  return out;
}
export { createMasker, maskFindings, maskFinding, type Masker } from './mask.js';

import type { TextAnalyzer } from '../core/analyzer.js';
import { scanTextForSecrets as scanText } from './scan.js';
import { isSecretCandidateFile as isCandidate } from './files.js';

/** Secret detection as a per-file analyzer of the scan (enabled by `settings.secrets`). */
export const secretsAnalyzer: TextAnalyzer = {
  name: 'secrets',
  enabled: (s) => s.secrets,
  accepts: (f) => f.kind === 'python' || isCandidate(f.rel),
  analyze: (text, f, s, secretValues) => scanText(text, f.rel, { ...secretOptionsFromConfig(s.extra?.secrets as Record<string, unknown> | undefined), valueSink: secretValues }),
};
