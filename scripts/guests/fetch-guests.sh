#!/usr/bin/env bash
# Prepares the Debian bookworm test guests of jvmm and prints their paths, one KEY=path a line
# (for `eval "$(scripts/guests/fetch-guests.sh)"`); progress goes to stderr.
#
#   KERNEL, KERNEL_CONFIG, KERNEL_MODULES, KERNEL_RELEASE, INITRD     the cloud kernel (always)
#   GENERIC_KERNEL, GENERIC_CONFIG, GENERIC_INITRD                    with --generic
#
# Packages come from `apt-get download` (never installed): linux-image-cloud-amd64's and
# linux-image-amd64's versioned kernels, resolved from the meta packages, and busybox-static.
# Everything is cached in ${XDG_CACHE_HOME:-$HOME/.cache}/jvmm/guests (JVMM_GUESTS_CACHE
# overrides it) and built only when missing; delete that folder to start over.
#
# Options:
#   --generic   also the generic kernel (linux-image-amd64, XZ-compressed, for the PVH path)
#   --refresh   apt-get update and rebuild what a newer package (a security release) replaces
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GUESTS_LOG_NAME=fetch-guests
# shellcheck source=scripts/guests/apt.sh
source "$here/apt.sh"

cache=${JVMM_GUESTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jvmm/guests}
want_generic=0
refresh=0
for arg in "$@"; do
    case $arg in
        --generic) want_generic=1 ;;
        --refresh) refresh=1 ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
            exit 0
            ;;
        *) guests_die "unknown option $arg (see --help)" ;;
    esac
done

# The resolved packages, name=version ("" until resolve runs).
cloud_deb="" generic_deb="" busybox_deb=""
work=""
trap '[ -z "$work" ] || rm -rf "$work"' EXIT

# Prints package=version (apt's candidate) for each package apt knows of those given.
# One apt-cache call for all: without a pkgcache.bin each call parses the lists (0.5 s).
candidates() {
    apt-cache policy "$@" 2>/dev/null | awk '
        /^[^ ].*:$/ { name = substr($0, 1, length($0) - 1) }
        $1 == "Candidate:" && $2 != "(none)" { print name "=" $2 }'
}

# Prints meta=versioned for each kernel meta package given as name=version: the versioned
# kernel package (linux-image-6.1.0-NN-...) it depends on.
versioned_kernels() {
    apt-cache depends "$@" 2>/dev/null | awk '
        /^[^ ]/ { name = $1 }
        $1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ && !(name in seen) { seen[name] = 1; print name "=" $2 }'
}

# Prints the value of key $1 in the key=value lines $2, failing with message $3 without it.
lookup() {
    local line
    while IFS= read -r line; do
        if [ "${line%%=*}" = "$1" ]; then
            printf '%s\n' "${line#*=}"
            return 0
        fi
    done <<< "$2"
    guests_die "$3"
}

# Sets cloud_deb, generic_deb and busybox_deb (name=version) from apt's package lists,
# updating them first when they are missing or do not list the cloud kernel.
resolve() {
    local metas kernels versions cloud generic
    metas=$(candidates linux-image-cloud-amd64 linux-image-amd64 busybox-static)
    if [[ $metas != *linux-image-cloud-amd64=* ]]; then
        guests_apt_update
        metas=$(candidates linux-image-cloud-amd64 linux-image-amd64 busybox-static)
    fi
    busybox_deb=busybox-static=$(lookup busybox-static "$metas" "apt knows no busybox-static")
    kernels=$(versioned_kernels "linux-image-cloud-amd64=$(lookup linux-image-cloud-amd64 "$metas" \
        "apt knows no linux-image-cloud-amd64 (is Debian bookworm main in the apt sources?)")" \
        "linux-image-amd64=$(lookup linux-image-amd64 "$metas" "apt knows no linux-image-amd64")")
    cloud=$(lookup linux-image-cloud-amd64 "$kernels" "cannot resolve linux-image-cloud-amd64's kernel")
    generic=$(lookup linux-image-amd64 "$kernels" "cannot resolve linux-image-amd64's kernel")
    versions=$(candidates "$cloud" "$generic")
    cloud_deb=$cloud=$(lookup "$cloud" "$versions" "apt knows no $cloud")
    generic_deb=$generic=$(lookup "$generic" "$versions" "apt knows no $generic")
}

