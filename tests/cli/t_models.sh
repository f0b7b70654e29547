# srmgap models: the bundled models, a --catalog folder searched first,
# $SRMGAP_CATALOG, and a --catalog that does not exist.

# The bundled catalog (the source tree, or the installed share folder).
# Only the model lines are checked: the bundled catalogs may grow.
run models
expect_exit 0
expect_stderr_empty
expect_stdout_match '^atlassian-cloud  \(/.*/controls/atlassian-cloud\)$'
expect_stdout_match '^cloudbees-unify  \(/.*/controls/cloudbees-unify\)$'
expect_stdout_contains "  Atlassian Cloud, version "
expect_stdout_contains "  CloudBees Unify on AWS, version "
check "the bundled models are listed by id" test \
	"$(grep -o '^[a-z][a-z0-9-]*  (' "$CAP/stdout" | tr -d ' (' | tr '\n' ' ')" \
	= "atlassian-cloud cloudbees-unify "
check "the fixture model is not on the default path" \
	bash -c "! grep -q '^mini ' '$CAP/stdout'"

# With the fixture catalog: mini is listed after the bundled models
# (sorted by id), from the folder given, with its parties, areas, control
# counts (8, 6 of them customer or shared), scenarios and questionnaires.
fixdir=$(cd "$FIX/catalog" && pwd -P)
run models "${CATALOG[@]}"
expect_exit 0
expect_stderr_empty
check "models are sorted by id" test \
	"$(grep -o '^[a-z][a-z0-9-]*  (' "$CAP/stdout" | tr -d ' (' | tr '\n' ' ')" \
	= "atlassian-cloud cloudbees-unify mini "
sed -n '/^mini  (/,$p' "$CAP/stdout" >mini.txt
expect_file mini.txt <<EOF
mini  ($fixdir/controls/mini)
  Mini, version 1.0
  parties:  cloud (provider), customer (customer)
  areas:    3
  controls: 8 (6 customer or shared)
  scenarios: 3
  questionnaire (default)  13 questions
  questionnaire quick      2 questions
EOF

# The global form of --catalog works the same.
run --catalog "$FIX/catalog" models
expect_exit 0
expect_stdout_contains "mini  ($fixdir/controls/mini)"

# $SRMGAP_CATALOG is on the path too.
CMD="SRMGAP_CATALOG=\$FIX/catalog srmgap models"
SRMGAP_CATALOG="$FIX/catalog" "$SRMGAP" models >"$CAP/stdout" 2>"$CAP/stderr"
STATUS=$?
expect_exit 0
expect_stdout_contains "mini  ($fixdir/controls/mini)"

# A catalog folder that comes first overrides a bundled model of the same
# id: a copy of mini named atlassian-cloud wins over the bundled one.
mkdir -p over/controls over/questionnaires
cp -R "$FIX/catalog/controls/mini" over/controls/atlassian-cloud
cp "$FIX/catalog/questionnaires/mini.csv" over/questionnaires/atlassian-cloud.csv
overdir=$(cd over && pwd -P)
run models --catalog over
expect_exit 0
check "the --catalog copy of atlassian-cloud wins" \
	grep -qxF "atlassian-cloud  ($overdir/controls/atlassian-cloud)" "$CAP/stdout"
check "the bundled atlassian-cloud is not listed as well" \
	test "$(grep -c '^atlassian-cloud ' "$CAP/stdout")" = 1
expect_stdout_contains "  Mini, version 1.0"

# A --catalog folder that does not exist.
run models --catalog no-such-folder
expect_exit 2
expect_stderr <<'EOF'
srmgap: no catalog folder 'no-such-folder'
EOF

# Invalid models are listed as such, not hidden; exit 0.
cp -R "$FIX/catalog" cat
cp -R "$FIX/bad/bad-options/." cat/
catdir=$(cd cat && pwd -P)
run models --catalog cat
expect_exit 0
sed -n '/^mini  (/,$p' "$CAP/stdout" >mini.txt
expect_file mini.txt <<EOF
mini  ($catdir/controls/mini)
  Mini, version 1.0
  parties:  cloud (provider), customer (customer)
  areas:    3
  controls: 8 (6 customer or shared)
  scenarios: 3
  questionnaire (default)  invalid
  questionnaire quick      2 questions
EOF
cp -R "$FIX/bad/unknown-area/." cat/
run models --catalog cat
expect_exit 0
sed -n '/^mini  (/,$p' "$CAP/stdout" >mini.txt
expect_file mini.txt <<EOF
mini  ($catdir/controls/mini)
  invalid: model 'mini' is invalid (run 'srmgap validate $catdir/controls/mini')
EOF
