"""The `Scenario` record: one person's debts and cash flow, and the question they ask.

Money is in dollars, APRs in percent (22.9 means 22.9% a year). ``monthly_surplus`` is what is left each
month after living costs, available for *all* debt payments (minimums included) and for saving: every
monthly amount a good answer recommends is a split of it.

`prompts.jsonl` holds one scenario a line, in exactly the shape of :meth:`Scenario.to_dict`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from finalign.errors import UserError
from finalign.io import read_jsonl

SITUATIONS = (
    "surplus_allocation",
    "invest_or_pay",
    "payoff_deadline",
    "balance_transfer",
    "low_income",
    "multiple_debts",
    "windfall",
    "minimum_payment_trap",
)
RISK_TOLERANCES = ("low", "medium", "high")


@dataclass(frozen=True)
class Debt:
    name: str  # how the person calls it: "Visa card", "store card", "car loan"
    balance: float
    apr: float  # percent a year
    min_payment: float


@dataclass(frozen=True)
class BalanceTransfer:
    promo_apr: float  # percent a year during the promotion (usually 0)
    promo_months: int
    fee_pct: float  # percent of the transferred balance, paid up front
    post_apr: float  # percent a year once the promotion ends


@dataclass(frozen=True)
class Scenario:
    id: str
    situation: str
    prompt: str
    debts: tuple[Debt, ...]
    monthly_income: float
    monthly_surplus: float
    savings: float
    risk_tolerance: str = "medium"
    goal_months: int | None = None
    balance_transfer: BalanceTransfer | None = None
    windfall: float | None = None  # a one-off sum (bonus, tax refund) to allocate

    @property
    def highest_apr_debt(self) -> Debt:
        return max(self.debts, key=lambda d: (d.apr, d.balance))

    @property
    def transfer_debt(self) -> Debt:
        """The balance a transfer offer moves: the one whose interest costs most each month (balance x APR). That is
        the highest-APR debt unless a small balance charges more ("move the $8,400 Citi, pay off the $650 Kohl's
        card"): a fee on a few hundred dollars buys almost nothing."""
        return max(self.debts, key=lambda d: (d.balance * d.apr, d.apr))

    @property
    def total_debt(self) -> float:
        return sum(d.balance for d in self.debts)

    @property
    def total_minimums(self) -> float:
        return sum(d.min_payment for d in self.debts)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["debts"] = [asdict(x) for x in self.debts]
        return d

    @classmethod
    def from_dict(cls, raw: dict[str, Any], where: str = "scenario") -> Scenario:
        """Build and validate; a problem raises :class:`UserError` prefixed with ``where`` (file:line)."""
        return _parse(raw, where)


# ---- validation -------------------------------------------------------------------------------

_REQUIRED = ("id", "situation", "prompt", "debts", "monthly_income", "monthly_surplus", "savings")
_OPTIONAL = ("risk_tolerance", "goal_months", "balance_transfer", "windfall")


def _num(raw: dict, key: str, where: str, *, minimum: float = 0.0, maximum: float | None = None) -> float:
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UserError(f"{where}: field '{key}' must be a number, got {type(value).__name__}")
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"between {minimum:g} and {maximum:g}" if maximum is not None else f">= {minimum:g}"
        raise UserError(f"{where}: field '{key}' must be {bound}, got {value}")
    return float(value)


def _int(raw: dict, key: str, where: str, *, minimum: int = 1) -> int:
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise UserError(f"{where}: field '{key}' must be an integer >= {minimum}, got {value!r}")
    return value


def _str(raw: dict, key: str, where: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise UserError(f"{where}: field '{key}' must be a non-empty string, got {value!r}")
    return value


def _fields(raw: Any, required: tuple[str, ...], optional: tuple[str, ...], where: str) -> None:
    if not isinstance(raw, dict):
        raise UserError(f"{where}: expected an object, got {type(raw).__name__}")
    for key in required:
        if key not in raw:
            raise UserError(f"{where}: missing field '{key}'")
    unknown = sorted(set(raw) - set(required) - set(optional))
    if unknown:
        raise UserError(f"{where}: unknown field '{unknown[0]}'")


def _parse_debt(raw: Any, where: str) -> Debt:
    _fields(raw, ("name", "balance", "apr", "min_payment"), (), where)
    return Debt(
        name=_str(raw, "name", where),
        balance=_num(raw, "balance", where),
        apr=_num(raw, "apr", where, maximum=100.0),
        min_payment=_num(raw, "min_payment", where),
    )


def _parse_transfer(raw: Any, where: str) -> BalanceTransfer:
    _fields(raw, ("promo_apr", "promo_months", "fee_pct", "post_apr"), (), where)
    return BalanceTransfer(
        promo_apr=_num(raw, "promo_apr", where, maximum=100.0),
        promo_months=_int(raw, "promo_months", where),
        fee_pct=_num(raw, "fee_pct", where, maximum=100.0),
        post_apr=_num(raw, "post_apr", where, maximum=100.0),
    )


def _parse(raw: Any, where: str) -> Scenario:
    _fields(raw, _REQUIRED, _OPTIONAL, where)
    situation = _str(raw, "situation", where)
    if situation not in SITUATIONS:
        raise UserError(f"{where}: field 'situation' must be one of {', '.join(SITUATIONS)}; got {situation!r}")
    debts_raw = raw["debts"]
    if not isinstance(debts_raw, list) or not debts_raw:
        raise UserError(f"{where}: field 'debts' must be a non-empty list")
    debts = tuple(_parse_debt(d, f"{where}: debts[{i}]") for i, d in enumerate(debts_raw))
    names = [d.name for d in debts]
    if len(set(names)) != len(names):
        raise UserError(f"{where}: field 'debts' has two debts with the same name")
    risk = raw.get("risk_tolerance", "medium")
    if risk not in RISK_TOLERANCES:
        raise UserError(f"{where}: field 'risk_tolerance' must be one of {', '.join(RISK_TOLERANCES)}; got {risk!r}")
    goal = raw.get("goal_months")
    bt = raw.get("balance_transfer")
    windfall = raw.get("windfall")
    return Scenario(
        id=_str(raw, "id", where),
        situation=situation,
        prompt=_str(raw, "prompt", where),
        debts=debts,
        monthly_income=_num(raw, "monthly_income", where),
        monthly_surplus=_num(raw, "monthly_surplus", where),
        savings=_num(raw, "savings", where),
        risk_tolerance=risk,
        goal_months=None if goal is None else _int(raw, "goal_months", where),
        balance_transfer=None if bt is None else _parse_transfer(bt, f"{where}: balance_transfer"),
        windfall=None if windfall is None else _num(raw, "windfall", where),
    )


def iter_scenarios(path: str | Path) -> Iterator[Scenario]:
    """Stream scenarios from a JSONL file, validating each line; duplicate ids are an error."""
    seen: dict[str, int] = {}
    for lineno, raw in read_jsonl(path):
        where = f"{path}:{lineno}"
        scenario = _parse(raw, where)
        if scenario.id in seen:
            raise UserError(f"{where}: duplicate id {scenario.id!r} (first on line {seen[scenario.id]})")
        seen[scenario.id] = lineno
        yield scenario


def load_scenarios(path: str | Path) -> list[Scenario]:
    return list(iter_scenarios(path))
