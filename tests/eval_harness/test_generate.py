"""Batched generation: the same text as one prompt at a time, in the caller's order, seeded sampling."""

from __future__ import annotations

import pytest
import torch

from finalign.eval_harness.generate import Decoding, generate_batches
from finalign.models import load_tokenizer, prompt_text

QUESTIONS = [
    "Hi.",
    "I owe $2,000 on a card at 24% APR. What should I do first?",
    "Pay off debt or invest?",
    "I have three cards (19%, 24% and 29% APR), $5,000 in total, $400 a month spare and no savings at all. "
    "Which card should get the extra money, and should I keep some cash aside first?",
    "Is a balance transfer worth it?",
    "What is a good emergency fund size for someone with $3,100 of monthly costs and an unstable job?",
]


@pytest.fixture(scope="module")
def tiny(tiny_llama):
    """tiny_llama's architecture with untied embeddings and std-0.1 weights, in float32.

    The fixture's own weights (std 0.02, tied) make greedy decoding repeat the prompt's last token ("\\n")
    for every prompt, so every answer would be "" and batch == single would hold trivially.
    """
    from transformers import AutoConfig, LlamaForCausalLM

    config = AutoConfig.from_pretrained(tiny_llama)
    config.tie_word_embeddings, config.initializer_range = False, 0.1
    torch.set_num_threads(1)  # the CI box has 2 shared cores: no thread contention
    torch.manual_seed(0)
    return LlamaForCausalLM(config).to(torch.float32).eval(), load_tokenizer(tiny_llama)


@pytest.fixture(scope="module")
def prompts(tiny):
    _, tok = tiny
    return [prompt_text(tok, [{"role": "user", "content": q}]) for q in QUESTIONS]


def by_index(generations) -> list:
    out = sorted(generations, key=lambda g: g.index)
    assert [g.index for g in out] == list(range(len(out)))  # every prompt answered exactly once
    return out


def test_prompts_differ_in_length(tiny, prompts):
    _, tok = tiny
    lengths = {len(tok(p, add_special_tokens=False).input_ids) for p in prompts}
    assert len(lengths) == len(prompts)


def test_greedy_batches_match_one_prompt_at_a_time(tiny, prompts):
    model, tok = tiny
    decoding = Decoding(max_new_tokens=12)
    batched = by_index(generate_batches(model, tok, prompts, decoding, batch_size=4, quiet=True))
    single = by_index(generate_batches(model, tok, prompts, decoding, batch_size=1, quiet=True))
    assert [g.answer for g in batched] == [g.answer for g in single]
    assert [g.new_tokens for g in batched] == [g.new_tokens for g in single]
    assert [g.prompt_tokens for g in batched] == [len(tok(p, add_special_tokens=False).input_ids) for p in prompts]
    assert len({g.batch for g in batched}) == 2 and len({g.batch for g in single}) == len(prompts)
    assert all(g.answer and 0 < g.new_tokens <= 12 for g in batched)
    # Members of a batch share its wall time.
    for b in {g.batch for g in batched}:
        assert len({g.seconds for g in batched if g.batch == b}) == 1


def test_answers_keep_the_callers_order(tiny, prompts):
    """Reversing the prompts reverses the answers: results are matched back by index, not by sort order."""
    model, tok = tiny
    decoding = Decoding(max_new_tokens=6)
    forward = [g.answer for g in by_index(generate_batches(model, tok, prompts, decoding, batch_size=4, quiet=True))]
    backward = [g.answer for g in by_index(generate_batches(model, tok, prompts[::-1], decoding, batch_size=4,
                                                            quiet=True))]
    assert backward == forward[::-1]
    assert len(set(forward)) > 1  # different prompts, different answers: the check has teeth


def test_sampling_is_seeded(tiny, prompts):
    model, tok = tiny

    def answers(seed):
        decoding = Decoding(max_new_tokens=10, do_sample=True, temperature=1.0, top_p=1.0, seed=seed)
        return [g.answer for g in by_index(generate_batches(model, tok, prompts[:4], decoding, batch_size=2,
                                                            quiet=True))]

    first = answers(seed=0)
    assert answers(seed=0) == first
    assert answers(seed=1) != first
    greedy = [g.answer for g in by_index(generate_batches(model, tok, prompts[:4], Decoding(max_new_tokens=10),
                                                          batch_size=2, quiet=True))]
    assert greedy != first


class ScriptedModel:
    """Stands in for a causal LM whose `generate` returns fixed new tokens per prompt (keyed by prompt length).

    Like transformers' `generate`, rows that stop early are filled with the pad token up to the batch width.
    """

    device = torch.device("cpu")

    def __init__(self, continuations: dict[int, list[int]]):
        self.continuations = continuations

    def eval(self):
        return self

    def generate(self, input_ids, attention_mask, max_new_tokens, pad_token_id, **kwargs):
        rows = [self.continuations[int(n)][:max_new_tokens] for n in attention_mask.sum(1)]
        width = max(map(len, rows))
        new = torch.full((len(rows), width), pad_token_id)
        for i, row in enumerate(rows):
            new[i, :len(row)] = torch.tensor(row)
        return torch.cat([input_ids, new], dim=1)


@pytest.mark.parametrize("pad", ["<|im_end|>", "<|endoftext|>"])  # SmolLM2 pads with its EOS; try another too
def test_new_tokens_stop_at_eos(tiny_llama, pad):
    """The count includes the end-of-turn token and nothing after it; a row without one uses the budget."""
    tok = load_tokenizer(tiny_llama)
    tok.pad_token = pad
    eos = tok.eos_token_id
    words = tok("Pay the card first", add_special_tokens=False).input_ids
    more = tok(" then save up a buffer", add_special_tokens=False).input_ids
    prompts = ["one", "one two three", "one two three four five six"]
    lengths = [len(tok(p, add_special_tokens=False).input_ids) for p in prompts]
    assert len(set(lengths)) == 3
    model = ScriptedModel({lengths[0]: words + [eos], lengths[1]: words + more, lengths[2]: [eos]})
    out = by_index(generate_batches(model, tok, prompts, Decoding(max_new_tokens=20), batch_size=3, quiet=True))
    assert (out[0].new_tokens, out[0].answer) == (len(words) + 1, "Pay the card first")
    assert (out[1].new_tokens, out[1].answer) == (len(words) + len(more), "Pay the card first then save up a buffer")
    assert (out[2].new_tokens, out[2].answer) == (1, "")
    capped = by_index(generate_batches(model, tok, prompts, Decoding(max_new_tokens=3), batch_size=3, quiet=True))
    assert [g.new_tokens for g in capped] == [3, 3, 1]
