"""`finalign model merge`: a run's adapter merged into its base, saved as a plain checkpoint that loads anywhere."""

from __future__ import annotations

import json

import pytest
import torch

from finalign.cli import main
from finalign.errors import UserError
from finalign.eval_harness.evaluate import variant
from finalign.layout import RunDir
from finalign.finetune.merge import merge_adapter
from finalign.models import load_model


@pytest.fixture(scope="module")
def adapter_run(tiny_llama, tmp_path_factory):
    """A run folder with a (random, non-zero) LoRA adapter for sft+dpo on the tiny Llama."""
    from peft import LoraConfig, get_peft_model

    run = tmp_path_factory.mktemp("merge-run")
    torch.manual_seed(0)
    lora = LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False, task_type="CAUSAL_LM")
    out = RunDir(run).adapter("sft+dpo")
    get_peft_model(load_model(tiny_llama), lora).save_pretrained(str(out))
    (out / "training_config.json").write_text(json.dumps({"model": str(tiny_llama)}))
    return run


def test_merged_checkpoint_is_plain_and_computes_what_the_adapter_does(adapter_run, tiny_llama, capsys):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    assert main(["model", "merge", "--run", str(adapter_run), "--method", "sft+dpo"]) == 0
    dest = RunDir(adapter_run).merged("sft+dpo")
    assert capsys.readouterr().out.strip() == f"merged: {dest}"
    files = {p.name for p in dest.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json"} <= files and "adapter_config.json" not in files
    merged = AutoModelForCausalLM.from_pretrained(dest)  # plain transformers: no peft, no finalign
    expected = variant(load_model(tiny_llama), RunDir(adapter_run).adapter("sft+dpo"))
    base = load_model(tiny_llama)
    ids = AutoTokenizer.from_pretrained(dest)("Pay the card first.", return_tensors="pt").input_ids
    with torch.no_grad():
        torch.testing.assert_close(merged(ids).logits, expected(ids).logits)
        assert not torch.allclose(merged(ids).logits, base(ids).logits)  # the adapter changed something


def test_merge_without_an_adapter_is_user_error(tmp_path, capsys):
    with pytest.raises(UserError, match="no trained adapter for 'sft'"):
        merge_adapter(tmp_path, "sft")
    assert main(["model", "merge", "--run", str(tmp_path)]) == 2
    assert "needs --run and --method" in capsys.readouterr().err
