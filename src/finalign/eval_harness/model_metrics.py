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
    """Log-probabilities of ``answer`` tokens after ``prompt`` (rendered text), in caller order.

    Three things keep this pass cheap, measured on the 135M model: sequences are batched by length (little
    padding); padding goes on the left, so every answer ends at the last position and the LM head (49,152 logits
    per position) runs only on the last ``longest answer + 1`` positions (``logits_to_keep``) instead of the whole
    prompt; position ids skip the padding, so a padded row computes what it would alone."""
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    eos = tokenizer.eos_token or ""
    seqs = [(tokenizer(p, add_special_tokens=False).input_ids, tokenizer(a + eos, add_special_tokens=False).input_ids)
            for p, a in zip(prompts, answers)]
    order = sorted(range(len(seqs)), key=lambda i: (len(seqs[i][0]) + len(seqs[i][1]), i))
    out: dict[int, AnswerLogprob] = {}
    model.eval()
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        width = max(len(seqs[i][0]) + len(seqs[i][1]) for i in idx)
        keep = max(len(seqs[i][1]) for i in idx) + 1  # the answers' predictions need the position before each
        ids = torch.full((len(idx), width), pad_id, dtype=torch.long)
        mask = torch.zeros_like(ids)
        for row, i in enumerate(idx):
            full = seqs[i][0] + seqs[i][1]
            ids[row, width - len(full):] = torch.tensor(full)
            mask[row, width - len(full):] = 1
        positions = (mask.cumsum(-1) - 1).clamp(min=0)
        with torch.inference_mode():
            logits = model(input_ids=ids.to(model.device), attention_mask=mask.to(model.device),
                           position_ids=positions.to(model.device), logits_to_keep=keep).logits.float()
        # logits[:, j] predicts token width - keep + j + 1; the answer is the last len(answer) tokens
        targets = ids[:, width - keep + 1:].to(model.device)
        logp = torch.log_softmax(logits[:, :-1], dim=-1).gather(-1, targets[..., None])[..., 0]
        for row, i in enumerate(idx):
            n = len(seqs[i][1])
            out[i] = AnswerLogprob(total=float(logp[row, keep - 1 - n:].sum()), tokens=n)
    return [out[i] for i in range(len(seqs))]


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
