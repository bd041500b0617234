"""Every benchmark, one table: the figures in the README's Benchmarks section.

    python benchmarks/run_all.py [--quick] [--repeats N]

Runs the core stages (``bench_core``), the driver analysis (``bench_drivers``), peak memory in a
process of its own (``bench_memory``), the dashboard (``bench_app``), the hostile corpus
(``bench_hostile``), the personal-data checks (``bench_privacy``), benchmark packs
(``bench_packs``), the command line against a pandas floor (``bench_cli``) and the dashboard in a
real browser (``bench_browser``), in that order, and prints the machine it ran on.
"""

from __future__ import annotations

import os
import platform

import bench_app
import bench_browser
import bench_cli
import bench_core
import bench_drivers
import bench_hostile
import bench_memory
import bench_packs
import bench_privacy
from common import main


def run(scale: float, repeats: int) -> list:
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")
    return (bench_core.run(scale, repeats) + bench_drivers.run(scale, repeats) + bench_memory.run(scale, repeats)
            + bench_app.run(scale, repeats) + bench_hostile.run(scale, repeats) + bench_privacy.run(scale, repeats)
            + bench_packs.run(scale, repeats) + bench_cli.run(scale, repeats) + bench_browser.run(scale, repeats))


if __name__ == "__main__":
    main(run, __doc__)
