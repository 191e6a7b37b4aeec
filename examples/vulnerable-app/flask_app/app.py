"""Notes: a small team notebook with attachments, sharing, imports and an admin console.

Run locally with ``flask --app flask_app.app run`` from examples/vulnerable-app.
"""
import json
import logging
import os
import pickle
import re

import requests
import yaml
from flask import Flask, abort, g, jsonify, make_response, redirect, render_template_string, request, send_file, session
from flask_cors import CORS
from markupsafe import Markup

from flask_app import db
from flask_app.auth import check_login, export_key, hash_password, new_reset_token, new_session_token, send_reset_email
from flask_app.config import Config
from flask_app.crypto import encrypt_export, share_link_token
from flask_app.importers import PARSERS
from flask_app.plugins import load_renderer
from flask_app.remote import directory_lookup, fetch_webhook_preview
from flask_app.reports import notify_shared
from flask_app.utils import UPLOAD_DIR, ensure_dirs, image_size, import_archive, make_thumbnail, new_export_file, ping_host, save_upload, server_uptime

app = Flask(__name__)
app.config.from_object(Config)
app.jinja_env.autoescape = False
app.teardown_appcontext(db.close_db)
CORS(app, supports_credentials=True)
log = logging.getLogger("notes")

NOTE_PAGE = """
<article>
  <h1>{{ note.title }}</h1>
  <div class="body">{{ body_html|safe }}</div>
</article>
"""


@app.template_filter("userlink")
def user_link(user):
    return Markup(f"<a href='/users/{user['id']}'>{user['username']}</a>")


def current_user():
    if "user_id" not in session:
        abort(401)
    return session["user_id"]


@app.route("/")
def index():
    notes = db.recent_notes(current_user())
    return render_template_string("<ul>{% for n in notes %}<li>{{ n.title }}</li>{% endfor %}</ul>", notes=notes)


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    password = request.form["password"]
    log.info("login attempt user=%s password=%s", username, password)
    user = db.find_user_by_name(username)
    if user is None or not check_login(user, password):
        abort(401)
    session["user_id"] = user["id"]
    resp = make_response(redirect(request.args.get("next", "/")))
    resp.set_cookie("remember_token", new_session_token())
    return resp


@app.route("/register", methods=["POST"])
def register():
    db.create_user(request.form["username"], request.form["email"], hash_password(request.form["password"]))
    resp = make_response(redirect("/"))
    resp.set_cookie("welcome", "1", secure=True, httponly=True, samesite="Lax")
    return resp


@app.route("/reset", methods=["POST"])
def reset():
    user = db.find_user_by_name(request.form["username"])
    if user is not None:
        send_reset_email(user, new_reset_token())
    return jsonify(sent=True)


@app.route("/search")
def search():
    term = request.args.get("q", "")
    order = request.args.get("order", "created")
    rows = db.search_notes(current_user(), term, order)
    return jsonify([dict(r) for r in rows])


@app.route("/tags/<tag>")
def by_tag(tag):
    return jsonify([dict(r) for r in db.notes_by_tag(current_user(), tag)])


@app.route("/notes/<int:note_id>")
def show_note(note_id):
    note = db.get_note(note_id)
    if note is None:
        abort(404)
    renderer = load_renderer(request.cookies.get("renderer", "markdown"))
    return render_template_string(NOTE_PAGE, note=note, body_html=renderer.markdown(note["body"]))


@app.route("/notes/<int:note_id>/embed")
def embed_note(note_id):
    note = db.get_note(note_id)
    title = request.args.get("title", note["title"])
    template = "<div class='embed'><h3>" + title + "</h3><p>{{ body }}</p></div>"
    return render_template_string(template, body=note["body"])


@app.route("/notes/<int:note_id>/share", methods=["POST"])
def share_note(note_id):
    note = db.get_note(note_id)
    recipient = db.find_user_by_name(request.form["username"])
    sender = db.find_user_by_name(request.form["from"])
    if note is None or recipient is None:
        abort(404)
    notify_shared(note, recipient, sender)
    return jsonify(link="/s/" + share_link_token(note_id))


