"""Importers for notes exported from other tools (ENEX, OPML, RSS, OneNote XML, old wiki dumps)."""
import xml.etree.ElementTree as ET
import xml.sax
from xml.dom import expatbuilder, minidom, pulldom

from lxml import etree

import defusedxml.ElementTree as SafeET


class _WikiPageHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.pages = []
        self._title = None
        self._buf = []

    def startElement(self, name, attrs):
        self._buf = []

    def characters(self, content):
        self._buf.append(content)

    def endElement(self, name):
        if name == "title":
            self._title = "".join(self._buf)
        elif name == "text":
            self.pages.append({"title": self._title, "body": "".join(self._buf), "tags": ["wiki"]})


def parse_enex(data):
    root = etree.fromstring(data)
    return [
        {"title": n.findtext("title"), "body": n.findtext("content"), "tags": [t.text for t in n.findall("tag")]}
        for n in root.iter("note")
    ]


def parse_opml(data):
    doc = minidom.parseString(data)
    return [{"title": o.getAttribute("text"), "body": o.getAttribute("_note"), "tags": ["opml"]} for o in doc.getElementsByTagName("outline")]


def parse_rss(data):
    root = ET.fromstring(data)
    return [{"title": i.findtext("title"), "body": i.findtext("description"), "tags": ["rss"]} for i in root.iter("item")]


def parse_rss_checked(data):
    root = SafeET.fromstring(data)
    return [{"title": i.findtext("title"), "body": i.findtext("description"), "tags": ["rss"]} for i in root.iter("item")]


def parse_wiki_dump(data):
    handler = _WikiPageHandler()
    xml.sax.parseString(data, handler)
    return handler.pages


def parse_onenote(data):
    notes = []
    events = pulldom.parseString(data)
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "page":
            events.expandNode(node)
            notes.append({"title": node.getAttribute("title"), "body": node.toxml(), "tags": ["onenote"]})
    return notes


def parse_legacy_export(data):
    doc = expatbuilder.parseString(data)
    return [{"title": n.getAttribute("name"), "body": n.firstChild.data if n.firstChild else "", "tags": []} for n in doc.getElementsByTagName("entry")]


PARSERS = {
    "enex": parse_enex,
    "opml": parse_opml,
    "rss": parse_rss,
    # new RSS importer; "rss" stays until the mobile app sends "rss2"
    "rss2": parse_rss_checked,
    "wiki": parse_wiki_dump,
    "onenote": parse_onenote,
    "legacy": parse_legacy_export,
}
