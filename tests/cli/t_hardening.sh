# Input that could mislead a reader or a terminal, and databases changed
# behind srmgap's back.

setup acme acme.csv

# A snapshot edited with the sqlite3 shell no longer matches its content
# hash: every command that reads it refuses, naming the model.
cp srmgap.db edited.db
sqlite3 edited.db "UPDATE snapshot_controls SET title = 'Nothing to do' WHERE control = 'A-1'"
run --db edited.db report acme --as-of 2025-03-01
expect_exit 1
expect_stdout_empty
expect_stderr <<'EOF2'
srmgap: snapshot 1 of model 'mini' no longer matches its content hash: it was changed outside srmgap
EOF2
run --db edited.db score --all
expect_exit 1
expect_stderr_contains "no longer matches its content hash"

# An assessment id beyond what the answer key can hold.
cp srmgap.db big-id.db
sqlite3 big-id.db "UPDATE assessments SET id = 9223372036854775000"
run --db big-id.db report acme
expect_exit 1
expect_stderr <<'EOF2'
srmgap: assessment 'acme' has an id out of range: the database was changed outside srmgap
EOF2

# Escape sequences in an assessment name never reach a terminal.
printf 'assessment,question,answer\n"evil\033[2J",A-1.1,yes\n' >esc.csv
run import --bulk esc.csv --model mini "${CATALOG[@]}"
expect_exit 2
expect_stderr <<'EOF2'
esc.csv:2:1: invalid assessment name 'evil\x1b[2J' (1 to 128 characters, no tabs, line breaks or other control characters)
srmgap: 1 error in 'esc.csv'; nothing was imported
EOF2

# ... nor do they come in through catalog text.
cp -R "$FIX/catalog" cat
printf 'key,value\ntitle,"Mini\033]0;owned\007"\nversion,1.0\n' >cat/controls/mini/model.csv
run validate cat/controls/mini
expect_exit 2
expect_stderr <<'EOF2'
cat/controls/mini/model.csv:2:2: control character 0x1b in field
srmgap: 1 error, 0 warnings
EOF2

# A date after today is accepted with a warning: it counts only from then.
printf 'question,answer\nA-2.2,2999-01-01\n' >future.csv
run import acme future.csv
expect_exit 0
expect_stderr <<'EOF2'
future.csv:2:2: warning: A-2.2: 2999-01-01 is after today: it counts as current evidence only from that day
EOF2

# --fail-under takes a plain percentage; nan or hex would switch it off.
for p in nan inf 0x5A 1e2; do
	run report acme --fail-under "$p"
	expect_exit 2
	expect_stderr_contains "--fail-under takes a percentage from 0 to 100, not '$p'"
done

# A pattern that would backtrack for ever is cut off by the match limit:
# the answer is refused with a clear reason, quickly.
cp -R "$FIX/catalog" cat2
printf 'question,control,text,type,pattern\nA-1.3,A-1,Domain?,text,(a+)+$\n' \
	>cat2/questionnaires/mini.csv
run --db slow.db new slow --model mini --catalog cat2
printf 'question,answer\nA-1.3,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n' >slow.csv
run --db slow.db import slow slow.csv
expect_exit 2
expect_stderr_contains "could not be checked against pattern"

# --- Text written into a database behind srmgap's back (the library
# refuses it at entry, so the sqlite3 shell puts it there) reaches a
# terminal escaped: ESC, CSI as the C1 control C2 9B, CR, and a byte that
# is not UTF-8 never come out raw, on stdout or stderr.

# no_raw FILE: FILE holds no C0 control but tab and line feed, no DEL, no
# C1 control (C2 80 to C2 9F) and no 0xFF byte.
no_raw() {
	! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f\xff]\\|\xc2[\x80-\x9f]' "$1"
}

expect_clean() { # the last run's stdout and stderr are terminal-safe
	check "stdout holds a raw control or a byte that is not UTF-8" \
		no_raw "$CAP/stdout"
	check "stderr holds a raw control or a byte that is not UTF-8" \
		no_raw "$CAP/stderr"
}

cp srmgap.db hostile.db
run --db hostile.db review acme A-1 --verdict needs-evidence --comment fine \
	--auditor ann
expect_exit 0
ESC="char(27)" CSI="char(155)" BAD="CAST(X'FF' AS TEXT)" CR="char(13)"
sqlite3 hostile.db "
UPDATE assessments SET name = 'ev' || $ESC || '[2J' || $CSI || 'il' || $BAD ||
	$CR, org = 'Org' || $ESC || ']0;owned' || char(7), assessor = 'Ann' || $CSI;
UPDATE answers SET evidence = 'doc' || $ESC || '[31m' || $CSI || '31m'
	WHERE evidence <> '';
UPDATE answers SET note = 'n' || $CR || 'ote' || $CSI WHERE note <> '';
UPDATE reviews SET comment = 'ok' || $ESC || '[8m' || $CSI,
	auditor = 'ann' || $CSI;
