import { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';

const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const BIDI_RE = /[\u202a-\u202e\u2066-\u2069]/g;
const NAMES: Record<string, string> = {
  '\u202a': 'LRE',
  '\u202b': 'RLE',
  '\u202c': 'PDF',
  '\u202d': 'LRO',
  '\u202e': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
};

/** Bandit B613: Unicode bidirectional control characters in source (CVE-2021-42574). */
export const trojanSource = defineRule({
  meta: {
    id: 'PW116',
    name: 'trojan-source',
    category: 'injection',
    severity: 'high',
    confidence: 'medium',
    cwe: [451], // bidirectional controls misrepresent the code; homoglyphs (CWE-1007) are not reported
    bandit: 'B613',
    summary: 'Unicode bidirectional control character in source code',
    docs: {
      what: 'Unicode bidirectional override/isolate characters (U+202A–U+202E, U+2066–U+2069) anywhere in the source: code, strings or comments. Each line is reported once.',
      why: 'These invisible characters reorder how text is displayed, so code that looks like a comment or a string in a review can be live code to the interpreter ("Trojan Source", CVE-2021-42574).',
      bad: 'access_level = "user"\nif access_level != "none\u202e\u2066":  # Check if admin\u2069\u2066\n    print("granted")\n',
      good: 'access_level = "user"\nif access_level != "none":  # Check if admin\n    print("granted")\n',
      fix: 'Remove the control characters. If right-to-left text is genuinely needed in a string, write it with escape sequences (`"\\u202e"`).',
      references: ['https://trojansource.codes/', 'https://nvd.nist.gov/vuln/detail/CVE-2021-42574'],
    },
  },
  requiresText: BIDI,
  create(ctx) {
    return {
      'module:exit'() {
        const { file } = ctx;
        let lastRow = -1;
        for (const m of file.source.matchAll(BIDI_RE)) {
          const at = m.index ?? 0;
          const marker = new PyNode(file, 'bidi_control', true, null, at, at + 1);
          if (marker.row === lastRow) continue;
          lastRow = marker.row;
          ctx.report({ node: marker, message: `invisible bidirectional control character U+${m[0].charCodeAt(0).toString(16).toUpperCase()} (${NAMES[m[0]]}) can make code display differently from how it runs` });
        }
      },
    };
  },
});
