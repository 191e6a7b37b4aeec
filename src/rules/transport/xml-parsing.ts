// XML parsing with parsers that expand entities / fetch external resources (Bandit B313-B320)
// and the corresponding imports (B405-B410). defusedxml is the fix and is never reported.
import type { PyNode } from '../../python/ast.js';
import type { RuleMeta } from '../../core/rule-meta.js';
import type { Semantic } from '../../python/semantic.js';
import { defineRule, type Rule } from '../types.js';
import { originCall } from '../_shared/flow.js';

const REFS = ['https://docs.python.org/3/library/xml.html#xml-vulnerabilities', 'https://pypi.org/project/defusedxml/', 'https://cwe.mitre.org/data/definitions/611.html'];
const WHY =
  'XML parsers that expand entities are open to "billion laughs" entity expansion (memory/CPU exhaustion) and, depending on the parser and version, to external entity (XXE) attacks that read local files or reach internal URLs. Parsing untrusted XML with them is unsafe.';

/** True when the module calls `defusedxml.defuse_stdlib()`, which patches the stdlib parsers. */
function defusesStdlib(sem: Semantic, root: PyNode): boolean {
  if (!sem.imports('defusedxml')) return false;
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'call' && sem.callName(n) === 'defusedxml.defuse_stdlib') return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}

interface XmlCallSpec {
  id: string;
  bandit: string;
  ruff: string;
  module: string;
  funcs: string[];
  bad: string;
  good: string;
  stdlib: boolean;
}

