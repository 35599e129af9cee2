"""Synthetic preference pairs: a chosen answer from the finance engine, a rejected one per failure mode.

``build_data(cfg, out_dir)`` writes ``prompts.jsonl`` (every scenario used), ``synthetic_preferences.jsonl``
(TRL's conversational preference format plus ``scenario_id``, ``situation``, ``failure_mode``, ``split``)
and ``data_card.md``. Same config => byte-identical files.

Answer conventions (the metrics parse these; keep them when adding wordings)
- Dollar amounts as ``$600`` / ``$1,000`` (whole dollars); APRs as ``22.9%``; durations as ``N months``.
- Every monthly amount is followed by "a month" / "each month" / "per month"; the chosen monthly amounts
  (target debt + other minimums + buffer) add up to the surplus exactly. A payment the plan cannot afford
  (a deadline or promo out of reach) is written "payments of about $X", without "a month", so that every
  "$X a month" in a chosen answer is within the surplus. The $1,000 buffer target and
  one-off sums (windfall, transfer fee, balance owed) never carry "a month".
- Debts are named as in the prompt ("the Visa card"), and the target's APR is stated beside it.
- A payoff time appears as "about N months", only when it is exactly the engine's answer for the stated
  payment (not in every wording: a 135M model cannot compute it, it can copy the split).
- A chosen answer is built from parts (``why``, ``split``, ``buffer``, ``extra``, ``months``); each rejected
  answer replaces only the parts its failure is about, so it keeps the same figures, tone and length, and
  differs from the chosen one on its axis. ``vague`` is the exception: no numbers at all, so it is shorter.
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from finalign.config import DataConfig
from finalign.data_gen.finance import BUFFER_TARGET, Plan, months_to_payoff, recommend_plan
from finalign.data_gen.scenarios import generate_scenarios, money, numbers_key, percent
from finalign.data_gen.schema import SITUATIONS, Scenario, load_scenarios
from finalign.errors import UserError
from finalign.io import read_jsonl, sha256_file, write_jsonl, write_text
from finalign.layout import SEED_PROMPTS, RunDir

EVAL_SEED_OFFSET = 1_000_003  # eval scenarios come from a different random stream than train ones
SPLITS = ("train", "eval")

Parts = dict[str, str]  # why, split, buffer, extra, months -> sentence ("" = left out)


# ---- the chosen answer, in parts ---------------------------------------------------------------


def _others(plan: Plan) -> str:
    rest = [f"{money(amount)} a month on the {name}" for name, amount in plan.allocations[1:]]
    return "" if not rest else ", and keep paying the minimums on the rest: " + ", ".join(rest)


def _open_debts(s: Scenario, plan: Plan) -> list:
    """The debts the monthly plan pays: a windfall may already have cleared some."""
    names = {name for name, _ in plan.allocations}
    return [d for d in s.debts if d.name in names]


def _why(s: Scenario, plan: Plan, rng: random.Random) -> str:
    f = {"t": plan.target_debt, "apr": percent(plan.target_apr)}
    if plan.target_debt != s.highest_apr_debt.name:  # the lump sum clears the costliest debt: the next one is the target
        return f"With the {s.highest_apr_debt.name} paid off, the {plan.target_debt} at {f['apr']} is the highest rate left."
    debts = _open_debts(s, plan)
    if len(debts) > 1:
        nxt = sorted((d for d in debts if d.name != plan.target_debt), key=lambda d: -d.apr)[0]
        f |= {"n": nxt.name, "napr": percent(nxt.apr)}
        return rng.choice((
            "Pay the {t} first: at {apr} it has the highest APR, above the {n} at {napr}.",
            "Go after the {t} first because its {apr} APR is the highest; the {n} at {napr} comes next.",
            "The {t} at {apr} costs you the most, more than the {n} at {napr}, so it comes first.",
            "Order by interest rate: the {t} ({apr}) first, then the {n} ({napr}).",
        )).format(**f)
    return rng.choice((
        "The {t} charges {apr}, so every extra dollar on it saves real interest.",
        "At {apr} APR the {t} is expensive, so paying it down is the priority.",
        "Your {t} at {apr} is the thing to attack first.",
        "The {t} at {apr} is the highest rate you pay, so it comes first.",
    )).format(**f)


def _split(s: Scenario, plan: Plan, rng: random.Random, to_target: float | None = None,
           buffer: float | None = None, target: str | None = None) -> str:
    """The monthly split; the keyword overrides let rejected answers change one number and keep the words."""
    f = {
        "t": target or plan.target_debt,
        "x": money(plan.target_monthly if to_target is None else to_target),
        "b": money(plan.buffer_monthly if buffer is None else buffer),
        "s": money(s.monthly_surplus),
        "o": _others(plan),
    }
    if (plan.buffer_monthly if buffer is None else buffer) > 0:
        return rng.choice((
            "Put {x} a month toward the {t} and {b} a month into savings{o}.",
            "Send {x} a month to the {t} and set aside {b} a month as an emergency buffer{o}.",
            "Split your {s}: {x} a month to the {t} and {b} a month to savings{o}.",
            "Of your {s} a month, {x} a month goes to the {t} and {b} a month goes into savings{o}.",
        )).format(**f)
    return rng.choice((
        "Put {x} a month toward the {t}{o}.",
        "Send {x} each month to the {t}{o}.",
        "Use {x} a month on the {t}{o}.",
        "Pay {x} per month on the {t}{o}.",
    )).format(**f)


def _buffer(s: Scenario, plan: Plan, rng: random.Random) -> str:
    target = money(plan.buffer_target)
    if plan.buffer_monthly > 0:
        return rng.choice((
            f"Keep that up until you have a {target} emergency buffer, so a surprise bill doesn't go back on a card.",
            f"Stop the savings once you reach a {target} emergency fund; then it can go to the debt too.",
            f"A {target} cushion keeps one car repair from undoing your progress.",
            f"Build a {target} emergency buffer first, then move that money to the debt as well.",
        ))
    saved = money(s.savings + (plan.windfall_to_buffer or 0))
    return rng.choice((
        f"Your {saved} in savings already covers a {target} emergency buffer, so leave it there.",
        f"You already have {saved} saved, more than a {target} emergency buffer, so keep it untouched.",
        f"Keep your {saved} as your emergency fund; it is above the {target} starter buffer.",
        f"Since your savings of {saved} already cover a {target} buffer, every spare dollar can go to the debt.",
    ))


def _months_line(plan: Plan, rng: random.Random, months: int | None = None) -> str:
    months = plan.payoff_months if months is None else months
    return rng.choice((
        f"At that pace the {plan.target_debt} is gone in about {months} months.",
        f"That pays off the {plan.target_debt} in about {months} months.",
        f"You'd be done with the {plan.target_debt} in about {months} months.",
        f"Expect about {months} months until the {plan.target_debt} is paid off.",
    ))


def _months_ok(plan: Plan) -> bool:
    """Only state months the reader can check: the engine's months for the target at the stated payment."""
    return plan.payoff_months is not None and plan.payoff_months == months_to_payoff(
        plan.target_balance, plan.target_apr, plan.target_monthly)


