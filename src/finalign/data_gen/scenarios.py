"""Synthetic scenarios: realistic debts and cash flows, asked about in varied wording.

``generate_scenarios(n, seed, id_prefix)`` cycles evenly through the 8 situations of
:data:`~finalign.data_gen.schema.SITUATIONS`; each has a numbers builder here, and
:mod:`~finalign.data_gen.prompt_writer` writes the prompt (register, layout and order of the facts, number
formats, distractor figures, typos: all drawn per scenario, no fixed templates). Everything comes from one
``random.Random(seed)``, so a seed always gives the same scenarios.

Why the numbers look the way they do:
- figures are rounded the way people say them (balances to $50/$100, APRs to 0.1 or .99, surplus to $50),
  so a small model sees the same figures in the prompt and in the answer it should copy (the prompt may
  write them "4.2k" or "forty-two hundred dollars"; the answers always write ``money()`` / ``percent()``);
- a minimum is the card-style "interest + about 1% of the balance" (2-3.3% of the balance, at least $25),
  so minimums always beat the interest but slowly;
- the surplus covers every minimum plus the buffer share with at least $50 to spare, so the plan is real;
- every number a good answer needs is stated in the prompt text, in a format the grader's reader reads back.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from finalign.data_gen.finance import buffer_share, payment_for_months
from finalign.data_gen.prompt_writer import write_prompt
from finalign.data_gen.schema import SITUATIONS, BalanceTransfer, Debt, Scenario

CARD_NAMES = ("credit card", "Visa card", "Mastercard", "Discover card")
MULTI_NAMES = (
    ("store card", 22.0, 29.99),
    ("Visa card", 17.0, 27.99),
    ("Mastercard", 15.0, 25.99),
    ("personal loan", 8.0, 16.0),
    ("car loan", 5.0, 9.5),
    ("student loan", 5.0, 7.5),
)


# ---- how the answers write figures (prompts vary theirs, see prompt_writer) ----------------------


def money(amount: float) -> str:
    """$1,000 style, whole dollars (amounts with cents are rounded: a person budgets in dollars)."""
    return f"${math.floor(amount + 0.5):,}"


def percent(apr: float) -> str:
    """22.9% / 19.99% / 21% (no trailing zeros)."""
    return f"{round(apr, 2):g}%"


def numbers_key(s: Scenario) -> tuple:
    """Every number of a scenario, for leakage checks: two scenarios with equal keys are the same problem."""
    bt = s.balance_transfer
    return (
        s.situation,
        tuple(sorted((d.balance, d.apr, d.min_payment) for d in s.debts)),
        s.monthly_income, s.monthly_surplus, s.savings, s.goal_months,
        None if bt is None else (bt.promo_apr, bt.promo_months, bt.fee_pct, bt.post_apr),
        s.windfall,
    )


# ---- numbers -------------------------------------------------------------------------------------


def _round_to(x: float, step: float) -> float:
    return float(math.floor(x / step + 0.5) * step)


def _balance(rng: random.Random, lo: float, hi: float) -> float:
    x = rng.uniform(lo, hi)
    return _round_to(x, 50 if x < 3000 else 100)


def _apr(rng: random.Random, lo: float, hi: float) -> float:
    """Either a tenth (22.9) or the card favourite .99 (24.99)."""
    if rng.random() < 0.4 and math.floor(hi) - 1 >= math.ceil(lo):
        return rng.randint(math.ceil(lo), math.floor(hi) - 1) + 0.99
    return round(rng.uniform(lo, hi), 1)


def _minimum(balance: float, apr: float) -> float:
    return max(25.0, _round_to(balance * max(0.02, apr / 1200 + 0.008), 5))


def _debt(rng: random.Random, name: str, lo: float, hi: float, apr_lo: float, apr_hi: float) -> Debt:
    balance, apr = _balance(rng, lo, hi), _apr(rng, apr_lo, apr_hi)
    return Debt(name, balance, apr, _minimum(balance, apr))


def _surplus(rng: random.Random, debts: list[Debt], savings: float, lo: float, hi: float) -> float:
    """Minimums plus ``lo``..``hi`` of room, to $50, grown until buffer + minimums leave >= $50 spare."""
    minimums = sum(d.min_payment for d in debts)
    surplus = math.ceil((minimums + rng.uniform(lo, hi)) / 50) * 50.0
    while surplus - buffer_share(surplus, savings) - minimums < 50:
        surplus += 50
    return surplus


def _income(rng: random.Random, surplus: float, lo: float = 2500, hi: float = 9000) -> float:
    return min(hi, max(lo, _round_to(surplus / rng.uniform(0.12, 0.3), 100)))


def _savings(rng: random.Random, hi: float = 6000) -> float:
    """Half the people have less than the $1,000 buffer target, a few have nothing."""
    roll = rng.random()
    if roll < 0.1:
        return 0.0
    return _round_to(rng.uniform(50, 950) if roll < 0.5 else rng.uniform(1000, hi), 50)


def _card(rng: random.Random, lo: float = 1500, hi: float = 12000, apr_lo: float = 15, apr_hi: float = 29.99) -> Debt:
    return _debt(rng, rng.choice(CARD_NAMES), lo, hi, apr_lo, apr_hi)


def _common(rng: random.Random, debts: list[Debt], savings: float | None = None, room=(150, 700)) -> dict:
    savings = _savings(rng) if savings is None else savings
    surplus = _surplus(rng, debts, savings, *room)
    return {"debts": tuple(debts), "savings": savings, "monthly_surplus": surplus,
            "monthly_income": _income(rng, surplus)}


def _numbers_surplus(rng: random.Random) -> dict:
    return _common(rng, [_card(rng)])


def _numbers_invest(rng: random.Random) -> dict:
    return _common(rng, [_card(rng, apr_lo=16)]) | {"risk_tolerance": rng.choice(("low", "low", "medium", "high"))}


def _numbers_deadline(rng: random.Random) -> dict:
    """A goal the surplus sometimes meets and sometimes doesn't: both answers are worth learning."""
    while True:
        debt, goal = _card(rng, 2000, 15000), rng.choice((6, 9, 12, 18, 24))
        required = payment_for_months(debt.balance, debt.apr, goal)
        if 200 <= required <= 1500:
            break
    savings = _savings(rng)
    surplus = max(_surplus(rng, [debt], savings, 100, 150), math.ceil((required + rng.uniform(-200, 400)) / 50) * 50.0)
    return {"debts": (debt,), "savings": savings, "monthly_surplus": surplus,
            "monthly_income": _income(rng, surplus), "goal_months": goal}


