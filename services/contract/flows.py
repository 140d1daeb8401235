"""Work-order flow identifiers, spelled exactly as in the 2024-09-23 changelog.

The backend's flow catalogue (levels, apply handlers) builds on these ids; the submit permission
of a flow is its id, the decide permission is ``approval.decide:<id>``.
"""

RISK_CREDIT_FLOWS: tuple[str, ...] = (
    "risk.credit.upload_stock_margin_ratio",
    "risk.credit.update_stock_margin_task",
    "risk.credit.create_stock_margin_task",
    "risk.credit.batch_delete_stock_margin_ratio",
    "risk.credit.delete_stock_margin_ratio",
    "risk.credit.upload_short_sell_stock_margin_ratio",
    "risk.credit.update_short_sell_stock_margin_ratios",
    "risk.credit.set_day_trade_time_config",
    "risk.credit.upload_intraday_stock_margin_ratio",
    "risk.credit.create_intraday_stock_margin_task",
    "risk.credit.batch_delete_intraday_stock_margin_ratio",
    "risk.credit.delete_intraday_stock_margin_ratio",
    "risk.credit.update_intraday_stock_margin_task",
)

HELP_CENTER_FLOWS: tuple[str, ...] = (
    "help_center.article.update",
    "help_center.article.delete",
    "help_center.article.hide",
    "help_center.article.show",
)

ALL_FLOWS: tuple[str, ...] = RISK_CREDIT_FLOWS + HELP_CENTER_FLOWS
