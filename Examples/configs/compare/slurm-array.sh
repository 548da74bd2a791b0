#!/bin/bash
# A comparison as a Slurm job array: array task i runs shard i of SHARDS, then one merge
# writes the report. From the repository root:
#
#   jobid=$(sbatch --parsable --array=0-2 Examples/configs/compare/slurm-array.sh)
#   sbatch --dependency=afterany:$jobid --wrap "ganscope compare Examples/configs/compare-ring8.json --merge"
#
# The array must be 0..SHARDS-1 (shard indices are 0-based). sbatch passes the environment
# on, so these choose what runs (defaults in brackets):
#   GANSCOPE_COMMAND  the ganscope command without the shard flags
#                     [compare Examples/configs/compare-ring8.json]
#   COMPARE_DIR       the result directory; every task must see it (a shared file system) [compare-ring8]
#   SHARDS            the number of shards [3]
# Each task trains its shard's runs one per CPU it was given (--cpus-per-task). scripts/slurm-test.sh
# submits this file to a one-node cluster and checks the merged report against a local run.
#SBATCH --job-name=ganscope-compare
#SBATCH --array=0-2
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
#SBATCH --output=compare-%A_%a.log

set -euo pipefail
read -ra command <<< "${GANSCOPE_COMMAND:-compare Examples/configs/compare-ring8.json}"
ganscope "${command[@]}" --result-dir "${COMPARE_DIR:-compare-ring8}" \
    --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS:-3}" --jobs "${SLURM_CPUS_PER_TASK:-1}" --quiet