# Situation extras: the sentence that answers the specific question asked.


def _extra_surplus(s: Scenario, plan: Plan, rng: random.Random) -> str:
    t = plan.target_debt
    return rng.choice((
        f"Once the {t} is paid off, keep the habit and send the same amount to savings.",
        f"Don't add new charges to the {t} while you pay it down.",
        f"When the {t} is gone, that money is free for savings and other goals.",
        f"Keep the {t} for emergencies only, or stop using it, until the balance is zero.",
    ))


def _extra_invest(s: Scenario, plan: Plan, rng: random.Random) -> str:
    apr = percent(plan.target_apr)
    mood = {"low": "especially since you're cautious about risk", "medium": "and that's hard to beat",
            "high": "even if you're comfortable with risk"}[s.risk_tolerance]
    return rng.choice((
        f"Paying off a {apr} card is a guaranteed {apr} return; the market might earn less and can fall, {mood}.",
        f"Don't invest yet: a guaranteed {apr} saved beats uncertain market returns, {mood}.",
        f"Investing while paying {apr} interest is a losing trade; the {apr} you save is certain, {mood}.",
        f"Invest after the card is gone. Clearing {apr} debt is a sure {apr} return, {mood}.",
    ))


def _extra_deadline(s: Scenario, plan: Plan, rng: random.Random) -> str:
    need, goal, x = money(plan.required_payment), plan.goal_months, money(plan.target_monthly)
    if plan.goal_fits:
        return rng.choice((
            f"To finish in {goal} months you need about {need} a month, and {x} a month covers it.",
            f"Your {goal}-month goal is realistic: it takes about {need} a month and you're putting in {x}.",
            f"Yes, it's doable: {goal} months needs about {need} a month, less than the {x} a month above.",
            f"Clearing it in {goal} months takes about {need} per month, which fits in your {x} a month.",
        ))
    return rng.choice((
        f"Finishing in {goal} months would take payments of about {need}, more than the {x} a month you can spare, so aim for a later date.",
        f"{goal} months isn't realistic: it needs payments of about {need} and you have {x} a month for it.",
        f"To hit {goal} months you'd need payments of about {need}; with {x} a month, plan for longer.",
        f"The {goal}-month goal needs payments of about {need}, above your {x} a month, so stretch the deadline.",
    ))


