"""The flows' names and work orders' summaries in a reader's language, for what has no Qt (the
backend's exports).

English is the flow table's own (services/contract/flows.py). The Traditional Chinese names live in
one place, the desktop's translation file (context "flows"), which the desktop reads through Qt;
here the same file is read with the standard library, once per process. The file is the checkout's
own (the project runs from it, as the desktop does with resources/), never input from outside.
"""

import logging
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from services.contract import summaries
from services.contract.flows import TRANSLATION_CONTEXT, flow
from services.contract.queries import ExportLanguage

log = logging.getLogger(__name__)

ZH_HANT_TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "opsdesk_zh_Hant.ts"
# A message Qt would not show: not translated yet, or no longer in the sources.
_NOT_SHOWN = frozenset({"unfinished", "vanished", "obsolete"})


def read_names(ts: Path, context_name: str = TRANSLATION_CONTEXT) -> dict[str, str]:
    """Source → translation of every message of ``context_name`` ("flows") in the translation file
    ``ts`` that Qt would show."""
    names: dict[str, str] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        if context.findtext("name") != context_name:
            continue
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.find("translation")
            if source and translation is not None and (translation.text or "").strip() \
                    and translation.get("type") not in _NOT_SHOWN:
                names[source] = (translation.text or "").strip()
    return names


@cache
def zh_hant_names(context_name: str = TRANSLATION_CONTEXT) -> dict[str, str]:
    """English → Traditional Chinese of every message of ``context_name`` the desktop translates
    (by default the flows' names)."""
    try:
        return read_names(ZH_HANT_TS, context_name)
    except (OSError, ET.ParseError):
        log.exception("cannot read the %s in Chinese from %s: they are written in English", context_name, ZH_HANT_TS)
        return {}


def flow_name(flow_id: str, lang: ExportLanguage) -> str:
    """``flow_id``'s name in ``lang``, as the desktop shows it; its English name where the translation
    file has none, and the id itself for a flow this build does not know."""
    known = flow(flow_id)
    if known is None:
        return flow_id
    if lang == ExportLanguage.ZH_HANT:
        return zh_hant_names().get(known.name_en, known.name_en)
    return known.name_en


def summary_text(key: str | None, args: dict[str, str] | None, lang: ExportLanguage, fallback: str,
                 role_names: Mapping[str, tuple[str, str]] | None = None) -> str:
    """A work order's summary (services/contract/summaries.py) in ``lang``, as the desktop shows it;
    ``fallback``, its stored English line, for an order stored before summaries had keys.
    ``role_names`` (code → English, Chinese name) names the roles it names."""
    names = role_names or {}
    chinese = lang == ExportLanguage.ZH_HANT

    def role_name(code: str) -> str:
        return names[code][1 if chinese else 0] if code in names else code

    if not chinese:
        return summaries.render(key, args, fallback=fallback, role_name=role_name)
    return summaries.render(key, args, lambda context, source: zh_hant_names(context).get(source, source),
                            lambda flow_id: flow_name(flow_id, lang), fallback=fallback, role_name=role_name)
