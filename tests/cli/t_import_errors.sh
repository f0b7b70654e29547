# srmgap import, bad input: every kind of bad file is rejected as a whole
# with exit 2, each problem listed as FILE:LINE:COL: message (the column is
# the CSV field number), a summary line, nothing on stdout, and the
# database exactly as it was (compared with sqlite3 .dump).

setup acme acme.csv
db_dump srmgap.db >before.sql

# reject FILE <<'EOF' (expected stderr): FILE from answers/bad/ is
# rejected and the database is unchanged.
reject() {
	cp "$FIX/answers/bad/$1" .
	run import acme "$1"
	expect_exit 2
	expect_stdout_empty
	expect_stderr
	db_dump srmgap.db >after.sql
	expect_file_same before.sql after.sql
}

# Malformed CSV. An unterminated quote is reported on the line where the
# record starts, in the field where the quote opened.
reject unterminated-quote.csv <<'EOF'
unterminated-quote.csv:3:2: unterminated quoted field (the record starts here)
srmgap: 1 error in 'unterminated-quote.csv'; nothing was imported
EOF

reject malformed-quote.csv <<'EOF'
malformed-quote.csv:3:2: malformed quoting (a quote inside a field must be doubled and the field quoted)
srmgap: 1 error in 'malformed-quote.csv'; nothing was imported
EOF

# Invalid UTF-8 (made here so that no tool re-encodes a fixture).
printf 'question,answer,evidence\nA-1.1,yes,ok\nA-2.1,yes,caf\xe9\n' >bad-utf8.csv
run import acme bad-utf8.csv
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
bad-utf8.csv:3:3: invalid UTF-8 in field (save the file as UTF-8)
srmgap: 1 error in 'bad-utf8.csv'; nothing was imported
EOF
db_dump srmgap.db >after.sql
expect_file_same before.sql after.sql

# A NUL byte.
printf 'question,answer\nA-1.1,y\0es\n' >nul.csv
run import acme nul.csv
expect_exit 2
expect_stderr <<'EOF'
nul.csv:2:2: NUL byte in field
srmgap: 1 error in 'nul.csv'; nothing was imported
EOF

reject unknown-question.csv <<'EOF'
unknown-question.csv:3:1: unknown question 'Z-9.9' in model 'mini'
srmgap: 1 error in 'unknown-question.csv'; nothing was imported
EOF

reject empty-question.csv <<'EOF'
empty-question.csv:2:1: empty question id
srmgap: 1 error in 'empty-question.csv'; nothing was imported
EOF

# An invalid value for each type of question.
reject bad-yesno.csv <<'EOF'
bad-yesno.csv:2:2: A-1.1: invalid answer 'maybe' (expected yes/no/na)
srmgap: 1 error in 'bad-yesno.csv'; nothing was imported
EOF

reject bad-scale.csv <<'EOF'
bad-scale.csv:2:2: A-2.1: invalid answer 'half' (expected yes/partial/no/na)
srmgap: 1 error in 'bad-scale.csv'; nothing was imported
EOF

reject bad-choice.csv <<'EOF'
bad-choice.csv:2:2: A-3.1: invalid answer 'ultra' (expected strong/medium/weak/sso-only)
srmgap: 1 error in 'bad-choice.csv'; nothing was imported
EOF

reject bad-multi.csv <<'EOF'
bad-multi.csv:2:2: D-1.1: 'encryption' is not one of the options; expected one or more of labels/dlp/review/unknown separated by |
srmgap: 1 error in 'bad-multi.csv'; nothing was imported
EOF

reject bad-multi-empty.csv <<'EOF'
bad-multi-empty.csv:2:2: D-1.1: empty value in 'labels||dlp' (separate values with '|'); expected one or more of labels/dlp/review/unknown separated by |
srmgap: 1 error in 'bad-multi-empty.csv'; nothing was imported
EOF

reject bad-number.csv <<'EOF'
bad-number.csv:2:2: D-2.1: invalid answer 'ten' (expected a number, 1 to 30 to count as met)
srmgap: 1 error in 'bad-number.csv'; nothing was imported
EOF

# 2025 is not a leap year.
reject bad-date.csv <<'EOF'
bad-date.csv:2:2: A-2.2: invalid date '2025-02-29' (expected a real date as YYYY-MM-DD)
srmgap: 1 error in 'bad-date.csv'; nothing was imported
EOF

reject bad-date-format.csv <<'EOF'
bad-date-format.csv:2:2: A-2.2: invalid date '01/02/2025' (expected a real date as YYYY-MM-DD)
srmgap: 1 error in 'bad-date-format.csv'; nothing was imported
EOF

# Text that does not match the question's pattern (which is anchored).
reject bad-pattern.csv <<'EOF'
bad-pattern.csv:2:2: A-1.3: 'Login.Example.COM' does not match the pattern '[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}'
srmgap: 1 error in 'bad-pattern.csv'; nothing was imported
EOF

reject duplicate-row.csv <<'EOF'
duplicate-row.csv:4:1: duplicate answer to 'A-1.1' (first on line 2)
srmgap: 1 error in 'duplicate-row.csv'; nothing was imported
EOF

reject missing-column.csv <<'EOF'
missing-column.csv:1:1: missing required column 'answer'
missing-column.csv:1:2: warning: unknown column 'value' ignored
srmgap: 1 error in 'missing-column.csv'; nothing was imported
EOF

