"""Hand-worked checks of the finance engine; each docstring works the expected numbers out."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finalign.data_gen.finance import (
    BUFFER_TARGET,
    MAX_MONTHS,
    balance_transfer_cost,
    buffer_share,
    months_to_payoff,
    payment_for_months,
    recommend_plan,
    simulate,
    strategy_payoff,
    total_interest,
)
from finalign.data_gen.schema import BalanceTransfer, Debt, Scenario


def closed_form_months(balance: float, apr: float, payment: float) -> float:
    """n = -ln(1 - rB/P) / ln(1 + r): the (fractional) number of payments an annuity needs."""
    r = apr / 1200
    return -math.log(1 - r * balance / payment) / math.log(1 + r)


def scenario(**kw) -> Scenario:
    base = dict(
        id="t", situation="surplus_allocation", prompt="q",
        debts=(Debt("credit card", 6000, 22.9, 150),), monthly_income=4200, monthly_surplus=800, savings=300,
    )
    return Scenario(**(base | kw))


# ---- one debt ----------------------------------------------------------------------------------


def test_seed01_card_finishes_in_12_months_with_partial_last_payment():
    """$6,000 at 22.9%, $600/month. r = 0.229/12 = 0.019083; month 1 interest = $114.50.
    Closed form: n = -ln(1 - 0.019083*6000/600)/ln(1.019083) = -ln(0.80917)/0.018904 = 11.2,
    so 11 full payments and a 12th partial one: total paid = 11*600 + last = 6000 + interest."""
    p = simulate(6000, 22.9, 600)
    assert p.months == 12 == math.ceil(closed_form_months(6000, 22.9, 600))
    assert 0 < p.last_payment < 600
    assert p.total_paid == pytest.approx(11 * 600 + p.last_payment, abs=0.01)
    assert p.total_interest == pytest.approx(p.total_paid - 6000, abs=0.01)
    assert p.total_interest == pytest.approx(721.89, abs=0.01)
    assert months_to_payoff(6000, 22.9, 600) == 12
    assert total_interest(6000, 22.9, 600) == p.total_interest


def test_first_month_interest():
    """$1,200 at 12%: interest 1200*0.01 = $12, then $1,212 <= $1,300 so one payment of $1,212 clears it."""
    p = simulate(1200, 12, 1300)
    assert (p.months, p.total_interest, p.last_payment) == (1, 12.0, 1212.0)


def test_zero_apr_is_plain_division():
    """$1,200 at 0% paying $100 takes exactly 12 months and costs nothing extra."""
    p = simulate(1200, 0, 100)
    assert (p.months, p.total_interest, p.last_payment) == (12, 0.0, 100.0)
    assert payment_for_months(1200, 0, 12) == 100


def test_payment_not_beating_interest_is_never():
    """$5,000 at 24%: first month's interest is 5000*0.02 = $100, so $100/month never pays it down."""
    assert months_to_payoff(5000, 24, 100) is None
    assert total_interest(5000, 24, 100) is None
    assert months_to_payoff(5000, 24, 100.01) is not None  # barely more: slow, but it ends


def test_too_long_is_never_not_a_hang():
    """$5,000 at 24% paying $100 + $0.000000001: n = -ln(1 - 100/100.000000001)/ln(1.02) = 25.3/0.0198
    = about 1,280 months, past MAX_MONTHS, so "never" (and the loop stops at the cap)."""
    assert closed_form_months(5000, 24, 100 + 1e-9) > MAX_MONTHS
    assert months_to_payoff(5000, 24, 100 + 1e-9) is None
    assert months_to_payoff(5000, 24, 101) < MAX_MONTHS


def test_nothing_owed_is_zero_months():
    assert simulate(0, 20, 100).months == 0


