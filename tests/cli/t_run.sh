# srmgap run, scripted through standard input (no terminal): every
# answer type, invalid answers asked again with the reason, back, skip,
# keys typed literally, conditional questions appearing and
# disappearing, resuming, --unanswered, --review, --area, carried-over
# answers, each key at each of the two evidence prompts, the README's
# example sessions, a signed-off assessment, and usage errors. Without a
# terminal the prompts go to stderr and stdout carries only the summary.
#
# Scores by hand for the first session (weights as in t_score.sh):
#   A-1 = (yes 1 + sms 0.2)/2 = 0.6 (A-1.3 is text: informational)
#   A-2 = (partial 0.5 + 2020-01-01, stale: 0)/2 = 0.25
#   A-3 not applicable (sso-only is an na option)
#   Access = (4*0.6 + 5*0.25)/(4+5) = 3.65/9 = 40.6%
#   D-1 = labels|dlp 0.9 (D-1.2 optional, unanswered: excluded)
#   D-2 = 45 > max 30: 0 (D-2.2 na, D-2.3 informational): not-met
#   D-3 = no: 0 (D-3.2 informational): not-met
#   Data = (3*0.9 + 2*0 + 1*0)/6 = 45.0%
#   Overall = (3.65 + 2.7)/15 = 42.3%

# session ARGS... <<'EOF': srmgap run ARGS with the here-document as
# standard input.
session() {
	cat >"$CAP/input"
	run_stdin "$CAP/input" run "$@"
}

answers() { # question|value|evidence|evidence_date|note|carried|source
	sqlite3 srmgap.db "SELECT question, value, evidence, evidence_date, \
		note, carried, source FROM answer_list WHERE assessment = '$1' \
		ORDER BY question"
}

today=$(date -u +%Y-%m-%d)

run new acme --model mini "${CATALOG[@]}"
expect_exit 0
hash=$(snapshot_of_last_new)

# --- The first session: every type, re-asked answers, help, back, skip.
session acme <<'EOF'
maybe
YES
idp-policy.pdf
2999-01-01
2025-13-01
2025-01-15
?
sms

 
Login.Example.com
login.example.com
partial
REV-7

2025-02-30
2020-01-01
b

sso-only
labels|DLP|bogus
 dlp | labels
-
s
45
na
3.0
\q
no
q
EOF
expect_exit 0
expect_stderr <<'EOF'
acme: Mini 1.0, 0 of 11 questions answered
Enter keeps an answer; ? shows help, s skips, b goes back, q quits

== Access ==
Cloud Co covers: Provides single sign-on and MFA features.
Your part: Turns MFA on and reviews who has access.

[1/11] A-1.1  MFA enforced (critical)
Is MFA enforced for every user?
  Answers: yes/no/na
Answer (? for help): maybe
  invalid answer 'maybe' (expected yes/no/na)
Answer (? for help): YES
Evidence: link, ticket id or document (Enter for none, ? for help): idp-policy.pdf
Evidence as of YYYY-MM-DD (Enter for none, ? for help): 2999-01-01
  evidence date 2999-01-01 is in the future
Evidence as of YYYY-MM-DD (Enter for none, ? for help): 2025-13-01
  invalid evidence date '2025-13-01' (expected YYYY-MM-DD)
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
  itself, type \s, \b, \q or \?.
Evidence: after an answer that scores above 0, you are asked for its evidence (a
  link, a ticket id, a document name) and, when there is evidence, for the date
  it is as of. Both are optional, and the same keys work there. The answer is
  stored when they are done. To change only the evidence, type the answer again.
Answer (? for help): sms
Evidence: link, ticket id or document (Enter for none, ? for help): 

[3/12] A-1.3  MFA enforced (critical)
Which identity provider domain is used?
  Answers: text matching [a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}
Answer (? for help):  
  no answer yet: type one, or s to skip
Answer (? for help): Login.Example.com
  'Login.Example.com' does not match the pattern
  '[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}'
