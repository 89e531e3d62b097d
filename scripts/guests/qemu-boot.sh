#!/usr/bin/env bash
# Boots the test guest of fetch-guests.sh under QEMU TCG, the reference for jvmm's boot
# benchmarks, and reports the time from QEMU's start to the guest's marker line JVMM-INIT-OK:
#   qemu-system-x86_64 -accel tcg -smp 1 -m 512 -nographic -no-reboot -nic none
#       -kernel KERNEL -initrd INITRD -append "console=ttyS0 panic=-1 jvmm.action=poweroff"
# Installs qemu-system-x86 with apt-get when it is missing.
#
# Options:
#   --runs N        boot N times (default 1); report each boot, then min and median
#   --smp N         virtual CPUs (default 1)
#   --generic       the generic kernel (linux-image-amd64) and its initrd instead of the cloud one
#   --kernel PATH   boot this kernel instead (an extracted vmlinux boots through PVH)
#   --action A      jvmm.action= for the guest's /init: poweroff (default) or cpuinfo
#   --append ARGS   more kernel command line (e.g. "quiet nokaslr")
#   --timeout S     give up on a boot after S seconds (default 120)
#   --log FILE      append the serial output of every boot to FILE
#   --shell         no timing: the guest's shell on this terminal (Ctrl-A X quits QEMU)
#
# Progress and the per-boot lines go to stderr; stdout gets eval-able results:
#   QEMU_RUNS, QEMU_MARKER_S_MIN, QEMU_MARKER_S_MEDIAN, QEMU_EXIT_S_MEDIAN, QEMU_USER_S_MEDIAN
# Exits non-zero when a boot did not print the marker or QEMU did not exit with status 0.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GUESTS_LOG_NAME=qemu-boot
# shellcheck source=scripts/guests/apt.sh
source "$here/apt.sh"

runs=1 smp=1 generic=0 kernel="" action=poweroff append="" timeout=120 log="" shell=0
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=${2:?--runs needs a count}; shift ;;
        --smp) smp=${2:?--smp needs a count}; shift ;;
        --generic) generic=1 ;;
        --kernel) kernel=${2:?--kernel needs a path}; shift ;;
        --action) action=${2:?--action needs poweroff or cpuinfo}; shift ;;
        --append) append=${2?--append needs arguments}; shift ;;
        --timeout) timeout=${2:?--timeout needs seconds}; shift ;;
        --log) log=${2:?--log needs a file}; shift ;;
        --shell) shell=1 ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
            exit 0
            ;;
        *) guests_die "unknown option $1 (see --help)" ;;
    esac
    shift
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || guests_die "--runs wants a positive count, not $runs"

guests_ensure_tool qemu-system-x86_64 qemu-system-x86
fetch_args=()
[ "$generic" -eq 0 ] || fetch_args+=(--generic)
paths=$("$here/fetch-guests.sh" "${fetch_args[@]}")
eval "$paths"
initrd=${INITRD:?fetch-guests.sh printed no INITRD}
if [ "$generic" -eq 1 ]; then
    : "${kernel:=$GENERIC_KERNEL}"
    initrd=$GENERIC_INITRD
fi
: "${kernel:=${KERNEL:?fetch-guests.sh printed no KERNEL}}"
[ "$shell" -eq 0 ] || action=shell

cmd=(qemu-system-x86_64 -accel tcg -smp "$smp" -m 512 -nographic -no-reboot -nic none
    -kernel "$kernel" -initrd "$initrd"
    -append "console=ttyS0 panic=-1 jvmm.action=$action${append:+ $append}")
qemu_version=$(qemu-system-x86_64 --version)
guests_log "${qemu_version%%$'\n'*}; guest packages: $(cat "${initrd%/*}/versions")"
guests_log "${cmd[*]}"
[ "$shell" -eq 0 ] || exec "${cmd[@]}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Microseconds of children's user CPU time from the output of `times` in file $1.
children_user_us() {
    local line
    line=$(sed -n 2p "$1")
    [[ ${line%% *} =~ ^([0-9]+)m([0-9]+)[.,]([0-9]{3})s$ ]] || guests_die "cannot read times: $line"
    echo $(((10#${BASH_REMATCH[1]} * 60 + 10#${BASH_REMATCH[2]}) * 1000000 + 10#${BASH_REMATCH[3]} * 1000))
}

# One boot; sets marker_us (empty when no marker), exit_us, user_us, status, marker_line.
boot_once() {
    local start line out pid
    marker_us="" marker_line="" status=0
    times > "$tmp/before"
    start=${EPOCHREALTIME//[!0-9]/}
    exec {out}< <(exec timeout "$timeout" "${cmd[@]}" < /dev/null 2>&1)
    pid=$!
    while IFS= read -r line <&"$out" || [ -n "$line" ]; do
        line=${line%$'\r'}
        if [ -z "$marker_us" ] && [[ $line == *JVMM-INIT-OK* ]]; then
            marker_us=$((${EPOCHREALTIME//[!0-9]/} - start))
            marker_line=$line
        fi
        [ -z "$log" ] || printf '%s\n' "$line" >> "$log"
    done
    exec {out}<&-
    wait "$pid" || status=$?
    exit_us=$((${EPOCHREALTIME//[!0-9]/} - start))
    times > "$tmp/after"
    user_us=$(($(children_user_us "$tmp/after") - $(children_user_us "$tmp/before")))
}

# The median of the integers given as arguments.
median() {
    local sorted n
    mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
    n=${#sorted[@]}
    if ((n % 2)); then
        echo "${sorted[n / 2]}"
    else
        echo $(((sorted[n / 2 - 1] + sorted[n / 2]) / 2))
    fi
}

markers=() exits=() users=() failed=0
for ((run = 1; run <= runs; run++)); do
    boot_once
    if [ -z "$marker_us" ] || [ "$status" -ne 0 ]; then
        failed=1
        guests_log "boot $run: FAILED (marker ${marker_us:+seen}${marker_us:-missing}, QEMU status $status" \
            "after $(guests_seconds "$exit_us") s)"
        continue
    fi
    markers+=("$marker_us") exits+=("$exit_us") users+=("$user_us")
    guests_log "boot $run: marker after $(guests_seconds "$marker_us") s, QEMU exited after" \
        "$(guests_seconds "$exit_us") s, QEMU user CPU $(guests_seconds "$user_us") s; $marker_line"
done

echo "QEMU_RUNS=${#markers[@]}"
if [ ${#markers[@]} -gt 0 ]; then
    min=${markers[0]}
    for value in "${markers[@]}"; do ((value >= min)) || min=$value; done
    echo "QEMU_MARKER_S_MIN=$(guests_seconds "$min")"
    echo "QEMU_MARKER_S_MEDIAN=$(guests_seconds "$(median "${markers[@]}")")"
    echo "QEMU_EXIT_S_MEDIAN=$(guests_seconds "$(median "${exits[@]}")")"
    echo "QEMU_USER_S_MEDIAN=$(guests_seconds "$(median "${users[@]}")")"
fi
exit "$failed"