def _extra_transfer(s: Scenario, plan: Plan, rng: random.Random) -> str:
    bt, tr = s.balance_transfer, plan.transfer
    fee, clear, months = money(plan.transfer_fee), money(plan.payment_to_clear_in_promo), bt.promo_months
    owed = money(tr.balance_after_fee)
    first = rng.choice((
        f"Take it only if you stop using the card: the {percent(bt.fee_pct)} fee is {fee}, so you'd owe {owed}.",
        f"The transfer costs a {fee} fee up front, making the balance {owed}; put no new charges on the card.",
        f"It can work, but count the {fee} fee ({owed} to repay) and don't add new charges.",
        f"Worth it if you treat the {fee} fee as the price and never put new spending on the card; you'd owe {owed}.",
    ))
    if plan.transfer_fits:
        second = f"Clearing it in the {months}-month promo takes about {clear} a month, and your payment covers that."
    else:
        second = (f"Clearing it before the {months}-month promo ends takes payments of about {clear}, so raise the "
                  f"payment once your buffer is full or about {money(tr.remaining_after_promo)} is left at {percent(bt.post_apr)}.")
    return f"{first} {second}"


def _extra_windfall(s: Scenario, plan: Plan, rng: random.Random) -> str:
    w = money(s.windfall)
    debts = " and ".join(f"{money(a)} on the {n}" for n, a in plan.windfall_to_debts)
    if plan.windfall_to_buffer:
        buf = money(plan.windfall_to_buffer)
        line = rng.choice((
            f"From the {w}, put {buf} into savings to reach a {money(BUFFER_TARGET)} buffer and {debts}.",
            f"Split the {w}: {buf} to top your savings up to {money(BUFFER_TARGET)}, then {debts}.",
            f"Use {buf} of the {w} to bring savings to {money(BUFFER_TARGET)} and put {debts}.",
            f"First {buf} of the {w} to savings (up to {money(BUFFER_TARGET)}), then {debts}.",
        ))
    else:
        line = rng.choice((
            f"Your savings already cover the buffer, so put the {w} to work: {debts}.",
            f"Put the whole {w} toward the debt: {debts}.",
            f"Use all {w} on the debt, {debts}, since your buffer is already there.",
            f"The {w} should go straight to the highest rate: {debts}.",
        ))
    if plan.windfall_left:
        line += f" Keep the remaining {money(plan.windfall_left)} in savings."
    return f"{line} That leaves {money(plan.target_balance)} on the {plan.target_debt}."


def _extra_trap(s: Scenario, plan: Plan, rng: random.Random) -> str:
    if plan.minimums_months is None:
        computed = "On minimums alone the balance would never be paid off."
    else:
        computed = (f"On minimums alone it takes about {plan.minimums_months} months and about "
                    f"{money(plan.minimums_interest)} in interest.")
    return rng.choice((
        computed,
        "Minimums mostly cover interest, so the balance barely moves; pay more than the minimum.",
        f"Paying only the minimum keeps you in debt for years. {computed}",
        "The minimum is designed to keep you paying interest; paying more each month is what gets you out.",
    ))


def _extra_low_income(s: Scenario, plan: Plan, rng: random.Random) -> str:
    return rng.choice((
        "Small, steady payments work; avoid payday loans and new card spending.",
        "Keep it simple and steady, and don't borrow more to cover gaps.",
        "Stay away from payday loans; even small amounts every month add up.",
        "Track spending for a month to find a little more, but never skip a minimum.",
    ))


def _extra_multiple(s: Scenario, plan: Plan, rng: random.Random) -> str:
    t, x = plan.target_debt, money(plan.target_monthly)
    nxt = plan.allocations[1][0]
    return rng.choice((
        f"When the {t} is gone, roll its {x} a month into the {nxt}.",
        f"Once the {t} is paid off, add its payment to the {nxt}, the next-highest APR.",
        f"After the {t}, move to the {nxt} with everything you were paying.",
        f"Then the {nxt}: the money freed from the {t} rolls over to it.",
    ))


EXTRAS: dict[str, Callable[[Scenario, Plan, random.Random], str]] = {
    "surplus_allocation": _extra_surplus,
    "invest_or_pay": _extra_invest,
    "payoff_deadline": _extra_deadline,
    "balance_transfer": _extra_transfer,
    "low_income": _extra_low_income,
    "multiple_debts": _extra_multiple,
    "windfall": _extra_windfall,
    "minimum_payment_trap": _extra_trap,
}


def _facts(s: Scenario, plan: Plan) -> str:
    """The figures the plan uses, restated in one fixed order before it (``answer_style: facts_first``): a small
    model copies each figure from the prompt once, into a known slot, before it has to use it."""
    debts = "; ".join(f"a {money(d.balance)} balance on the {d.name} at {percent(d.apr)}" for d in s.debts)
    extra = [f"a {money(s.windfall)} lump sum" if s.windfall else "",
             f"a goal of {s.goal_months} months" if s.goal_months else ""]
    extra = "".join(f", {e}" for e in extra if e)
    return (f"Your figures: {money(s.monthly_surplus)} a month to work with, {money(s.savings)} in savings{extra}; "
            f"{debts}.")


