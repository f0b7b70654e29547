# srmgap report: the text report and the CSV export of the fixture
# assessment, exactly; --gaps-only; -o FILE; --fail-under; formula
# neutralisation in CSV cells. Scores are worked out in t_score.sh; the
# gap order here is (severity, then w*(1-s) largest first, then id):
#   D-1 high  3*(1-0)    = 3     unanswered
#   A-2 high  5*(1-0.75) = 1.25  partial
#   D-2 medium 2*(1-0)   = 2     not-met
#   A-3 medium 2*(1-0.5) = 1     partial

setup acme acme.csv --org "Acme Ltd" --assessor "Jo Smith"
hash=$SNAPSHOT

run report acme --as-of 2025-03-01
expect_exit 0
expect_stderr_empty
expect_stdout <<EOF
srmgap gap report: acme
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

Gaps, most urgent first (4)

  1. D-1  high      unanswered  Data
     Data classified
     Fix: Label every space by sensitivity and scan for unlabelled data with a
          DLP tool so that nothing sensitive is stored without a label.

  2. A-2  high      partial (75.0%)  Access
     Access reviewed
     Answered: A-2.1=partial; A-2.2=2025-01-01
     Fix: Review access every 90 days and keep the signed export.

  3. D-2  medium    not-met  Data
     Restores tested
     Answered: D-2.1=45; D-2.2=no; D-2.3=3
     Fix: Test a restore every month.

  4. A-3  medium    partial (50.0%)  Access
     Password policy
     Answered: A-3.1=medium
     Fix: Require long passwords.

Covered by the providers
  Infrastructure: Cloud Co
    Cloud Co: Runs the data centres and the network.
EOF
check "no line of the text report is wider than 80 columns" \
	awk 'length($0) > 80 { exit 1 }' "$CAP/stdout"

# Later the review is stale: A-2 falls to 25% and its shortfall 5*0.75 =
# 3.75 now ranks it above D-1 (3).
run report acme --as-of 2025-06-01 --gaps-only
expect_exit 0
expect_stdout <<EOF
srmgap gap report: acme
Model:        Mini 1.0 (mini)
Snapshot:     $hash
Organisation: Acme Ltd
Assessor:     Jo Smith
As of:        2025-06-01
Answered:     9 of 13 questions

Overall score: 39.1%

Gaps, most urgent first (4)

  1. A-2  high      partial (25.0%)  Access
     Access reviewed
     Answered: A-2.1=partial; A-2.2=2025-01-01
     Fix: Review access every 90 days and keep the signed export.

  2. D-1  high      unanswered  Data
     Data classified
     Fix: Label every space by sensitivity and scan for unlabelled data with a
          DLP tool so that nothing sensitive is stored without a label.

  3. D-2  medium    not-met  Data
     Restores tested
     Answered: D-2.1=45; D-2.2=no; D-2.3=3
     Fix: Test a restore every month.

  4. A-3  medium    partial (50.0%)  Access
     Password policy
     Answered: A-3.1=medium
     Fix: Require long passwords.
EOF

# The CSV export: every control in catalog order (A-3 comes after D-4 in
# controls.csv), CRLF, RFC 4180 quoting. The note of D-2.2 starts with
# '=', but its cell starts with the question id, so it needs no quote.
# A cell with a ';' is quoted, as for a ';' file, so that a file opened
# with another delimiter than it was written with splits no cell.
run report acme --as-of 2025-03-01 --format csv
expect_exit 0
expect_stderr_empty
expect_stdout_crlf <<'EOF'
assessment,model,area,area_name,control,title,owner,severity,weight,score,status,priority,answers,evidence,notes,remediation,references
acme,mini,acc,Access,A-1,MFA enforced,customer,critical,4,1.000000,met,,"A-1.1=yes; A-1.2=hw-key; A-1.3=login.example.com",A-1.1: idp-policy.pdf,,Turn on MFA for all users.,ISO27001:A.8.5
acme,mini,acc,Access,A-2,Access reviewed,customer,high,5,0.750000,partial,2,"A-2.1=partial; A-2.2=2025-01-01","A-2.1: review-2025.xlsx, signed; A-2.2: REV-7",A-2.1: Only admins were reviewed,Review access every 90 days and keep the signed export.,ISO27001:A.5.18
acme,mini,dat,Data,D-1,Data classified,customer,high,3,0.000000,unanswered,1,,,,Label every space by sensitivity and scan for unlabelled data with a DLP tool so that nothing sensitive is stored without a label.,ISO27001:A.5.12|SOC2:C1.1
acme,mini,dat,Data,D-2,Restores tested,customer,medium,2,0.000000,not-met,3,"D-2.1=45; D-2.2=no; D-2.3=3",,"D-2.2: =HYPERLINK(""http://x.example"",""click"")",Test a restore every month.,
acme,mini,dat,Data,D-3,Retention set,customer,low,1,,not-applicable,,,,,Publish a retention schedule.,
acme,mini,dat,Data,D-4,Storage encrypted,cloud,medium,2,,inherited,,,,,,
acme,mini,acc,Access,A-3,Password policy,shared,medium,2,0.500000,partial,4,A-3.1=medium,,,Require long passwords.,
acme,mini,inf,Infrastructure,I-1,Physical security,cloud,high,3,,inherited,,,,,,
EOF

