# Hostile or unusual input: a pathological pattern, a flood of errors,
# an over-long field, too many columns, bulk import from standard input,
# UTF-8 in the text report's table, a damaged snapshot.

cp -R "$FIX/catalog" cat
# A-1.3's pattern becomes one that backtracks exponentially.
sed -i 's/^\(A-1\.3,.*,text,,,,,\)"[^"]*",$/\1"(a|aa)+$",/' cat/questionnaires/mini.csv
check "the pattern was replaced" grep -qF '"(a|aa)+$"' cat/questionnaires/mini.csv
run new p --model mini --catalog cat
expect_exit 0
answer="$(printf 'a%.0s' {1..60})b"
printf 'question,answer\nA-1.3,%s\n' "$answer" >p.csv
start=$SECONDS
run import p p.csv
expect_exit 2
expect_stderr <<EOF
p.csv:2:2: A-1.3: '${answer:0:61}' could not be checked against pattern '(a|aa)+\$' within the match limits
srmgap: 1 error in 'p.csv'; nothing was imported
EOF
check "the pathological pattern fails fast" test $((SECONDS - start)) -lt 10

run new a --model mini "${CATALOG[@]}"
db_dump srmgap.db >before.sql

# 1500 bad rows: 1000 problems are listed, the rest counted.
{
	echo question,answer
	for i in $(seq 1500); do echo "Q-$i,yes"; done
} >flood.csv
run import a flood.csv
expect_exit 2
check "1000 problems and 2 summary lines" test "$(wc -l <"$CAP/stderr")" = 1002
expect_stderr_contains "flood.csv:1001:1: unknown question 'Q-1000' in model 'mini'"
expect_stderr_lacks "Q-1001'"
expect_stderr_contains "srmgap: 500 more problems not shown"
expect_stderr_contains "srmgap: 1500 errors in 'flood.csv'; nothing was imported"

# A field of exactly 1 MiB is accepted; one over it is reported in its
# own column (3, the note).
longfile() { # BYTES FILE
	{
		echo question,answer,note
		printf 'D-2.2,yes,'
		head -c "$1" /dev/zero | tr '\0' x
		echo
	} >"$2"
}
longfile 1048576 limit.csv
run --db long.db new a --model mini "${CATALOG[@]}"
run --db long.db import a limit.csv
expect_exit 0
check "the 1 MiB note is stored whole" \
	test "$(sqlite3 long.db "SELECT length(note) FROM answer_list")" = 1048576
longfile 1100000 long.csv
run import a long.csv
expect_exit 2
expect_stderr <<'EOF'
long.csv:2:3: field longer than 1048576 bytes
srmgap: 1 error in 'long.csv'; nothing was imported
EOF

# More than 1024 fields.
{
	printf 'question,answer'
	for i in $(seq 1100); do printf ',c%d' "$i"; done
	echo
} >wide.csv
run import a wide.csv
expect_exit 2
expect_stderr_contains "wide.csv:1:1025: more than 1024 fields in a record"
expect_stderr_contains "srmgap: 1 error in 'wide.csv'; nothing was imported"

db_dump srmgap.db >after.sql
expect_file_same before.sql after.sql

# Bulk import from standard input.
printf 'assessment,question,answer\nz,A-1.1,yes\nz,D-2.2,no\n' >z.csv
run_stdin z.csv import --bulk - --model mini "${CATALOG[@]}"
expect_exit 0
expect_stdout <<'EOF'
imported 2 rows from '<stdin>': 2 new, 0 replaced, 0 unchanged, 0 empty; 1 assessment, 1 created
EOF

# UTF-8 in the area table: a long name is cut on a character boundary
# to 33 characters plus '~', so the columns stay aligned.
rm -rf cat
cp -R "$FIX/catalog" cat
sed -i "s/^dat,Data,/dat,Données et sauvegardes des systèmes d'information,/" cat/controls/mini/areas.csv
cp "$FIX/answers/acme.csv" .
run --db u.db new u --model mini --catalog cat
run --db u.db import u acme.csv
run --db u.db score u --as-of 2025-03-01
expect_exit 0
expect_stdout_contains "Données et sauvegardes des systèmes d'i~      0.0%     0     0     1     1"
run --db u.db report u --as-of 2025-03-01 --gaps-only
expect_stdout_contains "  1. D-1  high      unanswered  Données et sauvegardes des systèmes d'information"

# A damaged snapshot is refused by every command that reads it. The
# portfolio commands still list the other assessments, mark this one,
# name the problem and exit 1.
run --db u.db new ok --model mini --questionnaire quick --catalog cat
sqlite3 u.db "UPDATE snapshot_controls SET severity = 'urgent' WHERE control = 'A-1' AND snapshot_id = 1"
for cmd in "report u" "score u"; do
	# shellcheck disable=SC2086
	run --db u.db $cmd
	expect_exit 1
	expect_stderr_contains "srmgap: snapshot 1 is damaged: invalid severity 'urgent' (expected critical, high, medium or low)"
done
run --db u.db list
expect_exit 1
expect_stderr <<'EOF'
srmgap: u: snapshot 1 is damaged: invalid severity 'urgent' (expected critical, high, medium or low)
srmgap: 1 assessment could not be scored
EOF
expect_stdout_contains "ok                           mini                       0/2"
expect_stdout_contains "u                            mini                         - damaged"
run --db u.db score --all --format csv
expect_exit 1
expect_stdout_contains "u,mini,,,,,,"
expect_stdout_contains "ok,mini,"
expect_stderr_contains "srmgap: 1 assessment could not be scored"
run --db u.db import u acme.csv
expect_exit 1
expect_stderr_contains "srmgap: snapshot 1 is damaged"
