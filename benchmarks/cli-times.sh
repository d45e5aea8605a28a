#!/usr/bin/env sh
# Issue 13: how long an im command takes against an H2 file of 20,000 incidents and 136,000 events.
# Builds nothing: run `mvn -B -q package -DskipTests` first (im.jar, its CDS archive and the test
# classes that hold the generator). Generates the data file through the API if it is missing
# (several minutes), then prints the median wall time of RUNS (5) runs of each command, after
# one unmeasured run of each, and its ratio to `im --help`'s; then what plain JDBC in a fresh JVM
# with im's options pays to read the rows `im metrics` reads (ScanFloor).
#   IM=path/to/im (default: the repository's ./im)   DATA=file (default: benchmarks/target/cli-times/incidents)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
im=${IM:-$root/im}
data=${DATA:-$root/benchmarks/target/cli-times/incidents}
runs=${RUNS:-5}
classes="$root/examples/target/test-classes:$root/examples/target/im.jar"
if [ ! -f "$root/examples/target/im.jar" ] || [ ! -d "$root/examples/target/test-classes" ]; then
  echo "cli-times: build first with: mvn -B -q package -DskipTests" >&2
  exit 1
fi
if [ ! -f "$data.mv.db" ]; then
  echo "Generating $data.mv.db through the API (20,000 incidents, 136,000 events)..."
  java -cp "$classes" dev.incidentkit.examples.cli.GenerateStore "$data"
fi
export IM_DB="jdbc:h2:file:$data"
id=$("$im" list --limit 1 | awk 'NR == 2 { print $1 }')
[ -n "$id" ] || { echo "cli-times: no active incident in $data.mv.db" >&2; exit 1; }

# Prints the median, in milliseconds, of $runs runs of im with the given arguments.
median_ms() {
  "$im" "$@" >/dev/null 2>&1 || { echo "cli-times: im $* failed" >&2; exit 1; }
  i=0
  while [ "$i" -lt "$runs" ]; do
    start=$(date +%s%N)
    "$im" "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
    i=$((i + 1))
  done | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

echo "nproc: $(nproc); $(java -version 2>&1 | head -1); $runs runs each; data: $data.mv.db"
help=$(median_ms --help)
printf '%-28s %8s %8s\n' "command" "median" "x help"
printf '%-28s %6s ms %8s\n' "im --help" "$help" "1.00"
for command in "list --status active" "show --incident $id" "metrics"; do
  # Word splitting of $command is wanted: it holds no quoted words.
  # shellcheck disable=SC2086
  t=$(median_ms $command)
  printf '%-28s %6s ms %8s\n' "im $command" "$t" "$(awk -v a="$t" -v b="$help" 'BEGIN { printf "%.2f", a / b }')"
done

# The floor under any command that reads every incident: a fresh JVM with im's options opening the
# file and scanning the summary rows with plain JDBC (ScanFloor), median of $runs runs.
# The archive is passed as ./im passes it; ScanFloor's classpath starts with the archive's.
jsa="$root/examples/target/im.jsa"
cds=""
if [ -f "$jsa" ] && [ ! "$root/examples/target/im.jar" -nt "$jsa" ]; then
  cds="-XX:SharedArchiveFile=$jsa -Xlog:cds=off,cds+dynamic=off"
fi
for columns in "" narrow; do
  echo "Plain JDBC in a fresh JVM with im's options (ScanFloor $columns), $runs runs:"
  i=0
  while [ "$i" -lt "$runs" ]; do
    # shellcheck disable=SC2086
    java "@$root/examples/im.jvm-options" $cds \
      -cp "$root/examples/target/im.jar:$root/examples/target/test-classes" \
      dev.incidentkit.examples.cli.ScanFloor "$data" $columns
    i=$((i + 1))
  done
done
