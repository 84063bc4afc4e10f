#!/usr/bin/env bash
# Side by side: `fzf --filter` against careguide's in-process search on the
# same records. Writes every generated facility's searchable text (English
# name · 汉字 name · city · specialties) as one line per facility, then for
# each query times fzf as a whole process (hyperfine, median) and
# careguide's `Index::query` over the facilities (median of 7 cold runs,
# data already loaded and indexed, as in the TUI), and prints the ratio.
#
#   scripts/bench-vs-fzf.sh [FACILITIES] [QUERY...]
#
# FACILITIES defaults to 100000; the data set is generated once under
# target/bench-data/. Installs nothing: it says what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-100000}"
shift || true
if [ "$#" -gt 0 ]; then queries=("$@"); else queries=(c hos hoh cardiolo zzqqxxjj 口腔医院); fi

missing=()
command -v fzf >/dev/null 2>&1 || missing+=(fzf)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
command -v cargo >/dev/null 2>&1 || missing+=(cargo)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bench-vs-fzf: missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}" >&2
  echo "(cargo comes from https://rustup.rs; hyperfine is also 'cargo install hyperfine')" >&2
  exit 2
fi

cargo build --release --quiet --example perf
lines="target/bench-data/$n.txt"
ours="$(mktemp)"
trap 'rm -f "$ours" "$ours.csv"' EXIT
echo "== loading $n facilities (generated once under target/bench-data/$n) ..." >&2
target/release/examples/perf query "bench:$n" --lines "$lines" "${queries[@]}" >"$ours"

printf '%s facilities, %s lines (%s); %s, %s\n' "$n" "$(wc -l <"$lines")" \
  "$(du -h "$lines" | cut -f1)" "$(fzf --version | cut -d' ' -f1 | sed 's/^/fzf /')" \
  "$(nproc) cores"
printf '%-12s %10s %10s %14s %10s %12s %8s %8s\n' query "hits ours" "hits fzf" "careguide ms" "(rank ms)" "fzf ms" ratio "(rank)"
for q in "${queries[@]}"; do
  ms_ours="$(awk -F'\t' -v q="$q" '$1 == "query" && $2 == q {print $3}' "$ours")"
  hits_ours="$(awk -F'\t' -v q="$q" '$1 == "query" && $2 == q {print $4}' "$ours")"
  ms_rank="$(awk -F'\t' -v q="$q" '$1 == "query" && $2 == q {print $5}' "$ours")"
  hits_fzf="$( (fzf --filter "$q" <"$lines" || true) | wc -l)"
  # fzf exits 1 when nothing matches: -i keeps hyperfine going.
  hyperfine -i --style none --warmup 1 --runs 5 --export-csv "$ours.csv" \
    "fzf --filter '$q' < '$lines' > /dev/null" >/dev/null 2>&1
  ms_fzf="$(awk -F',' 'NR == 2 {printf "%.1f", $4 * 1000}' "$ours.csv")"
  ratio="$(awk -v a="$ms_ours" -v b="$ms_fzf" 'BEGIN {printf "%.3f", a / b}')"
  ratio_rank="$(awk -v a="$ms_rank" -v b="$ms_fzf" 'BEGIN {printf "%.3f", a / b}')"
  printf '%-12s %10s %10s %14s %10s %12s %8s %8s\n' "$q" "$hits_ours" "$hits_fzf" "$ms_ours" "$ms_rank" "$ms_fzf" "$ratio" "$ratio_rank"
done
echo "ratio = careguide's in-process Index::query ÷ fzf --filter as a whole process (read + match + sort);"
echo "(rank) = Index::rank, the same ranking without highlights (they are then computed for visible rows only)."
