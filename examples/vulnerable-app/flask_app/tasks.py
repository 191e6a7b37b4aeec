"""Maintenance commands run from cron: ``flask --app flask_app.tasks nightly``."""
import click

from flask_app.app import app
from flask_app.remote import report_status, run_on_backup_host, upload_backup
from flask_app.utils import backup_uploads, cleanup_exports, disk_usage, ensure_dirs

KEEP_BACKUPS = 14


@app.cli.command("nightly")
def nightly():
    ensure_dirs()
    archive = backup_uploads()
    upload_backup(archive)
    click.echo(run_on_backup_host(f"ls -1t | tail -n +{KEEP_BACKUPS + 1} | xargs -r rm --"))
    cleanup_exports()
    report_status()


@app.cli.command("disk")
def disk():
    click.echo(disk_usage())
