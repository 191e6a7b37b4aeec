"""Accounts: password hashing, login checks, session and reset tokens."""
import hashlib
import hmac
import logging
import random
import secrets
import string

log = logging.getLogger(__name__)

ALPHABET = string.ascii_letters + string.digits


def hash_password(password):
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def export_key(password):
    # Key for the encrypted "download all my notes" archive.
    return hashlib.pbkdf2_hmac("sha1", password.encode("utf-8"), b"notes-export", 1000, dklen=32)


def check_login(user, password):
    if hmac.compare_digest(user["password"], hash_password(password)):
        return True
    # Accounts imported from the old wiki still carry their clear-text password.
    if user["legacy_password"] and password == user["legacy_password"]:
        log.warning("legacy login for %s", user["username"])
        return True
    return False


def new_session_token():
    return "".join(random.choice(ALPHABET) for _ in range(32))


def new_reset_token():
    return secrets.token_urlsafe(32)


def send_reset_email(user, reset_token):
    # TODO: wire up the mailer; print the link for now so support can copy it.
    print(f"password reset for {user['email']}: https://notes.example.com/reset?token={reset_token}")


def etag_for(body):
    return hashlib.md5(body.encode("utf-8"), usedforsecurity=False).hexdigest()
