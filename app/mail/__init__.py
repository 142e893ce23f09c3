"""Email: every message goes into the outbox (app/models/mail.py) and `flask mail send` delivers
what is due over SMTP (the MAIL_* settings), retrying what failed; nothing is lost while the
mail server is down. docs/mail.md says how to set it up and run it from cron."""

from app.mail.outbox import MailSettings, deliver, queue

__all__ = ["MailSettings", "deliver", "queue"]
