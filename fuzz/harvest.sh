#!/usr/bin/env bash
# Adds what the last fuzz/run.sh found to the checked-in corpus, bounded:
#   fuzz/harvest.sh <click|catalog|snapshot> [max afl-* files in the corpus, default 100]
# From fuzz/out/<target>/default: every crash and hang (crash-*, hang-*; harvest them once the decoder is fixed, as
# the corpus tests replay them), then the queue entries afl-fuzz derived (not its seeds), those with new edges (+cov)
# first, smallest first, 4 KiB at most each, until the corpus holds the maximum of them (afl-*). Files are named by
# content hash, so nothing is added twice however often a target is harvested.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: fuzz/harvest.sh <click|catalog|snapshot> [max]" >&2; exit 2; }
target=$1
max=${2:-100}
findings="fuzz/out/$target/default"
corpus="fuzz/corpus/$target"
[[ -d "$findings" ]] || { echo "no findings in $findings: run fuzz/run.sh $target first" >&2; exit 1; }

added() { # <prefix> <file>: copies the file into the corpus unless it is there already
  local name
  name="$corpus/$1-$(sha1sum "$2" | cut -c1-12)"
  [[ ! -e "$name" ]] || return 1
  cp "$2" "$name"
}
for f in "$findings"/crashes/id:* "$findings"/hangs/id:*; do
  if [[ -f "$f" ]]; then
    kind=crash
    [[ "$f" == */hangs/* ]] && kind=hang
    added "$kind" "$f" || true
  fi
done
queued() { find "$findings/queue" -maxdepth 1 -type f -name 'id:*src:*' "$@" -size -4097c -printf '%s %p\n' | sort -n; }
mapfile -t queue < <(queued -name '*+cov*'; queued ! -name '*+cov*')
room=$((max - $(find "$corpus" -type f -name 'afl-*' | wc -l)))
for entry in "${queue[@]}"; do
  ((room > 0)) || break
  if added afl "${entry#* }"; then
    room=$((room - 1))
  fi
done
echo "$corpus: $(find "$corpus" -type f | wc -l) files ($(find "$corpus" -type f -name 'afl-*' | wc -l) from afl-fuzz's queue)"