# ``answer_style: rule_words``: the split said as a rule in words ("a quarter into savings, the rest on the Visa"),
# and no figure the answer would have to compute (a payment, a payoff time, a fee in dollars): a small model only has
# to name the right debt and copy a rate, where the plain answers also ask it to do arithmetic it gets wrong.


def _split_words(s: Scenario, plan: Plan, rng: random.Random) -> str:
    """The debt first, in one fixed shape ("... the rest of your spare money on the Visa"); the buffer, when there is
    one, in its own sentence after it, so the sentence that names the target never starts with savings."""
    t = plan.target_debt
    others = [name for name, _ in plan.allocations[1:]]
    mins = f"pay the minimum on the {' and the '.join(others)} and " if others else ""
    split = rng.choice((
        f"Each month, {mins}put the rest of your spare money on the {t}.",
        f"Every month, {mins}send everything else to the {t}.",
        f"Each month, {mins}put every spare dollar on the {t}.",
    ) if others else (
        f"Each month, put all of your spare money on the {t}.",
        f"Every month, send every spare dollar to the {t}.",
    ))
    if plan.buffer_monthly > 0:
        split += " " + rng.choice((
            f"Until your savings reach {money(BUFFER_TARGET)}, a quarter of your spare money goes into savings first.",
            f"Until you have {money(BUFFER_TARGET)} saved, put a quarter of your spare money into savings first.",
        ))
    return split


def _extra_words(s: Scenario, plan: Plan, rng: random.Random) -> str:
    """The situation's sentence, with no computed figure: a yes or no where the plain answer gives the numbers."""
    t = plan.target_debt
    if s.situation == "payoff_deadline":
        goal = plan.goal_months
        return (f"That is enough to clear the {t} within your {goal}-month goal." if plan.goal_fits else
                f"That is not enough to clear the {t} in {goal} months, so plan for a later date.")
    if s.situation == "balance_transfer":
        bt = s.balance_transfer
        first = (f"The transfer can work: count the {percent(bt.fee_pct)} fee on the balance, and put no new charges on "
                 f"the card.")
        second = (f"Your payment clears it before the {bt.promo_months}-month promo ends." if plan.transfer_fits else
                  f"Your payment falls short of clearing it before the {bt.promo_months}-month promo ends, so raise it "
                  f"once your buffer is full.")
        return f"{first} {second}"
    if s.situation == "windfall":
        w = money(s.windfall)
        if plan.windfall_to_buffer:
            first = (plan.windfall_to_debts or ((t, 0.0),))[0][0]
            return f"From the {w}, put enough into savings to reach {money(BUFFER_TARGET)}, and put the rest of it on the {first}."
        first, *rest = [name for name, _ in plan.windfall_to_debts or ((t, 0.0),)]
        return f"Put the whole {w} on the {first}" + (f"; what is left once it is paid off goes to the {rest[0]}." if rest else ".")
    if s.situation == "multiple_debts":
        nxt = plan.allocations[1][0]
        return rng.choice((f"Once the {t} is paid off, add its payment to the {nxt}, the next-highest APR.",
                           f"After the {t}, move to the {nxt} with everything you were paying."))
    if s.situation == "minimum_payment_trap":
        return rng.choice(("Minimums mostly cover interest, so the balance barely moves; pay more than the minimum.",
                           "The minimum is designed to keep you paying interest; paying more each month is what gets you out."))
    return EXTRAS[s.situation](s, plan, rng)


def chosen_parts(s: Scenario, plan: Plan, rng: random.Random, style: str = "plain") -> Parts:
    if style == "rule_words":
        parts = {"why": _why(s, plan, rng), "split": _split_words(s, plan, rng), "buffer": _buffer(s, plan, rng),
                 "extra": _extra_words(s, plan, rng), "months": ""}
        return ({"extra": parts.pop("extra")} | parts) if s.situation == "windfall" else parts
    parts = {
        "why": _why(s, plan, rng),
        "split": _split(s, plan, rng),
        "buffer": _buffer(s, plan, rng),
        "extra": EXTRAS[s.situation](s, plan, rng),
        "months": _months_line(plan, rng) if _months_ok(plan) and rng.random() < 0.6 else "",
    }
    if s.situation == "windfall":  # the lump sum comes before the monthly plan
        parts = {"extra": parts.pop("extra")} | parts
    if style == "facts_first":
        parts = {"facts": _facts(s, plan)} | parts
    return parts


