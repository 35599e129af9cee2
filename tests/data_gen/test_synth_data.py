"""The preference data: format, determinism, split hygiene, and answers that match the finance engine."""

from __future__ import annotations

import json
import random
import re
from collections import Counter

import pytest

from finalign.config import DataConfig
from finalign.data_gen.finance import recommend_plan
from finalign.data_gen.scenarios import generate_scenarios, numbers_key
from finalign.data_gen.schema import SITUATIONS, load_scenarios
from finalign.data_gen.synth_data import (
    FAILURE_MODES,
    applicable_modes,
    build_data,
    chosen_parts,
    join,
    load_pairs,
    split_scenarios,
    words,
)
from finalign.errors import UserError

CFG = DataConfig(seed=0, n_train_scenarios=48, n_eval_scenarios=16, rejected_per_scenario=2)
MONTHLY = re.compile(r"\$([\d,]+) (?:a|each|per) month")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    paths = build_data(CFG, out)
    return paths, load_pairs(paths["preferences"]), {s.id: s for s in load_scenarios(paths["prompts"])}


def amounts(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in MONTHLY.findall(text)]


def test_same_config_gives_byte_identical_files(built, tmp_path):
    paths, _, _ = built
    again = build_data(CFG, tmp_path / "again")
    for key in ("prompts", "preferences", "data_card"):
        assert again[key].read_bytes() == paths[key].read_bytes(), key
    other = build_data(DataConfig(seed=1, n_train_scenarios=48, n_eval_scenarios=16), tmp_path / "other")
    assert other["preferences"].read_bytes() != paths["preferences"].read_bytes()


def test_trl_conversational_format_loads_with_datasets(built):
    from datasets import load_dataset

    ds = load_dataset("json", data_files=str(built[0]["preferences"]), split="train")
    assert set(ds.column_names) == {"prompt", "chosen", "rejected", "scenario_id", "situation", "failure_mode", "split"}
    row = ds[0]
    assert row["prompt"][0]["role"] == "user" and row["chosen"][0]["role"] == "assistant"
    assert len(ds) == len(built[1]) == (48 + 16 + 5) * 2


def test_every_mode_and_situation_present_in_train(built):
    train = [r for r in built[1] if r["split"] == "train"]
    assert {r["failure_mode"] for r in train} == set(FAILURE_MODES)
    assert {r["situation"] for r in train} == set(SITUATIONS)
    modes = Counter(r["failure_mode"] for r in train)
    assert max(modes.values()) - min(v for m, v in modes.items() if m != "ignores_transfer_costs") <= 3


def test_modes_only_where_they_apply(built):
    _, rows, scen = built
    for r in rows:
        s = scen[r["scenario_id"]]
        assert r["failure_mode"] in applicable_modes(s, recommend_plan(s))
        if r["failure_mode"] == "ignores_transfer_costs":
            assert s.balance_transfer is not None
        if r["failure_mode"] == "no_buffer_all_in":
            assert s.savings < 1000
    per_scenario = Counter(r["scenario_id"] for r in rows)
    assert set(per_scenario.values()) == {2}
    assert all(len({r["failure_mode"] for r in rows if r["scenario_id"] == sid}) == 2 for sid in per_scenario)


def test_seed_scenarios_are_eval_and_nothing_leaks(built):
    _, rows, scen = built
    split = {r["scenario_id"]: r["split"] for r in rows}
    assert all(split[f"seed-0{i}"] == "eval" for i in range(1, 6))
    train = [scen[i] for i, sp in split.items() if sp == "train"]
    evals = [scen[i] for i, sp in split.items() if sp == "eval"]
    assert not {s.prompt for s in train} & {s.prompt for s in evals}
    assert not {numbers_key(s) for s in train} & {numbers_key(s) for s in evals}
    assert len(train) == 48 and len(evals) == 21


def test_collisions_are_dropped(monkeypatch):
    """Force the eval stream to repeat the train stream: every colliding candidate is dropped, not kept."""
    import finalign.data_gen.synth_data as sd

    monkeypatch.setattr(sd, "EVAL_SEED_OFFSET", 0)
    train, evals = split_scenarios(DataConfig(n_train_scenarios=8, n_eval_scenarios=8))
    assert not {s.prompt for s in train} & {s.prompt for s in evals}
    assert len(evals) == 5 + 8  # the spare candidates past the first 8 replaced the collisions


def test_chosen_amounts_match_the_plan_and_fit_the_surplus(built):
    _, rows, scen = built
    for r in rows:
        s, text = scen[r["scenario_id"]], r["chosen"][0]["content"]
        plan = recommend_plan(s)
        monthly = amounts(text)
        assert monthly and max(monthly) <= s.monthly_surplus, (s.id, text)
        assert round(plan.target_monthly) in monthly and plan.target_debt in text
        if plan.buffer_monthly:
            assert round(plan.buffer_monthly) in monthly and "$1,000" in text
        assert sum(a for _, a in plan.allocations) + plan.buffer_monthly == pytest.approx(s.monthly_surplus)
        assert 35 <= words(text) <= 120, (s.id, words(text), text)
        for stated in re.findall(r"about (\d+) months", text):
            assert int(stated) in (plan.payoff_months, plan.minimums_months), (s.id, text)


