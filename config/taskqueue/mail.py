"""E-mail through the task queue: `send()` enqueues, a task delivers.

`EMAIL_BACKEND` is this backend; the real one (console, SMTP... from `EMAIL_URL`) is
`EMAIL_DELIVERY_BACKEND`, used by the `deliver_email` task. So every e-mail of the site,
ours, Oscar's and allauth's, leaves the web request; with the database task backend the
message is enqueued in the request's transaction and is sent only if it commits.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from email.mime.base import MIMEBase
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid


def serialize_message(message: EmailMessage) -> dict[str, Any]:
    """A JSON-safe copy of a message (task arguments are JSON)."""
    headers = dict(message.extra_headers)
    # One Message-ID per message, kept across retries: a receiving server that gets a
    # message twice (a worker died after sending) can tell it is the same.
    headers.setdefault("Message-ID", make_msgid(domain="paniercommun"))
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            raise ValueError("MIME attachments cannot be queued; attach bytes or text")
        filename, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else content
        attachments.append([filename, base64.b64encode(raw).decode("ascii"), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "content_subtype": message.content_subtype,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "alternatives": [list(alt) for alt in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def deserialize_message(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alt) for alt in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def deliver(data: dict[str, Any]) -> None:
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    connection.send_messages([deserialize_message(data)])


class TaskEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from .tasks import deliver_email

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email.enqueue(serialize_message(message))
            count += 1
        return count
