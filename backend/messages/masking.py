"""What people may see of a message: recipients enough to recognise, not enough to use; one-time
codes not at all."""

import re

# A one-time code is a run of 4 to 8 digits; nobody in the back office needs to read it.
_CODE = re.compile(r"(?<!\d)\d{4,8}(?!\d)")


def mask_recipient(recipient: str) -> str:
    """``+85291234567`` → ``+852 ****4567``; ``chan.tai.man@example.com`` → ``c***@example.com``."""
    if "@" in recipient:
        local, _, domain = recipient.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = recipient.replace(" ", "")
    if digits.startswith("+") and len(digits) > 8:
        country = digits[:4] if digits.startswith(("+852", "+853", "+886")) else digits[:-10] or digits[:2]
        return f"{country} ****{digits[-4:]}"
    return "****" + digits[-4:]


def mask_codes(body: str) -> str:
    return _CODE.sub(lambda m: "•" * len(m.group()), body)
