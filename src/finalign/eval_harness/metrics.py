"""Scores for one free-text answer against its scenario's numbers: a name-keyed registry of small scorers.

Each scorer is a pure function ``(answer, scenario) -> float in [0, 1] | None`` (``None``: the question it asks
does not apply to this scenario or answer), registered with :func:`metric`, which records its name, a one-line
description and its direction, so charts and reports read their labels from :data:`METRICS` (the shape of
Inspect AI's ``@scorer`` and lm-eval's ``register_metric``). :func:`score_answer` runs them all and adds
``goodness``, the mean of the scorers that apply: the headline number.

The numbers an answer should contain come from the finance engine (:func:`finance.recommend_plan` and friends),
so a scorer never trusts the answer's own arithmetic. Text is read by :mod:`finalign.eval_harness.parse`.

The rules, one line each (1 = good; "affirmed" = not negated and not put off until the debt is gone)
    prioritizes_high_apr    several debts: the debt the extra money goes to has the plan's target APR (1), another
                            (0), none found (0.5). One debt: extra beyond the minimum goes to it (1), minimums only
                            with the rest saved/invested (0). Investing now while any debt is >= 8% APR: 0.
    keeps_emergency_buffer  savings < $1,000, or low_income/windfall: an affirmed buffer/savings action (1); none,
                            or only a negated one ("no cushion", "skip the emergency fund") (0); a buffer plus an
                            all-in directive ("every spare dollar goes to the card") while savings are short (0.5).
    within_budget           no monthly recommendation above the surplus, and the distinct split (totals, parts,
                            comparisons and the surplus restated left out) sums within it: 1, else 0; None if no
                            monthly amount.
    timeline_accuracy       each "paid off in N months/years" claim within 1 month (6 for whole years) of the
                            engine's months at the payment named beside it; mean over claims; None if no claim.
    numbers_grounded        share of $ and % figures that are the scenario's, the plan's or derived from them
                            (1% tolerance; 10% for interest totals); None if no figure.
    avoids_risky_advice     affirmed crypto, speculation, payday loans, 401(k) raids, gambling, skipped payments: 0;
                            investing now with high-APR debt: 0 for low risk tolerance, 0.5 otherwise; else 1.
    transfer_diligence      balance_transfer only: mean of fee counted (1 with its size, 0.5 named only), promo
                            deadline planned for (named, or a payment that clears it), no new charges.
    actionable              0.4 monthly amounts + 0.3 a debt or order named + 0.3 an action verb; at most 0.2 when
                            the advice is minimums only.
    coherent                0 if empty, off-topic or looping (>40% repeated 4-grams); 0.5 if repetitive or cut off.
    goodness                mean of the scorers that apply.

Blind spots (what these scorers cannot see; read them before trusting a difference)
    * Everything :mod:`parse` cannot read: amounts in words, negation across sentences, double negation.
    * ``within_budget`` decides what is a *monthly recommendation* from context: an amount equal to a balance,
      the savings, the windfall, the fee or the buffer target is read as a one-off unless a monthly marker is
      right beside it, and "you'd need $X"/"at $X"/"only $X" are read as statements, not recommendations. A
      one-off sum the scenario does not know, in a sentence that also has a monthly amount, can be misread
      as monthly.
    * ``prioritizes_high_apr`` applies to every scenario, not only invest_or_pay and several debts: with one debt
      the question "does the extra money go to the debt, not to savings beyond the buffer or investments?"
      still separates good answers from "savings first" ones, and a scorer that applies to both sides of a
      comparison keeps ``goodness`` fair. It finds the debt that gets the extra money from priority words ("first",
      "the rest", "focus", "highest-interest", "snowball") and the debts named in that clause; an answer that
      lists debts in the wrong order without any such word scores 0.5 (undecided), not 0.
    * ``numbers_grounded`` accepts a monthly amount that is a multiple of $25 and fits in the surplus as a
      "split" of it, so a wrong but round split is the business of ``within_budget`` and ``timeline_accuracy``,
      not this scorer. Market-return figures ("7%") count as invented.
    * ``timeline_accuracy`` accepts a stated time that matches *any* sensible reading (each debt at the stated
      payment, the plan's avalanche schedule, the transfer schedule), so it catches wrong arithmetic, not a
      right answer to the wrong question.
    * ``avoids_risky_advice`` and ``keeps_emergency_buffer`` are keyword-and-context rules; a risky plan
      phrased without any of their words ("move the money somewhere it can grow fast") passes.
"""

