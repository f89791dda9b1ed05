#!/usr/bin/python3
"""Reads the JSON lines of one benchmark run (ae4j, ONNX Runtime, PyTorch) and prints a table with ratios."""
import json
import statistics
import sys

rows = [json.loads(l) for l in sys.stdin if l.startswith("{")]
configs = []
runs = {}
for r in rows:
    if "config" not in r:
        continue
    eng = r.get("engine", "pytorch-" + str(r.get("torch", "")))
    if r["config"] not in configs:
        configs.append(r["config"])
    runs.setdefault((eng, r["config"]), []).append(r["rows_per_s"])
# Several rounds (run.sh's ROUNDS): the median of each engine and config; the ratios are of medians.
by = {k: statistics.median(v) for k, v in runs.items()}
rounds = max(len(v) for v in runs.values()) if runs else 0
if rounds > 1:
    print("(median of %d rounds; every round's figure is listed below the table)" % rounds)
    print()
engines = []
for (e, _c) in by:
    if e not in engines:
        engines.append(e)
torch_eng = next((e for e in engines if e.startswith("pytorch")), None)
print("| config | " + " | ".join(engines) + (" | ae4j-cpu / pytorch | ae4j-cpu / ae4j-onnxruntime |" if torch_eng else " |"))
print("|---" * (len(engines) + 1 + (2 if torch_eng else 0)) + "|")
for c in configs:
    cells = ["%.0f" % by[(e, c)] if (e, c) in by else "" for e in engines]
    extra = []
    if torch_eng:
        a = by.get(("ae4j-cpu", c))
        t = by.get((torch_eng, c))
        o = by.get(("ae4j-onnxruntime", c))
        extra.append("%.2f" % (a / t) if a and t else "")
        extra.append("%.2f" % (a / o) if a and o else "")
    print("| " + c + " | " + " | ".join(cells + extra) + " |")
if rounds > 1:
    print()
    for (e, c), v in runs.items():
        print("- %s %s: %s rows/s" % (e, c, " ".join("%.0f" % x for x in v)))
gemm = [r for r in rows if "gemm" in r]
if gemm:
    print()
    print("| GEMM (numpy/OpenBLAS, 2 threads) | GFLOP/s |")
    print("|---|---|")
    for g in gemm:
        print("| %s | %.1f |" % (g["gemm"], g["gflops"]))
    # The C1 ceiling of the issue: the step's five GEMMs at the best speed measured in this run plus a fused Adam
    # update (0.15 ms), 128 rows per step. The best speed of each product is the faster of numpy/OpenBLAS and ae4j's
    # own kernel (GemmBench, same thread count): with OpenBLAS alone the ceiling would be lower than what ae4j's
    # GEMMs already do, and reaching "0.8 of it" would say little.
    ours = {r["ae4j_gemm"]: r["gflops"] for r in rows if "ae4j_gemm" in r and r.get("threads") == max(
        x.get("threads", 0) for x in rows if "ae4j_gemm" in x)}
    c1 = by.get(("ae4j-cpu", "C1a"))
    for label, pick in (("OpenBLAS", lambda g: g["gflops"]),
                        ("best of OpenBLAS and ae4j", lambda g: max(g["gflops"], ours.get(g["gemm"], 0)))):
        if label != "OpenBLAS" and not ours:
            continue
        seconds = 0.0
        for g in gemm:
            dims = [int(x) for x in g["gemm"].split()[-1].split("x")]
            seconds += 2.0 * dims[0] * dims[1] * dims[2] / (pick(g) * 1e9)
        ceiling = 128 / (seconds + 0.15e-3)
        print()
        print("C1 ceiling (the five GEMMs at %s speed + 0.15 ms Adam): %.0f rows/s (%.3f ms per step)"
              % (label, ceiling, 1e3 * (seconds + 0.15e-3)), end="")
        print("; ae4j-cpu C1a reaches %.2f of it" % (c1 / ceiling) if c1 else "")
    if ours:
        print()
        print("| GEMM | numpy/OpenBLAS GFLOP/s | ae4j GFLOP/s |")
        print("|---|---|---|")
        for g in gemm:
            print("| %s | %.1f | %s |" % (g["gemm"], g["gflops"], "%.1f" % ours[g["gemm"]] if g["gemm"] in ours else ""))
ae = []
seen = set()
for r in rows:
    if str(r.get("engine", "")).startswith("ae4j") and "alloc_bytes_per_step" in r:
        if (r["engine"], r["config"]) not in seen:  # the first round's
            seen.add((r["engine"], r["config"]))
            ae.append(r)
if ae:
    print()
    print("| engine | config | ms/step | bytes allocated/step (2nd half of epoch) | heap after epoch (MB) | data (MB) | peak RSS (MB) |")
    print("|---|---|---|---|---|---|---|")
    for r in ae:
        print("| %s | %s | %.3f | %.0f | %.0f | %.0f | %.0f |" % (r["engine"], r["config"], r["ms_per_step"],
              r["alloc_bytes_per_step"], r["heap_used_mb"], r["data_mb"], r["peak_rss_mb"]))
