"""The desktop's side of the backend's event stream: reading server-sent events (``sse.py``) and
keeping a stream open, reconnecting with backoff (``consumer.py``). Qt-free."""
