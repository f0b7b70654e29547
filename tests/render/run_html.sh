#!/usr/bin/env bash
# Render the HTML report in headless Chromium:
#   tests/render/run_html.sh BINARY [OUTDIR]
#
# Builds the demo assessment (cloudbees-unify, the example answers, two
# verdicts and a sign-off, so every section of the page has content) in
# a fresh database, writes its HTML report, then has Chromium
#   - take a screenshot (PNG, 1200 x 3000),
#   - print it to PDF as the page asks (size: auto), on A4 and on Letter,
#   - dump the DOM it built,
# with the network shut off (every host name resolves to nothing), and
# checks what came out: exit status, a PNG of the right size with real
# content, PDFs with the right page size, every section in the DOM, and
# no console message, failed load or refused request in Chromium's log.
# A static check makes sure the page references nothing outside itself.
#
# Runs as root without a terminal (as in CI): --no-sandbox, a throwaway
# profile, no GPU. The files stay in OUTDIR (default build/render) to be
# looked at. One line per check, then "N passed, M failed"; exit 1 when
# anything failed, 2 when Chromium or the binary is missing.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [[ $# -lt 1 ]]; then
	echo "usage: tests/render/run_html.sh BINARY [OUTDIR]" >&2
	exit 2
fi
bin=$1
out=${2:-$root/build/render}
if [[ $bin != /* ]]; then
	bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
fi
if [[ ! -x $bin ]]; then
	echo "tests/render/run_html.sh: '$bin' is not an executable" >&2
	exit 2
fi
browser=
for b in chromium chromium-browser google-chrome; do
	if command -v "$b" >/dev/null 2>&1; then
		browser=$b
		break
	fi
done
if [[ -z $browser ]]; then
	echo "tests/render/run_html.sh: no chromium (make browser-test installs it)" >&2
	exit 2
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/srmgap-render.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
rm -f "$out"/report* "$out"/chromium-*.log "$out"/dom.html

passed=0
failed=0
ok() {
	echo "ok $1"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL $1"
	[[ $# -gt 1 && -s $2 ]] && sed 's/^/    | /' "$2" | head -40
	failed=$((failed + 1))
}
# check WHAT COMMAND...
check() {
	local what=$1
	shift
	if "$@" >"$tmp/detail" 2>&1; then
		ok "$what"
	else
		fail "$what" "$tmp/detail"
	fi
}

# The demo, with verdicts and a sign-off.
db=$tmp/render.db
export SRMGAP_ACTOR=render-test
unset SRMGAP_CATALOG SRMGAP_DB
setup() {
	"$bin" --db "$db" new acme-2026 --model cloudbees-unify --org "Acme Corp" \
		--assessor "Self-assessment" &&
	"$bin" --db "$db" import acme-2026 \
		"$root/questionnaires/examples/cloudbees-unify.csv" &&
	"$bin" --db "$db" review acme-2026 IAM-03 --verdict verified \
		--comment "Okta policy checked" --auditor "R. Auditor" &&
	"$bin" --db "$db" review acme-2026 INC-02 --verdict needs-evidence \
		--comment "No record of the last exercise" --auditor "R. Auditor" &&
	"$bin" --db "$db" signoff acme-2026 --auditor "R. Auditor" \
		--statement "Reviewed against the evidence listed." &&
	"$bin" --db "$db" report acme-2026 --as-of 2026-11-29 --format html \
		-o "$out/report.html"
}
check "the demo assessment and its HTML report" setup
if [[ ! -s $out/report.html ]]; then
	echo "$passed passed, $((failed + 1)) failed"
	exit 1
fi

# Nothing in the page may reach outside it.
check "the page references nothing outside itself" \
	bash -c '! grep -Eino "<script|<link|<iframe|<img|src=\"|href=\"[a-z]+:|url\(|@import" "$1"' \
	_ "$out/report.html"

# Chromium, headless, offline, with its log on stderr.
chrome() {
	local log=$1
	shift
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --no-first-run --no-default-browser-check \
		--disable-extensions --disable-background-networking --disable-sync \
		--disable-component-update --hide-scrollbars \
		--force-device-scale-factor=1 --user-data-dir="$tmp/profile" \
		--host-resolver-rules="MAP * ~NOTFOUND" \
		--enable-logging=stderr --v=0 "$@" </dev/null >"$tmp/stdout" 2>"$log"
}

# What in Chromium's log means the page had a problem (the D-Bus and
# GPU chatter of a machine without a desktop does not).
problems() {
	grep -E 'CONSOLE|Uncaught|Failed to load|net::ERR_|Refused to|Not allowed to load|Mixed Content|SEVERE' "$1"
}
no_problems() {
	! problems "$1"
}

# 1200 x 3000 screenshot
if chrome "$out/chromium-png.log" --window-size=1200,3000 \
    --screenshot="$out/report.png" "file://$out/report.html"; then
	ok "chromium takes a screenshot (exit 0)"
else
	fail "chromium takes a screenshot (exit $?)" "$out/chromium-png.log"
fi
png_ok() {
	local f=$1 w h size
	[[ -f $f ]] || { echo "no $f"; return 1; }
	[[ $(head -c 8 "$f" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
		{ echo "not a PNG"; return 1; }
	w=$((16#$(od -An -tx1 -j16 -N4 "$f" | tr -d ' \n')))
	h=$((16#$(od -An -tx1 -j20 -N4 "$f" | tr -d ' \n')))
	size=$(wc -c <"$f")
	echo "$w x $h, $size bytes"
	[[ $w == 1200 && $h == 3000 ]] || { echo "wrong size"; return 1; }
	# a blank page compresses to a few KB; the report is hundreds
	[[ $size -gt 100000 ]] || { echo "too small to hold the report"; return 1; }
}
check "the screenshot is a 1200x3000 PNG with content" png_ok "$out/report.png"
check "no console error or failed load while rendering" \
	no_problems "$out/chromium-png.log"

# PDF as the page asks, then forced to A4 and to Letter.
# pdf_ok FILE SIZE...: a PDF of several pages, every page of one of the
# sizes (in points, to within one): "595x842" is A4, "612x792" Letter.
pdf_ok() {
	local f=$1 pages boxes
	shift
	[[ -f $f ]] || { echo "no $f"; return 1; }
	[[ $(head -c 5 "$f") == %PDF- ]] || { echo "not a PDF"; return 1; }
	pages=$(grep -ac '/Type /Page\b' "$f")
	echo "$pages pages"
	[[ $pages -ge 5 ]] || { echo "fewer pages than the report needs"; return 1; }
	boxes=$(grep -aoE '/MediaBox \[[^]]*\]' "$f" | sort -u)
	echo "$boxes"
	awk -v want="$*" '
		BEGIN { n = split(want, w, " ") }
		{
			gsub(/[][]/, ""); x = $4; y = $5; hit = 0
			for (i = 1; i <= n; i++) {
				split(w[i], s, "x")
				if (x - s[1] < 1 && s[1] - x < 1 && y - s[2] < 1 && s[2] - y < 1)
					hit = 1
			}
			if (!hit) bad = 1
		}
		END { exit bad || NR == 0 }' <<<"$boxes"
}
print_pdf() { # NAME SIZE-CSS
	local page=$out/report.html
	if [[ -n $2 ]]; then
		page=$out/report-$1.html
		sed "s|</head>|<style>@page { size: $2; }</style></head>|" \
			"$out/report.html" >"$page"
	fi
	if chrome "$out/chromium-$1.log" --no-pdf-header-footer \
	    --print-to-pdf="$out/report-$1.pdf" "file://$page"; then
		ok "chromium prints $1 to PDF (exit 0)"
	else
		fail "chromium prints $1 to PDF (exit $?)" "$out/chromium-$1.log"
	fi
	check "no console error or failed load while printing $1" \
		no_problems "$out/chromium-$1.log"
}
print_pdf default ""
check "the PDF as the page asks (the printer's size: A4 or Letter)" \
	pdf_ok "$out/report-default.pdf" 595x842 612x792
print_pdf a4 A4
check "the A4 PDF has A4 pages" pdf_ok "$out/report-a4.pdf" 595x842
print_pdf letter letter
check "the Letter PDF has Letter pages" pdf_ok "$out/report-letter.pdf" 612x792

# The DOM Chromium built: every section, the charts and the matrix.
if chrome "$out/chromium-dom.log" --dump-dom "file://$out/report.html"; then
	cp "$tmp/stdout" "$out/dom.html"
	ok "chromium dumps the DOM (exit 0)"
else
	fail "chromium dumps the DOM (exit $?)" "$out/chromium-dom.log"
fi
dom_has() {
	grep -qF -- "$1" "$out/dom.html" || { echo "missing: $1"; return 1; }
}
for s in summary areas matrix gaps controls signoff; do
	check "the DOM has the section '$s'" dom_has "<section id=\"$s\">"
done
check "the DOM has both score rings" \
	bash -c 'grep -q "<svg class=\"ring self\"" "$1" && grep -q "<svg class=\"ring verified\"" "$1"' \
	_ "$out/dom.html"
check "the DOM has the area chart with its bars" \
	bash -c 'grep -q "<svg class=\"chart\"" "$1" && grep -q "class=\"bar-self\"" "$1" && grep -q "class=\"bar-verified\"" "$1"' \
	_ "$out/dom.html"
check "the matrix has the three parties as columns" \
	dom_has '<th scope="col" class="party provider">Amazon Web Services'
check "the customer column is coloured by status" \
	dom_has '<td class="cust st-partial">'
check "the gaps list the verdicts" dom_has 'v-needs-evidence'
check "the sign-off shows the statement" \
	dom_has 'Reviewed against the evidence listed.'
check "the DOM has no script" \
	bash -c '! grep -qi "<script" "$1"' _ "$out/dom.html"
check "no console error or failed load in the DOM run" \
	no_problems "$out/chromium-dom.log"

echo "$passed passed, $failed failed (files in ${out#"$root"/})"
[[ $failed -eq 0 ]]
