# srmgap import, good input: the stats line, re-importing, replacing an
# answer (the old one goes to history), canonical answer forms, BOM and
# CRLF, unknown columns, empty answers, standard input.

# The stored answers, read through the view answer_list that the README
# documents for the sqlite3 shell.
answers() { # DB: question, value, evidence, note of every stored answer
	sqlite3 -separator ' | ' "$1" \
		"SELECT question, value, evidence, note FROM answer_list ORDER BY assessment, question"
}
# What an import may change: the answers (with the batch that set each,
# recorded_at and source) and the history. An import that changes
# nothing writes nothing, not even its row in 'imports' (README).
state() { # DB
	sqlite3 "$1" "SELECT * FROM answer_list ORDER BY assessment, question" \
		"SELECT count(*) FROM answer_history"
}

cp "$FIX/answers/acme.csv" .
run new acme --model mini "${CATALOG[@]}"
expect_exit 0

run import acme acme.csv
expect_exit 0
expect_stderr_empty
expect_stdout <<'EOF'
imported 9 rows from 'acme.csv': 9 new, 0 replaced, 0 unchanged, 0 empty
EOF
answers srmgap.db >stored.txt
expect_file stored.txt <<'EOF'
A-1.1 | yes | idp-policy.pdf | 
A-1.2 | hw-key |  | 
A-1.3 | login.example.com |  | 
A-2.1 | partial | review-2025.xlsx, signed | Only admins were reviewed
A-2.2 | 2025-01-01 | REV-7 | 
A-3.1 | medium |  | 
D-2.1 | 45 |  | 
D-2.2 | no |  | =HYPERLINK("http://x.example","click")
D-2.3 | 3 |  | 
EOF

# The same file again: no answer changes (not even its batch, time or
# source), and no history is written.
state srmgap.db >before.txt
run import acme acme.csv
expect_exit 0
expect_stdout <<'EOF'
imported 9 rows from 'acme.csv': 0 new, 0 replaced, 9 unchanged, 0 empty
EOF
state srmgap.db >after.txt
expect_file_same before.txt after.txt

# Answers are stored in canonical form: keywords and option values in
# lower case, n/a as na, multi values in option order without repeats,
# surrounding blanks trimmed. Identical canonical answers are unchanged
# even when spelled differently.
cat >spelled.csv <<'EOF'
question,answer,evidence,note
A-1.1,YES,idp-policy.pdf,
A-1.2, Hw-Key ,,
D-1.1,Review | labels|review,,
D-3.1,N/A,,
EOF
run import acme spelled.csv
expect_exit 0
expect_stdout <<'EOF'
imported 4 rows from 'spelled.csv': 2 new, 0 replaced, 2 unchanged, 0 empty
EOF
check "canonical multi and n/a values" test "$(sqlite3 srmgap.db \
	"SELECT group_concat(question || '=' || value, ' ') FROM (SELECT * FROM answer_list WHERE question IN ('D-1.1','D-3.1') ORDER BY question)")" \
	= "D-1.1=labels|review D-3.1=na"

# A changed answer replaces the old one, which is kept in the table
# answer_history (README; only its question, value and evidence are
# looked at here, the rest of the schema is the store's business); an
# empty answer stores nothing and leaves the stored answer alone; a new
# evidence alone also counts as a change.
cat >change.csv <<'EOF'
question,answer,evidence,note
A-2.1,yes,review-2025.xlsx,All users reviewed
A-3.1,medium,,
D-2.3,,,
A-1.3,login.example.com,sso-config.png,
EOF
run import acme change.csv
expect_exit 0
expect_stderr_empty
expect_stdout <<'EOF'
imported 4 rows from 'change.csv': 0 new, 2 replaced, 1 unchanged, 1 empty
EOF
check "the replaced answers are in the history" test "$(sqlite3 srmgap.db \
	"SELECT group_concat(question || '=' || value || '/' || evidence, ' ') FROM (SELECT * FROM answer_history ORDER BY id)")" \
	= "A-2.1=partial/review-2025.xlsx, signed A-1.3=login.example.com/"
check "D-2.3 keeps its answer" test "$(sqlite3 srmgap.db \
	"SELECT value FROM answer_list WHERE question = 'D-2.3'")" = 3

# An empty answer with evidence: warned, nothing stored.
printf 'question,answer,evidence\nD-3.2,,purge-log.txt\n' >empty-answer.csv
run import acme empty-answer.csv
expect_exit 0
expect_stdout <<'EOF'
imported 1 row from 'empty-answer.csv': 0 new, 0 replaced, 0 unchanged, 1 empty
EOF
expect_stderr <<'EOF'
empty-answer.csv:2:2: warning: no answer to 'D-3.2': its evidence and note are not stored
EOF

