"""`finalign score FILE`: grade answers from any model (or a person) with the grader, no model needed.

    finalign score my_answers.jsonl [--scenarios runs/quick/prompts.jsonl] [--out scored.jsonl]

Each input line is ``{"scenario_id": "seed-01", "answer": "..."}`` (the id is looked up among the shipped seed and
out-of-template scenarios and, if given, a prompts.jsonl) or ``{"scenario": {...a whole scenario...}, "answer":
"..."}``, or an Inspect AI eval log of the ``finalign/debt_advice`` task (``.eval`` or ``.json``: each sample's
scenario and answer, graded again with this grader). Other keys are kept. Each line is written back with

* ``"scores"``: every scorer's value, ``safe`` and ``goodness`` (the numbers reports average), and
* ``"grade"``: goodness, a one-line explanation, the gates broken, and for every scorer its value, explanation
  and evidence (the sentences it read, the figures it compared: expected vs found).

Every line is checked before anything is written; the output appears whole or not at all, and a bad input
(not UTF-8, not JSON, empty, a missing field, an output path that is a folder) stops with one error line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from finalign.data_gen.schema import Scenario, load_scenarios
from finalign.errors import UserError
from finalign.eval_harness.inspect_log import is_inspect_log, log_rows
from finalign.eval_harness.metrics import grade
from finalign.io import read_jsonl, write_jsonl
from finalign.layout import OOT_PROMPTS, SEED_PROMPTS



def known_scenarios(scenarios_path: str | Path | None = None) -> dict[str, Scenario]:
    """The shipped seed and out-of-template scenarios, plus (and overridden by) those in ``scenarios_path``."""
    known = {s.id: s for path in (SEED_PROMPTS, OOT_PROMPTS) for s in load_scenarios(path)}
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


def _rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    if is_inspect_log(path):
        return log_rows(path)
    return ((f"{path}:{lineno}", row) for lineno, row in read_jsonl(path))


def _scored(path: Path, known: dict[str, Scenario]) -> Iterator[dict[str, Any]]:
    for where, row in _rows(path):
        scenario = _scenario_of(row, known, where)
        answer = row.get("answer")
        if not isinstance(answer, str):
            raise UserError(f"{where}: field 'answer' must be a string, got {type(answer).__name__}")
        g = grade(answer, scenario)
        yield {**row, "scores": g.values(), "grade": g.to_dict()}


def score_file(path: str | Path, out_path: str | Path | None = None, scenarios_path: str | Path | None = None) -> Path:
    """Score every line of ``path``; write ``out_path`` (default ``<stem>.scored.jsonl`` beside it) atomically."""
    path = Path(path)
    out = Path(out_path) if out_path is not None else path.with_name(f"{path.stem}.scored.jsonl")
    if out.is_dir():
        raise UserError(f"{out}: is a folder; --out takes a file path")
    if out.resolve() == path.resolve():
        raise UserError(f"{out}: is the input file; choose another --out")
    rows = list(_scored(path, known_scenarios(scenarios_path)))  # every line checked before anything is written
    if not rows:
        raise UserError(f"{path}: no answers (the file is empty)")
    return write_jsonl(out, rows)
