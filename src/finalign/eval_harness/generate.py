"""Batched generation: left padding, prompts sorted by length, KV cache, greedy by default.

Sorting by length keeps padding (wasted compute) small within a batch; the results come back in the
caller's order. Greedy decoding of a batch gives the same text as one prompt at a time in float32 (tested
in tests/eval_harness/test_generate.py): left padding is masked out of attention and positions, so pads do
not change the numbers beyond float rounding, which greedy argmax absorbs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import torch
from tqdm.auto import tqdm

from finalign.config import EvalConfig

_DEFAULTS = EvalConfig()


@dataclass(frozen=True)
class Decoding:
    """The generation settings of an :class:`~finalign.config.EvalConfig`, whose defaults are the only defaults."""

    max_new_tokens: int = _DEFAULTS.max_new_tokens
    do_sample: bool = _DEFAULTS.do_sample
    temperature: float = _DEFAULTS.temperature
    top_p: float = _DEFAULTS.top_p
    seed: int = _DEFAULTS.seed

    @classmethod
    def from_config(cls, e: EvalConfig) -> Decoding:
        return cls(e.max_new_tokens, e.do_sample, e.temperature, e.top_p, e.seed)

    def generate_kwargs(self) -> dict:
        if not self.do_sample:
            return {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
        return {"do_sample": True, "temperature": self.temperature, "top_p": self.top_p, "top_k": None}


@dataclass(frozen=True)
class Generation:
    index: int  # position in the caller's list of prompts
    batch: int  # which batch it came from (its members share `seconds`)
    answer: str
    prompt_tokens: int
    new_tokens: int
    seconds: float  # wall time of the batch this answer was generated in, shared by its members


def generate_batches(model, tokenizer, prompts: list[str], decoding: Decoding, *, batch_size: int = 8,
                     quiet: bool = False, desc: str = "generating") -> Iterator[Generation]:
    """Yield one :class:`Generation` per prompt (rendered text, special tokens included), batch by batch.

    Padding is built here, on the left, instead of through the tokenizer's ``padding_side``: the tokenizer is
    shared with the log-prob metrics, and its state must not depend on which ran last."""
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    encoded = [tokenizer(p, add_special_tokens=False).input_ids for p in prompts]
    lengths = [len(ids) for ids in encoded]
    order = sorted(range(len(prompts)), key=lambda i: (lengths[i], i))
    model.eval()
    bar = tqdm(total=len(prompts), desc=desc, unit="answer", disable=quiet)
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        width = max(lengths[i] for i in idx)
        input_ids = torch.full((len(idx), width), pad_id, dtype=torch.long)
        attention_mask = torch.zeros_like(input_ids)
        for row, i in enumerate(idx):
            input_ids[row, width - lengths[i]:] = torch.tensor(encoded[i], dtype=torch.long)
            attention_mask[row, width - lengths[i]:] = 1
        batch = {"input_ids": input_ids.to(model.device), "attention_mask": attention_mask.to(model.device)}
        if decoding.do_sample:
            torch.manual_seed(decoding.seed + start)  # seeded per batch: resumable and reproducible
        t0 = time.perf_counter()
        with torch.inference_mode():
            out = model.generate(**batch, max_new_tokens=decoding.max_new_tokens, use_cache=True,
                                 pad_token_id=pad_id, eos_token_id=tokenizer.eos_token_id,
                                 **decoding.generate_kwargs())
        seconds = time.perf_counter() - t0
        new = out[:, width:]
        for row, i in enumerate(idx):
            tokens = new[row]
            stop = (tokens == tokenizer.eos_token_id).nonzero()
            n = int(stop[0]) + 1 if len(stop) else len(tokens)  # count the end-of-turn token, drop padding after it
            answer = tokenizer.decode(tokens[:n], skip_special_tokens=True).strip()
            yield Generation(index=i, batch=start // batch_size, answer=answer, prompt_tokens=lengths[i], new_tokens=n, seconds=seconds)
        bar.update(len(idx))
    bar.close()
