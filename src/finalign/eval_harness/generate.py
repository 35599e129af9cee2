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


@dataclass(frozen=True)
class Decoding:
    max_new_tokens: int = 160
    do_sample: bool = False
    temperature: float = 0.7
    top_p: float = 0.9
    seed: int = 0

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
    """Yield one :class:`Generation` per prompt (rendered text, special tokens included), batch by batch."""
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    lengths = [len(tokenizer(p, add_special_tokens=False).input_ids) for p in prompts]
    order = sorted(range(len(prompts)), key=lambda i: (lengths[i], i))
    model.eval()
    bar = tqdm(total=len(prompts), desc=desc, unit="answer", disable=quiet)
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        batch = tokenizer([prompts[i] for i in idx], return_tensors="pt", padding=True, add_special_tokens=False)
        batch = batch.to(model.device)
        if decoding.do_sample:
            torch.manual_seed(decoding.seed + start)  # seeded per batch: resumable and reproducible
        t0 = time.perf_counter()
        with torch.inference_mode():
            out = model.generate(**batch, max_new_tokens=decoding.max_new_tokens, use_cache=True,
                                 pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
                                 **decoding.generate_kwargs())
        seconds = time.perf_counter() - t0
        new = out[:, batch.input_ids.shape[1]:]
        for row, i in enumerate(idx):
            tokens = new[row]
            stop = (tokens == tokenizer.eos_token_id).nonzero()
            n = int(stop[0]) + 1 if len(stop) else len(tokens)  # count the end-of-turn token, drop padding after it
            answer = tokenizer.decode(tokens[:n], skip_special_tokens=True).strip()
            yield Generation(index=i, batch=start // batch_size, answer=answer, prompt_tokens=lengths[i], new_tokens=n, seconds=seconds)
        bar.update(len(idx))
    bar.close()
