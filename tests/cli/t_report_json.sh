# srmgap report --format json: the whole assessment as one document,
# checked against its documented layout (reports/srmgap-report-1.schema.json)
# by tests/cli/jsoncheck.c (built by make beside the binary, as
# tests/jsoncheck; no python or jq needed), then value by value. The
# figures are those of t_report.sh: overall 54.7%, Access 79.5%, gaps D-1,
# A-2, D-2, A-3. Also: the README lists every key of both layouts, text is
# never altered in JSON, verdicts and the sign-off, the portfolio (--all),
# and the options that do not apply.

JSONCHECK=${SRMGAP_JSONCHECK:-$(dirname "$SRMGAP")/tests/jsoncheck}
REPORT_SCHEMA=$ROOT/reports/srmgap-report-1.schema.json
PORTFOLIO_SCHEMA=$ROOT/reports/srmgap-portfolio-1.schema.json

# get FILE POINTER...: the values, one a line, into $CAP/stdout.
get() {
	"$JSONCHECK" get "$@" >"$CAP/stdout" 2>"$CAP/stderr"
	STATUS=$?
}

check "the JSON checker is built ($JSONCHECK)" test -x "$JSONCHECK"

setup acme acme.csv --org "Acme Ltd" --assessor "Jo Smith"
hash=$SNAPSHOT

run report acme --as-of 2025-03-01 --format json
expect_exit 0
expect_stderr_empty
cp "$CAP/stdout" acme.json
check "the report follows srmgap-report-1.schema.json" \
	"$JSONCHECK" validate "$REPORT_SCHEMA" acme.json
printf '{\n  "format": "srmgap-report/1",\n' >head.txt
check "the JSON has two-space indentation" cmp head.txt <(head -n 2 acme.json)
check "one JSON document, then a line end" \
	test "$(tail -c 2 acme.json | od -An -c | tr -d ' ')" = '}\n'

version=$("$SRMGAP" --version)
get acme.json /format /generator /as_of /assessment/name \
	/assessment/organisation /assessment/assessor /assessment/started_from \
	/signoff /model/id /model/variant /model/title /model/version
expect_exit 0
expect_stdout <<EOF
srmgap-report/1
$version
2025-03-01
acme
Acme Ltd
Jo Smith
null
null
mini

Mini
1.0
EOF
get acme.json /model/hash
check "model.hash is the snapshot hash ($hash...)" grep -q "^$hash" "$CAP/stdout"

# The model snapshot: parties, the matrix, controls and questions.
get acme.json /model/parties/0 /model/parties/1/role /model/areas/2/duties \
	/model/controls/2/references /model/controls/6/id \
	/model/questions/1/depends_on /model/questions/2/pattern \
	/model/questions/8/weight /model/questions/7/required
expect_stdout <<'EOF'
{"id":"cloud","name":"Cloud Co","role":"provider"}
customer
{"cloud":"Runs the data centres and the network.","customer":null}
["ISO27001:A.5.12","SOC2:C1.1"]
A-3
A-1.1=yes
[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}
3
false
EOF

# Answers: only the nine answered questions, with evidence and notes as
# they are (JSON is for tools: no apostrophe).
get acme.json /answers/3/question /answers/3/evidence /answers/3/note \
	/answers/7/note /answers/0/evidence_date /answers/0/carried /answers/9
expect_exit 1
expect_stdout <<'EOF'
A-2.1
review-2025.xlsx, signed
Only admins were reviewed
=HYPERLINK("http://x.example","click")
null
false
EOF
expect_stderr <<'EOF'
jsoncheck: no value at '/answers/9'
EOF

# Scores: unrounded numbers from 0 to 1, with the percent as shown.
get acme.json /scores/overall /scores/areas/0/score /scores/areas/0/percent \
	/scores/areas/1/status /scores/areas/2
expect_exit 0
expect_stdout <<'EOF'
{"score":0.546875,"percent":54.7,"verified_score":0.0,"verified_percent":0.0,"controls":6,"applicable":5,"reviewed":0,"outdated":0,"gaps":4,"critical_gaps":0,"answered":9,"questions":13}
0.795454545454545
79.5
not-met
{"area":"inf","status":"inherited","score":null,"percent":null,"verified_score":null,"verified_percent":null,"met":0,"partial":0,"not_met":0,"unanswered":0,"not_applicable":0,"inherited":1}
EOF
check "scores are JSON numbers, not strings" \
	grep -q '^      "score": 0.546875,$' acme.json