Answer (? for help): login.example.com

[4/12] A-2.1  Access reviewed (high)
Are access reviews done?
  Answers: yes/partial/no/na
Answer (? for help): partial
Evidence: link, ticket id or document (Enter for none, ? for help): REV-7
Evidence as of YYYY-MM-DD (Enter for none, ? for help): 

[5/12] A-2.2  Access reviewed (high)
When was the last access review?
  Answers: a date YYYY-MM-DD, at most 90 days old to count as met
Answer (? for help): 2025-02-30
  invalid date '2025-02-30' (expected a real date as YYYY-MM-DD)
Answer (? for help): 2020-01-01
  2020-01-01 is more than 90 days old: this counts as not met

[6/12] A-3.1  Password policy (medium)
How strong is the password policy?
  Answers: strong/medium/weak/sso-only
Answer (? for help): b

[5/12] A-2.2  Access reviewed (high)
When was the last access review?
  Answers: a date YYYY-MM-DD, at most 90 days old to count as met
  Current: 2020-01-01
Answer (Enter keeps, ? for help): 

[6/12] A-3.1  Password policy (medium)
How strong is the password policy?
  Answers: strong/medium/weak/sso-only
Answer (? for help): sso-only

== Data ==
Cloud Co covers: Encrypts storage and manages the keys.
Your part: Classifies its data, tests restores and sets retention.

[7/12] D-1.1  Data classified (high)
Which classification measures exist?
  Answers: one or more of labels/dlp/review/unknown separated by |
Answer (? for help): labels|DLP|bogus
  'bogus' is not one of the options; expected one or more of
  labels/dlp/review/unknown separated by |
Answer (? for help):  dlp | labels
Evidence: link, ticket id or document (Enter for none, ? for help): -
  D-1.2 now applies

[8/13] D-1.2  Data classified (high, optional)
Does DLP block uploads of unlabelled data?
  Answers: yes/no/na
Answer (? for help): s

[9/13] D-2.1  Restores tested (medium)
How many days pass between restore tests?
  Answers: a number, 1 to 30 to count as met
Answer (? for help): 45
  45 is above 30: this counts as not met

[10/13] D-2.2  Restores tested (medium)
Are backups kept off-site?
  Answers: yes/no/na
Answer (? for help): na

[11/13] D-2.3  Restores tested (medium)
How many backup copies exist?
  Answers: a number
Answer (? for help): 3.0

[12/13] D-3.1  Retention set (low, optional)
Is a retention schedule published?
  Answers: yes/no/na
Answer (? for help): \q
  invalid answer 'q' (expected yes/no/na)
Answer (? for help): no

[13/13] D-3.2  Retention set (low)
When was data last purged?
  Answers: a date YYYY-MM-DD
Answer (? for help): q
EOF
expect_stdout <<EOF
stored 11 answers, skipped 1 question

srmgap scores: acme
Model:        Mini 1.0 (mini)
Snapshot:     $hash
As of:        $today
Answered:     11 of 13 questions

Overall score: 42.3%

Area                                         Score   Met  Part   Not Unans
Access                                       40.6%     0     2     0     0
Data                                         45.0%     0     1     2     0
Infrastructure                           inherited

Top gaps (5 of 5)
  1. A-1  MFA enforced (critical, partial 60.0%)
  2. A-2  Access reviewed (high, partial 25.0%)
  3. D-1  Data classified (high, partial 90.0%)
  4. D-2  Restores tested (medium, not-met)
  5. D-3  Retention set (low, not-met)

2 questions are still unanswered; to go on at D-1.2:
  srmgap run acme
The full report:
  srmgap report acme