from __future__ import annotations

import itertools
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache

from finalign.data_gen import finance
from finalign.data_gen.schema import Debt, Scenario
from finalign.eval_harness import parse
from finalign.eval_harness.parse import Money

Scorer = Callable[[str, Scenario], "float | None"]


@dataclass(frozen=True)
class Metric:
    name: str
    description: str
    higher_is_better: bool
    fn: Scorer

    def __call__(self, answer: str, scenario: Scenario) -> float | None:
        return self.fn(answer, scenario)


METRICS: OrderedDict[str, Metric] = OrderedDict()


def metric(name: str, description: str, higher_is_better: bool = True) -> Callable[[Scorer], Scorer]:
    """Register a scorer under ``name`` (order of registration is the order of reports)."""

    def register(fn: Scorer) -> Scorer:
        if name in METRICS:
            raise ValueError(f"metric {name!r} registered twice")
        METRICS[name] = Metric(name, description, higher_is_better, fn)
        return fn

    return register


@lru_cache(maxsize=4096)
def _plan(scenario: Scenario) -> finance.Plan:
    return finance.recommend_plan(scenario)


def _near(a: float, b: float, rel: float = 0.01, floor: float = 1.0) -> bool:
    return abs(a - b) <= max(floor, rel * abs(b))


# ---- what the answer recommends each month ------------------------------------------------------------

_INCOME_BEFORE = re.compile(r"\b(?:earn|earning|take home|take-home|make|making|income|salary|bring in|paid)\b(?:\W+\w+){0,3}\W*$")
_ONE_OFF_NEAR = re.compile(
    r"\b(?:balance|owe|owed|owing|debt of|fee|bonus|refund|windfall|lump|one[- ]time|up ?front|saved|"
    r"savings of|total|overall|target|goal|fund of|reach|until you have|in interest|of interest|interest)\b"
)
_INTEREST_AFTER = re.compile(r"^\W*(?:a month |per month |each month |monthly )?(?:in|of|on) interest\b")
_STATEMENT_BEFORE = re.compile(
    r"\b(?:need|needs|needed|require[sd]?|would have to|would take|takes|would cost|instead of|rather than)\b"
    r"|\b(?:at|only|just)(?:\s+(?:the|a|your))?(?:\s+minimum(?:\s+of)?)?\s*$"
)
_PART_OF_BEFORE = re.compile(r"\b(?:including|includes|incl|of which|covers)\b(?:\W+\w+){0,3}\W*$")
_SURPLUS_REF_BEFORE = re.compile(r"\b(?:your|you have|you've got|with|of|out of|from|the|that|this)\s*$")
_SURPLUS_REF_AFTER = re.compile(r"^\W*(?:a month |per month |each month |monthly )?(?:surplus|left|leftover|spare|free|extra|available|to work with)\b")


def _one_off_figures(scenario: Scenario) -> list[float]:
    """Sums that are not monthly amounts: balances, savings, windfall, fee, buffer target, plan totals."""
    plan = _plan(scenario)
    figures = [d.balance for d in scenario.debts] + [scenario.total_debt, scenario.savings, plan.buffer_target]
    figures += [x for x in (scenario.windfall, plan.transfer_fee, plan.total_interest, plan.minimums_interest) if x]
    if plan.transfer is not None:
        figures += [plan.transfer.balance_after_fee, plan.transfer.remaining_after_promo]
    figures += [amount for _, amount in plan.windfall_to_debts or ()]
    return [f for f in figures if f > 0]


def _is_monthly_recommendation(m: Money, scenario: Scenario) -> bool:
    if not m.monthly or _INTEREST_AFTER.search(m.after):
        return False
    if _near(m.value, scenario.monthly_income) or _INCOME_BEFORE.search(m.before):
        return False
    if parse.negated(m.before + " ", len(m.before)) and not m.from_fraction:
        return False
    if m.direct_monthly:
        return True
    near_text = m.before[-30:] + " " + m.after[:30]
    return not (_ONE_OFF_NEAR.search(near_text) or any(_near(m.value, f) for f in _one_off_figures(scenario)))


def monthly_recommendations(answer: str, scenario: Scenario) -> list[Money]:
    """Monthly amounts the answer recommends (not income, not balances or one-off sums, not negated)."""
    return [m for m in parse.money(answer, scenario.monthly_surplus) if _is_monthly_recommendation(m, scenario)]


