"""How each route is authorized, written into the OpenAPI document as ``x-authorization``.

A route guarded by ``require``/``require_any`` names its permission code. A route whose
permission depends on what it acts on (the flow in the body, the order's maker) names a ``Rule``
instead and its handler checks it. A route with neither is public. The authorization-matrix test
reads this from the document and derives each role's answer from the roles table, so a route can
never be added without saying who may call it.
"""

from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from fastapi import FastAPI

from backend.kit.route_walk import each_route

EXTENSION = "x-authorization"


class Rule(StrEnum):
    SIGNED_IN = "signed_in"                # anyone signed in; the answer is about themselves only
    WORK_ORDER_LIST = "work_order_list"    # approval.inbox; the ``all`` view also approval.view_all
    WORK_ORDER_READ = "work_order_read"    # its maker, anyone its levels name or copy, or approval.view_all
    FLOW_SUBMIT = "flow_submit"            # the permission named by the body's flow id
    FLOW_DECIDE = "flow_decide"            # approval.inbox, and an approver of the level, never the maker
    MAKER_WITHDRAW = "maker_withdraw"      # the order's maker only
    MAKER_RESUBMIT = "maker_resubmit"      # the order's maker, who still holds the flow's permission
    LEVEL_APPROVER = "level_approver"      # approval.inbox, and an approver of the order's current level (轉交)
    ORDER_PARTY = "order_party"            # approval.inbox, and the order's maker or an approver of it (抄送)


def _authorization(dependant) -> dict[str, Any] | None:
    for dep in dependant.dependencies:
        call = dep.call
        declared: dict[str, Any] = {}
        if (permission := getattr(call, "required_permission", None)) is not None:
            declared["permission"] = str(permission)
        if (permissions := getattr(call, "required_any", None)) is not None:
            declared["any_of"] = [str(p) for p in permissions]
        if (rule := getattr(call, "authorization_rule", None)) is not None:
            declared["rule"] = str(rule)
        if declared:
            return declared
        if getattr(call, "signs_in", False):
            return {"undeclared": True}  # a bare CurrentPrincipal: the matrix test refuses it
        if (found := _authorization(dep)) is not None:
            return found
    return None


def _api_routes(app: FastAPI) -> Iterator:
    for route in each_route(app.routes):
        if hasattr(getattr(route, "original_route", route), "dependant") and route.include_in_schema:
            yield route


def install(app: FastAPI) -> None:
    """Makes ``app.openapi()`` carry each operation's authorization."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        first = app.openapi_schema is None
        schema = build()
        if first:
            for route in _api_routes(app):
                declared = _authorization(route.dependant) or {"public": True}
                for method in route.methods:
                    operation = schema["paths"].get(route.path_format, {}).get(method.lower())
                    if operation is not None:
                        operation[EXTENSION] = declared
        return schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the document
