#!/usr/bin/env bash
# The project's test command (also what CI runs): the whole Maven build with every unit test and
# every in-framework (OSGi) test, then one summary line:  tests: N passed, N failed, N skipped
# Exits non-zero when Maven fails (or times out) or any test failed.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root" || exit 1
# shellcheck source=scripts/jdk25.sh
source scripts/jdk25.sh
jdk25_select || exit 1

# Debian packages the tests need (guest kernels, qemu, gcc, ...): installed when missing.
# cpio builds the guest initramfs; acpica-tools (iasl) checks the generated ACPI tables;
# gcc-mingw-w64-x86-64 compiles hv-whp's ABI check against <winhvplatform.h> (gcc with
# linux-libc-dev does hv-kvm's against <linux/kvm.h>); qemu-utils (qemu-img, qemu-io) cross-checks
# the qcow2 reader.
TEST_PACKAGES=(cpio acpica-tools gcc-mingw-w64-x86-64 qemu-utils linux-libc-dev libc6-dev)

ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "test.sh: installing ${missing[*]}"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

# Sums tests/failures/errors/skipped over every JUnit XML report (Surefire and bnd-testing).
summarize_reports() {
    local tests=0 failures=0 errors=0 skipped=0 file suite
    while IFS= read -r -d '' file; do
        # the attributes of the first <testsuite ...> element
        suite=$(tr '\n' ' ' < "$file" | grep -o '<testsuite [^>]*>' | head -n 1)
        tests=$((tests + $(xml_attr "$suite" tests)))
        failures=$((failures + $(xml_attr "$suite" failures)))
        errors=$((errors + $(xml_attr "$suite" errors)))
        skipped=$((skipped + $(xml_attr "$suite" skipped)))
    done < <(find . -path ./.git -prune -o -type f \( -path '*/target/surefire-reports/TEST-*.xml' \
        -o -path '*/target/test-reports/*TEST-*.xml' \) -print0 2>/dev/null)
    SUMMARY_FAILED=$((failures + errors))
    SUMMARY_SKIPPED=$skipped
    SUMMARY_PASSED=$((tests - SUMMARY_FAILED - skipped))
}

# Prints the integer attribute $2 of the XML start tag $1 (0 when absent).
xml_attr() {
    local value
    value=$(printf '%s' "$1" | grep -o " $2=\"[0-9]*\"" | head -n 1 | tr -dc '0-9')
    echo "${value:-0}"
}

ensure_packages "${TEST_PACKAGES[@]}" || { echo "test.sh: could not install ${TEST_PACKAGES[*]}"; exit 1; }

# The Debian guest (cloud kernel + busybox initramfs) for the whole-VM Linux tests, fetched with
# apt-get download and cached outside the tree; the tests find it through these variables.
guest_paths=$(scripts/guests/fetch-guests.sh --generic) || { echo "test.sh: fetching the Debian test guests failed"; exit 1; }
eval "$guest_paths"
export JVMM_GUEST_KERNEL=$KERNEL JVMM_GUEST_INITRD=$INITRD
export JVMM_GUEST_GENERIC_KERNEL=$GENERIC_KERNEL JVMM_GUEST_GENERIC_INITRD=$GENERIC_INITRD
export JVMM_TEST_KERNEL=$KERNEL:$GENERIC_KERNEL
# The project's tiny kernel (Debian's linux-source with a small config), built once and cached.
tiny_path=$(scripts/guests/build-tiny-kernel.sh) || { echo "test.sh: building the tiny test kernel failed"; exit 1; }
eval "$tiny_path"
export JVMM_GUEST_TINY_KERNEL=$TINY_KERNEL

# Reports of an earlier run must not be counted again.
find . \( -path '*/target/surefire-reports' -o -path '*/target/test-reports' \) -type d -prune \
    -exec rm -rf {} + 2>/dev/null

start=$(date +%s)
# install, not verify: the example plugin (examples/edu-device, its own Maven project built by a
# whole-VM test and below) builds against the API bundles in the local repository.
MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" timeout 80m mvn -B -ntp -Dstyle.color=never install
maven_status=$?
if [ "$maven_status" -eq 0 ]; then
    MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" timeout 10m \
        mvn -o -B -ntp -Dstyle.color=never -f examples/edu-device/pom.xml verify || maven_status=1
fi
[ "$maven_status" -eq 124 ] && echo "test.sh: Maven timed out after 80 minutes"

summarize_reports
echo
echo "test.sh: Maven exit code $maven_status after $(( $(date +%s) - start )) s"
echo "tests: $SUMMARY_PASSED passed, $SUMMARY_FAILED failed, $SUMMARY_SKIPPED skipped"

[ "$maven_status" -eq 0 ] && [ "$SUMMARY_FAILED" -eq 0 ]