UPDATE events SET at = '2025-03-01T10:00:00Z' || $ESC || '[5m',
	actor = 'me' || $ESC || 'X', kind = kind || $CSI,
	new = '{\"org\":\"Org\\u001b]0;owned\\u0007\",\"k\\u001b[2J\\u009b\":\"v\"}'
	WHERE kind = 'created';
UPDATE events SET new = json_set(new, '$.comment', 'ok' || $ESC || '[8m' ||
	$CSI) WHERE kind = 'verdict';"
evil=$'ev\e[2J\xc2\x9bil\xff\r'

run --db hostile.db list
expect_exit 0
expect_stdout <<'EOF2'
ASSESSMENT                   MODEL                 ANSWERED   SCORE  STATE
ev\x1b[2J\u009bil\xff\r      mini                      9/13   39.1%  open
EOF2
expect_clean

run --db hostile.db log
expect_exit 0
expect_clean
expect_stdout_contains '#1 2025-03-01T10:00:00Z\x1b[5m me\x1bX created\u009b acme'
expect_stdout_contains '    org: Org\x1b]0;owned\x07'
expect_stdout_contains '    k\x1b[2J\u009b: v'
expect_stdout_contains '      comment: ok\x1b[8m\u009b'

# A trail that no longer verifies names the changed event, escaped.
run --db hostile.db verify
expect_exit 2
expect_clean
expect_stderr_contains "srmgap: verify: event 1 (created\\u009b of 'acme')"

printf 'q\n' >q.txt
run_stdin q.txt --db hostile.db run "$evil" --review
expect_exit 0
# The summary's scores are the library's text (srmgap_score_text), whose
# header prints the assessment's own fields as they are: what the CLI
# writes itself is checked here.
filter_stdout '/^srmgap scores: /d; /^Organisation: /d; /^Assessor: /d'
expect_clean
expect_stderr_contains 'ev\x1b[2J\u009bil\xff\r: Mini 1.0, 9 of 12 questions'
expect_stderr_contains '  Evidence: doc\x1b[31m\u009b31m'
# The hint can be pasted: $'...' gives the shell back the very bytes.
expect_stdout_contains "  srmgap --db hostile.db run \$'ev\\x1b[2J\\xc2\\x9bil\\xff\\x0d'"
hint=$(sed -n 's/^  srmgap --db hostile.db report //p' "$CAP/stdout")
check "the hint names the assessment" test "$(eval "printf %s $hint")" = "$evil"

# A line typed at a prompt is echoed escaped, and refused with the reason.
printf 'yes\nbad\033[2J\302\233\nb\nq\n' >typed.txt
run_stdin typed.txt --db hostile.db run "$evil" --review
expect_exit 0
filter_stdout '/^srmgap scores: /d; /^Organisation: /d; /^Assessor: /d'
expect_clean
expect_stderr_contains 'Evidence (Enter keeps it, - clears, ? for help): bad\x1b[2J\u009b'
expect_stderr_contains '  invalid evidence: control characters are not allowed'

run --db hostile.db review "$evil" A-2 --verdict verified
expect_exit 0
expect_clean
expect_stdout <<'EOF2'
ev\x1b[2J\u009bil\xff\r: A-2 is verified
EOF2

run --db hostile.db checklist "$evil" --format markdown
expect_exit 0
expect_clean
run --db hostile.db checklist "$evil" --format html
expect_exit 0
expect_clean

# new --from names OLD; OLD's organisation is refused as the new one's.
run --db hostile.db new copy --from "$evil" "${CATALOG[@]}"
expect_exit 2
expect_clean
expect_stderr <<'EOF2'
srmgap: invalid organisation: control characters are not allowed
EOF2
cp hostile.db copy.db
run --db copy.db new copy --from "$evil" --org Acme --assessor Bob \
	"${CATALOG[@]}"
expect_exit 0
expect_clean
expect_stdout_contains "carried over 9 of 9 answers from 'ev\\x1b[2J\\u009bil\\xff\\r': each"

run --db hostile.db signoff "$evil" --auditor sam
expect_exit 0
expect_clean
expect_stdout_contains "signed off 'ev\\x1b[2J\\u009bil\\xff\\r' by sam at "
run --db hostile.db run "$evil"
expect_exit 2
expect_clean
expect_stderr_contains "srmgap: assessment 'ev\\x1b[2J\\u009bil\\xff\\r' was signed off by sam"
run --db hostile.db reopen "$evil" --reason "a second look"
expect_exit 0
expect_clean
expect_stdout_contains "reopened 'ev\\x1b[2J\\u009bil\\xff\\r' (signed off by sam at "

run --db hostile.db score --all
expect_exit 0
expect_clean
expect_stdout_contains 'ev\x1b[2J\u009bil\xff\r      mini                   39.1%'

# What is typed on the command line is echoed escaped too.
run list $'x\e[2J\xc2\x9b'
expect_exit 2
expect_clean
expect_stderr_contains "srmgap: list: unexpected argument 'x\\x1b[2J\\u009b'"
