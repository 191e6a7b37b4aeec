// The language of a file as the generic secret detectors see it: which values are literals that
// may be secrets (quoted strings in code, markup and JSON; bare values in configuration files and
// in documentation code blocks) and which files are documentation (generic detections are LOW).
import { DOC_FOLDERS, LANGUAGE_EXTENSIONS, TXT_CONFIG_NAMES } from './specs/formats.js';

/** `env`: dotenv files, where every value is a string (`PIN=12345678` is not a number). */
export type SecretLanguage = 'python' | 'script' | 'markup' | 'doc' | 'data' | 'config' | 'env';

const BY_EXT = new Map<string, SecretLanguage>();
for (const [lang, exts] of Object.entries(LANGUAGE_EXTENSIONS)) for (const e of exts) BY_EXT.set(e, lang as SecretLanguage);

function extOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

export function secretLanguageOf(relPath: string): SecretLanguage {
  const ext = extOf(relPath);
  if (ext === 'py' || ext === 'pyw' || ext === 'pyi') return 'python';
  if (ext === 'txt') {
    const lower = relPath.toLowerCase();
    const name = lower.slice(lower.lastIndexOf('/') + 1);
    if (TXT_CONFIG_NAMES.some((re) => re.test(name)) || /(?:^|\/)requirements\/[^/]{1,200}$/.test(lower)) return 'config';
  }
  const name = relPath.slice(relPath.lastIndexOf('/') + 1).toLowerCase();
  if (name.startsWith('.env') || name.endsWith('.env') || name === '.flaskenv') return 'env';
  return BY_EXT.get(ext) ?? 'config';
}

/** Documentation: `*.md`, `*.rst`, `*.txt`… anywhere, and every file under a `docs/` folder. */
export function isDocPath(relPath: string): boolean {
  if (secretLanguageOf(relPath) === 'doc') return true;
  const segs = relPath.toLowerCase().split('/');
  return segs.slice(0, -1).some((s) => DOC_FOLDERS.includes(s));
}

/** 'code': generic detectors need quoted literals; 'config': bare values count too. */
export function modeOf(lang: SecretLanguage): 'code' | 'config' {
  return lang === 'config' || lang === 'env' ? 'config' : 'code';
}

/**
 * Offsets of a documentation text where bare values count (code blocks: ``` or ~~~ fences, and
 * lines indented by 4 spaces or a tab); elsewhere the text is prose. Sorted [start, end) ranges.
 */
export function docCodeRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let fence: string | undefined;
  let fenceStart = 0;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, Math.min(end, pos + 200));
    const m = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) {
        out.push([fenceStart, pos]);
        fence = undefined;
      }
    } else if (m && !line.slice(m[0].length).includes(m[1][0])) {
      fence = m[1];
      fenceStart = end + 1;
    } else if (/^(?: {4}|\t)/.test(line) && line.trim()) {
      out.push([pos, end]);
    }
    if (end >= text.length) break;
    pos = end + 1;
  }
  if (fence) out.push([fenceStart, text.length]);
  return out;
}

/** Binary search of a sorted range list. */
export function inRanges(ranges: [number, number][], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < ranges[mid][0]) hi = mid - 1;
    else if (offset >= ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}
