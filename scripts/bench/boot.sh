#!/usr/bin/env bash
# Boot benchmark (a script that prints figures, not a test): the Debian test guest of
# scripts/guests/fetch-guests.sh booted to its marker line JVMM-INIT-OK under jvmm and under QEMU
# TCG, with the same kernel, initramfs and command line, alternating jvmm and QEMU run by run.
#   jvmm: --kernel K --initrd I -m 512M -p SMP --no-shell --com1 file=LOG
#         -c "nokaslr jvmm.action=poweroff"           (jvmm adds panic=-1 console=ttyS0)
#   QEMU: scripts/guests/qemu-boot.sh --append nokaslr  (console=ttyS0 panic=-1 jvmm.action=poweroff
#         nokaslr on qemu-system-x86_64 -accel tcg -smp SMP -m 512 -nographic -no-reboot)
# Marker time: from the process start until the marker line is in the serial output (jvmm: the
# COM1 file, followed with tail -F; QEMU: its stdout, as qemu-boot.sh reads it). Exit time: until
# the process ended. Guest instructions come from jvmm's stop line (JVMM_LOG=...vm.worker=info).
# jvmm.jar is built once (./jvmm --version builds it when stale) and copied, so a rebuild by
# someone else during the runs cannot change what is measured; the runs start java as ./jvmm does
# (with the start-up cache of scripts/jvmm-java.sh, made for the copy).
#
# Usage: scripts/bench/boot.sh [--runs N] [--generic] [--pvh] [--smp N] [--timeout S] [--keep DIR]
#   --runs N      boots of each (default 5)
#   --generic     the generic kernel (XZ) and its initrd instead of the cloud kernel (LZ4)
#   --pvh         jvmm boots the bzImage through PVH (--pvh); QEMU gets the vmlinux extracted here
#   --smp N       processors for both (default 1)
#   --timeout S   give up on a boot after S seconds (default 300)
#   --keep DIR    keep the serial logs and jvmm's stderr of every run in DIR
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
GUESTS_LOG_NAME=bench-boot
# shellcheck source=scripts/guests/apt.sh
source "$root/scripts/guests/apt.sh"
# shellcheck source=scripts/jdk25.sh
source "$root/scripts/jdk25.sh"
# shellcheck source=scripts/jvmm-java.sh
source "$root/scripts/jvmm-java.sh"

runs=5 generic=0 pvh=0 smp=1 timeout=300 keep=""
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=${2:?--runs needs a count}; shift ;;
        --generic) generic=1 ;;
        --pvh) pvh=1 ;;
        --smp) smp=${2:?--smp needs a count}; shift ;;
        --timeout) timeout=${2:?--timeout needs seconds}; shift ;;
        --keep) keep=${2:?--keep needs a folder}; shift ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
            exit 0
            ;;
        *) guests_die "unknown option $1 (see --help)" ;;
    esac
    shift
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || guests_die "--runs wants a positive count, not $runs"
[[ $smp =~ ^[1-9][0-9]*$ ]] || guests_die "--smp wants a positive count, not $smp"
jdk25_select || exit 1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -z "$keep" ] || mkdir -p "$keep"

