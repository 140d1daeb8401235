"""How a backend started as a child process says where it listens: one stdout line.

``python -m backend --announce`` prints ``OPSDESK_BACKEND_READY <url>`` once it accepts
connections; the desktop's embedded backend, the tests and the benchmarks wait for it.
"""

READY_LINE = "OPSDESK_BACKEND_READY"

# ``--local-delivery DIR``: the local SMTP server's Maildir and the SMS stand-in's log under DIR,
# where the backend writes and the desktop looks.
LOCAL_MAIL_FOLDER = "mail"
LOCAL_SMS_FOLDER = "sms"
LOCAL_SMS_LOG = "sms.jsonl"


def ready_url(line: str) -> str | None:
    """The URL of a ready line, or None for any other output line."""
    head, _, url = line.strip().partition(" ")
    return (url.strip() or None) if head == READY_LINE else None
