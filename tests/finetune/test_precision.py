"""bf16 autocast (our default where the hardware has it) gives the same loss as float32, closely.

bf16 keeps 8 bits of mantissa (~3 significant digits), so a per-token cross-entropy averaged over a batch
should agree with float32 to well under 1%; a mismatch of several percent would mean a real precision
problem (a softmax or a loss computed in bf16), not rounding.
"""

import pytest
import torch

from finalign.finetune.common import use_bf16
from finalign.models import load_model, load_tokenizer


def test_use_bf16_follows_the_setting():
    assert use_bf16("fp32") is False and use_bf16("bf16") is True
    assert use_bf16("auto") in (True, False)  # depends on the machine


@pytest.mark.parametrize("fixture", ["tiny_llama", "smol_path"])
def test_bf16_autocast_loss_matches_fp32(fixture, request):
    path = request.getfixturevalue(fixture)
    tok, model = load_tokenizer(path), load_model(path).eval()
    text = ["Pay the 24.99% card first: $550 a month, and keep $150 a month for a $1,000 buffer."] * 2
    batch = tok(text, return_tensors="pt")
    with torch.no_grad():
        fp32 = model(**batch, labels=batch.input_ids).loss.item()
        with torch.autocast("cpu", dtype=torch.bfloat16):
            bf16 = model(**batch, labels=batch.input_ids).loss.item()
    assert bf16 == pytest.approx(fp32, rel=0.01)
