import type { Rule } from '../types.js';
import { jinja2AutoescapeFalse } from './jinja2-autoescape-false.js';
import { makoTemplates } from './mako-templates.js';
import { djangoMarkSafe } from './django-mark-safe.js';
import { markupUnsafe } from './markup-unsafe.js';
import { templateStringSafeFilter } from './template-string-safe-filter.js';
import { serverSideTemplateInjection } from './server-side-template-injection.js';
import { djangoFormatHtmlDynamic } from './django-format-html-dynamic.js';
import { djangoAutoescapeOff } from './django-autoescape-off.js';

export const rules: Rule[] = [
  jinja2AutoescapeFalse,
  makoTemplates,
  djangoMarkSafe,
  markupUnsafe,
  templateStringSafeFilter,
  serverSideTemplateInjection,
  djangoFormatHtmlDynamic,
  djangoAutoescapeOff,
];
