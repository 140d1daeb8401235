"""services/contract/summaries.py: a work order's summary in the reader's language, and the
Traditional Chinese catalogue naming exactly the fields of every English template."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from services.contract.flow_names import summary_text
from services.contract.queries import ExportLanguage
from services.contract.summaries import TEMPLATES, TRANSLATION_CONTEXT, Summary, listed, render

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "opsdesk_zh_Hant.ts"
FIELD = re.compile(r"\{(\w+)\}")


def _catalogue() -> dict[str, str]:
    for context in ET.parse(TS).getroot().iter("context"):
        if context.findtext("name") == TRANSLATION_CONTEXT:
            return {m.findtext("source"): m.findtext("translation") or "" for m in context.iter("message")}
    return {}


def test_every_template_has_a_chinese_line_with_the_same_fields():
    catalogue = _catalogue()
    for key, template in TEMPLATES.items():
        chinese = catalogue.get(template)
        assert chinese, f"{key}: {template!r} has no Traditional Chinese translation"
        assert sorted(FIELD.findall(chinese)) == sorted(FIELD.findall(template)), key


def test_a_summary_renders_in_english_or_through_a_translation():
    summary = listed(["00700.HK", "00005.HK", "00388.HK", "09988.HK"], "margin.delete_many",
                     "margin.delete_many_more")
    assert summary.text() == "Delete 4 symbols: 00700.HK, 00005.HK, 00388.HK and 1 more"
    chinese = _catalogue()
    assert summary.text(lambda _context, source: chinese[source]) == \
        "刪除 4 隻股票：00700.HK, 00005.HK, 00388.HK 等另 1 隻"


def test_a_flow_value_is_shown_as_the_flows_name():
    chain = Summary("chain.levels", {"flow": "risk.credit.set_day_trade_time_config", "levels": "2"})
    assert chain.text() == "Set day-trade window: 2 level(s)"
    assert chain.text(flow_name=lambda flow_id: f"<{flow_id}>") == "<risk.credit.set_day_trade_time_config>: 2 level(s)"


def test_an_order_stored_before_keys_or_under_an_unknown_key_shows_its_english_line():
    assert render(None, {}, fallback="Upsert 6 rows (HK)") == "Upsert 6 rows (HK)"
    assert render("margin.gone", {"count": "6"}, fallback="Upsert 6 rows (HK)") == "Upsert 6 rows (HK)"


def test_a_translation_naming_a_missing_field_falls_back_to_english():
    assert render("margin.delete", {"symbol": "00700.HK"}, lambda _c, _s: "刪除 {sym}") == "Delete 00700.HK"


def test_an_unknown_key_is_refused_when_a_handler_makes_it():
    with pytest.raises(KeyError, match="no summary template"):
        Summary("margin.nothing")


def test_a_roles_value_is_shown_as_the_roles_names():
    summary = Summary("user.roles", {"username": "kwong", "roles": "ops_maker, desk_lead"})
    names = {"ops_maker": ("Operations maker", "營運經辦"), "desk_lead": ("Desk lead", "交易主管")}
    chinese = _catalogue()
    assert render(summary.key, summary.args, lambda _context, source: chinese[source],
                  role_name=lambda code: names[code][1]) == "kwong 的角色：營運經辦, 交易主管"
    assert summary_text(summary.key, summary.args, ExportLanguage.EN, "", names) == \
        "Roles of kwong: Operations maker, Desk lead"
    assert summary_text(summary.key, summary.args, ExportLanguage.ZH_HANT, "", names) == "kwong 的角色：營運經辦, 交易主管"
    assert summary.text() == "Roles of kwong: ops_maker, desk_lead"  # no names at hand: the codes
