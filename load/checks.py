"""What must hold after a day's load, whatever the figures: each function returns the problems it
found, in words (none: it holds).

- the audit chain verifies (the backend's own verify(), as ``python -m backend verify-audit``);
- every work order's state is one its decisions explain: pending, withdrawn or expired with no
  rejection and a level still open; approved, applied or stale with every level approved (會簽
  levels by each of their approvers); rejected by exactly one rejection, on the first level not
  approved; its ``approvals`` the levels completed; nobody deciding their own order; one audit
  event per decision, one ``work_order.apply`` per applied order;
- no message was sent twice: no two attempts hold one provider message id, and every message the
  local SMTP server and SMS gateway received is the recorded outcome of exactly one attempt (a
  second delivery of an attempt would be received but recorded nowhere).
"""

from __future__ import annotations

import mailbox
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.audit.models import AuditEvent
from backend.audit.verify import verify
from backend.local_delivery.sms_gateway import read_sms_log
from backend.messages.models import DeliveryAttempt, MessageRecord
from backend.work_orders.models import WorkOrder, WorkOrderDecision, WorkOrderLevel, WorkOrderLevelApprover
from services.contract.identity import ApprovalMode
from services.contract.launch import LOCAL_MAIL_FOLDER, LOCAL_SMS_FOLDER
from services.contract.schemas import Decision, WorkOrderStatus

OPEN = {WorkOrderStatus.PENDING, WorkOrderStatus.WITHDRAWN, WorkOrderStatus.EXPIRED}
THROUGH = {WorkOrderStatus.APPROVED, WorkOrderStatus.APPLIED, WorkOrderStatus.STALE}
DECISION_ACTIONS = tuple(f"work_order.{d.value}" for d in Decision)


def chain_problems(session: Session) -> list[str]:
    report = verify(session)
    if report.intact:
        return []
    return [f"audit chain broken at event {report.broken_id}: {report.reason}"]


def _levels_completed(levels: dict[int, str], approvers: dict[int, int],
                      approvals: dict[int, set[int]]) -> int:
    done = 0
    for level in sorted(levels):
        needed = approvers.get(level, 0) if levels[level] == ApprovalMode.ALL.value else 1
        if len(approvals.get(level, ())) < max(needed, 1):
            break
        done = level
    return done


def work_order_problems(session: Session) -> list[str]:
    levels: dict[int, dict[int, str]] = defaultdict(dict)
    for order_id, level, mode in session.execute(select(WorkOrderLevel.work_order_id, WorkOrderLevel.level,
                                                        WorkOrderLevel.mode)):
        levels[order_id][level] = mode
    approvers: dict[int, Counter[int]] = defaultdict(Counter)
    for order_id, level in session.execute(select(WorkOrderLevelApprover.work_order_id, WorkOrderLevelApprover.level)):
        approvers[order_id][level] += 1
    approvals: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    rejections: dict[int, list[int]] = defaultdict(list)
    deciders: dict[int, set[int]] = defaultdict(set)
    decided = Counter[int]()
    for order_id, level, decider, decision in session.execute(select(
            WorkOrderDecision.work_order_id, WorkOrderDecision.level, WorkOrderDecision.decider_id,
            WorkOrderDecision.decision)):
        decided[order_id] += 1
        deciders[order_id].add(decider)
        if decision == Decision.REJECT.value:
            rejections[order_id].append(level)
        else:
            approvals[order_id][level].add(decider)
    audited = Counter[tuple[str, str | None]]()
    for action, entity_id, count in session.execute(
            select(AuditEvent.action, AuditEvent.entity_id, func.count())
            .where(AuditEvent.action.in_((*DECISION_ACTIONS, "work_order.apply")))
            .group_by(AuditEvent.action, AuditEvent.entity_id)):
        kind = "apply" if action == "work_order.apply" else "decision"
        audited[(kind, entity_id)] += count

    problems = []
    for order in session.execute(select(WorkOrder.id, WorkOrder.status, WorkOrder.levels, WorkOrder.approvals,
                                        WorkOrder.maker_id)):
        status = WorkOrderStatus(order.status)
        done = _levels_completed(levels[order.id], approvers[order.id], approvals[order.id])
        rejected = rejections[order.id]
        why = None
        if order.maker_id in deciders[order.id]:
            why = "decided by its own maker"
        elif status in OPEN and (rejected or done >= order.levels):
            why = f"{status.value}, yet {'rejected' if rejected else 'every level approved'}"
        elif status in THROUGH and (rejected or done < order.levels):
            why = f"{status.value} with {done} of {order.levels} levels approved and {len(rejected)} rejections"
        elif status == WorkOrderStatus.REJECTED and rejected != [done + 1]:
            why = f"rejected, yet its rejections are on levels {rejected} after {done} levels approved"
        elif order.approvals != min(done, order.levels):
            why = f"says {order.approvals} levels approved, its decisions {done}"
        elif audited[("decision", str(order.id))] != decided[order.id]:
            why = f"{decided[order.id]} decisions but {audited[('decision', str(order.id))]} audited"
        elif audited[("apply", str(order.id))] != (1 if status == WorkOrderStatus.APPLIED else 0):
            why = f"{status.value} with {audited[('apply', str(order.id))]} apply events"
        if why:
            problems.append(f"work order {order.id}: {why}")
    return problems


def delivered(folder: Path) -> list[tuple[str, str]]:
    """(channel, provider message id) of every message the local servers under ``folder`` received."""
    received = [("sms", str(entry["message_id"])) for entry in read_sms_log(folder / LOCAL_SMS_FOLDER)]
    mail_folder = folder / LOCAL_MAIL_FOLDER
    if mail_folder.exists():
        received += [("email", str(message["Message-ID"])) for message in mailbox.Maildir(mail_folder, create=False)]
    return received


def message_problems(session: Session, delivery_folder: Path | None) -> list[str]:
    problems = []
    for provider_id, count in session.execute(
            select(DeliveryAttempt.provider_message_id, func.count()).where(DeliveryAttempt.provider_message_id.is_not(None))
            .group_by(DeliveryAttempt.provider_message_id).having(func.count() > 1)):
        problems.append(f"provider message {provider_id} is the outcome of {count} attempts")
    for record_id, said, counted in session.execute(
            select(MessageRecord.id, MessageRecord.attempts, func.count(DeliveryAttempt.id))
            .join(DeliveryAttempt, DeliveryAttempt.record_id == MessageRecord.id)
            .group_by(MessageRecord.id, MessageRecord.attempts)
            .having(func.count(DeliveryAttempt.id) != MessageRecord.attempts)):
        problems.append(f"message record {record_id} counts {said} attempts but has {counted}")
    if delivery_folder is None:
        return problems
    received = delivered(delivery_folder)
    recorded = {(channel, provider_id) for channel, provider_id in session.execute(
        select(MessageRecord.channel, DeliveryAttempt.provider_message_id)
        .join(MessageRecord, MessageRecord.id == DeliveryAttempt.record_id)
        .where(DeliveryAttempt.provider_message_id.is_not(None)))}
    for (channel, provider_id), count in Counter(received).items():
        if count > 1:
            problems.append(f"{channel} message {provider_id} was received {count} times")
        if (channel, provider_id) not in recorded:
            problems.append(f"{channel} message {provider_id} was received but no attempt records it "
                            f"(sent again, or sent without being recorded)")
    return problems