EOF
# Canonical values, evidence with its date, all from one session.
answers acme >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|idp-policy.pdf|2025-01-15||0|run
A-1.2|sms||||0|run
A-1.3|login.example.com||||0|run
A-2.1|partial|REV-7|||0|run
A-2.2|2020-01-01||||0|run
A-3.1|sso-only||||0|run
D-1.1|labels|dlp||||0|run
D-2.1|45||||0|run
D-2.2|na||||0|run
D-2.3|3||||0|run
D-3.1|no||||0|run
EOF
check "one session is one batch" test "$(sqlite3 srmgap.db \
	"SELECT count(*) FROM imports WHERE source = 'run'")" = 1
check "the report agrees with the summary" bash -c \
	"'$SRMGAP' score acme | grep -qx 'Overall score: 42.3%'"

# --- Resume at the first unanswered question (the skipped D-1.2). Going
# back and changing D-1.1 makes D-1.2 disappear; the walk goes on at
# D-2.1. Input ends without q: that is q.
session acme <<'EOF'
b
labels
REV-9
2025-03-01
EOF
expect_exit 0
expect_stderr <<'EOF'
acme: Mini 1.0, 11 of 13 questions answered
Enter keeps an answer; ? shows help, s skips, b goes back, q quits
Going on at D-1.2, the first unanswered question (b goes back)

== Data ==
Cloud Co covers: Encrypts storage and manages the keys.
Your part: Classifies its data, tests restores and sets retention.

[8/13] D-1.2  Data classified (high, optional)
Does DLP block uploads of unlabelled data?
  Answers: yes/no/na
Answer (? for help): b

[7/13] D-1.1  Data classified (high)
Which classification measures exist?
  Answers: one or more of labels/dlp/review/unknown separated by |
  Current: labels|dlp
Answer (Enter keeps, ? for help): labels
Evidence: link, ticket id or document (Enter for none, ? for help): REV-9
Evidence as of YYYY-MM-DD (Enter for none, ? for help): 2025-03-01
  D-1.2 no longer applies: it is skipped

[8/12] D-2.1  Restores tested (medium)
How many days pass between restore tests?
  Answers: a number, 1 to 30 to count as met
  Current: 45
Answer (Enter keeps, ? for help): 
EOF
expect_stdout_contains "stored 1 answer, skipped 0 questions"
expect_stdout_contains "1 question is still unanswered; to go on at D-3.2:"
check "the replaced answer went to history" test "$(sqlite3 srmgap.db \
	"SELECT value FROM answer_history WHERE question = 'D-1.1'")" = "labels|dlp"

# --- --unanswered visits D-3.2 only; the session ends after it.
session acme --unanswered <<'EOF'
2024-06-30
EOF
expect_exit 0
expect_stderr <<'EOF'
acme: Mini 1.0, 11 of 12 questions answered
Enter keeps an answer; ? shows help, s skips, b goes back, q quits

== Data ==
Cloud Co covers: Encrypts storage and manages the keys.
Your part: Classifies its data, tests restores and sets retention.

[1/1] D-3.2  Retention set (low)
When was data last purged?
  Answers: a date YYYY-MM-DD
Answer (? for help): 2024-06-30

That was the last question
EOF
expect_stdout_contains "Answered:     12 of 13 questions"
check "no 'still unanswered' line when all is answered" \
	bash -c "! grep -q 'still unanswered' '$CAP/stdout'"

# Everything is answered: nothing to resume, and the summary.
run_stdin /dev/null run acme
expect_exit 0
expect_stderr <<'EOF'
acme: Mini 1.0, 12 of 12 questions answered
Enter keeps an answer; ? shows help, s skips, b goes back, q quits
Every question is answered; --review goes through the answers again
EOF
expect_stdout_contains "stored 0 answers, skipped 0 questions"
run_stdin /dev/null run acme --unanswered
expect_exit 0
expect_stderr_contains "Every question is answered"

# --- --review in one area: A-1.1 changed to no drops A-1.2; back, and
# yes again brings A-1.2 back with its stored answer.
session acme --review --area ACC <<'EOF'
no
b
yes


b
b


q
EOF
expect_exit 0
expect_stderr <<'EOF'
acme: Mini 1.0, 6 of 6 questions answered in this area
Enter keeps an answer; ? shows help, s skips, b goes back, q quits

