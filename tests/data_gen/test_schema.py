"""Scenario validation: every bad line names its file and line."""

from __future__ import annotations

import json

import pytest

from finalign.data_gen.schema import Scenario, iter_scenarios, load_scenarios
from finalign.layout import SEED_PROMPTS
from finalign.errors import UserError


def good() -> dict:
    return json.loads(SEED_PROMPTS.read_text().splitlines()[0])


def test_seed_prompts_load():
    seeds = load_scenarios(SEED_PROMPTS)
    assert [s.id for s in seeds] == [f"seed-0{i}" for i in range(1, 6)]
    assert seeds[0].highest_apr_debt.name == "credit card" and seeds[0].total_minimums == 150


def _write(tmp_path, lines: list[str]):
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def _mutate(**changes) -> str:
    raw = good()
    for key, value in changes.items():
        if value is KeyError:
            del raw[key]
        else:
            raw[key] = value
    return json.dumps(raw)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "invalid JSON"),
        (_mutate(prompt=KeyError), "missing field 'prompt'"),
        (_mutate(monthly_surplus="800"), "'monthly_surplus' must be a number"),
        (_mutate(debts=[{"name": "card", "balance": -5, "apr": 20, "min_payment": 25}]), "'balance' must be >= 0"),
        (_mutate(debts=[{"name": "card", "balance": 500, "apr": 120, "min_payment": 25}]), "'apr' must be between"),
        (_mutate(situation="lottery"), "'situation' must be one of"),
        (_mutate(extra=1), "unknown field 'extra'"),
        (_mutate(goal_months=0), "'goal_months' must be an integer"),
    ],
)
def test_bad_line_names_file_and_line(tmp_path, bad, message):
    path = _write(tmp_path, [json.dumps(good() | {"id": "ok"}), bad])
    with pytest.raises(UserError, match=message) as exc:
        load_scenarios(path)
    assert f"{path}:2" in str(exc.value)


def test_duplicate_id_names_both_lines(tmp_path):
    path = _write(tmp_path, [json.dumps(good()), json.dumps(good())])
    with pytest.raises(UserError, match=r":2: duplicate id 'seed-01' \(first on line 1\)"):
        list(iter_scenarios(path))


def test_round_trip():
    s = load_scenarios(SEED_PROMPTS)[3]
    assert Scenario.from_dict(s.to_dict()) == s and s.balance_transfer.fee_pct == 3
