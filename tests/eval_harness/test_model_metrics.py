"""The batched log-prob pass (left padding, LM head on the answer positions only) against one sequence at a time."""

import math

import pytest
import torch

from finalign.eval_harness import model_metrics as mm
from finalign.models import load_model, load_tokenizer


def _alone(model, tokenizer, prompt: str, answer: str) -> float:
    """The plain way: one unpadded forward pass, every position's logits."""
    p = tokenizer(prompt, add_special_tokens=False).input_ids
    a = tokenizer(answer + tokenizer.eos_token, add_special_tokens=False).input_ids
    ids = torch.tensor([p + a])
    with torch.inference_mode():
        logp = torch.log_softmax(model(input_ids=ids).logits.float()[0, :-1], dim=-1)
    return float(sum(logp[len(p) - 1 + j, t] for j, t in enumerate(a)))


@pytest.fixture(scope="module", params=["tiny_llama", "tiny_gpt2"])  # rotary and absolute positions
def tiny(request):
    path = request.getfixturevalue(request.param)
    return load_model(path), load_tokenizer(path)


def test_batched_logprobs_match_one_at_a_time(tiny):
    model, tok = tiny
    prompts = ["Q: short?", "Q: a much longer prompt about a credit card at 24% and a car loan?", "Q: mid length one"]
    answers = ["Pay $300 a month on the card.", "No.", "Keep $1,000 as a buffer and put the rest on the 24% card first."]
    got = mm.answer_logprobs(model, tok, prompts, answers, batch_size=2)  # mixed lengths share a padded batch
    for (p, a), lp in zip(zip(prompts, answers), got):
        assert lp.tokens == len(tok(a + tok.eos_token, add_special_tokens=False).input_ids)
        assert math.isclose(lp.total, _alone(model, tok, p, a), rel_tol=1e-4, abs_tol=1e-3)


def test_order_and_batch_size_do_not_change_the_result(tiny):
    model, tok = tiny
    prompts = [f"Q{i}: " + "word " * (3 * i) for i in range(5)]
    answers = ["yes " * (5 - i) for i in range(5)]
    one = mm.answer_logprobs(model, tok, prompts, answers, batch_size=1)
    five = mm.answer_logprobs(model, tok, prompts, answers, batch_size=5)
    assert [a.tokens for a in one] == [a.tokens for a in five]
    assert all(math.isclose(a.total, b.total, rel_tol=1e-4, abs_tol=1e-3) for a, b in zip(one, five))
    assert len({round(a.total, 3) for a in one}) > 1  # the answers really differ, so a mix-up would show
