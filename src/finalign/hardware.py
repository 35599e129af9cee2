"""Threads and precision, chosen for the machine at hand.

bf16 pays only where the hardware computes it natively. CPUs that report AVX512 but lack AVX512-BF16 and AMX
emulate bf16: measured on such an Intel Xeon, a LoRA step ran 3.2x *slower* in bf16 than in fp32, while an AMD
EPYC with AVX512-BF16 ran it ~1.7x faster. So ``dtype: auto`` asks the CPU's feature flags for those units
(exact, free), and where the flags cannot be read it runs a one-second matmul probe, cached per CPU and torch
version in ``$FINALIGN_HOME``. ``bench/run_all.py`` runs the probe on every machine and records whether the
two agree.
"""

from __future__ import annotations

import json
import platform
import time
from dataclasses import dataclass
from pathlib import Path

BF16_FLAGS = ("avx512_bf16", "amx_bf16")  # native bf16 matmul units (x86); /proc/cpuinfo spelling


@dataclass(frozen=True)
class Precision:
    bf16: bool
    reason: str

    @property
    def name(self) -> str:
        return "bf16" if self.bf16 else "fp32"


CPUINFO = Path("/proc/cpuinfo")


def _cpuinfo_field(prefixes: tuple[str, ...], cpuinfo: Path = CPUINFO) -> str | None:
    """The value of the first /proc/cpuinfo line starting with one of ``prefixes`` (None where unreadable)."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return next((line.split(":", 1)[1] for line in text.splitlines() if line.startswith(prefixes)), None)


def cpu_flags(cpuinfo: Path = CPUINFO) -> set[str] | None:
    """The CPU's feature flags, or None where they cannot be read (not Linux)."""
    value = _cpuinfo_field(("flags", "Features"), cpuinfo)
    return None if value is None else set(value.split())


def cpu_name() -> str:
    value = _cpuinfo_field(("model name",))
    return value.strip() if value else platform.processor() or platform.machine()


def probe_bf16(seconds: float = 0.5, size: int = 1024) -> dict:
    """Time fp32 and bf16 matmuls of ``size``²; returns both rates (GFLOP/s) and their ratio."""
    import torch

    rates = {}
    for dtype in (torch.float32, torch.bfloat16):
        a, b = torch.randn(size, size, dtype=dtype), torch.randn(size, size, dtype=dtype)
        a @ b  # warm-up: first-call kernel selection
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds / 2:
            a @ b
            n += 1
        rates[str(dtype).removeprefix("torch.")] = 2 * size**3 * n / (time.perf_counter() - t0) / 1e9
    return {"fp32_gflops": round(rates["float32"], 1), "bf16_gflops": round(rates["bfloat16"], 1),
            "bf16_speedup": round(rates["bfloat16"] / rates["float32"], 2)}


def _cached_probe() -> dict:
    import torch

    from finalign.models import finalign_home

    path = finalign_home() / "precision_probe.json"
    key = f"{cpu_name()} | torch {torch.__version__}"
    cache = {}
    if path.is_file():
        try:
            cache = json.loads(path.read_text())
        except ValueError:
            cache = {}
    if key not in cache:
        cache[key] = probe_bf16()
        from finalign.io import write_json

        write_json(path, cache)
    return cache[key]


def choose_precision(dtype: str) -> Precision:
    """fp32 or bf16 autocast for ``dtype`` ("auto", "bf16" or "fp32"), with the reason, for manifests and reports."""
    import torch

    if dtype in ("fp32", "float32"):
        return Precision(False, "fp32 asked for in the config")
    if dtype in ("bf16", "bfloat16"):
        return Precision(True, "bf16 asked for in the config")
    if torch.cuda.is_available():
        ok = torch.cuda.is_bf16_supported()
        return Precision(ok, f"auto: {torch.cuda.get_device_name(0)} {'supports' if ok else 'lacks'} bf16")
    flags = cpu_flags()
    if flags is not None:
        native = sorted(set(BF16_FLAGS) & flags)
        if native:
            return Precision(True, f"auto: the CPU has native bf16 ({', '.join(native)})")
        return Precision(False, "auto: the CPU has no native bf16 (no avx512_bf16 or amx_bf16 flag), so bf16 "
                                "would be emulated and slower")
    probe = _cached_probe()
    fast = probe["bf16_speedup"] > 1.1
    return Precision(fast, f"auto: a matmul probe measured bf16 at {probe['bf16_speedup']}x fp32")


def set_threads(threads: int) -> None:
    """One intra-op thread per core (0 = torch's default, which already counts physical cores)."""
    if threads > 0:
        import torch

        torch.set_num_threads(threads)