def test_seed03_needs_about_745_a_month():
    """$8,000 at 21% in 12 months: r = 0.0175, 1.0175^12 = 1.23144,
    P = 0.0175*8000 / (1 - 1/1.23144) = 140 / 0.18794 = $744.91."""
    p = payment_for_months(8000, 21, 12)
    assert p == pytest.approx(744.91, abs=0.01)
    assert months_to_payoff(8000, 21, p + 0.01) == 12
    assert months_to_payoff(8000, 21, p - 1) == 13


@settings(max_examples=60, deadline=None)
@given(
    balance=st.floats(100, 30000),
    apr=st.floats(0.5, 35),
    months=st.integers(1, 120),
)
def test_annuity_payment_finishes_in_exactly_n_months(balance, apr, months):
    p = payment_for_months(balance, apr, months)
    assert months_to_payoff(balance, apr, p * 1.000001) == months
    assert closed_form_months(balance, apr, p) == pytest.approx(months, rel=1e-6)


@settings(max_examples=80, deadline=None)
@given(balance=st.floats(100, 30000), apr=st.floats(0.5, 35), factor=st.floats(1.01, 20))
def test_months_match_closed_form(balance, apr, factor):
    payment = balance * apr / 1200 * factor
    months = months_to_payoff(balance, apr, payment)
    n = closed_form_months(balance, apr, payment)
    if n > MAX_MONTHS:
        assert months is None
    else:
        assert months == math.ceil(n - 1e-7)


@settings(max_examples=80, deadline=None)
@given(
    balance=st.floats(100, 30000),
    apr=st.floats(0, 35),
    payment=st.floats(20, 5000),
    more=st.floats(0, 2000),
)
def test_more_payment_never_means_more_months_or_interest(balance, apr, payment, more):
    low, high = simulate(balance, apr, payment), simulate(balance, apr, payment + more)
    if low.months is None:
        return
    assert high.months is not None and high.months <= low.months
    assert high.total_interest <= low.total_interest + 0.01


# ---- several debts -------------------------------------------------------------------------------


def test_snowball_rolls_freed_minimum_over():
    """0% debts, budget $200. Snowball targets the $300 one: month 1 pays 50+100 on it, 50 on the other
    (150 and 950 left); month 2 clears it (150) and pays 50 on the other (900). From month 3 the whole
    $200 goes to the $1,000 one: 700, 500, 300, 100, 0 -> paid off in month 7."""
    debts = [Debt("store card", 300, 0, 50), Debt("loan", 1000, 0, 50)]
    r = strategy_payoff(debts, 200, "snowball")
    assert r.payoff_month == {"store card": 2, "loan": 7}
    assert (r.months, r.total_interest) == (7, 0.0)


def test_avalanche_targets_highest_apr_and_saves_interest():
    """Card $2,000 at 24% and loan $1,000 at 6%, $300 a month. Month 1 interest: 2000*0.02 + 1000*0.005 = $45.
    Avalanche sends the $250 extra to the card; snowball to the smaller, cheaper loan, so it pays more."""
    debts = [Debt("card", 2000, 24, 50), Debt("loan", 1000, 6, 50)]
    ava, snow = strategy_payoff(debts, 300, "avalanche"), strategy_payoff(debts, 300, "snowball")
    assert ava.payoff_month["card"] < snow.payoff_month["card"]
    assert ava.total_interest < snow.total_interest


def test_minimums_only_matches_single_debt_simulation():
    d = Debt("card", 3000, 19.99, 90)
    r = strategy_payoff([d], 999, "minimums")  # the budget is ignored: only the minimum is paid
    p = simulate(3000, 19.99, 90)
    assert (r.months, r.total_interest) == (p.months, p.total_interest)


def test_minimums_that_dont_beat_interest_never_finish():
    r = strategy_payoff([Debt("card", 5000, 24, 100), Debt("loan", 1000, 5, 50)], 0, "minimums")
    assert r.months is None and r.total_interest is None
    assert r.payoff_month["loan"] is not None and r.payoff_month["card"] is None


def test_unknown_order_is_an_error():
    with pytest.raises(ValueError, match="order"):
        strategy_payoff([Debt("card", 1000, 20, 25)], 100, "random")


