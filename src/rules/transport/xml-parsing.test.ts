import { ruleTester, dedent } from '../testing.js';
import {
  xmlCElementTree,
  xmlElementTree,
  xmlExpatBuilder,
  xmlExpatReader,
  xmlImportElementTree,
  xmlImportExpatBuilder,
  xmlImportLxml,
  xmlImportMinidom,
  xmlImportPulldom,
  xmlImportSax,
  xmlLxml,
  xmlMinidom,
  xmlPulldom,
  xmlSax,
} from './xml-parsing.js';

ruleTester(xmlElementTree, {
  valid: [
    'import defusedxml.ElementTree as ET\nET.fromstring(body)\n',
    { name: 'building XML only', code: 'import xml.etree.ElementTree as ET\nroot = ET.Element("a")\nET.tostring(root)\n' },
    { name: 'stdlib defused at start-up', code: 'import defusedxml\nimport xml.etree.ElementTree as ET\ndefusedxml.defuse_stdlib()\nET.parse(f)\n' },
    { name: 'local parse function', code: 'import xml.etree.ElementTree as ET\ndef parse(x): pass\nparse(body)\n' },
  ],
  invalid: [
    { code: 'import xml.etree.ElementTree as ET\nroot = ET.fromstring(body)\n', errors: [{ line: 2, column: 8, severity: 'medium', confidence: 'high', message: 'defusedxml' }] },
    {
      name: 'from import of several functions',
      code: dedent(`
        from xml.etree.ElementTree import parse, XMLParser
        tree = parse(path, parser=XMLParser())
      `),
      errors: [{ line: 2, column: 8, message: 'ElementTree.parse' }, { line: 2, column: 27, message: 'XMLParser' }],
    },
  ],
});

ruleTester(xmlCElementTree, {
  valid: ['import xml.etree.ElementTree as ET\nET.parse(f)\n'],
  invalid: [{ code: 'import xml.etree.cElementTree as cET\ncET.iterparse(f)\n', errors: [{ line: 2, column: 1 }] }],
});

ruleTester(xmlExpatReader, {
  valid: ['import defusedxml.expatreader\ndefusedxml.expatreader.create_parser()\n'],
  invalid: [{ code: 'from xml.sax import expatreader\nexpatreader.create_parser()\n', errors: [{ line: 2, column: 1 }] }],
});

ruleTester(xmlExpatBuilder, {
  valid: ['from defusedxml import expatbuilder\nexpatbuilder.parse(f)\n'],
  invalid: [{ code: 'from xml.dom import expatbuilder\nexpatbuilder.parseString(s)\n', errors: [{ line: 2, column: 1 }] }],
});

ruleTester(xmlSax, {
  valid: ['import defusedxml.sax\ndefusedxml.sax.parseString(s, h)\n', { name: 'saxutils escape', code: 'from xml.sax.saxutils import escape\nescape(s)\n' }],
  invalid: [{ code: 'import xml.sax\nparser = xml.sax.make_parser()\n', errors: [{ line: 2, column: 10, message: 'xml.sax.make_parser' }] }],
});

ruleTester(xmlMinidom, {
  valid: ['from defusedxml.minidom import parseString\nparseString(s)\n', { name: 'creating a document', code: 'from xml.dom import minidom\ndoc = minidom.Document()\n' }],
  invalid: [{ code: 'import xml.dom.minidom\ndoc = xml.dom.minidom.parseString(body)\n', errors: [{ line: 2, column: 7 }] }],
});

ruleTester(xmlPulldom, {
  valid: ['from defusedxml import pulldom\npulldom.parse(f)\n'],
  invalid: [{ code: 'from xml.dom.pulldom import parse\nfor ev, node in parse(f):\n    pass\n', errors: [{ line: 2, column: 17 }] }],
});

ruleTester(xmlLxml, {
  valid: [
    {
      name: 'hardened parser passed by keyword',
      code: 'from lxml import etree\nSAFE = etree.XMLParser(resolve_entities=False, no_network=True)\nroot = etree.fromstring(body, parser=SAFE)\n',
    },
    { name: 'hardened parser inline, positional', code: 'from lxml import etree\netree.parse(f, etree.XMLParser(resolve_entities=False))\n' },
    { name: 'serializing', code: 'from lxml import etree\netree.tostring(root)\n' },
    { name: 'defusedxml.lxml', code: 'from defusedxml.lxml import fromstring\nimport lxml\nfromstring(b)\n' },
  ],
  invalid: [
    { code: 'from lxml import etree\nroot = etree.fromstring(body)\n', errors: [{ line: 2, column: 8, message: 'default parser', severity: 'medium' }] },
    {
      name: 'parser with entity resolution and network',
      code: 'from lxml import etree\np = etree.XMLParser(resolve_entities=True, no_network=False)\n',
      errors: [{ line: 2, column: 21, message: 'resolve_entities=True' }, { line: 2, column: 44, message: 'no_network=False' }],
    },
    {
      name: 'parser that does not disable entities does not count as hardened',
      code: 'import lxml.etree\np = lxml.etree.XMLParser(huge_tree=True)\nlxml.etree.XML(s, p)\n',
      errors: [{ line: 3, column: 1, message: 'lxml.etree.XML()' }],
    },
  ],
});

ruleTester(xmlImportElementTree, {
  valid: [
    'import defusedxml.ElementTree as ET\n',
    { name: 'building names only', code: 'from xml.etree.ElementTree import Element, SubElement, tostring\n' },
  ],
  invalid: [
    { code: 'import xml.etree.ElementTree as ET\n', errors: [{ line: 1, column: 1, severity: 'low', confidence: 'high' }] },
    { name: 'from xml.etree', code: 'from xml.etree import cElementTree\n', errors: [{ line: 1, column: 1, message: 'xml.etree.cElementTree' }] },
    { name: 'from-import including a parse function', code: 'from xml.etree.ElementTree import Element, fromstring\n', errors: [{ line: 1, column: 1 }] },
  ],
});

ruleTester(xmlImportSax, {
  valid: ['from xml.sax.saxutils import escape, quoteattr\n', 'from xml.sax import saxutils\n', 'import xml.sax.handler\n'],
  invalid: [{ code: 'import xml.sax\n', errors: [{ line: 1, column: 1 }] }, { code: 'from xml.sax import make_parser\n', errors: [{ line: 1, column: 1 }] }],
});

ruleTester(xmlImportExpatBuilder, { valid: ['import xml.dom\n'], invalid: [{ code: 'import xml.dom.expatbuilder\n', errors: [{ line: 1, column: 1 }] }] });
ruleTester(xmlImportMinidom, {
  valid: ['from xml.dom.minidom import Document\n'],
  invalid: [{ code: 'from xml.dom import minidom\n', errors: [{ line: 1, column: 1, message: 'xml.dom.minidom' }] }],
});
ruleTester(xmlImportPulldom, { valid: ['from defusedxml import pulldom\n'], invalid: [{ code: 'from xml.dom.pulldom import parseString\n', errors: [{ line: 1, column: 1 }] }] });
ruleTester(xmlImportLxml, {
  valid: ['from lxml.builder import E\n', 'from lxml import builder\n'],
  invalid: [{ code: 'from lxml import etree\n', errors: [{ line: 1, column: 1 }] }, { code: 'import lxml.html\n', errors: [{ line: 1, column: 1 }] }],
});
