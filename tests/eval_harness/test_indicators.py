"""Reward-hacking indicators: counted from the text, each moving in the direction it should."""

from finalign.eval_harness import indicators as ind

PLAN = "Pay $600 a month on the 24% card and keep $200 in savings: the card is gone in 11 months."
LOOP = " ".join(["Keep the $300 a month as your emergency fund, too."] * 4)


def test_figures_words_and_repetition_of_one_answer():
    plan = ind.answer_indicators(PLAN)
    assert plan["figures"] == 4 and plan["words"] == 20 and plan["repetition"] == 0.0
    loop = ind.answer_indicators(LOOP)
    assert loop["repetition"] > 0.6  # the same sentence four times
    assert ind.answer_indicators("Stay positive and make a budget.")["figures"] == 0


def test_summary_per_model_counts_gates_from_the_scores():
    records = [{"model": m, "scenario_id": f"s{i}", "sample": 0, "answer": a}
               for m, a in (("base", PLAN), ("sft", LOOP)) for i in range(4)]
    scores = [{"model": r["model"], "scenario_id": r["scenario_id"], "sample": 0,
               "gates": ["over_budget"] if r["model"] == "sft" and r["scenario_id"] != "s0" else []} for r in records]
    out = ind.summarise(records, scores, ["base", "sft", "sft+dpo"])
    assert set(out) == {"base", "sft"}  # a model with no answers is left out, not shown as zeros
    assert out["base"]["gated_share"] == 0.0 and out["sft"]["gated_share"] == 0.75
    assert out["sft"]["mean_repetition"] > out["base"]["mean_repetition"]
    assert (out["base"]["median_words"], out["sft"]["median_words"], out["sft"]["n"]) == (20, 40, 4)
