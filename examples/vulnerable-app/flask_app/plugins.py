"""Plugins: small Python hooks admins upload to transform notes on save."""
import ast
import importlib
import logging
import marshal
import os
import shelve

import yaml

from flask_app.config import Config

log = logging.getLogger(__name__)

PLUGIN_DIR = "/srv/notes/plugins"
CACHE_FILE = os.path.join(PLUGIN_DIR, "compiled.cache")


def load_renderer(name):
    """Markdown renderer chosen by the user in their settings (e.g. "markdown", "mistune")."""
    return importlib.import_module(name)


def parse_option(raw):
    """Plugin options are stored as Python literals, e.g. "[1, 2]" or "{'width': 80}"."""
    try:
        return ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        # options saved by old plugin versions may hold expressions such as "60 * 60"
        return eval(raw)


def run_hook(source, note):
    scope = {"note": note, "log": log}
    exec(source, scope)
    return scope.get("note", note)


def plugin_manifest(name):
    with open(os.path.join(PLUGIN_DIR, name + ".yaml"), encoding="utf-8") as fh:
        return yaml.load(fh, Loader=yaml.FullLoader)


def load_compiled(name):
    with open(os.path.join(PLUGIN_DIR, name + ".bin"), "rb") as fh:
        return marshal.loads(fh.read())


def plugin_state(name):
    with shelve.open(CACHE_FILE) as db:
        return db.get(name, {})


def enabled_plugins():
    names = []
    for entry in os.listdir(PLUGIN_DIR):
        if entry.endswith(".py"):
            names.append(entry[:-3])
    assert names or Config.APP_NAME, "no plugins"
    return names