run report acme --as-of 2025-03-01 --format csv --gaps-only
expect_exit 0
expect_stdout_crlf <<'EOF'
assessment,model,area,area_name,control,title,owner,severity,weight,score,status,priority,answers,evidence,notes,remediation,references
acme,mini,acc,Access,A-2,Access reviewed,customer,high,5,0.750000,partial,2,"A-2.1=partial; A-2.2=2025-01-01","A-2.1: review-2025.xlsx, signed; A-2.2: REV-7",A-2.1: Only admins were reviewed,Review access every 90 days and keep the signed export.,ISO27001:A.5.18
acme,mini,dat,Data,D-1,Data classified,customer,high,3,0.000000,unanswered,1,,,,Label every space by sensitivity and scan for unlabelled data with a DLP tool so that nothing sensitive is stored without a label.,ISO27001:A.5.12|SOC2:C1.1
acme,mini,dat,Data,D-2,Restores tested,customer,medium,2,0.000000,not-met,3,"D-2.1=45; D-2.2=no; D-2.3=3",,"D-2.2: =HYPERLINK(""http://x.example"",""click"")",Test a restore every month.,
acme,mini,acc,Access,A-3,Password policy,shared,medium,2,0.500000,partial,4,A-3.1=medium,,,Require long passwords.,
EOF

# -o FILE: the same bytes in the file, nothing on stdout.
run report acme --as-of 2025-03-01 --format csv
cp "$CAP/stdout" expected.csv
run report acme --as-of 2025-03-01 --format csv -o out.csv
expect_exit 0
expect_stdout_empty
expect_stderr_empty
expect_file_same expected.csv out.csv
run report acme --as-of 2025-03-01
cp "$CAP/stdout" expected.txt
run report acme --as-of 2025-03-01 --output out.txt
expect_exit 0
expect_stdout_empty
expect_file_same expected.txt out.txt
# An existing file is replaced; no temporary file is left behind.
run report acme --as-of 2025-03-01 -o out.csv
expect_exit 0
expect_file_same expected.txt out.csv
check "no temporary files are left" test -z "$(ls | grep tmp)"
# The file gets the usual permissions (umask 022: 0644), like any file
# the user creates, also when it replaces one.
umask 022
touch plain.txt
run report acme --as-of 2025-03-01 -o mode.txt
check "-o FILE has the mode of a new file ($(stat -c %a mode.txt) vs $(stat -c %a plain.txt))" \
	test "$(stat -c %a mode.txt)" = "$(stat -c %a plain.txt)"
# A symbolic link is followed: the file it names gets the report, the
# link stays a link.
echo old >real.txt
ln -s real.txt link.txt
run report acme --as-of 2025-03-01 -o link.txt
expect_exit 0
check "-o LINK leaves the link a link" test -L link.txt
expect_file_same expected.txt real.txt
ln -s not-yet.txt dangling.txt
run report acme --as-of 2025-03-01 -o dangling.txt
expect_exit 0
check "-o to a dangling link creates the file it names" test -L dangling.txt
expect_file_same expected.txt not-yet.txt
# A pipe or a device is written in place, never replaced by a file.
mkfifo pipe
cat pipe >from-pipe.txt &
reader=$!
run report acme --as-of 2025-03-01 -o pipe
wait "$reader"
expect_exit 0
check "-o FIFO leaves the FIFO" test -p pipe
expect_file_same expected.txt from-pipe.txt
run report acme --as-of 2025-03-01 -o /dev/null
expect_exit 0
check "-o /dev/null leaves the device" test -c /dev/null
# '-o -' is standard output.
run report acme --as-of 2025-03-01 -o -
expect_exit 0
expect_file_same expected.txt "$CAP/stdout"
# A folder that does not exist: exit 1, nothing written.
run report acme --as-of 2025-03-01 -o no-such-dir/r.txt
expect_exit 1
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: cannot write 'no-such-dir/r.txt': No such file or directory
EOF
# An unknown assessment: no file at all.
run report nope -o nope.txt
expect_exit 2
expect_stderr <<'EOF'
srmgap: no assessment 'nope' (see 'srmgap list')
EOF
expect_no_file nope.txt

