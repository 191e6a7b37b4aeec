import { defineCallRule } from '../_shared/calls.js';

export const makoTemplates = defineCallRule({
  meta: {
    id: 'PW402',
    name: 'mako-templates',
    category: 'xss',
    severity: 'medium',
    confidence: 'high',
    cwe: [79, 116],
    aboutData: false,
    bandit: 'B702',
    ruff: 'S702',
    summary: 'Mako template without HTML escaping by default',
    docs: {
      what: '`mako.template.Template(...)` and `mako.lookup.TemplateLookup(...)` created without `default_filters=["h"]`.',
      why: 'Mako inserts `${expression}` output verbatim unless the `h` filter is applied. Any value from a request rendered into HTML this way is a cross-site scripting hole; relying on every template author to remember `| h` does not scale.',
      bad: 'from mako.lookup import TemplateLookup\n\nlookup = TemplateLookup(directories=["templates"])\n',
      good: 'from mako.lookup import TemplateLookup\n\nlookup = TemplateLookup(directories=["templates"], default_filters=["h"])\n',
      fix: 'Pass `default_filters=["h"]` (HTML-escape everything by default) and use `| n` in the rare places that must output trusted markup.',
      references: ['https://docs.makotemplates.org/en/latest/filtering.html', 'https://cwe.mitre.org/data/definitions/79.html'],
    },
  },
  names: ['mako.template.Template', 'mako.lookup.TemplateLookup'],
  check(call, qn, ctx) {
    const a = ctx.sem.args(call);
    const filters = a.keywords.get('default_filters');
    if (!filters && a.hasStarKwargs) return null;
    if (filters) {
      const v = ctx.sem.constValue(filters);
      if (v === undefined) return null; // decided elsewhere
      if (Array.isArray(v) && v.some((f) => f === 'h' || f === 'html_escape' || (typeof f === 'string' && /^(markupsafe\.escape|filters\.html_escape|escape)$/.test(f)))) return null;
      return { message: `${qn}(default_filters=${filters.text}) does not HTML-escape output; include "h" in default_filters` };
    }
    return { message: `${qn}() without default_filters=["h"]: Mako does not escape \${...} output, so rendered values can inject HTML/JavaScript` };
  },
});
