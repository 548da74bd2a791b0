#!/usr/bin/env python3
"""Compares GANScope's seed runs with the JAX ones: one table per seed, the tests, a verdict.

Both sides are read from per-evaluation rows with the same columns (GANScope's metrics.csv,
the JAX script's seed-<n>.csv), and every derived quantity is computed here, the same way for
both:
- dead discriminator: GANScope's rule (docs/diagnosis.md) on the rows: after the warm-up (the
  first 10 % of the steps), D's output spread <= 1e-6 or every unit of a hidden layer of D
  inactive, at two evaluations in a row. For GANScope it is checked against summary.json.
- both modes first covered: the first evaluation with 2 of 2 modes captured; and the first
  with both modes and each mode's share q_k in [0.3, 0.7] ("balanced").
- final: modes captured, high-quality fraction, balanced or not, energy distance, sliced
  Wasserstein, at the last step.
Rates are compared with Fisher's exact test, steps and final values with the two-sided
Mann-Whitney U test.
"""
import argparse
import csv
import json
import math
import os
import sys

from scipy.stats import fisher_exact, mannwhitneyu

WARM_UP, CONSTANT_OUTPUT = 0.1, 1e-6
BALANCED = (0.3, 0.7)
ALPHA = 0.05


def read_rows(path):
    with open(path) as f:
        return [{k: float(v) for k, v in r.items()} for r in csv.DictReader(f)]


def dead_discriminator(rows, steps):
    """The step at which GANScope's dead_discriminator rule begins, or None."""
    warm_up = math.ceil(steps * WARM_UP)
    streak = None
    for r in rows:
        if r["step"] < warm_up or r["step"] <= 0:
            continue
        holds = r["d_output_spread"] <= CONSTANT_OUTPUT or r["dead_d_1"] >= 1 or r["dead_d_2"] >= 1
        if not holds:
            streak = None
            continue
        if streak is not None:
            return streak
        streak = r["step"]
    return None


def balanced(r):
    return r["modes_captured"] == 2 and all(BALANCED[0] <= r[q] <= BALANCED[1] for q in ("q_0", "q_1"))


def summarize(rows, steps):
    last = rows[-1]
    assert last["step"] == steps, f"the last evaluation is at step {last['step']:.0f}, not {steps}"
    first = lambda test: next((int(r["step"]) for r in rows if test(r)), None)
    return {
        "dead": dead_discriminator(rows, steps),
        "both_modes_step": first(lambda r: r["modes_captured"] == 2),
        "balanced_step": first(balanced),
        "modes": int(last["modes_captured"]),
        "hq": last["high_quality_fraction"],
        "balanced": balanced(last),
        "q_0": last["q_0"],
        "energy": last["energy_distance"],
        "sw": last["sliced_wasserstein"],
    }


def load(args):
    sides = {"GANScope": {}, "JAX": {}}
    mismatches = []
    for seed in args.seeds:
        run = os.path.join(args.ganscope, "seed", f"seed-{seed}", "seed")
        s = summarize(read_rows(os.path.join(run, "metrics.csv")), args.steps)
        with open(os.path.join(run, "summary.json")) as f:
            summary = json.load(f)
        reported = next((d["began_step"] for d in summary.get("diagnosis", []) if d["kind"] == "dead_discriminator"), None)
        if reported != s["dead"]:
            mismatches.append(f"seed {seed}: summary.json says {reported}, the rule here {s['dead']}")
        sides["GANScope"][seed] = s
        sides["JAX"][seed] = summarize(read_rows(os.path.join(args.jax, f"seed-{seed}.csv")), args.steps)
    return sides, mismatches


def fmt(v, digits=3):
    if v is None:
        return "never"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:.{digits}f}" if math.isfinite(v) else "nan"
    return str(v)


