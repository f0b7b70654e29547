# srmgap import --bulk: many assessments in one file (an 'assessment'
# column); names not in the database are created on --model, and without
# --model they are an error. All or nothing, creations included.

cp "$FIX/answers/bulk.csv" "$FIX/answers/beta.csv" "$FIX/answers/gamma.csv" .

# Unknown names and no --model: exit 2, nothing created.
run import --bulk bulk.csv
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: no assessment 'beta': bulk import needs --model to create assessments
EOF
run list
expect_stderr <<'EOF'
srmgap: no assessments yet (create one with 'srmgap new NAME --model ID')
EOF

# With --model: both created, every row imported.
run import --bulk bulk.csv --model mini "${CATALOG[@]}"
expect_exit 0
expect_stderr_empty
expect_stdout <<'EOF'
imported 15 rows from 'bulk.csv': 15 new, 0 replaced, 0 unchanged, 0 empty; 2 assessments, 2 created
EOF

# Again: nothing new, nothing created.
run import --bulk bulk.csv -m mini "${CATALOG[@]}"
expect_exit 0
expect_stdout <<'EOF'
imported 15 rows from 'bulk.csv': 0 new, 0 replaced, 15 unchanged, 0 empty; 2 assessments, 0 created
EOF

# The assessments created by bulk import score exactly like ones created
# with `new` and imported one by one.
run score beta --as-of 2025-03-01 --format csv
cp "$CAP/stdout" bulk-beta.csv
run score gamma --as-of 2025-03-01 --format csv
cp "$CAP/stdout" bulk-gamma.csv
run --db single.db new beta --model mini "${CATALOG[@]}"
run --db single.db import beta beta.csv
run --db single.db new gamma --model mini "${CATALOG[@]}"
run --db single.db import gamma gamma.csv
run --db single.db score beta --as-of 2025-03-01 --format csv
expect_file_same bulk-beta.csv "$CAP/stdout"
run --db single.db score gamma --as-of 2025-03-01 --format csv
expect_file_same bulk-gamma.csv "$CAP/stdout"

# Existing assessments keep their model; --model is only for new names.
# Here 'q' exists on the quick questionnaire, which has no A-2.1.
run new q --model mini --questionnaire quick "${CATALOG[@]}"
expect_exit 0
db_dump srmgap.db >before.sql
printf 'assessment,question,answer\nq,A-1.1,yes\nq,A-2.1,yes\nnew1,A-2.1,yes\n' >mixed.csv
run import --bulk mixed.csv --model mini "${CATALOG[@]}"
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
mixed.csv:3:2: unknown question 'A-2.1' in model 'mini'
srmgap: 1 error in 'mixed.csv'; nothing was imported
EOF
# ... and nothing was created or imported, new1 included.
db_dump srmgap.db >after.sql
expect_file_same before.sql after.sql

printf 'assessment,question,answer\nq,A-1.1,yes\nnew1,A-2.1,yes\nnew2,D-2.2,no\n' >mixed-ok.csv
run import --bulk mixed-ok.csv --model mini "${CATALOG[@]}"
expect_exit 0
expect_stdout <<'EOF'
imported 3 rows from 'mixed-ok.csv': 3 new, 0 replaced, 0 unchanged, 0 empty; 3 assessments, 2 created
EOF

# --questionnaire with --bulk: created on that variant.
printf 'assessment,question,answer\nq2,A-1.1,no\nq2,D-2.2,yes\n' >quick.csv
run import --bulk quick.csv --model mini --questionnaire quick "${CATALOG[@]}"
expect_exit 0
expect_stdout_contains "; 1 assessment, 1 created"
run report q2 --as-of 2025-03-01
expect_stdout_contains "(mini, questionnaire quick)"
expect_stdout_contains "Answered:     2 of 2 questions"

# Bad bulk files, each rejected with the database unchanged.
db_dump srmgap.db >before.sql

printf 'question,answer\nA-1.1,yes\n' >no-assessment-column.csv
run import --bulk no-assessment-column.csv --model mini "${CATALOG[@]}"
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
no-assessment-column.csv:1:1: missing required column 'assessment' (needed by --bulk)
srmgap: 1 error in 'no-assessment-column.csv'; nothing was imported
EOF

printf 'assessment,question,answer\nbeta,A-1.1,yes\n,A-1.1,yes\n' >empty-name.csv
run import --bulk empty-name.csv
expect_exit 2
expect_stderr <<'EOF'
empty-name.csv:3:1: empty assessment name
srmgap: 1 error in 'empty-name.csv'; nothing was imported
EOF

long=$(printf '%0129d' 0)
printf 'assessment,question,answer\n%s,A-1.1,yes\n' "$long" >long-name.csv
run import --bulk long-name.csv --model mini "${CATALOG[@]}"
expect_exit 2
expect_stderr <<EOF
long-name.csv:2:1: invalid assessment name '$(printf '%064d' 0)' (1 to 128 characters, no tabs, line breaks or other control characters)
srmgap: 1 error in 'long-name.csv'; nothing was imported
EOF

# The same question twice for one assessment is an error; for two
# assessments it is not.
printf 'assessment,question,answer\nbeta,A-1.1,yes\ngamma,A-1.1,yes\nbeta,A-1.1,no\n' >dup.csv
run import --bulk dup.csv
expect_exit 2
expect_stderr <<'EOF'
dup.csv:4:2: duplicate answer to 'A-1.1' for 'beta' (answered above in this file)
srmgap: 1 error in 'dup.csv'; nothing was imported
EOF

# Invalid values in rows of different assessments are all listed.
printf 'assessment,question,answer\nbeta,A-1.1,maybe\ngamma,D-2.1,lots\nbeta,D-2.1,1\n' >bad-values.csv
run import --bulk bad-values.csv
expect_exit 2
expect_stderr <<'EOF'
bad-values.csv:2:3: A-1.1: invalid answer 'maybe' (expected yes/no/na)
bad-values.csv:3:3: D-2.1: invalid answer 'lots' (expected a number, 1 to 30 to count as met)
srmgap: 2 errors in 'bad-values.csv'; nothing was imported
EOF

# An unknown --model.
run import --bulk bulk.csv --model nope "${CATALOG[@]}"
expect_exit 2
expect_stderr <<'EOF'
srmgap: unknown model 'nope' (see 'srmgap models')
EOF

# --bulk with a positional argument as well.
run import beta --bulk bulk.csv
expect_exit 2
expect_stderr <<'EOF'
srmgap: import: expected NAME FILE.csv, or --bulk FILE.csv --model ID
EOF

db_dump srmgap.db >after.sql
expect_file_same before.sql after.sql

# Many assessments, their rows interleaved.
{
	echo assessment,question,answer
	for q in A-1.1 D-2.2 D-3.1; do
		for n in n1 n2 n3 n4 n5 n6 n7 n8 n9; do
			echo "$n,$q,yes"
		done
	done
} >interleaved.csv
run --db many.db import --bulk interleaved.csv --model mini "${CATALOG[@]}"
expect_exit 0
expect_stdout <<'EOF'
imported 27 rows from 'interleaved.csv': 27 new, 0 replaced, 0 unchanged, 0 empty; 9 assessments, 9 created
EOF
check "every assessment has its 3 answers" test "$(sqlite3 many.db \
	"SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM answer_list GROUP BY assessment)")" \
	= "3 3 3 3 3 3 3 3 3"
# Each: A-1 (1.1 yes, 1.2 missing) = 0.5, D-2 = 1*1/(3+1) = 0.25,
# D-3 = 1; overall (2 + 0.5 + 1)/(4+5+2+3+2+1) = 3.5/17 = 0.205882.
run --db many.db score --all --format csv --as-of 2025-03-01
expect_stdout_contains "n9,mini,0.205882,6,5,1,3,13"
