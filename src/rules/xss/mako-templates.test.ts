import { ruleTester } from '../testing.js';
import { makoTemplates } from './mako-templates.js';

ruleTester(makoTemplates, {
  valid: [
    'from mako.template import Template\nt = Template("hello ${name}", default_filters=["h"])\n',
    'from mako.lookup import TemplateLookup\nFILTERS = ["str", "h"]\nl = TemplateLookup(directories=["t"], default_filters=FILTERS)\n',
    { name: 'filters from a variable', code: 'from mako.lookup import TemplateLookup\ndef mk(f):\n    return TemplateLookup(default_filters=f)\n' },
    { name: 'other Template class', code: 'import mako\nfrom string import Template\nTemplate("$x")\n' },
  ],
  invalid: [
    { code: 'from mako.template import Template\nt = Template("hello ${name}")\n', errors: [{ line: 2, column: 5, message: 'mako.template.Template', severity: 'medium' }] },
    { name: 'module import', code: 'import mako.lookup\nl = mako.lookup.TemplateLookup(directories=["t"])\n', errors: [{ line: 2, column: 5 }] },
    { name: 'filters without h', code: 'from mako.template import Template\nt = Template(src, default_filters=["str"])\n', errors: [{ line: 2, column: 5, message: 'include "h"' }] },
  ],
});
