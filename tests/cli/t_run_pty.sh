# srmgap run at a real terminal: tests/cli/pty (built by make beside
# the binary, as tests/pty) runs it on a pseudo-terminal, types each line
# once a prompt has appeared, and captures what the terminal shows. It
# checks the prompts and the progress counter, that colour is used on a
# terminal and never with NO_COLOR set, that Ctrl-C keeps the answers
# given before it, that Ctrl-D ends the session with the summary, and
# that long text is wrapped to the terminal (80 columns at most).

PTY=${SRMGAP_PTY:-$(dirname "$SRMGAP")/tests/pty}
check "the pseudo-terminal driver is built ($PTY)" test -x "$PTY" || return 0

esc=$'\033['

# on_pty NO_COLOR COLUMNS ARGS... <SCRIPT: srmgap ARGS on a terminal of
# COLUMNS columns; the screen (carriage returns removed) goes to stdout.
on_pty() {
	local nc=$1 width=$2
	shift 2
	CMD="(on a terminal, NO_COLOR='$nc') $(_quote_cmd "$@")"
	"$PTY" -p '): ' -t 30 -w "$width" -- env NO_COLOR="$nc" "$SRMGAP" "$@" \
		>"$CAP/screen" 2>"$CAP/stderr"
	STATUS=$?
	tr -d '\r' <"$CAP/screen" >"$CAP/stdout"
}

# The screen without colour codes.
plain() {
	sed 's/\x1b\[[0-9;]*m//g' "$CAP/stdout"
}

today=$(date -u +%Y-%m-%d)
run new acme --model mini "${CATALOG[@]}"
hash=$(snapshot_of_last_new)

# --- NO_COLOR=1: the whole screen, exactly. The terminal echoes what is
# typed; Ctrl-D (end of input) ends the session like q.
on_pty 1 80 run acme <<'EOF'
yes
idp-policy.pdf
2025-01-15
?
^D
EOF
expect_exit 0
expect_stderr_empty
expect_stdout <<EOF
acme: Mini 1.0, 0 of 11 questions answered
Enter keeps an answer; ? shows help, s skips, b goes back, q quits

== Access ==
Cloud Co covers: Provides single sign-on and MFA features.
Your part: Turns MFA on and reviews who has access.

[1/11] A-1.1  MFA enforced (critical)
Is MFA enforced for every user?
  Answers: yes/no/na
Answer (? for help): yes
Evidence: link, ticket id or document (Enter for none, ? for help): idp-policy.pdf
Evidence as of YYYY-MM-DD (Enter for none, ? for help): 2025-01-15
  A-1.2 now applies

[2/12] A-1.2  MFA enforced (critical)
Which MFA method is used?
  Answers: hw-key/app/sms
Answer (? for help): ?

Help: none for this question
Control A-1, MFA enforced: Every user signs in with a second factor.
If it is missing: Turn on MFA for all users.
Asked because A-1.1 is yes
Keys: Enter keeps the current answer (and confirms one carried over from an
  earlier assessment), s skips the question, b goes back one, q quits (every
  answer given so far is saved), ? shows this help. To answer s, b, q or ?
  itself, type \\s, \\b, \\q or \\?.
Evidence: after an answer that scores above 0, you are asked for its evidence (a
  link, a ticket id, a document name) and, when there is evidence, for the date
  it is as of. Both are optional, and the same keys work there. The answer is
  stored when they are done. To change only the evidence, type the answer again.
Answer (? for help): 
stored 1 answer, skipped 0 questions

srmgap scores: acme
Model:        Mini 1.0 (mini)
Snapshot:     $hash
As of:        $today
Answered:     1 of 13 questions

Overall score: 12.5%

Area                                         Score   Met  Part   Not Unans
Access                                       18.2%     0     1     0     2
Data                                          0.0%     0     0     0     2
Infrastructure                           inherited