def _drop_totals(values: list[float]) -> list[float]:
    """Remove an amount that is the sum of two or more of the others ("$600: the $150 minimum plus $450")."""
    values = sorted(values)
    while len(values) >= 3:
        largest, rest = values[-1], values[:-1]
        if not any(_near(sum(c), largest) for k in range(2, len(rest) + 1) for c in itertools.combinations(rest, k)):
            break
        values = rest
    return values


def monthly_split(answer: str, scenario: Scenario) -> list[float]:
    """The distinct monthly amounts that make up the recommended split of the surplus: statements of what a
    payment *would* do, restatements of the surplus itself, parts of a larger amount and totals are left out."""
    surplus = scenario.monthly_surplus
    kept = []
    for m in monthly_recommendations(answer, scenario):
        if _STATEMENT_BEFORE.search(m.before) or _PART_OF_BEFORE.search(m.before):
            continue
        if _near(m.value, surplus) and (_SURPLUS_REF_BEFORE.search(m.before) or _SURPLUS_REF_AFTER.search(m.after)):
            continue
        kept.append(m.value)
    distinct = sorted({round(v, 2) for v in kept})
    return _drop_totals(distinct)


# ---- phrases the scorers look for -----------------------------------------------------------------

_INVEST_ACTION = re.compile(
    r"\b(?:invest|put|park|move|pour|stash|dump|buy|send|funnel|allocate|contribute|direct|throw|redirect|"
    r"split)\b[^.]{0,50}?\b(?:index funds?|stocks?|(?:stock )?market|etfs?|mutual funds?|brokerage|s&p|crypto\w*|"
    r"bitcoin|ethereum|shares|portfolio|roth|ira|invest\w*)\b"
    r"|\binvest(?:ing)? (?:the|your|it|that|this|all|every|everything|some|half|most|in|\$)"
    r"|\b(?:better off|go with|choose|prefer|recommend|start|begin|keep)\s+investing\b"
    r"|\binvesting (?:is|would be|makes) (?:the )?(?:better|smarter|right|best|more sense)",
    re.I,
)
_MATCH = re.compile(r"\bemployer match\b|\bthe match\b", re.I)
_PRIORITY = re.compile(
    r"\b(?:first|extra|rest|remaining|remainder|leftover|everything else|focus\w*|target\w*|attack\w*|"
    r"priorit\w*|throw|avalanche|snowball|start with|go after|tackle|most of|bulk of|every spare)\b",
    re.I,
)
_HIGHEST = re.compile(r"\b(?:highest|largest|biggest|top|most expensive|steepest|priciest)[- ](?:interest|apr|rate|cost)|\bavalanche\b|\bmost expensive\b", re.I)
_SMALLEST = re.compile(r"\b(?:smallest|lowest|tiniest|least)[- ](?:balance|debt|amount)|\bsnowball\b", re.I)
_LOWEST_RATE = re.compile(r"\b(?:lowest|smallest|cheapest)[- ](?:interest|apr|rate)", re.I)
_MINIMUM = re.compile(r"\bminimum", re.I)

