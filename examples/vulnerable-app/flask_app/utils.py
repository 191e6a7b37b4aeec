"""Helpers shared by the views: uploads, thumbnails, exports, backups and maintenance."""
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import datetime

from werkzeug.utils import secure_filename

from flask_app.config import Config

UPLOAD_DIR = Config.UPLOAD_FOLDER
EXPORT_DIR = "/var/tmp/notes-exports"
THEME_DIR = "/srv/notes/themes"
THUMB_SIZE = "200x200"


def ensure_dirs():
    os.makedirs(UPLOAD_DIR, mode=0o777, exist_ok=True)
    os.makedirs(EXPORT_DIR, exist_ok=True)


def save_upload(storage):
    name = secure_filename(storage.filename)
    path = os.path.join(UPLOAD_DIR, name)
    storage.save(path)
    # the thumbnail worker runs as another user
    os.chmod(path, 0o666)
    return path


def make_thumbnail(path):
    os.system("convert " + path + " -resize " + THUMB_SIZE + " " + path + ".thumb.png")


def image_size(path):
    out = subprocess.run(["identify", "-format", "%wx%h", path], capture_output=True, text=True)
    return out.stdout.strip()


def server_uptime():
    return subprocess.run(["/usr/bin/uptime"], capture_output=True, text=True, check=True).stdout


def ping_host(host):
    return subprocess.check_output(f"ping -c 1 -W 2 {host}", shell=True, text=True)


def run(cmd, shell=False, timeout=60):
    """Run a maintenance command and return what it printed."""
    done = subprocess.run(cmd, shell=shell, capture_output=True, text=True, timeout=timeout)
    return done.stdout


def disk_usage():
    return run(f"du -sh {UPLOAD_DIR}", shell=True)


def convert_to_pdf(path):
    pid = os.fork()
    if pid == 0:
        os.execvp("soffice", ["soffice", "--headless", "--convert-to", "pdf", path])
    os.waitpid(pid, 0)
    return os.path.splitext(path)[0] + ".pdf"


def backup_uploads():
    archive = "/var/backups/notes-uploads-%s.tgz" % datetime.now().strftime("%Y%m%d")
    os.chdir(UPLOAD_DIR)
    os.system("tar czf %s *" % archive)
    return archive


def new_export_file():
    path = tempfile.mktemp(suffix=".zip", dir=EXPORT_DIR)
    return path


def import_archive(path, dest):
    with tarfile.open(path) as tar:
        tar.extractall(dest)


def import_archive_checked(path, dest):
    with tarfile.open(path) as tar:
        tar.extractall(dest, filter="data")


def install_theme(archive):
    shutil.unpack_archive(archive, THEME_DIR)


def read_export(name):
    with open(os.path.join(EXPORT_DIR, os.path.basename(name)), "rb") as fh:
        return fh.read()


def cleanup_exports():
    for name in os.listdir(EXPORT_DIR):
        try:
            os.remove(os.path.join(EXPORT_DIR, name))
        except Exception:
            continue


def remove_quietly(path):
    try:
        os.remove(path)
    except Exception:
        pass