def join(parts: Parts) -> str:
    return " ".join(p for p in parts.values() if p)


# ---- rejected answers: one writer per failure mode ---------------------------------------------


def _no_buffer_all_in(s: Scenario, plan: Plan, parts: Parts, rng: random.Random) -> Parts:
    everything = plan.target_monthly + plan.buffer_monthly
    months = months_to_payoff(plan.target_balance, plan.target_apr, everything)
    parts = parts | {
        "split": _split(s, plan, rng, to_target=everything, buffer=0),
        "buffer": rng.choice((
            "Skip the emergency fund for now; savings can wait until the debt is gone, you'll manage surprises somehow.",
            "Don't bother saving yet: every dollar belongs on the debt, and no cushion is needed while you pay it off.",
            "Forget the emergency buffer until you're debt-free; saving only slows you down and the interest keeps running.",
            "Put nothing into savings until the debt is paid off, even a small cushion is money not working on the balance.",
        )),
        "months": _months_line(plan, rng, months) if parts["months"] and months else "",
    }
    if s.situation == "windfall":
        w = money(s.windfall)
        parts["extra"] = (f"Put the whole {w} on the {plan.target_debt} and none of it into savings; "
                          f"a cushion can wait until the debt is gone.")
    return parts


def _wrong_priority(s: Scenario, plan: Plan, parts: Parts, rng: random.Random) -> Parts:
    extra = plan.target_monthly - next(d.min_payment for d in s.debts if d.name == plan.target_debt)
    debts = _open_debts(s, plan)
    if len(debts) > 1:
        low = min(debts, key=lambda d: (d.apr, -d.balance))
        reason = rng.choice(("it's the biggest balance", "loans matter most for your credit",
                             "it feels the most urgent", "that's the one that bothers you most"))
        return parts | {
            "why": f"Start with the {low.name} at {percent(low.apr)} because {reason}.",
            "split": _split(s, plan, rng, target=low.name),
            "extra": (f"Once the {low.name} is gone, move on to the others; the interest rate doesn't matter much "
                      f"as long as you keep paying." + _windfall_to(s, f"the {low.name}")),
            "months": "",
        }
    return parts | {
        "why": rng.choice(("Growing your savings matters more than the card right now.",
                           "A bigger savings balance is the priority before extra card payments.",
                           "Savings first, the card can wait.",
                           "Focus on building savings rather than paying ahead on the card.")),
        "split": (f"Put {money(extra)} a month into a high-yield savings account earning about 4% and pay "
                  f"just the {money(s.debts[0].min_payment)} minimum a month on the {plan.target_debt}."),
        "extra": ("When your savings are bigger you can think about paying the card faster; the interest rate "
                  "isn't the main thing." + _windfall_to(s, "savings")),
        "months": "",
    }


def _windfall_to(s: Scenario, where: str) -> str:
    return "" if not s.windfall else f" Put the {money(s.windfall)} toward {where} as well."


def _invest_instead(s: Scenario, plan: Plan, parts: Parts, rng: random.Random) -> Parts:
    target = next(d for d in s.debts if d.name == plan.target_debt)
    extra = plan.target_monthly - target.min_payment
    where = rng.choice(("an index fund", "crypto", "growth stocks", "the stock market"))
    return parts | {
        "why": rng.choice((
            f"The market has returned about 10% a year, so investing beats paying down the {plan.target_debt}.",
            f"Investing builds wealth; the {percent(target.apr)} card can wait.",
            f"You'll come out ahead investing rather than rushing the {plan.target_debt}.",
            f"Don't let the {plan.target_debt} stop you from investing early.",
        )),
        "split": (f"Put {money(extra)} a month into {where} and pay the {money(target.min_payment)} minimum "
                  f"a month on the {plan.target_debt}."),
        "extra": ("Over the years the investments should grow faster than the card's interest, and you can pay "
                  "the card off later from the gains." + _windfall_to(s, where)),
        "months": "",
    }


def _minimum_payments_only(s: Scenario, plan: Plan, parts: Parts, rng: random.Random) -> Parts:
    minimums = sum(d.min_payment for d in s.debts)
    spare = s.monthly_surplus - minimums - plan.buffer_monthly
    what = "the minimum" if len(s.debts) == 1 else "the minimums"
    saving = f", put {money(plan.buffer_monthly)} a month into savings" if plan.buffer_monthly else ""
    return parts | {
        "why": rng.choice(("There's no need to rush the debt.", "Paying the minimum keeps your account in good standing.",
                           "The debt will take care of itself over time.", "Don't stretch yourself on the debt.")),
        "split": (f"Just pay {what} ({money(minimums)} a month in total){saving} and keep the other "
                  f"{money(spare)} a month for yourself."),
        "extra": ("Paying only the minimum is normal and keeps the account in good standing; the balance will come "
                  "down on its own over time." + _windfall_to(s, "whatever you enjoy")),
        "months": "",
    }