== Access ==
Cloud Co covers: Provides single sign-on and MFA features.
Your part: Turns MFA on and reviews who has access.

[1/6] A-1.1  MFA enforced (critical)
Is MFA enforced for every user?
  Answers: yes/no/na
  Current: yes
  Evidence: idp-policy.pdf (as of 2025-01-15)
Answer (Enter keeps, ? for help): no
  A-1.2 no longer applies: it is skipped

[2/5] A-1.3  MFA enforced (critical)
Which identity provider domain is used?
  Answers: text matching [a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}
  Current: login.example.com
Answer (Enter keeps, ? for help): b

[1/5] A-1.1  MFA enforced (critical)
Is MFA enforced for every user?
  Answers: yes/no/na
  Current: no
  Evidence: idp-policy.pdf (as of 2025-01-15)
Answer (Enter keeps, ? for help): yes
Evidence (Enter keeps it, - clears, ? for help): 
Evidence as of YYYY-MM-DD (Enter keeps 2025-01-15, - clears, ? for help): 
  A-1.2 now applies

[2/6] A-1.2  MFA enforced (critical)
Which MFA method is used?
  Answers: hw-key/app/sms
  Current: sms
Answer (Enter keeps, ? for help): b

[1/6] A-1.1  MFA enforced (critical)
Is MFA enforced for every user?
  Answers: yes/no/na
  Current: yes
  Evidence: idp-policy.pdf (as of 2025-01-15)
Answer (Enter keeps, ? for help): b
  this is the first question
Answer (Enter keeps, ? for help): 

[2/6] A-1.2  MFA enforced (critical)
Which MFA method is used?
  Answers: hw-key/app/sms
  Current: sms
Answer (Enter keeps, ? for help): 

[3/6] A-1.3  MFA enforced (critical)
Which identity provider domain is used?
  Answers: text matching [a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}
  Current: login.example.com
Answer (Enter keeps, ? for help): q
EOF
expect_stdout_contains "stored 2 answers, skipped 0 questions"
answers acme | grep '^A-1' >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|idp-policy.pdf|2025-01-15||0|run
A-1.2|sms||||0|run
A-1.3|login.example.com||||0|run
EOF

# The area may be named by its name, in any case; an area the providers
# cover has nothing to ask.
run_stdin /dev/null run acme --review --area data
expect_exit 0
expect_stderr_contains "acme: Mini 1.0, 6 of 6 questions answered in this area"
run_stdin /dev/null run acme --area inf
expect_exit 0
expect_stderr_contains "Nothing to ask here: the providers cover it"
expect_stdout_contains "The full report:"

# --- Evidence: Enter keeps it, new evidence drops the old date, - clears
# both; control characters are refused.
session acme --review --area acc <<'EOF'
yes
ticket-1
2025-02-01
EOF
answers acme | grep '^A-1.1' >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|ticket-1|2025-02-01||0|run
EOF
session acme --review --area acc <<'EOF'
yes
ticket-2

EOF
answers acme | grep '^A-1.1' >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|ticket-2|||0|run
EOF
printf 'yes\n\033[31mred\n-\n' >esc.txt
run_stdin esc.txt run acme --review --area acc
expect_exit 0
expect_stderr_contains "Evidence (Enter keeps it, - clears, ? for help): \\x1b[31mred"
expect_stderr_contains '  invalid evidence: control characters are not allowed'
answers acme | grep '^A-1.1' >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes||||0|run
EOF

# A NUL byte in an answer is refused, not cut short.
run new nul --model mini "${CATALOG[@]}"
printf 'ye\0s\nq\n' >nul.txt
run_stdin nul.txt run nul
expect_exit 0
expect_stderr_contains "  a NUL byte is not accepted: type the line again"
check "nothing stored from a line with a NUL byte" \
	test -z "$(answers nul)"

# --- --unanswered: a question a change brings in is asked too.
run new cond --model mini "${CATALOG[@]}"
session cond --unanswered --area acc <<'EOF'
no
b
yes

