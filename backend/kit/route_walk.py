"""Every route the app serves, included routers' too."""

from collections.abc import Iterable, Sequence

from fastapi import routing
from starlette.routing import BaseRoute, Match
from starlette.types import Scope


def each_route(routes: Sequence[BaseRoute]) -> Iterable:
    """The app's routes with included routers opened up: FastAPI ≥ 0.16x wraps those in a route of
    their own (its route contexts carry path, methods and dependant); older ones list them flat."""
    contexts = getattr(routing, "iter_route_contexts", None)
    return contexts(routes) if contexts else routes


def route_for(scope: Scope):
    """The route that serves the request (path and method), or None."""
    return next((route for route in each_route(scope["app"].routes) if route.matches(scope)[0] == Match.FULL), None)
