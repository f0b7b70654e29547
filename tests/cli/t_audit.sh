# The auditor's workflow: checklist, verdicts (one at a time and from the
# filled-in checklist), the verified score, sign-off freezing every write
# path, reopen, the trail (log, verify, tampering found), carried-over
# answers (new --from) and the comparison of two assessments (diff).

export SRMGAP_ACTOR=alice
# Times in the trail and in sign-offs differ per run.
STAMP='s/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z/TIME/g'

setup acme acme.csv

# The checklist: one row per customer or shared control, empty verdicts.
run checklist acme --as-of 2026-11-29
expect_exit 0
expect_stderr_empty
# Records end in CRLF; line breaks inside a cell are LF.
check "checklist records end in CRLF" \
	bash -c "head -1 '$CAP/stdout' | grep -q $'\\r\$'"
filter_stdout 's/\r$//'
expect_stdout <<'EOF'
assessment,control,area,title,owner,severity,answers,evidence,self_assessed,self_score,verdict,comment,auditor
acme,A-1,Access,MFA enforced,customer,critical,"A-1.1 Is MFA enforced for every user?: yes
A-1.2 Which MFA method is used?: hw-key
A-1.3 Which identity provider domain is used?: login.example.com",A-1.1: idp-policy.pdf,met,1.000000,,,
acme,A-2,Access,Access reviewed,customer,high,"A-2.1 Are access reviews done?: partial (note: Only admins were reviewed)
A-2.2 When was the last access review?: 2025-01-01","A-2.1: review-2025.xlsx, signed
A-2.2: REV-7",partial,0.250000,,,
acme,D-1,Data,Data classified,customer,high,"D-1.1 Which classification measures exist?: (no answer)
D-1.2 Does DLP block uploads of unlabelled data?: (not asked)",,unanswered,,,,
acme,D-2,Data,Restores tested,customer,medium,"D-2.1 How many days pass between restore tests?: 45
D-2.2 Are backups kept off-site?: no (note: =HYPERLINK(""http://x.example"",""click""))
D-2.3 How many backup copies exist?: 3",,not-met,0.000000,,,
acme,D-3,Data,Retention set,customer,low,"D-3.1 Is a retention schedule published?: (no answer)
D-3.2 When was data last purged?: (no answer)",,not-applicable,,,,
acme,A-3,Access,Password policy,shared,medium,A-3.1 How strong is the password policy?: medium,,partial,0.500000,,,
EOF

for f in markdown html; do
	run checklist acme --format $f -o checklist.$f
	expect_exit 0
	expect_stdout_empty
	check "checklist.$f names every customer control" \
		bash -c "for c in A-1 A-2 A-3 D-1 D-2 D-3; do grep -q \"\$c\" checklist.$f || exit 1; done"
	check "checklist.$f leaves out the provider's controls" \
		bash -c "! grep -q 'D-4\\|I-1' checklist.$f"
done
check "the HTML checklist escapes the answers" grep -q "HYPERLINK(&quot;http" checklist.html
run checklist acme --format pdf
expect_exit 2
expect_stderr <<'EOF'
srmgap: checklist: unknown format 'pdf' (expected csv, markdown or html)
EOF

# One verdict at a time.
run review acme A-1 --verdict verified --comment "Saw the IdP policy" \
	--auditor "Eve Auditor"
expect_exit 0
expect_stderr_empty
expect_stdout <<'EOF'
acme: A-1 is verified
EOF
run review acme A-1 --verdict maybe
expect_exit 2
expect_stderr <<'EOF'
srmgap: review: invalid verdict 'maybe' (expected verified, not-verified or needs-evidence)
EOF
run review acme D-4 --verdict verified
expect_exit 2
expect_stderr <<'EOF'
srmgap: review: control 'D-4' belongs to the provider: it takes no verdict
EOF
# A control id in another case is the control (verdicts are checked
# against the recorded one, so nothing changes here).
run review acme a-1 --verdict verified --comment "Saw the IdP policy" \
	--auditor "Eve Auditor"
expect_exit 0
expect_stdout <<'EOF'
acme: A-1 is verified
EOF
run review acme X-9 --verdict verified
expect_exit 2
expect_stderr <<'EOF'
srmgap: review: no control 'X-9' in model 'mini' of 'acme'
EOF
run review acme A-2
expect_exit 2
expect_stderr <<'EOF'
srmgap: review: give CONTROL and --verdict (or --import FILE)
EOF
run review nobody A-1 --verdict verified
expect_exit 2
expect_stderr <<'EOF'
srmgap: no assessment 'nobody' (see 'srmgap list')
EOF

# The filled-in checklist comes back: all or nothing.
cat >bad-review.csv <<'EOF'
control,verdict,comment
A-2,not-verified,Only admins were reviewed
D-4,verified,
A-3,perhaps,
A-2,verified,
EOF
before=$(db_dump srmgap.db)
run review acme --import bad-review.csv
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
bad-review.csv:3:1: control 'D-4' belongs to the provider: it takes no verdict
bad-review.csv:4:2: invalid verdict 'perhaps' for 'A-3' (expected verified, not-verified or needs-evidence)
bad-review.csv:5:1: duplicate row for control 'A-2' (first on line 2)
srmgap: 'bad-review.csv' rejected: no verdict was recorded
EOF
check "a rejected review import changes nothing" \
	test "$before" = "$(db_dump srmgap.db)"

# The checklist as written goes back in unchanged: A-1 keeps its verdict.
run checklist acme -o filled.csv
expect_exit 0
run review acme --import filled.csv
expect_exit 0
expect_stdout <<'EOF'
recorded 0 verdicts from 'filled.csv' on 'acme': 1 unchanged, 5 rows without a verdict
EOF
# The auditor fills in verdicts and comments; other columns may go.
cat >reviewed.csv <<'EOF'
control,title,verdict,comment
A-1,MFA enforced,verified,Saw the IdP policy
A-2,Access reviewed,not-verified,Only admins were reviewed
D-1,Data classified,,
D-2,Restores tested,needs-evidence,
EOF
run review acme --import reviewed.csv --auditor "Eve Auditor"
expect_exit 0
expect_stderr_empty
expect_stdout <<'EOF'
recorded 2 verdicts from 'reviewed.csv' on 'acme': 1 unchanged, 1 row without a verdict
EOF

# A file without a comment column keeps the comments; verdicts may be
# capitalised (spreadsheets do); the auditor of an unchanged verdict
# stays unless the file or --auditor names one.
cat >caps.csv <<'EOF'
control,verdict
A-1,Verified
A-2,Not-Verified
EOF
run review acme --import caps.csv
expect_exit 0
expect_stdout <<'EOF'
recorded 0 verdicts from 'caps.csv' on 'acme': 2 unchanged, 0 rows without a verdict
EOF
check "comments and auditors stay" test "$(sqlite3 srmgap.db "SELECT group_concat(control || '=' || verdict || '/' || comment || '/' || auditor, ';') FROM (SELECT * FROM reviews ORDER BY control)")" = \
	"A-1=verified/Saw the IdP policy/Eve Auditor;A-2=not-verified/Only admins were reviewed/Eve Auditor;D-2=needs-evidence//Eve Auditor"
# A checklist of another assessment does not go in.
cat >other.csv <<'EOF'
assessment,control,verdict
acme,A-1,verified
beta,A-2,verified
EOF
run review acme --import other.csv
expect_exit 2
expect_stderr <<'EOF'
other.csv:3:1: this row is for assessment 'beta', not 'acme' (the first such row)
srmgap: 'other.csv' rejected: no verdict was recorded
EOF

# Both scores side by side: A-1 verified (critical, 1.0); A-2 and D-2
# count as not met; the rest are unreviewed.
run score acme --as-of 2026-11-29
expect_exit 0
expect_stdout_contains "Overall score: 39.1%"

# Sign-off freezes every write path.
run signoff acme
expect_exit 2
expect_stderr <<'EOF'
srmgap: signoff: --auditor WHO is required
EOF
run signoff acme --auditor "Eve Auditor" --statement "Limited review"
expect_exit 0
filter_stdout "$STAMP"
expect_stdout_match '^signed off .acme. by Eve Auditor at TIME$'
expect_stdout_match '^seal [0-9a-f]{64}$'
expect_stderr <<'EOF'
srmgap: warning: 2 of 5 controls have no verdict: they count as unreviewed in the verified score
EOF
seal=$(sed -n 's/^seal //p' "$CAP/stdout")
run list
expect_exit 0
expect_stdout_match '^acme +mini +9/13 +39\.1%  signed off$'

frozen='assessment .acme. was signed off by Eve Auditor at'
before=$(db_dump srmgap.db)
run import acme acme.csv
expect_exit 2
expect_stderr_match "$frozen"
cat >bulk-frozen.csv <<'EOF'
assessment,question,answer
other,A-1.1,yes
acme,A-1.1,no
EOF
run import --bulk bulk-frozen.csv --model mini "${CATALOG[@]}"
expect_exit 2
expect_stderr_match "^bulk-frozen.csv:3:1: $frozen"
run review acme A-3 --verdict verified
expect_exit 2
expect_stderr_match "$frozen"
run review acme --import reviewed.csv
expect_exit 2
expect_stderr_match "$frozen"
run signoff acme --auditor "Someone Else"
expect_exit 2
expect_stderr_match "$frozen"
check "nothing changed while signed off" \
	test "$before" = "$(db_dump srmgap.db)"

# Reports say who signed.
run report acme --as-of 2026-11-29
expect_exit 0
expect_stdout_contains "Eve Auditor"

# Reopen needs a reason, and only a signed assessment can be reopened.
run reopen acme
expect_exit 2
expect_stderr <<'EOF'
srmgap: reopen: --reason TEXT is required
EOF
run reopen acme --reason "Customer sent the restore test report"
expect_exit 0
filter_stdout "$STAMP"
expect_stdout <<'EOF'
reopened 'acme' (signed off by Eve Auditor at TIME)
EOF
run reopen acme --reason "again"
expect_exit 2
expect_stderr <<'EOF'
srmgap: assessment 'acme' is not signed off
EOF
run review acme D-2 --verdict verified --comment "Restore report RT-9"
expect_exit 0

# The trail: every change, in order, with actor, old and new values.
run log acme
expect_exit 0
expect_stderr_empty
filter_stdout "$STAMP"
filter_stdout 's/hash [0-9a-f]\{16\}$/hash H/;s/seal: [0-9a-f]\{64\}$/seal: S/'
expect_stdout <<'EOF'
#1 TIME alice created acme
    hash H
    model: mini
    snapshot: 73e1d765c1273079f4dbaca553249fe82fc235410599128cc9b01d4d3bc887fe
#3 TIME alice answers acme
    hash H
    A-1.1: (none) -> yes
      evidence: idp-policy.pdf
    A-1.2: (none) -> hw-key
    A-1.3: (none) -> login.example.com
    A-2.1: (none) -> partial
      evidence: review-2025.xlsx, signed
      note: Only admins were reviewed
    A-2.2: (none) -> 2025-01-01
      evidence: REV-7
    A-3.1: (none) -> medium
    D-2.1: (none) -> 45
    D-2.2: (none) -> no
      note: =HYPERLINK("http://x.example","click")
    D-2.3: (none) -> 3
#4 TIME alice verdict acme A-1
    hash H
      verdict: verified
      comment: Saw the IdP policy
      auditor: Eve Auditor
#5 TIME alice verdict acme A-2
    hash H
      verdict: not-verified
      comment: Only admins were reviewed
      auditor: Eve Auditor
#6 TIME alice verdict acme D-2
    hash H
      verdict: needs-evidence
      auditor: Eve Auditor
#7 TIME alice signoff acme
    hash H
    auditor: Eve Auditor
    statement: Limited review
#8 TIME alice reopen acme
    hash H
    reason: Customer sent the restore test report
#9 TIME alice verdict acme D-2
    hash H
      verdict: needs-evidence -> verified
      comment: (none) -> Restore report RT-9
      auditor: Eve Auditor -> alice
EOF
run log acme --format csv
expect_exit 0
check "the CSV trail has a header and one row per event" \
	test "$(wc -l <"$CAP/stdout")" -eq 9
check "the sign-off event's hash is the seal" \
	grep -q ",signoff,.*,$seal"$'\r'"\$" "$CAP/stdout"

run verify
expect_exit 0
expect_stderr_empty
expect_stdout_match '^trail intact: 9 events, 1 assessment matches it$'
expect_stdout_match '^head [0-9a-f]{64}$'
run verify acme
expect_exit 0
head=$(sed -n 's/^head //p' "$CAP/stdout")
# A kept hash: the seal of the sign-off is still in the trail...
run verify --head "$seal"
expect_exit 0
expect_stdout_match "^the kept hash is event [0-9]+'s, still in the trail$"
# ...and is no longer once the newest events are gone: a sign-off and
# its event removed leave a trail that verifies, but not against the seal.
run new z --model mini "${CATALOG[@]}"
run import z acme.csv
run signoff z --auditor Eve
zseal=$(sed -n 's/^seal //p' "$CAP/stdout")
rm -f cut.db cut.db-wal cut.db-shm
sqlite3 srmgap.db ".backup cut.db"
sqlite3 cut.db "DELETE FROM events WHERE hash = '$zseal'; DELETE FROM signoffs WHERE seal = '$zseal'"
run --db cut.db verify
expect_exit 0
run --db cut.db verify --head "$zseal"
expect_exit 2
expect_stderr <<EOF
srmgap: verify: no event of the trail has the hash $zseal: the events up to it were removed or changed
EOF

# Changes behind srmgap's back are found.
tamper() { # WHAT SQL: a copy of the database changed through sqlite3
	rm -f t.db t.db-wal t.db-shm
	sqlite3 srmgap.db ".backup t.db"
	sqlite3 t.db "$2"
	run --db t.db verify
	expect_exit 2
	expect_stdout_empty
}
tamper "answer" "UPDATE answers SET value = 'no' WHERE value = 'yes'"
expect_stderr <<'EOF'
srmgap: verify: assessment 'acme': the answer to 'A-1.1' is not what the trail recorded: it was changed outside srmgap
EOF
tamper "event" "UPDATE events SET new = replace(new, 'Eve', 'Mallory') WHERE id = 4"
expect_stderr <<'EOF'
srmgap: verify: event 4 (verdict of 'acme') does not match its hash: it was changed outside srmgap
srmgap: the trail is intact up to event 3
EOF
tamper "deleted event" "DELETE FROM events WHERE id = 5"
expect_stderr <<'EOF'
srmgap: verify: event 6 follows event 4: events were deleted from the trail
srmgap: the trail is intact up to event 4
EOF
tamper "verdict" "UPDATE reviews SET verdict = 'verified' WHERE control = 'A-2'"
expect_stderr <<'EOF'
srmgap: verify: assessment 'acme': the verdict on 'A-2' is not what the trail recorded: it was changed outside srmgap
EOF
tamper "sign-off" "INSERT INTO signoffs (assessment_id, auditor, statement, signed_at, seal) VALUES (1, 'Mallory', '', '2026-01-01', 'x')"
expect_stderr <<'EOF'
srmgap: verify: assessment 'acme': its sign-offs are not what the trail recorded: they were changed outside srmgap
EOF
tamper "snapshots" "DELETE FROM snapshot_questions; DELETE FROM snapshot_controls; DELETE FROM snapshot_areas; DELETE FROM snapshot_duties; DELETE FROM snapshot_parties; DELETE FROM snapshot_scenarios; DELETE FROM snapshots"
expect_stderr <<'EOF'
srmgap: verify: assessment 'acme' has no snapshot: it was changed outside srmgap
EOF
tamper "planted sign-off" "INSERT INTO signoffs (assessment_id, auditor, statement, signed_at, seal) VALUES (7, 'Mallory', '', '2026-01-01', 'x')"
expect_stderr <<'EOF'
srmgap: verify: a sign-off (row 7) belongs to no assessment: it was added outside srmgap
EOF
# Times are part of what the trail vouches for.
tamper "signed at" "UPDATE signoffs SET signed_at = '2025-01-01T00:00:00Z'"
expect_stderr <<'EOF'
srmgap: verify: assessment 'acme': its sign-offs are not what the trail recorded: they were changed outside srmgap
EOF
tamper "reviewed at" "UPDATE reviews SET reviewed_at = '2020-01-01T00:00:00Z' WHERE control = 'A-1'"
expect_stderr <<'EOF'
srmgap: verify: assessment 'acme': the verdict on 'A-1' is not what the trail recorded: it was changed outside srmgap
EOF
tamper "created at" "UPDATE assessments SET created_at = '2019-01-01T00:00:00Z'"
expect_stderr <<'EOF'
srmgap: verify: assessment 'acme' no longer matches how it was created (model, snapshot, organisation, assessor or time changed outside srmgap)
EOF
tamper "import time" "UPDATE imports SET recorded_at = '2018-01-01T00:00:00Z'"
expect_stderr <<'EOF'
srmgap: verify: the import that event 2 records is gone or changed: it was changed outside srmgap
EOF

# Next quarter starts from this one: answers carried over until confirmed.
run new acme-q2 --from acme "${CATALOG[@]}"
expect_exit 0
expect_stderr_empty
expect_stdout <<EOF
created assessment 'acme-q2' on mini 1.0 (13 questions, snapshot $SNAPSHOT)
carried over 9 of 9 answers from 'acme': each stays marked until it is confirmed or changed
EOF
check "carried answers are marked" \
	test "$(sqlite3 srmgap.db "SELECT count(*) FROM answer_list WHERE assessment = 'acme-q2' AND carried")" = 9
check "evidence is carried with its answer" \
	test "$(sqlite3 srmgap.db "SELECT evidence FROM answer_list WHERE assessment = 'acme-q2' AND question = 'A-1.1'")" = idp-policy.pdf
cp "$FIX/answers/beta.csv" .
run import acme-q2 beta.csv
expect_exit 0
check "answers imported again are confirmed, the others stay carried" \
	test "$(sqlite3 srmgap.db "SELECT group_concat(question) FROM (SELECT question FROM answer_list WHERE assessment = 'acme-q2' AND carried ORDER BY question)")" = "A-1.3,A-2.2,D-2.3"
run checklist acme-q2
expect_exit 0
expect_stdout_contains "A-1.3 Which identity provider domain is used?: login.example.com (carried over, not confirmed)"

# What changed between the quarters: new gaps first.
run diff acme acme-q2 --as-of 2026-11-29
expect_exit 0
expect_stderr_empty
filter_stdout 's/as of [0-9-]*/as of DAY/'
expect_stdout <<'EOF'
Comparing acme (mini 1.0, as of DAY)
     with acme-q2 (mini 1.0, as of DAY)

Overall    39.1% -> 53.3%   +14.2
Verified   25.0% -> 0.0%    -25.0

Area                                      Before     After  Change
Access                                     56.8%     27.8%   -29.0
Data                                        0.0%     91.7%   +91.7
Infrastructure                         inherited inherited

New gaps (1)
  A-1        met             -> not-met          100.0% -> 0.0%
             MFA enforced

Resolved (2)
  D-1        unanswered      -> met                0.0% -> 100.0%
             Data classified
  A-3        partial         -> not-applicable    50.0% -> n/a
             Password policy

Better (3)
  A-2        partial         -> partial           25.0% -> 50.0%
             Access reviewed
  D-2        not-met         -> partial            0.0% -> 75.0%
             Restores tested
  D-3        not-applicable  -> met                 n/a -> 100.0%
             Retention set

0 controls unchanged.
EOF
run diff acme acme-q2 --format csv --as-of 2026-11-29
expect_exit 0
expect_stdout_crlf <<'EOF'
level,id,name,old_status,old_score,new_status,new_score,delta,change
overall,,,scored,0.390625,scored,0.533333,0.142708,
area,acc,Access,scored,0.568182,scored,0.277778,-0.290404,
area,dat,Data,scored,0.000000,scored,0.916667,0.916667,
area,inf,Infrastructure,inherited,,inherited,,,
control,A-1,MFA enforced,met,1.000000,not-met,0.000000,-1.000000,new-gap
control,D-1,Data classified,unanswered,0.000000,met,1.000000,1.000000,resolved
control,A-3,Password policy,partial,0.500000,not-applicable,,,resolved
control,A-2,Access reviewed,partial,0.250000,partial,0.500000,0.250000,better
control,D-2,Restores tested,not-met,0.000000,partial,0.750000,0.750000,better
control,D-3,Retention set,not-applicable,,met,1.000000,,better
EOF
run diff acme nobody
expect_exit 2
expect_stderr <<'EOF'
srmgap: no assessment 'nobody' (see 'srmgap list')
EOF

# A verdict is on the answers it was given on: when they change, it is
# outdated, counts as unreviewed, and the checklist asks for it again.
run new v --model mini "${CATALOG[@]}"
run import v acme.csv
run review v A-1 --verdict verified --comment ok --auditor Eve
run score v --as-of 2026-11-29
expect_stdout_contains "Overall score: 39.1% self-assessed, 25.0% verified (1 of 5 controls reviewed)"
printf 'question,answer\nA-1.2,sms\n' >change.csv
run import v change.csv
expect_exit 0
run score v --as-of 2026-11-29
expect_stdout_contains "Overall score: 29.1% self-assessed, 0.0% verified (0 of 5 controls reviewed, 1 outdated)"
run report v --as-of 2026-11-29
expect_stdout_contains "     Auditor: verified, outdated: the answers changed since (Eve): ok"
run checklist v
filter_stdout 's/\r$//'
expect_stdout_contains "A-1.3 Which identity provider domain is used?: login.example.com\",A-1.1: idp-policy.pdf,partial,0.600000,,(verified by Eve on answers that changed since: ok),"
run signoff v --auditor Eve
expect_exit 0
expect_stderr <<'EOF'
srmgap: warning: 4 of 5 controls have no verdict: they count as unreviewed in the verified score
srmgap: warning: 1 verdict was given on answers that changed since: it counts as unreviewed in the verified score
EOF
run reopen v --reason "look again"
run review v A-1 --verdict verified --auditor Eve
run score v --as-of 2026-11-29
expect_stdout_contains "Overall score: 29.1% self-assessed, 15.0% verified (1 of 5 controls reviewed)"
run verify v
expect_exit 0

# The actor: --actor beats $SRMGAP_ACTOR.
run --actor bob review acme-q2 A-1 --verdict not-verified
expect_exit 0
run log acme-q2 --format csv
check "the event names the actor given with --actor" \
	bash -c "tail -1 '$CAP/stdout' | grep -q ',bob,acme-q2,verdict,A-1,'"
run verify
expect_exit 0
expect_stdout_match '^trail intact: [0-9]+ events, 4 assessments match it$'
