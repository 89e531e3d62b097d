# Sourced by ./jvmm and scripts/bench/boot.sh after jdk25_select: how jvmm's JVM is started.

# The options every start of jvmm.jar needs (FFM downcalls, and Felix's use of sun.misc.Unsafe).
JVMM_JAVA_BASE_OPTS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)

# Prints the option that starts the JVM with an ahead-of-time cache for the jar $1 (JDK 25, JEP 483
# and 514: the JDK and Felix classes jvmm's start-up loads and links, ready in a file), making the
# cache ($1 with .aot for .jar) by a training run (--version) when it is missing or older than the
# jar. Prints nothing when the cache cannot be made; java ignores a cache that no longer fits its jar.
jvmm_aot_option() {
    local jar=$1 aot=${1%.jar}.aot
    if [ ! -f "$aot" ] || [ "$jar" -nt "$aot" ]; then
        echo "jvmm: preparing the start-up cache $aot (once per build) ..." >&2
        rm -f "$aot"
        if "$JAVA_HOME/bin/java" "${JVMM_JAVA_BASE_OPTS[@]}" -XX:AOTCacheOutput="$aot.$$" -jar "$jar" --version \
            >/dev/null 2>&1; then
            mv -f "$aot.$$" "$aot"
        fi
        rm -f "$aot.$$" "$aot.$$.config"
    fi
    if [ -f "$aot" ]; then
        echo "-XX:AOTCache=$aot"
    fi
}
