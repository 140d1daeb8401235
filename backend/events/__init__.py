"""Live events: what a committed change tells whom, carried to the desktops' event streams.

- ``staging.py``: a service stages events in its transaction; the route publishes them after commit.
- ``hub.py``: this process's streams, and the latest events for a stream that resumes.
- ``brokers.py``: publishing: in process (SQLite, one process), or through PostgreSQL
  LISTEN/NOTIFY (``postgres.py``) so that every worker process hears every event.
- ``stream.py`` and ``routes.py``: ``GET /events/stream`` (server-sent events).
"""
