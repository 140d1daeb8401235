"""Approvals: the work-order inbox, my requests and the history, with a before/after detail."""
