"""How a backend started as a child process says where it listens: one stdout line.

``python -m backend --announce`` prints ``OPSDESK_BACKEND_READY <url>`` once it accepts
connections; the desktop's embedded backend, the tests and the benchmarks wait for it.
With ``--announce-progress`` it says before that what it prepares, one
``OPSDESK_BACKEND_PROGRESS <step>`` line per step that has work to do (a first start migrates
and seeds the demo data for seconds): the desktop's sign-in dialog shows it while it waits.
"""

from enum import StrEnum

READY_LINE = "OPSDESK_BACKEND_READY"
PROGRESS_LINE = "OPSDESK_BACKEND_PROGRESS"


class PrepareStep(StrEnum):
    """The steps of a start that may take a while, in the order they run; only a step with work to
    do is announced (a later start migrates nothing and finds the demo data there)."""

    SCHEMA = "schema"  # Alembic migrations: every table on a first start
    DEMO_ACCOUNTS = "demo_accounts"
    DEMO_SECURITIES = "demo_securities"
    DEMO_MESSAGES = "demo_messages"
    DEMO_HELP_ARTICLES = "demo_help_articles"
    DEMO_FUNDS = "demo_funds"


PREPARE_STEPS = tuple(PrepareStep)  # in order: the dialog counts "step n of 6"

# ``--local-delivery DIR``: the local SMTP server's Maildir and the SMS stand-in's log under DIR,
# where the backend writes and the desktop looks.
LOCAL_MAIL_FOLDER = "mail"
LOCAL_SMS_FOLDER = "sms"
LOCAL_SMS_LOG = "sms.jsonl"


def ready_url(line: str) -> str | None:
    """The URL of a ready line, or None for any other output line."""
    head, _, url = line.strip().partition(" ")
    return (url.strip() or None) if head == READY_LINE else None


def progress_line(step: PrepareStep) -> str:
    return f"{PROGRESS_LINE} {step}"


def progress_step(line: str) -> PrepareStep | None:
    """The step of a progress line, or None for any other line (or a step this side does not know)."""
    head, _, step = line.strip().partition(" ")
    return PrepareStep(step.strip()) if head == PROGRESS_LINE and step.strip() in PREPARE_STEPS else None
