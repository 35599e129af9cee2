"""The finance engine: exact month-by-month debt math and the plan a good answer recommends.

Everything here is a pure function of its arguments (no I/O, no randomness), so the data generator, the
metrics and the tests all agree on one set of numbers.

The monthly model (what :func:`simulate` does, and every other function builds on)
    Each month the balance first grows by ``balance * apr / 100 / 12`` (monthly compounding, the way card
    statements work), then the payment comes off. The month the payment exceeds what is owed, only what is
    owed is paid (a final partial payment) and the count stops. A payment that does not exceed the first
    month's interest never reduces the balance: that is "never" (``None``), not an endless loop; any payoff
    that would take longer than :data:`MAX_MONTHS` is also reported as never.

The plan (:func:`recommend_plan`): a rule of thumb short enough for a 135M model to copy
    1. **Starter emergency buffer.** Until savings reach :data:`BUFFER_TARGET` ($1,000), a quarter of the
       monthly surplus (rounded to the nearest $50, at least $50) goes to savings. Why: with no cushion, the
       next car repair goes straight back on the card at 20-30% APR, undoing the payoff. A quarter keeps most
       of the money working on the debt; once the buffer is full, the share is 0.
    2. **Every debt gets its minimum.** Missing one costs late fees and a penalty APR.
    3. **Everything else goes to the highest-APR debt (avalanche).** Each extra dollar there saves the most
       interest; the result is guaranteed, unlike market returns. When it is paid off, its whole payment
       rolls to the next-highest APR.
    The plan keeps the buffer share constant when it computes payoff months (conservative: once the buffer is
    full, moving its share to the debt finishes sooner). The situation extras answer the question asked:
    the payment a deadline needs, the cost of a balance transfer and the payment that clears it before the
    promo ends (the offer moves :attr:`Scenario.transfer_debt`, the balance whose interest costs most; where a
    dearer small debt comes first, the moved balance is costed at what it gets once that debt is gone), the split of a windfall (buffer top-up first, the rest to the highest APR), and how much
    longer and dearer paying only the minimums is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from finalign.data_gen.schema import BalanceTransfer, Debt, Scenario

MAX_MONTHS = 1200  # 100 years: anything longer is "never" for a person
BUFFER_TARGET = 1000.0  # starter emergency fund, dollars
BUFFER_SHARE = 0.25  # of the monthly surplus, while savings are below the target
BUFFER_STEP = 50.0  # round the buffer share to this, the way people budget
ORDERS = ("avalanche", "snowball", "minimums")

_EPS = 1e-9  # balances below this are paid off (float dust from the last partial payment)


def monthly_rate(apr: float) -> float:
    return apr / 100.0 / 12.0


# ---- one debt -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payoff:
    months: int | None  # None = never (the payment does not beat the interest)
    total_interest: float | None
    total_paid: float | None
    last_payment: float | None  # the final, usually partial, payment


def simulate(balance: float, apr: float, payment: float) -> Payoff:
    """Pay ``payment`` every month until the balance is gone (see the module docstring for the model)."""
    rate = monthly_rate(apr)
    if balance <= _EPS:
        return Payoff(0, 0.0, 0.0, 0.0)
    if payment <= balance * rate or payment <= 0:
        return Payoff(None, None, None, None)
    interest = paid = 0.0
    for month in range(1, MAX_MONTHS + 1):
        charge = balance * rate
        interest += charge
        balance += charge
        pay = min(payment, balance)
        paid += pay
        balance -= pay
        if balance <= _EPS:
            return Payoff(month, round(interest, 2), round(paid, 2), round(pay, 2))
    return Payoff(None, None, None, None)


def months_to_payoff(balance: float, apr: float, payment: float) -> int | None:
    return simulate(balance, apr, payment).months


def total_interest(balance: float, apr: float, payment: float) -> float | None:
    return simulate(balance, apr, payment).total_interest


def payment_for_months(balance: float, apr: float, months: int) -> float:
    """The fixed monthly payment that clears ``balance`` in exactly ``months`` (annuity formula).

    P = r*B / (1 - (1+r)^-n), with r the monthly rate; with no interest it is simply B/n.
    """
    if months < 1:
        raise ValueError(f"months must be >= 1, got {months}")
    rate = monthly_rate(apr)
    if rate == 0:
        return balance / months
    return rate * balance / (1.0 - (1.0 + rate) ** -months)


# ---- several debts together ---------------------------------------------------------------------


@dataclass(frozen=True)
class StrategyResult:
    order: str
    months: int | None  # until every debt is gone; None = never
    total_interest: float | None
    payoff_month: dict[str, int | None]  # per debt name; None = not paid off within MAX_MONTHS


def priority(debts: Sequence[Debt], order: str) -> list[Debt]:
    """Debts in the order extra money goes to them. Avalanche: highest APR first (ties: bigger balance,
    as :attr:`Scenario.highest_apr_debt`); snowball: smallest balance first (ties: higher APR)."""
    keys = {
        "avalanche": lambda d: (-d.apr, -d.balance),
        "snowball": lambda d: (d.balance, -d.apr),
        "minimums": lambda d: (-d.apr, -d.balance),
    }
    if order not in keys:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, got {order!r}")
    return sorted(debts, key=keys[order])


def strategy_payoff(debts: Sequence[Debt], monthly_budget: float, order: str) -> StrategyResult:
    """Pay all debts together from one monthly budget.

    Each month: interest on every balance, then each debt's minimum (in priority order, as far as the
    budget goes), then the rest of the budget to the first unpaid debt in priority order. A paid-off
    debt's minimum stays in the budget, so it rolls over to the next target. ``"minimums"`` pays only
    the minimums (``monthly_budget`` is ignored): nothing extra, nothing rolls over.
    """
    ordered = priority(debts, order)
    balances = {d.name: d.balance for d in ordered}
    payoff: dict[str, int | None] = {d.name: (0 if d.balance <= _EPS else None) for d in ordered}
    interest = 0.0
    for month in range(1, MAX_MONTHS + 1):
        live = [d for d in ordered if balances[d.name] > _EPS]
        if not live:
            break
        for d in live:
            charge = balances[d.name] * monthly_rate(d.apr)
            interest += charge
            balances[d.name] += charge
        budget = sum(d.min_payment for d in live) if order == "minimums" else monthly_budget
        for d in live:
            pay = min(d.min_payment, balances[d.name], budget)
            balances[d.name] -= pay
            budget -= pay
        if order != "minimums":
            for d in live:
                pay = min(budget, balances[d.name])
                balances[d.name] -= pay
                budget -= pay
        for d in live:
            if balances[d.name] <= _EPS:
                payoff[d.name] = month
    done = all(m is not None for m in payoff.values())
    return StrategyResult(
        order=order,
        months=max(payoff.values(), default=0) if done else None,  # type: ignore[type-var]
        total_interest=round(interest, 2) if done else None,
        payoff_month=payoff,
    )


# ---- balance transfer ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TransferResult:
    fee: float  # paid up front, added to the transferred balance
    balance_after_fee: float
    remaining_after_promo: float  # still owed when the promo rate ends (0 if cleared in time)
    months: int | None  # to pay it all off at the given payment; None = never
    total_interest: float | None
    total_cost: float | None  # fee + interest
    payment_to_clear_in_promo: float


def balance_transfer_cost(balance: float, bt: BalanceTransfer, monthly_payment: float) -> TransferResult:
    """Transfer ``balance``: fee added up front, ``promo_apr`` for ``promo_months``, then ``post_apr``."""
    fee = round(balance * bt.fee_pct / 100.0, 2)
    start = balance + fee
    owed, interest = start, 0.0
    for _ in range(bt.promo_months):
        charge = owed * monthly_rate(bt.promo_apr)
        interest += charge
        owed = max(0.0, owed + charge - monthly_payment)
    remaining = owed if owed > _EPS else 0.0
    after = simulate(remaining, bt.post_apr, monthly_payment)
    if after.months is None:
        months = total = None
    else:
        months = bt.promo_months + after.months if remaining else months_to_payoff(start, bt.promo_apr, monthly_payment)
        total = round(interest + after.total_interest, 2)
    return TransferResult(
        fee=fee,
        balance_after_fee=round(start, 2),
        remaining_after_promo=round(remaining, 2),
        months=months,
        total_interest=total,
        total_cost=None if total is None else round(fee + total, 2),
        payment_to_clear_in_promo=payment_for_months(start, bt.promo_apr, bt.promo_months),
    )


# ---- the plan -----------------------------------------------------------------------------------


def buffer_share(surplus: float, savings: float) -> float:
    """Monthly amount to savings: 25% of the surplus to the nearest $50 (at least $50) while savings are
    below :data:`BUFFER_TARGET`, else 0. Rounds halves up (137.5 -> 150), not to even."""
    if savings >= BUFFER_TARGET:
        return 0.0
    return max(BUFFER_STEP, math.floor(surplus * BUFFER_SHARE / BUFFER_STEP + 0.5) * BUFFER_STEP)


@dataclass(frozen=True)
class Plan:
    buffer_monthly: float  # to savings each month
    buffer_target: float
    allocations: tuple[tuple[str, float], ...]  # (debt name, monthly amount), target first, then by APR
    target_debt: str  # highest APR
    target_apr: float
    target_balance: float  # the target's balance the plan starts from (after any windfall)
    payoff_months: int | None  # of the target debt under the plan; None = never
    total_months: int | None  # until every debt is gone
    total_interest: float | None  # all debts, under the plan
    # payoff_deadline
    goal_months: int | None = None
    required_payment: float | None = None  # to the target each month to finish in goal_months
    goal_fits: bool | None = None  # the plan's payment to the target (after the buffer) reaches required_payment
    # balance_transfer
    transfer_fee: float | None = None
    payment_to_clear_in_promo: float | None = None
    transfer_fits: bool | None = None  # the plan's payment to the moved balance clears it before the promo ends
    transfer: TransferResult | None = None  # Scenario.transfer_debt moved, at the plan's payment to it
    # windfall: buffer top-up first, then the highest APRs
    windfall_to_buffer: float | None = None
    windfall_to_debts: tuple[tuple[str, float], ...] | None = None
    windfall_left: float | None = None  # more than every debt: kept as savings
    # minimum_payment_trap: minimums only vs the plan
    minimums_months: int | None = None
    minimums_interest: float | None = None

    @property
    def debt_monthly(self) -> float:
        return sum(amount for _, amount in self.allocations)

    @property
    def target_monthly(self) -> float:
        return self.allocations[0][1]


def _apply_windfall(scenario: Scenario) -> tuple[list[Debt], float, dict]:
    """Split the windfall: top savings up to the buffer target, the rest to debts by APR, any excess saved."""
    debts, savings = list(scenario.debts), scenario.savings
    if not scenario.windfall:
        return debts, savings, {}
    left = scenario.windfall
    to_buffer = min(left, max(0.0, BUFFER_TARGET - savings))
    left -= to_buffer
    to_debts: list[tuple[str, float]] = []
    paid: dict[str, float] = {}
    for d in priority(debts, "avalanche"):
        amount = min(left, d.balance)
        if amount > 0:
            to_debts.append((d.name, amount))
            paid[d.name] = amount
            left -= amount
    remaining = [Debt(d.name, d.balance - paid.get(d.name, 0.0), d.apr, d.min_payment) for d in debts]
    extras = {"windfall_to_buffer": to_buffer, "windfall_to_debts": tuple(to_debts), "windfall_left": left}
    return [d for d in remaining if d.balance > _EPS] or remaining, savings + to_buffer + left, extras


def recommend_plan(scenario: Scenario) -> Plan:
    """The engine's advice for ``scenario`` (rules and reasons in the module docstring)."""
    debts, savings, extras = _apply_windfall(scenario)
    surplus = scenario.monthly_surplus
    live = [d for d in debts if d.balance > _EPS] or debts
    minimums = sum(d.min_payment for d in live)
    buffer = max(0.0, min(buffer_share(surplus, savings), surplus - minimums))
    ordered = priority(live, "avalanche")
    target, others = ordered[0], ordered[1:]
    allocations = ((target.name, surplus - buffer - sum(d.min_payment for d in others)),)
    allocations += tuple((d.name, d.min_payment) for d in others)
    result = strategy_payoff(live, surplus - buffer, "avalanche")
    extras |= _situation_extras(scenario, live, target, allocations[0][1])
    return Plan(
        buffer_monthly=buffer,
        buffer_target=BUFFER_TARGET,
        allocations=allocations,
        target_debt=target.name,
        target_apr=target.apr,
        target_balance=target.balance,
        payoff_months=result.payoff_month[target.name],
        total_months=result.months,
        total_interest=result.total_interest,
        **extras,
    )


