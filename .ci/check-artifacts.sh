#!/usr/bin/env bash
# Release artifacts check: every published jar module builds its main, -sources and -javadoc jars, the
# main jar names its Automatic-Module-Name, the BOM has no parent, and two clean builds of the same
# sources in two different directories give byte-identical jars (project.build.outputTimestamp).
# It builds only the published modules (and their parent), without tests: about two short builds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# module folder, artifactId, Automatic-Module-Name
modules=(
  "core copernica-webhooks-core io.github.copernicawebhooks.core"
  "servlet copernica-webhooks-servlet io.github.copernicawebhooks.servlet"
  "spring-adapter copernica-webhooks-spring-boot-starter io.github.copernicawebhooks.spring"
  "test-kit copernica-webhooks-test io.github.copernicawebhooks.test"
  "cli copernica-webhooks-cli io.github.copernicawebhooks.cli"
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The tracked and new (not ignored) files of the working tree, so uncommitted changes are checked too.
copy_sources() {
  mkdir -p "$1"
  if ! git rev-parse --git-dir >/dev/null 2>&1; then
    tar --exclude=target -cf - . | tar -xf - -C "$1"
    return
  fi
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
    [ -e "$file" ] && printf '%s\0' "$file"
  done | tar --null -T - -cf - | tar -xf - -C "$1"
}

build() {
  (cd "$1" && mvn -B -q -Dstyle.color=never package -Dmaven.test.skip=true -Denforcer.skip=true \
    -pl bom,core,servlet,spring-adapter,test-kit,cli -am)
}

failures=0
fail() {
  echo "check-artifacts: $*" >&2
  failures=$((failures + 1))
}

# The two builds run side by side: each is mostly one busy thread (javac, javadoc).
copy_sources "$work/first"
copy_sources "$work/second"
build "$work/first" > "$work/first.log" 2>&1 &
first_build=$!
build "$work/second" > "$work/second.log" 2>&1 &
second_build=$!
for pid_and_name in "$first_build first" "$second_build second"; do
  read -r pid name <<<"$pid_and_name"
  if ! wait "$pid"; then
    echo "check-artifacts: the $name build failed:" >&2
    cat "$work/$name.log" >&2
    exit 1
  fi
done

version=$(sed -n '/<artifactId>copernica-webhooks-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
checked=0
for entry in "${modules[@]}"; do
  read -r folder artifact module_name <<<"$entry"
  for classifier in "" "-sources" "-javadoc"; do
    jar="$folder/target/$artifact-$version$classifier.jar"
    first="$work/first/$jar"
    second="$work/second/$jar"
    if [ ! -s "$first" ]; then
      fail "missing $jar"
      continue
    fi
    # Listings are read whole before grep: with pipefail, grep -q closing a pipe early would fail it.
    entries=$(unzip -Z1 "$first")
    case "$classifier" in
      "") manifest=$(unzip -p "$first" META-INF/MANIFEST.MF | tr -d '\r')
          grep -qx "Automatic-Module-Name: $module_name" <<<"$manifest" \
            || fail "$jar has no 'Automatic-Module-Name: $module_name'" ;;
      -sources) grep -q '\.java$' <<<"$entries" || fail "$jar holds no sources" ;;
      -javadoc) grep -qx 'index\.html' <<<"$entries" || fail "$jar holds no javadoc index.html" ;;
    esac
    if ! cmp -s "$first" "$second"; then
      fail "$jar differs between two builds: $(sha256sum "$first" | cut -c1-16) vs $(sha256sum "$second" | cut -c1-16)"
      diff <(unzip -lv "$first") <(unzip -lv "$second") | head -n 20 >&2 || true
    fi
    checked=$((checked + 1))
  done
done

if grep -q '<parent>' bom/pom.xml; then
  fail "bom/pom.xml has a parent: importing the BOM would import the parent's dependencyManagement too"
fi

if [ "$failures" -ne 0 ]; then
  echo "check-artifacts: $failures problem(s)" >&2
  exit 1
fi
echo "check-artifacts: $checked jars of ${#modules[@]} modules present, module names set, identical in two builds"
