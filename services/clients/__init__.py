"""Typed API clients, one module per area (risk, approvals, messages, help center, funds, session).

Each wraps the app's one ``ApiClient`` (services/api_client.py: transport, sign-in header, errors as
``ApiError``) and offers the area's requests as typed methods that take and return the contract's
models (services/contract). The UI calls these and never writes a URL path or an HTTP verb.
"""
