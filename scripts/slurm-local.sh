#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for developers and the tests
# of `runner slurm`; its packages are the ci use of scripts/prerequisites.txt
# (as root, `scripts/prerequisites.sh ci` installs them).
#
#   scripts/slurm-local.sh start    # munged, slurmctld, slurmd; returns once the node takes jobs
#   scripts/slurm-local.sh status   # the daemons and sinfo
#   scripts/slurm-local.sh stop     # ends the three daemons (job state stays in /var/lib/slurm)
#
# Runs as root without systemd (containers, CI). This host's short name is the
# controller and only node, reached over 127.0.0.1 so it works where the name
# does not resolve. start is idempotent: running it again rewrites the
# configuration only if it changed (restarting the daemons then) and waits
# for the node again. It refuses to overwrite an /etc/slurm/slurm.conf it did
# not write, so a real cluster's configuration is never touched.
set -euo pipefail

readonly conf=/etc/slurm/slurm.conf
readonly marker="# Written by runner's scripts/slurm-local.sh"
readonly key=/etc/munge/munge.key
readonly state_dir=/var/lib/slurm/slurmctld
readonly spool_dir=/var/lib/slurm/slurmd
readonly log_dir=/var/log/slurm
readonly ctld_pid=/run/slurmctld.pid
readonly slurmd_pid=/run/slurmd.pid
readonly munge_pid=/run/munge/munged.pid
host=$(hostname -s)
readonly host

say() { echo "slurm-local: $*"; }
die() { echo "slurm-local: error: $*" >&2; exit 1; }

# Whether the process named in pid file $1 is alive.
alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

require_root() {
    [[ $(id -u) -eq 0 ]] || die "run as root (the daemons run as root and write /etc, /run and /var)"
    local tool
    for tool in munged slurmctld slurmd sinfo scontrol; do
        command -v "$tool" >/dev/null || die "$tool not found; install the packages of the ci use in scripts/prerequisites.txt with: scripts/prerequisites.sh ci"
    done
}

start_munge() {
    install -d -o munge -g munge -m 0700 /etc/munge /var/log/munge
    install -d -o munge -g munge -m 0711 /var/lib/munge
    install -d -o munge -g munge -m 0755 /run/munge
    if [[ ! -s $key ]]; then
        if command -v mungekey >/dev/null; then
            mungekey --create --keyfile="$key" --force
        else
            dd if=/dev/urandom of="$key" bs=1 count=1024 status=none
        fi
        say "created $key"
    fi
    chown munge:munge "$key"
    chmod 0400 "$key"
    if alive "$munge_pid"; then return; fi
    # munged refuses to run as root with a key root does not own; it runs as its own user.
    runuser -u munge -- munged
    munge -n | unmunge >/dev/null || die "munged started but does not answer (see /var/log/munge/munged.log)"
}

# The configuration for this machine, on standard output.
render_conf() {
    local cpus memory
    cpus=$(nproc)
    memory=$(free -m | awk '/^Mem:/ { print $2 }')
    # Headroom for the daemons and the system: slurmd marks the node invalid
    # when RealMemory exceeds what it finds.
    memory=$((memory - memory / 10 - 256))
    cat <<EOF
$marker (do not edit: start rewrites it).
ClusterName=local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state_dir
SlurmdSpoolDir=$spool_dir
SlurmctldPidFile=$ctld_pid
SlurmdPidFile=$slurmd_pid
SlurmctldLogFile=$log_dir/slurmctld.log
SlurmdLogFile=$log_dir/slurmd.log
MpiDefault=none
# No cgroups without systemd: processes are tracked through /proc.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
# No slurmdbd: sacct has nothing to read; squeue --states=all shows jobs
# for MinJobAge seconds after they end, and jobcomp keeps a text log of them.
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$log_dir/jobcomp.log
MinJobAge=600
# Cancelled jobs get SIGTERM, then SIGKILL this many seconds later.
KillWait=10
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

# Writes the configuration; prints "changed" when it differs from the one in place.
install_conf() {
    if [[ -e $conf ]] && ! grep -qF "$marker" "$conf"; then
        die "$conf exists and was not written by this script; not touching it"
    fi
    local fresh
    fresh=$(render_conf)
    if [[ -e $conf ]] && [[ $(cat "$conf") == "$fresh" ]]; then return; fi
    install -d -m 0755 /etc/slurm
    printf '%s\n' "$fresh" >"$conf"
    echo changed
}

stop_daemon() {
    local name=$1 pid_file=$2 pid
    alive "$pid_file" || return 0
    pid=$(cat "$pid_file")
    kill "$pid"
    # Bounded: a daemon that ignores SIGTERM for 10 s is killed.
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; return 0; }
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pid_file"
    say "$name did not stop on SIGTERM; killed"
}

node_state() { sinfo --noheader --nodes="$host" --format=%T 2>/dev/null | head -n 1; }

wait_for_node() {
    local state=""
    for _ in $(seq 300); do
        state=$(node_state)
        case $state in
        idle | mixed | allocated | completing) say "node $host is $state (partition debug)"; return 0 ;;
        down* | drain* | fail*) scontrol update nodename="$host" state=resume 2>/dev/null || true ;;
        esac
        sleep 0.1
    done
    die "node $host is still '${state:-not reported}' after 30 s (see $log_dir/slurmctld.log and $log_dir/slurmd.log)"
}

start() {
    require_root
    start_munge
    install -d -m 0755 "$state_dir" "$spool_dir" "$log_dir"
    if [[ $(install_conf) == changed ]]; then
        say "wrote $conf ($(nproc) CPUs)"
        stop_daemon slurmd "$slurmd_pid"
        stop_daemon slurmctld "$ctld_pid"
    fi
    alive "$ctld_pid" || slurmctld
    alive "$slurmd_pid" || slurmd
    wait_for_node
}

stop() {
    require_root
    stop_daemon slurmd "$slurmd_pid"
    stop_daemon slurmctld "$ctld_pid"
    stop_daemon munged "$munge_pid"
    say "stopped slurmd, slurmctld and munged"
}

status() {
    local name pid_file
    for name in munged slurmctld slurmd; do
        case $name in
        munged) pid_file=$munge_pid ;;
        slurmctld) pid_file=$ctld_pid ;;
        slurmd) pid_file=$slurmd_pid ;;
        esac
        if alive "$pid_file"; then say "$name running (pid $(cat "$pid_file"))"; else say "$name not running"; fi
    done
    sinfo || return 1
}

case ${1:-} in
start) start ;;
stop) stop ;;
status) status ;;
*) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
