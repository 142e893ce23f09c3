"""Run the benchmarks: `python bench/run.py ID [--seconds S]`, ID one of P1..P6, R5, J1 or `all`.

Figures are printed and merged into bench/results/latest.json; see bench/README.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

from common import Figure, on_postgres, require_wrk, save  # noqa: E402
from dataset import PDF_ORGS, dataset  # noqa: E402

HTTP = {"P1", "P2", "P6"}


def benchmarks() -> dict:
    import http_bench
    import inproc_bench
    import journey_bench

    return {"P1": http_bench.p1, "P2": http_bench.p2, "P3": inproc_bench.p3,
            "P4": inproc_bench.p4, "P5": inproc_bench.p5, "P6": http_bench.p6,
            "R5": inproc_bench.r5_audit, "J1": journey_bench.j1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("id", help="P1 … P6, or all")
    parser.add_argument("--seconds", type=int, default=60,
                        help="load time for P1, P2, P6 and J1 (split over the runs); under 10 "
                             "also means fewer runs for P3 to P5")
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--orgs", type=int, default=200)
    args = parser.parse_args(argv)
    on_postgres()  # a DATABASE_URL it cannot use is refused now, not after minutes of setup
    if args.orgs < 4:  # P1 (app and baseline), P6 and P2 each open a wave in their own
        parser.error("--orgs must be at least 4")
    table = benchmarks()
    wanted = list(table) if args.id.lower() == "all" else [args.id.upper()]
    unknown = [w for w in wanted if w not in table]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]}: choose from {', '.join(table)} or all")
    if HTTP & set(wanted):
        require_wrk()
    data = dataset(args.responses, args.orgs) if wanted != ["P5"] else None
    if data is not None and data.built_seconds is not None:
        save([Figure("DATA", f"bench-data: {args.responses:,} responses, {args.orgs} "
                             f"organisations (+ {PDF_ORGS} for P4)", data.built_seconds, "s",
                     "a few minutes", data.built_seconds <= 600)])
    for bench_id in wanted:
        print(f"-- {bench_id}", flush=True)
        if data is None:
            from dataset import Dataset

            data = Dataset("", args.responses, args.orgs)
        save(table[bench_id](data, args.seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
