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
        local run=(--version)
        if [ "$training" = boot ]; then
            run=(--kernel "$guest/vmlinuz" --initrd "$guest/initrd.img" -m 512M --no-shell --com1 none
                -c "nokaslr jvmm.action=poweroff")
        fi
        if timeout 600 "$JAVA_HOME/bin/java" "${JVMM_JAVA_BASE_OPTS[@]}" -XX:AOTCacheOutput="$aot.$$" \
            -jar "$jar" "${run[@]}" </dev/null >/dev/null 2>&1 && [ -f "$aot.$$" ]; then
            mv -f "$aot.$$" "$aot"
            echo "$training" >"$aot.training"
        fi
        rm -f "$aot.$$" "$aot.$$.config"
    fi
    if [ -f "$aot" ]; then
        echo "-XX:AOTCache=$aot"
    fi
}
