import { ruleTester } from '../testing.js';
import { evalUsed } from './eval-used.js';

ruleTester(evalUsed, {
  valid: [
    { name: 'ast.literal_eval', code: 'import ast\nast.literal_eval(text)\n' },
    { name: 'model.eval() is a method', code: 'model.eval()\nimport torch\nnet = torch.nn.Linear(1, 1)\nnet.eval()\n' },
    { name: 'local eval', code: 'def eval(expr):\n    return 0\neval(text)\n' },
    { name: 'from-import of literal_eval as eval', code: 'from ast import literal_eval as eval\neval(text)\n' },
  ],
  invalid: [
    { code: 'def parse(text):\n    return eval(text)\n', errors: [{ line: 2, column: 12, message: 'eval()', severity: 'medium', confidence: 'high' }] },
    { name: 'constant expression is low', code: 'x = eval("1 + 2")\n', errors: [{ line: 1, column: 5, severity: 'low' }] },
    { name: 'eval with globals in a class body', code: 'class C:\n    v = eval(request.args["v"], {"__builtins__": {}})\n', errors: [{ line: 2, column: 9, severity: 'medium' }] },
    {
      name: 'the value analysis: the constant that reaches the call is low (flow-sensitive locals, a known condition)',
      code: 'def f(text):\n    x = text\n    x = "1 + 2"\n    eval(x)\n    n = 3\n    y = "2 * 2" if n * 2 > 5 else text\n    eval(y)\n',
      errors: [{ line: 4, column: 5, severity: 'low' }, { line: 7, column: 5, severity: 'low' }],
    },
    {
      name: 'look-alike: the parameter is what reaches the call, or the condition picks it',
      code: 'def f(text):\n    x = "1 + 2"\n    x = text\n    eval(x)\n    n = 2\n    y = "2 * 2" if n * 2 > 5 else text\n    eval(y)\n',
      errors: [{ line: 4, column: 5, severity: 'medium' }, { line: 7, column: 5, severity: 'medium' }],
    },
  ],
});
