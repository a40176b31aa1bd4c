#!/usr/bin/env bash
# Peak memory with a 50 MB corpus (issue 6: at most 3 × the corpus + 100 MB).
#
#   benches/memory_50mb.sh [JALIN_BINARY]
#
# Builds a project of 1,700 generated documents × 30 KiB (52 MB of text,
# speaker turns, accents, CJK, emoji) with 20,000 codings through
# `jalin bench workload-a`, then measures peak RSS (VmHWM) of:
#   - headless commands: `list sources`, `list codings`, `report quotes`,
#     `report frequencies --by kind`;
#   - the workbench window under Xvfb: opened on the project, then the
#     Reports tab showing all 20,000 quotes, the co-occurrence table and
#     the concept map.
# Needs Xvfb and xdotool for the window part (skipped without them).
# Default binary: target/release/jalin (build it with `cargo build --release`).
set -euo pipefail
jalin=${1:-target/release/jalin}
[[ -x $jalin ]] || { echo "no binary at $jalin; run cargo build --release" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill ${xvfb:-} ${app:-} 2>/dev/null || true; rm -rf "$work"' EXIT
project=$work/big.jalin

"$jalin" bench workload-a --docs 1700 --doc-kb 30 --codings 20000 "$project" | tail -4
corpus_kib=$((1700 * 30))
limit_kib=$((3 * corpus_kib + 100 * 1000 * 1000 / 1024))
echo "corpus: $corpus_kib KiB of text; limit 3 × corpus + 100 MB = $limit_kib KiB"

peak() { # peak RSS in KiB of a headless command
  /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1
}
for cmd in "list sources" "list codings" "report quotes" "report frequencies --by kind"; do
  # shellcheck disable=SC2086
  printf '  %-32s %8s KiB\n' "jalin $cmd" "$(peak "$jalin" $cmd "$project")"
done

if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
  echo "window: skipped (needs Xvfb and xdotool)"
  exit 0
fi
export DISPLAY=:93
Xvfb "$DISPLAY" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
JALIN_DATA_DIR=$work/data "$jalin" open "$project" &
app=$!
sleep 5
hwm() { awk '/VmHWM/ {print $2}' "/proc/$app/status"; }
printf '  %-32s %8s KiB\n' "window: opened" "$(hwm)"
xdotool search --name Jalin windowfocus >/dev/null 2>&1 || true
xdotool key ctrl+r
sleep 2
# Left column of the Reports tab at 1400×900: Quotes, Co-occurrence, Concept map.
for spot in "46 562" "80 516" "70 653"; do
  # shellcheck disable=SC2086
  xdotool mousemove $spot click 1
  sleep 5
done
printf '  %-32s %8s KiB\n' "window: + quotes, co-occ., map" "$(hwm)"
