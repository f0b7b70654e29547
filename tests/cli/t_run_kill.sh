# srmgap run commits every answer as soon as it is complete: with its
# evidence, once the evidence prompts after it are done. A session killed
# with SIGKILL during those prompts keeps every answer given before and
# loses only the one whose evidence is being typed, the database
# passes SQLite's own checks, and the next session resumes at the first
# unanswered question. The answers are fed through a FIFO, so the
# process is still running, waiting for its next line, when the answers
# are checked and when it is killed.

answers() {
	sqlite3 srmgap.db "SELECT question, value, evidence, evidence_date \
		FROM answer_list WHERE assessment = 'acme' ORDER BY question"
}

# wait_answers N: wait (up to 10 s) until N answers are stored.
wait_answers() {
	local i
	for ((i = 0; i < 100; i++)); do
		[[ $(sqlite3 srmgap.db "SELECT count(*) FROM answers") == "$1" ]] &&
			return 0
		sleep 0.1
	done
	return 1
}

run new acme --model mini "${CATALOG[@]}"
expect_exit 0

mkfifo in.fifo
"$SRMGAP" run acme <in.fifo >out.txt 2>err.txt &
pid=$!
exec 3>in.fifo

# Three complete answers (A-1.1 with its evidence and date).
printf 'yes\nidp-policy.pdf\n2025-01-15\nsms\n\nlogin.example.com\n' >&3
check "three answers are stored while the session runs" wait_answers 3
check "the session is still waiting for the next answer" kill -0 "$pid"

# A fourth answer is accepted, but its evidence is still being typed.
printf 'partial\nREV-' >&3
sleep 0.3
kill -KILL "$pid"
wait "$pid"
status=$?
exec 3>&-
check "the session was killed (status $status)" test "$status" = 137

answers >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|idp-policy.pdf|2025-01-15
A-1.2|sms||
A-1.3|login.example.com||
EOF
check "integrity after the kill" \
	test "$(sqlite3 srmgap.db 'PRAGMA integrity_check')" = ok
check "foreign keys after the kill" \
	test -z "$(sqlite3 srmgap.db 'PRAGMA foreign_key_check')"
check "the prompts went to stderr" grep -q "^\[4/12\] A-2.1" err.txt
check "nothing went to stdout before the summary" test ! -s out.txt

# The next session resumes at the answer that was lost.
printf 'partial\nREV-7\n2025-02-01\nq\n' >resume.txt
run_stdin resume.txt run acme
expect_exit 0
expect_stderr_contains "Going on at A-2.1, the first unanswered question (b goes back)"
expect_stderr_contains "[4/12] A-2.1  Access reviewed (high)"
answers >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|idp-policy.pdf|2025-01-15
A-1.2|sms||
A-1.3|login.example.com||
A-2.1|partial|REV-7|2025-02-01
EOF
check "each session is its own batch" test "$(sqlite3 srmgap.db \
	"SELECT count(*) FROM imports WHERE source = 'run'")" = 2
