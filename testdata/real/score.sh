#!/bin/sh
# score.sh scores sitrep on the real news articles in this folder with the
# shared gold-reading scorer, one line per article, then the mean macro F1,
# the mean events F1, precision and recall (the share of required events
# found), the forbidden readings that fired, and the mean quotes F1,
# precision and recall; then the events counted over all articles at once,
# the steadier figure: one event found in an article of three required
# ones moves the mean of articles by a hundredth, the counts by one. The
# articles' texts are not copied here (their licences do not allow it):
# each gold reading names its text in
# ../shared ("source"), which annot's dump tool prints. Run it from the
# repository root, with ../shared beside it:
#   sh testdata/real/score.sh [--verbose]
# QUOTES=MODE passes --quotes MODE to sitrep extract (union, rules or
# learned); HALF=odd or HALF=even scores only the odd- or even-numbered
# articles (by name, from 1): quote rules are tuned on the odd ones, the
# even ones are held out.
set -e
dir=testdata/real
tmp=$(mktemp -d)
go build -o "$tmp/sitrep" ./cmd/sitrep
go build -o "$tmp/dump" ./annot/internal/dump
i=0
for g in "$dir"/*.gold.json; do
	i=$((i + 1))
	case "$HALF" in
	odd) [ $((i % 2)) -eq 1 ] || continue ;;
	even) [ $((i % 2)) -eq 0 ] || continue ;;
	esac
	d=$(sed -n 's/.*"published": *"\([0-9-]*\)".*/\1/p' "$g" | head -n 1)
	src=$(sed -n 's/.*"source": *"\([^"]*\)".*/\1/p' "$g" | head -n 1)
	"$tmp/dump" "$src" > "$tmp/article.txt"
	"$tmp/sitrep" extract --quotes "${QUOTES:-union}" --date "$d" "$tmp/article.txt" > "$tmp/doc.json"
	python3 -c 'import json, sys
g, d = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print("counts", sum(1 for e in g["events"] if e.get("required")), len(d.get("events") or []))' "$g" "$tmp/doc.json"
	../shared/tools/score-gold "$g" "$tmp/doc.json" --verbose
done | awk -v verbose="$1" '
	/^counts / { req += $2; sys += $3; next }
	/^  event missed: / { missed++ }
	/^  event not in gold/ { unmatched++ }
	/^events +P / { ep += $3; er += $5 }
	/^quotes +P / { qp += $3; qr += $5; qf += $7 }
	/: F1 .* forbidden / { print; n++; s += $3; for (i = 1; i <= NF; i++) if ($i == "events") { v = $(i+1); gsub(/,/, "", v); ev += v }; f += $NF; next }
	verbose != "" { print }
	END { if (n) printf "mean macro F1 %.3f; events: mean F1 %.3f, precision %.3f, recall %.3f; over %d articles, %d forbidden readings; quotes: mean F1 %.3f, precision %.3f, recall %.3f\n", s / n, ev / n, ep / n, er / n, n, f, qf / n, qp / n, qr / n
		if (req && sys) { p = (sys - unmatched) / sys; r = (req - missed) / req
			printf "events over all articles: %d of %d required found (recall %.3f), %d of %d system events matched (precision %.3f), F1 %.3f\n", req - missed, req, r, sys - unmatched, sys, p, (p + r > 0 ? 2 * p * r / (p + r) : 0) } }'
rm -rf "$tmp"
