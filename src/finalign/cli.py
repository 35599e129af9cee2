"""The `finalign` command: thin wrappers that parse arguments and call one plain function each.

Every subcommand's work lives in a function that notebooks and tests call directly. A `UserError`
(bad path, bad config, missing model package, bad data line) prints one line and exits 2.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

from finalign.errors import UserError
from finalign.methods import METHODS

EXAMPLES = """examples:
  finalign run                                  # the quick profile, end to end, into runs/quick/
  finalign run --config configs/full.yaml       # the larger GPU-oriented profile
  finalign data --config configs/quick.yaml --out runs/quick
  finalign train --run runs/quick --method sft+dpo
  finalign eval --run runs/quick                # in-template eval split + the out-of-template set
  finalign eval --run runs/quick --prompts mine.jsonl   # ... and your own scenarios
  finalign ask "I owe $6,000 at 22.9% and have $800 a month. Plan?" --method sft
  finalign ask --scenario src/finalign/data_gen/prompts_oot.jsonl:oot-01 --method sft   # answer + grade
  finalign report --run runs/quick
  finalign score my_answers.jsonl               # grade answers from any model
  finalign score logs/<inspect log>.eval        # grade an Inspect AI log of finalign/debt_advice again
  finalign validate                             # how far the grader can be trusted -> docs/metrics.md
  finalign model info --model ./my-checkpoint
  finalign model merge --run runs/quick --method sft   # a plain checkpoint for inspect eval --model hf/...
