#!/usr/bin/env bash
# Builds Bullpen's installable artefacts into packaging/target/:
#   cli       bullpen-cli-VERSION.tar.gz: every jar + bin/bullpen launcher (needs Java 17+ on the host)
#   app-image jpackage app image of the console (own Java runtime): target/jpackage/bullpen-console/
#   deb       bullpen-console_VERSION_amd64.deb (needs dpkg-deb and fakeroot)
#   all       the three (default)
# Not part of 'mvn verify': run it on release or to test an install. See packaging/README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
OUT="$HERE/target"
VERSION="${BULLPEN_VERSION:-0.1.0}"
JDK="${JPACKAGE_JDK:-${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}}"
# JavaFX 21 loads GTK 3 and OpenGL itself; jpackage cannot see them inside the JavaFX jars (it adds
# the libraries of the bundled Java runtime, e.g. libasound2, libxtst6, libfreetype6, by itself)
DEB_DEPS="libgtk-3-0 | libgtk-3-0t64, libxxf86vm1, libgl1"

what="${1:-all}"

jars() {
  if [ "${SKIP_MAVEN:-0}" != 1 ]; then
    echo "maven package (skip with SKIP_MAVEN=1)…" >&2
    mvn -B -q ${MAVEN_OPTS_EXTRA:-} -DskipTests -f "$ROOT/pom.xml" -pl engine,app package
  fi
  rm -rf "$OUT/input" && mkdir -p "$OUT/input"
  cp "$(ls "$ROOT"/app/target/bullpen-app-*.jar | grep -v -e sources -e tests | head -1)" "$OUT/input/bullpen-app.jar"
  cp "$ROOT"/app/target/lib/*.jar "$OUT/input/"
}

cli() {
  local name="bullpen-cli-$VERSION"
  local dir="$OUT/$name"
  rm -rf "$dir" && mkdir -p "$dir/bin" "$dir/lib" "$dir/conf"
  # the CLI needs no JavaFX, ControlsFX or Ikonli
  find "$OUT/input" -name '*.jar' ! -name 'javafx-*' ! -name 'controlsfx-*' ! -name 'ikonli-*' \
    ! -name 'bullpen-app.jar' -exec cp {} "$dir/lib/" \;
  cp "$HERE/cli/bullpen" "$dir/bin/bullpen" && chmod 755 "$dir/bin/bullpen"
  cp "$HERE/cli/logback.xml" "$dir/conf/logback.xml"
  cp "$HERE/systemd/bullpen-worker@.service" "$HERE/systemd/worker.env.example" "$dir/conf/"
  cp "$HERE/README.md" "$dir/README.md" 2>/dev/null || true
  tar -C "$OUT" -czf "$OUT/$name.tar.gz" "$name"
  echo "$OUT/$name.tar.gz"
}

jpackage_run() {
  "$JDK/bin/jpackage" --name bullpen-console --app-version "$VERSION" --vendor "Bullpen" \
    --description "Console and CLI for Bull 4 job queues on Redis" \
    --input "$OUT/input" --main-jar bullpen-app.jar --main-class dev.bullpen.app.Launcher \
    --java-options "-Dfile.encoding=UTF-8 -XX:+UseSerialGC -XX:TieredStopAtLevel=1" "$@"
}

app_image() {
  rm -rf "$OUT/jpackage/bullpen-console"
  mkdir -p "$OUT/jpackage"
  jpackage_run --type app-image --dest "$OUT/jpackage"
  echo "$OUT/jpackage/bullpen-console"
}

deb() {
  command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null \
    || { echo "deb needs dpkg-deb and fakeroot: apt-get install dpkg-dev fakeroot" >&2; exit 1; }
  mkdir -p "$OUT/deb"
  rm -f "$OUT"/deb/*.deb
  jpackage_run --type deb --dest "$OUT/deb" --linux-package-name bullpen-console \
    --linux-package-deps "$DEB_DEPS" --linux-app-category devel --linux-shortcut \
    --linux-menu-group Development --arguments console --resource-dir "$HERE/jpackage/linux"
  ls "$OUT"/deb/*.deb
}

case "$what" in
  cli) jars; cli ;;
  app-image) jars; app_image ;;
  deb) jars; deb ;;
  all) jars; cli; app_image; deb ;;
  *) echo "usage: $0 [cli|app-image|deb|all]" >&2; exit 2 ;;
esac
