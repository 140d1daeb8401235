"""The audit log's "Verify chain": the check ``python -m backend verify-audit`` runs (verify.py),
against this backend's own checkpoint file and key, answered as the first broken link or intact.

Read-only, like the command. A checkpoint file that cannot be read, or checkpoints without the key
that checks them, fail the check as a broken checkpoint: the trail cannot be vouched for then.
"""

from pathlib import Path

from sqlalchemy.orm import Session

from backend.audit.anchor import CheckpointFileError, read_checkpoints
from backend.audit.verify import ChainReport, verify
from backend.kit.clock import utcnow
from backend.kit.signing_keys import load_public_key
from services.contract.audit import ChainCheckOut, ChainProblem


def check_chain(session: Session, key_file: Path, checkpoint_file: Path) -> ChainCheckOut:
    try:
        checkpoints = read_checkpoints(checkpoint_file)
    except CheckpointFileError as exc:
        return _unchecked(exc.line, f"{exc} ({checkpoint_file})")
    except OSError as exc:
        return _unchecked(None, f"the checkpoint file {checkpoint_file} cannot be read: {exc}")
    public_key = None
    if checkpoints:
        try:
            public_key = load_public_key(key_file)
        except (OSError, ValueError) as exc:
            return _unchecked(checkpoints[0].line, f"no public key in {key_file} to check the checkpoints: {exc}")
    return _answer(verify(session, checkpoints=checkpoints, public_key=public_key))


def _unchecked(line: int | None, reason: str) -> ChainCheckOut:
    return ChainCheckOut(intact=False, events=0, problem=ChainProblem.CHECKPOINT_INVALID, reason=reason,
                         broken_checkpoint_line=line, checked_at=utcnow())


def _answer(report: ChainReport) -> ChainCheckOut:
    last = report.last_checkpoint
    return ChainCheckOut(
        intact=report.intact, events=report.count, broken_event_id=report.broken_id, problem=report.problem,
        reason=report.reason, broken_checkpoint_line=report.broken_checkpoint, checkpoints=report.checkpoints,
        last_checkpoint_event_id=last.last_event_id if last else None,
        last_checkpoint_at=last.at_time if last else None, unanchored=report.unanchored, checked_at=utcnow())