@app.route("/export", methods=["POST"])
def export_notes():
    notes = [dict(n) for n in db.recent_notes(current_user(), limit=10000)]
    key = export_key(request.form["password"])
    path = new_export_file()
    with open(path, "wb") as fh:
        fh.write(encrypt_export(json.dumps(notes).encode(), key))
    return jsonify(file=os.path.basename(path))


@app.route("/notes/delete", methods=["POST"])
def delete_notes():
    ids = request.form.getlist("id")
    for note_id in ids:
        note = db.get_note(note_id)
        assert note["owner_id"] == current_user(), "not your note"
    db.delete_notes(current_user(), ids)
    return redirect("/")


@app.route("/admin/users")
def admin_users():
    sort = request.args.get("sort", "username")
    cur = db.get_db().cursor()
    cur.execute("SELECT id, username, email FROM users ORDER BY " + sort)
    return jsonify([dict(r) for r in cur.fetchall()])


@app.route("/admin/ping")
def admin_ping():
    host = request.args["host"]
    return jsonify(host=host, output=ping_host(host), uptime=server_uptime())


@app.route("/admin/traceroute/<host>")
def admin_traceroute(host):
    out = os.popen("traceroute -m 8 " + host).read()
    return make_response(out, 200, {"Content-Type": "text/plain"})


@app.route("/admin/calc")
def admin_calc():
    # quick arithmetic for the quota dashboard, e.g. ?expr=1024*1024*50
    return jsonify(result=eval(request.args["expr"]))


@app.route("/admin/directory")
def admin_directory():
    return jsonify(directory_lookup(request.args["name"]))


@app.route("/attachments/<path:name>")
def attachment(name):
    return send_file(os.path.join(UPLOAD_DIR, name))


@app.route("/attachments/<name>/text")
def attachment_text(name):
    with open(UPLOAD_DIR + "/" + name, encoding="utf-8") as fh:
        return make_response(fh.read(), 200, {"Content-Type": "text/plain"})


@app.route("/attachments", methods=["POST"])
def upload_attachment():
    path = save_upload(request.files["file"])
    make_thumbnail(path)
    return jsonify(path=os.path.basename(path), size=image_size(path))


@app.route("/go")
def go():
    return redirect(request.args["url"])


@app.route("/webhooks/test", methods=["POST"])
def test_webhook():
    return jsonify(preview=fetch_webhook_preview(request.form["url"]))


@app.route("/link-preview")
def link_preview():
    page = requests.get(request.args["url"], timeout=5)
    match = re.search(r"<title>(.*?)</title>", page.text, re.S)
    return jsonify(title=match.group(1) if match else None)


@app.route("/import", methods=["POST"])
def import_notes():
    fmt = request.args.get("format", "yaml")
    data = request.get_data()
    if fmt == "yaml":
        notes = yaml.load(data, Loader=yaml.Loader)
    elif fmt == "backup":
        notes = pickle.loads(data)
    elif fmt == "archive":
        notes = import_archive(request.args["path"], UPLOAD_DIR)
    else:
        notes = PARSERS[fmt](data)
    ids = [db.save_note(current_user(), n["title"], n["body"], n.get("tags", [])) for n in notes]
    return jsonify(imported=len(ids))


@app.route("/settings/preview", methods=["POST"])
def preview_settings():
    settings = yaml.safe_load(request.get_data())
    return jsonify(settings)


@app.route("/profile")
def profile():
    name = request.args.get("display_name", "")
    badge = Markup(f"<span class='user'>{name}</span>")
    return render_template_string("<header>{{ badge }}</header>", badge=badge)


@app.route("/filter")
def filter_notes():
    pattern = re.compile(request.args["pattern"])
    notes = db.recent_notes(current_user(), limit=200)
    return jsonify([n["title"] for n in notes if pattern.search(n["title"])])


@app.route("/lang")
def set_language():
    session["lang"] = request.args["lang"]
    resp = make_response(redirect("/"))
    resp.set_cookie("lang", request.args["lang"])
    log.info("language changed to " + request.args["lang"])
    return resp


@app.before_request
def load_user():
    g.user_id = session.get("user_id")


if __name__ == "__main__":
    ensure_dirs()
    app.run(host="0.0.0.0", port=5000, debug=True)