Top gaps (5 of 5)
  1. A-1  MFA enforced (critical, partial 50.0%)
  2. A-2  Access reviewed (high, unanswered)
  3. D-1  Data classified (high, unanswered)
  4. A-3  Password policy (medium, unanswered)
  5. D-2  Restores tested (medium, unanswered)

11 questions are still unanswered; to go on at A-1.2:
  srmgap run acme
The full report:
  srmgap report acme
EOF
check "no colour with NO_COLOR=1 on a terminal" \
	bash -c "! grep -qF \$'\\033[' '$CAP/stdout'"

# --- NO_COLOR empty: colour and bold; the same text underneath.
on_pty "" 80 run acme <<'EOF'
app

q
EOF
expect_exit 0
expect_stdout_contains "${esc}1macme${esc}0m: Mini 1.0, 1 of 12 questions answered"
expect_stdout_contains "${esc}1m== Access ==${esc}0m"
expect_stdout_contains "[2/12] ${esc}1mA-1.2${esc}0m  MFA enforced (critical)"
expect_stdout_contains "${esc}1mAnswer${esc}0m (? for help): app"
expect_stdout_contains "${esc}1mOverall score: 22.5%${esc}0m"
plain >screen.txt
check "the progress counter, without colour codes" \
	grep -qx '\[3/12\] A-1.3  MFA enforced (critical)' screen.txt
check "the resume line, without colour codes" \
	grep -qx 'Going on at A-1.2, the first unanswered question (b goes back)' screen.txt

# --- Ctrl-C ends the session at once; the answers before it are kept.
on_pty 1 80 run acme <<'EOF'
login.example.com
no
^C
EOF
check "Ctrl-C ends the session by SIGINT (status $STATUS)" test "$STATUS" = 130
expect_stdout_contains "[5/12] A-2.2  Access reviewed (high)"
check "no summary after Ctrl-C" bash -c "! grep -q 'Overall score' '$CAP/stdout'"
check "the answers before Ctrl-C are stored" test "$(sqlite3 srmgap.db \
	"SELECT group_concat(question || '=' || value, ' ') FROM \
	(SELECT * FROM answer_list ORDER BY question)")" = \
	"A-1.1=yes A-1.2=app A-1.3=login.example.com A-2.1=no"

# --- At a terminal with standard output redirected, the questions stay
# on the terminal (standard error) and the file gets only the summary,
# without colour.
"$PTY" -p '): ' -t 30 -- env NO_COLOR= sh -c '"$1" run acme >summary.txt' sh \
	"$SRMGAP" <<'EOF' >"$CAP/screen" 2>"$CAP/stderr"
q
EOF
check "the session ends (status $?)" test $? = 0
check "the question is on the terminal, in colour" grep -qF \
	$'\033[1mA-2.2\033[0m  Access reviewed' "$CAP/screen"
check "the summary is not on the terminal" bash -c \
	"! grep -q 'Overall score' '$CAP/screen'"
check "the summary is in the file" grep -q '^Overall score: ' summary.txt
check "no colour in the file" bash -c "! grep -qF \$'\\033[' summary.txt"
check "only the summary in the file" test "$(head -1 summary.txt)" = \
	"stored 0 answers, skipped 0 questions"

# --- Long text is wrapped to the terminal: 80 columns, or fewer on a
# narrower one. Only lines with a prompt hold typed text as well. The
# summary's score table is 74 columns wide, so on the narrow terminal
# only the session before the summary is checked.
run new long --model long --catalog "$FIX/run/catalog"
for width in 80 60; do
	on_pty 1 "$width" run long <<'EOF'
?
q
EOF
	expect_exit 0
	expect_stdout_contains "Is every change to the configuration of the workspace,"
	check "no line is wider than $width columns" awk -v w="$width" \
		'/^stored / && w < 80 { exit } !/\): / && length($0) > w {
			print; bad = 1 } END { exit bad }' "$CAP/stdout"
done
expect_stdout_contains "Your part: Decides who may change the configuration of the"
