"""Synthetic scenarios: realistic debts and cash flows, asked about in varied wording.

``generate_scenarios(n, seed, id_prefix)`` cycles evenly through the 8 situations of
:data:`~finalign.data_gen.schema.SITUATIONS`; each has a numbers builder and at least five prompt templates.
Everything comes from one ``random.Random(seed)``, so a seed always gives the same scenarios.

Why the numbers look the way they do:
- figures are rounded the way people say them (balances to $50/$100, APRs to 0.1 or .99, surplus to $50),
  so a small model sees the same figures in the prompt and in the answer it should copy;
- a minimum is the card-style "interest + about 1% of the balance" (2-3.3% of the balance, at least $25),
  so minimums always beat the interest but slowly;
- the surplus covers every minimum plus the buffer share with at least $50 to spare, so the plan is real;
- every number a good answer needs is stated in the prompt text.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from finalign.data_gen.finance import buffer_share, payment_for_months
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


# ---- how figures are written (shared with the answer templates) ---------------------------------


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


# ---- wording -------------------------------------------------------------------------------------

_DEBT_STYLES = (
    "{bal} on my {name} at {apr} APR (minimum {min})",
    "a {name} with {bal} at {apr} APR and a {min} minimum",
    "{bal} on a {name} ({apr} APR, minimum payment {min})",
)


def _debts_text(debts: tuple[Debt, ...], style: str) -> str:
    parts = [style.format(bal=money(d.balance), name=d.name, apr=percent(d.apr), min=money(d.min_payment))
             for d in debts]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _savings_text(savings: float) -> str:
    return "no savings" if savings == 0 else f"{money(savings)} in savings"


TEMPLATES: dict[str, tuple[str, ...]] = {
    "surplus_allocation": (
        "I have {debts}. I take home {income} a month and have about {surplus} left over after bills, with {savings}. How should I use the {surplus}?",
        "After rent and bills I have {surplus} spare each month (income {income}). I owe {debts}, and I have {savings}. What's the smartest way to split the money?",
        "Quick question: {debts}. Monthly take-home is {income}, leftover is {surplus}, and I've got {savings}. Where should the {surplus} go?",
        "I earn {income} a month and end up with {surplus} extra. Debt-wise I have {debts}. I also have {savings}. Can you give me a plan?",
        "My situation: {debts}; {surplus} left each month after living costs; {income} income; {savings}. How do I pay this off sensibly?",
    ),
    "invest_or_pay": (
        "I'm {risk} about risk. I owe {debts}, earn {income} a month, have {savings} and {surplus} spare each month. Should I invest the {surplus} in {invest} instead of paying down the card?",
        "Would it be smarter to put my {surplus} a month into {invest} rather than the debt? I have {debts}, {savings}, and I make {income} a month. My risk tolerance is {risk_word}.",
        "Friends say I should invest in {invest}. I have {debts}, {savings}, {income} income and {surplus} left each month. I'd call myself {risk} with money. Invest or pay off the debt first?",
        "I have {surplus} extra each month ({income} take-home) and {savings}. I'm carrying {debts}. My tolerance for risk is {risk_word}. Is {invest} a better use of the money than the card?",
        "Pay off debt or invest? {debts}; {surplus} free per month; {income} income; {savings}. I'm thinking about {invest}, but I'm {risk} when it comes to risk.",
    ),
    "payoff_deadline": (
        "I want to pay off {debts} in {goal} months. I earn {income} a month, have {surplus} left over after bills and {savings}. Is that realistic, and how much do I need to pay each month?",
        "Can I be debt-free in {goal} months? I have {debts}, {surplus} spare each month, {income} income and {savings}.",
        "My goal is to clear {debts} within {goal} months. I take home {income} and have {surplus} a month to work with, plus {savings}. What monthly payment gets me there?",
        "I have {surplus} left every month ({income} income) and {savings}. How much a month would it take to pay off {debts} in {goal} months, and can I afford it?",
        "Deadline question: I'd like {debts} gone in {goal} months. Spare cash is {surplus} a month, income {income}, and I have {savings}. Is this doable?",
    ),
    "balance_transfer": (
        "I owe {debts}. I got a balance transfer offer: {promo} for {months} months with a {fee} fee, then {post}. I make {income} a month, have {surplus} spare and {savings}. Should I take it, and how do I use it wisely?",
        "A card is offering me {promo} on balance transfers for {months} months ({fee} transfer fee, {post} afterwards). I have {debts}, {surplus} a month to spare, {income} income and {savings}. Is it worth it?",
        "Should I move {debts} to a new card? The offer is {promo} for {months} months, a {fee} fee, and {post} after the promo. I have {surplus} left each month, earn {income}, and have {savings}.",
        "Balance transfer question: {promo} APR for {months} months, {fee} fee, then {post}. I'm carrying {debts}. Income {income}, {surplus} free each month, {savings}. How should I handle this?",
        "I'm thinking of a balance transfer ({promo} for {months} months, {fee} fee, going to {post} after). Right now I have {debts}. I earn {income}, have {surplus} spare monthly and {savings}. Good idea?",
    ),
    "low_income": (
        "I earn {income} a month and owe {debts}. I only have {surplus} left each month and {savings}. What should I do?",
        "Money is tight: {income} a month, {surplus} left after bills, {savings}. I have {debts}. Where do I even start?",
        "I'm on a small income ({income} a month) with {debts}. After essentials there's {surplus} left, and I have {savings}. How do I get out of this?",
        "Only {surplus} to spare a month on {income} income, and I have {savings}. I owe {debts}. What's a realistic plan?",
        "Low income, some debt: {debts}. Take-home {income}, spare {surplus} a month, {savings}. How should I split my spare money?",
    ),
    "multiple_debts": (
        "I have several debts: {debts}. I have {surplus} a month after bills (income {income}) and {savings}. Which one should I pay off first?",
        "Juggling {n} debts: {debts}. My spare money is {surplus} a month on {income} income, plus {savings}. How should I order them?",
        "Here's what I owe: {debts}. I take home {income} and have {surplus} left monthly, and {savings}. What's the best payoff order and split?",
        "I'm confused about which debt to tackle. I have {debts}. {surplus} spare each month, {income} income, {savings}. Help me prioritize.",
        "Debts: {debts}. Monthly surplus {surplus}, income {income}, and I have {savings}. How should I divide the {surplus} between them?",
    ),
    "windfall": (
        "I just got a {windfall} {source}. I have {debts}, {savings}, and {surplus} spare each month on {income} income. What should I do with the {windfall}?",
        "A {windfall} {source} is coming my way. Current debts: {debts}. I earn {income}, have {surplus} left monthly and {savings}. How should I use it?",
        "What's the smartest use of a {windfall} {source}? I owe {debts}, have {savings}, and {surplus} a month left over from {income} income.",
        "I received {windfall} ({source}). I'm carrying {debts}. Income {income}, spare {surplus} a month, {savings}. Spend, save, or pay debt?",
        "Windfall question: {windfall} {source}. My debts are {debts}. I have {savings} and about {surplus} spare each month (income {income}). Where should the money go?",
    ),
    "minimum_payment_trap": (
        "I've only been paying the minimums on {debts}. I have {surplus} left each month after bills, earn {income} and have {savings}. Is paying the minimum okay?",
        "I pay just the minimum every month on {debts}. My income is {income}, I have {surplus} spare and {savings}. Why isn't the balance going down, and what should I do?",
        "Is it fine to keep paying only the minimums? I owe {debts}. I make {income} a month, have {surplus} left over and {savings}.",
        "For a year I've paid only the minimum on {debts}. Spare cash is {surplus} a month, income {income}, {savings}. How long will this take and what should change?",
        "Minimum payments only so far: {debts}. I take home {income}, have {surplus} extra monthly and {savings}. Should I keep doing this?",
    ),
}

_RISK = {"low": ("cautious", "low"), "medium": ("middle-of-the-road", "medium"), "high": ("comfortable", "high")}
_INVEST = ("the stock market", "an index fund", "crypto", "my brokerage account", "a few growth stocks")
_SOURCES = ("bonus", "tax refund", "inheritance", "work bonus", "gift from family")


def _fields(s: dict, rng: random.Random) -> dict:
    """The template fields for one scenario's numbers (extra keys are harmless to str.format)."""
    bt: BalanceTransfer | None = s.get("balance_transfer")
    risk = s.get("risk_tolerance", "medium")
    return {
        "debts": _debts_text(s["debts"], rng.choice(_DEBT_STYLES)),
        "n": len(s["debts"]),
        "income": money(s["monthly_income"]),
        "surplus": money(s["monthly_surplus"]),
        "savings": _savings_text(s["savings"]),
        "goal": s.get("goal_months"),
        "risk": _RISK[risk][0],
        "risk_word": _RISK[risk][1],
        "invest": rng.choice(_INVEST),
        "windfall": money(s["windfall"]) if s.get("windfall") else None,
        "source": rng.choice(_SOURCES),
        "promo": percent(bt.promo_apr) if bt else None,
        "months": bt.promo_months if bt else None,
        "fee": percent(bt.fee_pct) if bt else None,
        "post": percent(bt.post_apr) if bt else None,
    }


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
assert set(NUMBERS) == set(TEMPLATES) == set(SITUATIONS)


def generate_one(rng: random.Random, situation: str, scenario_id: str) -> Scenario:
    numbers = NUMBERS[situation](rng)
    prompt = rng.choice(TEMPLATES[situation]).format(**_fields(numbers, rng))
    return Scenario(id=scenario_id, situation=situation, prompt=prompt, **numbers)


def generate_scenarios(n: int, seed: int, id_prefix: str) -> list[Scenario]:
    """``n`` scenarios cycling evenly through the situations; same ``seed`` => same scenarios."""
    rng = random.Random(seed)
    return [generate_one(rng, SITUATIONS[i % len(SITUATIONS)], f"{id_prefix}-{i:04d}") for i in range(n)]
