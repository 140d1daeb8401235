"""The flows' names in a reader's language without Qt: English from the flow table, Traditional
Chinese from the desktop's translation file, the one place those words live."""

import re

from services.contract.flow_names import flow_name, read_names
from services.contract.flows import FLOWS
from services.contract.queries import ExportLanguage

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_flow_has_a_traditional_chinese_name_in_the_translation_file():
    names = {}
    for row in FLOWS:
        zh = flow_name(row.id, ExportLanguage.ZH_HANT)
        assert zh and zh != row.name_en and CJK.search(zh) and not re.search("[A-Za-z]", zh), (row.id, zh)
        names[row.id] = zh
    assert len(set(names.values())) == len(names)  # no two flows read alike
    assert names["risk.credit.set_day_trade_time_config"] == "設置日內融時間"


def test_english_is_the_flow_tables_and_an_unknown_flow_is_its_id():
    assert [flow_name(row.id, ExportLanguage.EN) for row in FLOWS] == [row.name_en for row in FLOWS]
    for lang in ExportLanguage:
        assert flow_name("risk.credit.not_yet_known", lang) == "risk.credit.not_yet_known"


def test_only_what_qt_would_show_is_read(tmp_path):
    ts = tmp_path / "names.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_Hant">'
        "<context><name>flows</name>"
        "<message><source>Shown</source><translation>顯示</translation></message>"
        '<message><source>Unfinished</source><translation type="unfinished">未完</translation></message>'
        '<message><source>Vanished</source><translation type="vanished">已無</translation></message>'
        "<message><source>Empty</source><translation></translation></message>"
        "</context><context><name>app</name>"
        "<message><source>Other context</source><translation>別處</translation></message>"
        "</context></TS>", encoding="utf-8")
    assert read_names(ts) == {"Shown": "顯示"}
