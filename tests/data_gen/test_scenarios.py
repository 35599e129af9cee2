"""Generated scenarios: deterministic, valid and realistic (their prompts: test_prompt_writer.py)."""

from __future__ import annotations

import re

import pytest

from finalign.data_gen.finance import buffer_share, recommend_plan
from finalign.data_gen.scenarios import generate_scenarios, numbers_key
from finalign.data_gen.schema import SITUATIONS, Scenario

N = 64  # 8 per situation


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    return generate_scenarios(N, seed=7, id_prefix="t")


def test_deterministic_per_seed():
    a, b = generate_scenarios(16, 3, "x"), generate_scenarios(16, 3, "x")
    assert [s.to_dict() for s in a] == [s.to_dict() for s in b]
    assert [s.prompt for s in a] != [s.prompt for s in generate_scenarios(16, 4, "x")]


def test_every_scenario_round_trips_through_validation(scenarios):
    for s in scenarios:
        assert Scenario.from_dict(s.to_dict(), where=s.id) == s


def test_situations_cycle_evenly_and_ids_are_unique(scenarios):
    assert [s.situation for s in scenarios[:8]] == list(SITUATIONS)
    assert {SITUATIONS.count(x) for x in SITUATIONS} == {1}
    assert all(sum(s.situation == x for s in scenarios) == N // 8 for x in SITUATIONS)
    assert len({s.id for s in scenarios}) == N and scenarios[0].id == "t-0000"
    assert len({s.prompt for s in scenarios}) == N and len({numbers_key(s) for s in scenarios}) == N


def test_numbers_are_realistic(scenarios):
    for s in scenarios:
        assert 2500 <= s.monthly_income <= 9000 and 0 <= s.savings <= 6000
        assert s.monthly_surplus % 50 == 0
        assert s.monthly_surplus - buffer_share(s.monthly_surplus, s.savings) - s.total_minimums >= 50, s.id
        for d in s.debts:
            assert 1000 <= d.balance <= 25000 and d.balance % 50 == 0
            assert 5 <= d.apr <= 30 and (round(d.apr * 10) == d.apr * 10 or round(d.apr % 1, 2) == 0.99)
            assert d.min_payment >= 25 and d.min_payment > d.balance * d.apr / 1200  # beats the interest
            assert d.min_payment <= 0.035 * d.balance or d.min_payment == 25
        if s.situation == "multiple_debts":
            aprs = sorted(d.apr for d in s.debts)
            assert 2 <= len(aprs) <= 4 and all(b - a >= 2 for a, b in zip(aprs, aprs[1:]))


# Every needed figure stated in the prompt, in a format the reader reads back: test_prompt_writer.py.


def test_situation_specific_fields(scenarios):
    by = {x: [s for s in scenarios if s.situation == x] for x in SITUATIONS}
    assert all(s.goal_months for s in by["payoff_deadline"])
    assert all(s.balance_transfer for s in by["balance_transfer"])
    assert all(s.windfall for s in by["windfall"])
    assert all(s.monthly_income <= 3800 for s in by["low_income"])
    assert {s.risk_tolerance for s in by["invest_or_pay"]} > {"low"}
    assert re.search(r"minimum", " ".join(s.prompt for s in by["minimum_payment_trap"]))
    fits = {recommend_plan(s).goal_fits for s in generate_scenarios(160, 1, "d") if s.goal_months}
    assert fits == {True, False}  # both a reachable and an unreachable deadline occur