app

q
EOF
expect_exit 0
expect_stderr_contains "[1/5] A-1.1  MFA enforced (critical)"
expect_stderr_contains "[2/5] A-1.3  MFA enforced (critical)"
expect_stderr_contains "  A-1.2 now applies"
expect_stderr_contains "[2/6] A-1.2  MFA enforced (critical)"
expect_stderr_lacks "no answer yet"
answers cond >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes||||0|run
A-1.2|app||||0|run
EOF

# --- A carried-over answer: Enter confirms it (stores it again).
run new carry --model mini "${CATALOG[@]}"
printf 'question,answer,evidence\nA-1.1,yes,old-ticket\nA-2.1,no,\n' >carry.csv
run import carry carry.csv
sqlite3 srmgap.db "UPDATE answers SET carried = 1 WHERE assessment_id = \
	(SELECT id FROM assessments WHERE name = 'carry')"
# Unconfirmed, it still needs someone: --unanswered visits it, and the
# summary counts it.
session carry --unanswered <<'EOF'
q
EOF
expect_exit 0
expect_stderr_contains "carry: Mini 1.0, 2 of 12 questions answered (2 carried over, not yet confirmed)"
expect_stderr_contains "[1/12] A-1.1  MFA enforced (critical)"
expect_stdout_contains "10 questions are still unanswered and 2 carried-over answers are not yet"
expect_stdout_contains "confirmed; to go on at A-1.1:"
session carry --review <<'EOF'




EOF
expect_exit 0
expect_stderr_contains "  Current: yes (carried over; Enter confirms)"
expect_stderr_contains "Answer (Enter confirms, ? for help): "
answers carry >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|old-ticket|||0|run
A-2.1|no||||0|run
EOF
check "confirming keeps the carried answer in history" test "$(sqlite3 \
	srmgap.db "SELECT count(*) FROM answer_history WHERE carried = 1")" = 2

# --- A signed-off assessment cannot change: refused before any question.
sqlite3 srmgap.db "INSERT INTO signoffs (assessment_id, auditor, statement, \
	signed_at, seal) SELECT id, 'A. Auditor', '', '2026-01-05T10:00:00Z', \
	'x' FROM assessments WHERE name = 'carry'"
db_dump srmgap.db >before.sql
session carry <<'EOF'
yes
EOF
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: assessment 'carry' was signed off by A. Auditor at 2026-01-05T10:00:00Z: it cannot change until 'srmgap reopen' (with a reason)
EOF
db_dump srmgap.db >after.sql
expect_file_same before.sql after.sql

# --- The keys at the Evidence prompt: ? explains it, b goes back to the
# answer prompt of the same question, s stores the answer without
# evidence, and no date is asked after s.
run new keys --model mini "${CATALOG[@]}"
session keys <<'EOF'
yes
?
b
no
b
b
yes
s
q
EOF
expect_exit 0
expect_stderr <<'EOF'
keys: Mini 1.0, 0 of 11 questions answered
Enter keeps an answer; ? shows help, s skips, b goes back, q quits

== Access ==
Cloud Co covers: Provides single sign-on and MFA features.
Your part: Turns MFA on and reviews who has access.

[1/11] A-1.1  MFA enforced (critical)
Is MFA enforced for every user?
  Answers: yes/no/na
Answer (? for help): yes
Evidence: link, ticket id or document (Enter for none, ? for help): ?

Evidence: what shows that the answer is true, such as a link, a ticket id or a
  document name, on one line of at most 4096 bytes. It is optional. After
  evidence, you are asked for the date it is as of.
Keys: Enter stores the answer without evidence, as s does; b goes back to the
  answer, q does what s does and then quits, ? shows this help. To give s, b, q
  or ? as the evidence, type \s, \b, \q or \?.
Evidence: link, ticket id or document (Enter for none, ? for help): b
Answer (? for help): no

