# Every answer type, every control status and the gap ranking, checked
# control by control (score, status, priority from report --format csv)
# against values worked out by hand from include/srmgap/score.h and the
# README's scoring rules. Weights: A-1 critical 4, A-2 high 5 (given),
# A-3 shared medium 2, D-1 high 3, D-2 medium 2, D-3 low 1.

# assess NAME <<CSV: create NAME on mini and import the answers given.
assess() {
	cat >"$1.csv"
	run new "$1" --model mini "${CATALOG[@]}"
	expect_exit 0
	run import "$1" "$1.csv"
	expect_exit 0
}

# expect_control NAME CONTROL SCORE,STATUS,PRIORITY [AS-OF]
expect_control() {
	local got
	run report "$1" --as-of "${4:-2025-03-01}" --format csv
	got=$(awk -F, -v c="$2" '$5 == c { print $10 "," $11 "," $12 }' "$CAP/stdout")
	check "$1: control $2 is '$3', got '$got'" test "$got" = "$3"
}

# expect_overall NAME SCORE [AS-OF]
expect_overall() {
	local got
	run score "$1" --as-of "${3:-2025-03-01}" --format csv
	got=$(awk -F, '$2 == "overall" { print $4 }' "$CAP/stdout")
	check "$1: overall score is '$2', got '$got'" test "$got" = "$2"
}

# --- beta ------------------------------------------------------------
# A-1: A-1.1 no = 0; A-1.2 (sms) is skipped, its depends_on wants yes
#      -> 0, not-met (critical gap, first)
# A-2: A-2.1 yes = 1; A-2.2 required, unanswered = 0 -> 0.5 partial
# A-3: sso-only is an na option -> not-applicable, no score, not a gap
# D-1: labels+dlp+review = 0.5+0.4+0.3 = 1.2, capped at 1; D-1.2 is
#      enabled (dlp chosen) but optional and unanswered -> 1 met
# D-2: (3*[7 in 1..30: 1] + 1*[no: 0])/4 = 0.75 partial; D-2.3 (number
#      without bounds) is informational, so unanswered it costs nothing
# D-3: D-3.1 yes = 1 -> met (D-3.2 is an informational date)
# D-4, I-1: owned by Cloud Co -> inherited
# Gaps: A-1 critical; A-2 high (5*0.5 = 2.5); D-2 medium (2*0.25 = 0.5)
# Overall: (0 + 2.5 + 3 + 1.5 + 1)/(4+5+3+2+1) = 8/15 = 0.533333
cp "$FIX/answers/beta.csv" beta-answers.csv
assess beta <beta-answers.csv
expect_control beta A-1 "0.000000,not-met,1"
expect_control beta A-2 "0.500000,partial,2"
expect_control beta A-3 ",not-applicable,"
expect_control beta D-1 "1.000000,met,"
expect_control beta D-2 "0.750000,partial,3"
expect_control beta D-3 "1.000000,met,"
expect_control beta D-4 ",inherited,"
expect_control beta I-1 ",inherited,"
expect_overall beta 0.533333
run score beta --as-of 2025-03-01 --format csv
expect_stdout_crlf <<'EOF'
assessment,area,area_name,score,met,partial,not_met,unanswered,not_applicable
beta,acc,Access,0.277778,0,1,1,0,1
beta,dat,Data,0.916667,2,1,0,0,0
beta,inf,Infrastructure,,0,0,0,0,0
beta,overall,Overall,0.533333,2,2,1,0,1
EOF
run report beta --as-of 2025-03-01 --gaps-only
expect_stdout_contains "Gaps, most urgent first (3, 1 critical)"
expect_stdout_contains "  1. A-1  critical  not-met  Access"
expect_stdout_contains "  2. A-2  high      partial (50.0%)  Access"
expect_stdout_contains "  3. D-2  medium    partial (75.0%)  Data"

