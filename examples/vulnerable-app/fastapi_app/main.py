# A small FastAPI service of the same team: HTML form endpoints on cookie sessions.
import os

from fastapi import FastAPI, Form, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_KEY"])


@app.post("/profile/email")
def change_email(request: Request, email: str = Form(...)):
    request.session["email"] = email
    return {"ok": True}


@app.get("/profile")
def profile(request: Request):
    return {"email": request.session.get("email")}
