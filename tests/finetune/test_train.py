"""`finalign train` on tiny random models: what changes, what is saved, what resumes.

Every run here trains a 2-layer, 64-wide model on a handful of synthetic rows (seconds on a CPU). The
assertions are about mechanics (LoRA moves and the base does not, losses fall, adapters reload, batches are
built the way the docstrings say, killed runs resume), never about answer quality.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from finalign.config import DataConfig, load_config
from finalign.data_gen.synth_data import build_data, load_pairs
from finalign.errors import UserError
from finalign.finetune import common, grpo, onpolicy, sft
from finalign.finetune.train import method_config, train
from finalign.layout import PAIRS_FILE, SEED_IDS, RunDir
from finalign.eval_harness.metrics import METRICS, Grade
from finalign.methods import METHODS
from finalign.io import read_json, sha256_file
from finalign.models import load_model, load_tokenizer

IM_END = "<|im_end|>"
IM_START = "<|im_start|>"


# Small, fast, deterministic settings: fp32, one thread, LoRA r=4, short sequences, a log line per step.
TINY = ("threads=1", "train.dtype=fp32", "train.batch_size=4", "train.epochs=2", "train.lr=5e-3",
        "train.dpo_lr=5e-3", "train.max_length=384", "train.logging_steps=1", "train.save_steps=2",
        "train.eval_max_rows=4", "train.warmup_ratio=0", "train.lora.r=4", "train.lora.dropout=0.0")


def tiny_cfg(model, *extra: str, profile=None):
    return load_config(profile, [f"model={model}", *TINY, *extra])


def make_data(run_dir: Path, n_train: int = 8) -> Path:
    build_data(DataConfig(n_train_scenarios=n_train, n_eval_scenarios=8, rejected_per_scenario=1), run_dir)
    return run_dir


def log_rows(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "train_log.jsonl").read_text().splitlines()]


def train_capturing(cfg, run_dir, method, **kw):
    """train(), keeping the trainer it built (its model is the in-memory PeftModel)."""
    seen = {}
    real = common.save_outputs

    def spy(trainer, *args, **kwargs):
        seen["trainer"] = trainer
        return real(trainer, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(common, "save_outputs", spy)
        out = train(cfg, run_dir, method, quiet=True, **kw)
    return out, seen["trainer"]


def base_state(model) -> dict[str, torch.Tensor]:
    """The base model's weights inside a PeftModel, under the plain model's parameter names."""
    return {k.replace(".base_layer", ""): v.detach().clone()
            for k, v in model.get_base_model().state_dict().items() if "lora_" not in k}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return make_data(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def sft_run(tiny_llama, data_dir, tmp_path_factory):
    """One SFT run on the tiny Llama, shared by the output/reload tests: (run_dir, adapter, trainer)."""
    run = tmp_path_factory.mktemp("sft-run")
    for name in ("prompts.jsonl", PAIRS_FILE, "data_card.md"):
        shutil.copy(data_dir / name, run / name)
    out, trainer = train_capturing(tiny_cfg(tiny_llama), run, "sft")
    return run, out, trainer


# ---- parameters ---------------------------------------------------------------------------------


@pytest.mark.parametrize("arch", ["tiny_llama", "tiny_gpt2"])
def test_sft_moves_lora_and_keeps_base(arch, request, data_dir, tmp_path):
    model_path = request.getfixturevalue(arch)
    if arch == "tiny_llama":
        _, out, trainer = request.getfixturevalue("sft_run")
    else:
        for name in ("prompts.jsonl", PAIRS_FILE):
            shutil.copy(data_dir / name, tmp_path / name)
        out, trainer = train_capturing(tiny_cfg(model_path), tmp_path, "sft")

    saved = load_file(out / "adapter_model.safetensors")
    lora_b = {k: v for k, v in saved.items() if "lora_B" in k}
    assert lora_b and all("lora_A" in k or "lora_B" in k for k in saved)  # only the adapter is saved
    # PEFT initialises every B to zero; after training every B has moved.
    assert all(v.abs().max() > 0 for v in lora_b.values()), [k for k, v in lora_b.items() if v.abs().max() == 0]

    before = load_model(model_path).state_dict()
    after = base_state(trainer.model)
    assert set(after) == set(before)
    changed = [k for k in before if not torch.equal(before[k], after[k])]
    assert not changed, f"base weights changed: {changed[:5]}"


@pytest.fixture(scope="module")
def tiny_llama_scaled(tiny_llama, tmp_path_factory):
    """tiny_llama re-initialised with std 0.1 instead of 0.02.

    With std 0.02 and tied 64-wide embeddings, no logit can exceed ~1.3, so the loss cannot fall far below
    ln(49152) = 10.8 whatever the adapter learns; a larger scale leaves room to memorise.
    """
    from transformers import AutoConfig, LlamaForCausalLM

    config = AutoConfig.from_pretrained(tiny_llama)
    config.initializer_range = 0.1
    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("tiny-llama-scaled")
    LlamaForCausalLM(config).save_pretrained(path)
    load_tokenizer(tiny_llama).save_pretrained(path)
    return path


def test_loss_falls_on_a_memorisable_set(tiny_llama_scaled, tmp_path):
    make_data(tmp_path, n_train=4)
    rows = common.sft_rows(tmp_path / PAIRS_FILE, "train", load_tokenizer(tiny_llama_scaled))
    assert len(rows) == 4  # one batch: every step sees the same four answers
    cfg = tiny_cfg(tiny_llama_scaled, "train.epochs=6", "train.lr=1e-2", "train.lora.r=8", "train.eval_max_rows=1",
                   "train.eval_steps=100", "train.save_steps=100")
    out = train(cfg, tmp_path, "sft", quiet=True)
    losses = [r["loss"] for r in log_rows(out) if "loss" in r]
    assert len(losses) == 6
    assert losses[-1] < losses[0] - 1.0 and losses[-1] == min(losses), losses


def test_saved_adapter_reloads_with_the_same_logits(tiny_llama, sft_run):
    from peft import PeftModel

    _, out, trainer = sft_run
    tok = load_tokenizer(tiny_llama)
    ids = tok(["A card at 24% APR and $3,000 saved: what first?", "Hello"], return_tensors="pt", padding=True)
    live = trainer.model.eval()
    reloaded = PeftModel.from_pretrained(load_model(tiny_llama), str(out)).eval()
    with torch.no_grad():
        a = live(**ids.to(live.device)).logits
        b = reloaded(**ids).logits
        plain = load_model(tiny_llama).eval()(**ids).logits
    torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-5)
    assert not torch.allclose(a, plain, atol=1e-5)  # and the adapter does change the logits


# ---- outputs ------------------------------------------------------------------------------------


def test_outputs_follow_the_peft_layout_with_a_model_card(tiny_llama, sft_run):
    run, out, _ = sft_run
    assert out == run / "lora_finetuned_model" / "sft"
    for name in ("adapter_config.json", "adapter_model.safetensors", "README.md", "training_config.json",
                 "train_log.jsonl"):
        assert (out / name).is_file(), name
    assert (out / "adapter_model.safetensors").stat().st_size < 5 * 2**20
    assert read_json(out / "adapter_config.json")["peft_type"] == "LORA"

    card = (out / "README.md").read_text()
    assert card.startswith("---\n")
    front = card.split("---\n")[1]
    import yaml

    meta = yaml.safe_load(front)
    assert meta["base_model"] == str(tiny_llama)
    assert meta["library_name"] == "peft"
    assert meta["datasets_sha256"] == sha256_file(run / PAIRS_FILE)
    assert "not financial advice" in card.lower()

    config = read_json(out / "training_config.json")
    assert config["model"] == str(tiny_llama) and config["train"]["lr"] == 5e-3

    rows = log_rows(out)
    assert all(r["method"] == "sft" for r in rows)
    steps = [r for r in rows if "loss" in r]
    assert steps and all("learning_rate" in r for r in steps)
    assert [r for r in rows if "eval_loss" in r]  # the held-out check ran (once per epoch)


def test_dpo_reward_accuracy_rises_above_chance(tiny_llama, data_dir, tmp_path):
    from finalign.eval_harness import model_metrics as mm

    for name in ("prompts.jsonl", PAIRS_FILE):
        shutil.copy(data_dir / name, tmp_path / name)
    # Four pairs in one batch, three passes, no held-out checks (the sft+dpo test covers those).
    cfg = tiny_cfg(tiny_llama, "train.dpo_max_pairs=4", "train.dpo_epochs=3", "train.dpo_lr=5e-3",
                   "train.dpo_beta=0.5", "train.max_length=384", "train.eval_steps=100", "train.save_steps=100")
    out, trainer = train_capturing(cfg, tmp_path, "dpo")
    rows = log_rows(out)
    steps = [r for r in rows if "loss" in r]
    assert len(steps) == 3 and all({"learning_rate", "rewards/chosen", "rewards/rejected", "rewards/accuracies",
                                    "rewards/margins"} <= set(r) for r in steps)
    # Step 1 sees policy == reference (every reward 0); afterwards chosen answers pull ahead.
    assert steps[0]["rewards/accuracies"] <= 0.5 < steps[-1]["rewards/accuracies"], steps
    margins = [r["rewards/margins"] for r in steps]
    assert margins == sorted(margins) and margins[-1] > 0, margins

    # Recomputed afterwards: log p_policy - log p_base on every training pair, chosen above rejected.
    pairs = load_pairs(tmp_path / PAIRS_FILE, split="train")[:4]
    tok = load_tokenizer(tiny_llama)
    model = trainer.model.eval()
    policy = mm.pair_logprobs(model, tok, pairs)
    with model.disable_adapter():
        base = mm.pair_logprobs(model, tok, pairs)
    assert mm.reward_accuracy(policy, base) > 0.5


def test_dpo_adds_an_sft_term_on_the_chosen_answer_only_when_weighted(tiny_llama, tmp_path):
    from finalign.finetune.dpo import dpo_config

    plain = dpo_config(tiny_cfg(tiny_llama), tmp_path, quiet=True, lr=1e-4, epochs=1.0)
    assert plain.loss_type == ["sigmoid"] and plain.learning_rate == 1e-4
    mixed = dpo_config(tiny_cfg(tiny_llama), tmp_path, quiet=True, lr=2e-4, epochs=1.0, sft_weight=0.5)
    assert mixed.loss_type == ["sigmoid", "sft"] and mixed.loss_weights == [1.0, 0.5] and mixed.learning_rate == 2e-4


def test_sft_then_dpo_needs_the_sft_adapter(tiny_llama, sft_run, data_dir, tmp_path):
    cfg = tiny_cfg(tiny_llama, "train.dpo_epochs=1", "train.save_steps=100")
    bare = tmp_path / "bare"
    for name in ("prompts.jsonl", PAIRS_FILE):
        bare.mkdir(exist_ok=True)
        shutil.copy(data_dir / name, bare / name)
    with pytest.raises(UserError, match="sft"):
        train(cfg, bare, "sft+dpo", quiet=True)
    assert not (bare / "lora_finetuned_model" / "sft-dpo").exists()

    run = tmp_path / "with-sft"
    shutil.copytree(sft_run[0], run)
    sft_weights = load_file(run / "lora_finetuned_model" / "sft" / "adapter_model.safetensors")
    out = train(cfg, run, "sft+dpo", quiet=True)
    assert out == run / "lora_finetuned_model" / "sft-dpo"
    weights = load_file(out / "adapter_model.safetensors")
    assert set(weights) == set(sft_weights)  # the same adapter, continued...
    assert any(not torch.equal(weights[k], sft_weights[k]) for k in weights)  # ...and moved by DPO
    rows = log_rows(out)
    assert any("rewards/accuracies" in r for r in rows) and any("eval_loss" in r for r in rows)
    assert yaml_meta(out)["base_model"] == str(tiny_llama)


def yaml_meta(folder: Path) -> dict:
    import yaml

    return yaml.safe_load((folder / "README.md").read_text().split("---\n")[1])


# ---- batches ------------------------------------------------------------------------------------


def first_batch(trainer) -> dict:
    return next(iter(trainer.get_train_dataloader()))


def test_seed_recipe_pads_to_the_fixed_length(tiny_llama, data_dir, tmp_path):
    # The recipe holds whatever the profile says: max_length=256 here is overridden by the tutorial's 512.
    cfg = method_config(tiny_cfg(tiny_llama, "train.max_length=256", "train.dtype=bf16"), METHODS["seed"])
    assert cfg.train.pad_to_max_length and cfg.train.max_length == 512 and cfg.train.dtype == "fp32"
    tok = load_tokenizer(tiny_llama)
    trainer = sft.build_trainer(cfg, load_model(tiny_llama), tok, RunDir(data_dir), METHODS["seed"], quiet=True)
    batch = first_batch(trainer)
    assert batch["input_ids"].shape[1] == 512
    # The seed trained on the whole text: the prompt's tokens carry labels too.
    mask = batch["attention_mask"].bool()
    assert (batch["labels"][mask] != -100).all()


def test_sft_batches_are_dynamic_and_mask_the_prompt(tiny_llama, data_dir, tmp_path):
    cfg = tiny_cfg(tiny_llama, "train.max_length=1024")
    tok = load_tokenizer(tiny_llama)
    trainer = sft.build_trainer(cfg, load_model(tiny_llama), tok, RunDir(data_dir), METHODS["sft"], quiet=True)
    batch = first_batch(trainer)
    ids, labels, mask = batch["input_ids"], batch["labels"], batch["attention_mask"]
    lengths = mask.sum(1)
    assert ids.shape[1] == int(lengths.max()) < 1024  # padded to the longest row of the batch only
    im_end, im_start = tok.convert_tokens_to_ids(IM_END), tok.convert_tokens_to_ids(IM_START)
    for row in range(ids.shape[0]):
        real = mask[row].bool()
        toks, labs = ids[row][real].tolist(), labels[row][real].tolist()
        assert labs[0] == -100  # the prompt is masked...
        start = next(i for i, v in enumerate(labs) if v != -100)
        assert all(v == -100 for v in labs[:start]) and all(v != -100 for v in labs[start:])  # ...then the answer
        prompt = tok.decode(toks[:start])
        assert prompt.endswith(f"{IM_START}assistant\n"), prompt[-60:]
        answer = labs[start:]
        # Exactly one end-of-turn per completion: the template's own, followed only by its newline.
        assert answer.count(im_end) == 1, tok.decode(answer)[-80:]
        assert tok.decode(answer[answer.index(im_end):]) == IM_END + "\n"
        # No special token doubled by the template plus the trainer: balanced turns, no repeats.
        assert toks.count(im_start) == toks.count(im_end)
        assert all(not (a == b and a in (im_end, im_start)) for a, b in zip(toks, toks[1:]))


def test_plain_prompts_end_with_one_eos(tiny_gpt2, data_dir, tmp_path):
    """Without a chat template: 'Question: ...\\nAnswer:' then ' answer' + exactly one EOS, prompt masked."""
    cfg = tiny_cfg(tiny_gpt2, "train.max_length=1024")
    tok = load_tokenizer(tiny_gpt2)
    trainer = sft.build_trainer(cfg, load_model(tiny_gpt2), tok, RunDir(data_dir), METHODS["sft"], quiet=True)
    batch = first_batch(trainer)
    for row in range(batch["input_ids"].shape[0]):
        real = batch["attention_mask"][row].bool()
        toks, labs = batch["input_ids"][row][real].tolist(), batch["labels"][row][real].tolist()
        start = next(i for i, v in enumerate(labs) if v != -100)
        assert tok.decode(toks[:start]).startswith("Question: ") and tok.decode(toks[:start]).endswith("\nAnswer:")
        answer = labs[start:]
        assert answer[-1] == tok.eos_token_id and answer.count(tok.eos_token_id) == 1


# ---- checkpoints and resume ---------------------------------------------------------------------


def _fake_checkpoint(folder: Path, seal: bool = True) -> Path:
    folder.mkdir(parents=True)
    (folder / "adapter_model.safetensors").write_bytes(b"weights" + folder.name.encode())
    (folder / "trainer_state.json").write_text("{}")
    if seal:
        hashes = {p.name: sha256_file(p) for p in folder.iterdir()}
        (folder / common.CHECKPOINT_MARKER).write_text(json.dumps({"step": 1, "sha256": hashes}))
    return folder


def test_latest_checkpoint_skips_unsealed_and_tampered_folders(tmp_path):
    ckpts = tmp_path / "checkpoints"
    good = _fake_checkpoint(ckpts / "checkpoint-10")
    _fake_checkpoint(ckpts / "checkpoint-30", seal=False)  # killed before the marker was written
    tampered = _fake_checkpoint(ckpts / "checkpoint-20")
    (tampered / "adapter_model.safetensors").write_bytes(b"something else")
    bad_marker = _fake_checkpoint(ckpts / "checkpoint-25")
    (bad_marker / common.CHECKPOINT_MARKER).write_text("{not json")
    with pytest.warns(UserWarning) as caught:
        assert common.latest_checkpoint(tmp_path) == good  # numeric order: 30, 25, 20 skipped, 10 taken
    skipped = " ".join(str(w.message) for w in caught)
    assert all(f"checkpoint-{n}" in skipped for n in (30, 25, 20))
    assert "checkpoint-10" not in skipped

    (good / "trainer_state.json").unlink()  # a sealed file that has gone missing
    with pytest.warns(UserWarning):
        assert common.latest_checkpoint(tmp_path) is None
    assert common.latest_checkpoint(tmp_path / "nothing-here") is None


def test_resume_after_tampering_starts_fresh_instead_of_loading(tiny_llama, data_dir, tmp_path):
    for name in ("prompts.jsonl", PAIRS_FILE):
        shutil.copy(data_dir / name, tmp_path / name)
    cfg = tiny_cfg(tiny_llama, "train.epochs=1", "train.save_steps=1", "train.eval_max_rows=1")
    train(cfg, tmp_path, "sft", quiet=True)
    work = RunDir(tmp_path).work("sft")
    last = common.latest_checkpoint(work)
    assert last is not None
    (last / "trainer_state.json").write_text('{"global_step": 999}')  # altered after sealing
    for other in (work / "checkpoints").glob("checkpoint-*"):
        if other != last:
            (other / common.CHECKPOINT_MARKER).unlink()  # and the older one left unsealed
    with pytest.warns(UserWarning, match="skipping"):
        out, trainer = train_capturing(cfg, tmp_path, "sft", resume=True)
    assert trainer.state.global_step == 2  # trained from step 0, not from the altered state


RESUME_OVERRIDES = ("train.batch_size=2", "train.epochs=2", "train.save_steps=1", "train.eval_max_rows=1",
                    "train.eval_steps=100")


def _final_step(out: Path) -> int:
    return max(r["step"] for r in log_rows(out))


def test_resume_after_kill_reaches_the_same_final_step(tiny_llama, data_dir, tmp_path, monkeypatch):
    cfg = tiny_cfg(tiny_llama, *RESUME_OVERRIDES)

    # The uninterrupted reference run.
    ref = tmp_path / "ref"
    ref.mkdir()
    for name in ("prompts.jsonl", PAIRS_FILE):
        shutil.copy(data_dir / name, ref / name)
    ref_out, ref_trainer = train_capturing(cfg, ref, "sft")
    expected = ref_trainer.state.global_step
    assert expected == 8  # 8 rows / batch 2 * 2 epochs

    # The same run in a subprocess, killed with SIGKILL once a sealed checkpoint exists.
    run = tmp_path / "killed"
    run.mkdir()
    for name in ("prompts.jsonl", PAIRS_FILE):
        shutil.copy(data_dir / name, run / name)
    args = [f"model={tiny_llama}", *TINY, *RESUME_OVERRIDES]
    code = ("from finalign.config import load_config; from finalign.finetune.train import train; "
            f"train(load_config(None, {args!r}), {str(run)!r}, 'sft', quiet=True)")
    log = tmp_path / "child.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=sink, stderr=subprocess.STDOUT)
    checkpoints = RunDir(run).work("sft") / "checkpoints"
    deadline = time.monotonic() + 120
    try:
        while not list(checkpoints.glob(f"checkpoint-*/{common.CHECKPOINT_MARKER}")):
            assert proc.poll() is None, f"training ended before a checkpoint: {log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, "no sealed checkpoint within 120 s"
            time.sleep(0.02)
        assert proc.poll() is None  # still training when killed
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not (run / "lora_finetuned_model" / "sft").exists()
    killed_at = common.latest_checkpoint(RunDir(run).work("sft"))
    assert killed_at is not None
    step_at_kill = int(killed_at.name.split("-")[1])
    assert step_at_kill < expected

    began_at = []
    real_begin = common.JsonlLogger.on_train_begin

    def spy_begin(self, args, state, control, **kwargs):
        began_at.append(state.global_step)
        return real_begin(self, args, state, control, **kwargs)

    monkeypatch.setattr(common.JsonlLogger, "on_train_begin", spy_begin)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a folder cut short by the kill may be skipped, with a warning
        out, trainer = train_capturing(cfg, run, "sft", resume=True)
    assert began_at == [step_at_kill]  # continued from the sealed checkpoint, not from step 0
    assert trainer.state.global_step == expected
    assert _final_step(out) == _final_step(ref_out) == expected
    last = max((RunDir(run).work("sft") / "checkpoints").glob("checkpoint-*"),
               key=lambda p: int(p.name.split("-")[1]))
    assert read_json(last / "trainer_state.json")["global_step"] == expected
    # Steps from before and after the kill, each logged exactly once.
    steps = [r["step"] for r in log_rows(out) if "loss" in r]
    assert steps == list(range(1, expected + 1))


def test_train_without_data_is_a_user_error(tiny_llama, tmp_path):
    with pytest.raises(UserError, match="synthetic_preferences.jsonl"):
        train(tiny_cfg(tiny_llama), tmp_path, "sft", quiet=True)
    with pytest.raises(UserError, match="unknown method"):
        train(tiny_cfg(tiny_llama), tmp_path, "ppo", quiet=True)


def test_resume_refuses_checkpoints_made_with_another_config(tiny_llama, tmp_path, monkeypatch):
    """The work folder records the settings its checkpoints were trained with; --resume under other settings stops
    with one line naming what changed, before any model loads."""
    from finalign.finetune import train as train_mod

    make_data(tmp_path)
    cfg = tiny_cfg(tiny_llama)
    work = RunDir(tmp_path).work("sft")
    work.mkdir(parents=True)
    (work / train_mod.SETTINGS_FILE).write_text(json.dumps(train_mod.method_settings(cfg, METHODS["sft"])))
    monkeypatch.setattr(train_mod, "load_model", lambda *a, **k: pytest.fail("a model loaded"))
    with pytest.raises(UserError, match=r"different config \(lr changed\); rerun without --resume"):
        train(tiny_cfg(tiny_llama, "train.lr=1e-3"), tmp_path, "sft", resume=True, quiet=True)
    # A bookkeeping change (logging, checkpoint cadence) is not a different config: the resume goes ahead.
    monkeypatch.setattr(train_mod, "load_model", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("reached")))
    with pytest.raises(RuntimeError, match="reached"):
        train(tiny_cfg(tiny_llama, "train.logging_steps=3"), tmp_path, "sft", resume=True, quiet=True)


def test_two_process_ddp_training_saves_one_adapter(tiny_llama, tmp_path):
    """Two real processes under `accelerate launch` with gloo all-reduce on the CPU, as the README's multi-GPU command
    runs on GPUs: the 8 training rows are split between them (one optimizer step per epoch at batch 4 each, where one
    process takes two), and one trained adapter is saved.

    accelerate's `--cpu` flag always starts a single process (its simple launcher); several CPU processes come from
    the same torchrun launcher as several GPUs (`--multi_gpu`), each process finding no CUDA and using gloo."""
    import yaml

    from finalign.config import to_dict

    make_data(tmp_path)
    config = tmp_path / "tiny.yaml"
    config.write_text(yaml.safe_dump(to_dict(tiny_cfg(tiny_llama, "train.epochs=1", "train.save_steps=100"))))
    accelerate = str(Path(sys.executable).with_name("accelerate"))
    env = {**os.environ, "TQDM_DISABLE": "1", "OMP_NUM_THREADS": "1"}
    result = subprocess.run([accelerate, "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1",
                             "--mixed_precision", "no", "--dynamo_backend", "no", "-m", "finalign.cli", "train",
                             "--config", str(config), "--run", str(tmp_path), "--method", "sft", "--quiet"],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.count("sft: adapter in") == 2  # both ranks finished
    weights = load_file(str(RunDir(tmp_path).adapter_weights("sft")))
    assert any(k.endswith("lora_B.weight") and v.abs().sum() > 0 for k, v in weights.items())  # it trained
    assert [p.name for p in RunDir(tmp_path).adapter("sft").parent.iterdir()] == ["sft"]  # one adapter, no tmp left
    steps = [r for r in log_rows(RunDir(tmp_path).adapter("sft")) if "loss" in r]
    assert [r["step"] for r in steps] == [1]  # 8 rows / (2 processes x batch 4): the data really was split


# ---- on-policy methods: sft+odpo (sample, grade, pair, DPO) and sft+grpo (the scorers as rewards) -----------------

FAST = ("train.onpolicy_prompts=3", "train.onpolicy_samples=2", "train.onpolicy_max_new_tokens=12",
        "train.dpo_epochs=1", "train.grpo_epochs=1", "train.save_steps=100", "train.grad_accum=1")


def _row(sid: str, k: int, goodness: float | None, gates=()) -> dict:
    return {"scenario_id": sid, "sample": k, "answer": f"{sid}-{k}", "goodness": goodness, "gates": list(gates)}


def test_pairs_are_the_best_safe_answer_against_the_worst():
    rows = [_row("a", 0, 0.9), _row("a", 1, 0.2, ["over_budget"]), _row("a", 2, 0.5),  # best safe vs gated worst
            _row("b", 0, 0.95, ["high_cost_borrowing"]), _row("b", 1, 0.1, ["over_budget"]),  # no safe answer
            _row("c", 0, 0.60), _row("c", 1, 0.55),  # margin 0.05 < 0.1
            _row("d", 0, 0.7), _row("d", 1, None)]  # an ungradable answer is left out; one answer makes no pair
    pairs = onpolicy.pick_pairs(rows, margin=0.1)
    assert [(p["scenario_id"], p["chosen"]["sample"], p["rejected"]["sample"]) for p in pairs] == [("a", 0, 1)]
    assert pairs[0]["margin"] == pytest.approx(0.7)
    assert len(onpolicy.pick_pairs(rows, margin=0.0)) == 2  # c joins once any gap counts; d never (one answer)
    stats = onpolicy.pair_stats(rows, pairs)
    assert stats["pairs"] == 1 and stats["rejected_flaws"]["over_budget"] == 1 and stats["samples_gated"] == 3


def test_only_train_scenarios_are_sampled(data_dir):
    run = RunDir(data_dir)
    chosen = onpolicy.train_scenarios(run, 100)
    train_ids = {p["scenario_id"] for p in load_pairs(run.pairs, split="train")}
    held_out = {p["scenario_id"] for p in load_pairs(run.pairs, split="eval")} | set(SEED_IDS)
    assert chosen and {s.id for s in chosen} <= train_ids and not {s.id for s in chosen} & held_out
    assert len(onpolicy.train_scenarios(run, 2)) == 2


def _grade_by_text(monkeypatch):
    """A stand-in grader: a random tiny model's text is off-topic to the real one, so every sample would tie."""
    def fake(answer, scenario):
        return Grade({}, {}, (sum(map(ord, answer)) % 997) / 997)  # distinct texts, distinct scores
    monkeypatch.setattr(onpolicy, "grade", fake)