# True when folder $1 holds every file named after it.
complete() {
    local dir=$1 file
    shift
    for file in "$@"; do
        [ -e "$cache/$dir/$file" ] || return 1
    done
}

# True when the cached kernel $1 kept its module files for build-initrd.sh's current module list
# (the cloud kernel keeps all of them; the others only those, so a longer list needs a new copy).
modules_complete() {
    [ "$1" = cloud ] || [ "$(cat "$cache/$1/modules.wanted" 2>/dev/null)" = "$("$here/build-initrd.sh" --list)" ]
}

# True when the cached $1 (cloud, generic, busybox) is missing or, with --refresh, outdated.
needed() {
    local dir=$1 want=$2
    case $dir in
        busybox) complete busybox busybox versions || return 0 ;;
        *) complete "$dir" vmlinuz config modules/modules.order release versions || return 0
           modules_complete "$dir" || return 0 ;;
    esac
    [ "$refresh" -eq 1 ] && [ "$(cat "$cache/$dir/versions")" != "$want" ]
}

# apt-get download of packages (name=version) into $work; false when apt fails.
download() {
    local opts=(-q)
    [ "$(id -u)" -ne 0 ] || opts+=(-o APT::Sandbox::User=root)
    (cd "$work" && apt-get download "${opts[@]}" "$@") >&2
}

# The downloaded .deb of package name=version $1.
deb_file() {
    local files=("$work/${1%%=*}_"*.deb)
    [ -f "${files[0]}" ] || guests_die "apt-get download left no .deb for ${1%%=*}"
    printf '%s\n' "${files[0]}"
}

# Moves the kernel of package $2 (name=version), unpacked in $3, into the cache folder $1.
# Module files: all for the cloud kernel; for the others only those build-initrd.sh takes.
install_kernel() {
    local dir=$1 deb=$2 unpacked=$3 release modules new path
    release=${deb%%=*}
    release=${release#linux-image-}
    modules=$unpacked/lib/modules/$release
    [ -d "$modules" ] || modules=$unpacked/usr/lib/modules/$release
    if [ ! -f "$unpacked/boot/vmlinuz-$release" ] || [ ! -f "$modules/modules.order" ]; then
        guests_die "${deb%%=*} has no boot/vmlinuz-$release or lib/modules/$release"
    fi
    new=$cache/.new-$dir
    rm -rf "$new"
    mkdir -p "$new"
    mv "$unpacked/boot/vmlinuz-$release" "$new/vmlinuz"
    mv "$unpacked/boot/config-$release" "$new/config"
    if [ "$dir" = cloud ]; then
        mv "$modules" "$new/modules"
    else
        mkdir -p "$new/modules"
        cp "$modules"/modules.{builtin,order} "$new/modules/"
        while IFS= read -r path; do
            [ -n "$path" ] || continue
            mkdir -p "$new/modules/${path%/*}"
            cp "$modules/$path" "$new/modules/$path"
        done < <("$here/build-initrd.sh" --paths "$modules")
    fi
    "$here/build-initrd.sh" --list > "$new/modules.wanted"
    printf '%s\n' "$release" > "$new/release"
    printf '%s\n' "$deb" > "$new/versions"
    rm -rf "${cache:?}/$dir"
    mv "$new" "$cache/$dir"
    guests_log "$dir kernel $release: vmlinuz $(du -k "$cache/$dir/vmlinuz" | cut -f1) KiB," \
        "modules $(du -sk "$cache/$dir/modules" | cut -f1) KiB"
}

install_busybox() {
    local deb=$1 unpacked=$2 new=$cache/.new-busybox
    rm -rf "$new"
    mkdir -p "$new"
    mv "$unpacked/bin/busybox" "$new/busybox"
    printf '%s\n' "$deb" > "$new/versions"
    rm -rf "$cache/busybox"
    mv "$new" "$cache/busybox"
}

# The "dir=name=version" words of the wanted folders, from the resolved packages.
wanted_items() {
    local dir
    for dir in "${wanted[@]}"; do
        case $dir in
            busybox) printf '%s\n' "busybox=$busybox_deb" ;;
            cloud) printf '%s\n' "cloud=$cloud_deb" ;;
            generic) printf '%s\n' "generic=$generic_deb" ;;
        esac
    done
}

