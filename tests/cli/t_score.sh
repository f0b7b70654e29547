# srmgap score and list: text and CSV, --as-of, the portfolio (--all).
#
# Expected scores, by hand, from the rules in include/srmgap/score.h and
# the README (control weights: A-1 critical 4, A-2 high 5 (given),
# A-3 shared medium 2, D-1 high 3, D-2 medium 2, D-3 low 1; D-4 and I-1
# belong to Cloud Co and are inherited):
#
# acme, as of 2025-03-01
#   A-1 = (yes 1 + hw-key 1)/2 = 1 met (A-1.3 is text: informational)
#   A-2 = (partial 0.5 + date 2025-01-01, 59 days <= 90: 1)/2 = 0.75
#   A-3 = medium 0.5 (partial)
#   D-1 unanswered (D-1.1 required, missing; D-1.2 skipped) = 0
#   D-2 = (3 * [45 > max 30: 0] + 1 * [no: 0])/4 = 0 not-met (D-2.3 info)
#   D-3 not-applicable (D-3.1 optional and unanswered, D-3.2 info)
#   Access = (4*1 + 5*0.75 + 2*0.5)/(4+5+2) = 8.75/11 = 0.795455 (79.5%)
#   Data   = (3*0 + 2*0)/(3+2) = 0
#   Overall = 8.75/16 = 0.546875 (54.7%)
# acme, as of 2025-06-01 (151 days: the review date is stale)
#   A-2 = (0.5 + 0)/2 = 0.25; Access = 6.25/11 = 0.568182 (56.8%)
#   Overall = 6.25/16 = 0.390625 (39.1%)
# beta (no dates), gamma: see t_statuses.sh; overall 8/15 = 0.533333
#   (53.3%) and 4.5/16 = 0.28125 (28.1%).

