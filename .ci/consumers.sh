#!/usr/bin/env bash
# Runs applications that use the starter the way users' projects do (outside the reactor, importing
# Spring Boot's BOM themselves) against the SDK's freshly built artifacts.
set -euo pipefail
cd "$(dirname "$0")/.."

# The one place that installs: the consumers resolve the SDK from the local repository, as users'
# builds resolve it from a remote one.
# Tests, javadoc, sources and the checks that 'mvn verify' already ran are skipped here.
mvn -B -q install -pl core,servlet,spring-adapter,test-kit -am \
  -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  -Dapi.snapshot.skip=true -Dspotless.check.skip=true -Denforcer.skip=true

for consumer in consumers/spring-boot-3.5 consumers/spring-boot-4.0; do
  echo "== $consumer"
  mvn -B -f "$consumer/pom.xml" test
done

# Boot 3.5 without the documented step (its own jackson-annotations 2.19.2): the application must refuse
# to start with Boot's failure report naming the fix.
echo "== consumers/spring-boot-3.5 without the jackson-annotations step"
mvn -B -f consumers/spring-boot-3.5/pom.xml test -Djackson-annotations.version=2.19.2 -Dtest=JacksonCheckTest
