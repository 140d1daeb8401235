"""The pictures of ``python -m desktop.screenshots`` of changes reopened to be corrected: My
Requests' Resubmit… on a rejected order of the Help Center or of Identity opens its editor where
the change was made, prefilled from the order under the banner (which order, why it came back).

The signed-in administrator's orders are seeded in each picture's language: an edit of the trading
fees article rejected by the publisher; a change of a user's roles, of a role and of an approval
chain rejected by the second administrator. Nothing is resubmitted: each editor is cancelled.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop import approvals_screenshots
from desktop.main_window import MainWindow
from services.api_client import ApiClient
from services.clients.approval_chains import ApprovalChainsClient
from services.clients.approvals import ApprovalsClient
from services.clients.help_center import HelpCenterClient
from services.clients.identity import IdentityClient
from services.clients.session import SessionClient
from services.contract.help_center import ArticleEditPayload, ArticleLanguage, ArticleQuery
from services.contract.identity import Approvers, ChainLevel, ChainSpec
from services.contract.permissions import Perm
from services.contract.schemas import Decision, WorkOrderOut

Wait = Callable[[Callable[[], bool], float, str], Awaitable[None]]
Save = Callable[[QWidget, Path], Path]

MY_REQUESTS = "approvals.my_requests"
FEES = {"zh_Hant": ("交易收費", "成交金額 0.03%，最低港幣 3 元", "成交金額 0.025%，最低港幣 3 元"),
        "en": ("Trading fees", "0.03% of the amount, at least HKD 3", "0.025% of the amount, at least HKD 3")}
ARTICLE_LANGUAGE = {"zh_Hant": ArticleLanguage.ZH_HANT, "en": ArticleLanguage.EN}
CHAIN_FLOW = "help_center.article.update"
TEXTS = {
    "zh_Hant": {
        "article": "新佣金由 3 月 1 日起生效，請在文章註明生效日期。",
        "article_note": "已註明新佣金 3 月 1 日起生效",
        "roles_note": "十二月代客戶服務部處理訊息重發",
        "roles": "只需客戶服務部角色，毋須內容編輯。",
        "role_note": "副本改由審批人製作",
        "role": "訊息重發仍由客戶服務部負責。",
        "chain_note": "一位發佈人審批即可",
        "chain": "請保留合規部的第二級審批。",
    },
    "en": {
        "article": "The new commission starts on 1 March: say so in the article.",
        "article_note": "Says the new commission starts on 1 March",
        "roles_note": "Covers the message desk in December",
        "roles": "The service desk role only, not content editing.",
        "role_note": "Copies are made by the approvers now",
        "role": "Resends stay with the service desk.",
        "chain_note": "One publisher's approval is enough",
        "chain": "Keep the compliance officer's second level.",
    },
}


async def _signed_in(url: str, username: str) -> ApiClient:
    api = ApiClient(url)
    await SessionClient(api).login(username, f"{username}-demo")
    return api


async def _rejected(deciders: dict[str, ApiClient], by: str, order: WorkOrderOut, reason: str) -> int:
    await ApprovalsClient(deciders[by]).decide(order.id, Decision.REJECT, reason, level=1)
    return order.id


async def seed(admin: ApiClient, language: str) -> dict[str, int]:
    """The administrator's four orders, rejected with reasons in ``language``; their ids by editor."""
    url = admin.base_url
    deciders = {u: await _signed_in(url, u) for u in ("publisher", "admin2")}
    texts = TEXTS[language]
    try:
        help_center = HelpCenterClient(admin)
        listed = await help_center.articles(ArticleQuery(language=ARTICLE_LANGUAGE[language], limit=500))
        title, before, after = FEES[language]
        found = await help_center.article(next(a.id for a in listed.items if a.title == title))
        edit = ArticleEditPayload(article_id=found.id, version=found.version, category_id=found.category_id,
                                  language=found.language, title=found.title, body=found.body.replace(before, after),
                                  external_link=found.external_link,
                                  publish_scenes=[s.value for s in found.publish_scenes])
        identity = IdentityClient(admin)
        service = next(r for r in await identity.roles() if r.code == "content_editor")
        permissions = [p for p in service.permissions if p != Perm.HELP_ARTICLE_COPY] + [Perm.MESSAGE_RECORD_RESEND]
        chain = ChainSpec(levels=[ChainLevel(approvers=Approvers(users=["publisher"]))])
        return {
            "article": await _rejected(deciders, "publisher", await help_center.submit_edit(edit), texts["article"]),
            "roles": await _rejected(deciders, "admin2", await identity.submit_user_roles(
                "checker2", ["content_editor", "customer_service", "risk_checker"], texts["roles_note"]),
                texts["roles"]),
            "role": await _rejected(deciders, "admin2", await identity.submit_role(
                "content_editor", service.name_en, service.name_zh, permissions, texts["role_note"]), texts["role"]),
            "chain": await _rejected(deciders, "admin2", await ApprovalChainsClient(admin).submit_change(
                CHAIN_FLOW, chain, texts["chain_note"]), texts["chain"]),
        }
    finally:
        for api in deciders.values():
            await api.aclose()


async def _resubmit(window: MainWindow, order_id: int, wait_for: Wait) -> None:
    """Resubmit… on My Requests with ``order_id`` chosen: the editor opens where it was made."""
    mine = await approvals_screenshots.open_list(window, MY_REQUESTS, wait_for)
    await approvals_screenshots.choose(mine, order_id, wait_for)
    await wait_for(mine.resubmit_button.isEnabled, 30, "Resubmit… enabled")  # the detail's buttons follow it
    mine.resubmit_button.click()


async def capture(window: MainWindow, out: Path, language: str, wait_for: Wait,
                  settle: Callable[[], Awaitable[None]], save: Save) -> list[Path]:
    orders = await seed(window.api, language)
    # Each rejection is announced above the pages; the pictures are of the editors, without them.
    await wait_for(lambda: any(n.key == orders["chain"] for n in window.notices.notices()), 30, "the last notice")
    for notice in window.notices.notices():
        notice.dismiss()
    written = []

    await _resubmit(window, orders["article"], wait_for)
    articles = window.page("help_center.articles")
    drawer = articles.drawer
    await wait_for(lambda: drawer.resubmit.banner is not None and drawer.editor.article is not None
                   and not drawer.editor.loading, 30, "the article")
    await wait_for(lambda: drawer.form.category.currentData() is not None, 30, "the categories")
    drawer.resubmit.banner.note_edit.setPlainText(TEXTS[language]["article_note"])
    await settle()
    written.append(save(window, out / f"resubmit_article_{language}.png"))
    drawer.force_close()

    for key, page_key, name in (("roles", "identity.users", "resubmit_user_roles"),
                                ("role", "identity.roles", "resubmit_role"),
                                ("chain", "identity.approval_chains", "resubmit_chain")):
        await _resubmit(window, orders[key], wait_for)
        page = window.page(page_key)
        await wait_for(lambda page=page: page.dialog is not None and page.dialog.isVisible(), 30, f"the {key} editor")
        dialog = page.dialog
        await settle()
        try:
            written.append(save(dialog, out / f"{name}_{language}.png"))
        finally:
            dialog.reject()
    return written