setup acme acme.csv --org "Acme Ltd" --assessor "Jo Smith"
hash=$SNAPSHOT
check "the snapshot hash is 12 hex digits" test ${#hash} = 12
run new acme2 --model mini "${CATALOG[@]}"
check "an assessment on the same model has the same snapshot" \
	test "$(snapshot_of_last_new)" = "$hash"

run score acme --as-of 2025-03-01
expect_exit 0
expect_stderr_empty
expect_stdout <<EOF
srmgap scores: acme
Model:        Mini 1.0 (mini)
Snapshot:     $hash
Organisation: Acme Ltd
Assessor:     Jo Smith
As of:        2025-03-01
Answered:     9 of 13 questions

Overall score: 54.7%

Area                                         Score   Met  Part   Not Unans
Access                                       79.5%     1     2     0     0
Data                                          0.0%     0     0     1     1
Infrastructure                           inherited
EOF

run score acme --as-of 2025-03-01 --format csv
expect_exit 0
expect_stderr_empty
expect_stdout_crlf <<'EOF'
assessment,area,area_name,score,met,partial,not_met,unanswered,not_applicable
acme,acc,Access,0.795455,1,2,0,0,0
acme,dat,Data,0.000000,0,0,1,1,1
acme,inf,Infrastructure,,0,0,0,0,0
acme,overall,Overall,0.546875,1,2,1,1,1
EOF

# Later: the access review date is stale.
run score acme --as-of 2025-06-01 -f csv
expect_exit 0
expect_stdout_crlf <<'EOF'
assessment,area,area_name,score,met,partial,not_met,unanswered,not_applicable
acme,acc,Access,0.568182,1,2,0,0,0
acme,dat,Data,0.000000,0,0,1,1,1
acme,inf,Infrastructure,,0,0,0,0,0
acme,overall,Overall,0.390625,1,2,1,1,1
EOF

run score acme --as-of 2025-06-01
expect_exit 0
expect_stdout_contains "As of:        2025-06-01"
expect_stdout_contains "Overall score: 39.1%"
expect_stdout_contains "Access                                       56.8%     1     2     0     0"

# The edge of max_age_days=90: 90 days old still counts, 91 does not.
run score acme --as-of 2025-04-01 -f csv
expect_stdout_contains "acme,overall,Overall,0.546875,1,2,1,1,1"
run score acme --as-of 2025-04-02 -f csv
expect_stdout_contains "acme,overall,Overall,0.390625,1,2,1,1,1"
# Evidence dated after the as-of date did not exist yet then: stale.
run score acme --as-of 2024-12-01 -f csv
expect_stdout_contains "acme,overall,Overall,0.390625,1,2,1,1,1"
# Leap years: 2024-02-29 is a real date.
run score acme --as-of 2024-02-29 -f csv
expect_exit 0

# Without --as-of the date is today (UTC): the review of 2025-01-01 is
# long stale by now.
today=$(date -u +%Y-%m-%d)
run score acme
expect_exit 0
expect_stdout_contains "As of:        $today"
expect_stdout_contains "Overall score: 39.1%"

# An assessment with no answers: every required question is missing and
# scores 0; D-3 has none required, so it is not applicable.
run score acme2 --as-of 2025-03-01 -f csv
expect_exit 0
expect_stdout_crlf <<'EOF'
assessment,area,area_name,score,met,partial,not_met,unanswered,not_applicable
acme2,acc,Access,0.000000,0,0,0,3,0
acme2,dat,Data,0.000000,0,0,0,2,1
acme2,inf,Infrastructure,,0,0,0,0,0
acme2,overall,Overall,0.000000,0,0,0,5,1
EOF
run score acme2 --as-of 2025-03-01
expect_stdout_contains "Answered:     0 of 13 questions"
expect_stdout_contains "Overall score: 0.0%"

# The portfolio, in creation order.
setup beta beta.csv
setup gamma gamma.csv
run score --all --as-of 2025-03-01
expect_exit 0
expect_stderr_empty
expect_stdout <<'EOF'
ASSESSMENT                   MODEL                  SCORE  GAPS CRITICAL    ANSWERED
acme                         mini                   54.7%     4        0        9/13
acme2                        mini                    0.0%     5        1        0/13
beta                         mini                   53.3%     3        1        8/13
gamma                        mini                   28.1%     5        1        7/13
EOF

run score --all --as-of 2025-03-01 --format csv
expect_exit 0
expect_stdout_crlf <<'EOF'
assessment,model,score,controls,gaps,critical_gaps,answered,questions
acme,mini,0.546875,6,4,0,9,13
acme2,mini,0.000000,6,5,1,0,13
beta,mini,0.533333,6,3,1,8,13
gamma,mini,0.281250,6,5,1,7,13
EOF

run score -a -f csv --as-of 2025-06-01
expect_stdout_contains "acme,mini,0.390625,6,4,0,9,13"

# An assessment on the quick questionnaire is in the portfolio with its
# own question count; and a bundled model next to the fixture one.
run new q --model mini -q quick "${CATALOG[@]}"
printf 'question,answer\nA-1.1,yes\nD-2.2,yes\n' >q.csv
run import q q.csv
run new ac --model atlassian-cloud
expect_exit 0
run score --all --as-of 2025-03-01 --format csv
# q: A-1 and D-2 met; the controls it does not ask about are not
# applicable, yet still counted in 'controls' (customer and shared).
expect_stdout_contains "q,mini,1.000000,6,0,0,2,2"
expect_stdout_contains "ac,atlassian-cloud,0.000000,"

# An empty database.
run --db empty.db new x --model mini "${CATALOG[@]}"
sqlite3 empty.db "DELETE FROM assessments"
run --db empty.db score --all -f csv
expect_exit 0
expect_stdout_crlf <<'EOF'
assessment,model,score,controls,gaps,critical_gaps,answered,questions
EOF

# list: by name, answered/total, overall score as of today.
rm -f srmgap.db
setup acme acme.csv
setup gamma gamma.csv
setup beta beta.csv
run new empty --model mini "${CATALOG[@]}"
run list
expect_exit 0
expect_stderr_empty
expect_stdout <<'EOF'
ASSESSMENT                   MODEL                 ANSWERED   SCORE  STATE
acme                         mini                      9/13   39.1%  open
beta                         mini                      8/13   53.3%  open
empty                        mini                      0/13    0.0%  open
gamma                        mini                      7/13   28.1%  open
EOF

run --db none.db list
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: no database 'none.db' (create an assessment with 'srmgap new', or name one with --db)
EOF
run --db empty.db list
expect_exit 0
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: no assessments yet (create one with 'srmgap new NAME --model ID')
EOF

# An unknown assessment.
run score nope --as-of 2025-03-01
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: no assessment 'nope' (see 'srmgap list')
EOF

# No applicable control at all: every question of the quick
# questionnaire answered na. The overall score is n/a everywhere.
run --db na.db new n --model mini -q quick "${CATALOG[@]}"
printf 'question,answer\nA-1.1,na\nD-2.2,n/a\n' >n.csv
run --db na.db import n n.csv
expect_exit 0
run --db na.db score n --as-of 2025-03-01 --format csv
expect_exit 0
expect_stdout_crlf <<'EOF'
assessment,area,area_name,score,met,partial,not_met,unanswered,not_applicable
n,acc,Access,,0,0,0,0,3
n,dat,Data,,0,0,0,0,3
n,inf,Infrastructure,,0,0,0,0,0
n,overall,Overall,,0,0,0,0,6
EOF
run --db na.db score n --as-of 2025-03-01
expect_stdout_contains "Overall score: n/a (no applicable customer control)"
run --db na.db score --all --format csv
expect_stdout_crlf <<'EOF'
assessment,model,score,controls,gaps,critical_gaps,answered,questions
n,mini,,6,0,0,2,2
EOF
run --db na.db list
expect_stdout <<'EOF'
ASSESSMENT                   MODEL                 ANSWERED   SCORE  STATE
n                            mini                       2/2     n/a  open
EOF
run --db na.db report n --as-of 2025-03-01 --gaps-only
expect_exit 0
expect_stdout_contains "Gaps, most urgent first (0)"
expect_stdout_contains "  none: every applicable customer control is met"
