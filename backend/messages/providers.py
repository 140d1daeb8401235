"""Real delivery: Email over SMTP (aiosmtplib), SMS over a gateway's HTTP API (httpx).

Each send returns an Outcome: sent with the provider's message id, or failed, transient (worth a
retry: a timeout, a 4xx SMTP reply, a 5xx HTTP answer) or permanent (the provider's reason: a
rejected mailbox, a refused number).
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

import aiosmtplib


@dataclass(frozen=True)
class Outcome:
    sent: bool
    provider_message_id: str | None = None
    error: str | None = None
    transient: bool = False


DEFAULT_SENDER = "OpsDesk <no-reply@opsdesk.local>"


@dataclass(frozen=True)
class EmailProvider:
    host: str
    port: int
    sender: str = DEFAULT_SENDER
    timeout: float = 15.0

    async def send(self, recipient: str, subject: str, body: str) -> Outcome:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, recipient, subject
        message["Message-ID"] = make_msgid(domain="opsdesk.local")
        message.set_content(body)
        try:
            await aiosmtplib.send(message, hostname=self.host, port=self.port, timeout=self.timeout)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            return Outcome(False, error=_smtp_reason(exc), transient=False)
        except aiosmtplib.SMTPResponseException as exc:
            return Outcome(False, error=f"{exc.code} {exc.message}", transient=400 <= exc.code < 500)
        except (aiosmtplib.SMTPException, OSError) as exc:
            return Outcome(False, error=f"SMTP server unreachable: {exc}", transient=True)
        return Outcome(True, provider_message_id=message["Message-ID"])


def _smtp_reason(exc: aiosmtplib.SMTPRecipientsRefused) -> str:
    reasons = [f"{e.code} {e.message}" for e in exc.recipients]
    return "; ".join(reasons) or str(exc)


@dataclass(frozen=True)
class SmsProvider:
    """A gateway taking ``POST {url}`` with JSON ``{"to", "text"}`` and answering ``{"message_id"}``."""

    url: str
    timeout: float = 15.0

    async def send(self, recipient: str, subject: str, body: str) -> Outcome:
        import httpx  # when an SMS is sent: the backend process starts without it, a third of a second sooner

        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                response = await client.post(self.url, json={"to": recipient, "text": body})
        except httpx.HTTPError as exc:
            return Outcome(False, error=f"SMS gateway unreachable: {exc}", transient=True)
        if response.status_code >= 500 or response.status_code == 429:
            return Outcome(False, error=f"SMS gateway {response.status_code}", transient=True)
        if response.is_error:
            try:
                reason = response.json().get("error") or response.text
            except ValueError:
                reason = response.text
            return Outcome(False, error=f"SMS gateway refused: {reason}"[:300], transient=False)
        return Outcome(True, provider_message_id=str(response.json().get("message_id")))
