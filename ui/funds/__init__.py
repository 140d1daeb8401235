"""Funds › Public Funds: the Fund Clearing page and its parts."""
