#!/bin/sh
# The fidelity study (docs/fidelity.md): the seed experiment over N seeds in GANScope
# (`ganscope compare`, preset seed) and in the independent JAX implementation (seed_jax.py),
# then the comparison (compare.py) into OUT/results.md.
#
#   scripts/fidelity/run.sh [--seeds N] [--steps S] [--out DIR]
#
# Defaults: 20 seeds (1…N), 25000 steps (the seed experiment's length; S must be a multiple of
# 500, the evaluation interval), OUT = fidelity-results. Both sides train at once, at nice 10.
# Finished runs are kept: rerunning the same command continues with what is missing.
# Needs Swift (a release build of ganscope is made) and python3 with venv and network access
# (jax, numpy and scipy are installed from PyPI into OUT/venv).
set -eu

seeds=20 steps=25000 out=fidelity-results
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (accepted: --seeds N, --steps S, --out DIR)" >&2; exit 2 ;;
  esac
done
case "$seeds" in ''|*[!0-9]*|0) echo "run.sh: --seeds must be a whole number ≥ 1, got '$seeds'" >&2; exit 2 ;; esac
case "$steps" in ''|*[!0-9]*|0) echo "run.sh: --steps must be a whole number ≥ 500, got '$steps'" >&2; exit 2 ;; esac
if [ $((steps % 500)) -ne 0 ]; then echo "run.sh: --steps must be a multiple of 500, got $steps" >&2; exit 2; fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
seed_list=$(seq 1 "$seeds" | tr '\n' ' ')
start=$(date +%s)

# GANScope, release build.
(cd "$root" && swift build -c release --product ganscope)
ganscope="$(cd "$root" && swift build -c release --show-bin-path)/ganscope"

# JAX in a scratch environment.
if [ ! -x "$out/venv/bin/python" ]; then
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install --quiet jax numpy scipy
fi

cat > "$out/manifest.json" <<EOF
{
  "result_dir": "$out/ganscope",
  "defaults": {"preset": "seed", "num_epochs": $steps},
  "seeds": [$(echo $seed_list | sed 's/ /, /g')],
  "runs": [{"name": "seed"}]
}
EOF

echo "training: GANScope into $out/ganscope, JAX into $out/jax ($seeds seeds, $steps steps)"
(t=$(date +%s); nice -n 10 "$ganscope" compare "$out/manifest.json" --jobs 1 --quiet > "$out/ganscope.log" 2>&1
 echo "GANScope: $(($(date +%s) - t)) s" >> "$out/times.txt") &
gpid=$!
(t=$(date +%s); nice -n 10 "$out/venv/bin/python" "$here/seed_jax.py" --seeds $seed_list --steps "$steps" --out "$out/jax" > "$out/jax.log" 2>&1
 echo "JAX: $(($(date +%s) - t)) s" >> "$out/times.txt") &
jpid=$!
status=0
wait $gpid || { echo "GANScope's runs failed: see $out/ganscope.log" >&2; status=1; }
wait $jpid || { echo "the JAX runs failed: see $out/jax.log" >&2; status=1; }
[ $status -eq 0 ] || exit 1

"$out/venv/bin/python" "$here/compare.py" --ganscope "$out/ganscope" --jax "$out/jax" \
  --seeds $seed_list --steps "$steps" --out "$out/results.md"
echo "wall time: $(($(date +%s) - start)) s; report: $out/results.md"
