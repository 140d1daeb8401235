"""Sign-in rules both sides follow: the backend's lockout of online sign-in and the workstation's
lockout of offline sign-in use the same numbers, and the offline grant's lifetime."""

from __future__ import annotations

# This many failures for one username within the window lock its sign-in: online for the
# cool-down (backend/auth/service.py), offline on that workstation until an online sign-in
# (services/offline/grant.py).
MAX_FAILURES = 5
FAILURE_WINDOW_MINUTES = 15
LOCKOUT_MINUTES = 15  # online only: offline stays locked until the next online sign-in

# An online sign-in lets its user draft offline on that workstation for this long (backend clock).
OFFLINE_DAYS = 7