# Downloads the wanted packages into a fresh $work; false when apt-get download fails.
download_wanted() {
    local item debs=() start
    while IFS= read -r item; do debs+=("${item#*=}"); done < <(wanted_items)
    [ -z "$work" ] || rm -rf "$work"
    work=$(mktemp -d "$cache/.work.XXXXXX")
    guests_log "downloading ${debs[*]} ..."
    start=$(guests_now_us)
    download "${debs[@]}" || return 1
    guests_log "downloaded $(du -ck "$work"/*.deb | tail -n 1 | cut -f1) KiB" \
        "in $(guests_seconds $(($(guests_now_us) - start))) s"
}

# Unpacks the downloaded packages into their cache folders.
unpack_wanted() {
    local item dir deb start
    while IFS= read -r item; do
        dir=${item%%=*}
        deb=${item#*=}
        start=$(guests_now_us)
        dpkg -x "$(deb_file "$deb")" "$work/$dir"
        case $dir in
            busybox) install_busybox "$deb" "$work/$dir" ;;
            *) install_kernel "$dir" "$deb" "$work/$dir" ;;
        esac
        rm -rf "${work:?}/$dir"
        guests_log "unpacked ${deb%%=*} in $(guests_seconds $(($(guests_now_us) - start))) s"
    done < <(wanted_items)
    rm -rf "$work"
    work=""
}

# Rebuilds $1/initrd.img when it is missing or was built from other inputs.
ensure_initrd() {
    local dir=$cache/$1 stamp start
    stamp=$(cat "$here/init.sh" "$here/build-initrd.sh" "$here/vsock-client.c" "$here/edu-test.c" "$here/fpu-check.c" "$dir/versions" "$cache/busybox/versions" \
        | sha256sum | cut -d' ' -f1)
    if [ -f "$dir/initrd.img" ] && [ "$(cat "$dir/initrd.stamp" 2>/dev/null)" = "$stamp" ]; then
        return 0
    fi
    guests_log "building $1/initrd.img ..."
    start=$(guests_now_us)
    "$here/build-initrd.sh" "$cache/busybox/busybox" "$dir/initrd.img" "$dir/modules"
    printf '%s\n' "$stamp" > "$dir/initrd.stamp"
    guests_log "built $1/initrd.img in $(guests_seconds $(($(guests_now_us) - start))) s"
}

emit() {
    printf '%s=%q\n' "$1" "$2"
}

mkdir -p "$cache"
exec 9> "$cache/.lock"
if ! flock -n 9; then
    guests_log "waiting for another fetch-guests.sh on $cache ..."
    flock 9
fi

[ "$refresh" -eq 0 ] || { guests_apt_update; resolve; }
wanted=()
needed busybox "$busybox_deb" && wanted+=("busybox")
needed cloud "$cloud_deb" && wanted+=("cloud")
[ "$want_generic" -eq 1 ] && needed generic "$generic_deb" && wanted+=("generic")
if [ ${#wanted[@]} -gt 0 ]; then
    [ -n "$cloud_deb" ] || resolve
    if ! download_wanted; then
        [ "$guests_apt_updated" -eq 0 ] || guests_die "apt-get download failed"
        guests_log "apt-get download failed: updating the package lists and trying again"
        guests_apt_update
        resolve
        download_wanted || guests_die "apt-get download failed"
    fi
    unpack_wanted
fi
ensure_initrd cloud
[ "$want_generic" -eq 0 ] || ensure_initrd generic

versions=$(cat "$cache/cloud/versions" "$cache/busybox/versions")
[ "$want_generic" -eq 0 ] || versions+=$'\n'$(cat "$cache/generic/versions")
guests_log "guests in $cache:" "${versions//$'\n'/ }"
emit KERNEL "$cache/cloud/vmlinuz"
emit INITRD "$cache/cloud/initrd.img"
emit KERNEL_CONFIG "$cache/cloud/config"
emit KERNEL_MODULES "$cache/cloud/modules"
emit KERNEL_RELEASE "$(cat "$cache/cloud/release")"
if [ "$want_generic" -eq 1 ]; then
    emit GENERIC_KERNEL "$cache/generic/vmlinuz"
    emit GENERIC_CONFIG "$cache/generic/config"
    emit GENERIC_INITRD "$cache/generic/initrd.img"
fi