function xmlCallRule(s: XmlCallSpec): Rule {
  const names = new Set(s.funcs.map((f) => `${s.module}.${f}`));
  const meta: RuleMeta = {
    id: s.id,
    name: `xml-unsafe-parse-${s.module.replace(/^xml\./, '').replace(/\./g, '-').toLowerCase()}`,
    category: 'transport',
    severity: 'medium',
    confidence: 'high',
    cwe: [611, 776],
    bandit: s.bandit,
    ruff: s.ruff,
    summary: `XML parsed with ${s.module} (vulnerable to entity expansion / XXE)`,
    docs: {
      what: `Calls to ${s.funcs.map((f) => `\`${s.module}.${f}\``).join(', ')}.`,
      why: WHY,
      bad: s.bad,
      good: s.good,
      fix: 'Use the drop-in `defusedxml` equivalents (`defusedxml.ElementTree`, `defusedxml.minidom`, `defusedxml.sax`, `defusedxml.pulldom`), or call `defusedxml.defuse_stdlib()` at start-up. For lxml, create the parser with `resolve_entities=False, no_network=True` and pass it explicitly.',
      references: REFS,
    },
  };
  return defineRule({
    meta,
    requiresImport: [s.module.split('.')[0]],
    create(ctx) {
      const { sem } = ctx;
      let defused: boolean | undefined;
      return {
        call(call) {
          const qn = sem.callName(call);
          if (!qn || !names.has(qn)) return;
          if (s.stdlib && (defused ??= defusesStdlib(sem, ctx.file.root))) return;
          ctx.report({ node: call, message: `${qn}() parses XML with entity expansion: untrusted input can exhaust memory (billion laughs) or read files (XXE); use defusedxml` });
        },
      };
    },
  });
}

export const xmlCElementTree = xmlCallRule({
  id: 'PW614',
  bandit: 'B313',
  ruff: 'S313',
  module: 'xml.etree.cElementTree',
  funcs: ['parse', 'iterparse', 'fromstring', 'XMLParser', 'XML', 'fromstringlist'],
  bad: 'import xml.etree.cElementTree as ET\n\nroot = ET.fromstring(body)\n',
  good: 'import defusedxml.cElementTree as ET\n\nroot = ET.fromstring(body)\n',
  stdlib: true,
});
export const xmlElementTree = xmlCallRule({
  id: 'PW615',
  bandit: 'B314',
  ruff: 'S314',
  module: 'xml.etree.ElementTree',
  funcs: ['parse', 'iterparse', 'fromstring', 'XMLParser', 'XML', 'fromstringlist', 'XMLPullParser'],
  bad: 'import xml.etree.ElementTree as ET\n\nroot = ET.fromstring(body)\n',
  good: 'import defusedxml.ElementTree as ET\n\nroot = ET.fromstring(body)\n',
  stdlib: true,
});
export const xmlExpatReader = xmlCallRule({
  id: 'PW616',
  bandit: 'B315',
  ruff: 'S315',
  module: 'xml.sax.expatreader',
  funcs: ['create_parser'],
  bad: 'import xml.sax.expatreader\n\nparser = xml.sax.expatreader.create_parser()\n',
  good: 'import defusedxml.expatreader\n\nparser = defusedxml.expatreader.create_parser()\n',
  stdlib: true,
});
export const xmlExpatBuilder = xmlCallRule({
  id: 'PW617',
  bandit: 'B316',
  ruff: 'S316',
  module: 'xml.dom.expatbuilder',
  funcs: ['parse', 'parseString'],
  bad: 'from xml.dom import expatbuilder\n\ndoc = expatbuilder.parseString(body)\n',
  good: 'from defusedxml import expatbuilder\n\ndoc = expatbuilder.parseString(body)\n',
  stdlib: true,
});
export const xmlSax = xmlCallRule({
  id: 'PW618',
  bandit: 'B317',
  ruff: 'S317',
  module: 'xml.sax',
  funcs: ['parse', 'parseString', 'make_parser'],
  bad: 'import xml.sax\n\nxml.sax.parseString(body, handler)\n',
  good: 'import defusedxml.sax\n\ndefusedxml.sax.parseString(body, handler)\n',
  stdlib: true,
});
export const xmlMinidom = xmlCallRule({
  id: 'PW619',
  bandit: 'B318',
  ruff: 'S318',
  module: 'xml.dom.minidom',
  funcs: ['parse', 'parseString'],
  bad: 'from xml.dom import minidom\n\ndoc = minidom.parseString(body)\n',
  good: 'from defusedxml import minidom\n\ndoc = minidom.parseString(body)\n',
  stdlib: true,
});
export const xmlPulldom = xmlCallRule({
  id: 'PW620',
  bandit: 'B319',
  ruff: 'S319',
  module: 'xml.dom.pulldom',
  funcs: ['parse', 'parseString'],
  bad: 'from xml.dom import pulldom\n\nevents = pulldom.parseString(body)\n',
  good: 'from defusedxml import pulldom\n\nevents = pulldom.parseString(body)\n',
  stdlib: true,
});

/** lxml: flags the parse functions unless an explicitly hardened parser is passed, and XMLParser(resolve_entities=True / no_network=False). */
const LXML_PARSE: Record<string, number> = { parse: 1, fromstring: 1, XML: 1, iterparse: -1, RestrictedElement: -1, GlobalParserTLS: -1, getDefaultParser: -1, check_docinfo: -1 };
const LXML_PARSERS = new Set(['lxml.etree.XMLParser', 'lxml.etree.XMLPullParser', 'lxml.etree.ETCompatXMLParser']);

export const xmlLxml = defineRule({
  meta: {
    id: 'PW621',
    name: 'xml-unsafe-parse-lxml',
    category: 'transport',
    severity: 'medium',
    confidence: 'high',
    cwe: [611, 776],
    bandit: 'B320',
    ruff: 'S320',
    summary: 'XML parsed with lxml without a hardened parser',
    docs: {
      what: '`lxml.etree.parse/fromstring/XML/iterparse` (and the other functions Bandit B320 lists) called without an explicit parser created with `resolve_entities=False`, and `lxml.etree.XMLParser(resolve_entities=True)` / `XMLParser(no_network=False)`.',
      why: `${WHY} lxml resolves internal entities by default and, before lxml 5, external ones too.`,
      bad: 'from lxml import etree\n\nroot = etree.fromstring(body)\n',
      good: 'from lxml import etree\n\nSAFE = etree.XMLParser(resolve_entities=False, no_network=True)\nroot = etree.fromstring(body, parser=SAFE)\n',
      fix: 'Pass a parser created with `etree.XMLParser(resolve_entities=False, no_network=True)` (and `huge_tree=False`), or parse with `defusedxml.lxml` / `defusedxml.ElementTree`.',
      references: ['https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint', ...REFS],
    },
  },
  requiresImport: ['lxml'],
  create(ctx) {
    const { sem } = ctx;
    /** A parser built with resolve_entities=False. */
    const hardened = (p: PyNode | undefined): boolean => {
      const c = originCall(sem, p);
      if (!c || !LXML_PARSERS.has(sem.callName(c) ?? '')) return false;
      const re = sem.args(c).keywords.get('resolve_entities');
      return !!re && sem.constValue(re) === false;
    };
    return {
      call(call) {
        const qn = sem.callName(call);
        if (!qn?.startsWith('lxml.etree.')) return;
        const fn = qn.slice('lxml.etree.'.length);
        if (LXML_PARSERS.has(qn)) {
          const kw = sem.args(call).keywords;
          const re = kw.get('resolve_entities');
          const nn = kw.get('no_network');
          if (re && sem.constValue(re) === true) ctx.report({ node: re.parent ?? call, message: `${qn}(resolve_entities=True) expands entities from untrusted documents (XXE, billion laughs); use resolve_entities=False` });
          if (nn && sem.constValue(nn) === false) ctx.report({ node: nn.parent ?? call, message: `${qn}(no_network=False) lets documents fetch external resources (XXE/SSRF); keep no_network=True` });
          return;
        }
        const idx = LXML_PARSE[fn];
        if (idx === undefined) return;
        if (idx >= 0 && hardened(sem.arg(call, idx, 'parser'))) return;
        ctx.report({ node: call, message: `${qn}() parses XML with lxml's default parser, which expands entities; pass etree.XMLParser(resolve_entities=False, no_network=True) or use defusedxml` });
      },
    };
  },
});

