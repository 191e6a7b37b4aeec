"""API tokens for the mobile client: issued at login, checked on every API call."""
import os

import jwt
from jose import jwt as jose_jwt

API_TOKEN_KEY = "notes-api-signing-key-2019"
PARTNER_PUBLIC_KEY = os.environ.get("PARTNER_PUBLIC_KEY", "")


def issue_token(user_id):
    return jwt.encode({"sub": user_id}, API_TOKEN_KEY, algorithm="HS256")


def issue_token_v2(user_id):
    return jwt.encode({"sub": user_id}, os.environ["API_TOKEN_KEY"], algorithm="HS256")


def user_from_token(token):
    claims = jwt.decode(token, API_TOKEN_KEY, algorithms=["HS256"])
    return claims["sub"]


def user_from_token_v2(token):
    return jwt.decode(token, os.environ["API_TOKEN_KEY"], algorithms=["HS256"])["sub"]


def debug_claims(token):
    # Shown on the admin "token inspector" page; also used by the legacy sync endpoint.
    return jwt.decode(token, options={"verify_signature": False})


def partner_user(token):
    return jose_jwt.decode(token, PARTNER_PUBLIC_KEY)["sub"]


def partner_user_any_alg(token):
    header = jwt.get_unverified_header(token)
    return jwt.decode(token, PARTNER_PUBLIC_KEY, algorithms=[header["alg"]])["sub"]


def partner_user_checked(token):
    header = jwt.get_unverified_header(token)
    key = PARTNER_PUBLIC_KEY if header.get("kid") == "partner-1" else None
    return jwt.decode(token, key, algorithms=["RS256"])["sub"]


def legacy_user(token):
    return jwt.decode(token, PARTNER_PUBLIC_KEY, algorithms=["RS256", "none"])["sub"]


def session_user(token):
    claims = jose_jwt.get_unverified_claims(token)
    return claims["sub"]
