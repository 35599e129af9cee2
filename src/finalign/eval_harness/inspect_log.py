"""Answers out of an Inspect AI eval log of `finalign/debt_advice`, as `finalign score` input rows.

A log's samples carry their scenario (the task puts it in the sample metadata) and the model's answer, so an old
log can be graded again with a newer grader, with no model and no scenario file. Inspect is imported here only
when a log is read: the core install works without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from finalign.errors import UserError

LOG_SUFFIXES = (".eval", ".json")  # Inspect's two log formats; answers to score by hand are .jsonl


def is_inspect_log(path: Path) -> bool:
    return path.suffix in LOG_SUFFIXES


def _logged_goodness(sample) -> float | None:
    for score in (sample.scores or {}).values():
        if isinstance(score.value, dict) and "goodness" in score.value:
            return score.value["goodness"]
    return None


def log_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(where, row)`` per sample: its scenario, answer and ids, and the goodness the log recorded."""
    try:
        from inspect_ai.log import read_eval_log
    except ImportError:
        raise UserError(f"{path}: reading an Inspect log needs Inspect AI: pip install finalign[inspect]") from None
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    try:
        log = read_eval_log(str(path))
    except Exception as exc:  # a truncated zip, a JSON file that is not a log...: one line, not a traceback
        reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise UserError(f"{path}: not a readable Inspect eval log ({reason}); answers to score go in a .jsonl file"
                        ) from None
    if not log.samples:
        raise UserError(f"{path}: the log holds no samples (an eval that did not run, or --no-log-samples)")
    for sample in log.samples:
        where = f"{path}: sample {sample.id} (epoch {sample.epoch})"
        if "scenario" not in (sample.metadata or {}):
            raise UserError(f"{where}: no finalign scenario in its metadata (is it a log of finalign/debt_advice?)")
        if sample.output is None or not sample.output.choices:
            raise UserError(f"{where}: no model answer in the log (the sample errored or was not run)")
        yield where, {"scenario": sample.metadata["scenario"], "answer": sample.output.completion,
                      "scenario_id": sample.id, "epoch": sample.epoch, "model": log.eval.model,
                      "inspect_log": str(path), "logged_goodness": _logged_goodness(sample)}