[2/11] A-1.3  MFA enforced (critical)
Which identity provider domain is used?
  Answers: text matching [a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}
Answer (? for help): b

[1/11] A-1.1  MFA enforced (critical)
Is MFA enforced for every user?
  Answers: yes/no/na
  Current: no
Answer (Enter keeps, ? for help): b
  this is the first question
Answer (Enter keeps, ? for help): yes
Evidence: link, ticket id or document (Enter for none, ? for help): s
  A-1.2 now applies

[2/12] A-1.2  MFA enforced (critical)
Which MFA method is used?
  Answers: hw-key/app/sms
Answer (? for help): q
EOF
expect_stdout_contains "stored 2 answers, skipped 0 questions"
answers keys >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes||||0|run
EOF
check "b at Evidence stored nothing: A-1.1 was only no before yes" \
	test "$(sqlite3 srmgap.db "SELECT group_concat(value, ' ') FROM \
	answer_history WHERE question = 'A-1.1' AND assessment_id = \
	(SELECT id FROM assessments WHERE name = 'keys')")" = "no"

# b at Evidence, then the end of input at the answer prompt: nothing.
run new back --model mini "${CATALOG[@]}"
session back <<'EOF'
yes
b
EOF
expect_exit 0
expect_stdout_contains "stored 0 answers, skipped 0 questions"
check "b at Evidence stores nothing" test -z "$(answers back)"

# q at Evidence stores the answer (not q as its evidence) and ends the
# session with the summary; so does the end of input.
for how in q eof; do
	run new "q$how" --model mini "${CATALOG[@]}"
	if [[ $how == q ]]; then
		printf 'yes\nq\n' >q.txt
	else
		printf 'yes\n' >q.txt
	fi
	run_stdin q.txt run "q$how"
	expect_exit 0
	expect_stdout_contains "stored 1 answer, skipped 0 questions"
	check "$how at Evidence asks no more question" \
		bash -c "! grep -q '^\[2/' '$CAP/stderr'"
	answers "q$how" >stored.txt
	expect_file stored.txt <<'EOF'
A-1.1|yes||||0|run
EOF
done

# A backslash gives a key as the evidence itself; the date is asked next.
run new lit --model mini "${CATALOG[@]}"
session lit <<EOF
yes
\\q

app
\\s

login.example.com
partial
\\b
2025-01-15
$today
\\?

q
EOF
expect_exit 0
expect_stderr_contains "Evidence: link, ticket id or document (Enter for none, ? for help): \\q
Evidence as of YYYY-MM-DD (Enter for none, ? for help): "
expect_stdout_contains "stored 5 answers, skipped 0 questions"
answers lit >stored.txt
expect_file stored.txt <<EOF
A-1.1|yes|q|||0|run
A-1.2|app|s|||0|run
A-1.3|login.example.com||||0|run
A-2.1|partial|b|2025-01-15||0|run
A-2.2|$today|?|||0|run
EOF

# --- The keys at the Evidence as of prompt, on an answer whose evidence
# OLD is dated 2025-01-01 (only A-1.1 is answered, so --review visits it
# alone). ? explains the prompt; s drops the new evidence: what is
# stored stays.
run new dk --model mini "${CATALOG[@]}"
session dk <<'EOF'
yes
OLD
2025-01-01
q
EOF
session dk --review <<'EOF'
yes
NEW
?
s
EOF
expect_exit 0
expect_stderr <<'EOF'
dk: Mini 1.0, 1 of 12 questions answered
Enter keeps an answer; ? shows help, s skips, b goes back, q quits

== Access ==
Cloud Co covers: Provides single sign-on and MFA features.
Your part: Turns MFA on and reviews who has access.

[1/1] A-1.1  MFA enforced (critical)
Is MFA enforced for every user?
  Answers: yes/no/na
  Current: yes
  Evidence: OLD (as of 2025-01-01)
Answer (Enter keeps, ? for help): yes
Evidence (Enter keeps it, - clears, ? for help): NEW
Evidence as of YYYY-MM-DD (Enter for none, ? for help): ?

