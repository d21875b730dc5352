#!/usr/bin/env bash
# Builds a self-contained Perceptrix (its own Java runtime included) with jpackage from JDK 17.
#   installer/build.sh            → target/installer/Perceptrix/  (app image: bin/Perceptrix starts the app)
#   installer/build.sh deb        → also a .deb package in target/installer/
# On Windows or macOS run it from Git Bash / a terminal with -Djavacpp.platform set in MVN_ARGS, and type msi/dmg.
set -euo pipefail
cd "$(dirname "$0")/.."
TYPE="${1:-app-image}"
mvn -B -q -DskipTests ${MVN_ARGS:-} package
rm -rf target/jpackage-input target/installer target/runtime
mkdir -p target/jpackage-input
cp target/perceptrix.jar target/jpackage-input/
cp -r target/lib target/jpackage-input/lib
# The modules the app needs (JavaFX and DL4J run from the classpath).
jlink --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml,java.scripting,jdk.unsupported,jdk.jsobject,jdk.xml.dom,jdk.zipfs \
      --strip-debug --no-man-pages --no-header-files --output target/runtime
VERSION=$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null | sed 's/-SNAPSHOT//')
jpackage --type app-image --name Perceptrix --app-version "${VERSION:-0.1.0}" \
         --input target/jpackage-input --main-jar perceptrix.jar --main-class org.perceptrix.Launcher \
         --runtime-image target/runtime --java-options "-Xmx4g -XX:+UseZGC" \
         --description "Design and train neural networks" --vendor "Perceptrix" --dest target/installer
if [ "$TYPE" != "app-image" ]; then
  jpackage --type "$TYPE" --app-image target/installer/Perceptrix --name Perceptrix --app-version "${VERSION:-0.1.0}" \
           --description "Design and train neural networks" --vendor "Perceptrix" --dest target/installer
fi
echo "Built target/installer/Perceptrix (run target/installer/Perceptrix/bin/Perceptrix)"
