#!/usr/bin/env bash
# Builds the test guests' initramfs (cpio newc, gzip):
#   /bin/busybox with its applet links, /init (init.sh next to this script), /dev/console,
#   /lib/modules/NAME.ko and /etc/jvmm/modules (the load order) for the virtio modules.
# Usage: build-initrd.sh BUSYBOX OUTPUT [MODULE_DIR]
#   BUSYBOX     a static busybox binary
#   OUTPUT      the initrd to write (replaced atomically)
#   MODULE_DIR  a kernel's lib/modules/RELEASE (with modules.order); without it no modules
# or:    build-initrd.sh --paths MODULE_DIR
#   prints the module files (relative to MODULE_DIR) an initrd would take, one a line
# The archive is reproducible: same inputs, same bytes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GUESTS_LOG_NAME=build-initrd
# shellcheck source=scripts/guests/apt.sh
source "$here/apt.sh"

# Load order of the Debian cloud kernel's modules (modprobe --show-depends, see GUESTS.md).
MODULES=(virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_mmio
    virtio_blk failover net_failover virtio_net virtio_console virtio-rng
    vsock vmw_vsock_virtio_transport_common vmw_vsock_virtio_transport
    netfs fscache 9pnet 9pnet_virtio 9p fuse virtiofs
    libnvdimm nd_btt nd_virtio virtio_pmem nd_pmem)

usage() {
    guests_die "usage: build-initrd.sh BUSYBOX OUTPUT [MODULE_DIR] | --paths MODULE_DIR | --list"
}

if [ "${1:-}" = --list ]; then
    printf '%s\n' "${MODULES[*]}"
    exit 0
fi
paths_only=0
if [ "${1:-}" = --paths ]; then
    [ $# -eq 2 ] || usage
    paths_only=1
    module_dir=$2
else
    if [ $# -lt 2 ] || [ $# -gt 3 ]; then
        usage
    fi
    busybox=$1
    output=$2
    module_dir=${3:-}
    [ -x "$busybox" ] || guests_die "not an executable busybox: $busybox"
fi
[ -z "$module_dir" ] || [ -f "$module_dir/modules.order" ] || guests_die "no modules.order in $module_dir"

# Sets $normalized to module $1's name (no directory, no .ko*), with '-' and '_' as the same
# character, as modprobe compares them. No subshell: it runs for every line of modules.order.
normalize() {
    normalized=${1##*/}
    normalized=${normalized%%.ko*}
    normalized=${normalized//-/_}
}

# Fills module_paths (normalized name -> path relative to MODULE_DIR) and builtin_modules.
# modules.order lists every loadable module (the package has no modules.dep: depmod makes it
# when the package is installed); the file itself may carry a compression suffix.
declare -A module_paths=() builtin_modules=()
index_modules() {
    local path normalized suffix
    while IFS= read -r path; do
        normalize "$path"
        for suffix in '' .xz .zst .gz; do
            if [ -f "$module_dir/$path$suffix" ]; then
                module_paths[$normalized]=$path$suffix
                break
            fi
        done
    done < "$module_dir/modules.order"
    [ -f "$module_dir/modules.builtin" ] || return 0
    while IFS= read -r path; do
        normalize "$path"
        builtin_modules[$normalized]=1
    done < "$module_dir/modules.builtin"
}

# Copies one module file into the initramfs as lib/modules/NAME.ko, uncompressed.
copy_module() {
    local source=$1 target=$2
    case $source in
        *.ko) cp "$source" "$target" ;;
        *.ko.xz) guests_ensure_tool xz xz-utils && xz -dc "$source" > "$target" ;;
        *.ko.zst) guests_ensure_tool zstd zstd && zstd -qdc "$source" > "$target" ;;
        *.ko.gz) gzip -dc "$source" > "$target" ;;
        *) guests_die "unknown module format: $source" ;;
    esac
}