# --- gamma: the ranking -----------------------------------------------
# A-1: (yes 1 + app 0.8)/2 = 0.9 partial (A-1.3, text, unanswered, is
#      informational, not missing)           critical, shortfall 0.4
# A-2: no 0, and 2024-01-01 is 425 days old (> 90) -> 0, answered ->
#      not-met                                high,     shortfall 5
# D-1: review 0.3 (D-1.2 skipped: dlp not chosen) -> 0.3 partial
#                                             high,     shortfall 2.1
# A-3: weak 0 -> not-met                      medium,   shortfall 2
# D-2: D-2.1 and D-2.2 required, unanswered -> unanswered
#                                             medium,   shortfall 2
# D-3: D-3.1 na -> not-applicable
# Ranking: A-1 (critical), A-2, D-1 (high, 5 > 2.1), then A-3 and D-2
# tie on medium and 2, so the id decides: A-3 before D-2, although D-2
# comes first in controls.csv.
# Overall: (4*0.9 + 3*0.3)/16 = 4.5/16 = 0.28125
cp "$FIX/answers/gamma.csv" gamma-answers.csv
assess gamma <gamma-answers.csv
expect_control gamma A-1 "0.900000,partial,1"
expect_control gamma A-2 "0.000000,not-met,2"
expect_control gamma D-1 "0.300000,partial,3"
expect_control gamma A-3 "0.000000,not-met,4"
expect_control gamma D-2 "0.000000,unanswered,5"
expect_control gamma D-3 ",not-applicable,"
expect_overall gamma 0.281250
run report gamma --as-of 2025-03-01 --gaps-only
expect_exit 0
expect_stdout_contains "Gaps, most urgent first (5, 1 critical)"
check "gamma: the text report lists the gaps in rank order" test \
	"$(grep -E '^ +[0-9]+\. ' "$CAP/stdout" | awk '{ print $1 $2 }' | tr '\n' ' ')" \
	= "1.A-1 2.A-2 3.D-1 4.A-3 5.D-2 "

# --- every answer type, one control at a time ----------------------------
# In these assessments most controls are left unanswered, and so are gaps
# too; the priority of the control under test is ranked among them (A-1
# critical 4; A-2 high 5, D-1 high 3; A-3 and D-2 medium 2, tied, A-3
# first by id; D-3 low).

# yesno: yes 1 / no 0 / na excluded (and then A-1.2 is skipped as well).
assess yn-na <<'EOF'
question,answer
A-1.1,na
A-1.2,hw-key
EOF
expect_control yn-na A-1 ",not-applicable,"
assess yn-na2 <<'EOF'
question,answer
A-1.1,N/A
EOF
expect_control yn-na2 A-1 ",not-applicable,"

# choice after depends_on: yes + sms = (1 + 0.2)/2 = 0.6
assess choice <<'EOF'
question,answer
A-1.1,yes
A-1.2,sms
A-3.1,strong
EOF
expect_control choice A-1 "0.600000,partial,1"
expect_control choice A-3 "1.000000,met,"
# A required dependent question left unanswered scores 0: (1 + 0)/2.
assess dep-missing <<'EOF'
question,answer
A-1.1,yes
EOF
expect_control dep-missing A-1 "0.500000,partial,1"

# scale: partial 0.5, na excluded.
assess scale <<'EOF'
question,answer
A-2.1,na
A-2.2,2025-02-01
EOF
expect_control scale A-2 "1.000000,met,"
assess scale2 <<'EOF'
question,answer
A-2.1,partial
A-2.2,2025-02-01
EOF
# A-2 shortfall 5*0.25 = 1.25 < D-1's 3: third, after A-1 and D-1.
expect_control scale2 A-2 "0.750000,partial,3"
# date: 2025-02-01 as of 2025-05-02 is 90 days old (met), on 2025-05-03
# 91 (stale); a date after the as-of date does not count (0): the
# evidence did not exist yet on that day.
expect_control scale A-2 "1.000000,met," 2025-05-02
expect_control scale A-2 "0.000000,not-met,2" 2025-05-03
expect_control scale A-2 "0.000000,not-met,2" 2025-01-15

