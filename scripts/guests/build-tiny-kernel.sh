#!/usr/bin/env bash
# Builds jvmm's tiny test kernel and prints its path as TINY_KERNEL=path (for eval); progress to
# stderr. The source is Debian bookworm's linux-source-6.1 (apt-get download, never installed);
# the configuration is the kernel's tinyconfig plus what a jvmm test guest needs (64-bit, SMP, PCI,
# ACPI for the processors and power-off, the 8250 serial console, an initramfs with busybox:
# ELF, scripts, proc, sysfs, devtmpfs; the PVH entry, so jvmm --pvh starts it without running the
# decompressor; LZ4 for the bzImage path), no modules. The bzImage is cached in
# ${XDG_CACHE_HOME:-$HOME/.cache}/jvmm/guests/tiny-<version> (JVMM_GUESTS_CACHE overrides the
# folder) and built only when missing; the build needs gcc, make, flex, bison, bc and libelf-dev,
# installed when missing. It boots with the initramfs of fetch-guests.sh (whose modules it cannot
# load; /init ignores that).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GUESTS_LOG_NAME=tiny-kernel
# shellcheck source=scripts/guests/apt.sh
source "$here/apt.sh"

cache=${JVMM_GUESTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jvmm/guests}
case ${1:-} in
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
    "") ;;
    *) guests_die "unknown option $1 (see --help)" ;;
esac

version=$(guests_apt_candidate linux-source-6.1)
if [ -z "$version" ]; then
    guests_apt_update
    version=$(guests_apt_candidate linux-source-6.1)
fi
[ -n "$version" ] || guests_die "apt knows no linux-source-6.1"
out="$cache/tiny-$version"
if [ -f "$out/bzImage" ]; then
    echo "TINY_KERNEL=$out/bzImage"
    exit 0
fi

for tool in make flex bison bc gcc; do
    guests_ensure_tool "$tool" "$tool"
done
if [ ! -f /usr/include/libelf.h ]; then
    mkdir -p "$cache"
    guests_log "libelf-dev is missing: apt-get install libelf-dev ..."
    guests_apt_install libelf-dev "$cache/tiny-apt.log" || guests_die "apt-get install libelf-dev failed (see $cache/tiny-apt.log)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/jvmm-tiny.XXXXXX")
trap 'rm -rf "$work"' EXIT
guests_log "downloading linux-source-6.1=$version ..."
(cd "$work" && apt-get download -q "linux-source-6.1=$version" >/dev/null) || guests_die "apt-get download failed"
guests_log "unpacking ..."
dpkg-deb --fsys-tarfile "$work"/linux-source-6.1_*.deb | tar -x -C "$work" --wildcards '*/linux-source-6.1.tar.xz'
tar -xJf "$(find "$work" -name linux-source-6.1.tar.xz)" -C "$work"
src="$work/linux-source-6.1"

guests_log "configuring (tinyconfig + the test guest's needs) ..."
make -s -C "$src" tinyconfig >/dev/null
"$src/scripts/config" --file "$src/.config" \
    --enable 64BIT --enable SMP --enable PRINTK --enable PRINTK_TIME --enable TTY \
    --enable SERIAL_8250 --enable SERIAL_8250_CONSOLE --enable BLK_DEV_INITRD --enable RD_GZIP \
    --enable BINFMT_ELF --enable BINFMT_SCRIPT --enable PROC_FS --enable SYSFS --enable DEVTMPFS \
    --enable DEVTMPFS_MOUNT --enable PCI --enable ACPI --enable FUTEX --enable EPOLL --enable SIGNALFD --enable TIMERFD \
    --enable X86_LOCAL_APIC --enable X86_IO_APIC --enable HIGH_RES_TIMERS --enable NO_HZ_IDLE \
    --enable UNIX --enable NET --enable MULTIUSER --enable FILE_LOCKING --enable SHMEM --enable TMPFS \
    --enable HYPERVISOR_GUEST --enable PVH --enable KERNEL_LZ4 --disable KERNEL_GZIP \
    --set-str LOCALVERSION -jvmm-tiny --disable MODULES
make -s -C "$src" olddefconfig >/dev/null
guests_log "building bzImage (a few minutes on 2 cores) ..."
start=$(date +%s)
make -s -C "$src" -j"$(nproc)" bzImage > "$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; guests_die "the kernel build failed"; }
guests_log "built in $(( $(date +%s) - start )) s"
mkdir -p "$out"
cp "$src/arch/x86/boot/bzImage" "$out/bzImage.tmp" && cp "$src/.config" "$out/config"
mv "$out/bzImage.tmp" "$out/bzImage"
echo "TINY_KERNEL=$out/bzImage"
