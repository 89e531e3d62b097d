# Sourced by ./jvmm and ./test.sh: finds a JDK 25 and exports JAVA_HOME (Maven and java use it).
# Order: $JAVA_HOME if it is a JDK 25, else the first /usr/lib/jvm/*25* that is one.

# Prints the major Java version of the JDK at $1 (empty when it is not a JDK).
jdk_major_version() {
    local home=$1 version=""
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    if [ -r "$home/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    fi
    if [ -z "$version" ]; then
        version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
    fi
    echo "$version"
}

# Exports JAVA_HOME for a JDK 25 and puts its bin first on PATH; returns 1 with a message if none.
jdk25_select() {
    local candidate
    if [ -n "${JAVA_HOME:-}" ] && [ "$(jdk_major_version "$JAVA_HOME")" = 25 ]; then
        candidate=$JAVA_HOME
    else
        candidate=""
        for dir in /usr/lib/jvm/*25*; do
            if [ -d "$dir" ] && [ "$(jdk_major_version "$dir")" = 25 ]; then
                candidate=$dir
                break
            fi
        done
    fi
    if [ -z "$candidate" ]; then
        echo "jvmm: no JDK 25 found (JAVA_HOME=${JAVA_HOME:-unset}, nothing usable in /usr/lib/jvm/*25*)." >&2
        echo "jvmm: install one (e.g. Temurin 25) or point JAVA_HOME at it." >&2
        return 1
    fi
    export JAVA_HOME=$candidate
    export PATH="$JAVA_HOME/bin:$PATH"
}
