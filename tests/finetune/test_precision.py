"""Precision: `dtype: auto` picks bf16 only where the CPU computes it natively, and bf16 autocast gives the same
loss as float32, closely.

bf16 keeps 8 bits of mantissa (~3 significant digits), so a per-token cross-entropy averaged over a batch
should agree with float32 to well under 1%; a mismatch of several percent would mean a real precision
problem (a softmax or a loss computed in bf16), not rounding.
"""

import pytest
import torch

from finalign import hardware
from finalign.hardware import choose_precision, cpu_flags
from finalign.models import load_model, load_tokenizer

EPYC = "flags\t\t: fpu sse avx2 avx512f avx512bw avx512_bf16 avx512_vnni\n"  # AMD EPYC (Zen 4): native bf16
XEON = "flags\t\t: fpu sse avx2 avx512f avx512bw avx512_vnni\n"  # Intel Xeon with AVX512 only: bf16 emulated
SAPPHIRE = "flags\t\t: fpu avx512f avx512_bf16 amx_bf16 amx_tile\n"


def test_explicit_settings_are_obeyed():
    assert choose_precision("fp32").bf16 is False and choose_precision("bf16").bf16 is True


@pytest.mark.parametrize("cpuinfo, native", [(EPYC, True), (XEON, False), (SAPPHIRE, True)])
def test_auto_follows_the_native_bf16_flags(cpuinfo, native, tmp_path, monkeypatch):
    (tmp_path / "cpuinfo").write_text("processor\t: 0\n" + cpuinfo)
    monkeypatch.setattr(hardware, "cpu_flags", lambda: cpu_flags(tmp_path / "cpuinfo"))
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(hardware, "_cached_probe", lambda: pytest.fail("flags were readable: no probe needed"))
    choice = choose_precision("auto")
    assert choice.bf16 is native
    assert ("native bf16" in choice.reason) and (("no native" in choice.reason) is not native)


@pytest.mark.parametrize("speedup, bf16", [(1.7, True), (0.31, False), (1.05, False)])
def test_auto_falls_back_to_the_probe_where_flags_are_unreadable(speedup, bf16, monkeypatch):
    monkeypatch.setattr(hardware, "cpu_flags", lambda: None)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(hardware, "_cached_probe", lambda: {"bf16_speedup": speedup})
    choice = choose_precision("auto")
    assert choice.bf16 is bf16 and str(speedup) in choice.reason


def test_the_probe_is_cached_per_cpu_and_torch(tmp_path, monkeypatch):
    monkeypatch.setenv("FINALIGN_HOME", str(tmp_path))
    calls = []
    monkeypatch.setattr(hardware, "probe_bf16", lambda: calls.append(1) or {"bf16_speedup": 0.5})
    assert hardware._cached_probe() == hardware._cached_probe() == {"bf16_speedup": 0.5}
    assert len(calls) == 1 and (tmp_path / "precision_probe.json").is_file()


@pytest.mark.slow
def test_the_flag_check_agrees_with_a_probe_on_this_machine():
    """The check `auto` trusts, against a measurement on whatever CPU runs the suite (bf16 is 1.7x fp32 with native
    units and 3.2x slower without: far from the 1.0 line either way)."""
    flags = cpu_flags()
    if flags is None or torch.cuda.is_available():
        pytest.skip("no CPU feature flags to check here")
    native = bool(set(hardware.BF16_FLAGS) & flags)
    assert (hardware.probe_bf16(seconds=1.0)["bf16_speedup"] > 1.0) is native


@pytest.mark.parametrize("fixture", ["tiny_llama", pytest.param("smol_path", marks=pytest.mark.slow)])
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
