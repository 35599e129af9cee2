"""GRPO with verifiable rewards (`--method sft+grpo`): TRL's GRPOTrainer, the grader's scorers as rewards.

    finalign train --run runs/full --method sft+grpo    # train sft first

From the SFT adapter, each step samples ``onpolicy_samples`` answers per train prompt and rewards each with
every scorer of the grader (one reward function per scorer, so TRL logs each one's mean) plus a gate penalty of
-1 for an answer that breaks a safety gate. The scorer rewards share a weight of 1 in all, the penalty has weight
1, so a gated answer always earns less than any safe one. A scorer that does not apply to an answer gives 0.5.

The reward is the grader, and the evaluation grades with it too: held-out and out-of-template prompts show how
much of a gain carries over, but a policy that games the grader's blind spots (vaguer answers that break no gate)
can gain on both. Read its answers before believing its scores.
"""

from __future__ import annotations

import json
from functools import lru_cache

from finalign.config import Config
from finalign.data_gen.schema import Scenario
from finalign.eval_harness.metrics import METRICS, Grade, grade
from finalign.finetune import common
from finalign.finetune.onpolicy import train_scenarios
from finalign.layout import RunDir
from finalign.methods import Method

NOT_APPLICABLE = 0.5  # a scorer with nothing to check neither rewards nor punishes


@lru_cache(maxsize=256)
def _scenario(raw: str) -> Scenario:
    return Scenario.from_dict(json.loads(raw))


@lru_cache(maxsize=4096)
def _grade(answer: str, raw: str) -> Grade:  # every reward function of one completion shares one reading
    return grade(answer, _scenario(raw))


def _text(completion) -> str:
    return completion[-1]["content"] if isinstance(completion, list) else completion


def _scorer_reward(name: str):
    def reward(completions, scenario, **_) -> list[float]:
        out = []
        for c, raw in zip(completions, scenario, strict=True):
            value = _grade(_text(c), raw).scores[name].value
            value = NOT_APPLICABLE if value is None else value
            out.append(value if METRICS[name].higher_is_better else 1 - value)
        return out

    reward.__name__ = name  # TRL logs rewards/<name>/mean
    return reward


def gate_penalty(completions, scenario, **_) -> list[float]:
    return [-1.0 if _grade(_text(c), raw).gates else 0.0 for c, raw in zip(completions, scenario, strict=True)]


def reward_funcs() -> tuple[list, list[float]]:
    """The reward functions and their weights: every scorer (summing to 1) and the gate penalty (1)."""
    funcs = [_scorer_reward(name) for name in METRICS] + [gate_penalty]
    return funcs, [1 / len(METRICS)] * len(METRICS) + [1.0]


def grpo_config(cfg: Config, run: RunDir, method: Method, *, quiet: bool):
    from trl import GRPOConfig

    t = cfg.train
    args = common.trainer_args(cfg, run.work(method.name), lr=t.grpo_lr, epochs=t.grpo_epochs, quiet=quiet)
    args.update(
        # One micro-batch is one prompt's group of answers; grad_accum prompts make one optimiser step.
        per_device_train_batch_size=t.onpolicy_samples, per_device_eval_batch_size=t.onpolicy_samples,
        gradient_accumulation_steps=t.grad_accum,
        eval_strategy="no", eval_steps=None,  # held-out quality is the eval stage's job, with the same grader
        train_sampling_strategy="random",  # GRPO's own sampler repeats each prompt; length grouping needs input_ids
    )
    _, weights = reward_funcs()
    return GRPOConfig(**args, num_generations=t.onpolicy_samples, max_completion_length=t.onpolicy_max_new_tokens,
                      temperature=t.onpolicy_temperature, top_p=t.onpolicy_top_p, beta=t.grpo_beta,
                      reward_weights=weights, log_completions=False)


def build_trainer(cfg: Config, model, tokenizer, run: RunDir, method: Method, *, quiet: bool = False):
    from trl import GRPOTrainer

    model = common.continue_adapter(model, run, method)
    rows = [{"prompt": common.prompt_field(tokenizer, s.prompt), "scenario": json.dumps(s.to_dict(), sort_keys=True)}
            for s in train_scenarios(run, cfg.train.onpolicy_prompts)]
    funcs, _ = reward_funcs()
    return GRPOTrainer(model=model, reward_funcs=funcs, args=grpo_config(cfg, run, method, quiet=quiet),
                       train_dataset=common.to_dataset(rows), processing_class=tokenizer)