# Prints the load averages (1, 5, 15 minutes).
load() {
    cut -d' ' -f1-3 /proc/loadavg
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

# The smallest of the integers given as arguments.
minimum() {
    printf '%s\n' "$@" | sort -n | head -n 1
}

# Seconds with three decimals ("2.741") as microseconds.
to_us() {
    [[ $1 =~ ^([0-9]+)\.([0-9]{3})$ ]] || guests_die "not seconds with three decimals: $1"
    echo $((10#${BASH_REMATCH[1]} * 1000000 + 10#${BASH_REMATCH[2]} * 1000))
}

# Microseconds of children's user CPU time from the output of `times` in file $1.
children_user_us() {
    local line
    line=$(sed -n 2p "$1")
    [[ ${line%% *} =~ ^([0-9]+)m([0-9]+)[.,]([0-9]{3})s$ ]] || guests_die "cannot read times: $line"
    echo $(((10#${BASH_REMATCH[1]} * 60 + 10#${BASH_REMATCH[2]}) * 1000000 + 10#${BASH_REMATCH[3]} * 1000))
}

# Writes the vmlinux ELF inside bzImage $1 to $2, for QEMU's PVH boot: the payload that
# payload_offset/payload_length of the setup header name, less its 4-byte uncompressed size,
# decompressed with the tool its magic asks for, and checked against that size.
extract_vmlinux() {
    local image=$1 out=$2 sects offset length magic size
    sects=$(od -An -tu1 -j $((0x1f1)) -N1 "$image" | tr -d ' ')
    [ "$sects" -ne 0 ] || sects=4
    offset=$(((sects + 1) * 512 + $(od -An -tu4 -j $((0x248)) -N4 "$image" | tr -d ' ')))
    length=$(od -An -tu4 -j $((0x24c)) -N4 "$image" | tr -d ' ')
    size=$(od -An -tu4 -j $((offset + length - 4)) -N4 "$image" | tr -d ' ')
    magic=$(od -An -tx1 -j "$offset" -N4 "$image" | tr -d ' ')
    local tool package
    case $magic in
        02214c18) tool=(lz4 -dc) package=lz4 ;;
        fd377a58) tool=(xz -dc) package=xz-utils ;;
        1f8b*) tool=(gzip -dc) package=gzip ;;
        28b52ffd) tool=(zstd -dc) package=zstd ;;
        *) guests_die "$image: no LZ4/XZ/gzip/zstd payload at offset $offset (magic $magic)" ;;
    esac
    guests_ensure_tool "${tool[0]}" "$package"
    dd if="$image" iflag=skip_bytes,count_bytes skip="$offset" count=$((length - 4)) status=none \
        | "${tool[@]}" > "$out" \
        || guests_die "$image: ${tool[0]} could not decompress the payload"
    [ "$(stat -c %s "$out")" -eq "$size" ] || guests_die "$image: vmlinux is $(stat -c %s "$out") bytes, not $size"
    [ "$(od -An -tx1 -N4 "$out" | tr -d ' ')" = 7f454c46 ] || guests_die "$image: the payload is no ELF"
}

# --- guests and jar ---------------------------------------------------------------------------
fetch_args=()
[ "$generic" -eq 0 ] || fetch_args+=(--generic)
eval "$("$root/scripts/guests/fetch-guests.sh" "${fetch_args[@]}")"
kernel=${KERNEL:?fetch-guests.sh printed no KERNEL} initrd=${INITRD:?fetch-guests.sh printed no INITRD}
[ "$generic" -eq 0 ] || kernel=$GENERIC_KERNEL initrd=$GENERIC_INITRD
qemu_kernel=$kernel
if [ "$pvh" -eq 1 ]; then
    qemu_kernel=$tmp/vmlinux
    extract_vmlinux "$kernel" "$qemu_kernel"
    guests_log "extracted $(stat -c %s "$qemu_kernel") bytes of vmlinux for QEMU's PVH boot"
fi
guests_ensure_tool qemu-system-x86_64 qemu-system-x86

guests_log "building jvmm.jar when stale (./jvmm --version) ..."
"$root/jvmm" --version > /dev/null || guests_die "./jvmm --version failed"
cp "$root/runtime/app/target/jvmm.jar" "$tmp/jvmm.jar"
aot=$(jvmm_aot_option "$tmp/jvmm.jar")
# shellcheck disable=SC2206  # JVMM_JAVA_OPTS is a list of options and $aot one or none, as in ./jvmm
java_cmd=("$JAVA_HOME/bin/java" "${JVMM_JAVA_BASE_OPTS[@]}" $aot ${JVMM_JAVA_OPTS:-} -jar "$tmp/jvmm.jar")
jvmm_args=(--kernel "$kernel" --initrd "$initrd" -m 512M -p "$smp" --no-shell -c "nokaslr jvmm.action=poweroff")
[ "$pvh" -eq 0 ] || jvmm_args+=(--pvh)
qemu_args=(--runs 1 --smp "$smp" --append nokaslr --timeout "$timeout" --kernel "$qemu_kernel")
[ "$generic" -eq 0 ] || qemu_args+=(--generic)

# --- one boot each ----------------------------------------------------------------------------
# Runs `java -jar jvmm.jar "$@"` as ./jvmm does; its status with 117 (framework stopped) as 0.
jvmm_run() {
    local status=0
    "${java_cmd[@]}" "$@" || status=$?
    [ "$status" -ne 117 ] || status=0
    return "$status"
}

# Microseconds of one `jvmm --version`.
version_once() {
    local start=${EPOCHREALTIME//[!0-9]/}
    jvmm_run --version > /dev/null 2>&1 || guests_die "jvmm --version failed"
    echo $((${EPOCHREALTIME//[!0-9]/} - start))
}

# One jvmm boot, run $1; sets marker_us (empty without marker), exit_us, user_us, status,
# stop_line. The serial output goes to $tmp/com1.log, jvmm's stderr to $tmp/jvmm.err.
jvmm_once() {
    local run=$1 com1=$tmp/com1.log start line out pid
    marker_us="" status=0 stop_line=""
    rm -f "$com1"
    times > "$tmp/before"
    start=${EPOCHREALTIME//[!0-9]/}
    JVMM_LOG="warn,org.jvmm.vm.worker=info" timeout "$timeout" "${java_cmd[@]}" "${jvmm_args[@]}" \
        --com1 "file=$com1" < /dev/null > "$tmp/jvmm.out" 2> "$tmp/jvmm.err" &
    pid=$!
    exec {out}< <(exec tail -F -s 0.01 --pid="$pid" -n +1 "$com1" 2> /dev/null)
    while IFS= read -r line <&"$out" || [ -n "$line" ]; do
        if [ -z "$marker_us" ] && [[ $line == *JVMM-INIT-OK* ]]; then
            marker_us=$((${EPOCHREALTIME//[!0-9]/} - start))
        fi
    done
    exec {out}<&-
    wait "$pid" || status=$?
    exit_us=$((${EPOCHREALTIME//[!0-9]/} - start))
    [ "$status" -ne 117 ] || status=0
    times > "$tmp/after"
    user_us=$(($(children_user_us "$tmp/after") - $(children_user_us "$tmp/before")))
    stop_line=$(grep -o 'vm[0-9]* stopped (.*' "$tmp/jvmm.err" | tail -n 1 || true)
    if [ -n "$keep" ]; then
        cp "$com1" "$keep/jvmm-$run.com1.log" 2> /dev/null || true
        cp "$tmp/jvmm.err" "$keep/jvmm-$run.stderr"
    fi
}

# One QEMU boot through qemu-boot.sh; sets q_marker_us, q_exit_us, q_user_us (empty on failure).
qemu_once() {
    local run=$1 results log_args=()
    q_marker_us="" q_exit_us="" q_user_us=""
    [ -z "$keep" ] || log_args=(--log "$keep/qemu-$run.com1.log")
    results=$("$root/scripts/guests/qemu-boot.sh" "${qemu_args[@]}" "${log_args[@]}" 2> "$tmp/qemu.err") || {
        sed 's/^/    /' "$tmp/qemu.err" >&2
        return 0
    }
    local QEMU_MARKER_S_MIN="" QEMU_EXIT_S_MEDIAN="" QEMU_USER_S_MEDIAN=""
    eval "$results"
    q_marker_us=$(to_us "$QEMU_MARKER_S_MIN")
    q_exit_us=$(to_us "$QEMU_EXIT_S_MEDIAN")
    q_user_us=$(to_us "$QEMU_USER_S_MEDIAN")
}

# --- the runs ---------------------------------------------------------------------------------
s() { guests_seconds "$1"; }
load_before=$(load)
guests_log "jvmm $(jvmm_run --version 2> /dev/null | head -n 1); $(qemu-system-x86_64 --version | head -n 1)"
guests_log "kernel $kernel$([ "$pvh" -eq 0 ] || echo " (PVH; QEMU: extracted vmlinux)"), initrd $initrd," \
    "$smp processor(s), $runs runs; load average $load_before"

versions=() j_markers=() j_exits=() j_users=() j_instr=() j_secs=() q_markers=() q_exits=() q_users=()
failed=0
for ((run = 1; run <= runs; run++)); do
    versions+=("$(version_once)")
    jvmm_once "$run"
    if [ -z "$marker_us" ] || [ "$status" -ne 0 ]; then
        failed=1
        guests_log "run $run jvmm: FAILED (marker ${marker_us:+seen}${marker_us:-missing}, status $status" \
            "after $(s "$exit_us") s); its stderr:"
        tail -n 20 "$tmp/jvmm.err" | sed 's/^/    /' >&2
    else
        j_markers+=("$marker_us") j_exits+=("$exit_us") j_users+=("$user_us")
        if [[ $stop_line =~ after\ ([0-9]+\.[0-9]{3})\ s:.*total\ ([0-9]+) ]]; then
            j_secs+=("$(to_us "${BASH_REMATCH[1]}")") j_instr+=("${BASH_REMATCH[2]}")
        fi
        guests_log "run $run jvmm: marker $(s "$marker_us") s, exit $(s "$exit_us") s, user CPU $(s "$user_us") s;" \
            "${stop_line:-no stop line}; load $(load)"
    fi
    qemu_once "$run"
    if [ -z "$q_marker_us" ]; then
        failed=1
        guests_log "run $run QEMU: FAILED (see above)"
    else
        q_markers+=("$q_marker_us") q_exits+=("$q_exit_us") q_users+=("$q_user_us")
        guests_log "run $run QEMU: marker $(s "$q_marker_us") s, exit $(s "$q_exit_us") s," \
            "user CPU $(s "$q_user_us") s; load $(load)"
    fi
done

# --- the table --------------------------------------------------------------------------------
# Prints one row: label, then min and median of the microsecond values given.
row() {
    local label=$1
    shift
    if [ $# -eq 0 ]; then
        printf '%-34s %10s %10s\n' "$label" - -
    else
        printf '%-34s %10s %10s\n' "$label" "$(s "$(minimum "$@")")" "$(s "$(median "$@")")"
    fi
}

# Prints a/b of two microsecond values with two decimals.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

echo
echo "Boot to JVMM-INIT-OK: $(basename "$(dirname "$kernel")") kernel $(cat "$(dirname "$kernel")/release")," \
    "$([ "$pvh" -eq 1 ] && echo "PVH" || echo "bzImage"), $smp processor(s), ${#j_markers[@]}/${#q_markers[@]} runs" \
    "(jvmm/QEMU)"
echo "load average (1/5/15 min): before $load_before, after $(load); $(nproc) host cores"
printf '%-34s %10s %10s\n' "seconds" min median
row "jvmm: marker" "${j_markers[@]}"
row "jvmm: exit" "${j_exits[@]}"
row "jvmm: user CPU" "${j_users[@]}"
row "jvmm: VM running (stop line)" "${j_secs[@]}"
row "jvmm --version (JVM start)" "${versions[@]}"
row "QEMU: marker" "${q_markers[@]}"
row "QEMU: exit" "${q_exits[@]}"
row "QEMU: user CPU" "${q_users[@]}"
if [ ${#j_markers[@]} -gt 0 ] && [ ${#q_markers[@]} -gt 0 ]; then
    echo "ratio jvmm/QEMU (medians): marker $(ratio "$(median "${j_markers[@]}")" "$(median "${q_markers[@]}")")," \
        "exit $(ratio "$(median "${j_exits[@]}")" "$(median "${q_exits[@]}")")," \
        "user CPU $(ratio "$(median "${j_users[@]}")" "$(median "${q_users[@]}")")"
fi
if [ ${#j_instr[@]} -gt 0 ]; then
    rates=()
    for i in "${!j_instr[@]}"; do
        rates+=("$(awk -v n="${j_instr[i]}" -v us="${j_secs[i]}" 'BEGIN { printf "%d", n / us * 1e6 }')")
    done
    echo "jvmm guest instructions to power-off (median): $(median "${j_instr[@]}");" \
        "instructions/s over the VM's running time: median $(awk -v r="$(median "${rates[@]}")" \
            'BEGIN { printf "%.1f M", r / 1e6 }'), best $(awk -v r="$(printf '%s\n' "${rates[@]}" | sort -n | tail -n 1)" \
            'BEGIN { printf "%.1f M", r / 1e6 }')"
else
    echo "jvmm guest instructions: no stop line with counts in jvmm's stderr"
fi
exit "$failed"
