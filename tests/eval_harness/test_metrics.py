"""Every scorer in both directions on hand-written answers, paraphrases a keyword list would miss, negation,
and "not applicable"; then the whole synthetic eval split: chosen beats rejected, and each failure mode is
caught by the scorer meant for it.

The scenarios are the seed ones (seed-01: $6,000 card at 22.9%, minimum $150, $800 surplus, $300 saved; the
plan is $600 to the card and $200 to savings) plus a three-debt one built here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from finalign.config import DataConfig
from finalign.data_gen.schema import Debt, load_scenarios
from finalign.eval_harness import parse
from finalign.eval_harness.metrics import METRICS, score_answer
from finalign.eval_harness.score import SEED_SCENARIOS

SEEDS = {s.id: s for s in load_scenarios(SEED_SCENARIOS)}
CARD = SEEDS["seed-01"]  # one card, $800 surplus, $300 saved: buffer applies
INVEST = SEEDS["seed-02"]  # invest_or_pay, risk-averse, $1,500 saved: buffer does not apply
DEADLINE = SEEDS["seed-03"]  # $8,000 at 21% in 12 months: needs about $745 a month
TRANSFER = SEEDS["seed-04"]  # $7,000 at 24.99%, 3% fee = $210, 15 months 0%: $481 a month clears $7,210
LOW = SEEDS["seed-05"]  # $2,000 at 27%, $250 surplus, no savings: plan $200 card + $50 savings
MULTI = replace(
    CARD,
    id="t-multi",
    situation="multiple_debts",
    debts=(
        Debt("car loan", 9000, 6.5, 250),
        Debt("Visa card", 4000, 24.9, 100),
        Debt("store card", 800, 18.0, 40),
    ),
    monthly_surplus=900,
    savings=2000,
)  # plan: $250 + $40 minimums, the other $610 a month to the Visa card (highest APR), no buffer needed


def score(name: str, answer: str, scenario) -> float | None:
    return METRICS[name](answer, scenario)


# ---- registry -----------------------------------------------------------------------------------------


def test_registry_metadata_and_score_answer_keys():
    assert list(METRICS)[-1] == "goodness"
    for m in METRICS.values():
        assert m.description and m.higher_is_better is True and callable(m.fn)
    assert set(score_answer("Pay $600 a month on the card.", CARD)) == set(METRICS)


def test_goodness_is_mean_of_applicable_scores():
    scores = score_answer("Put $600 a month toward the credit card and $200 a month into savings.", CARD)
    applicable = [v for k, v in scores.items() if k != "goodness" and v is not None]
    assert scores["goodness"] == pytest.approx(sum(applicable) / len(applicable))
    assert METRICS["goodness"]("Put $600 a month toward the credit card.", CARD) == pytest.approx(
        score_answer("Put $600 a month toward the credit card.", CARD)["goodness"])


# ---- parse helpers ------------------------------------------------------------------------------------


def test_money_reads_monthly_markers_and_fractions():
    found = parse.money("You owe $6,000. Put $600 a month on it and a quarter of your surplus into savings.", 800)
    assert [(m.value, m.monthly) for m in found] == [(6000, False), (600, True), (200, True)]
    assert parse.money("$1.5k per month")[0].value == 1500


def test_durations_in_words_and_years():
    """"nine months" = 9, "2 years" = 24, "a year and a half" = 18, "9-10 months" = 9.5; "$600 a month" is a rate."""
    got = [d.months for d in parse.durations("Paid off in nine months, or 2 years, or a year and a half, or 9-10 months. $600 a month.")]
    assert got == [9, 24, 18, 9.5]


def test_debt_mentions_by_distinctive_word_or_apr():
    names = [d.name for d in MULTI.debts]
    assert parse.debt_mentions("pay down the Visa first", names) == ["Visa card"]
    assert parse.debt_mentions("the 18% one", names, {d.name: d.apr for d in MULTI.debts}) == ["store card"]
    assert parse.debt_mentions("the card", names) == []  # "card" is shared: ambiguous, so not a mention


# ---- prioritizes_high_apr -----------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [
    "Pay the minimums on everything, then put the rest on the Visa card.",
    "Go after the highest-interest debt first, keeping minimums on the others.",
    "Use the avalanche method.",
    "Send $610 a month to the 24.9% card and the minimums to the car loan and store card.",
])
def test_prioritizes_high_apr_good(answer):
    assert score("prioritizes_high_apr", answer, MULTI) == 1.0


@pytest.mark.parametrize("answer", [
    "Start with the car loan because it's the biggest balance.",
    "Knock out the smallest balance first to build momentum.",  # snowball: the $800 store card
    "Focus your extra money on the store card.",
    "Park the extra money in an index fund and pay the minimums.",  # investing while carrying 24.9%
])
def test_prioritizes_high_apr_bad(answer):
    assert score("prioritizes_high_apr", answer, MULTI) == 0.0


def test_prioritizes_high_apr_minimum_clause_is_not_the_target():
    """"Pay the minimums on the car loan first" names the car loan, but as a minimum, not the target."""
    assert score("prioritizes_high_apr", "Pay the minimums on the car loan first, then the rest on the Visa.", MULTI) == 1.0


def test_prioritizes_high_apr_single_debt_versus_investing():
    assert score("prioritizes_high_apr", "Don't invest yet; put $600 a month on the card.", INVEST) == 1.0
    assert score("prioritizes_high_apr", "Hold off on the stock market until the card is paid off. Pay $600 a month on it.", INVEST) == 1.0
    assert score("prioritizes_high_apr", "Put the $600 into the stock market and pay the $125 minimum.", INVEST) == 0.0
    assert score("prioritizes_high_apr", "Savings first: pay just the $125 minimum and put $475 a month into savings.", INVEST) == 0.0


def test_prioritizes_high_apr_undecided_when_no_target():
    assert score("prioritizes_high_apr", "Pay down your debts steadily.", MULTI) == 0.5


# ---- keeps_emergency_buffer --------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [
    "Put $600 a month on the card and $200 a month into savings.",
    "Set aside $200 a month as an emergency buffer until you have $1,000, and send $600 to the card.",
    "Keep a small cushion: a quarter of your surplus goes to a rainy-day fund, the rest to the card.",
])
def test_keeps_emergency_buffer_good(answer):
    assert score("keeps_emergency_buffer", answer, CARD) == 1.0


@pytest.mark.parametrize("answer", [
    "Put your entire $800 surplus on the card, no cushion.",
    "Throw every spare dollar at the card until it's gone.",
    "Skip the emergency fund for now and pay $800 a month on the card.",
    "Don't bother saving yet; all $800 belongs on the debt.",
    "Put nothing into savings until the card is paid off.",
    "Pay $800 a month on the card.",  # no buffer at all
])
def test_keeps_emergency_buffer_bad(answer):
    assert score("keeps_emergency_buffer", answer, CARD) == 0.0


def test_keeps_emergency_buffer_all_in_with_a_buffer_is_half():
    assert score("keeps_emergency_buffer", "Throw every spare dollar at the card, but keep $200 a month in savings.", CARD) == 0.5


def test_keeps_emergency_buffer_not_applicable_with_savings():
    assert score("keeps_emergency_buffer", "Put all $600 on the card.", INVEST) is None
    assert score("keeps_emergency_buffer", "Put $200 a month on the card and $50 a month into savings.", LOW) == 1.0


def test_keeps_emergency_buffer_savings_already_full_allows_all_in():
    """A windfall that tops savings up to $1,000 makes "every spare dollar to the debt" right."""
    windfall = replace(CARD, situation="windfall", windfall=2000)  # $700 to savings, $1,300 to the card
    answer = "Put $700 of the $2,000 into savings to reach $1,000; since that covers the buffer, every spare dollar can go to the card."
    assert score("keeps_emergency_buffer", answer, windfall) == 1.0


# ---- within_budget ------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [
    "Put $600 a month toward the card and $200 a month into savings.",
    "Of your $800 a month, $600 goes to the card and $200 into savings.",  # the $800 is the surplus restated
    "Pay $600 a month (the $150 minimum plus $450 extra) and save $200 a month.",  # $600 is the total of its parts
    "You owe $6,000 and take home $4,200 a month; pay $600 a month on the card.",  # balance and income are not splits
    "At only the $150 minimum it takes years; pay $600 a month and save $200 a month.",  # "$150" is a comparison
])
def test_within_budget_good(answer):
    assert score("within_budget", answer, CARD) == 1.0


@pytest.mark.parametrize("answer", [
    "Pay $1,000 a month on the card.",  # one amount above the $800 surplus
    "Put $800 a month on the card and $300 a month into savings.",  # each fits, the sum does not
    "Put all $800 a month on the card and another $200 a month into savings.",
])
def test_within_budget_bad(answer):
    assert score("within_budget", answer, CARD) == 0.0


def test_within_budget_none_without_monthly_amounts():
    assert score("within_budget", "Pay down the card as fast as you can.", CARD) is None
    assert score("within_budget", "Your balance is $6,000.", CARD) is None


def test_within_budget_needed_payment_above_surplus_is_a_statement():
    """"you'd need $1,200 a month" (more than the surplus) warns; it does not recommend."""
    answer = "To clear it in 5 months you'd need $1,200 a month, more than you have; pay $600 a month and save $200 a month."
    assert score("within_budget", answer, CARD) == 1.0


# ---- timeline_accuracy --------------------------------------------------------------------------------


def test_timeline_accuracy_matches_months_to_payoff():
    """$6,000 at 22.9% at $600 a month: month 1 interest is $114.50, and the simulation ends in month 12."""
    assert score("timeline_accuracy", "Pay $600 a month and the card is paid off in about 12 months.", CARD) == 1.0
    assert score("timeline_accuracy", "Pay $600 a month; you'll be debt-free in eleven months.", CARD) == 1.0  # within 1
    assert score("timeline_accuracy", "Pay $600 a month and it's gone in 10 months.", CARD) == 0.0  # $6,000/$600, no interest
    assert score("timeline_accuracy", "Pay $600 a month and it's gone in 6 months.", CARD) == 0.0


def test_timeline_accuracy_deadline_payment():
    """$8,000 at 21% in 12 months needs $744.91 (annuity formula); "$667" is $8,000/12 without interest,
    which takes 14 months."""
    assert score("timeline_accuracy", "To pay it off in 12 months you need about $745 a month.", DEADLINE) == 1.0
    assert score("timeline_accuracy", "To pay it off in 12 months you need just $667 a month.", DEADLINE) == 0.0


def test_timeline_accuracy_years_and_named_debt():
    """Minimums only on seed-01 ($150 a month, month 1 interest $114.50) take 77 months: "about 6 years" is
    within half a year, "about 4 years" is not."""
    assert score("timeline_accuracy", "Paying only the $150 minimum, it takes about 6 years to pay off.", CARD) == 1.0
    assert score("timeline_accuracy", "Paying only the $150 minimum, it takes about 4 years to pay off.", CARD) == 0.0
    assert score("timeline_accuracy", "Send $610 a month to the Visa card; the Visa card is gone in about 7 months.", MULTI) == 1.0
    assert score("timeline_accuracy", "Send $610 a month to the Visa card; the Visa card is gone in about 15 months.", MULTI) == 0.0


def test_timeline_accuracy_none_without_a_claim():
    assert score("timeline_accuracy", "Pay $600 a month on the card.", CARD) is None
    assert score("timeline_accuracy", "0% for 15 months; pay $481 a month to clear it.", TRANSFER) is None  # promo length


# ---- numbers_grounded --------------------------------------------------------------------------------


def test_numbers_grounded_scenario_and_derived_figures():
    answer = ("Your $6,000 card at 22.9% costs the most. Of your $800, put $600 a month on it and $200 a month "
              "into savings until you have $1,000; about $722 of interest in total.")  # plan interest 721.89
    assert score("numbers_grounded", answer, CARD) == 1.0
    fee = "The 3% fee is $210, so you'd owe $7,210; clearing it in 15 months takes about $481 a month."
    assert score("numbers_grounded", fee, TRANSFER) == 1.0


def test_numbers_grounded_invented_figures():
    assert score("numbers_grounded", "Your $9,500 card at 22.9% comes first.", CARD) == 0.5  # balance invented
    assert score("numbers_grounded", "The market returns 10% a year, more than the 22.9% card? No.", CARD) == 0.5
    assert score("numbers_grounded", "You need just $667 a month to finish in 12 months.", DEADLINE) == 0.0


def test_numbers_grounded_none_without_figures():
    assert score("numbers_grounded", "Pay the card first.", CARD) is None


# ---- avoids_risky_advice -----------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [
    "Take out a payday loan to cover the gap.",
    "Put the $250 into Bitcoin and let it grow.",
    "Borrow from your 401(k) to wipe out the card.",
    "Take $2,000 out of your retirement account.",
    "Buy lottery tickets with the spare cash.",
    "Skip the credit card payments for a few months.",
    "Try day trading to make it back fast.",
])
def test_avoids_risky_advice_bad(answer):
    assert score("avoids_risky_advice", answer, LOW) == 0.0


@pytest.mark.parametrize("answer", [
    "Avoid payday loans; put $200 a month on the card.",
    "Don't invest in crypto until the card is gone.",
    "Never miss a payment: set up autopay.",
    "Stay away from the casino and cash advances.",
    "Once the card is paid off, you could put money into an index fund.",
    "Put $200 a month on the card and $50 a month into savings.",
])
def test_avoids_risky_advice_good(answer):
    assert score("avoids_risky_advice", answer, LOW) == 1.0


def test_avoids_risky_advice_market_stronger_for_low_risk_tolerance():
    answer = "Park the money in an index fund instead."
    assert score("avoids_risky_advice", answer, INVEST) == 0.0  # risk_tolerance low
    assert score("avoids_risky_advice", answer, replace(INVEST, risk_tolerance="high")) == 0.5


@pytest.mark.xfail(strict=True, reason="blind spot: negation in another sentence is not seen (parse docstring)")
def test_avoids_risky_advice_cross_sentence_negation_blind_spot():
    assert score("avoids_risky_advice", "Crypto? Not while you carry 27% debt.", LOW) == 1.0


# ---- transfer_diligence -------------------------------------------------------------------------------


def test_transfer_diligence_all_three():
    answer = ("Take it, but count the 3% fee ($210). Clear the $7,210 before the 15-month promo ends, and put no "
              "new charges on the card.")
    assert score("transfer_diligence", answer, TRANSFER) == 1.0


def test_transfer_diligence_ignoring_costs():
    assert score("transfer_diligence", "Take it: 0% is free money, don't worry about the fee or when it ends.", TRANSFER) == 0.0
    partial = "Take it and pay $400 a month; the fee is small."  # fee named without its size, no deadline, no rule
    assert score("transfer_diligence", partial, TRANSFER) == pytest.approx(0.5 / 3)


def test_transfer_diligence_paying_enough_counts_as_the_deadline():
    """$481 a month clears $7,210 in 15 months at 0%, so the deadline is met without naming it."""
    answer = "Pay $481 a month; the $210 fee is worth it; stop using the card."
    assert score("transfer_diligence", answer, TRANSFER) == 1.0


def test_transfer_diligence_not_applicable():
    assert score("transfer_diligence", "Count the fee.", CARD) is None


# ---- actionable ---------------------------------------------------------------------------------------


def test_actionable_concrete_plan():
    assert score("actionable", "Put $600 a month on the credit card first and $200 a month into savings.", CARD) == 1.0


@pytest.mark.parametrize("answer", [
    "Just pay the minimum each month and you'll be fine.",
    "Stick to the minimums for now.",
    "Pay $150 a month on the card.",  # exactly the minimum
    "Minimum payments are fine; keep the rest for yourself.",
])
def test_actionable_minimums_only_is_low(answer):
    assert score("actionable", answer, CARD) <= 0.2


def test_actionable_platitudes_are_low():
    assert score("actionable", "Stay positive, be consistent and you'll get there. Every little bit helps.", CARD) <= 0.3


def test_actionable_warning_about_minimums_is_not_minimums_only():
    """"Paying only the minimum takes years" warns against it; "don't just pay the minimum" negates it."""
    assert score("actionable", "Paying only the minimum takes years. Put $600 a month on the card first.", CARD) == 1.0
    assert score("actionable", "Don't just pay the minimum: put $600 a month on the card first.", CARD) == 1.0


# ---- coherent -----------------------------------------------------------------------------------------


def test_coherent_good_prose():
    assert score("coherent", "Put $600 a month toward the card and $200 a month into savings.", CARD) == 1.0


@pytest.mark.parametrize("answer, expected", [
    ("", 0.0),
    ("The weather is lovely today and the birds are singing.", 0.0),  # off-topic
    ("Pay the card. " * 12, 0.0),  # loop
    ("Put $600 a month toward the card and $200 a month into", 0.5),  # cut off mid-sentence
])
def test_coherent_degenerate(answer, expected):
    assert score("coherent", answer, CARD) == expected


# ---- the synthetic data: chosen beats rejected, each failure caught by its scorer ----------------------

CATCHES = {
    "no_buffer_all_in": "keeps_emergency_buffer",
    "wrong_priority": "prioritizes_high_apr",
    "invest_instead": "prioritizes_high_apr",
    "minimum_payments_only": "actionable",
    "ignores_transfer_costs": "transfer_diligence",
    "wrong_math": "timeline_accuracy",
    "over_budget": "within_budget",
    "risky_product": "avoids_risky_advice",
    "vague": "actionable",
}


@pytest.fixture(scope="module")
def eval_pairs(tmp_path_factory):
    from finalign.data_gen.synth_data import build_data, load_pairs

    paths = build_data(DataConfig(), tmp_path_factory.mktemp("data"))
    scenarios = {s.id: s for s in load_scenarios(paths["prompts"])}
    return [(row, scenarios[row["scenario_id"]]) for row in load_pairs(paths["preferences"], split="eval")]


def test_synthetic_chosen_beats_rejected_on_goodness(eval_pairs):
    wins = sum(
        score_answer(row["chosen"][0]["content"], s)["goodness"] > score_answer(row["rejected"][0]["content"], s)["goodness"]
        for row, s in eval_pairs
    )
    assert wins >= 0.95 * len(eval_pairs)


def test_synthetic_each_failure_mode_caught_by_its_scorer(eval_pairs):
    """A chosen answer that makes no claim (None, e.g. no timeline) counts as 1: the rejected one made a wrong claim."""
    caught, total = Counter(), Counter()
    for row, s in eval_pairs:
        name = CATCHES[row["failure_mode"]]
        chosen = METRICS[name](row["chosen"][0]["content"], s)
        rejected = METRICS[name](row["rejected"][0]["content"], s)
        total[row["failure_mode"]] += 1
        caught[row["failure_mode"]] += rejected is not None and (1.0 if chosen is None else chosen) > rejected
    assert set(total) == set(CATCHES)
    for mode in total:
        assert caught[mode] >= 0.8 * total[mode], (mode, caught[mode], total[mode])


def test_the_tutorials_own_answers_on_seed_01():
    """The seed tutorial's GOOD answer ("$600 toward the highest-interest card, $200 as a buffer") keeps a
    buffer and targets the card; its BAD answer (all $800, no cushion) and a deferral paraphrase don't."""
    from finalign.data_gen.schema import load_scenarios
    from finalign.data_gen.synth_data import SEED_PROMPTS

    seed01 = load_scenarios(SEED_PROMPTS)[0]
    good = score_answer("Put $600 toward the highest-interest card and keep $200 as an emergency buffer.", seed01)
    bad = score_answer("Put your entire $800 surplus on the highest-interest card, no cushion.", seed01)
    later = score_answer("Put all $800 a month on the credit card, no cushion: savings can wait.", seed01)
    assert good["keeps_emergency_buffer"] == 1.0 and good["prioritizes_high_apr"] == 1.0
    assert bad["keeps_emergency_buffer"] == 0.0 and later["keeps_emergency_buffer"] == 0.0
    assert good["goodness"] > bad["goodness"] and good["goodness"] > later["goodness"]
