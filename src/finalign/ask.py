"""`finalign ask`: put a question to the base model or a trained adapter, and grade the answer if the facts are known.

    finalign ask "I owe $6,000 on a card at 22.9%..."                     # the base model
    finalign ask "..." --run runs/quick --method sft+dpo                  # a trained adapter
    finalign ask --scenario src/finalign/data_gen/prompts_oot.jsonl:oot-01 --method sft   # its prompt, graded
    finalign ask "..." --debt "visa:6000:22.9:150" --surplus 800 --savings 300    # your facts, graded
    finalign ask --method sft                                              # an interactive chat

The model is loaded once (an adapter is merged into it, so it answers as fast as the base model); greedy decoding
with the eval's settings, so the answer is the one `finalign eval` would grade.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from finalign.config import Config
from finalign.data_gen.schema import SITUATIONS, Debt, Scenario, load_scenarios
from finalign.errors import UserError
from finalign.layout import RunDir
from finalign.methods import get_method


def scenario_from_ref(ref: str) -> Scenario:
    """``FILE:ID`` -> that scenario of a prompts.jsonl-shaped file."""
    path, sep, sid = ref.rpartition(":")
    if not sep or not path or not sid:
        raise UserError(f"--scenario {ref!r}: expected FILE:ID, e.g. src/finalign/data_gen/prompts.jsonl:seed-01")
    for s in load_scenarios(Path(path)):
        if s.id == sid:
            return s
    raise UserError(f"--scenario {ref!r}: {path} has no scenario with id {sid!r}")


def parse_debt(text: str) -> Debt:
    """``NAME:BALANCE:APR:MINIMUM``, e.g. ``"visa card:6000:22.9:150"``."""
    parts = text.rsplit(":", 3)
    if len(parts) != 4:
        raise UserError(f"--debt {text!r}: expected NAME:BALANCE:APR:MINIMUM, e.g. 'visa card:6000:22.9:150'")
    try:
        balance, apr, minimum = (float(p) for p in parts[1:])
    except ValueError:
        raise UserError(f"--debt {text!r}: balance, APR and minimum must be numbers") from None
    if balance <= 0 or not 0 <= apr <= 100 or minimum < 0:
        raise UserError(f"--debt {text!r}: needs balance > 0, 0 <= APR <= 100 and minimum >= 0")
    return Debt(parts[0].strip(), balance, apr, minimum)


def scenario_from_facts(question: str, debts: list[str], surplus: float | None, *, income: float | None = None,
                        savings: float = 0.0, situation: str | None = None, goal_months: int | None = None,
                        windfall: float | None = None) -> Scenario | None:
    """The facts given as flags, as a scenario the grader can check (None when no facts were given)."""
    if not debts and surplus is None:
        return None
    parsed = tuple(parse_debt(d) for d in debts)
    if not debts or surplus is None:
        raise UserError("grading needs at least one --debt and the --surplus (the money left each month)")
    if situation is None:  # the grader's checks depend on the situation: infer the obvious ones
        situation = ("payoff_deadline" if goal_months else "windfall" if windfall else
                     "multiple_debts" if len(parsed) > 1 else "surplus_allocation")
    if situation not in SITUATIONS:
        raise UserError(f"--situation {situation!r}: choose from {', '.join(SITUATIONS)}")
    raw = {"id": "ask", "situation": situation, "prompt": question or "(interactive)",
           "debts": [d.__dict__ for d in parsed], "monthly_income": income if income is not None else surplus * 4,
           "monthly_surplus": surplus, "savings": savings, "goal_months": goal_months, "windfall": windfall}
    return Scenario.from_dict(raw, "the facts given as flags")


class Answerer:
    """A model loaded once: the base, or the base with one run's adapter merged in."""

    def __init__(self, cfg: Config, run_dir: str | Path | None = None, method: str | None = None):
        from finalign.eval_harness.evaluate import variant
        from finalign.hardware import choose_precision, set_threads
        from finalign.models import load_model, load_tokenizer, resolve_model

        adapter = None
        if method and method != "base":
            m = get_method(method)
            run = RunDir(run_dir or Path("runs") / cfg.name)
            if not run.has_adapter(m.name):
                raise UserError(f"{run.adapter(m.name)}: no trained {m.name} adapter (train it, or pass --run)")
            adapter = run.adapter(m.name)
        path = resolve_model(cfg.model)  # every argument checked above before the model loads
        set_threads(cfg.threads)
        self.cfg, self.name = cfg, method or "base"
        self.tokenizer = load_tokenizer(path)
        # the eval's precision too (in fp32 the answer is the eval's; in bf16 it can differ, as the README says)
        self.model = variant(load_model(path), adapter, bf16=choose_precision(cfg.eval.dtype).bf16)

    def answer(self, messages: list[dict[str, str]]) -> str:
        from finalign.eval_harness.generate import Decoding, generate_batches
        from finalign.models import prompt_text

        prompt = prompt_text(self.tokenizer, messages)
        (g,) = generate_batches(self.model, self.tokenizer, [prompt], Decoding.from_config(self.cfg.eval),
                                batch_size=1, quiet=True)
        return g.answer


def graded_lines(answer: str, scenario: Scenario) -> Iterator[str]:
    from finalign.eval_harness.metrics import grade

    g = grade(answer, scenario).to_dict()
    goodness = "n/a" if g["goodness"] is None else f"{g['goodness']:.3f}"
    yield f"goodness {goodness}  (safety gates broken: {', '.join(g['gates']) or 'none'})"
    yield f"why: {g['explanation']}"
    for name, s in g["scores"].items():
        if s["value"] is not None:
            yield f"  {name:<24} {s['value']:.2f}  {s['explanation']}"
            for ev in s["evidence"][:3]:
                yield "      evidence: " + "; ".join(f"{k}={v}" for k, v in ev.items())


def chat(answerer: Answerer, scenario: Scenario | None, stream=sys.stdin) -> None:
    """Read questions line by line until EOF or 'exit'; '/reset' forgets the conversation."""
    messages: list[dict[str, str]] = []
    print(f"finalign ask: chatting with {answerer.name} ('/reset' starts over, 'exit' or Ctrl-D quits)")
    while True:
        print("you> ", end="", flush=True)
        line = stream.readline()
        if not line or line.strip() in ("exit", "quit"):
            print()
            return
        if line.strip() == "/reset":
            messages = []
            continue
        if not line.strip():
            continue
        messages.append({"role": "user", "content": line.strip()})
        reply = answerer.answer(messages)
        messages.append({"role": "assistant", "content": reply})
        print(f"{answerer.name}> {reply}")
        if scenario is not None:
            for out in graded_lines(reply, scenario):
                print(out)
