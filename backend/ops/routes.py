"""``GET /metrics``: Prometheus' text format, for the operator's scraper, not the desktop.

No sign-in (a scraper has no user), and nothing but counts: no names, ids or amounts. Still, it
answers only the networks of ``metrics_networks`` (loopback by default: a scraper or agent on the
host) or a request with ``Authorization: Bearer <metrics_token>``; anyone else gets 403. Left out
of the OpenAPI document: it is not part of the API the desktop speaks.
"""

import hmac
import ipaddress

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backend.kit.errors import problem_response
from backend.ops import metrics
from backend.settings import Settings
from services.contract.errors import ErrorCode

router = APIRouter()


def may_read_metrics(request: Request, settings: Settings) -> bool:
    token = settings.metrics_token
    if token is not None and token.get_secret_value():
        given = request.headers.get("authorization", "")
        if hmac.compare_digest(given.encode(), f"Bearer {token.get_secret_value()}".encode()):
            return True
    if request.client is None:
        return False
    try:
        address = ipaddress.ip_address(request.client.host)
    except ValueError:  # not an address (a test client's "testclient")
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # a dual-stack socket's view of an IPv4 client
    return any(address in ipaddress.ip_network(network, strict=False) for network in settings.metrics_networks)


@router.get("/metrics", include_in_schema=False)
def read_metrics(request: Request):
    if not may_read_metrics(request, request.app.state.settings):
        return problem_response(403, ErrorCode.PERMISSION_DENIED, "Metrics are not served to this address.",
                                "Scrape from a network in OPSDESK_METRICS_NETWORKS, or send OPSDESK_METRICS_TOKEN "
                                "as a bearer token.")
    return Response(metrics.scrape(request.app.state.database), media_type=metrics.CONTENT_TYPE)
