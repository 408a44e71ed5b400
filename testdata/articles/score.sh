#!/bin/sh
# score.sh scores sitrep on the test articles in this folder with the shared
# gold-reading scorer, one line per article, then the mean macro F1 and the
# forbidden readings that fired. Run it from the repository root, with
# ../shared beside it:   sh testdata/articles/score.sh [SET]
# SET is a file-name prefix list file (dev.txt or heldout.txt); without it,
# every article is scored.
set -e
dir=testdata/articles
bin=$(mktemp -d)/sitrep
go build -o "$bin" ./cmd/sitrep
out=$(mktemp)
if [ -n "$1" ]; then names=$(cat "$dir/$1"); else names=$(ls "$dir"/*.gold.json | sed 's|.*/||; s|\.gold\.json$||'); fi
for n in $names; do
	g=$dir/$n.gold.json
	d=$(sed -n 's/.*"published": *"\([0-9-]*\)".*/\1/p' "$g" | head -n 1)
	"$bin" extract --date "$d" "$dir/$n.txt" > "$out"
	../shared/tools/score-gold "$g" "$out" | tail -n 1
done | awk '{ print } / F1 / { n++; s += $3; f += $NF } END { if (n) printf "mean macro F1 %.3f over %d articles, %d forbidden readings\n", s / n, n, f }'
rm -f "$out" "$bin"
