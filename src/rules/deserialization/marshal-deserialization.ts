import { defineCallRule } from '../_shared/calls.js';

export const marshalDeserialization = defineCallRule({
  meta: {
    id: 'PW202',
    name: 'marshal-deserialization',
    category: 'deserialization',
    severity: 'medium',
    confidence: 'high',
    cwe: [502],
    bandit: 'B302',
    ruff: 'S302',
    summary: 'deserialization with marshal',
    docs: {
      what: 'Calls to `marshal.load` and `marshal.loads`.',
      why: '`marshal` is an internal format for .pyc files. It is not secure against erroneous or malicious data (it can crash the interpreter) and it loads code objects that are often executed next.',
      bad: 'import marshal\n\ndef restore(blob):\n    return marshal.loads(blob)\n',
      good: 'import json\n\ndef restore(blob):\n    return json.loads(blob)\n',
      fix: 'Use JSON or another data-only format for data exchange; never unmarshal data from outside the process.',
      references: ['https://docs.python.org/3/library/marshal.html', 'https://cwe.mitre.org/data/definitions/502.html'],
    },
  },
  names: ['marshal.load', 'marshal.loads'],
  message: (qn) => `${qn}() deserializes marshal data, which is not safe against malicious input: use a data-only format`,
});