reject duplicate-column.csv <<'EOF'
duplicate-column.csv:1:3: duplicate column 'answer'
srmgap: 1 error in 'duplicate-column.csv'; nothing was imported
EOF

reject extra-field.csv <<'EOF'
extra-field.csv:2:3: value 'extra' beyond the last column of the header
srmgap: 1 error in 'extra-field.csv'; nothing was imported
EOF

# Every problem of a file is listed, in file order, not just the first.
reject many.csv <<'EOF'
many.csv:2:2: A-1.1: invalid answer 'maybe' (expected yes/no/na)
many.csv:4:2: A-2.1: invalid answer 'half' (expected yes/partial/no/na)
many.csv:5:2: A-2.2: invalid date '2025-13-01' (expected a real date as YYYY-MM-DD)
many.csv:6:2: A-3.1: invalid answer 'ultra' (expected strong/medium/weak/sso-only)
many.csv:7:2: D-1.1: 'encryption' is not one of the options; expected one or more of labels/dlp/review/unknown separated by |
many.csv:8:2: D-2.1: invalid answer 'ten' (expected a number, 1 to 30 to count as met)
many.csv:10:2: A-1.3: 'Login.Example.COM' does not match the pattern '[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}'
many.csv:11:1: unknown question 'Z-9.9' in model 'mini'
many.csv:12:1: duplicate answer to 'A-1.2' (first on line 3)
many.csv:13:2: D-2.3: invalid answer '1.5.2' (expected a number)
srmgap: 10 errors in 'many.csv'; nothing was imported
EOF

# An empty file has no header, so it has no 'question' and 'answer'
# columns: it is invalid input, not a successful import of nothing.
# (On a copy of the database, so that the other checks keep their
# baseline whatever happens here.)
cp "$FIX/answers/bad/empty.csv" .
cp srmgap.db empty-test.db
run --db empty-test.db import acme empty.csv
expect_exit 2
expect_stderr_match "^empty\\.csv"
expect_stderr_contains "srmgap: 1 error in 'empty.csv'; nothing was imported"
db_dump empty-test.db >after.sql
expect_file_same before.sql after.sql

# The same bad file on standard input is named '-'.
run_stdin "$FIX/answers/bad/bad-yesno.csv" import acme -
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
<stdin>:2:2: A-1.1: invalid answer 'maybe' (expected yes/no/na)
srmgap: 1 error in '<stdin>'; nothing was imported
EOF

# No such assessment, no such file, --model without --bulk.
run import nope acme.csv
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: no assessment 'nope' (see 'srmgap list')
EOF

# A misnamed file is invalid input (exit 2); an unreadable one would be
# a runtime failure (exit 1).
run import acme no-such-file.csv
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: no-such-file.csv: cannot open: No such file or directory
EOF

run import acme acme.csv --model mini "${CATALOG[@]}"
expect_exit 2
expect_stderr <<'EOF'
srmgap: import: --model and --questionnaire go with --bulk (an assessment keeps the model it was created on)
EOF

db_dump srmgap.db >after.sql
expect_file_same before.sql after.sql

# Line numbers are physical lines: blank lines and multi-line fields
# count, with LF or CRLF line ends and a BOM.
printf 'question,answer\n\nA-1.1,yes\n\n\nA-2.1,bad\n' >blank-lines.csv
run import acme blank-lines.csv
expect_exit 2
expect_stderr <<'EOF'
blank-lines.csv:6:2: A-2.1: invalid answer 'bad' (expected yes/partial/no/na)
srmgap: 1 error in 'blank-lines.csv'; nothing was imported
EOF
printf '\xef\xbb\xbfquestion,answer,note\r\n\r\nA-1.1,yes,"two\r\nlines"\r\n,,\r\nA-2.1,bad,\r\n' >crlf-lines.csv
run import acme crlf-lines.csv
expect_exit 2
expect_stderr <<'EOF'
crlf-lines.csv:6:2: A-2.1: invalid answer 'bad' (expected yes/partial/no/na)
srmgap: 1 error in 'crlf-lines.csv'; nothing was imported
EOF
# Escape sequences in evidence or notes would reach terminals; a future
# evidence date is no evidence yet.
printf 'question,answer,evidence,note,evidence_date\nA-1.1,yes,"\033[31mred",ok,2026-01-01\nA-2.1,yes,ok,"bell\a",2999-01-01\n' >escapes.csv
run import acme escapes.csv
expect_exit 2
expect_stderr <<'EOF'
escapes.csv:2:3: A-1.1: invalid evidence: control characters are not allowed
escapes.csv:3:4: A-2.1: invalid note: control characters are not allowed
escapes.csv:3:5: A-2.1: evidence date 2999-01-01 is in the future
srmgap: 3 errors in 'escapes.csv'; nothing was imported
EOF
printf 'question,answer,evidence,evidence_date\nA-1.1,yes,,2026-01-01\n' >dateonly.csv
run import acme dateonly.csv
expect_exit 2
expect_stderr <<'EOF'
dateonly.csv:2:4: A-1.1: an evidence date without evidence
srmgap: 1 error in 'dateonly.csv'; nothing was imported
EOF
db_dump srmgap.db >after.sql
expect_file_same before.sql after.sql
