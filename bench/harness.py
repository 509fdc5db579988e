"""Timing and printing shared by every benchmark: medians of repeated runs, one line per figure.

Output is `name: value unit`, ratios `name: 1.12 x`, and context lines start with `#`, so a
run can be diffed against another or parsed with a one-line regular expression.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable

SCALE = {"s": 1.0, "ms": 1e3, "us": 1e6}


def _timed(fn: Callable[[], object]) -> float:
    # Collect beforehand so one run does not pay for the garbage the previous one left.
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(fn: Callable[[], object], repeat: int = 5, *, warmup: int = 1) -> float:
    """Median wall time of `fn`, in seconds, after `warmup` untimed runs."""
    for _ in range(warmup):
        fn()
    return statistics.median(_timed(fn) for _ in range(repeat))


def measure_pair(
    a: Callable[[], object], b: Callable[[], object], repeat: int = 5, *, warmup: int = 1
) -> tuple[float, float]:
    """Median times of `a` and `b`, run in turn so drift (load, CPU clock) hits both alike."""
    for _ in range(warmup):
        a()
        b()
    times_a, times_b = [], []
    for _ in range(repeat):
        times_a.append(_timed(a))
        times_b.append(_timed(b))
    return statistics.median(times_a), statistics.median(times_b)


def number(value: float) -> str:
    """About three significant figures, never in exponent form for everyday sizes."""
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:#.3g}"


def report(name: str, value: float, unit: str) -> None:
    print(f"{name}: {number(value)} {unit}", flush=True)


def report_time(name: str, seconds: float, unit: str = "ms") -> None:
    report(name, seconds * SCALE[unit], unit)


def ratio(name: str, a: float, b: float) -> None:
    print(f"{name}: {a / b:.2f} x", flush=True)


def comment(text: str) -> None:
    print(f"# {text}", flush=True)


def compare(
    name: str,
    subject: Callable[[], object],
    baseline: Callable[[], object],
    *,
    repeat: int = 5,
    unit: str = "ms",
    per: int = 1,
    baseline_label: str = "plain",
) -> tuple[float, float]:
    """Three lines: `name`, `name.<baseline_label>` and `name.ratio` (subject over baseline).

    `per` divides both times, for figures given per item (per read, per row).
    """
    a, b = measure_pair(subject, baseline, repeat)
    report_time(name, a / per, unit)
    report_time(f"{name}.{baseline_label}", b / per, unit)
    ratio(f"{name}.ratio", a, b)
    return a, b
