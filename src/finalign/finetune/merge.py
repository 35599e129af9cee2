"""`finalign model merge`: a run's LoRA adapter merged into its base model, saved as a plain checkpoint.

    finalign model merge --run runs/quick --method sft [--out runs/quick/merged/sft]

The result is an ordinary Hugging Face folder (safetensors, config, tokenizer), so any tool that loads one can
serve the tuned model without peft or finalign: Inspect's ``hf/`` provider (``inspect eval finalign/debt_advice
--model hf/runs/quick/merged/sft``), vLLM, transformers itself.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from finalign.errors import UserError
from finalign.io import read_json
from finalign.layout import RunDir




def merge_adapter(run_dir: str | Path, method: str, out: str | Path | None = None) -> Path:
    """Merge the adapter of ``method`` into the base model it was trained on; write ``out`` atomically."""
    from finalign.eval_harness.evaluate import variant
    from finalign.models import load_model, load_tokenizer, resolve_model

    run = RunDir(run_dir)
    adapter = run.adapter(method)
    if not run.has_adapter(method):
        raise UserError(f"{adapter}: no trained adapter for {method!r} (run `finalign train --run {run_dir} "
                        f"--method {method}` first)")
    dest = Path(out) if out is not None else run.merged(method)
    if dest.exists() and not dest.is_dir():
        raise UserError(f"{dest}: is a file; --out takes a folder")
    base = read_json(adapter / "training_config.json")["model"]  # the base it was trained on, not today's default
    base_path = resolve_model(base)
    model = variant(load_model(base_path), adapter)
    tmp = dest.with_name(f".{dest.name}.tmp")  # renamed into place last: no half checkpoint after a kill
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    try:
        model.save_pretrained(tmp, safe_serialization=True)
        load_tokenizer(base_path).save_pretrained(tmp)
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest
