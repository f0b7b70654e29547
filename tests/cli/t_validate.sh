# srmgap validate: the good fixture catalog as a model folder, as a
# questionnaire file and as a catalog folder; then one bad catalog per kind
# of problem (tests/fixtures/cli/bad/<kind>/ holds only the file that is
# wrong, laid over a copy of the good catalog), each checked for its exact
# FILE:LINE:COL: message line, the summary line and exit 2.

# bad KIND: ./cat is a fresh copy of the fixture catalog with the files of
# bad/KIND laid over it.
bad() {
	rm -rf cat
	cp -R "$FIX/catalog" cat
	if [[ -n ${1:-} ]]; then
		cp -R "$FIX/bad/$1/." cat/
	fi
}

bad ""
run validate cat/controls/mini
expect_exit 0
expect_stdout <<'EOF'
ok: 1 path valid
EOF
expect_stderr_empty

run validate cat/questionnaires/mini.csv
expect_exit 0
expect_stdout <<'EOF'
ok: 1 path valid
EOF
expect_stderr_empty

run validate cat/questionnaires/mini.quick.csv
expect_exit 0
expect_stdout <<'EOF'
ok: 1 path valid
EOF

run validate cat
expect_exit 0
expect_stdout <<'EOF'
ok: 1 path valid
EOF
expect_stderr_empty

# A folder of model folders (a catalog's controls/).
run validate cat/controls
expect_exit 0
expect_stdout <<'EOF'
ok: 1 path valid
EOF
expect_stderr_empty

run validate cat cat/controls/mini cat/questionnaires/mini.csv
expect_exit 0
expect_stdout <<'EOF'
ok: 3 paths valid
EOF

# The model folder given as "." (its id is the folder's name).
(cd cat/controls/mini && "$SRMGAP" validate . >"$CAP/stdout" 2>"$CAP/stderr")
STATUS=$?
CMD="(cd cat/controls/mini && srmgap validate .)"
expect_exit 0
expect_stdout <<'EOF'
ok: 1 path valid
EOF

# The bundled catalog is valid.
run validate "$ROOT"
expect_exit 0
expect_stdout <<'EOF'
ok: 1 path valid
EOF

# --- one bad fixture per kind of problem ---------------------------------

# Problems in the model files, found through the model folder (which is
# loaded once per questionnaire: mini has two, the default and "quick";
# each problem is listed once and counted once).
bad unknown-area
run validate cat/controls/mini
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
cat/controls/mini/controls.csv:5:2: unknown area 'dta'
srmgap: 1 error, 0 warnings
EOF

# The same problem found through the questionnaire file.
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/controls/mini/controls.csv:5:2: unknown area 'dta'
srmgap: 1 error, 0 warnings
EOF

# A trailing slash (as shell completion writes it) changes nothing.
run validate cat/controls/mini/
expect_exit 2
expect_stderr_lacks "//"
run validate cat/
expect_exit 2
expect_stderr_lacks "//"

