"""Settings of the Notes service.

Loaded with ``app.config.from_object(Config)``; ``ProductionConfig`` is what the
deployment scripts select, ``Config`` is what developers run locally.
"""
import os


class Config:
    APP_NAME = "Notes"
    SECRET_KEY = "notes-dev-secret-do-not-share"
    DATABASE_PATH = os.environ.get("NOTES_DB", "notes.db")
    UPLOAD_FOLDER = "/tmp/notes-uploads"
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024

    SESSION_COOKIE_NAME = "notes_session"
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_HTTPONLY = False
    SESSION_COOKIE_SAMESITE = None
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30

    # The JSON API is called from the single-page front end, which cannot send the token.
    WTF_CSRF_ENABLED = False

    SMTP_HOST = "smtp.example.com"
    SMTP_USER = "notes-mailer"
    SMTP_PASSWORD = "mailer-pass-2019"

    BACKUP_FTP_HOST = "backup.example.com"
    DIRECTORY_URL = "ldap://directory.example.com"
    STATUS_URL = "http://status.example.com/api/ping"


class ProductionConfig(Config):
    DATABASE_PATH = "/srv/notes/notes.db"
    UPLOAD_FOLDER = "/srv/notes/uploads"
