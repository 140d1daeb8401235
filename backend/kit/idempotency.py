"""The Idempotency-Key header of the operations that require one (Stripe, the IETF draft).

Documented as required, as the server treats it: a request without one, or with a blank one, is
refused 400 ``idempotency_key_required`` (backend/kit/errors.py), one too long 422.
"""

from typing import Annotated

from fastapi import Header

IDEMPOTENCY_HEADER = "idempotency-key"

IdempotencyKey = Annotated[str, Header(
    alias=IDEMPOTENCY_HEADER, min_length=1, max_length=80, pattern=r"\S",
    description="names this request: a retry with the same key and body gets the first answer")]
