"""Shared fixtures: tiny random Llama/GPT-2 checkpoints on a small stored tokenizer, and the real model.

The tiny models use tests/fixtures/tiny_tokenizer (about 2,000 byte-level BPE tokens with SmolLM2's special tokens
and chat template; tests/fixtures/make_tiny_tokenizer.py builds it), so they need no model conversion. The default
model is converted once into the user's cache ($FINALIGN_HOME, default ~/.cache/finalign) for the tests that use
it (`smol_path`). Tiny models are saved as ordinary checkpoints, so they go through the same loading path
(`--model <folder>`) as a user's own model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from finalign.models import ensure_default_model, load_tokenizer

TINY_TOKENIZER = Path(__file__).parent / "fixtures" / "tiny_tokenizer"


@pytest.fixture(scope="session")
def smol_path():
    return ensure_default_model(verbose=False)


def _save_tiny(model, tokenizer, path, chat_template: bool):
    if not chat_template:
        tokenizer.chat_template = None
    model.save_pretrained(path, safe_serialization=True)
    tokenizer.save_pretrained(path)
    if not chat_template:
        (path / "chat_template.jinja").unlink(missing_ok=True)
    return path


@pytest.fixture(scope="session")
def tiny_llama(tmp_path_factory):
    """A 2-layer, 64-wide Llama with a stored 2,000-token tokenizer and SmolLM2's chat template (random weights)."""
    from transformers import LlamaConfig, LlamaForCausalLM

    tok = load_tokenizer(TINY_TOKENIZER)
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(tok), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=1024,
                         bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
                         pad_token_id=tok.pad_token_id, tie_word_embeddings=True)
    return _save_tiny(LlamaForCausalLM(config), tok, tmp_path_factory.mktemp("tiny-llama"), chat_template=True)


@pytest.fixture(scope="session")
def tiny_gpt2(tmp_path_factory):
    """A 2-layer GPT-2 without a chat template (the seed's architecture; plain Question:/Answer: prompts)."""
    from transformers import GPT2Config, GPT2LMHeadModel

    tok = load_tokenizer(TINY_TOKENIZER)
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=len(tok), n_embd=64, n_layer=2, n_head=4, n_positions=1024,
                        bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id)
    return _save_tiny(GPT2LMHeadModel(config), tok, tmp_path_factory.mktemp("tiny-gpt2"), chat_template=False)


def pytest_collection_modifyitems(items):
    """Every test that uses the real 135M model is `slow` (`make test-fast` deselects them), marked here once."""
    for item in items:
        if "smol_path" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
