"""Measuring growth: the time and peak memory of a call on inputs 10× apart,
and the check that they grow at most linearly (ratios within one run, no
absolute times: the machine may be loaded)."""
from __future__ import annotations

import gc
import time
import tracemalloc

# Below these, time and memory are noise and fixed costs.
TIME_FLOOR_S = 0.02
MEMORY_FLOOR = 1 << 20
# A linear cost grows 10× from one size to the next; a quadratic one 100×.
# The slack allows for a loaded machine and for fixed costs.
MAX_TIME_RATIO = 30
MAX_MEMORY_RATIO = 20

RUSSIAN = ("Президент Беларуси Александр Лукашенко встретился в Минске с Президентом "
           "Казахстана Касым-Жомартом Токаевым, сообщила пресс-служба. ")


def measure(call) -> tuple[float, int]:
    """(seconds, peak bytes allocated) of `call()`; its exceptions are part
    of the behaviour measured, not errors."""
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    try:
        call()
    except Exception:       # a refusal is a fine outcome; only its cost counts
        pass
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak


def growth(make_input, run, sizes) -> list[tuple[int, float, int]]:
    """(size, seconds, peak bytes) of `run(make_input(size))` per size."""
    out = []
    for size in sizes:
        data = make_input(size)
        seconds, peak = measure(lambda: run(data))
        out.append((size, seconds, peak))
    return out


def superlinear(rows) -> list[str]:
    """What grew faster than linearly from one size to the next, if anything."""
    bad = []
    for (n1, t1, m1), (n2, t2, m2) in zip(rows, rows[1:]):
        step = n2 / n1
        t_ratio = max(t2, TIME_FLOOR_S) / max(t1, TIME_FLOOR_S)
        m_ratio = max(m2, MEMORY_FLOOR) / max(m1, MEMORY_FLOOR)
        if t_ratio > MAX_TIME_RATIO * step / 10:
            bad.append(f"time {t1:.3f}s -> {t2:.3f}s ({t_ratio:.0f}x) from {n1} to {n2}")
        if m_ratio > MAX_MEMORY_RATIO * step / 10:
            bad.append(f"memory {m1 >> 10} KB -> {m2 >> 10} KB ({m_ratio:.0f}x) from {n1} to {n2}")
    return bad
