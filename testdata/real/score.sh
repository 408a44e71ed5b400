#!/bin/sh
# score.sh scores sitrep on the real news articles in this folder with the
# shared gold-reading scorer, one line per article, then the mean macro F1,
# the mean events F1 and the forbidden readings that fired. The articles'
# texts are not copied here (their licences do not allow it): each gold
# reading names its text in ../shared ("source"), which annot's dump tool
# prints. Run it from the repository root, with ../shared beside it:
#   sh testdata/real/score.sh [--verbose]
set -e
dir=testdata/real
tmp=$(mktemp -d)
go build -o "$tmp/sitrep" ./cmd/sitrep
go build -o "$tmp/dump" ./annot/internal/dump
for g in "$dir"/*.gold.json; do
	d=$(sed -n 's/.*"published": *"\([0-9-]*\)".*/\1/p' "$g" | head -n 1)
	src=$(sed -n 's/.*"source": *"\([^"]*\)".*/\1/p' "$g" | head -n 1)
	"$tmp/dump" "$src" > "$tmp/article.txt"
	"$tmp/sitrep" extract --date "$d" "$tmp/article.txt" > "$tmp/doc.json"
	if [ "$1" = "--verbose" ]; then ../shared/tools/score-gold "$g" "$tmp/doc.json" --verbose; else ../shared/tools/score-gold "$g" "$tmp/doc.json" | tail -n 1; fi
done | awk '{ print } / F1 .* forbidden / { n++; s += $3; for (i = 1; i <= NF; i++) if ($i == "events") { v = $(i+1); gsub(/,/, "", v); ev += v } ; f += $NF } END { if (n) printf "mean macro F1 %.3f, mean events F1 %.3f over %d articles, %d forbidden readings\n", s / n, ev / n, n, f }'
rm -rf "$tmp"
