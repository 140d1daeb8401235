"""Both local servers for one folder: mail in ``<folder>/mail`` (Maildir), SMS in
``<folder>/sms/sms.jsonl``. The desktop shows the same layout as the local mailbox
(desktop/embedded_backend.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backend.local_delivery.mail_server import HOST, MailServer, start_mail_server
from backend.local_delivery.sms_gateway import SmsGateway, start_sms_gateway
from services.contract.launch import LOCAL_MAIL_FOLDER as MAIL_FOLDER
from services.contract.launch import LOCAL_SMS_FOLDER as SMS_FOLDER


@dataclass
class LocalDelivery:
    mail: MailServer
    sms: SmsGateway

    @property
    def smtp_host(self) -> str:
        return HOST

    @property
    def smtp_port(self) -> int:
        return self.mail.port

    @property
    def sms_url(self) -> str:
        return self.sms.url

    def stop(self) -> None:
        self.sms.stop()
        self.mail.stop()


def start_local_delivery(folder: Path) -> LocalDelivery:
    """Starts the SMTP server and the SMS gateway stand-in, each on a free loopback port."""
    folder = Path(folder)
    mail = start_mail_server(folder / MAIL_FOLDER)
    try:
        sms = start_sms_gateway(folder / SMS_FOLDER)
    except BaseException:
        mail.stop()
        raise
    return LocalDelivery(mail, sms)
