#!/usr/bin/env bash
# hv-emu compute-bound benchmark (a script that prints figures, not a test): guest instructions
# per second for a checksum loop and a call-heavy loop, run by the CPU core alone.
# Usage: scripts/bench/emu-cpu.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../jdk25.sh
source "$root/scripts/jdk25.sh"
jdk25_select
cd "$root"
echo "emu-cpu: compiling hv-emu and its test classes ..." >&2
MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
    mvn -B -ntp -q -DskipTests install -pl bundles/hv-emu -am >&2
cp=bundles/hv-emu/target/classes:bundles/hv-emu/target/test-classes
for m in inspect hv-api guestmem vmm-resource; do cp=$cp:bundles/$m/target/classes; done
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.jvmm.hv.emu.impl.cpu.CpuBenchmark