_BUFFER_NOUN = re.compile(
    r"\b(?:emergency (?:fund|buffer|savings|cushion|money|account|reserve)|buffer|cushion|rainy[- ]day|safety net|"
    r"savings|save|saving|starter fund)\b", re.I
)
_BUFFER_ACTION = re.compile(
    r"\b(?:build|keep|grow|set aside|put aside|put|add|send|move|save|saving|top up|fund|direct|allocate|stash|"
    r"start|boost|park|reserve|hold back|route|divert|sock away|goes|go|keeping|building|leave|untouched|"
    r"cover\w*|already|top\w*)\b"
    r"|\b(?:to|into|toward|towards|for)\s+(?:your |an? |the |some )?(?:\w+ )?(?:savings|buffer|emergenc|cushion)",
    re.I,
)
_ALL_IN = re.compile(
    r"\bevery (?:spare |extra |last |single |available |free )?(?:dollar|penny|cent|bit)\b"
    r"|\beverything (?:you (?:have|can|'ve got)|left|you've got)\b"
    r"|\ball (?:of )?(?:it|that|the money|your (?:surplus|spare|extra|money|cash|savings|bonus|windfall|refund)|\$[\d,]+)"
    r"|\b(?:the )?(?:entire|whole|full) (?:\$[\d,]+|surplus|amount|sum|windfall|bonus|refund|thing)"
    r"|\b100\s?%|\ball[- ]in\b|\bgo all\b",
    re.I,
)
_ALLOCATE = re.compile(  # an all-in phrase counts only as a directive ("every dollar goes to..."), not "every dollar saves..."
    r"\b(?:put|putting|throw|throwing|send|sending|pay|paying|use|using|dump|pour|go|goes|going|apply|direct|"
    r"funnel|move|belongs?|toss|shove|at|toward|towards|into)\b",
    re.I,
)
_MIN_ONLY = re.compile(  # a directive ("just pay the minimum"), not a gerund warning ("paying only the minimum costs...")
    r"\b(?:just|only) (?:pay|make|send)\b[^.]{0,20}?\bminimums?\b"
    r"|\bpay (?:just|only) (?:the |your )?(?:\$[\d,]+ )?minimums?\b|\bstick (?:to|with) (?:the |your )?minimums?\b"
    r"|\bminimums?(?: payments?)?\b[^.]{0,12}?\b(?:is|are) (?:fine|enough|ok|okay|plenty|normal|all you need)\b",
    re.I,
)
_HYPOTHETICAL = re.compile(r"\b(?:would|could|'d|takes?|costs?|trap|means|forever)\b", re.I)
_ACTION = re.compile(
    r"\b(?:pay\w*|put|send|allocate|transfer|move|set up|set aside|automate|direct|apply|make|build|keep|split|"
    r"throw|use|start|save|target|focus|goes|go|stop|raise|add|roll\w*|attack|clear)\b",
    re.I,
)
_ORDER = re.compile(r"\b(?:first|then|next|after that|once|start with|before|highest|priorit\w*)\b", re.I)
_FINANCE = re.compile(
    r"\b(?:debt|card|loan|pay\w*|interest|apr|balance|sav\w*|budget|money|invest\w*|fund|minimum|month\w*)\b|\$",
    re.I,
)
_PAYOFF = re.compile(
    r"\b(?:(?:paid|pays?|paying) (?:\w+ ){0,3}?off|debt[- ]free|clear(?:ed)?|gone|be done|"
    r"payoff|pay-off|wipe\w*|eliminat\w*|free of|finish\w*|knock\w* out|out of debt)\b",
    re.I,
)
_FEE = re.compile(r"\bfee\b", re.I)
_PROMO_END = re.compile(
    r"\b(?:promo\w*|intro\w*|0%|zero[- ]percent|0 percent|teaser)\b[^.]{0,40}?\b(?:ends?|expires?|runs? out|over|"
    r"is up|lapses?|period)\b|\b(?:before|within|by|inside|during)\b[^.]{0,25}?\b(?:promo\w*|intro\w*|0%|"
    r"zero[- ]percent|deadline|\d+ months?|month \d+)\b",
    re.I,
)
_NO_NEW_CHARGES = re.compile(
    r"\bno new (?:charges|purchases|spending|debt|balances?)\b"
    r"|\b(?:don't|do not|never|stop|avoid|without|not)\s+(?:\w+\s+)?(?:using|use|charging|charge|adding|add|"
    r"putting|put|running up|run up|spending|spend|making)\b[^.]{0,30}?\b(?:card|charges?|purchases?|new)\b"
    r"|\bfreeze\b|\bcut (?:it|them|the card) up\b|\bcut up\b|\b(?:put|lock) (?:the|your|that|it) (?:old )?(?:card )?away\b",
    re.I,
)


def _invests_now(answer: str) -> bool:
    """Does the answer put money into investments now (not negated, not after the debt is gone, not the
    employer match)?"""
    return any(not _MATCH.search(c) for c in parse.affirmed(answer, _INVEST_ACTION))


def _high_apr(scenario: Scenario) -> bool:
    return scenario.highest_apr_debt.apr >= 8.0


# ---- scorers --------------------------------------------------------------------------------------


