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

# The flow of each action on each margin table; an action a table lacks has no flow (the seed
# has only upload and update for short-sell rows).
MARGIN_FLOW_IDS: dict[str, dict[str, str]] = {
    "long": {
        "create": "risk.credit.create_stock_margin_task",
        "update": "risk.credit.update_stock_margin_task",
        "delete": "risk.credit.delete_stock_margin_ratio",
        "batch_delete": "risk.credit.batch_delete_stock_margin_ratio",
        "upload": "risk.credit.upload_stock_margin_ratio",
    },
    "short": {
        "update": "risk.credit.update_short_sell_stock_margin_ratios",
        "upload": "risk.credit.upload_short_sell_stock_margin_ratio",
    },
    "intraday": {
        "create": "risk.credit.create_intraday_stock_margin_task",
        "update": "risk.credit.update_intraday_stock_margin_task",
        "delete": "risk.credit.delete_intraday_stock_margin_ratio",
        "batch_delete": "risk.credit.batch_delete_intraday_stock_margin_ratio",
        "upload": "risk.credit.upload_intraday_stock_margin_ratio",
    },
}


# Display names (English, Traditional Chinese): the Chinese ones are the changelog's own words.
FLOW_NAMES: dict[str, tuple[str, str]] = {
    "risk.credit.upload_stock_margin_ratio": ("Upload long stock margin", "上傳多頭股票保證金"),
    "risk.credit.update_stock_margin_task": ("Edit long stock margin", "修改多頭股票保證金"),
    "risk.credit.create_stock_margin_task": ("Create long stock margin", "新增多頭股票保證金"),
    "risk.credit.batch_delete_stock_margin_ratio": ("Batch delete long stock margin", "批量刪除多頭股票保證金"),
    "risk.credit.delete_stock_margin_ratio": ("Delete long stock margin", "刪除多頭股票保證金"),
    "risk.credit.upload_short_sell_stock_margin_ratio": ("Upload short-sell stock margin", "上傳空頭股票保證金"),
    "risk.credit.update_short_sell_stock_margin_ratios": ("Edit short-sell stock margin", "修改空頭股票保證金"),
    "risk.credit.set_day_trade_time_config": ("Set day-trade window", "設置日內融時間"),
    "risk.credit.upload_intraday_stock_margin_ratio": ("Upload intraday margin", "上傳日內交易實時保證金"),
    "risk.credit.create_intraday_stock_margin_task": ("Create intraday margin", "新增日內交易實時保證金"),
    "risk.credit.batch_delete_intraday_stock_margin_ratio": ("Batch delete intraday margin",
                                                             "批量刪除日內交易實時保證金"),
    "risk.credit.delete_intraday_stock_margin_ratio": ("Delete intraday margin", "刪除日內交易實時保證金"),
    "risk.credit.update_intraday_stock_margin_task": ("Edit intraday margin", "修改日內交易實時保證金"),
    "help_center.article.update": ("Edit article", "編輯文章"),
    "help_center.article.delete": ("Delete article", "刪除文章"),
    "help_center.article.hide": ("Hide article", "隱藏文章"),
    "help_center.article.show": ("Show article", "顯示文章"),
}

# The work-order target of a margin row is "<prefix>:<symbol>", one prefix per table.
MARGIN_TARGET_PREFIX: dict[str, str] = {"long": "stock_margin", "short": "short_margin", "intraday": "intraday_margin"}
