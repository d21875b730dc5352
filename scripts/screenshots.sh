#!/usr/bin/env bash
# Takes the designer's screenshots into docs/screenshots/ from the running app under Xvfb.
# Needs: apt-get install -y xvfb libgtk-3-0. Settings go to target/screenshot-home, never to ~/.perceptrix.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
xvfb-run -a -s "-screen 0 1920x1080x24" \
  java -Dperceptrix.home=target/screenshot-home -Dprism.order=sw \
       -cp "target/classes:$(cat target/classpath.txt)" org.perceptrix.ui.Screenshots docs/screenshots
ls -l docs/screenshots