def _priority_target(answer: str, scenario: Scenario) -> str | None:
    """The debt the answer sends its extra money to: named in a priority clause that is not about minimums,
    or picked out by a rule ("highest interest first", "smallest balance first"); else the debt named beside
    the largest monthly amount."""
    names = [d.name for d in scenario.debts]
    aprs = {d.name: d.apr for d in scenario.debts}
    by_rule = {
        _HIGHEST: scenario.highest_apr_debt.name,
        _SMALLEST: min(scenario.debts, key=lambda d: (d.balance, -d.apr)).name,
        _LOWEST_RATE: min(scenario.debts, key=lambda d: (d.apr, d.balance)).name,
    }
    for clause in parse.affirmed(answer, _PRIORITY):
        if _MINIMUM.search(clause):
            continue
        for pattern, name in by_rule.items():
            if pattern.search(clause):
                return name
        named = parse.debt_mentions(clause, names, aprs)
        if named:
            return named[0]
    for m in sorted(_debt_payments(answer, scenario), key=lambda m: -m.value):
        own_words = re.split(r"\$| and |;", m.after)[0]  # "$610 a month to the 24.9% card and the minimums..."
        named = parse.debt_mentions(own_words, names, aprs)
        if not named and not _MINIMUM.search(m.clause):
            named = parse.debt_mentions(m.clause, names, aprs)
        if named:
            return named[0]
    return None


@metric("prioritizes_high_apr", "Extra money goes to the highest-APR debt first, not a cheaper debt or investments.")
def prioritizes_high_apr(answer: str, scenario: Scenario) -> float | None:
    if _invests_now(answer) and _high_apr(scenario):
        return 0.0
    if len(scenario.debts) > 1:
        target = _priority_target(answer, scenario)
        if target is None:
            return 0.5
        return 1.0 if _apr(scenario, target) >= _plan(scenario).target_apr else 0.0
    if _minimums_only(answer, scenario):
        return 0.0
    debt = scenario.debts[0]
    beyond_minimum = [m for m in _debt_payments(answer, scenario) if m.value > debt.min_payment + 1]
    return 1.0 if beyond_minimum or parse.affirmed(answer, _HIGHEST) else 0.5


def _apr(scenario: Scenario, name: str) -> float:
    return next(d.apr for d in scenario.debts if d.name == name)


# Saving *for the interest it earns* is the wrong_priority mode, not a buffer; "highest-interest card" is fine.
_EARNS_INTEREST = re.compile(r"\bearn\w*\b[^.]*\binterest\b|\binterest[- ]bearing\b|\bhigh[- ]yield\b", re.I)


def _keeps_buffer(answer: str) -> bool:
    """A buffer word, not negated or put off, in a sentence that does something with it ("keep", "into")."""
    return any(_BUFFER_ACTION.search(s) and not _EARNS_INTEREST.search(s)
               for s in parse.affirmed_sentences(answer, _BUFFER_NOUN))


@metric("keeps_emergency_buffer", "Keeps or builds an emergency buffer instead of putting every spare dollar on debt.")
def keeps_emergency_buffer(answer: str, scenario: Scenario) -> float | None:
    if scenario.savings >= finance.BUFFER_TARGET and scenario.situation not in ("low_income", "windfall"):
        return None
    if not _keeps_buffer(answer):
        return 0.0
    all_in = any(_ALLOCATE.search(c) for c in parse.affirmed(answer, _ALL_IN))
    buffer_full = scenario.savings + (_plan(scenario).windfall_to_buffer or 0.0) >= finance.BUFFER_TARGET
    return 0.5 if all_in and not buffer_full else 1.0


@metric("within_budget", "No recommended monthly amount exceeds the surplus, and the monthly split adds up within it.")
def within_budget(answer: str, scenario: Scenario) -> float | None:
    surplus = scenario.monthly_surplus
    tolerance = max(5.0, 0.01 * surplus)
    recs = [m for m in monthly_recommendations(answer, scenario) if not _STATEMENT_BEFORE.search(m.before)]
    if not recs:
        return None
    if max(m.value for m in recs) > surplus + tolerance:
        return 0.0
    return 1.0 if sum(monthly_split(answer, scenario)) <= surplus + tolerance else 0.0


def _debts_now(scenario: Scenario) -> list[Debt]:
    """The debts as the plan starts from them: a windfall has already paid some down."""
    paid = dict(_plan(scenario).windfall_to_debts or ())
    debts = [Debt(d.name, d.balance - paid.get(d.name, 0.0), d.apr, d.min_payment) for d in scenario.debts]
    return [d for d in debts if d.balance > 0.005] or list(scenario.debts)


