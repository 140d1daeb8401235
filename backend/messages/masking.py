"""Recipients as people may see them in lists: enough to recognise, not enough to use."""


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