# --fail-under: the overall score as shown (54.7%) against the gate.
for gate in 0 54 54.7 54.65 54.7%; do
	run report acme --as-of 2025-03-01 --fail-under "$gate"
	expect_exit 0
	expect_stderr_empty
done
run report acme --as-of 2025-03-01 --fail-under 54.75
expect_exit 3
expect_file_same expected.txt "$CAP/stdout"
expect_stderr <<'EOF'
srmgap: overall score 54.7% is below --fail-under 54.75%
EOF
run report acme --as-of 2025-03-01 --fail-under 100 --format csv -o gated.csv
expect_exit 3
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: overall score 54.7% is below --fail-under 100%
EOF
expect_file_same expected.csv gated.csv
# Later, 39.1%.
run report acme --as-of 2025-06-01 --fail-under 50 --gaps-only
expect_exit 3
expect_stderr <<'EOF'
srmgap: overall score 39.1% is below --fail-under 50%
EOF

# An overall score of exactly 9/16 = 56.25% is shown as 56.2% (printf
# rounds the tie to even). The gate must compare that shown 56.2%: a
# gate of 56.3 is not met. (A-1 met 4, A-2 met 5, A-3 weak 0, D-1
# unanswered 0, D-2 0: 9 of 16.)
setup tie tie.csv
run report tie --as-of 2025-03-01
expect_stdout_contains "Overall score: 56.2%"
run report tie --as-of 2025-03-01 --fail-under 56.2
expect_exit 0
run report tie --as-of 2025-03-01 --fail-under 56.3
expect_exit 3
expect_stderr <<'EOF'
srmgap: overall score 56.2% is below --fail-under 56.3%
EOF

# Cells that start with = + - or @ are quoted with a leading apostrophe
# in every CSV output; numeric cells are not touched. ('--' ends the
# options, so that a name may start with '-'.)
for name in '=1+2' '+SUM(A1)' '-2+3' '@cmd'; do
	run new --model mini "${CATALOG[@]}" -- "$name"
	expect_exit 0
	run report --as-of 2025-03-01 --format csv -- "$name"
	expect_exit 0
	check "report csv: '$name' is written as '$name" \
		grep -q "^'$(printf '%s' "$name" | sed 's/[+]/[+]/g'),mini,acc,Access,A-1,MFA enforced,customer,critical,4,0.000000,unanswered,1," "$CAP/stdout"
	run score --as-of 2025-03-01 --format csv -- "$name"
	check "score csv: '$name' is written as '$name" \
		grep -q "^'$(printf '%s' "$name" | sed 's/[+]/[+]/g'),overall,Overall,0.000000,0,0,0,5,1" "$CAP/stdout"
done
run score --all --as-of 2025-03-01 --format csv
expect_stdout_contains "'=1+2,mini,0.000000,6,5,1,0,13"
expect_stdout_contains "'-2+3,mini,0.000000,6,5,1,0,13"

# The same in catalog text: titles, remediation and references.
cp -R "$FIX/catalog" cat
sed -i 's/^A-1,acc,MFA enforced,customer,critical,,Every user signs in with a second factor\.,Turn on MFA for all users\.,ISO27001:A\.8\.5$/A-1,acc,=MFA(),customer,critical,,x,@SUM(1),-ISO/' cat/controls/mini/controls.csv
run --db f.db new f --model mini --catalog cat
expect_exit 0
printf 'question,answer,note\nA-1.1,yes,=2+3\n' >f.csv
run --db f.db import f f.csv
run --db f.db report f --as-of 2025-03-01 --format csv
expect_stdout_contains "f,mini,acc,Access,A-1,'=MFA(),customer,critical,4,0.500000,partial,1,A-1.1=yes,,A-1.1: =2+3,'@SUM(1),'-ISO"
