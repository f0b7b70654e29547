# srmgap report --format xlsx: a workbook written whole through -o FILE
# (temporary file, then rename) or to a pipe, refused on a terminal
# (tests/cli/pty, built beside the binary as tests/pty, gives it one),
# with its scratch file removed, and clear errors. What the workbook
# holds is checked by tests/unit/test_report_xlsx.c and, opened in
# LibreOffice, by tests/office/run (make office-test).

PTY=${SRMGAP_PTY:-$(dirname "$SRMGAP")/tests/pty}

# is_xlsx FILE: a zip archive, as every XLSX file is.
is_xlsx() {
	test "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = 'PK003004'
}

setup acme acme.csv --org "Acme Ltd" --assessor "Jo Smith"
mkdir scratch
export TMPDIR=$PWD/scratch

run report acme --as-of 2025-03-01 --format xlsx -o acme.xlsx
expect_exit 0
expect_stdout_empty
expect_stderr_empty
check "-o FILE is an XLSX file" is_xlsx acme.xlsx
check "the workbook is not empty ($(wc -c <acme.xlsx) bytes)" \
	test "$(wc -c <acme.xlsx)" -gt 5000
check "no temporary file is left beside it" test -z "$(ls | grep tmp)"
check "the scratch file is removed" test -z "$(ls scratch)"

# Standard output that is not a terminal (a pipe or a file) is fine.
run report acme --as-of 2025-03-01 --format xlsx
expect_exit 0
expect_stderr_empty
check "standard output is an XLSX file" is_xlsx "$CAP/stdout"
run report acme --as-of 2025-03-01 --format xlsx -o -
expect_exit 0
check "-o - is standard output" is_xlsx "$CAP/stdout"

# On a terminal, binary output is refused: -o FILE is needed.
if [[ -x $PTY ]]; then
	for out in "" "-o -"; do
		# shellcheck disable=SC2086
		"$PTY" -- "$SRMGAP" report acme --format xlsx $out </dev/null \
			>"$CAP/stdout" 2>&1
		STATUS=$?
		CMD="pty srmgap report acme --format xlsx $out"
		expect_exit 2
		filter_stdout 's/\r$//'
		expect_stdout <<'EOF2'
srmgap: report: xlsx is a binary file; write it with -o FILE
EOF2
	done
	"$PTY" -- "$SRMGAP" report acme --format xlsx -o tty.xlsx </dev/null \
		>"$CAP/stdout" 2>&1
	STATUS=$?
	CMD="pty srmgap report acme --format xlsx -o tty.xlsx"
	expect_exit 0
	check "on a terminal, -o FILE works" is_xlsx tty.xlsx
else
	check "the terminal helper is built ($PTY)" test -x "$PTY"
fi

# An existing file is replaced whole.
printf 'old\n' >acme.xlsx
run report acme --as-of 2025-03-01 --format xlsx -o acme.xlsx
expect_exit 0
check "the old file is replaced" is_xlsx acme.xlsx

# --fail-under still gates, after the workbook is written.
run report acme --as-of 2025-03-01 --format xlsx -o gated.xlsx --fail-under 60
expect_exit 3
expect_stderr <<'EOF2'
srmgap: overall score 54.7% is below --fail-under 60%
EOF2
check "the gated workbook is written" is_xlsx gated.xlsx

# A scratch folder that cannot be used: exit 1, no file, no leftovers.
TMPDIR=$PWD/missing run report acme --format xlsx -o none.xlsx
expect_exit 1
expect_stderr <<EOF2
srmgap: cannot create a scratch file in '$PWD/missing': No such file or directory
EOF2
expect_no_file none.xlsx
check "no temporary file is left" test -z "$(ls | grep tmp)"
# A folder for the output that does not exist.
run report acme --format xlsx -o no-such-dir/r.xlsx
expect_exit 1
expect_stderr <<'EOF2'
srmgap: cannot write 'no-such-dir/r.xlsx': No such file or directory
EOF2
check "the scratch folder is still empty" test -z "$(ls scratch)"