debt_st = st.builds(
    lambda i, balance, apr, extra_pct: Debt(f"d{i}", balance, apr, round(balance * (apr / 1200 + extra_pct), 2)),
    st.just(0), st.floats(500, 25000), st.floats(0, 30), st.floats(0.005, 0.03),
)


@settings(max_examples=50, deadline=None)
@given(debts=st.lists(debt_st, min_size=2, max_size=4), extra=st.floats(0, 1500))
def test_avalanche_interest_never_exceeds_snowball(debts, extra):
    debts = [Debt(f"d{i}", d.balance, d.apr, d.min_payment) for i, d in enumerate(debts)]
    budget = sum(d.min_payment for d in debts) + extra
    ava, snow = strategy_payoff(debts, budget, "avalanche"), strategy_payoff(debts, budget, "snowball")
    assert ava.months is not None and snow.months is not None
    assert ava.total_interest <= snow.total_interest + 0.01


# ---- balance transfer ----------------------------------------------------------------------------


def test_seed04_transfer():
    """$7,000, 3% fee = $210 -> $7,210 at 0% for 15 months: $7,210/15 = $480.67 a month clears it.
    At $400 a month, 15*400 = $6,000 is paid in the promo and $1,210 is left at 24.99%."""
    bt = BalanceTransfer(promo_apr=0, promo_months=15, fee_pct=3, post_apr=24.99)
    short = balance_transfer_cost(7000, bt, 400)
    assert short.fee == 210 and short.balance_after_fee == 7210
    assert short.payment_to_clear_in_promo == pytest.approx(480.67, abs=0.01)
    assert short.remaining_after_promo == pytest.approx(1210)
    assert short.months == 15 + months_to_payoff(1210, 24.99, 400)
    assert short.total_cost == pytest.approx(210 + total_interest(1210, 24.99, 400), abs=0.01)
    full = balance_transfer_cost(7000, bt, 481)
    assert (full.remaining_after_promo, full.months, full.total_cost) == (0, 15, 210)


def test_transfer_with_promo_interest_uses_annuity():
    bt = BalanceTransfer(promo_apr=6, promo_months=12, fee_pct=0, post_apr=20)
    r = balance_transfer_cost(5000, bt, 0)
    assert r.payment_to_clear_in_promo == pytest.approx(payment_for_months(5000, 6, 12))
    assert balance_transfer_cost(5000, bt, r.payment_to_clear_in_promo + 0.01).months == 12


# ---- the plan --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surplus", "savings", "expected"),
    [(800, 300, 200), (550, 800, 150), (250, 0, 50), (80, 0, 50), (1000, 999, 250), (800, 1000, 0)],
)
def test_buffer_share(surplus, savings, expected):
    """25% of the surplus to the nearest $50, halves up: 550 -> 137.5 -> $150; 250 -> 62.5 -> $50;
    at least $50 (80 -> 20 -> $50); nothing once savings reach $1,000."""
    assert buffer_share(surplus, savings) == expected


def test_seed01_plan_is_the_tutorial_advice():
    """$800 surplus, $300 saved: $200 buffer, $600 to the 22.9% card, 12 months (see above)."""
    plan = recommend_plan(scenario())
    assert (plan.buffer_monthly, plan.buffer_target) == (200, BUFFER_TARGET)
    assert plan.allocations == (("credit card", 600),)
    assert (plan.target_debt, plan.payoff_months) == ("credit card", 12)


def test_plan_with_several_debts_splits_the_whole_surplus():
    debts = (Debt("car loan", 9000, 6.5, 250), Debt("store card", 1200, 26.99, 35), Debt("Visa", 4000, 21.9, 110))
    plan = recommend_plan(scenario(situation="multiple_debts", debts=debts, monthly_surplus=900, savings=2000))
    assert plan.buffer_monthly == 0
    assert plan.allocations == (("store card", 900 - 250 - 110), ("Visa", 110), ("car loan", 250))
    assert plan.debt_monthly + plan.buffer_monthly == 900
    assert plan.total_months == strategy_payoff(debts, 900, "avalanche").months