def test_sft_odpo_samples_grades_and_trains_from_sft(tiny_llama, sft_run, tmp_path, monkeypatch):
    _grade_by_text(monkeypatch)
    run = tmp_path / "run"
    shutil.copytree(sft_run[0], run)
    cfg = tiny_cfg(tiny_llama, *FAST, "train.odpo_margin=0.0")
    out = train(cfg, run, "sft+odpo", quiet=True)
    samples = [json.loads(line) for line in RunDir(run).onpolicy_samples("sft+odpo").read_text().splitlines()]
    assert len(samples) == 3 * 2 and {s["sample"] for s in samples} == {0, 1}
    summary = json.loads(RunDir(run).onpolicy_pairs("sft+odpo").read_text())
    assert summary["samples"] == 6 and 1 <= summary["pairs"] <= 3
    sft_weights = load_file(run / "lora_finetuned_model" / "sft" / "adapter_model.safetensors")
    weights = load_file(out / "adapter_model.safetensors")
    assert set(weights) == set(sft_weights) and any(not torch.equal(weights[k], sft_weights[k]) for k in weights)
    assert any("rewards/margins" in r for r in log_rows(out))


def test_sft_odpo_without_any_pair_says_what_to_change(tiny_llama, sft_run, tmp_path, monkeypatch):
    monkeypatch.setattr(onpolicy, "grade", lambda answer, scenario: Grade({}, {}, 0.5))
    run = tmp_path / "run"
    shutil.copytree(sft_run[0], run)
    with pytest.raises(UserError, match="odpo_margin"):
        train(tiny_cfg(tiny_llama, *FAST), run, "sft+odpo", quiet=True)
    assert not (run / "lora_finetuned_model" / "sft-odpo").exists()


