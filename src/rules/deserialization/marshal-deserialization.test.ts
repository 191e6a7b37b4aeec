import { ruleTester } from '../testing.js';
import { marshalDeserialization } from './marshal-deserialization.js';

ruleTester(marshalDeserialization, {
  valid: [
    { name: 'dumps', code: 'import marshal\nmarshal.dumps(code)\n' },
    { name: 'marshmallow is not marshal', code: 'from marshmallow import Schema\nSchema().loads(s)\n' },
  ],
  invalid: [
    { code: 'import marshal\nmarshal.loads(blob)\n', errors: [{ line: 2, column: 1, message: 'marshal.loads()', severity: 'medium', confidence: 'high' }] },
    { name: 'from-import', code: 'from marshal import load\ncode = load(f)\n', errors: [{ line: 2, column: 8, message: 'marshal.load()' }] },
  ],
});
