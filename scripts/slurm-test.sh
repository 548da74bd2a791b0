#!/bin/bash
# Runs the VEEGAN reproduction (shortened) on a real Slurm cluster and checks it against a local run (`make test-slurm`,
# docs/compare.md). As root on Debian: installs slurm-wlm, munge and jq if missing, starts munged
# and a one-node cluster (slurmctld and slurmd on this machine, configuration in a temporary
# directory), submits Examples/configs/compare/slurm-array.sh as a job array of SHARDS shards,
# merges them, runs the same comparison locally in another directory, and checks that both
# give the same report bytes. Stops what it started; on a failure it says what failed, keeps
# its logs and exits non-zero.
set -euo pipefail

# The command under test: the VEEGAN reproduction, shortened (16 runs). Any ganscope command
# taking --result-dir, --jobs, --shard i/N, --merge and --quiet (added here) would do.
GANSCOPE_COMMAND="reproduce veegan --seeds 2 --steps 300"
SHARDS=2

step() { echo "== [${SECONDS} s] $*"; }
fail() { echo "slurm-test: FAILED: $*" >&2; exit 1; }
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ganscope-slurm.XXXXXX)
conf=$work/slurm
started_munge=""
cleanup() {
    local code=$?
    local pids
    pids=$(cat "$conf"/*.pid 2>/dev/null || true)
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    for pid in $pids; do timeout 10 tail --pid="$pid" -f /dev/null || true; done
    [ -n "$started_munge" ] && kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
    if [ "$code" = 0 ]; then rm -rf "$work"; else echo "slurm-test: logs kept in $work" >&2; fi
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] || fail "run as root (it installs packages and starts daemons)"

step "packages (slurm-wlm, munge, jq), munged"
missing=$(for p in slurm-wlm munge jq; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
done)
if [ -n "$missing" ]; then
    (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $missing) || fail "apt-get install" $missing
fi
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    [ -s /etc/munge/munge.key ] || runuser -u munge -- mungekey --create --keyfile /etc/munge/munge.key
    install -d -o munge -g munge -m 0755 /run/munge
    runuser -u munge -- munged || fail "munged did not start"
    started_munge=1
    munge -n | unmunge >/dev/null || fail "munge does not authenticate"
fi

step "release build"
(cd "$repo" && swift build -c release) >"$work/build.log" 2>&1 || fail "swift build -c release (see $work/build.log)"
export PATH="$repo/.build/release:$PATH"

step "one-node Slurm cluster in $conf"
host=$(hostname -s)
mkdir -p "$conf/state" "$conf/spool"
cat >"$conf/slurm.conf" <<EOF
ClusterName=ganscope-test
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$conf/state
SlurmdSpoolDir=$conf/spool
SlurmctldPidFile=$conf/slurmctld.pid
SlurmdPidFile=$conf/slurmd.pid
SlurmctldLogFile=$conf/slurmctld.log
SlurmdLogFile=$conf/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
$(slurmd -C | head -1) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$conf/slurm.conf
slurmctld || fail "slurmctld did not start (see $conf/slurmctld.log)"
slurmd || fail "slurmd did not start (see $conf/slurmd.log)"
for _ in $(seq 60); do
    [ "$(sinfo -h -n "$host" -o %t 2>/dev/null)" = idle ] && break
    sleep 1
done
[ "$(sinfo -h -n "$host" -o %t)" = idle ] || fail "node $host is not idle after 60 s (see $conf/*.log)"

step "$SHARDS shards as a job array: ganscope $GANSCOPE_COMMAND"
cd "$work"
jobid=$(GANSCOPE_COMMAND=$GANSCOPE_COMMAND COMPARE_DIR=sharded SHARDS=$SHARDS \
    sbatch --parsable --array=0-$((SHARDS - 1)) --cpus-per-task=1 --output="$work/shard-%a.log" \
    "$repo/Examples/configs/compare/slurm-array.sh") || fail "sbatch refused the job array"
# Polled every second (sbatch --wait polls at up to 10 s).
while [ -n "$(squeue -h -j "$jobid" -o %i 2>/dev/null)" ]; do sleep 1; done
[ "$(scontrol -o show job "$jobid" | grep -c ' JobState=COMPLETED ')" = "$SHARDS" ] ||
    fail "not every shard completed: $(scontrol -o show job "$jobid" | grep -o ' JobState=[A-Z]*' | sort | uniq -c | xargs) (see $work/shard-*.log)"
read -ra command <<<"$GANSCOPE_COMMAND"
ganscope "${command[@]}" --result-dir sharded --merge --quiet || fail "--merge failed"

step "the same comparison locally"
ganscope "${command[@]}" --result-dir local --quiet || fail "the local run failed"

step "sharded vs local"
cd sharded
[ -f index.html ] || fail "the merge wrote no index.html"
# The report (every file at the top) and every run's metrics; the runs' own pages show times.
mapfile -t files < <(find . -maxdepth 1 -type f; find . -mindepth 2 -name metrics.csv)
for f in "${files[@]}"; do cmp -s "$f" "../local/$f" || fail "$f differs between sharded/ and local/"; done
# summary.json without what depends on the machine: times, memory, threads.
filter='del(.seconds, .steps_per_second, .eval_seconds, .live_seconds, .peak_rss_mb, .workers, .blas_threads)'
for f in $(find . -mindepth 2 -name summary.json); do
    [ "$(jq -S "$filter" "$f")" = "$(jq -S "$filter" "../local/$f")" ] || fail "$f differs between sharded/ and local/"
    [ "$(jq -r .status "$f")" = finished ] || fail "$f: the run did not finish"
done
echo "slurm-test: OK in ${SECONDS} s: ${#files[@]} files identical (the report and every run's metrics.csv), summaries agree"