def seed_table(sides, seeds):
    cols = [("dead D from", "dead"), ("2 modes from", "both_modes_step"), ("balanced from", "balanced_step"),
            ("modes", "modes"), ("HQ", "hq"), ("q_0", "q_0"), ("balanced", "balanced"), ("energy", "energy"),
            ("SW₂", "sw")]
    lines = ["| seed | side | " + " | ".join(c for c, _ in cols) + " |", "|" + "---|" * (len(cols) + 2)]
    for seed in seeds:
        for side in sides:
            s = sides[side][seed]
            lines.append(f"| {seed} | {side} | " + " | ".join(fmt(s[k]) for _, k in cols) + " |")
    return "\n".join(lines)


def median(v):
    v = sorted(v)
    n = len(v)
    return float("nan") if n == 0 else (v[n // 2] if n % 2 else 0.5 * (v[n // 2 - 1] + v[n // 2]))


def tests(sides):
    a, b = sides["GANScope"].values(), sides["JAX"].values()
    n_a, n_b = len(a), len(b)
    out = []

    def rate(label, test):
        ka, kb = sum(map(test, a)), sum(map(test, b))
        p = fisher_exact([[ka, n_a - ka], [kb, n_b - kb]]).pvalue
        out.append((label, f"{ka}/{n_a}", f"{kb}/{n_b}", "Fisher exact", p))

    def values(label, key, among=lambda s: True, digits=3):
        va = [s[key] for s in a if among(s) and s[key] is not None and math.isfinite(s[key])]
        vb = [s[key] for s in b if among(s) and s[key] is not None and math.isfinite(s[key])]
        p = mannwhitneyu(va, vb, alternative="two-sided").pvalue if va and vb else float("nan")
        show = lambda v: f"median {fmt(float(median(v)), digits)} (n = {len(v)})"
        out.append((label, show(va), show(vb), "Mann-Whitney U", p))

    rate("dead discriminator", lambda s: s["dead"] is not None)
    rate("never 2 modes captured", lambda s: s["both_modes_step"] is None)
    values("step of 2 modes first captured", "both_modes_step", digits=0)
    rate("never balanced", lambda s: s["balanced_step"] is None)
    values("step first balanced", "balanced_step", digits=0)
    rate("final: 2 modes captured", lambda s: s["modes"] == 2)
    values("final: modes captured", "modes", digits=1)
    values("final: high-quality fraction", "hq")
    rate("final: balanced (2 modes, q_k in [0.3, 0.7])", lambda s: s["balanced"])
    values("final: energy distance", "energy", digits=4)
    values("final: sliced Wasserstein", "sw", digits=4)
    values("final: energy distance, runs without a dead D", "energy", among=lambda s: s["dead"] is None, digits=4)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ganscope", required=True, help="the compare directory of GANScope's runs")
    p.add_argument("--jax", required=True, help="the directory of the JAX script's CSVs")
    p.add_argument("--seeds", type=int, nargs="+", required=True)
    p.add_argument("--steps", type=int, required=True)
    p.add_argument("--out", required=True, help="the Markdown report to write")
    a = p.parse_args()
    sides, mismatches = load(a)
    rows = tests(sides)
    lines = [f"# Fidelity: GANScope against JAX, seed experiment, {a.steps} steps, seeds {a.seeds[0]}–{a.seeds[-1]}", "",
             "| quantity | GANScope | JAX | test | p |", "|---|---|---|---|---|"]
    lines += [f"| {q} | {x} | {y} | {t} | {fmt(pv, 3)} |" for q, x, y, t, pv in rows]
    significant = [q for q, _, _, _, pv in rows if pv < ALPHA]
    lines += ["", "Differences significant at 5 %: " + (", ".join(significant) if significant else "none") + ".",
              f"(A p-value per row, uncorrected; with {len(rows)} rows one false alarm at 5 % is not unusual.)", ""]
    lines += ["GANScope's dead_discriminator diagnosis and the rule applied here: "
              + ("agree on every seed." if not mismatches else "DISAGREE: " + "; ".join(mismatches)), ""]
    lines += ["## Per seed", "", seed_table(sides, a.seeds), ""]
    with open(a.out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines[:len(rows) + 8]))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
