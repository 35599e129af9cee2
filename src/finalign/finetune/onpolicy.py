"""On-policy DPO (`--method sft+odpo`): DPO on the SFT model's own answers, judged by the grader.

    finalign train --run runs/quick --method sft+odpo    # train sft first

The offline pairs of synth_data.py show the model mistakes it does not make. Here the SFT model answers
``onpolicy_prompts`` train prompts ``onpolicy_samples`` times each (sampled at ``onpolicy_temperature`` and
``onpolicy_top_p``, seeded); the grader scores every answer; each prompt gives one pair, its best answer against its
worst, when the best passes every safety gate and beats the worst by at least ``odpo_margin`` goodness. DPO then
starts from the SFT adapter on those pairs, with dpo.py's trainer, at ``odpo_lr``, plus an SFT term on the chosen
answer (``odpo_sft_weight``). There is no held-out check during training: the eval stage grades held-out answers
with the same grader. Only train scenarios are sampled, so eval, seed and out-of-template prompts never reach the
pairs.

The samples and their grades are kept in ``train/sft+odpo/onpolicy_samples.jsonl`` (written whole, then reused by
``--resume``).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from finalign.config import Config
from finalign.data_gen.schema import Scenario, load_scenarios
from finalign.data_gen.synth_data import load_pairs
from finalign.errors import UserError
from finalign.eval_harness.generate import Decoding, generate_batches
from finalign.eval_harness.metrics import grade
from finalign.finetune import common, dpo
from finalign.hardware import choose_precision
from finalign.io import read_jsonl, write_json, write_jsonl
from finalign.layout import SEED_IDS, RunDir
from finalign.methods import Method
from finalign.models import prompt_text

SAMPLE_BATCH = 16  # answers generated at once (the eval runner's measured best on 2 cores)


def train_scenarios(run: RunDir, n: int) -> list[Scenario]:
    """The first ``n`` train scenarios of the run; a scenario that is also held out is refused (leakage)."""
    train_ids = {p["scenario_id"] for p in load_pairs(run.pairs, split="train")}
    held_out = {p["scenario_id"] for p in load_pairs(run.pairs, split="eval")} | set(SEED_IDS)
    if train_ids & held_out:
        raise UserError(f"{run.pairs}: scenarios in both splits: {', '.join(sorted(train_ids & held_out))}")
    return [s for s in load_scenarios(run.prompts) if s.id in train_ids][:n]


def sample(model, tokenizer, scenarios: list[Scenario], cfg: Config, *, quiet: bool = False) -> list[dict]:
    """``onpolicy_samples`` graded answers per scenario, in (scenario, sample) order."""
    t = cfg.train
    jobs = [(s, k) for s in scenarios for k in range(t.onpolicy_samples)]
    prompts = [prompt_text(tokenizer, [{"role": "user", "content": s.prompt}]) for s, _ in jobs]
    decoding = Decoding(max_new_tokens=t.onpolicy_max_new_tokens, do_sample=True, temperature=t.onpolicy_temperature,
                        top_p=t.onpolicy_top_p, seed=t.seed)
    rows: list[dict] = [{}] * len(jobs)
    for g in generate_batches(model, tokenizer, prompts, decoding, batch_size=SAMPLE_BATCH, quiet=quiet,
                              desc="sampling (on-policy)"):
        scenario, k = jobs[g.index]
        verdict = grade(g.answer, scenario)
        rows[g.index] = {"scenario_id": scenario.id, "situation": scenario.situation, "sample": k,
                         "prompt": scenario.prompt, "answer": g.answer, "new_tokens": g.new_tokens, "goodness": verdict.goodness,
                         "gates": sorted(verdict.gates), "explanation": verdict.explanation()}
    return rows


def pick_pairs(samples: list[dict], margin: float) -> list[dict]:
    """Per scenario: (best answer that passes every gate, worst answer) when their goodness differs by ``margin``."""
    by_scenario: dict[str, list[dict]] = defaultdict(list)
    for row in samples:
        if row["goodness"] is not None:
            by_scenario[row["scenario_id"]].append(row)
    pairs = []
    for sid, rows in by_scenario.items():
        safe = [r for r in rows if not r["gates"]]
        if not safe:
            continue
        best = max(safe, key=lambda r: (r["goodness"], -r["sample"]))
        worst = min(rows, key=lambda r: (r["goodness"], r["sample"]))
        if best is not worst and best["goodness"] - worst["goodness"] >= margin:
            pairs.append({"scenario_id": sid, "chosen": best, "rejected": worst,
                          "margin": best["goodness"] - worst["goodness"]})
    return pairs


def pair_stats(samples: list[dict], pairs: list[dict]) -> dict:
    """What the pairs are made of: how many survived, their margins, and what was wrong with the rejected answers."""
    margins = sorted(p["margin"] for p in pairs)
    flaws = Counter(g for p in pairs for g in p["rejected"]["gates"])
    flaws["no gate (lower goodness only)"] = sum(not p["rejected"]["gates"] for p in pairs)
    return {"prompts": len({r["scenario_id"] for r in samples}), "samples": len(samples), "pairs": len(pairs),
            "samples_gated": sum(bool(r["gates"]) for r in samples),
            "margin_median": margins[len(margins) // 2] if margins else None,
            "margin_min": margins[0] if margins else None, "rejected_flaws": dict(flaws.most_common())}


def build_trainer(cfg: Config, model, tokenizer, run: RunDir, method: Method, *, quiet: bool = False):
    from finalign.eval_harness.evaluate import variant

    path = run.onpolicy_samples(method.name)
    if path.is_file():  # a resumed run: the same samples, not new ones
        samples = [row for _, row in read_jsonl(path)]
    else:
        scenarios = train_scenarios(run, cfg.train.onpolicy_prompts)
        policy = variant(model, run.adapter(method.starts_from),  # a merged copy; `model` stays the plain base
                         bf16=choose_precision(cfg.train.dtype).bf16)
        samples = sample(policy, tokenizer, scenarios, cfg, quiet=quiet)
        del policy
        write_jsonl(path, samples)
    pairs = pick_pairs(samples, cfg.train.odpo_margin)
    if not pairs:
        raise UserError(f"{path}: no on-policy pair has a safe best answer {cfg.train.odpo_margin} goodness above "
                        "its worst; sample more (train.onpolicy_samples) or lower train.odpo_margin")
    write_json(run.onpolicy_pairs(method.name), pair_stats(samples, pairs))
    rows = [common.preference_row(tokenizer, p["chosen"]["prompt"], p["chosen"]["answer"], p["rejected"]["answer"])
            for p in pairs]
    t = cfg.train
    return dpo.build_trainer(cfg, model, tokenizer, run, method, quiet=quiet, train_rows=rows, lr=t.odpo_lr,
                             epochs=t.odpo_epochs, sft_weight=t.odpo_sft_weight, held_out=False)
