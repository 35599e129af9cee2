"""The notebooks run end to end (on a tiny model) and are committed without outputs.

Parameters are injected the way papermill does it, minus papermill: the source of the cell tagged
``parameters`` is replaced by plain assignments, and the notebook is executed in memory with nbclient on a
``python3`` kernel. jupyter_client starts that kernel spec (argv ``python -m ipykernel_launcher``) with
``sys.executable``, so the kernel runs in the same environment as pytest.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ("finetune.ipynb", "eval_harness.ipynb")

TINY = [
    "data.n_train_scenarios=8", "data.n_eval_scenarios=8", "data.rejected_per_scenario=1",
    "train.batch_size=4", "train.dpo_max_pairs=4", "train.eval_max_rows=2", "train.max_length=192",
    "train.save_steps=1000",
    "eval.max_new_tokens=8", "eval.model_metrics=false", "eval.n_bootstrap=100",
]


def parameters_cell(nb) -> nbformat.NotebookNode:
    (cell,) = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    return cell


def inject(nb, **params) -> None:
    """Replace the parameters cell with ``NAME = repr(value)`` lines; every name must already be there."""
    cell = parameters_cell(nb)
    names = {line.split("=", 1)[0].strip() for line in cell.source.splitlines() if "=" in line}
    assert set(params) <= names, f"not parameters of this notebook: {set(params) - names}"
    cell.source = "\n".join(f"{name} = {value!r}" for name, value in params.items())


def run(name: str, cwd: Path, **params) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    inject(nb, **params)
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def text_output(nb) -> str:
    out = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            out.append(o.get("text", ""))
            out.extend(str(v) for k, v in o.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(out)


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_is_clean(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert parameters_cell(nb).cell_type == "code"
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None, f"{name}: outputs not stripped"
    assert f"notebooks/{name}" in nb.cells[0].source  # the Colab badge points at this very file
    assert 'if "google.colab" in sys.modules' in nb.cells[2].source  # installs only on Colab


def test_notebooks_run_on_tiny_model(tiny_llama, tmp_path):
    run_dir = tmp_path / "run"
    common = {"MODEL": str(tiny_llama), "RUN_DIR": str(run_dir), "PROFILE": "quick", "OVERRIDES": TINY}

    nb = run("finetune.ipynb", tmp_path, **common, METHODS=["sft", "sft+dpo"])
    for method in ("sft", "sft-dpo"):
        adapter = run_dir / "lora_finetuned_model" / method
        assert (adapter / "adapter_model.safetensors").is_file()
        assert (adapter / "train_log.jsonl").read_text().strip()
    shown = text_output(nb)
    assert "GPU available:" in shown and "REJECTED" in shown and "adapter_model.safetensors" in shown

    nb = run("eval_harness.ipynb", tmp_path, **common)
    summary = json.loads((run_dir / "eval" / "summary.json").read_text())
    assert summary["models"] == ["base", "sft", "sft+dpo"]
    assert (run_dir / "viz" / "headline.png").is_file()
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the headline chart, inline
    markdown = "\n".join(o["data"]["text/markdown"] for o in outputs if "text/markdown" in o.get("data", {}))
    assert "`goodness` ↑" in markdown and "sft+dpo − base" in markdown and "seed-01" in markdown
    assert "keeps_emergency_buffer" in text_output(nb)  # the score-your-own-answer cell printed every scorer
