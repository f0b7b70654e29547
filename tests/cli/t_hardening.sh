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
