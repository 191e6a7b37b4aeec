"""Entry point for the shared-hosting plan, where the app runs as a CGI script."""
from wsgiref.handlers import CGIHandler

from flask_app.app import app

if __name__ == "__main__":
    CGIHandler().run(app)