Evidence as of: the day the evidence shows things as they were (the date of the
  document, the export or the ticket), as YYYY-MM-DD: a real date, not in the
  future. It is optional.
Keys: Enter gives no date (2025-01-01, the date of the evidence this replaces,
  is not kept), s stores the answer without new evidence (what is stored stays),
  b goes back to the answer, q does what Enter does and then quits, ? shows this
  help.
Evidence as of YYYY-MM-DD (Enter for none, ? for help): s

That was the last question
EOF
expect_stdout_contains "stored 1 answer, skipped 0 questions"
answers dk >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|OLD|2025-01-01||0|run
EOF

# b goes back to the answer prompt of the same question: the new evidence
# is dropped and nothing is stored.
session dk --review <<'EOF'
yes
NEW
b
EOF
expect_exit 0
expect_stderr_contains "Evidence as of YYYY-MM-DD (Enter for none, ? for help): b
Answer (Enter keeps, ? for help): 
stored"
expect_stdout_contains "stored 0 answers, skipped 0 questions"
answers dk >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|OLD|2025-01-01||0|run
EOF

# Evidence kept with Enter: ? names the date that Enter keeps, and q does
# what Enter does (keeps it), then ends the session.
session dk --review <<'EOF'
yes

?
q
EOF
expect_exit 0
expect_stderr_contains "Evidence as of YYYY-MM-DD (Enter keeps 2025-01-01, - clears, ? for help): ?

Evidence as of: the day the evidence shows things as they were (the date of the
  document, the export or the ticket), as YYYY-MM-DD: a real date, not in the
  future. It is optional.
Keys: Enter keeps 2025-01-01, - clears it, s stores the answer without new
  evidence (what is stored stays), b goes back to the answer, q does what Enter
  does and then quits, ? shows this help.
Evidence as of YYYY-MM-DD (Enter keeps 2025-01-01, - clears, ? for help): q
stored"
expect_stdout_contains "stored 1 answer, skipped 0 questions"
answers dk >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|OLD|2025-01-01||0|run
EOF

# The help at Evidence when evidence is stored; q there keeps it too.
session dk --review <<'EOF'
yes
?
q
EOF
expect_exit 0
expect_stderr_contains "Evidence (Enter keeps it, - clears, ? for help): ?

Evidence: what shows that the answer is true, such as a link, a ticket id or a
  document name, on one line of at most 4096 bytes. It is optional. After
  evidence, you are asked for the date it is as of.
Keys: Enter keeps the stored evidence (its date is asked next), - clears the
  evidence and its date, s stores the answer without new evidence (what is
  stored stays), b goes back to the answer, q does what s does and then quits, ?
  shows this help. To give s, b, q or ? as the evidence, type \\s, \\b, \\q or \\?.
Evidence (Enter keeps it, - clears, ? for help): q
stored"
answers dk >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|OLD|2025-01-01||0|run
EOF

# - at the date prompt clears the date of evidence kept with Enter.
session dk --review <<'EOF'
yes

-
EOF
answers dk >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|OLD|||0|run
EOF

# \q at the date prompt is a date, so it is refused; then q stores the
# new evidence without a date and ends the session.
session dk --review <<'EOF'
yes
NEW
\q
q
EOF
expect_exit 0
expect_stderr_contains "Evidence as of YYYY-MM-DD (Enter for none, ? for help): \\q
  invalid evidence date 'q' (expected YYYY-MM-DD)
Evidence as of YYYY-MM-DD (Enter for none, ? for help): q
stored"
expect_stdout_contains "stored 1 answer, skipped 0 questions"
answers dk >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|NEW|||0|run
EOF

# The end of input at the date prompt is q: new evidence, and the date of
# the evidence it replaces is not kept.
session dk --review <<'EOF'
yes
NEW
2025-02-01
EOF
session dk --review <<'EOF'
yes
NEWER
EOF
expect_exit 0
expect_stdout_contains "stored 1 answer, skipped 0 questions"
answers dk >stored.txt
expect_file stored.txt <<'EOF'
A-1.1|yes|NEWER|||0|run
EOF

