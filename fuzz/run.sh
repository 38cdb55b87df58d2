#!/usr/bin/env bash
# Coverage-guided fuzzing of the decoders of outside bytes with afl-fuzz (afl++) and SharpFuzz:
#   fuzz/run.sh <click|catalog|snapshot|all> [seconds per target, default 600]
# Builds the harness (Release), copies the build output to fuzz/out/app, instruments the assemblies under test there
# (Journeys.Contracts.dll, Journeys.SessionActors.dll; never the harness), then runs one afl-fuzz at a time for the
# given time per target, starting from fuzz/corpus/<target>, and prints each target's fuzzer_stats.
# Findings: fuzz/out/<target>/default/{crashes,hangs,queue}. Replay one input outside afl-fuzz:
#   dotnet fuzz/out/app/Journeys.Fuzz.dll <target> < <input>
# Needs afl-fuzz (Debian/Ubuntu: apt-get install afl++); CI does not, it replays the corpus in the unit tests.
# Environment: FUZZ_TIMEOUT_MS (afl-fuzz -t, default 2000: an input that takes longer is a hang).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

usage() { echo "usage: fuzz/run.sh <click|catalog|snapshot|all> [seconds, default 600]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
case "$1" in
  click|catalog|snapshot) targets=("$1") ;;
  all) targets=(click catalog snapshot) ;;
  *) usage ;;
esac
seconds=${2:-600}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || usage
timeout_ms=${FUZZ_TIMEOUT_MS:-2000}
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 1; }

out="$repo/fuzz/out"
app="$out/app"
build="$repo/fuzz/Journeys.Fuzz/bin/Release/net10.0"

dotnet tool restore >/dev/null
dotnet build fuzz/Journeys.Fuzz/Journeys.Fuzz.csproj -c Release -warnaserror -nologo -v quiet

# A fresh copy each run: sharpfuzz rewrites an assembly in place and must not see one it already instrumented.
# The native libraries (runtimes/, over 1 GB of libtorch and friends) are linked, not copied; the harness never
# loads them, and the .NET host resolves the app's own files from this directory.
rm -rf "$app"
mkdir -p "$app"
for entry in "$build"/*; do
  if [[ "$(basename "$entry")" == runtimes ]]; then
    ln -s "$entry" "$app/runtimes"
  else
    cp -r "$entry" "$app/"
  fi
done
for assembly in Journeys.Contracts.dll Journeys.SessionActors.dll; do
  dotnet tool run sharpfuzz "$app/$assembly"
done

# afl-fuzz without a terminal, on a shared 2-core machine, against a target that is `dotnet` rather than an
# afl-compiled binary (SharpFuzz speaks afl's fork-server protocol from inside the .NET process).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_FORKSRV_INIT_TMOUT=60000
# .NET reserves far more virtual memory than it uses: afl's memory limit (-m) would kill it at start-up, so the
# harness bounds each decode's allocation itself (DecoderTargets.AllocationBudget).

declare -A dict=([click]=json.dict [catalog]=json.dict [snapshot]=snapshot.dict)
for target in "${targets[@]}"; do
  findings="$out/$target"
  rm -rf "$findings"
  echo "== $target: afl-fuzz for $seconds s (timeout $timeout_ms ms), findings in $findings"
  afl-fuzz -V "$seconds" -i "fuzz/corpus/$target" -o "$findings" -x "fuzz/dict/${dict[$target]}" \
    -t "$timeout_ms" -m none -- dotnet "$app/Journeys.Fuzz.dll" "$target" > "$out/$target.log" 2>&1 || {
    echo "afl-fuzz failed for $target; its output:" >&2
    tail -n 40 "$out/$target.log" >&2
    exit 1
  }
done

stat() { sed -n "s/^$2 *: *//p" "$out/$1/default/fuzzer_stats"; }
echo
# execs/s over the whole run (fuzzer_stats' execs_per_sec is a recent rate); paths = afl's corpus_count (the starting
# corpus included), new = paths found in this run (corpus_found), edges = branch pairs seen, stability = the share of
# them an input takes every time it runs (below 100 %, afl cannot trust some of its coverage).
printf '%-9s %8s %10s %8s %6s %5s %6s %9s %8s %6s\n' target seconds execs execs/s paths new edges stability crashes hangs
status=0
for target in "${targets[@]}"; do
  printf '%-9s %8s %10s %8s %6s %5s %6s %9s %8s %6s\n' "$target" "$(stat "$target" run_time)" \
    "$(stat "$target" execs_done)" \
    "$(awk -v e="$(stat "$target" execs_done)" -v t="$(stat "$target" run_time)" 'BEGIN { printf "%.0f", (t > 0 ? e / t : 0) }')" \
    "$(stat "$target" corpus_count)" "$(stat "$target" corpus_found)" "$(stat "$target" edges_found)" \
    "$(stat "$target" stability)" "$(stat "$target" saved_crashes)" "$(stat "$target" saved_hangs)"
  if [[ "$(stat "$target" saved_crashes)" != 0 || "$(stat "$target" saved_hangs)" != 0 ]]; then
    echo "  $target: inputs in $out/$target/default/crashes and hangs; replay: dotnet $app/Journeys.Fuzz.dll $target < <input>"
    status=1
  fi
done
exit "$status"
