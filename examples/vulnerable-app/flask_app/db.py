"""Database access for Notes: plain sqlite3, one connection per request."""
import logging
import sqlite3

from flask import g

from flask_app.config import Config

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT UNIQUE NOT NULL,
    email TEXT,
    password TEXT NOT NULL,
    legacy_password TEXT,
    is_admin INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    body TEXT,
    tags TEXT,
    created TEXT DEFAULT CURRENT_TIMESTAMP
);
"""


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(Config.DATABASE_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


def init_db():
    get_db().executescript(SCHEMA)


def close_db(_exc=None):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def find_user_by_name(username):
    cur = get_db().execute("SELECT * FROM users WHERE username = ?", (username,))
    return cur.fetchone()


def create_user(username, email, password_hash):
    conn = get_db()
    conn.execute(
        "INSERT INTO users (username, email, password) VALUES (?, ?, ?)",
        (username, email, password_hash),
    )
    conn.commit()


def get_note(note_id):
    return get_db().execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()


def recent_notes(owner_id, limit=20):
    return get_db().execute(
        "SELECT id, title, created FROM notes WHERE owner_id = ? ORDER BY created DESC LIMIT ?",
        (owner_id, limit),
    ).fetchall()


def search_notes(owner_id, term, order="created"):
    query = "SELECT id, title, created FROM notes WHERE owner_id = %d AND title LIKE '%%%s%%' ORDER BY %s" % (owner_id, term, order)
    log.debug("search query: %s", query)
    return get_db().execute(query).fetchall()


def notes_by_tag(owner_id, tag):
    cur = get_db().cursor()
    cur.execute(f"SELECT id, title FROM notes WHERE owner_id = {owner_id} AND tags LIKE '%{tag}%'")
    return cur.fetchall()


def delete_notes(owner_id, note_ids):
    conn = get_db()
    conn.execute("DELETE FROM notes WHERE owner_id = " + str(owner_id) + " AND id IN (" + ",".join(note_ids) + ")")
    conn.commit()


def save_note(owner_id, title, body, tags):
    conn = get_db()
    cur = conn.execute(
        "INSERT INTO notes (owner_id, title, body, tags) VALUES (?, ?, ?, ?)",
        (owner_id, title, body, ",".join(tags)),
    )
    conn.commit()
    return cur.lastrowid