# --- The README's example session is real: fed the lines it shows typed
# after each prompt, srmgap shows what it shows (the prompts on stderr,
# then the summary; only the date and the snapshot hash may differ). Its
# scripted example then runs as printed, on the same assessment.
sed -n '/^\$ srmgap run acme-2026$/,/^```$/p' "$ROOT/README.md" |
	sed '1d;$d' >readme.txt
check "the README shows a session" test -s readme.txt
sed -n 's/^\(Answer\|Evidence\)[^)]*): //p' readme.txt >typed.txt
run new acme-2026 --model cloudbees-unify --org "Acme Corp"
expect_exit 0
run_stdin typed.txt run acme-2026
expect_exit 0
cat "$CAP/stderr" "$CAP/stdout" >screen.txt
sed -i 's/^\(As of: *\).*/\1DATE/; s/^\(Snapshot: *\).*/\1HASH/' readme.txt \
	screen.txt
expect_file_same readme.txt screen.txt
script=$(sed -n '/^printf .* | srmgap run acme-2026 --unanswered >summary.txt$/p' \
	"$ROOT/README.md")
check "the README shows a scripted session" test -n "$script"
mkdir bin
ln -s "$SRMGAP" bin/srmgap
CMD="(the README's scripted session) $script"
env PATH="$PWD/bin:$PATH" bash -c "set -o pipefail; $script" 2>script.txt
STATUS=$?
expect_exit 0
# Each line went to the prompt meant for it, and none was refused.
grep -E '^(Answer|Evidence)' script.txt >prompts.txt
expect_file prompts.txt <<'EOF'
Answer (? for help): s
Answer (? for help): yes
Evidence: link, ticket id or document (Enter for none, ? for help): SEC-142
Evidence as of YYYY-MM-DD (Enter for none, ? for help): 2026-11-02
Answer (? for help): q
EOF
check "it stored one answer and skipped one question" \
	test "$(head -1 summary.txt)" = "stored 1 answer, skipped 1 question"
check "it stored APP-02.1 with its evidence and date" test "$(sqlite3 \
	srmgap.db "SELECT value, evidence, evidence_date FROM answer_list \
	WHERE assessment = 'acme-2026' AND question = 'APP-02.1'")" = \
	"yes|SEC-142|2026-11-02"

# --- Usage errors.
run run acme --unanswered --review
expect_exit 2
expect_stderr <<'EOF'
srmgap: run: --unanswered and --review do not go together
EOF
run run acme --area nope
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: run: unknown area 'nope' in model 'mini' (expected acc, dat or inf)
EOF
run run nobody
expect_exit 2
expect_stderr <<'EOF'
srmgap: no assessment 'nobody' (see 'srmgap list')
EOF
run --db none.db run acme
expect_exit 2
expect_stderr_contains "srmgap: no database 'none.db'"
expect_no_file none.db
run run
expect_exit 2
expect_stderr_contains "srmgap: run: missing argument"
run run --help
expect_exit 0
expect_stdout_contains "usage: srmgap run NAME [--area AREA] [--unanswered] [--review]"

# A name that starts with '-' is quoted in the hints as it must be typed.
run new --model mini "${CATALOG[@]}" -- "-q3 it's"
run_stdin /dev/null run -- "-q3 it's"
expect_exit 0
expect_stdout_contains "  srmgap report -- '-q3 it'\\''s'"
run_stdin /dev/null --db srmgap.db run acme
expect_stdout_contains "  srmgap --db srmgap.db report acme"

check "the database is sound after all this" \
	test "$(sqlite3 srmgap.db 'PRAGMA integrity_check')" = ok
check "no dangling references" \
	test -z "$(sqlite3 srmgap.db 'PRAGMA foreign_key_check')"
