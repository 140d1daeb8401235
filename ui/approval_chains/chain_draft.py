"""A chain being edited, without a widget: its levels, CC and stricter chains as plain lists the
editor changes in place, the rules it breaks (the shared rules of services/rules/approval_chain.py,
plus the condition values as typed), and the ChainSpec it becomes.

Each part of a draft has a field name, the one the backend names in a refusal ("levels.2",
"cc", "stricter.1", "stricter.1.levels.2"), so a broken rule shows on the part it is about.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from services.contract.identity import (
    ApprovalMode,
    Approvers,
    ChainCondition,
    ChainLevel,
    ChainSpec,
    ConditionKind,
    StricterChain,
)
from services.rules.approval_chain import check_spec
from services.rules.violations import Violation

MAX_LEVELS = 10  # ChainSpec's and StricterChain's limit
MAX_STRICTER = 10


@dataclass
class LevelDraft:
    roles: list[str] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    mode: ApprovalMode = ApprovalMode.ANY

    def approvers(self) -> Approvers:
        return Approvers(roles=list(self.roles), users=list(self.users))


@dataclass
class StricterDraft:
    kind: ConditionKind = ConditionKind.ROWS_ABOVE
    value: str = ""  # as typed
    levels: list[LevelDraft] = field(default_factory=lambda: [LevelDraft()])


@dataclass(frozen=True)
class Part:
    """Where in the draft: ``stricter`` None is the chain's own levels; ``level`` None with a
    ``stricter`` is that stricter chain's condition; ``cc`` the people copied."""

    stricter: int | None = None
    level: int | None = None
    cc: bool = False

    @property
    def field(self) -> str:
        if self.cc:
            return "cc"
        if self.stricter is None:
            return f"levels.{(self.level or 0) + 1}"
        head = f"stricter.{self.stricter + 1}"
        return head if self.level is None else f"{head}.levels.{self.level + 1}"


CC = Part(cc=True)


def _level(level: ChainLevel) -> LevelDraft:
    return LevelDraft(list(level.approvers.roles), list(level.approvers.users), level.mode)


@dataclass
class ChainDraft:
    levels: list[LevelDraft] = field(default_factory=lambda: [LevelDraft()])
    cc: LevelDraft = field(default_factory=LevelDraft)
    stricter: list[StricterDraft] = field(default_factory=list)
    use_default: bool = False  # the flow's own chain removed: the default chain applies
    note: str = ""

    @classmethod
    def of(cls, spec: ChainSpec | None) -> ChainDraft:
        if spec is None:
            return cls()
        return cls([_level(lv) for lv in spec.levels], _level(ChainLevel(approvers=spec.cc)),
                    [StricterDraft(s.condition.kind, f"{s.condition.value.normalize():f}",
                                   [_level(lv) for lv in s.levels]) for s in spec.stricter])

    # --- its parts ----------------------------------------------------------------------------

    def levels_of(self, stricter: int | None) -> list[LevelDraft]:
        return self.levels if stricter is None else self.stricter[stricter].levels

    def level(self, part: Part) -> LevelDraft:
        return self.cc if part.cc else self.levels_of(part.stricter)[part.level or 0]

    def add_level(self, stricter: int | None) -> Part | None:
        levels = self.levels_of(stricter)
        if len(levels) >= MAX_LEVELS:
            return None
        levels.append(LevelDraft())
        return Part(stricter, len(levels) - 1)

    def add_stricter(self) -> Part | None:
        if len(self.stricter) >= MAX_STRICTER:
            return None
        self.stricter.append(StricterDraft())
        return Part(len(self.stricter) - 1)

    def can_remove(self, part: Part) -> bool:
        if part.cc:
            return False
        if part.level is None:
            return part.stricter is not None
        return len(self.levels_of(part.stricter)) > 1  # a chain keeps one level at least

    def remove(self, part: Part) -> Part | None:
        """Removes a level or a stricter chain; returns the part to show next."""
        if not self.can_remove(part):
            return None
        if part.level is None and part.stricter is not None:
            del self.stricter[part.stricter]
            return Part(part.stricter - 1) if part.stricter else Part(None, 0)
        levels = self.levels_of(part.stricter)
        del levels[part.level or 0]
        return Part(part.stricter, min(part.level or 0, len(levels) - 1))

    def can_move(self, part: Part, step: int) -> bool:
        if part.cc:
            return False
        items = self.stricter if part.level is None else self.levels_of(part.stricter)
        if part.level is None and part.stricter is None:
            return False
        place = (part.stricter if part.level is None else part.level) or 0
        return 0 <= place + step < len(items)

    def move(self, part: Part, step: int) -> Part | None:
        """Moves a level (or a stricter chain: the first that holds wins) up (-1) or down (1)."""
        if not self.can_move(part, step):
            return None
        if part.level is None:
            items: list = self.stricter
            place = part.stricter or 0
            items.insert(place + step, items.pop(place))
            return Part(place + step)
        levels = self.levels_of(part.stricter)
        levels.insert(part.level + step, levels.pop(part.level))
        return Part(part.stricter, part.level + step)

    # --- rules and the result -----------------------------------------------------------------

    def _values(self) -> tuple[list[Decimal | None], list[Violation]]:
        values, out = [], []
        for s, stricter in enumerate(self.stricter, start=1):
            try:
                value = Decimal(stricter.value.strip().replace(",", ""))
            except InvalidOperation:
                value = None
            if value is None or not value.is_finite() or value < 0 or value.as_tuple().exponent < -4:
                out.append(Violation(f"stricter.{s}", "condition_value",
                                     "The condition needs a number of 0 or more, at most four decimals."))
                value = None
            values.append(value)
        return values, out

    def violations(self, roles: Collection[str], users: Collection[str]) -> list[Violation]:
        """The shared rules' and the condition values'; none when the draft uses the default chain."""
        if self.use_default:
            return []
        values, out = self._values()
        return out + check_spec(self._spec(values), roles, users)

    def _spec(self, values: list[Decimal | None]) -> ChainSpec:
        def levels(items: list[LevelDraft]) -> list[ChainLevel]:
            return [ChainLevel(approvers=item.approvers(), mode=item.mode) for item in items]

        return ChainSpec.model_construct(  # built unchecked: check_spec judges it, to_spec validates it
            levels=levels(self.levels), cc=self.cc.approvers(),
            stricter=[StricterChain.model_construct(
                condition=ChainCondition.model_construct(kind=s.kind, value=value or Decimal(0)),
                levels=levels(s.levels)) for s, value in zip(self.stricter, values, strict=True)])

    def to_spec(self) -> ChainSpec | None:
        """The chain to submit; None to remove the flow's own. Call once ``violations`` is empty."""
        if self.use_default:
            return None
        values, _ = self._values()
        return ChainSpec.model_validate(self._spec(values).model_dump(mode="json"))
