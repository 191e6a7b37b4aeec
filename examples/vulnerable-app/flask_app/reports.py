"""Printable reports (Mako, inherited from the old reporting tool) and notification e-mails (Jinja2)."""
from jinja2 import Environment, FileSystemLoader
from mako.lookup import TemplateLookup

from flask_app.remote import send_mail

reports = TemplateLookup(directories=["templates/reports"], input_encoding="utf-8")
mail_templates = Environment(loader=FileSystemLoader("templates/email"))


def weekly_report(user, notes):
    return reports.get_template("weekly.mako").render(user=user, notes=notes)


def notify_shared(note, recipient, sender):
    body = mail_templates.get_template("shared.txt").render(note=note, sender=sender)
    send_mail(recipient["email"], f"{sender['username']} shared a note with you", body)
