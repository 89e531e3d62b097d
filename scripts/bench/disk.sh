#!/usr/bin/env bash
# Disk benchmark (a script that prints figures, not a test): in-guest sequential read and write
# of a 64 MiB virtio-blk disk and a 64 MiB NVMe namespace under jvmm and under QEMU TCG, with the
# same cloud kernel, initramfs and images, in one run. The guest's /init (jvmm.action=ddbench)
# runs busybox dd: read 64 x 1 MiB to /dev/null, write 64 MiB from /dev/zero with conv=fsync, timed
# with the guest's /proc/uptime (centiseconds); this script prints both figures and the ratios.
#   jvmm: --virtio-blk file:A --nvme file:B -m 512M --no-shell --com1 file=LOG
#   QEMU: -accel tcg -m 512 -nographic -no-reboot -nic none -drive file=A,if=virtio,format=raw
#         -drive file=B,if=none,id=nv,format=raw -device nvme,drive=nv,serial=jvmm
# Usage: scripts/bench/disk.sh [--timeout S]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
GUESTS_LOG_NAME=bench-disk
# shellcheck source=scripts/guests/apt.sh
source "$root/scripts/guests/apt.sh"
# shellcheck source=scripts/jdk25.sh
source "$root/scripts/jdk25.sh"

timeout=300
while [ $# -gt 0 ]; do
    case $1 in
        --timeout) timeout=${2:?--timeout needs seconds}; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
        *) guests_die "unknown option $1 (see --help)" ;;
    esac
    shift
done
jdk25_select || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

eval "$("$root/scripts/guests/fetch-guests.sh")"
guests_ensure_tool qemu-system-x86_64 qemu-system-x86
"$root/jvmm" --version > /dev/null || guests_die "./jvmm --version failed"
cp "$root/runtime/app/target/jvmm.jar" "$tmp/jvmm.jar"

images() {
    head -c 64M /dev/urandom > "$tmp/blk.img"
    head -c 64M /dev/urandom > "$tmp/nvme.img"
}

append="console=ttyS0 panic=-1 nokaslr jvmm.action=ddbench"
images
guests_log "jvmm ..."
timeout "$timeout" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -jar "$tmp/jvmm.jar" --kernel "$KERNEL" --initrd "$INITRD" -m 512M --no-shell --com1 "file=$tmp/jvmm.log" \
    -c "nokaslr jvmm.action=ddbench" --virtio-blk "file:$tmp/blk.img" --nvme "file:$tmp/nvme.img" \
    > "$tmp/jvmm.out" 2>&1 || guests_log "jvmm exited with $?"
images
guests_log "QEMU TCG ..."
timeout "$timeout" qemu-system-x86_64 -accel tcg -m 512 -nographic -no-reboot -nic none \
    -kernel "$KERNEL" -initrd "$INITRD" -append "$append" \
    -drive "file=$tmp/blk.img,if=virtio,format=raw" \
    -drive "file=$tmp/nvme.img,if=none,id=nv,format=raw" -device nvme,drive=nv,serial=jvmm \
    > "$tmp/qemu.log" 2>&1 || guests_log "QEMU exited with $?"

# MB/s from a JVMM-DD-<WHAT>-<disk>= line of log $1 ("0.52 s 123.1 MB/s").
rate() {
    local line
    line=$(tr -d '\r' < "$1" | grep -a "^JVMM-DD-$2=" | head -n 1)
    [[ $line =~ ([0-9.]+)\ MB/s ]] || { echo "-"; return; }
    echo "${BASH_REMATCH[1]}"
}

printf '%-22s %12s %12s %8s\n' "64 MiB sequential" "jvmm MB/s" "QEMU MB/s" "ratio"
for what in READ-vda WRITE-vda READ-nvme0n1 WRITE-nvme0n1; do
    j=$(rate "$tmp/jvmm.log" "$what") q=$(rate "$tmp/qemu.log" "$what")
    ratio=$(awk -v j="$j" -v q="$q" 'BEGIN { if (j + 0 > 0 && q + 0 > 0) printf "%.2f", q / j; else print "-" }')
    printf '%-22s %12s %12s %8s\n' "$what" "$j" "$q" "$ratio"
done
echo "(ratio = QEMU / jvmm throughput: above 1 means QEMU is faster; load $(cut -d' ' -f1-3 /proc/loadavg))"
