# Shared helpers of the guest scripts (sourced, not run): logging, root, apt.
# The caller sets GUESTS_LOG_NAME (the prefix of its stderr messages).
# shellcheck shell=bash

guests_apt_updated=0

guests_log() {
    printf '%s: %s\n' "${GUESTS_LOG_NAME:-guests}" "$*" >&2
}

guests_die() {
    guests_log "error: $*"
    exit 1
}

# Microseconds since the epoch (bash builtin, no fork; locale-proof).
guests_now_us() {
    local t=${EPOCHREALTIME//[!0-9]/}
    printf '%s\n' "$t"
}

# Prints microseconds as seconds with three decimals: 2741234 -> 2.741
guests_seconds() {
    local ms=$(($1 / 1000))
    printf '%d.%03d\n' $((ms / 1000)) $((ms % 1000))
}

# Runs a command as root: directly when we are root, else through sudo.
guests_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        guests_die "root is needed for: $* (run as root or install sudo)"
    fi
}

# apt-get update, at most once per run.
guests_apt_update() {
    [ "$guests_apt_updated" -eq 1 ] && return 0
    guests_log "apt-get update ..."
    guests_as_root apt-get update -qq >&2 || guests_die "apt-get update failed"
    guests_apt_updated=1
}

# The candidate version apt would pick for package $1, or nothing when apt does not know it.
guests_apt_candidate() {
    local version
    version=$(apt-cache policy "$1" 2>/dev/null | awk '$1 == "Candidate:" { print $2; exit }')
    [ "$version" = "(none)" ] && version=""
    printf '%s\n' "$version"
}

# apt-get install of package $1, its output kept in file $2.
guests_apt_install() {
    guests_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "$1" > "$2" 2>&1
}

# Makes sure command $1 exists, installing Debian package $2 with apt-get when it does not.
guests_ensure_tool() {
    local tool=$1 package=$2 output
    command -v "$tool" >/dev/null 2>&1 && return 0
    guests_log "$tool is missing: apt-get install $package ..."
    [ -n "$(guests_apt_candidate "$package")" ] || guests_apt_update
    output=$(mktemp)
    if ! guests_apt_install "$package" "$output"; then
        guests_apt_update
        if ! guests_apt_install "$package" "$output"; then
            cat "$output" >&2
            rm -f "$output"
            guests_die "could not install $package"
        fi
    fi
    rm -f "$output"
    command -v "$tool" >/dev/null 2>&1 || guests_die "$package is installed but $tool is still missing"
    guests_log "installed $package $(dpkg-query -W -f='${Version}' "$package")"
}