# Sets chosen_names and chosen_paths to the modules of MODULES the kernel has, in order.
choose_modules() {
    local name normalized path
    chosen_names=()
    chosen_paths=()
    index_modules
    for name in "${MODULES[@]}"; do
        normalize "$name"
        path=${module_paths[$normalized]:-}
        if [ -n "$path" ]; then
            chosen_names+=("$name")
            chosen_paths+=("$path")
        elif [ -n "${builtin_modules[$normalized]:-}" ]; then
            guests_log "module $name is built into the kernel"
        else
            guests_log "warning: the kernel has no module $name"
        fi
    done
}

add_modules() {
    local i
    choose_modules
    for i in "${!chosen_names[@]}"; do
        copy_module "$module_dir/${chosen_paths[i]}" "$root/lib/modules/${chosen_names[i]}.ko"
    done
    printf '%s\n' "${chosen_names[@]}" > "$root/etc/jvmm/modules"
    guests_log "modules: ${chosen_names[*]}"
}

add_busybox() {
    local applet
    cp "$busybox" "$root/bin/busybox"
    while IFS= read -r applet; do
        [ "$applet" = bin/busybox ] && continue
        [[ $applet != */* ]] || mkdir -p "$root/${applet%/*}"
        ln -s /bin/busybox "$root/$applet"
    done < <("$busybox" --list-full)
}

# /bin/NAME from SOURCE (here), static, when gcc and glibc's static library are there: the guest
# programs of whole-VM tests (jvmm-vsock: the vsock test; jvmm-edu: the edu plugin's test;
# jvmm-fpucheck: user state across context switches). Without gcc the initramfs is built without
# them and says so.
add_static_program() {
    local name=$1 source=$2
    if ! command -v gcc > /dev/null; then
        guests_log "warning: no gcc: the initramfs has no $name"
        return 0
    fi
    if ! gcc -static -O2 -o "$root/bin/$name" "$here/$source" 2> "$root.gcc.log"; then
        guests_log "warning: gcc -static failed ($(head -c 300 "$root.gcc.log")): the initramfs has no $name"
        rm -f "$root/bin/$name"
    fi
    rm -f "$root.gcc.log"
}

# A newc entry written by hand: a regular user cannot mknod, and the kernel opens /dev/console
# for init before /init runs. Arguments: name, mode (octal), rdev major, rdev minor.
newc_entry() {
    local name=$1 mode=$2 major=$3 minor=$4 size=$((${#1} + 1)) pad
    printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
        0 $((8#$mode)) 0 0 1 0 0 0 0 "$major" "$minor" "$size" 0
    printf '%s\0' "$name"
    pad=$(((4 - (110 + size) % 4) % 4))
    head -c "$pad" /dev/zero
}

write_archive() {
    local flags=(-o -H newc --owner=0:0 --quiet) help
    help=$(cpio --help 2>&1 || true)
    [[ $help != *--reproducible* ]] || flags+=(--reproducible)
    find "$root" -exec touch -h -d @0 {} +
    {
        (cd "$root" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort | cpio "${flags[@]}")
        newc_entry dev/console 20600 5 1
        newc_entry 'TRAILER!!!' 0 0 0
    } | gzip -9 -n > "$root.img"
    mv -f "$root.img" "$output"
}

if [ "$paths_only" -eq 1 ]; then
    choose_modules
    printf '%s\n' "${chosen_paths[@]}"
    exit 0
fi

guests_ensure_tool cpio cpio
guests_ensure_tool gzip gzip
root=$(mktemp -d "${output%/*}/.initrd.XXXXXX")
trap 'rm -rf "$root" "$root.img"' EXIT

mkdir -p "$root"/{bin,dev,etc/jvmm,lib/modules,mnt,proc,root,run,sys,tmp}
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
cp "$here/init.sh" "$root/init"
chmod 755 "$root/init"
add_busybox
add_static_program jvmm-vsock vsock-client.c
add_static_program jvmm-edu edu-test.c
add_static_program jvmm-fpucheck fpu-check.c
if [ -n "$module_dir" ]; then
    add_modules
else
    : > "$root/etc/jvmm/modules"
fi
write_archive
guests_log "wrote $output ($(du -k "$output" | cut -f1) KiB)"
