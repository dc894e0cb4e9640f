#!/usr/bin/env bash
# Consumer check: installs the published modules into the local Maven repository, then builds and runs
# consumers/bom-consumer, an application outside the reactor that imports only copernica-webhooks-bom.
# This is the one place the build installs anything: the consumer can only resolve the SDK from there.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n '/<artifactId>copernica-webhooks-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
if [ -z "$version" ]; then
  echo "consumers-bom: cannot read the project version from pom.xml" >&2
  exit 1
fi

# The parent comes along with -am. The consumer needs only the main jars and the poms, so tests,
# javadoc, sources and the checks that 'mvn verify' already ran are skipped here.
mvn -B -q -Dstyle.color=never install -pl bom,core,servlet,spring-adapter,test-kit -am \
  -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  -Dapi.snapshot.skip=true -Dspotless.check.skip=true -Denforcer.skip=true

mvn -B -q -Dstyle.color=never -f consumers/bom-consumer/pom.xml verify -Dcopernica-webhooks.version="$version"
