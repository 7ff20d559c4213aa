#!/usr/bin/env bash
# A one-node SLURM cluster for tests, on 127.0.0.1 only, living in one folder.
#
#   tools/slurm/cluster.sh install      apt-get the Debian packages (slurm-wlm, munge) when missing (root)
#   tools/slurm/cluster.sh start DIR    write slurm.conf + a munge key under DIR, start munged, slurmctld, slurmd
#   tools/slurm/cluster.sh env DIR      print the exports that point SLURM clients at that cluster
#   tools/slurm/cluster.sh stop DIR     stop the three daemons started from DIR (nothing else is touched)
#
# Everything (config, key, sockets, state, spool, logs, pid files) lives under DIR, so a test can start a
# cluster in a temporary folder and leave nothing behind. Job accounting (slurmdbd) is not set up: the
# Snakemake SLURM executor is told to follow jobs with squeue (`slurm-status-command: squeue`), which
# needs MinJobAge well above its 40 s polling interval, set below.
set -euo pipefail

cmd=${1:-}
dir=${2:-}

need_dir() {
  [ -n "$dir" ] || { echo "usage: $0 $cmd DIR" >&2; exit 2; }
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
}

install() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null; then
    echo "slurm-wlm and munge are installed"; return
  fi
  [ "$(id -u)" = 0 ] || { echo "installing slurm-wlm and munge needs root (apt-get)" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
}

write_conf() {
  local cpus mem
  cpus=$(nproc)
  # Leave 2 GB to the system; the node's memory bounds what `mem_mb` jobs may ask for.
  mem=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) - 2048 ))
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"
  cat > "$dir/slurm.conf" <<CONF
ClusterName=civicscope-test
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
ReturnToService=2
# Finished jobs stay visible to squeue for 10 minutes: the executor polls every 40 s or more.
MinJobAge=600
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
}

start() {
  need_dir
  write_conf
  if [ ! -f "$dir/munge.key" ]; then
    dd if=/dev/urandom bs=1 count=1024 of="$dir/munge.key" status=none
    chmod 600 "$dir/munge.key"
  fi
  munged --key-file="$dir/munge.key" --socket="$dir/munge.socket" --pid-file="$dir/munged.pid" \
    --log-file="$dir/log/munged.log" --seed-file="$dir/munge.seed" --force
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF"
  for _ in $(seq 1 60); do
    if sinfo -h -o "%T" 2>/dev/null | grep -qE "^(idle|mixed|allocated)"; then
      echo "SLURM cluster up: SLURM_CONF=$SLURM_CONF"; return
    fi
    sleep 1
  done
  echo "the SLURM cluster did not come up within 60 s; logs in $dir/log" >&2
  tail -n 20 "$dir"/log/*.log >&2 || true
  stop
  exit 1
}

stop() {
  need_dir
  local f pid
  for f in slurmd slurmctld munged; do
    [ -f "$dir/$f.pid" ] || continue
    pid=$(cat "$dir/$f.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/$f.pid"
  done
  echo "SLURM cluster in $dir stopped"
}

case "$cmd" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  env) need_dir; echo "export SLURM_CONF=$dir/slurm.conf" ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