def test_rejected_differs_on_its_axis(built):
    _, rows, scen = built
    for r in rows:
        s, plan = scen[r["scenario_id"]], recommend_plan(scen[r["scenario_id"]])
        text, mode = r["rejected"][0]["content"], r["failure_mode"]
        assert text != r["chosen"][0]["content"]
        checks = {
            "over_budget": lambda: max(amounts(text)) > s.monthly_surplus,
            "vague": lambda: "$" not in text and not re.search(r"\d", text),
            "no_buffer_all_in": lambda: round(plan.target_monthly + plan.buffer_monthly) in amounts(text),
            "invest_instead": lambda: re.search(r"invest", text, re.I),
            "risky_product": lambda: re.search(r"401\(k\)|payday|casino|Skip the", text),
            "minimum_payments_only": lambda: "minimum" in text and round(plan.target_monthly) not in amounts(text),
            "ignores_transfer_costs": lambda: "$" + f"{plan.transfer_fee:,.0f}" not in text,
            "wrong_math": lambda: any(int(m) != plan.payoff_months for m in re.findall(r"about (\d+) months", text)),
            "wrong_priority": lambda: plan.target_debt not in text.split(".")[0] or "savings" in text.split(".")[0],
        }
        assert checks[mode](), (mode, s.id, text)


def test_chosen_wordings_vary_per_situation():
    for situation in SITUATIONS:
        s = next(x for x in generate_scenarios(16, 5, "w") if x.situation == situation)
        plan = recommend_plan(s)
        texts = {join(chosen_parts(s, plan, random.Random(i))) for i in range(40)}
        assert len(texts) >= 4, situation


def test_data_card_lists_counts_lengths_and_hashes(built):
    paths, _, _ = built
    card = paths["data_card"].read_text()
    assert "seed 0" in card and "vague" in card and "chosen mean" in card
    from finalign.io import sha256_file

    assert sha256_file(paths["preferences"]) in card and sha256_file(paths["prompts"]) in card


# ---- load_pairs errors ------------------------------------------------------------------------


def _good_line(built) -> dict:
    return json.loads(built[0]["preferences"].read_text().splitlines()[0])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.pop("chosen"), "missing field 'chosen'"),
        (lambda r: r.update(rejected="just text"), "field 'rejected' must be"),
        (lambda r: r.update(prompt=[{"role": "assistant", "content": "x"}]), "field 'prompt' must be"),
        (lambda r: r.update(failure_mode="rude"), "field 'failure_mode' must be one of"),
        (lambda r: r.update(split="test"), "field 'split' must be one of"),
        (lambda r: r.update(scenario_id=3), "scenario_id"),
    ],
)
def test_load_pairs_names_file_and_line(built, tmp_path, change, message):
    bad = _good_line(built)
    change(bad)
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(_good_line(built)) + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(UserError, match=message) as exc:
        load_pairs(path)
    assert f"{path}:2:" in str(exc.value)


def test_load_pairs_bad_json_and_split_filter(built, tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text("{oops\n")
    with pytest.raises(UserError, match=rf"{path}:1: invalid JSON"):
        load_pairs(path)
    rows = load_pairs(built[0]["preferences"], split="eval")
    assert rows and {r["split"] for r in rows} == {"eval"}


def test_facts_first_answers_restate_the_figures_before_the_plan(tmp_path):
    from finalign.config import DataConfig
    from finalign.data_gen.scenarios import money
    from finalign.data_gen.schema import load_scenarios
    from finalign.data_gen.synth_data import build_data, load_pairs

    paths = build_data(DataConfig(n_train_scenarios=16, n_eval_scenarios=8, answer_style="facts_first"), tmp_path / "ff")
    scenarios = {s.id: s for s in load_scenarios(paths["prompts"])}
    for row in load_pairs(paths["preferences"]):
        s = scenarios[row["scenario_id"]]
        first = row["chosen"][-1]["content"].split(". ")[0]
        assert first.startswith(f"Your figures: {money(s.monthly_surplus)} a month to work with"), first
        assert all(f"{money(d.balance)} balance on the {d.name}" in first for d in s.debts), first
    plain = build_data(DataConfig(n_train_scenarios=16, n_eval_scenarios=8), tmp_path / "plain")
    assert not any(r["chosen"][-1]["content"].startswith("Your figures") for r in load_pairs(plain["preferences"]))


def test_rule_words_answers_say_the_split_as_a_rule_and_compute_no_figure(tmp_path):
    """rule_words: the chosen answer names the target and the rule ("the rest on the Visa"), and states no monthly
    payment, payoff time or fee in dollars; every figure it gives is one the prompt holds (or the $1,000 buffer)."""
    import re

    from finalign.config import DataConfig
    from finalign.data_gen.finance import recommend_plan
    from finalign.data_gen.scenarios import money
    from finalign.data_gen.schema import load_scenarios
    from finalign.data_gen.synth_data import build_data, load_pairs

    paths = build_data(DataConfig(n_train_scenarios=24, n_eval_scenarios=8, answer_style="rule_words"), tmp_path / "rw")
    scenarios = {s.id: s for s in load_scenarios(paths["prompts"])}
    for row in load_pairs(paths["preferences"]):
        s, text = scenarios[row["scenario_id"]], row["chosen"][-1]["content"]
        plan = recommend_plan(s)
        given = {money(x) for x in (s.savings, s.savings + (plan.windfall_to_buffer or 0), s.windfall or 0, 1000)}
        assert set(re.findall(r"\$\d{1,3}(?:,\d{3})*", text)) <= given, text
        assert plan.target_debt in text
        assert not re.search(r"\b\d+ months\b", text.replace(f"{s.goal_months}-month", "")
                             .replace(f"{s.goal_months} months", "")) or s.balance_transfer, text
    plain = load_pairs(build_data(DataConfig(n_train_scenarios=24, n_eval_scenarios=8), tmp_path / "plain")["preferences"])
    assert any(re.search(r"\$[\d,]+ (?:a|per|each) month", r["chosen"][-1]["content"]) for r in plain)