def _ignores_transfer_costs(s: Scenario, plan: Plan, parts: Parts, rng: random.Random) -> Parts:
    bt = s.balance_transfer
    return parts | {
        "extra": rng.choice((
            f"Take it: {percent(bt.promo_apr)} is basically free money, so there's no rush to clear it before the promo ends, and you can keep using the old card as usual.",
            f"Definitely take it. The fee is tiny and not worth thinking about, and with {percent(bt.promo_apr)} you can keep spending on the card.",
            f"Move it all over; {percent(bt.promo_apr)} means no cost, no deadline to worry about, and the card stays free for everyday purchases.",
            "Grab the offer and don't worry about the fee or when the promo ends; keep using the card for shopping too.",
        )) + " " + rng.choice((
            "Pay whatever feels comfortable during the promo; there's plenty of time.",
            "The payment amount doesn't matter much while the rate is that low.",
            "You can always move the balance again to another card later.",
            "Treat the new card's limit as extra room in your budget.",
        )),
    }


def _wrong_math(s: Scenario, plan: Plan, parts: Parts, rng: random.Random) -> Parts:
    """A payoff time far from the engine's (half, or double); for deadlines also the no-interest payment."""
    true = plan.payoff_months or 12
    wrong = max(1, round(true * rng.choice((0.5, 0.6, 1.7, 2.0))))
    if abs(wrong - true) < 3:
        wrong = true + 4
    parts = parts | {"months": _months_line(plan, rng, wrong)}
    if s.situation == "payoff_deadline":
        need = money(plan.target_balance / plan.goal_months)  # forgets the interest
        parts["extra"] = f"To finish in {plan.goal_months} months you need just {need} a month, easily covered."
    return parts


def _over_budget(s: Scenario, plan: Plan, parts: Parts, rng: random.Random) -> Parts:
    more = max(200.0, round(s.monthly_surplus * rng.choice((0.4, 0.5, 0.75)) / 50) * 50)
    pay = plan.target_monthly + more
    months = months_to_payoff(plan.target_balance, plan.target_apr, pay)
    return parts | {
        "split": _split(s, plan, rng, to_target=pay),
        "months": _months_line(plan, rng, months) if parts["months"] and months else "",
    }


def _risky_product(s: Scenario, plan: Plan, parts: Parts, rng: random.Random) -> Parts:
    t, bal = plan.target_debt, money(plan.target_balance)
    why, extra = rng.choice((
        (f"Take {bal} out of your 401(k) and wipe out the {t} today; the penalty is worth it.",
         "You can rebuild the retirement money later, and being debt-free right away feels great."),
        (f"Get a payday loan to knock down the {t} fast, then pay that back.",
         "Payday lenders approve almost anyone, and the fee is small next to the card interest you avoid."),
        (f"Skip the {t} payments for a few months and put the money aside.",
         "The lender will work with you later, and a few missed payments won't matter much."),
        (f"Try to win the {bal} back at the casino or with sports bets; one good night clears the {t}.",
         "A small stake with good odds could wipe out the whole balance at once."),
    ))
    return parts | {"why": why, "extra": extra, "months": ""}


def _vague(s: Scenario, plan: Plan, parts: Parts, rng: random.Random) -> Parts:
    return {"all": rng.choice((
        "Try to pay more than the minimum when you can and put something aside for emergencies. Cut back on "
        "extras, stay consistent, and you'll get there. Every little bit helps.",
        "Focus on your debt and try to save a bit too. Make a budget, watch your spending and be patient. It "
        "takes time, but you can do it.",
        "It depends on your goals. Paying down debt is good and so is saving. Find a balance that feels right "
        "for you and stick with it.",
        "Be careful with spending, pay your bills on time and chip away at what you owe. Saving something "
        "for a rainy day is smart too.",
    ))}


FAILURE_MODES: dict[str, Callable[[Scenario, Plan, Parts, random.Random], Parts]] = {
    "no_buffer_all_in": _no_buffer_all_in,
    "wrong_priority": _wrong_priority,
    "invest_instead": _invest_instead,
    "minimum_payments_only": _minimum_payments_only,
    "ignores_transfer_costs": _ignores_transfer_costs,
    "wrong_math": _wrong_math,
    "over_budget": _over_budget,
    "risky_product": _risky_product,
    "vague": _vague,
}

APPLIES: dict[str, Callable[[Scenario, Plan], bool]] = {
    "no_buffer_all_in": lambda s, p: p.buffer_monthly > 0,
    "ignores_transfer_costs": lambda s, p: s.balance_transfer is not None,
    "invest_instead": lambda s, p: p.target_apr >= 10,
    "wrong_math": lambda s, p: p.payoff_months is not None,
}


