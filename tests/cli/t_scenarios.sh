# srmgap scenarios: the scenario table, all of it or filtered by words
# (every word must occur, case-insensitively, in the scenario, either
# duty or the responsible party's name); --model is required.

run scenarios --model mini "${CATALOG[@]}"
expect_exit 0
expect_stderr_empty
expect_stdout <<'EOF'
A data centre loses power
  responsible: Cloud Co
  provider:    Fail over to another site.

A user account is phished
  responsible: Shared
  provider:    Offer MFA and alert on unusual sign-ins.
  customer:    Enforce MFA and revoke the account's sessions.

A file is deleted by mistake
  responsible: Customer
  customer:    Restore it from the customer's own backup.
EOF

# One word, matched in a duty, case-insensitively.
run scenarios -m mini "${CATALOG[@]}" mfa
expect_exit 0
expect_stdout <<'EOF'
A user account is phished
  responsible: Shared
  provider:    Offer MFA and alert on unusual sign-ins.
  customer:    Enforce MFA and revoke the account's sessions.
EOF

# Several words: all must occur; the party name counts ("Cloud Co").
run scenarios -m mini "${CATALOG[@]}" CLOUD power
expect_exit 0
expect_stdout <<'EOF'
A data centre loses power
  responsible: Cloud Co
  provider:    Fail over to another site.
EOF

# Words that occur in different scenarios match none.
run scenarios -m mini "${CATALOG[@]}" power phished
expect_exit 0
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: no scenario matches
EOF

run scenarios -m mini "${CATALOG[@]}" zebra
expect_exit 0
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: no scenario matches
EOF

# A bundled model.
run scenarios --model atlassian-cloud accident
expect_exit 0
expect_stdout <<'EOF'
A user deletes data by accident
  responsible: Shared
  provider:    Build and supply features that help customers safeguard their
               content.
  customer:    Keep backups from which the lost items can be restored.
EOF

# A model without scenarios.csv.
cp -R "$FIX/catalog" cat
rm cat/controls/mini/scenarios.csv
run scenarios --model mini --catalog cat
expect_exit 0
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: model 'mini' has no scenarios
EOF

# --model is required; an unknown model is an error.
run scenarios "${CATALOG[@]}" power
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: scenarios: --model ID is required
EOF

run scenarios --model nope "${CATALOG[@]}"
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: unknown model 'nope' (see 'srmgap models')
EOF

# An invalid model is reported with its problems.
cp -R "$FIX/bad/unknown-area/." cat/
run scenarios --model mini --catalog cat
expect_exit 2
expect_stdout_empty
# (The catalog folder is named by its real path.)
expect_stderr <<EOF
$(pwd -P)/cat/controls/mini/controls.csv:5:2: unknown area 'dta'
srmgap: model 'mini' is invalid
EOF

# Scenarios belong to the model: a model without a questionnaire has them.
cp -R "$FIX/catalog" noq
rm noq/questionnaires/mini*.csv
run scenarios --model mini --catalog noq
expect_exit 0
check "scenarios listed without a questionnaire" grep -q "responsible:" "$CAP/stdout"
# Every line fits 80 columns.
run scenarios --model cloudbees-unify
check "scenario lines fit 80 columns" awk 'length($0) > 80 { exit 1 }' "$CAP/stdout"
