"""`finalign/debt_advice`: the grader as an Inspect AI task, so any model Inspect can talk to gets graded.

    inspect eval finalign/debt_advice --model hf/PATH -M do_sample=false        # a local checkpoint, offline
    inspect eval finalign/debt_advice -T dataset=oot --model openai-api/NAME/MODEL  # a served model
    inspect view                                                              # scores and evidence per answer

Needs the extra (``pip install finalign[inspect]``); nothing else in finalign imports this module, so the core
install works without Inspect. Each sample carries its whole scenario in its metadata and the scorer rebuilds it
from there, so a log is self-contained: ``finalign score LOG.eval`` grades it again with a newer grader.
"""

from __future__ import annotations

from pathlib import Path

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import GenerateConfig
from inspect_ai.scorer import Score, Target, grouped, mean, scorer, stderr
from inspect_ai.solver import TaskState, generate

from finalign.config import EvalConfig
from finalign.data_gen.schema import Scenario, load_scenarios
from finalign.errors import UserError
from finalign.eval_harness.metrics import METRICS, Grade, grade
from finalign.layout import OOT_PROMPTS, PAIRS_FILE, SEED_PROMPTS, RunDir

DATASETS = {"seed": (SEED_PROMPTS,), "oot": (OOT_PROMPTS,), "both": (SEED_PROMPTS, OOT_PROMPTS)}
NOT_APPLICABLE = float("nan")  # Inspect's "unscored" value: metrics skip it, as finalign's reports skip None


def scenarios_for(dataset: str) -> list[Scenario]:
    """``seed``, ``oot``, ``both``, a run folder (its eval split) or a prompts.jsonl file."""
    if dataset in DATASETS:
        return [s for path in DATASETS[dataset] for s in load_scenarios(path)]
    path = Path(dataset).expanduser()
    if path.is_dir():
        from finalign.eval_harness.evaluate import eval_scenarios  # here: it imports torch, which seed/oot never need

        if not RunDir(path).pairs.is_file():
            raise UserError(f"dataset {dataset}: a folder must be a finalign run (no {PAIRS_FILE})")
        return eval_scenarios(path)
    if path.is_file():
        return load_scenarios(path)
    raise UserError(f"dataset {dataset!r}: not seed, oot, both, a run folder or a prompts.jsonl file")


def to_sample(scenario: Scenario) -> Sample:
    # the situation at the top level is the key of the per-situation breakdown (grouped() reads sample metadata)
    return Sample(input=scenario.prompt, id=scenario.id,
                  metadata={"situation": scenario.situation, "scenario": scenario.to_dict()})


def _figure(x) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") if isinstance(x, float) else str(x)


def _evidence_line(item: dict) -> str:
    text = " ".join(str(item.get("text", "")).split())
    compared = [f"{k} {_figure(item[k])}" for k in ("expected", "found") if k in item]
    return f"  - “{text}”" + (f" ({', '.join(compared)})" if compared else "")


def explain(g: Grade) -> str:
    """The grader's explanation with every scorer's evidence, as Markdown (the viewer renders it)."""
    lines = [f"**goodness {g.goodness:.3f}**: {g.explanation()}" if g.goodness is not None else g.explanation(), ""]
    for name, s in g.gates.items():
        lines += [f"- **GATE {name}**: {s.explanation}", *map(_evidence_line, s.evidence)]
    for name, s in g.scores.items():
        value = "n/a" if s.value is None else f"{s.value:.2f}"
        lines += [f"- **{name}** {value}: {s.explanation}", *map(_evidence_line, s.evidence)]
    return "\n".join(lines)


def score_value(g: Grade) -> dict[str, float]:
    """goodness first (the headline metric is the first one), then safe and every scorer."""
    values = g.values()
    order = ["goodness", "safe", *METRICS]
    return {k: NOT_APPLICABLE if values[k] is None else values[k] for k in order}


@scorer(metrics={"goodness": [mean(), stderr(), grouped(mean(), "situation", all=False)],
                 "safe": [mean()], **{name: [mean()] for name in METRICS}})
def finalign_grader():
    """finalign's grader: goodness, safe and every scorer's value; the gates and full grade in the metadata."""

    async def score(state: TaskState, target: Target) -> Score:
        scenario = Scenario.from_dict(state.metadata["scenario"], f"sample {state.sample_id}")
        answer = state.output.completion
        g = grade(answer, scenario)
        return Score(value=score_value(g), answer=answer, explanation=explain(g),
                     metadata={"gates": sorted(g.gates), "grade": g.to_dict()})

    return score


@task
def debt_advice(dataset: str = "seed", max_tokens: int = EvalConfig.max_new_tokens,
                temperature: float = 0.0) -> Task:
    """Debt-payoff advice graded against the money math.

    Args:
        dataset: seed (the 5 tutorial scenarios), oot (40 hand-written out-of-template ones), both, a run
            folder (its eval split, seed scenarios included) or a prompts.jsonl file.
        max_tokens: answer length, as `finalign eval` (eval.max_new_tokens).
        temperature: 0 = greedy, as `finalign eval`. Inspect's hf provider also needs -M do_sample=false.
    """
    samples = [to_sample(s) for s in scenarios_for(dataset)]
    return Task(dataset=MemoryDataset(samples, name=f"finalign-{Path(dataset).name}"),
                solver=generate(), scorer=finalign_grader(),
                config=GenerateConfig(max_tokens=max_tokens, temperature=temperature, seed=EvalConfig.seed))
