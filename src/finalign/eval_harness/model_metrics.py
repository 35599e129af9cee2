"""Metrics that read the model itself rather than its text: preference accuracy, perplexity, retention.

- ``pref_accuracy``: share of held-out pairs where the model's mean per-token log-probability of the
  chosen answer beats the rejected one (length-normalised, so short answers don't win by being short).
- ``reward_accuracy``: share where DPO's implicit reward, log p_model - log p_base summed over the
  answer, is higher for chosen than rejected. Undefined for the base model itself.
- ``perplexity``: exp of the mean token negative log-likelihood of the held-out chosen answers.
- ``retention``: share of a fixed set of off-domain questions (general knowledge, simple instructions)
  whose answer contains the expected word: a model that only learnt to talk about debt shows up here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import torch

from finalign.models import prompt_text

# Off-domain questions a 135M instruct model answers correctly often enough to notice a drop.
RETENTION_PROMPTS: tuple[tuple[str, str], ...] = (
    ("What is the capital of France? Answer in one sentence.", r"\bparis\b"),
    ("What color is the sky on a clear day? Answer in one word.", r"\bblue\b"),
    ("How many days are there in a week?", r"\b(7|seven)\b"),
    ("What is the opposite of 'hot'? Answer in one word.", r"\bcold\b"),
    ("Which animal says 'meow'?", r"\bcats?\b"),
    ("What is the largest planet in our solar system?", r"\bjupiter\b"),
    ("Name the season that comes after winter.", r"\bspring\b"),
    ("What do bees make?", r"\bhoney\b"),
    ("Translate 'hello' into Spanish.", r"\bhola\b"),
    ("What is frozen water called?", r"\bice\b"),
)


@dataclass(frozen=True)
class AnswerLogprob:
    total: float  # summed log-probability of the answer tokens given the prompt
    tokens: int


def answer_logprobs(model, tokenizer, prompts: list[str], answers: list[str], *, batch_size: int = 8) -> list[AnswerLogprob]:
    """Log-probabilities of ``answer`` tokens after ``prompt`` (rendered text), batched with right padding."""
    out: list[AnswerLogprob] = []
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    model.eval()
    for start in range(0, len(prompts), batch_size):
        seqs, starts = [], []
        for prompt, answer in zip(prompts[start:start + batch_size], answers[start:start + batch_size]):
            p = tokenizer(prompt, add_special_tokens=False).input_ids
            a = tokenizer(answer + (tokenizer.eos_token or ""), add_special_tokens=False).input_ids
            seqs.append(p + a)
            starts.append(len(p))
        width = max(map(len, seqs))
        ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)  # right padding, built here
        mask = torch.zeros_like(ids)
        for i, s in enumerate(seqs):
            ids[i, :len(s)] = torch.tensor(s)
            mask[i, :len(s)] = 1
        with torch.inference_mode():
            logits = model(input_ids=ids.to(model.device), attention_mask=mask.to(model.device)).logits.float()
        logp = torch.log_softmax(logits[:, :-1], dim=-1).gather(-1, ids[:, 1:, None].to(model.device))[..., 0]
        for i, s in enumerate(seqs):
            span = logp[i, starts[i] - 1:len(s) - 1]  # predictions of the answer tokens
            out.append(AnswerLogprob(total=float(span.sum()), tokens=len(s) - starts[i]))
    return out


def pair_logprobs(model, tokenizer, pairs: list[dict]) -> dict[str, list[AnswerLogprob]]:
    prompts = [prompt_text(tokenizer, p["prompt"]) for p in pairs]
    return {
        "chosen": answer_logprobs(model, tokenizer, prompts, [p["chosen"][-1]["content"] for p in pairs]),
        "rejected": answer_logprobs(model, tokenizer, prompts, [p["rejected"][-1]["content"] for p in pairs]),
    }


def pref_accuracy(lp: dict[str, list[AnswerLogprob]]) -> float | None:
    pairs = list(zip(lp["chosen"], lp["rejected"]))
    if not pairs:
        return None
    return sum(c.total / c.tokens > r.total / r.tokens for c, r in pairs) / len(pairs)


def reward_accuracy(lp: dict[str, list[AnswerLogprob]], base: dict[str, list[AnswerLogprob]]) -> float | None:
    rows = list(zip(lp["chosen"], lp["rejected"], base["chosen"], base["rejected"]))
    if not rows:
        return None
    return sum((c.total - bc.total) > (r.total - br.total) for c, r, bc, br in rows) / len(rows)


def perplexity(lp: dict[str, list[AnswerLogprob]]) -> float | None:
    """Over every pair's chosen answer (each eval scenario has the same number of pairs: equal weights)."""
    tokens = sum(c.tokens for c in lp["chosen"])
    return math.exp(-sum(c.total for c in lp["chosen"]) / tokens) if tokens else None


def retention_score(answers: list[str]) -> float:
    hits = [bool(re.search(pattern, answer.lower())) for (_, pattern), answer in zip(RETENTION_PROMPTS, answers)]
    return sum(hits) / len(hits)