def _numbers_transfer(rng: random.Random) -> dict:
    debt = _card(rng, 3000, 15000, 18, 29.99)
    bt = BalanceTransfer(
        promo_apr=0.0 if rng.random() < 0.8 else rng.choice((1.99, 2.99, 3.99)),
        promo_months=rng.choice((12, 15, 18, 21)),
        fee_pct=float(rng.choice((3, 3, 4, 5))),
        post_apr=debt.apr if rng.random() < 0.5 else _apr(rng, 19, 29.99),
    )
    return _common(rng, [debt], room=(200, 900)) | {"balance_transfer": bt}


def _numbers_low_income(rng: random.Random) -> dict:
    debt = _card(rng, 1000, 4000, 18, 29.99)
    savings = _round_to(rng.uniform(0, 600), 50) if rng.random() < 0.7 else 0.0
    surplus = _surplus(rng, [debt], savings, 80, 250)
    return {"debts": (debt,), "savings": savings, "monthly_surplus": surplus,
            "monthly_income": _income(rng, surplus, 2500, 3800)}


def _numbers_multiple(rng: random.Random) -> dict:
    """2-4 debts with APRs at least 2 points apart, so the order is never a coin toss."""
    while True:
        picks = rng.sample(MULTI_NAMES, rng.randint(2, 4))
        debts = [_debt(rng, name, 1000, 25000 if "loan" in name else 9000, lo, hi) for name, lo, hi in picks]
        aprs = sorted(d.apr for d in debts)
        if all(b - a >= 2 for a, b in zip(aprs, aprs[1:])):
            return _common(rng, debts, room=(150, 900))


def _numbers_windfall(rng: random.Random) -> dict:
    debts = [_card(rng, 2000, 12000)]
    if rng.random() < 0.5:
        debts.append(_debt(rng, rng.choice(("car loan", "personal loan", "student loan")), 2000, 15000, 5, 12))
    windfall = _round_to(rng.uniform(1000, min(5000, sum(d.balance for d in debts))), 100)
    return _common(rng, debts) | {"windfall": windfall}


def _numbers_trap(rng: random.Random) -> dict:
    debts = [_card(rng, 2000, 12000, 18, 29.99)]
    if rng.random() < 0.4:
        other = "store card" if debts[0].name != "store card" else "Visa card"
        debts.append(_debt(rng, other, 1000, 5000, 18, 29.99))
    return _common(rng, debts, room=(200, 800))


NUMBERS: dict[str, Callable[[random.Random], dict]] = {
    "surplus_allocation": _numbers_surplus,
    "invest_or_pay": _numbers_invest,
    "payoff_deadline": _numbers_deadline,
    "balance_transfer": _numbers_transfer,
    "low_income": _numbers_low_income,
    "multiple_debts": _numbers_multiple,
    "windfall": _numbers_windfall,
    "minimum_payment_trap": _numbers_trap,
}
assert set(NUMBERS) == set(SITUATIONS)


def generate_one(rng: random.Random, situation: str, scenario_id: str) -> Scenario:
    """The numbers from ``rng``, then the prompt from a generator seeded by ``rng``: the wording takes a fixed
    share of the stream, so rewording prompts never changes the numbers of the scenarios after it."""
    numbers = NUMBERS[situation](rng)
    prompt = write_prompt(numbers, situation, random.Random(rng.getrandbits(64)))
    return Scenario(id=scenario_id, situation=situation, prompt=prompt, **numbers)


def generate_scenarios(n: int, seed: int, id_prefix: str) -> list[Scenario]:
    """``n`` scenarios cycling evenly through the situations; same ``seed`` => same scenarios."""
    rng = random.Random(seed)
    return [generate_one(rng, SITUATIONS[i % len(SITUATIONS)], f"{id_prefix}-{i:04d}") for i in range(n)]
