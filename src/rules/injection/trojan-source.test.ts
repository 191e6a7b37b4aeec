import { ruleTester } from '../testing.js';
import { trojanSource } from './trojan-source.js';

ruleTester(trojanSource, {
  valid: [
    { name: 'escaped control character', code: 'RLO = "\\u202e"\n' },
    { name: 'plain right-to-left text', code: 'greeting = "שלום"\n' },
  ],
  invalid: [
    {
      name: 'override hidden in a string and comment',
      code: 'level = "user"\nif level != "none\u202e\u2066":  # admin\u2069\u2066\n    grant()\n',
      errors: [{ line: 2, column: 18, message: 'U+202E (RLO)', severity: 'high', confidence: 'medium' }],
    },
    {
      name: 'isolate in a comment on another line',
      code: 'x = 1  # \u2067note\u2069\ny = 2\nz = "\u202a"\n',
      errors: [
        { line: 1, column: 10, message: 'RLI' },
        { line: 3, column: 6, message: 'LRE' },
      ],
    },
  ],
});
