# srmgap report --format csv for spreadsheets: --delimiter (',' ';' or
# tab) and --bom. The default output is unchanged (t_report.sh holds it
# byte for byte); another delimiter changes only the separator, as every
# dialect quotes a cell that holds any of them; the formula rule holds in
# every dialect. The
# portfolio (--all) is the CSV of `score --all`, in the same dialects.

setup acme acme.csv --org "Acme Ltd" --assessor "Jo Smith"

run report acme --as-of 2025-03-01 --format csv
cp "$CAP/stdout" default.csv
for d in , comma; do
	run report acme --as-of 2025-03-01 --format csv --delimiter "$d"
	expect_exit 0
	expect_file_same default.csv "$CAP/stdout"
done

# Semicolons: cells that hold one (or a comma, or a tab) are quoted;
# numbers keep their decimal point.
for d in ';' semicolon; do
	run report acme --as-of 2025-03-01 --format csv --delimiter "$d"
	expect_exit 0
	expect_stderr_empty
	expect_stdout_crlf <<'EOF2'
assessment;model;area;area_name;control;title;owner;severity;weight;score;status;priority;answers;evidence;notes;remediation;references
acme;mini;acc;Access;A-1;MFA enforced;customer;critical;4;1.000000;met;;"A-1.1=yes; A-1.2=hw-key; A-1.3=login.example.com";A-1.1: idp-policy.pdf;;Turn on MFA for all users.;ISO27001:A.8.5
acme;mini;acc;Access;A-2;Access reviewed;customer;high;5;0.750000;partial;2;"A-2.1=partial; A-2.2=2025-01-01";"A-2.1: review-2025.xlsx, signed; A-2.2: REV-7";A-2.1: Only admins were reviewed;Review access every 90 days and keep the signed export.;ISO27001:A.5.18
acme;mini;dat;Data;D-1;Data classified;customer;high;3;0.000000;unanswered;1;;;;Label every space by sensitivity and scan for unlabelled data with a DLP tool so that nothing sensitive is stored without a label.;ISO27001:A.5.12|SOC2:C1.1
acme;mini;dat;Data;D-2;Restores tested;customer;medium;2;0.000000;not-met;3;"D-2.1=45; D-2.2=no; D-2.3=3";;"D-2.2: =HYPERLINK(""http://x.example"",""click"")";Test a restore every month.;
acme;mini;dat;Data;D-3;Retention set;customer;low;1;;not-applicable;;;;;Publish a retention schedule.;
acme;mini;dat;Data;D-4;Storage encrypted;cloud;medium;2;;inherited;;;;;;
acme;mini;acc;Access;A-3;Password policy;shared;medium;2;0.500000;partial;4;A-3.1=medium;;;Require long passwords.;
acme;mini;inf;Infrastructure;I-1;Physical security;cloud;high;3;;inherited;;;;;;
EOF2
done

# Tabs, given as the word or as the character itself.
for d in tab "$(printf '\t')"; do
	run report acme --as-of 2025-03-01 --format csv --delimiter "$d" --gaps-only
	expect_exit 0
	expect_stdout_crlf <<'EOF2'
assessment	model	area	area_name	control	title	owner	severity	weight	score	status	priority	answers	evidence	notes	remediation	references
acme	mini	acc	Access	A-2	Access reviewed	customer	high	5	0.750000	partial	2	"A-2.1=partial; A-2.2=2025-01-01"	"A-2.1: review-2025.xlsx, signed; A-2.2: REV-7"	A-2.1: Only admins were reviewed	Review access every 90 days and keep the signed export.	ISO27001:A.5.18
acme	mini	dat	Data	D-1	Data classified	customer	high	3	0.000000	unanswered	1				Label every space by sensitivity and scan for unlabelled data with a DLP tool so that nothing sensitive is stored without a label.	ISO27001:A.5.12|SOC2:C1.1
acme	mini	dat	Data	D-2	Restores tested	customer	medium	2	0.000000	not-met	3	"D-2.1=45; D-2.2=no; D-2.3=3"		"D-2.2: =HYPERLINK(""http://x.example"",""click"")"	Test a restore every month.	
acme	mini	acc	Access	A-3	Password policy	shared	medium	2	0.500000	partial	4	A-3.1=medium			Require long passwords.	
EOF2
done

# --bom: the three bytes EF BB BF, then the same CSV.
run report acme --as-of 2025-03-01 --format csv --bom
expect_exit 0
check "--bom starts with EF BB BF" \
	test "$(head -c 3 "$CAP/stdout" | od -An -tx1 | tr -d ' ')" = efbbbf
tail -c +4 "$CAP/stdout" >nobom.csv
expect_file_same default.csv nobom.csv
run report acme --as-of 2025-03-01 --format csv --bom --delimiter ';' -o semi.csv
expect_exit 0
expect_stdout_empty
check "--bom --delimiter ';' to a file" \
	test "$(head -c 14 semi.csv | od -An -c | tr -d ' ')" = '357273277assessment;'

# The formula rule in every dialect, with hostile answers and names.
setup '=h' hostile.csv --org '@org'
for d in , ';' tab; do
	run report --as-of 2025-03-01 --format csv --delimiter "$d" -- '=h'
	expect_exit 0
	check "every row of the '$d' CSV starts with '=h" \
		test "$(grep -vc "^'=h" "$CAP/stdout")" = 1
done
run report --as-of 2025-03-01 --format csv --delimiter ';' -- '=h'
expect_stdout_contains "'=h;mini;acc;Access;A-1;MFA enforced;customer;critical;4;0.900000;partial;1;\"A-1.1=yes; A-1.2=app\";\"A-1.1: =1+1; A-1.2: -1\";\"A-1.1: +1; A-1.2: @SUM(A1:A9)\";"
expect_stdout_contains ';"D-2.2: a,b;c";"D-2.2: say ""hi""";'

# The portfolio: the CSV of score --all, in every dialect.
run score --all --as-of 2025-03-01 --format csv
cp "$CAP/stdout" score-all.csv
run report --all --as-of 2025-03-01 --format csv
expect_exit 0
expect_stderr_empty
expect_file_same score-all.csv "$CAP/stdout"
run report --all --as-of 2025-03-01 --format csv --delimiter ';' --bom -o all.csv
expect_exit 0
printf '\357\273\277' >expected.csv
sed 's/,/;/g' score-all.csv >>expected.csv
expect_file_same expected.csv all.csv
check "the portfolio has a row per assessment" test "$(wc -l <all.csv)" = 3

# What is refused, before anything is written.
for d in '|' '::' '' x ';;'; do
	run report acme --format csv --delimiter "$d" -o bad.csv
	expect_exit 2
	expect_stderr <<EOF2
srmgap: report: --delimiter takes ',', ';' or tab, not '$d'
EOF2
	expect_no_file bad.csv
done
run report acme --delimiter ';'
expect_exit 2
expect_stderr <<'EOF2'
srmgap: report: --delimiter and --bom apply to csv, not text
EOF2
run report acme --format json --bom
expect_exit 2
expect_stderr <<'EOF2'
srmgap: report: --delimiter and --bom apply to csv, not json
EOF2