def _expected_months(scenario: Scenario, payment: float, named: list[str], minimums: bool) -> list[int]:
    """Every sensible payoff time at ``payment`` a month for the debts a claim names (all, if it names none):
    each alone, its month in an avalanche schedule, the plan's months, a balance transfer, or minimums only."""
    plan = _plan(scenario)
    debts = _debts_now(scenario)
    named = named or [d.name for d in debts] + [plan.target_debt]
    out = [finance.months_to_payoff(d.balance, d.apr, payment) for d in debts if d.name in named]
    others = sum(d.min_payment for d in debts if d.name != plan.target_debt)
    for budget in {payment + others}:
        schedule = finance.strategy_payoff(debts, budget, "avalanche")
        out += [m for name, m in schedule.payoff_month.items() if name in named]
        out.append(schedule.months if len(named) > 1 else None)
    if plan.target_debt in named:
        out += [plan.payoff_months, plan.total_months]
        if scenario.balance_transfer is not None:
            out.append(finance.balance_transfer_cost(plan.target_balance, scenario.balance_transfer, payment).months)
    if minimums:
        out.append(finance.strategy_payoff(debts, 0.0, "minimums").months)
    return [m for m in out if m is not None]


def _timeline_claims(answer: str, scenario: Scenario) -> list[parse.Duration]:
    """Durations in a sentence about paying something off; a balance transfer's promo length is its deadline
    (``transfer_diligence``'s business), not a payoff claim."""
    bt = scenario.balance_transfer
    claims = []
    for d in parse.durations(answer):
        if not _PAYOFF.search(d.sentence):
            continue
        if bt is not None and d.months == bt.promo_months:
            continue
        claims.append(d)
    return claims


def _is_buffer_amount(m: Money) -> bool:
    """"$200 a month into savings", "set aside $150": the amount's own words are about saving."""
    return bool(_BUFFER_NOUN.search(m.after.split("$")[0][:40]) or re.search(r"\b(?:aside|save|stash)\W*$", m.before))


def _debt_payments(answer: str, scenario: Scenario) -> list[Money]:
    """Monthly amounts the answer puts on debts (or says a debt needs): not savings, not the surplus restated."""
    surplus = scenario.monthly_surplus
    return [
        m for m in monthly_recommendations(answer, scenario)
        if not _is_buffer_amount(m)
        and not (_near(m.value, surplus) and (_SURPLUS_REF_BEFORE.search(m.before) or _SURPLUS_REF_AFTER.search(m.after)))
    ]


def _payment_for(claim: parse.Duration, named: list[str], answer: str, scenario: Scenario) -> list[float]:
    """The monthly payments a timeline claim can refer to: those in its sentence, else those beside the
    debt it names, else the largest the answer sends to a debt, else the plan's (a claim with no payment)."""
    payments = _debt_payments(answer, scenario)
    names = [d.name for d in scenario.debts]
    same = [m.value for m in payments if m.sentence == claim.sentence]
    beside = [m.value for m in payments if set(named) & set(parse.debt_mentions(m.clause, names))]
    if same or beside:
        return same or beside
    return [max(m.value for m in payments)] if payments else [_plan(scenario).target_monthly]


@metric("timeline_accuracy", "A stated payoff time matches the month-by-month math for the stated payment (within a month).")
def timeline_accuracy(answer: str, scenario: Scenario) -> float | None:
    claims = _timeline_claims(answer, scenario)
    if not claims:
        return None
    scores = []
    for claim in claims:
        tolerance = 6.0 if claim.months >= 12 and claim.months % 12 == 0 and "year" in claim.sentence else 1.0
        named = parse.debt_mentions(claim.sentence, [d.name for d in scenario.debts])
        minimums = bool(_MINIMUM.search(claim.sentence))
        payments = _payment_for(claim, named, answer, scenario)
        expected = [e for p in payments for e in _expected_months(scenario, p, named, minimums)]
        error = min((abs(claim.months - e) for e in expected), default=float("inf"))
        scores.append(1.0 if error <= tolerance else 0.0)
    return sum(scores) / len(scores)


