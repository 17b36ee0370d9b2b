#!/usr/bin/env bash
# Measures injection detection on the labelled corpus and prints a markdown table.
#   scripts/eval-corpus.sh [corpus-dir] [--handwritten FILE] [--paranoia N] [--misses N]
# Paths are relative to the repository root; the default corpus is ../shared/corpus/dev.
# Builds warden.jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=proxy-core/target/warden.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find proxy-rules/src/main proxy-core/src/main -newer "$jar" -type f -print -quit)" ]]; then
  mvn -q -B -pl proxy-rules,proxy-core -am package -DskipTests >&2
fi

# Until the warden launcher registers eval-corpus as a subcommand, run the command class itself.
if unzip -l "$jar" 'io/warden/core/cli/WardenMain.class' >/dev/null 2>&1; then
  exec java -cp "$jar" io.warden.core.cli.WardenMain eval-corpus "$@"
else
  exec java -cp "$jar" io.warden.core.cli.EvalCorpusCommand "$@"
fi