def _deadline(scenario: Scenario, debts: list[Debt], target: Debt, to_target: float) -> dict:
    if scenario.goal_months is None:
        return {}
    required = payment_for_months(target.balance, target.apr, scenario.goal_months)
    return {"goal_months": scenario.goal_months, "required_payment": required, "goal_fits": required <= to_target + 0.005}


def _transfer(scenario: Scenario, debts: list[Debt], target: Debt, to_target: float) -> dict:
    bt = scenario.balance_transfer
    if bt is None:
        return {}
    moved = next((d for d in debts if d.name == scenario.transfer_debt.name), target)
    if moved.name != target.name:  # a dearer small debt goes first; then the moved balance gets all the debt money
        to_target += moved.min_payment
    cost = balance_transfer_cost(moved.balance, bt, to_target)
    return {
        "transfer_fee": cost.fee,
        "payment_to_clear_in_promo": cost.payment_to_clear_in_promo,
        "transfer_fits": to_target + 0.005 >= cost.payment_to_clear_in_promo,
        "transfer": cost,
    }


def _minimums(scenario: Scenario, debts: list[Debt], target: Debt, to_target: float) -> dict:
    if scenario.situation != "minimum_payment_trap":
        return {}
    only = strategy_payoff(debts, 0.0, "minimums")
    return {"minimums_months": only.months, "minimums_interest": only.total_interest}


def _situation_extras(scenario: Scenario, debts: list[Debt], target: Debt, to_target: float) -> dict:
    """Each extra applies when its inputs are present, whatever the situation label says."""
    extras: dict = {}
    for extra in (_deadline, _transfer, _minimums):
        extras |= extra(scenario, debts, target, to_target)
    return extras