get acme.json /scores/controls/1 /scores/controls/4/status \
	/scores/controls/4/score /scores/questions/12
expect_stdout <<'EOF'
{"control":"A-2","status":"partial","score":0.75,"percent":75.0,"priority":2,"verdict":"unreviewed","verified_status":"unreviewed","verified_score":0.0,"review":null}
not-applicable
null
{"question":"D-3.2","state":"informational","score":null}
EOF

# The gaps, most urgent first, as in the text report.
get acme.json /gaps/0/control /gaps/1/control /gaps/2/control \
	/gaps/3/control /gaps/1
expect_stdout <<'EOF'
D-1
A-2
D-2
A-3
{"rank":2,"control":"A-2","area":"acc","title":"Access reviewed","severity":"high","status":"partial","score":0.75,"percent":75.0,"weight":5.0,"shortfall":1.25,"verdict":"unreviewed","verified_status":"unreviewed","remediation":"Review access every 90 days and keep the signed export."}
EOF

# The README documents every key of both layouts.
for schema in "$REPORT_SCHEMA" "$PORTFOLIO_SCHEMA"; do
	"$JSONCHECK" keys "$schema" >keys.txt
	check "the schema names keys" test -s keys.txt
	while read -r key; do
		check "README.md documents the key '$key'" \
			grep -q "\`$key\`" "$ROOT/README.md"
	done <keys.txt
done

# -o FILE: the same document, written whole.
run report acme --as-of 2025-03-01 --format json -o out.json
expect_exit 0
expect_stdout_empty
expect_file_same acme.json out.json
check "no temporary files are left" test -z "$(ls | grep tmp)"

# Hostile answers are data in JSON: kept exactly, and still valid JSON.
setup h hostile.csv --org '=org' --assessor '-1'
run report h --as-of 2025-03-01 --format json -o h.json
expect_exit 0
check "the hostile report follows the schema" \
	"$JSONCHECK" validate "$REPORT_SCHEMA" h.json
get h.json /assessment/organisation /assessment/assessor /answers/0/evidence \
	/answers/0/note /answers/2/evidence /answers/3/note /answers/4/note
expect_stdout <<'EOF'
=org
-1
=1+1
+1
=HYPERLINK("http://x.example","click")
=cmd|' /C calc'!A0
say "hi"
EOF

# Verdicts and the sign-off: the verified score counts only verified
# controls: A-1 (4 * 1) of 16, so 25%.
run review acme A-1 --verdict verified --comment '=checked' --auditor 'A. Uditor'
expect_exit 0
run review acme A-2 --verdict needs-evidence --auditor 'A. Uditor'
expect_exit 0
run signoff acme --auditor 'A. Uditor' --statement 'Fine.'
expect_exit 0
run report acme --as-of 2025-03-01 --format json -o signed.json
expect_exit 0
check "the signed report follows the schema" \
	"$JSONCHECK" validate "$REPORT_SCHEMA" signed.json
get signed.json /scores/overall/verified_score \
	/scores/overall/verified_percent /scores/overall/reviewed \
	/scores/controls/0/verdict /scores/controls/0/verified_status \
	/scores/controls/0/review/comment /scores/controls/0/review/auditor \
	/scores/controls/1/verified_status /signoff/signed_by /signoff/statement
expect_stdout <<'EOF'
0.25
25
2
verified
met
=checked
A. Uditor
not-met
A. Uditor
Fine.
EOF
get signed.json /signoff/seal /signoff/signed_at
check "the sign-off has a seal and a time" \
	grep -Eq '^[0-9a-f]{64}$' "$CAP/stdout"

# The portfolio: one entry per assessment, in creation order, scored
# with their verdicts.
run report --all --as-of 2025-03-01 --format json
expect_exit 0
expect_stderr_empty
cp "$CAP/stdout" all.json
check "the portfolio follows srmgap-portfolio-1.schema.json" \
	"$JSONCHECK" validate "$PORTFOLIO_SCHEMA" all.json
get all.json /format /as_of /assessments/0/name /assessments/0/percent \
	/assessments/0/verified_percent /assessments/0/gaps \
	/assessments/0/signoff/signed_by /assessments/1/name \
	/assessments/1/organisation /assessments/1/signoff /assessments/2
expect_exit 1
expect_stdout <<'EOF'
srmgap-portfolio/1
2025-03-01
acme
54.7
25
4
A. Uditor
h
=org
null
EOF
run report --all --as-of 2025-03-01 --format json -o all-out.json
expect_exit 0
expect_file_same all.json all-out.json

