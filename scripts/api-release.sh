#!/usr/bin/env bash
# Cuts an API release for bnd baselining: the exported packages of every bundle that exports any,
# from the jars of the last build (mvn install), as API jars (the manifest with Bundle-Version set
# to VERSION, and the classes of the exported packages only) in cnf/baseline, a Maven repository in
# the tree. bnd-baseline-maven-plugin compares each build of those bundles with the newest release
# there below the project version, and fails the build when an exported package changed without the
# version bump its change needs (see cnf/baseline/README.md).
#   scripts/api-release.sh VERSION        e.g. 0.1.0, then move the project version past it
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=${1:?usage: scripts/api-release.sh VERSION}
project=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -n 1)
repo="$root/cnf/baseline"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=scripts/jdk25.sh
source "$root/scripts/jdk25.sh"
jdk25_select

for dir in "$root"/bundles/*/; do
    name=$(basename "$dir")
    jar="$dir/target/$name-$project.jar"
    [ -f "$jar" ] || { echo "api-release: $jar is missing: run mvn install first" >&2; exit 1; }
    exports=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -e ':a' -e '/\n /{N;ba}' |
        awk '/^Export-Package:/{p=1} p&&/^[A-Za-z-]+:/&&!/^Export-Package:/{p=0} p' | sed 's/^ //' | tr -d '\n' |
        sed 's/^Export-Package: //' | grep -o '\(^\|,\)[a-z][a-z0-9_.]*;' | tr -d ',;' || true)
    [ -n "$exports" ] || continue
    out="$work/$name"
    mkdir -p "$out/META-INF"
    unzip -q "$jar" -d "$work/$name.all"
    tr -d '\r' < "$work/$name.all/META-INF/MANIFEST.MF" |
        sed "s/^Bundle-Version: .*/Bundle-Version: $version/" > "$out/META-INF/MANIFEST.MF"
    for pkg in $exports; do
        path=${pkg//./\/}
        mkdir -p "$out/$path"
        find "$work/$name.all/$path" -maxdepth 1 -type f -exec cp {} "$out/$path/" \;
    done
    api="$work/$name-$version.jar"
    (cd "$out" && "$JAVA_HOME/bin/jar" --create --file "$api" --manifest META-INF/MANIFEST.MF \
        $(find . -type f ! -path ./META-INF/MANIFEST.MF | sort))
    # install-file keeps the version list in maven-metadata-local.xml; a repository read remotely
    # (version ranges) needs it as maven-metadata.xml
    meta="$repo/org/jvmm/$name/maven-metadata"
    [ -f "$meta.xml" ] && mv "$meta.xml" "$meta-local.xml"
    MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -q -o -B -ntp install:install-file -Dfile="$api" -DgroupId=org.jvmm -DartifactId="$name" \
        -Dversion="$version" -Dpackaging=jar -DgeneratePom=true -DcreateChecksum=true -DlocalRepositoryPath="$repo"
    mv "$meta-local.xml" "$meta.xml"
    sha1sum "$meta.xml" | cut -d' ' -f1 > "$meta.xml.sha1"
    md5sum "$meta.xml" | cut -d' ' -f1 > "$meta.xml.md5"
    echo "api-release: $name $version: $(echo "$exports" | wc -w) packages"
done
find "$repo" -name '_remote.repositories' -delete