def test_deadline_plan():
    plan = recommend_plan(scenario(situation="payoff_deadline", debts=(Debt("credit card", 8000, 21, 200),),
                                   monthly_surplus=900, savings=1000, goal_months=12))
    assert plan.required_payment == pytest.approx(744.91, abs=0.01) and plan.goal_fits
    tight = recommend_plan(scenario(situation="payoff_deadline", debts=(Debt("credit card", 8000, 21, 200),),
                                    monthly_surplus=700, savings=1000, goal_months=12))
    assert tight.goal_fits is False


def test_transfer_plan_seed04():
    """$550 surplus, $800 saved: $150 buffer, $400 to the card, short of the $480.67 that clears it."""
    bt = BalanceTransfer(0, 15, 3, 24.99)
    plan = recommend_plan(scenario(situation="balance_transfer", debts=(Debt("credit card", 7000, 24.99, 175),),
                                   monthly_surplus=550, savings=800, balance_transfer=bt))
    assert (plan.buffer_monthly, plan.target_monthly, plan.transfer_fee) == (150, 400, 210)
    assert plan.transfer_fits is False and plan.transfer.remaining_after_promo == pytest.approx(1210)


def test_a_transfer_moves_the_balance_that_costs_most_and_a_dearer_small_debt_goes_first():
    """Fresh authors N and P both wrote "move the $8,400 Citi card, pay off the $650 Kohl's card at 31.99% first":
    the offer moves the balance whose interest costs most, and it gets the whole debt budget once Kohl's is gone."""
    bt = BalanceTransfer(0, 21, 3, 24.99)
    s = scenario(situation="balance_transfer", savings=6000, monthly_surplus=750, balance_transfer=bt,
                 debts=(Debt("Citi card", 8400, 27.24, 210), Debt("Kohl's card", 650, 31.99, 30)))
    assert s.transfer_debt.name == "Citi card" and s.highest_apr_debt.name == "Kohl's card"
    plan = recommend_plan(s)
    assert plan.target_debt == "Kohl's card" and plan.transfer_fee == 252
    assert plan.payment_to_clear_in_promo == pytest.approx(412, abs=0.01) and plan.transfer_fits
    assert plan.transfer.balance_after_fee == 8652
    # where the dearest debt is also the biggest cost, it is the one that moves (every generated scenario)
    big = scenario(debts=(Debt("card", 5000, 27.49, 125), Debt("car loan", 9000, 4.9, 250)), balance_transfer=bt)
    assert big.transfer_debt.name == big.highest_apr_debt.name == "card"


def test_windfall_tops_up_buffer_then_highest_apr():
    """$3,000 bonus, $400 saved: $600 brings savings to $1,000, the other $2,400 goes to the 22% card,
    so no monthly buffer share is needed and the plan starts from a $3,600 card balance."""
    debts = (Debt("card", 6000, 22, 150), Debt("loan", 4000, 8, 120))
    plan = recommend_plan(scenario(situation="windfall", debts=debts, savings=400, windfall=3000))
    assert plan.windfall_to_buffer == 600 and plan.windfall_to_debts == (("card", 2400),) and plan.windfall_left == 0
    assert plan.buffer_monthly == 0 and plan.target_balance == 3600
    assert plan.allocations == (("card", 800 - 120), ("loan", 120))


def test_minimum_trap_compares_minimums_with_plan():
    debts = (Debt("card", 4000, 24.99, 125),)
    plan = recommend_plan(scenario(situation="minimum_payment_trap", debts=debts, monthly_surplus=500, savings=1500))
    only = simulate(4000, 24.99, 125)
    assert (plan.minimums_months, plan.minimums_interest) == (only.months, only.total_interest)
    assert plan.payoff_months < plan.minimums_months and plan.total_interest < plan.minimums_interest