# A damaged snapshot: the entry says why, the others are complete, and
# the exit status is 1.
sqlite3 srmgap.db "UPDATE snapshot_controls SET severity = 'urgent' WHERE control = 'A-1'"
run report --all --as-of 2025-03-01 --format json -o damaged.json
expect_exit 1
expect_stderr <<'EOF'
srmgap: acme: snapshot 1 is damaged: invalid severity 'urgent' (expected critical, high, medium or low)
srmgap: h: snapshot 1 is damaged: invalid severity 'urgent' (expected critical, high, medium or low)
srmgap: 2 assessments could not be scored
EOF
check "the damaged portfolio still follows the schema" \
	"$JSONCHECK" validate "$PORTFOLIO_SCHEMA" damaged.json
get damaged.json /assessments/0/problem /assessments/0/score /assessments/0/model/id
expect_stdout <<'EOF'
snapshot 1 is damaged: invalid severity 'urgent' (expected critical, high, medium or low)
null
mini
EOF

# An empty database: an empty list.
run --db empty.db new e --model mini "${CATALOG[@]}"
sqlite3 empty.db "DELETE FROM assessments"
run --db empty.db report --all --format json --as-of 2025-03-01
expect_exit 0
expect_stdout <<EOF
{
  "format": "srmgap-portfolio/1",
  "generator": "$version",
  "as_of": "2025-03-01",
  "assessments": []
}
EOF

# What does not apply is refused before anything is written.
run report acme --format json --gaps-only -o no.json
expect_exit 2
expect_stderr <<'EOF'
srmgap: report: --gaps-only does not apply to json, which holds every control
EOF
expect_no_file no.json
run report --format json
expect_exit 2
expect_stderr <<'EOF'
srmgap: report: give an assessment NAME or --all
EOF
run report acme --all --format json
expect_exit 2
expect_stderr <<'EOF'
srmgap: report: give an assessment NAME or --all
EOF
run report --all --format json --fail-under 50
expect_exit 2
expect_stderr <<'EOF'
srmgap: report: --fail-under needs one assessment, not --all
EOF
run report --all
expect_exit 2
expect_stderr <<'EOF'
srmgap: report: --all writes csv or json, not text
EOF
run report acme --format yaml
expect_exit 2
expect_stderr_contains "srmgap: report: unknown format 'yaml' (expected text, csv,"

# An outdated verdict: given, then the control's answers changed. It is
# still in the review, marked, and counts as none. (A database of its
# own: the one above has damaged snapshots.)
export SRMGAP_DB=$PWD/stale.db
setup stale acme.csv
run review stale A-1 --verdict verified --comment ok --auditor Eve
expect_exit 0
run review stale A-2 --verdict needs-evidence --auditor Eve
expect_exit 0
printf 'question,answer\nA-1.2,sms\n' >change.csv
run import stale change.csv
expect_exit 0
run report stale --as-of 2025-03-01 --format json -o stale.json
expect_exit 0
check "the report with an outdated verdict follows the schema" \
	"$JSONCHECK" validate "$REPORT_SCHEMA" stale.json
get stale.json /scores/overall/reviewed /scores/overall/outdated \
	/scores/overall/verified_score /scores/controls/0/verdict \
	/scores/controls/0/verified_status /scores/controls/0/review/outdated \
	/scores/controls/0/review/comment /scores/controls/1/review/outdated \
	/scores/controls/1/verified_status /scores/controls/2/review
expect_exit 0
expect_stdout <<'EOF'
1
1
0
verified
unreviewed
true
ok
false
not-met
null
EOF
run report --all --as-of 2025-03-01 --format json -o stale-all.json
expect_exit 0
check "the portfolio with an outdated verdict follows the schema" \
	"$JSONCHECK" validate "$PORTFOLIO_SCHEMA" stale-all.json
get stale-all.json /assessments/0/name /assessments/0/reviewed \
	/assessments/0/outdated
expect_stdout <<'EOF'
stale
1
1
EOF
# Given again, it is current.
run review stale A-1 --verdict verified --auditor Eve
expect_exit 0
run report stale --as-of 2025-03-01 --format json -o fresh.json
expect_exit 0
get fresh.json /scores/overall/reviewed /scores/overall/outdated \
	/scores/controls/0/verified_status /scores/controls/0/review/outdated
expect_stdout <<'EOF'
2
0
partial
false
EOF