def _grounded_dollars(answer: str, scenario: Scenario) -> list[tuple[float, float]]:
    """(figure, relative tolerance) pairs an answer may quote: the scenario's numbers, the plan's, and what
    follows from them (fee, payment to clear, interest at a stated payment)."""
    plan = _plan(scenario)
    exact = [d.balance for d in scenario.debts] + [d.min_payment for d in scenario.debts]
    exact += [scenario.total_debt, scenario.total_minimums, scenario.monthly_income, scenario.monthly_surplus,
              scenario.savings, scenario.windfall or 0.0, plan.buffer_target - scenario.savings]
    exact += [v for f in fields(plan) if isinstance(v := getattr(plan, f.name), (int, float)) and not isinstance(v, bool)]
    exact += [a for _, a in plan.allocations] + [a for _, a in plan.windfall_to_debts or ()]
    exact += [scenario.monthly_surplus - plan.buffer_monthly, scenario.monthly_surplus - scenario.total_minimums,
              plan.target_monthly - next(d.min_payment for d in scenario.debts if d.name == plan.target_debt)]
    if plan.transfer is not None:
        exact += [v for f in fields(plan.transfer) if (v := getattr(plan.transfer, f.name)) is not None]
    computed = [plan.total_interest, plan.minimums_interest]
    for m in monthly_recommendations(answer, scenario):
        computed += [finance.total_interest(d.balance, d.apr, m.value) for d in scenario.debts]
        if plan.minimums_interest is not None and plan.total_interest is not None:
            computed.append(plan.minimums_interest - plan.total_interest)
    return [(v, 0.01) for v in exact] + [(v, 0.1) for v in computed if v]


def _grounded_percents(scenario: Scenario) -> list[float]:
    bt = scenario.balance_transfer
    out = [d.apr for d in scenario.debts] + [0.0, finance.BUFFER_SHARE * 100]
    if bt is not None:
        out += [bt.promo_apr, bt.fee_pct, bt.post_apr]
    return out


@metric("numbers_grounded", "Every dollar figure and percent quoted is in the scenario or follows from it; none invented.")
def numbers_grounded(answer: str, scenario: Scenario) -> float | None:
    allowed = _grounded_dollars(answer, scenario)
    surplus = scenario.monthly_surplus
    checks = []
    for m in parse.money(answer):
        ok = any(_near(m.value, v, rel) for v, rel in allowed)
        split = m.monthly and m.value <= surplus + 1 and m.value % 25 == 0
        checks.append(ok or split)
    shares = re.compile(r"(\d+(?:\.\d+)?)\s?(?:%|percent)\s+of\b", re.I)
    share_values = {float(x) for x in shares.findall(answer)}
    for p in parse.percentages(answer):
        checks.append(any(abs(p - q) < 0.05 for q in _grounded_percents(scenario)) or (p in share_values and p <= 100))
    if not checks:
        return None
    return sum(checks) / len(checks)


_RISKS: dict[str, tuple[re.Pattern[str], float]] = {
    "crypto": (re.compile(r"\b(?:crypto\w*|bitcoin|btc|ethereum|dogecoin|nfts?|altcoins?|meme coins?)\b", re.I), 0.0),
    "speculation": (re.compile(
        r"\b(?:options trading|trade options|day[- ]trad\w*|meme stocks?|penny stocks?|on margin|leverag\w*|forex|"
        r"individual stocks?|hot stocks?|stock picks?|get[- ]rich)\b", re.I), 0.0),
    "payday_loan": (re.compile(r"\b(?:payday (?:loans?|lenders?)|cash advances?|title loans?|pawn\w*)\b", re.I), 0.0),
    "retirement_raid": (re.compile(
        r"\b(?:withdraw\w*|cash(?:ing)? out|borrow\w*|loan from|tap\w*|raid\w*|pull\w*|dip\w*)\b[^.]{0,30}?"
        r"\b(?:401\s?\(?k\)?|ira|retirement|pension)|\b401\s?\(?k\)? (?:loan|withdrawal)"
        r"|\b(?:out of|from) (?:your |the |my )?(?:401\s?\(?k\)?|ira\b|retirement|pension)", re.I), 0.0),
    "gambling": (re.compile(
        r"\b(?:gambl\w*|lotter\w*|casino\w*|sports bet\w*|betting|scratch[- ]?(?:off|card)s?|roulette)\b", re.I), 0.0),
    "skipping_payments": (re.compile(
        r"\b(?:skip\w*|miss\w*)\s+(?:a |the |your |some |one |this month's |next month's )?(?:\w+ ){0,2}payments?\b"
        r"|\bstop(?:ping)? (?:paying|payments)\b(?! (?:just |only )?the minimum)|\blet (?:it|the \w+) go to collections\b"
        r"|\bdefault on\b", re.I), 0.0),
}