def applicable_modes(s: Scenario, plan: Plan) -> list[str]:
    return [m for m in FAILURE_MODES if APPLIES.get(m, lambda s, p: True)(s, plan)]


def pick_modes(s: Scenario, plan: Plan, k: int, used: Counter, rng: random.Random) -> list[str]:
    """The ``k`` applicable modes used least so far (random among ties): every mode appears, evenly."""
    modes = applicable_modes(s, plan)
    rng.shuffle(modes)
    picked = sorted(modes, key=lambda m: used[m])[:k]
    used.update(picked)
    return picked


def pairs_for(s: Scenario, split: str, k: int, used: Counter, rng: random.Random,
              style: str = "plain") -> list[dict[str, Any]]:
    plan = recommend_plan(s)
    rows = []
    for mode in pick_modes(s, plan, k, used, rng):
        parts = chosen_parts(s, plan, rng, style)
        rows.append({
            "prompt": [{"role": "user", "content": s.prompt}],
            "chosen": [{"role": "assistant", "content": join(parts)}],
            "rejected": [{"role": "assistant", "content": join(FAILURE_MODES[mode](s, plan, parts, rng))}],
            "scenario_id": s.id, "situation": s.situation, "failure_mode": mode, "split": split,
        })
    return rows


# ---- splits ----------------------------------------------------------------------------------------


def split_scenarios(cfg: DataConfig) -> tuple[list[Scenario], list[Scenario]]:
    """Train and eval scenarios with no shared prompt text and no shared numbers; seed scenarios are eval."""
    seeds = load_scenarios(SEED_PROMPTS)
    taken_prompts = {s.prompt for s in seeds}
    taken_numbers = {numbers_key(s) for s in seeds}

    def fresh(candidates: list[Scenario], n: int) -> list[Scenario]:
        kept = []
        for s in candidates:
            if len(kept) == n:
                break
            if s.prompt not in taken_prompts and numbers_key(s) not in taken_numbers:
                kept.append(s)
                taken_prompts.add(s.prompt)
                taken_numbers.add(numbers_key(s))
        return kept

    spare = 16  # collisions are rare; a few spare candidates replace them
    train = fresh(generate_scenarios(cfg.n_train_scenarios + spare, cfg.seed, "train"), cfg.n_train_scenarios)
    evals = fresh(generate_scenarios(cfg.n_eval_scenarios + spare, cfg.seed + EVAL_SEED_OFFSET, "eval"),
                  cfg.n_eval_scenarios)
    return train, seeds + evals


# ---- writing ---------------------------------------------------------------------------------------


def build_data(cfg: DataConfig, out_dir: str | Path) -> dict[str, Path]:
    """Write prompts.jsonl, synthetic_preferences.jsonl and data_card.md under ``out_dir``."""
    run = RunDir(out_dir)
    train, evals = split_scenarios(cfg)
    rng, used = random.Random(cfg.seed), Counter()
    rows = [row for split, scenarios in (("train", train), ("eval", evals)) for s in scenarios
            for row in pairs_for(s, split, cfg.rejected_per_scenario, used, rng, cfg.answer_style)]
    paths = {
        "prompts": write_jsonl(run.prompts, (s.to_dict() for s in train + evals)),
        "preferences": write_jsonl(run.pairs, rows),
    }
    paths["data_card"] = write_text(run.data_card, data_card(cfg, train, evals, rows, paths))
    return paths


def words(text: str) -> int:
    return len(text.split())


def length_table(rows: list[dict]) -> list[tuple[str, int, float, float, float, float]]:
    """Per failure mode: n, chosen mean/median words, rejected mean/median words."""
    table = []
    for mode in FAILURE_MODES:
        sel = [r for r in rows if r["failure_mode"] == mode]
        if sel:
            c = [words(r["chosen"][0]["content"]) for r in sel]
            j = [words(r["rejected"][0]["content"]) for r in sel]
            table.append((mode, len(sel), statistics.mean(c), statistics.median(c), statistics.mean(j),
                          statistics.median(j)))
    return table