# multi: sum of the options chosen, na options ignored, capped at 1;
# depends_on on a multi question is met when any chosen value is listed.
assess multi <<'EOF'
question,answer
D-1.1,unknown|dlp
D-1.2,yes
EOF
# D-1 shortfall 3*0.3 = 0.9 < A-2's 5: third.
expect_control multi D-1 "0.700000,partial,3"
assess multi2 <<'EOF'
question,answer
D-1.1,labels|dlp
D-1.2,no
EOF
expect_control multi2 D-1 "0.450000,partial,3"
# Only the na option: excluded; D-1.2 is skipped (dlp not chosen) though
# answered, so nothing is left.
assess multi3 <<'EOF'
question,answer
D-1.1,unknown
D-1.2,yes
EOF
expect_control multi3 D-1 ",not-applicable,"
assess multi4 <<'EOF'
question,answer
D-1.1,labels|dlp|review|unknown
EOF
expect_control multi4 D-1 "1.000000,met,"

# number: 1 within min..max (inclusive), else 0; D-2.1 weighs 3.
for v in 1 30 1e1 15.5; do
	assess "num-$v" <<EOF
question,answer
D-2.1,$v
D-2.2,yes
EOF
	expect_control "num-$v" D-2 "1.000000,met,"
done
for v in 0 30.5 -5; do
	assess "num-$v" <<EOF
question,answer
D-2.1,$v
D-2.2,yes
EOF
	# D-2 shortfall 2*0.75 = 1.5 < A-3's 2: fifth, after A-3.
	expect_control "num-$v" D-2 "0.250000,partial,5"
done
# A number without bounds is informational: answered, it is not scored.
assess num-info <<'EOF'
question,answer
D-2.2,no
D-2.3,5
EOF
# D-2.1 (weight 3) missing = 0, D-2.2 no = 0 -> not-met (answered).
# Shortfall 2 ties with A-3 (unanswered): A-3 first by id.
expect_control num-info D-2 "0.000000,not-met,5"

# text: informational; with only text answered the control is unanswered.
assess text <<'EOF'
question,answer
A-1.3,sso.example.org
EOF
expect_control text A-1 "0.000000,unanswered,1"

# An optional question that is answered counts: D-3.1 no = 0 -> not-met.
assess optional <<'EOF'
question,answer
D-3.1,no
D-3.2,2024-01-01
EOF
# Low severity: last of six gaps.
expect_control optional D-3 "0.000000,not-met,6"
# An informational date alone leaves D-3 not applicable.
assess info-date <<'EOF'
question,answer
D-3.2,2024-01-01
EOF
expect_control info-date D-3 ",not-applicable,"

# The counts of the area table follow the statuses (gamma).
run score gamma --as-of 2025-03-01
expect_stdout_contains "Access                                       32.7%     0     1     2     0"
expect_stdout_contains "Data                                         18.0%     0     1     0     1"

# depends_on on a text question compares the whole answer: "azure|okta"
# is not "okta" (only a multi answer is a list of values). A-1.5 is
# required, so when it is wrongly enabled A-1 drops to (1+1+0)/3.
rm -rf cat
cp -R "$FIX/catalog" cat
printf 'A-1.4,A-1,Which identity provider is used?,text,,,,,,\nA-1.5,A-1,Is Okta FastPass required?,yesno,,,,A-1.4=okta,,\n' \
	>>cat/questionnaires/mini.csv
run --db text.db new t --model mini --catalog cat
expect_exit 0
printf 'question,answer\nA-1.1,yes\nA-1.2,hw-key\nA-1.4,azure|okta\n' >t.csv
run --db text.db import t t.csv
expect_exit 0
run --db text.db report t --as-of 2025-03-01 --format csv
got=$(awk -F, '$5 == "A-1" { print $10 "," $11 }' "$CAP/stdout")
check "text answer 'azure|okta' does not enable depends_on A-1.4=okta (A-1 is '$got')" \
	test "$got" = "1.000000,met"
printf 'question,answer\nA-1.4,okta\n' >t2.csv
run --db text.db import t t2.csv
run --db text.db report t --as-of 2025-03-01 --format csv
got=$(awk -F, '$5 == "A-1" { print $10 "," $11 }' "$CAP/stdout")
check "text answer 'okta' enables A-1.5, required and missing (A-1 is '$got')" \
	test "$got" = "0.666667,partial"
