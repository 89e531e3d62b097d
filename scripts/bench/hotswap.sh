#!/usr/bin/env bash
# Hot-swap endurance run (a benchmark-style run that prints figures, not a timed test): issue 8's
# whole-VM check with many more cycles than CI's 20. The Debian guest md5-checks a 2 MiB
# virtio-mmio disk in a loop (jvmm.action=count) while the devices-virtio bundle is stopped and
# started N times from the Gogo shell; each stop pauses the VM, each start swaps the device with
# its state and resumes. Runs HotSwapDiskTest#diskReadsStayCorrectWhileItsBundleStopsAndStarts
# with -Djvmm.vmtest.hotswap.cycles=N (the test fails on any bad read, lost read or crash), then
# prints what the run's logs show: reads, bad reads, pauses, resumes and the time it took.
# Usage: scripts/bench/hotswap.sh [--cycles N]       (default 100; needs a built tree: ./test.sh
#        or mvn install, and the guests of scripts/guests/fetch-guests.sh)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=scripts/jdk25.sh
source "$root/scripts/jdk25.sh"

cycles=100
while [ $# -gt 0 ]; do
    case $1 in
        --cycles) cycles=${2:?--cycles needs a count}; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
        *) echo "hotswap.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
jdk25_select || exit 1
eval "$("$root/scripts/guests/fetch-guests.sh")"
export JVMM_GUEST_KERNEL=$KERNEL JVMM_GUEST_INITRD=$INITRD

start=$(date +%s)
status=0
(cd "$root" && MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -B -ntp -q -o verify \
    -pl runtime/vmtest -Dsurefire.failIfNoSpecifiedTests=false -Djvmm.vmtest.hotswap.cycles="$cycles" \
    -Dtest='HotSwapDiskTest#diskReadsStayCorrectWhileItsBundleStopsAndStarts') >&2 || status=$?
seconds=$(( $(date +%s) - start ))

run="$root/runtime/vmtest/target/vm/hotswap-disk"
expected=$(md5sum < "$run-files/vda.img" | cut -d' ' -f1)
lines=$(tr -d '\r' < "$run/com1.txt" | grep '^JVMM-COUNT=[0-9]* vda=' || true)
reads=$(printf '%s\n' "$lines" | grep -c . || true)
bad=$(printf '%s\n' "$lines" | grep -c -v "vda=$expected\$" || true)
pauses=$(grep -c 'the VM is paused until the bundle returns' "$run/jvmm-output.txt" || true)
resumes=$(grep -c 'VM resumed' "$run/jvmm-output.txt" || true)
echo "hot-swap: $cycles stop/start cycles of org.jvmm.devices.virtio under a reading guest"
echo "  reads        $reads (expected $((cycles + 3))), bad reads $bad"
echo "  pauses       $pauses, resumes $resumes"
echo "  time         $seconds s (Maven and the guest's boot included)"
echo "  test         $([ "$status" -eq 0 ] && echo passed || echo "FAILED (status $status)")"
exit "$status"