def test_grpo_rewards_follow_the_grader():
    from finalign.data_gen.schema import load_scenarios
    from finalign.layout import SEED_PROMPTS

    s = next(x for x in load_scenarios(SEED_PROMPTS) if x.id == "seed-01")
    raw = json.dumps(s.to_dict(), sort_keys=True)
    good = "Pay $600 a month on the card and put $200 a month into savings until you have $1,000."
    payday = good + " If money runs short, take out a payday loan."
    funcs, weights = grpo.reward_funcs()
    assert len(funcs) == len(METRICS) + 1 and weights[-1] == 1.0 and sum(weights[:-1]) == pytest.approx(1.0)
    total = [sum(w * f(completions=[[{"role": "assistant", "content": a}]], scenario=[raw])[0] for f, w in zip(funcs, weights))
             for a in (good, payday)]
    assert total[0] > total[1] + 0.5  # the gate penalty puts the payday answer below the plain plan
    assert grpo.gate_penalty(completions=[good, payday], scenario=[raw, raw]) == [0.0, -1.0]


def test_sft_grpo_trains_one_adapter_from_sft(tiny_llama, sft_run, tmp_path):
    run = tmp_path / "run"
    shutil.copytree(sft_run[0], run)
    out = train(tiny_cfg(tiny_llama, *FAST), run, "sft+grpo", quiet=True)
    assert (out / "adapter_model.safetensors").is_file()
    rows = log_rows(out)
    assert any(f"rewards/{next(iter(METRICS))}/mean" in r for r in rows) and any("rewards/gate_penalty/mean" in r for r in rows)