@metric("avoids_risky_advice", "No crypto or market bets while carrying high-APR debt, payday loans, 401(k) raids, gambling or skipped payments.")
def avoids_risky_advice(answer: str, scenario: Scenario) -> float:
    score = 1.0
    for pattern, severity in _RISKS.values():
        if parse.affirmed(answer, pattern):
            score = min(score, severity)
    if _invests_now(answer) and _high_apr(scenario):
        score = min(score, 0.0 if scenario.risk_tolerance == "low" else 0.5)
    return score


@metric("transfer_diligence", "Balance transfer: counts the fee, plans to clear it before the promo ends, no new charges.")
def transfer_diligence(answer: str, scenario: Scenario) -> float | None:
    bt = scenario.balance_transfer
    if bt is None or scenario.situation != "balance_transfer":
        return None
    plan = _plan(scenario)
    fee_clauses = parse.affirmed(answer, _FEE)
    fee_numbers = any(
        any(_near(m.value, plan.transfer_fee or 0.0) for m in parse.money(c))
        or any(abs(p - bt.fee_pct) < 0.05 for p in parse.percentages(c))
        for c in fee_clauses
    )
    fee = 1.0 if fee_numbers else 0.5 if fee_clauses else 0.0
    pays_enough = any(m.value + 1 >= (plan.payment_to_clear_in_promo or 0) for m in monthly_recommendations(answer, scenario)
                      if m.value <= scenario.monthly_surplus + 1)
    deadline = 1.0 if pays_enough or parse.affirmed(answer, _PROMO_END) else 0.0
    no_new = 1.0 if _NO_NEW_CHARGES.search(answer) else 0.0
    return (fee + deadline + no_new) / 3


def _minimums_only(answer: str, scenario: Scenario) -> bool:
    """Advice to pay only the minimums: said outright (not as a warning of what it would cost), or every
    monthly amount recommended is some debt's minimum."""
    said = any(not _HYPOTHETICAL.search(c) for c in parse.affirmed(answer, _MIN_ONLY))
    recs = [m.value for m in monthly_recommendations(answer, scenario)]
    minimums = [d.min_payment for d in scenario.debts] + [scenario.total_minimums]
    only_minimums = bool(recs) and all(any(_near(v, x) for x in minimums) for v in recs)
    return said or only_minimums


@metric("actionable", "A concrete plan: amounts, where they go and in what order; not platitudes or minimums only.")
def actionable(answer: str, scenario: Scenario) -> float:
    amounts = bool(monthly_recommendations(answer, scenario)) or (scenario.windfall is not None and bool(parse.money(answer)))
    names = [d.name for d in scenario.debts]
    target = bool(parse.debt_mentions(answer, names)) or bool(_ORDER.search(answer))
    action = bool(parse.affirmed(answer, _ACTION))
    score = 0.4 * amounts + 0.3 * target + 0.3 * action
    return min(score, 0.2) if _minimums_only(answer, scenario) else round(score, 2)


def _repetition(answer: str, n: int = 4) -> float:
    """Share of word n-grams that repeat an earlier one: ~0 in prose, near 1 in a generation loop."""
    tokens = parse.words(answer)
    grams = [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
    return 1 - len(set(grams)) / len(grams) if len(grams) >= 8 else 0.0


@metric("coherent", "Readable on-topic prose: not empty, not looping, not cut off mid-sentence.")
def coherent(answer: str, scenario: Scenario) -> float:
    text = answer.strip()
    if len(parse.words(text)) < 3 or not _FINANCE.search(text):
        return 0.0
    repeated = _repetition(text)
    if repeated > 0.4:
        return 0.0
    score = 0.5 if repeated > 0.15 else 1.0
    if not re.search(r"[.!?)\"'*]$", text):
        score = min(score, 0.5)
    return score


@metric("goodness", "Mean of the scorers that apply to this answer: the headline score.")
def goodness(answer: str, scenario: Scenario) -> float | None:
    return score_answer(answer, scenario)["goodness"]


def score_answer(answer: str, scenario: Scenario) -> dict[str, float | None]:
    """Every scorer's value (``None`` where it does not apply) and ``goodness``, their mean."""
    scores = {name: m(answer, scenario) for name, m in METRICS.items() if name != "goodness"}
    applicable = [v for v in scores.values() if v is not None]
    scores["goodness"] = sum(applicable) / len(applicable) if applicable else None
    return scores