bad unknown-owner
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
cat/controls/mini/controls.csv:8:4: unknown owner 'vendor' (expected customer, shared or a provider's party id)
srmgap: 1 error, 0 warnings
EOF

bad bad-severity
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/controls/mini/controls.csv:6:5: invalid severity 'minor' (expected critical, high, medium or low)
srmgap: 1 error, 0 warnings
EOF

bad duplicate-control
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/controls/mini/controls.csv:10:1: duplicate control 'D-4'
srmgap: 1 error, 0 warnings
EOF

bad bad-options
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/questionnaires/mini.csv:7:5: invalid score '1.5' for option 'medium' (expected a number from 0 to 1, or na)
srmgap: 1 error, 0 warnings
EOF
# A questionnaire problem is found through the model folder too.
run validate cat/controls/mini
expect_exit 2
expect_stderr <<'EOF'
cat/questionnaires/mini.csv:7:5: invalid score '1.5' for option 'medium' (expected a number from 0 to 1, or na)
srmgap: 1 error, 0 warnings
EOF
# And through the catalog folder.
run validate cat
expect_exit 2
expect_stderr <<'EOF'
cat/questionnaires/mini.csv:7:5: invalid score '1.5' for option 'medium' (expected a number from 0 to 1, or na)
srmgap: 1 error, 0 warnings
EOF

bad unknown-depends-on
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/questionnaires/mini.csv:3:8: depends_on names 'A-9.9', which is not a question defined above this one
srmgap: 1 error, 0 warnings
EOF

bad bad-pattern
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/questionnaires/mini.csv:4:9: invalid pattern: missing closing parenthesis at byte 23 of the pattern
srmgap: 1 error, 0 warnings
EOF

bad missing-column
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/controls/mini/scenarios.csv:1:1: missing required column 'owner'
srmgap: 1 error, 0 warnings
EOF

# The quote opens on line 3, field 3 and never closes: reported where the
# record starts.
bad unterminated-quote
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/controls/mini/scenarios.csv:3:3: unterminated quoted field (the record starts here)
srmgap: 1 error, 0 warnings
EOF

# Invalid UTF-8 (a lone 0xff and a truncated sequence) on line 4, field
# 4. Made here rather than kept as a fixture so no tool re-encodes it.
bad ""
printf 'scenario,owner,provider_duty,customer_duty\nA data centre loses power,cloud,Fail over.,\nA user account is phished,shared,Offer MFA.,Enforce MFA.\nA file is deleted,customer,,Restore it \xff from \xc3 backup.\n' \
	>cat/controls/mini/scenarios.csv
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/controls/mini/scenarios.csv:4:4: invalid UTF-8 in field (save the file as UTF-8)
srmgap: 1 error, 0 warnings
EOF

# Two parties with role customer: an input error, so it should point at
# the row of the second customer (STYLE: input errors carry file, line and
# column), parties.csv line 4, column 3 (role).
bad two-customers
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
cat/controls/mini/parties.csv:4:3: second customer 'partner': exactly one party has role customer (the first is 'customer')
srmgap: 1 error, 0 warnings
EOF

# Many problems in one questionnaire: every one is listed, sorted by line
# and column.
bad questionnaire-many
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
cat/questionnaires/mini.csv:2:5: type 'yesno' takes no options
cat/questionnaires/mini.csv:3:5: option 'app' has no '=score'
cat/questionnaires/mini.csv:3:8: depends_on value 'maybe' is not a valid answer to 'A-1.1': invalid answer 'maybe' (expected yes/no/na)
cat/questionnaires/mini.csv:5:6: invalid weight '0' (expected a positive number)
cat/questionnaires/mini.csv:6:5: unknown option 'max_age' for type 'date' (expected max_age_days=N)
cat/questionnaires/mini.csv:7:5: duplicate option 'medium'
cat/questionnaires/mini.csv:7:5: invalid option value 'big key' (lowercase letters, digits, '.', '_' and '-')
cat/questionnaires/mini.csv:8:5: type 'multi' needs options 'value=score|value=score|...'
cat/questionnaires/mini.csv:9:5: min is greater than max
cat/questionnaires/mini.csv:10:7: invalid required 'maybe' (expected yes or no)
cat/questionnaires/mini.csv:11:4: invalid type 'integer' (expected yesno, scale, choice, multi, number, date or text)
cat/questionnaires/mini.csv:12:2: unknown control 'D-9'
cat/questionnaires/mini.csv:13:1: duplicate question 'D-3.1'
cat/questionnaires/mini.csv:13:5: invalid max_age_days '-5' (expected a whole number of days)
srmgap: 14 errors, 0 warnings
EOF

# An empty depends_on value list is reported whether or not an earlier
# row of the file had a problem.
bad ""
sed -i 's/,A-1\.1=yes,/,A-1.1=,/' cat/questionnaires/mini.csv
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/questionnaires/mini.csv:3:8: depends_on lists no value
srmgap: 1 error, 0 warnings
EOF
sed -i 's/^\(A-1\.1,A-1,Is MFA enforced for every user?,yesno,\),/\1x=1,/' cat/questionnaires/mini.csv
run validate cat/questionnaires/mini.csv
expect_exit 2
expect_stderr <<'EOF'
cat/questionnaires/mini.csv:2:5: type 'yesno' takes no options
cat/questionnaires/mini.csv:3:8: depends_on lists no value
srmgap: 2 errors, 0 warnings
EOF

# Warnings alone do not fail validation: a question on a provider control.
bad ""
echo 'I-1.1,I-1,Are visitors logged?,yesno,,,,,,' >>cat/questionnaires/mini.csv
run validate cat/questionnaires/mini.csv
expect_exit 0
expect_stdout <<'EOF'
ok: 1 path valid, 1 warning
EOF
expect_stderr <<'EOF'
cat/questionnaires/mini.csv:15:2: warning: control 'I-1' is owned by provider 'cloud': this question is never scored
EOF

# Paths that are none of the three.
run validate no-such-path
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
no-such-path: cannot open 'no-such-path': No such file or directory
srmgap: 1 error, 0 warnings
EOF

mkdir empty
run validate empty
expect_exit 2
expect_stderr <<'EOF'
empty: 'empty' is not a model folder, a questionnaire or a catalog
srmgap: 1 error, 0 warnings
EOF

printf 'question,control,text,type\n' >orphan.csv
run validate orphan.csv
expect_exit 2
expect_stderr <<'EOF'
orphan.csv: no model 'orphan' for this questionnaire (looked beside it and on the catalog path)
srmgap: 1 error, 0 warnings
EOF