# Signed off, reviewed, hostile: still a workbook.
setup h hostile.csv --org '=org' --assessor '-1'
run review h A-1 --verdict verified --comment '=1+1 _x0041_'
expect_exit 0
run signoff h --auditor '@aud' --statement '+ok'
expect_exit 0
run report h --as-of 2025-03-01 --format xlsx -o h.xlsx
expect_exit 0
expect_stderr_empty
check "the hostile workbook is written" is_xlsx h.xlsx

# An outdated verdict: given, then the control's answers changed. The
# Controls sheet says so after the verdict, and Summary counts it apart
# from the controls reviewed. Cells are read with perl's
# IO::Uncompress::Unzip (perl comes with build-essential; no unzip needed).
#
# cell BOOK SHEET REF: the text or number in cell REF ("S2") of sheet
# number SHEET; an empty line for a blank cell.
cell() {
	perl -MIO::Uncompress::Unzip=unzip,\$UnzipError -e '
		my ($book, $sheet, $ref) = @ARGV;
		my ($xml, $sst, $v) = ("", "");
		unzip($book => \$xml, Name => "xl/worksheets/sheet$sheet.xml")
			or die "$UnzipError\n";
		unzip($book => \$sst, Name => "xl/sharedStrings.xml")
			or die "$UnzipError\n";
		my @str = map { s/<[^>]*>//gr } ($sst =~ m{<si>(.*?)</si>}gs);
		# <c r="S2" s="3" t="s"><v>INDEX</v></c>, or <c r="S3" s="3"/>
		if ($xml =~ m{<c r="$ref"([^>]*)>}g) {
			my $attr = $1;
			($v) = $xml =~ m{\G<v>([^<]*)</v>} if $attr !~ m{/$};
			$v = $str[$v] if defined $v && $attr =~ /t="s"/;
		}
		print $v // "", "\n";' "$@"
}
setup stale acme.csv
run review stale A-1 --verdict verified --comment ok --auditor Eve
expect_exit 0
printf 'question,answer\nA-1.2,sms\n' >change.csv
run import stale change.csv
expect_exit 0
run report stale --as-of 2025-03-01 --format xlsx -o stale.xlsx
expect_exit 0
expect_stderr_empty
check "the workbook with an outdated verdict is written" is_xlsx stale.xlsx
# Controls: verdict (R), verdict_outdated (S), verified_status (T); A-1
# on row 2, A-2 (no verdict) on row 3. Summary: rows 13 and 14.
for ref in R1 S1 T1 R2 S2 T2 V2 R3 S3; do
	cell stale.xlsx 2 "$ref"
done >"$CAP/stdout" 2>"$CAP/stderr"
for ref in A13 B13 A14 B14; do
	cell stale.xlsx 1 "$ref"
done >>"$CAP/stdout" 2>>"$CAP/stderr"
expect_stderr_empty
expect_stdout <<'EOF2'
verdict
verdict_outdated
verified_status
verified
yes
unreviewed
ok
unreviewed

Controls reviewed
0
Outdated verdicts
1
EOF2
# Given again, the verdict is current.
run review stale A-1 --verdict verified --auditor Eve
expect_exit 0
run report stale --as-of 2025-03-01 --format xlsx -o fresh.xlsx
expect_exit 0
for ref in S2 T2; do
	cell fresh.xlsx 2 "$ref"
done >"$CAP/stdout"
cell fresh.xlsx 1 B14 >>"$CAP/stdout"
expect_stdout <<'EOF2'

partial
0
EOF2

# What does not apply.
run report acme --format xlsx --gaps-only -o g.xlsx
expect_exit 2
expect_stderr <<'EOF2'
srmgap: report: --gaps-only does not apply to xlsx, which holds every control
EOF2
expect_no_file g.xlsx
run report --all --format xlsx -o all.xlsx
expect_exit 2
expect_stderr <<'EOF2'
srmgap: report: --all writes csv or json, not xlsx
EOF2
expect_no_file all.xlsx
run report nope --format xlsx -o nope.xlsx
expect_exit 2
expect_stderr <<'EOF2'
srmgap: no assessment 'nope' (see 'srmgap list')
EOF2
expect_no_file nope.xlsx