/* ---------------------------------------------------------------- imports (B405-B410) */

interface XmlImportSpec {
  id: string;
  bandit: string;
  ruff: string;
  modules: string[];
  /** Submodules that are not parsers (`xml.sax.saxutils`). */
  safeModules?: string[];
  /** `from <module> import <name>` names that only build/serialize XML. */
  safeNames?: string[];
  name: string;
  bad: string;
  good: string;
}

function xmlImportRule(s: XmlImportSpec): Rule {
  const match = (m: string): string | null => {
    if (s.safeModules?.some((x) => m === x || m.startsWith(`${x}.`))) return null;
    return s.modules.find((x) => m === x || m.startsWith(`${x}.`)) ?? null;
  };
  const safeNames = new Set(s.safeNames ?? []);
  return defineRule({
    meta: {
      id: s.id,
      name: s.name,
      category: 'transport',
      severity: 'low',
      confidence: 'high',
      // An import only enables XML attacks: it carries none of their CWEs.
      cwe: [],
      set: 'audit',
      bandit: s.bandit,
      ruff: s.ruff,
      summary: `Import of ${s.modules.join(' / ')} (XML parser vulnerable to entity attacks)`,
      docs: {
        what: `Imports of ${s.modules.map((m) => `\`${m}\``).join(', ')}${s.safeNames ? ' (except `from` imports of names that only build or serialize XML)' : ''}. An audit hint: the parsing calls themselves are reported by the corresponding parse rule.`,
        why: WHY,
        bad: s.bad,
        good: s.good,
        fix: 'Import the `defusedxml` equivalent for parsing untrusted data, or call `defusedxml.defuse_stdlib()`.',
        references: REFS,
      },
    },
    requiresImport: [...new Set(s.modules.map((m) => m.split('.')[0]))],
    create(ctx) {
      const report = (node: PyNode, m: string) => ctx.report({ node, message: `import of ${m}: its parser is vulnerable to XML entity attacks on untrusted data; use defusedxml to parse` });
      return {
        import_statement(node) {
          for (const c of node.children) {
            if (c.field !== 'name') continue;
            const n = (c.type === 'aliased_import' ? c.get('name') : c)?.text.replace(/\s+/g, '') ?? '';
            const m = match(n);
            if (m) return report(node, m);
          }
        },
        import_from_statement(node) {
          const mod = node.get('module_name')?.text.replace(/\s+/g, '') ?? '';
          if (mod.startsWith('.')) return;
          const names = node.children.filter((c) => c.field === 'name').map((c) => (c.type === 'aliased_import' ? c.get('name')?.text : c.text) ?? '');
          let m = match(mod);
          if (m) {
            if (names.length && names.every((n) => safeNames.has(n))) return;
            return report(node, m);
          }
          for (const n of names) {
            m = match(`${mod}.${n}`);
            if (m) return report(node, m);
          }
        },
      };
    },
  });
}

const ET_SAFE_NAMES = ['Element', 'SubElement', 'tostring', 'tostringlist', 'Comment', 'ProcessingInstruction', 'QName', 'indent', 'dump', 'register_namespace', 'ParseError', 'iselement', 'ElementTree'];

export const xmlImportElementTree = xmlImportRule({
  id: 'PW622',
  bandit: 'B405',
  ruff: 'S405',
  name: 'xml-import-elementtree',
  modules: ['xml.etree.cElementTree', 'xml.etree.ElementTree'],
  safeNames: ET_SAFE_NAMES.filter((n) => n !== 'ElementTree'),
  bad: 'import xml.etree.ElementTree as ET\n',
  good: 'import defusedxml.ElementTree as ET\nfrom xml.etree.ElementTree import Element, SubElement, tostring\n',
});
export const xmlImportSax = xmlImportRule({
  id: 'PW623',
  bandit: 'B406',
  ruff: 'S406',
  name: 'xml-import-sax',
  modules: ['xml.sax'],
  safeModules: ['xml.sax.saxutils', 'xml.sax.handler', 'xml.sax.xmlreader'],
  safeNames: ['saxutils', 'handler', 'xmlreader', 'SAXException', 'SAXParseException', 'ContentHandler', 'ErrorHandler'],
  bad: 'import xml.sax\n',
  good: 'import defusedxml.sax\nfrom xml.sax.saxutils import escape\n',
});
export const xmlImportExpatBuilder = xmlImportRule({
  id: 'PW624',
  bandit: 'B407',
  ruff: 'S407',
  name: 'xml-import-expatbuilder',
  modules: ['xml.dom.expatbuilder'],
  bad: 'from xml.dom import expatbuilder\n',
  good: 'from defusedxml import expatbuilder\n',
});
export const xmlImportMinidom = xmlImportRule({
  id: 'PW625',
  bandit: 'B408',
  ruff: 'S408',
  name: 'xml-import-minidom',
  modules: ['xml.dom.minidom'],
  safeNames: ['Document', 'getDOMImplementation', 'Element', 'Node', 'Text'],
  bad: 'from xml.dom import minidom\n',
  good: 'from defusedxml import minidom\n',
});
export const xmlImportPulldom = xmlImportRule({
  id: 'PW626',
  bandit: 'B409',
  ruff: 'S409',
  name: 'xml-import-pulldom',
  modules: ['xml.dom.pulldom'],
  bad: 'from xml.dom import pulldom\n',
  good: 'from defusedxml import pulldom\n',
});
export const xmlImportLxml = xmlImportRule({
  id: 'PW627',
  bandit: 'B410',
  ruff: 'S410',
  name: 'xml-import-lxml',
  modules: ['lxml'],
  safeModules: ['lxml.builder', 'lxml.html.builder'],
  safeNames: ['builder'],
  bad: 'from lxml import etree\n',
  good: 'from lxml.builder import E\n',
});

export const xmlRules: Rule[] = [
  xmlCElementTree,
  xmlElementTree,
  xmlExpatReader,
  xmlExpatBuilder,
  xmlSax,
  xmlMinidom,
  xmlPulldom,
  xmlLxml,
  xmlImportElementTree,
  xmlImportSax,
  xmlImportExpatBuilder,
  xmlImportMinidom,
  xmlImportPulldom,
  xmlImportLxml,
];
