# Sourced by ./jvmm and scripts/bench/boot.sh after jdk25_select: how jvmm's JVM is started.

# The options every start of jvmm.jar needs (FFM downcalls, and Felix's use of sun.misc.Unsafe).
JVMM_JAVA_BASE_OPTS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)

# The Debian cloud guest of scripts/guests/fetch-guests.sh, when it is cached: the training workload.
jvmm_training_guest() {
    local dir=${JVMM_GUESTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jvmm/guests}/cloud
    [ -f "$dir/vmlinuz" ] && [ -f "$dir/initrd.img" ] && echo "$dir"
}

# Prints the option that starts the JVM with an ahead-of-time cache for the jar $1 (JDK 25, JEPs 483,
# 514 and 515: the JDK, Felix and jvmm classes loaded and linked, and the method profiles of a
# training run, so the JIT compilers start from them), making the cache ($1 with .aot for .jar) when
# it is missing or older than the jar. The training run boots the cached cloud guest to power-off
# (about 10 s, once per build), which gives hv-emu's interpreter and translator their profiles: the
# guest boots ~5% faster than with a cache trained on `--version` alone, which is the fallback when
# no guest is cached (the cache is made again once one is: $aot.training says which it was).
# Prints nothing when the cache cannot be made; java ignores a cache that no longer fits its jar.
jvmm_aot_option() {
    local jar=$1 aot=${1%.jar}.aot guest training=version
    guest=$(jvmm_training_guest) && training=boot
    if [ ! -f "$aot" ] || [ "$jar" -nt "$aot" ] || [ "$(cat "$aot.training" 2>/dev/null)" != "$training" ]; then
        echo "jvmm: preparing the start-up cache $aot (once per build, training: $training) ..." >&2
        rm -f "$aot" "$aot.training"
        if [ "$training" = boot ]; then
            jvmm_aot_train "$jar" "$aot" --kernel "$guest/vmlinuz" --initrd "$guest/initrd.img" -m 512M --no-shell \
                --com1 none -c "nokaslr jvmm.action=poweroff" ||
                echo "jvmm: the training boot failed; the start-up cache is trained by --version" >&2
        fi
        [ -f "$aot" ] || jvmm_aot_train "$jar" "$aot" --version
        # Recorded even when the boot failed, so that it is not tried again for this build.
        [ -f "$aot" ] && echo "$training" >"$aot.training"
    fi
    if [ -f "$aot" ]; then
        echo "-XX:AOTCache=$aot"
    fi
}

# Makes the cache $2 for the jar $1 by a training run of jvmm with the arguments after them.
jvmm_aot_train() {
    local jar=$1 aot=$2 status=0
    shift 2
    timeout 180 "$JAVA_HOME/bin/java" "${JVMM_JAVA_BASE_OPTS[@]}" -XX:AOTCacheOutput="$aot.$$" -jar "$jar" "$@" \
        </dev/null >/dev/null 2>&1 && [ -f "$aot.$$" ] && mv -f "$aot.$$" "$aot" || status=1
    rm -f "$aot.$$" "$aot.$$.config"
    return "$status"
}
