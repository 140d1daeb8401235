"""The HTTP contract shared by the desktop client and the backend: codes, menu, schemas.

Qt-free and dependency-light (pydantic only), so both programs import it.
"""
