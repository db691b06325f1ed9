#!/usr/bin/env bash
# Single-file Java programs (test drivers, benchmark clients) compiled once into target/java-tools and
# run from there: `java File.java` compiles the source again on every call, about 2 s each, and the CI
# stages call their drivers dozens of times. Recompiled when the source is newer than its classes.
# Usage: source .ci/java-tool.sh; java_tool SOURCE CLASSPATH [java options...] -- [program arguments...]

java_tool() {
  local src=$1 cp=${2%:}; shift 2
  local opts=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  local name; name=$(basename "$src" .java)
  local classes="target/java-tools/$name"
  if [ ! -f "$classes/.compiled" ] || [ "$src" -nt "$classes/.compiled" ]; then
    mkdir -p target/java-tools
    local fresh; fresh=$(mktemp -d "target/java-tools/.$name.XXXXXX")
    javac -nowarn -proc:none -cp "$cp" -d "$fresh" "$src" >&2
    touch "$fresh/.compiled"
    rm -rf "$classes"; mv "$fresh" "$classes"
  fi
  java "${opts[@]}" -cp "$cp:$classes" "$name" "$@"
}