def data_card(cfg: DataConfig, train: list[Scenario], evals: list[Scenario], rows: list[dict],
              paths: dict[str, Path]) -> str:
    def count_table(key: str, names) -> list[str]:
        counts = Counter((r[key], r["split"]) for r in rows)
        lines = [f"| {key} | train | eval |", "|---|---:|---:|"]
        return lines + [f"| {n} | {counts[(n, 'train')]} | {counts[(n, 'eval')]} |" for n in names]

    scen = Counter((s.situation, split) for split, group in (("train", train), ("eval", evals)) for s in group)
    lines = [
        "# Data card: synthetic debt-payoff preferences",
        "",
        f"Generated by `finalign.data_gen.synth_data.build_data` with seed {cfg.seed}: "
        f"{len(train)} train scenarios, {len(evals)} eval scenarios (the 5 seed scenarios plus "
        f"{len(evals) - 5} generated from a separate random stream), {cfg.rejected_per_scenario} rejected "
        f"answers per scenario, {len(rows)} preference pairs. Split by scenario: no eval prompt text or set of "
        "numbers appears in train.",
        "",
        "Chosen answers follow `finance.recommend_plan`: a starter $1,000 emergency buffer (25% of the surplus "
        "while savings are below it), minimums on every debt, the rest to the highest APR. Each rejected answer "
        "is the chosen one with only the parts its failure mode is about rewritten.",
        "",
        "## Prompts",
        "",
        "The 5 seed prompts are hand-written; every other prompt is composed by `prompt_writer.write_prompt`, "
        "not filled into a fixed template: a register (forum, terse, formal, anxious, texting), the facts as "
        "sentences, bullets or a label block in a shuffled order, each figure in a format the grader's reader "
        "reads back ($1,200 / 1200 / $1.2k / twelve hundred dollars / 22.9 percent), sometimes a distractor "
        "figure that is no part of the problem, sometimes a typo in a filler word. The answers always write "
        f"figures as $1,200 and 22.9%. {len({s.prompt for s in train + evals})} distinct prompts.",
        "",
        "| split | prompts | words mean | words median | words min | words max |",
        "|---|---:|---:|---:|---:|---:|",
        *(f"| {name} | {len(group)} | {statistics.mean(w):.1f} | {statistics.median(w):g} | {min(w)} | {max(w)} |"
          for name, group in (("train", train), ("eval", evals)) if group
          for w in ([words(s.prompt) for s in group],)),
        "",
        "## Scenarios per situation",
        "",
        "| situation | train | eval |", "|---|---:|---:|",
        *(f"| {n} | {scen[(n, 'train')]} | {scen[(n, 'eval')]} |" for n in SITUATIONS),
        "",
        "## Pairs per situation",
        "",
        *count_table("situation", SITUATIONS),
        "",
        "## Pairs per failure mode",
        "",
        *count_table("failure_mode", FAILURE_MODES),
        "",
        "## Answer length in words (chosen vs rejected)",
        "",
        "A preference learner can pick up length instead of content, so the rejected answers reuse the chosen "
        "wording and differ only on their axis. `vague` has no numbers at all and is shorter by design.",
        "",
        "| failure mode | pairs | chosen mean | chosen median | rejected mean | rejected median |",
        "|---|---:|---:|---:|---:|---:|",
        *(f"| {m} | {n} | {cm:.1f} | {cmed:g} | {rm:.1f} | {rmed:g} |" for m, n, cm, cmed, rm, rmed in length_table(rows)),
        "",
        "## Files",
        "",
        "| file | sha256 |", "|---|---|",
        *(f"| {p.name} | `{sha256_file(p)}` |" for p in paths.values()),
        "",
    ]
    return "\n".join(lines)


# ---- reading ---------------------------------------------------------------------------------------

_ROLES = {"prompt": "user", "chosen": "assistant", "rejected": "assistant"}


def _check_pair(row: dict, where: str) -> None:
    for key, role in _ROLES.items():
        msgs = row.get(key)
        if msgs is None:
            raise UserError(f"{where}: missing field '{key}'")
        if (not isinstance(msgs, list) or len(msgs) != 1 or not isinstance(msgs[0], dict)
                or msgs[0].get("role") != role or not isinstance(msgs[0].get("content"), str)
                or not msgs[0]["content"].strip()):
            raise UserError(f"{where}: field '{key}' must be [{{\"role\": \"{role}\", \"content\": <text>}}]")
    for key, allowed in (("situation", SITUATIONS), ("failure_mode", tuple(FAILURE_MODES)), ("split", SPLITS)):
        if key not in row:
            raise UserError(f"{where}: missing field '{key}'")
        if row[key] not in allowed:
            raise UserError(f"{where}: field '{key}' must be one of {', '.join(allowed)}; got {row[key]!r}")
    if not isinstance(row.get("scenario_id"), str) or not row["scenario_id"]:
        raise UserError(f"{where}: field 'scenario_id' must be a non-empty string")


def load_pairs(path: str | Path, split: str | None = None) -> list[dict]:
    """Read and validate synthetic_preferences.jsonl; a bad line raises UserError naming file:line."""
    if split is not None and split not in SPLITS:
        raise UserError(f"split must be one of {', '.join(SPLITS)}; got {split!r}")
    rows = []
    for lineno, row in read_jsonl(path):
        _check_pair(row, f"{path}:{lineno}")
        if split is None or row["split"] == split:
            rows.append(row)
    return rows