"""


def _add_config_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", default="quick",
                   help="profile name under configs/ (quick, full, seed) or a YAML path (default: quick)")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override one config value, e.g. --set train.lr=1e-4 (repeatable)")
    p.add_argument("--model", help="base model: 'smollm2-135m-instruct' (embedded default), a local "
                                   "Hugging Face checkpoint folder, or a hub id (needs network)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")


def _config(args: argparse.Namespace):
    from finalign.config import load_config

    overrides = list(args.overrides)
    if getattr(args, "model", None):
        overrides.append(f"model={args.model}")
    return load_config(args.config, overrides)


def _run_dir(args: argparse.Namespace, cfg) -> Path:
    return Path(args.run) if getattr(args, "run", None) else Path("runs") / cfg.name


def cmd_model(args: argparse.Namespace) -> None:
    from finalign.models import DEFAULT_MODEL, model_info

    if args.action == "merge":
        from finalign.finetune.merge import merge_adapter

        if not args.run or not args.method:
            raise UserError("model merge: needs --run and --method (the adapter to merge)")
        print(f"merged: {merge_adapter(args.run, args.method, args.out)}")
        return
    for line in model_info(args.model or DEFAULT_MODEL).lines():
        print(line)


def cmd_data(args: argparse.Namespace) -> None:
    from finalign.data_gen.synth_data import build_data

    cfg = _config(args)
    out = Path(args.out) if args.out else Path("runs") / cfg.name
    for name, path in build_data(cfg.data, out).items():
        print(f"{name}: {path}")


def cmd_train(args: argparse.Namespace) -> None:
    from finalign.finetune.train import train

    cfg = _config(args)
    for method in args.method or cfg.train.methods:
        out = train(cfg, _run_dir(args, cfg), method, resume=args.resume, quiet=args.quiet)
        print(f"{method}: adapter in {out}")


def cmd_eval(args: argparse.Namespace) -> None:
    from finalign.eval_harness.evaluate import BUILTIN_SETS, evaluate, generate, rescore

    cfg = _config(args)
    run_dir = _run_dir(args, cfg)
    sets = tuple(args.sets.split(",")) if args.sets is not None else BUILTIN_SETS
    sets = tuple(s for s in sets if s)
    if args.generate_only and args.score_only:
        raise UserError("--generate-only and --score-only exclude each other")
    if args.generate_only:
        print(f"answers: {generate(cfg, run_dir, resume=args.resume, quiet=args.quiet, sets=sets, prompts=args.prompts)}")
        return
    if args.score_only:
        summary = rescore(cfg, run_dir, sets=sets, prompts=args.prompts)
    else:
        summary = evaluate(cfg, run_dir, resume=args.resume, quiet=args.quiet, sets=sets, prompts=args.prompts)
    print(f"summary: {summary}")


def cmd_ask(args: argparse.Namespace) -> None:
    from finalign.ask import Answerer, chat, graded_lines, scenario_from_facts, scenario_from_ref

    if args.max_new_tokens is not None:
        args.overrides.append(f"eval.max_new_tokens={args.max_new_tokens}")  # checked with the rest of the config
    cfg = _config(args)
    if args.scenario:
        scenario = scenario_from_ref(args.scenario)
    else:
        scenario = scenario_from_facts(args.question or "", args.debt, args.surplus, income=args.income,
                                       savings=args.savings, situation=args.situation, goal_months=args.goal_months,
                                       windfall=args.windfall)
    question = args.question or (scenario.prompt if args.scenario else None)
    answerer = Answerer(cfg, args.run, args.method)  # every argument checked above, before the model loads
    if question is None:
        chat(answerer, scenario)
        return
    answer = answerer.answer([{"role": "user", "content": question}])
    print(answer)
    if scenario is not None:
        print()
        for line in graded_lines(answer, scenario):
            print(line)


def cmd_report(args: argparse.Namespace) -> None:
    from finalign.report import write_report

    print(f"report: {write_report(Path(args.run))}")


def cmd_score(args: argparse.Namespace) -> None:
    from finalign.eval_harness.score import score_file

    print(f"scores: {score_file(args.file, args.out, args.scenarios)}")


def cmd_validate(args: argparse.Namespace) -> None:
    from finalign.eval_harness.validate import HALVES, failures, graded, load_half, validate

    halves = tuple(args.half) if args.half else HALVES
    if args.failures:
        if "test" in halves:
            raise UserError("--failures lists the dev half only: the test half is frozen (read only its numbers)")
        print(failures(graded(load_half("dev"))))
        return
    results = validate(halves, None if args.no_write else args.out)
    for half, r in results.items():
        print(f"{half}: {r['answers']} answers, pairwise accuracy {r['pairwise_accuracy']:.3f}, AUC {r['auc']:.3f}, "
              f"adversarial caught {r['adversarial_catch_rate']:.3f}, good answers gated {r['good_answers_gated']}")
    if not args.no_write:
        print(f"report: {args.out}")


def cmd_run(args: argparse.Namespace) -> None:
    from finalign.pipeline import run

    cfg = _config(args)
    run(cfg, _run_dir(args, cfg), quiet=args.quiet)


def _command(sub, name: str, summary: str) -> argparse.ArgumentParser:
    """A subcommand whose one-line summary is also the first line of its own --help."""
    return sub.add_parser(name, help=summary, description=summary)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finalign",
        description="An offline alignment case study: synthetic debt-advice preference data, LoRA SFT/DPO "
                    "with TRL, and an eval harness that checks answers against the money math.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _command(sub, "model", "show the base model (converts the default once), or merge a run's adapter into it")
    p.add_argument("action", choices=["info", "merge"],
                   help="info: name, path, parameters, dtype, chat template, cache; merge: save a run's adapter "
                        "merged into its base as a plain checkpoint (for Inspect's hf/ provider, vLLM, ...)")
    p.add_argument("--model", help="info: default name, local checkpoint folder or hub id")
    p.add_argument("--run", help="merge: the run folder holding the adapter")
    p.add_argument("--method", choices=list(METHODS), help="merge: which adapter")
    p.add_argument("--out", help="merge: output folder (default: <run>/merged/<method>)")
    p.set_defaults(func=cmd_model)

    p = _command(sub, "data", "generate prompts.jsonl, synthetic_preferences.jsonl and data_card.md")
    _add_config_args(p)
    p.add_argument("--out", help="output folder (default: runs/<config name>)")
    p.set_defaults(func=cmd_data)

    p = _command(sub, "train", "LoRA fine-tuning with TRL, one method of methods.METHODS at a time")
    _add_config_args(p)
    p.add_argument("--run", help="run folder holding the data (default: runs/<config name>)")
    p.add_argument("--method", action="append", choices=list(METHODS),
                   help="method to train (repeatable; default: the profile's train.methods): "
                        + "; ".join(f"{m.name}: {m.description}" for m in METHODS.values()))
    p.add_argument("--resume", action="store_true", help="continue from the newest complete checkpoint")
    p.set_defaults(func=cmd_train)

    p = _command(sub, "eval", "generate answers for base + every adapter in the run, score, summarise")
    _add_config_args(p)
    p.add_argument("--run", help="run folder (default: runs/<config name>)")
    p.add_argument("--resume", action="store_true", help="keep finished generations and do only the rest")
    p.add_argument("--sets", metavar="NAMES",
                   help="built-in prompt sets, comma-separated: eval (the run's held-out split, in template) and "
                        "oot (hand-written, out of template); default: eval,oot; '' for none (with --prompts)")
    p.add_argument("--prompts", action="append", default=[], metavar="FILE",
                   help="also evaluate the scenarios of FILE (prompts.jsonl shape), as a set named by its stem "
                        "(repeatable)")
    p.add_argument("--generate-only", action="store_true", help="generate the answers, do not score them")
    p.add_argument("--score-only", "--rescore", dest="score_only", action="store_true",
                   help="grade the saved answers (again) with the current grader: no model loaded, nothing regenerated")
    p.set_defaults(func=cmd_eval)

    p = _command(sub, "ask", "ask the base model or a trained adapter a question; grade the answer if the facts are given")
    _add_config_args(p)
    p.add_argument("question", nargs="?", help="the question; without one (and without --scenario) an interactive chat starts")
    p.add_argument("--run", help="run folder holding the adapter (default: runs/<config name>)")
    p.add_argument("--method", default="base", choices=["base", *METHODS], help="which model answers (default: base)")
    p.add_argument("--scenario", metavar="FILE:ID",
                   help="a scenario of a prompts.jsonl-shaped file: its prompt is the question (unless one is given) "
                        "and its facts grade the answer")
    p.add_argument("--debt", action="append", default=[], metavar="NAME:BALANCE:APR:MIN",
                   help="a debt of your own, to grade the answer against (repeatable), e.g. 'visa:6000:22.9:150'")
    p.add_argument("--surplus", type=float, help="money left each month for debts and saving (needed to grade)")
    p.add_argument("--income", type=float, help="monthly take-home pay")
    p.add_argument("--savings", type=float, default=0.0, help="savings today (default 0)")
    p.add_argument("--goal-months", type=int, help="a payoff deadline in months")
    p.add_argument("--windfall", type=float, help="a one-off sum to allocate")
    p.add_argument("--situation", help="the situation the grader checks (default: inferred from the facts)")
    p.add_argument("--max-new-tokens", type=int, help="answer length cap (default: the profile's eval.max_new_tokens)")
    p.set_defaults(func=cmd_ask)

    p = _command(sub, "report", "regenerate viz/*.png and results.md from a run's saved artifacts")
    p.add_argument("--run", required=True, help="run folder, e.g. runs/quick")
    p.set_defaults(func=cmd_report)

    p = _command(sub, "score", "grade answers of any model: JSONL of {scenario_id|scenario, answer}, or an Inspect log")
    p.add_argument("file", help="input JSONL, or an Inspect AI log of finalign/debt_advice (.eval/.json); each "
                                "answer gets a 'scores' object in the output")
    p.add_argument("--out", help="output JSONL (default: <file stem>.scored.jsonl beside the input)")
    p.add_argument("--scenarios", help="a prompts.jsonl to resolve scenario_id (the 5 seed scenarios always are)")
    p.set_defaults(func=cmd_score)

    p = _command(sub, "validate", "measure the grader on the hand-written corpus (dev and frozen test halves)")
    p.add_argument("--half", action="append", choices=["dev", "test"], help="one half (repeatable; default: both)")
    p.add_argument("--out", default="docs/metrics.md", help="where to write the validity report (default: docs/metrics.md)")
    p.add_argument("--no-write", action="store_true", help="print the headline figures only")
    p.add_argument("--failures", action="store_true", help="list every dev answer the grader ranks wrongly")
    p.set_defaults(func=cmd_validate)

    p = _command(sub, "run", "the whole case study: data -> train -> eval -> report, resumable")
    _add_config_args(p)
    p.add_argument("--run", help="run folder (default: runs/<config name>)")
    p.set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # transformers 5 renamed gradient checkpointing; TRL and peft still call the old names on every model they
    # wrap, so each stage printed the same deprecation notice a dozen times. Nothing a user can act on.
    warnings.filterwarnings("ignore", message=r"`\w*gradient_checkpointing\w*` is deprecated", category=FutureWarning)
    if getattr(args, "quiet", False):
        os.environ["TQDM_DISABLE"] = "1"
    try:
        args.func(args)
    except UserError as exc:
        print(f"finalign: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("finalign: interrupted; finished work is kept, rerun to continue", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
