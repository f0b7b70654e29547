# srmgap new: creating assessments on a snapshot of a catalog model.

run new acme --model mini "${CATALOG[@]}"
expect_exit 0
expect_stderr_empty
expect_stdout_match "^created assessment 'acme' on mini 1\\.0 \\(13 questions, snapshot [0-9a-f]{12}\\)$"
hash1=$(snapshot_of_last_new)
check "the database is created in the working directory" test -f srmgap.db

# Same model, same content: same snapshot hash.
run new beta -m mini "${CATALOG[@]}" --org "Beta plc" --assessor "A. N. Other"
expect_exit 0
expect_stdout <<EOF
created assessment 'beta' on mini 1.0 (13 questions, snapshot $hash1)
EOF

# Options may come before the name.
run new --model mini "${CATALOG[@]}" gamma
expect_exit 0
expect_stdout_contains "created assessment 'gamma' on mini 1.0"

# Another questionnaire: another snapshot.
run new q --model mini --questionnaire quick "${CATALOG[@]}"
expect_exit 0
expect_stdout_match "^created assessment 'q' on mini 1\\.0 \\(2 questions, snapshot [0-9a-f]{12}\\)$"
hash2=$(snapshot_of_last_new)
check "the quick questionnaire has its own snapshot" test "$hash1" != "$hash2"
run report q --as-of 2025-03-01
expect_exit 0
expect_stdout_contains "Model:        Mini 1.0 (mini, questionnaire quick)"
expect_stdout_contains "Snapshot:     $hash2"
expect_stdout_contains "Answered:     0 of 2 questions"

run new q2 -m mini -q quick "${CATALOG[@]}"
expect_exit 0
expect_stdout_contains "(2 questions, snapshot $hash2)"

db_dump srmgap.db >before.sql

# A name that is taken: exit 2, nothing changed.
run new acme --model mini "${CATALOG[@]}"
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: assessment 'acme' exists already
EOF

# Unknown model.
run new delta --model nope "${CATALOG[@]}"
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: unknown model 'nope' (see 'srmgap models')
EOF

# A model id that could escape the catalog folder.
run new delta --model ../mini "${CATALOG[@]}"
expect_exit 2
expect_stderr <<'EOF'
srmgap: invalid model id '../mini'
EOF

# Missing --model.
run new delta "${CATALOG[@]}"
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: new: --model ID is required (see 'srmgap models'), or --from OLD
EOF

# Unknown questionnaire variant.
fixdir=$(cd "$FIX/catalog" && pwd -P)
run new delta --model mini --questionnaire nope "${CATALOG[@]}"
expect_exit 2
expect_stdout_empty
expect_stderr <<EOF
srmgap: model 'mini' has no questionnaire 'nope' (no file '$fixdir/questionnaires/mini.nope.csv')
EOF

# Invalid names.
run new "" --model mini "${CATALOG[@]}"
expect_exit 2
expect_stderr <<'EOF'
srmgap: invalid assessment name '' (1 to 128 characters, no tabs, line breaks or other control characters)
EOF

run new "$(printf 'a\tb')" --model mini "${CATALOG[@]}"
expect_exit 2
expect_stderr_contains "srmgap: invalid assessment name"

run new "$(printf '%0129d' 0)" --model mini "${CATALOG[@]}"
expect_exit 2
expect_stderr_contains "srmgap: invalid assessment name"

# An invalid model cannot be used.
cp -R "$FIX/catalog" cat
cp -R "$FIX/bad/bad-severity/." cat/
run new delta --model mini --catalog cat
expect_exit 2
expect_stdout_empty
expect_stderr <<EOF
$(pwd -P)/cat/controls/mini/controls.csv:6:5: invalid severity 'minor' (expected critical, high, medium or low)
srmgap: model 'mini' is invalid
EOF

db_dump srmgap.db >after.sql
expect_file_same before.sql after.sql

# A name with spaces and UTF-8 is fine, and exactly 128 characters too.
run new "Ünïcode name 2025" --model mini "${CATALOG[@]}"
expect_exit 0
run new "$(printf '%0128d' 0)" --model mini "${CATALOG[@]}"
expect_exit 0

# The snapshot: an assessment keeps the model it was created with when
# the catalog changes afterwards.
rm -rf cat
cp -R "$FIX/catalog" cat
cp "$FIX/answers/acme.csv" .
run --db snap.db new snap --model mini --catalog cat
expect_exit 0
hash3=$(snapshot_of_last_new)
check "the snapshot of a copy of the catalog has the same hash" test "$hash3" = "$hash1"
run --db snap.db import snap acme.csv
expect_exit 0
run --db snap.db score snap --as-of 2025-03-01 --format csv
cp "$CAP/stdout" score-before.csv
# Make A-2 (partial) weigh 1 instead of 5 and retitle the model.
sed -i 's/^A-2,acc,Access reviewed,customer,high,5,/A-2,acc,Access reviewed,customer,high,1,/' cat/controls/mini/controls.csv
sed -i 's/^title,Mini$/title,Mini changed/' cat/controls/mini/model.csv
run --db snap.db score snap --as-of 2025-03-01 --format csv
expect_file_same score-before.csv "$CAP/stdout"
run --db snap.db report snap --as-of 2025-03-01
expect_stdout_contains "Model:        Mini 1.0 (mini)"
expect_stdout_contains "Snapshot:     $hash1"
# A new assessment takes the changed model.
run --db snap.db new snap2 --model mini --catalog cat
expect_exit 0
hash4=$(snapshot_of_last_new)
check "a changed model has a new snapshot hash" test "$hash4" != "$hash1"