# A header without rows: a warning, nothing imported.
printf 'question,answer\n' >header-only.csv
state srmgap.db >before.txt
run import acme header-only.csv
expect_exit 0
expect_stdout <<'EOF'
imported 0 rows from 'header-only.csv': 0 new, 0 replaced, 0 unchanged, 0 empty
EOF
expect_stderr <<'EOF'
header-only.csv: warning: no answers in the file
EOF
state srmgap.db >after.txt
expect_file_same before.txt after.txt

# Unknown columns are ignored with a warning; columns in any order and
# case; blank lines skipped.
printf 'Note,colour,ANSWER,Question\nfirst,red,yes,D-3.1\n\n,blue,2025-02-01,D-3.2\n' >extra.csv
run import acme extra.csv
expect_exit 0
expect_stdout <<'EOF'
imported 2 rows from 'extra.csv': 1 new, 1 replaced, 0 unchanged, 0 empty
EOF
expect_stderr <<'EOF'
extra.csv:1:2: warning: unknown column 'colour' ignored
EOF

# A file with an 'assessment' column imported into one named assessment:
# the column is ignored with a warning.
printf 'assessment,question,answer\nother,D-2.1,45\n' >with-assessment.csv
run import acme with-assessment.csv
expect_exit 0
expect_stdout <<'EOF'
imported 1 row from 'with-assessment.csv': 0 new, 0 replaced, 1 unchanged, 0 empty
EOF
expect_stderr <<'EOF'
with-assessment.csv:1:1: warning: column 'assessment' ignored: every row answers 'acme' (use --bulk for many assessments)
EOF

# BOM and CRLF: the same answers as the plain LF file, to the byte.
printf '\xef\xbb\xbf' >bom-crlf.csv
sed 's/$/\r/' acme.csv >>bom-crlf.csv
check "the BOM+CRLF copy really has a BOM and CRs" \
	test "$(head -c 3 bom-crlf.csv | od -An -tx1 | tr -d ' ')" = efbbbf
check "the BOM+CRLF copy has CRLF line ends" grep -q $'\r$' bom-crlf.csv
run --db lf.db new x --model mini "${CATALOG[@]}"
run --db lf.db import x acme.csv
expect_exit 0
run --db crlf.db new x --model mini "${CATALOG[@]}"
run --db crlf.db import x bom-crlf.csv
expect_exit 0
expect_stdout <<'EOF'
imported 9 rows from 'bom-crlf.csv': 9 new, 0 replaced, 0 unchanged, 0 empty
EOF
expect_stderr_empty
answers lf.db >lf.txt
answers crlf.db >crlf.txt
expect_file_same lf.txt crlf.txt
run --db lf.db report x --as-of 2025-03-01 --format csv
cp "$CAP/stdout" lf-report.csv
run --db crlf.db report x --as-of 2025-03-01 --format csv
expect_file_same lf-report.csv "$CAP/stdout"

# A quoted field may span lines; its line breaks are kept.
printf 'question,answer,note\nD-2.2,no,"line one\nline two"\nD-3.1,yes,\n' >multiline.csv
run --db ml.db new x --model mini "${CATALOG[@]}"
run --db ml.db import x multiline.csv
expect_exit 0
expect_stdout <<'EOF'
imported 2 rows from 'multiline.csv': 2 new, 0 replaced, 0 unchanged, 0 empty
EOF
check "the note keeps its line break" test "$(sqlite3 ml.db \
	"SELECT note FROM answer_list WHERE question = 'D-2.2'")" = $'line one\nline two'

# A bad row after a multi-line field is reported on its own line.
printf 'question,answer,note\nD-2.2,no,"line one\nline two"\nD-3.1,maybe,\n' >multiline-bad.csv
run --db ml.db import x multiline-bad.csv
expect_exit 2
expect_stderr <<'EOF'
multiline-bad.csv:4:2: D-3.1: invalid answer 'maybe' (expected yes/no/na)
srmgap: 1 error in 'multiline-bad.csv'; nothing was imported
EOF

# Standard input.
run --db stdin.db new x --model mini "${CATALOG[@]}"
run_stdin acme.csv --db stdin.db import x -
expect_exit 0
expect_stdout <<'EOF'
imported 9 rows from '<stdin>': 9 new, 0 replaced, 0 unchanged, 0 empty
EOF
answers stdin.db >stdin.txt
expect_file_same lf.txt stdin.txt

# New evidence without a date drops the old evidence's date.
printf 'question,answer,evidence,evidence_date\nA-1.1,yes,POL-1,2025-01-10\n' >dated.csv
run import acme dated.csv
expect_exit 0
printf 'question,answer,evidence\nA-1.1,yes,POL-2\n' >undated.csv
run import acme undated.csv
expect_exit 0
check "new evidence drops the old evidence's date" test \
	"$(sqlite3 srmgap.db "SELECT evidence || '|' || evidence_date FROM answer_list WHERE assessment = 'acme' AND question = 'A-1.1'")" = "POL-2|"
