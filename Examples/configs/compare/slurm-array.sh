#!/bin/bash
# A Slurm job array running Examples/configs/compare-ring8.json as 3 shards (9 runs), then the report.
#
#   jobid=$(sbatch --parsable Examples/configs/compare/slurm-array.sh)
#   sbatch --dependency=afterany:$jobid --wrap "ganscope compare Examples/configs/compare-ring8.json --merge"
#
# Every task must see the same result directory (a shared file system). Shard indices are
# 0-based, so the array is 0..N-1; each task runs its shard's runs one per core it was given.
#SBATCH --job-name=ganscope-compare
#SBATCH --array=0-2
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
#SBATCH --output=compare-%A_%a.log

set -euo pipefail
N=3
ganscope compare Examples/configs/compare-ring8.json \
    --result-dir "${COMPARE_DIR:-compare-ring8}" \
    --shard "${SLURM_ARRAY_TASK_ID}/${N}" \
    --jobs "${SLURM_CPUS_PER_TASK:-1}"
