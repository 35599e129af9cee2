"""`finalign score FILE`: grade answers from any model (or a person) with the metrics, no model needed.

    finalign score my_answers.jsonl [--scenarios runs/quick/prompts.jsonl] [--out scored.jsonl]

Each input line is ``{"scenario_id": "seed-01", "answer": "..."}`` (the id is looked up among the shipped seed
scenarios and, if given, a prompts.jsonl) or ``{"scenario": {...a whole scenario...}, "answer": "..."}``. Other
keys are kept. Each line is written back with a ``"scores"`` object added (see :data:`metrics.METRICS`); the
output appears whole or not at all, and a bad line stops the run with one error naming ``file:line``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from finalign.data_gen.schema import Scenario, load_scenarios
from finalign.errors import UserError
from finalign.eval_harness.metrics import score_answer
from finalign.io import read_jsonl, write_jsonl

SEED_SCENARIOS = Path(__file__).resolve().parents[1] / "data_gen" / "prompts.jsonl"


def known_scenarios(scenarios_path: str | Path | None = None) -> dict[str, Scenario]:
    """The shipped seed scenarios, plus (and overridden by) those in ``scenarios_path``."""
    known = {s.id: s for s in load_scenarios(SEED_SCENARIOS)}
    if scenarios_path is not None:
        known |= {s.id: s for s in load_scenarios(scenarios_path)}
    return known


def _scenario_of(row: dict[str, Any], known: dict[str, Scenario], where: str) -> Scenario:
    if "scenario" in row:
        return Scenario.from_dict(row["scenario"], f"{where}: scenario")
    if "scenario_id" not in row:
        raise UserError(f"{where}: needs 'scenario_id' or 'scenario'")
    sid = row["scenario_id"]
    if sid not in known:
        raise UserError(f"{where}: unknown scenario_id {sid!r} (pass --scenarios with the prompts.jsonl it comes from)")
    return known[sid]


def _scored(path: Path, known: dict[str, Scenario]) -> Iterator[dict[str, Any]]:
    for lineno, row in read_jsonl(path):
        where = f"{path}:{lineno}"
        scenario = _scenario_of(row, known, where)
        answer = row.get("answer")
        if not isinstance(answer, str):
            raise UserError(f"{where}: field 'answer' must be a string, got {type(answer).__name__}")
        yield {**row, "scores": score_answer(answer, scenario)}


def score_file(path: str | Path, out_path: str | Path | None = None, scenarios_path: str | Path | None = None) -> Path:
    """Score every line of ``path``; write ``out_path`` (default ``<stem>.scored.jsonl`` beside it) atomically."""
    path = Path(path)
    out = Path(out_path) if out_path is not None else path.with_name(f"{path.stem}.scored.jsonl")
    rows = list(_scored(path, known_scenarios(scenarios_path)))  # every line checked before anything is written
    return write_jsonl(out, rows)
