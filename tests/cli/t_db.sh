# Where the database is: --db FILE (before or after the command), else
# $SRMGAP_DB, else ./srmgap.db. A database of a newer schema is refused
# and left alone.

# run_env VAR=VALUE ARGS...: run with one extra environment variable.
run_env() {
	local assignment=$1
	shift
	CMD="$assignment $(_quote_cmd "$@")"
	env "$assignment" "$SRMGAP" "$@" </dev/null >"$CAP/stdout" 2>"$CAP/stderr"
	STATUS=$?
}

cp "$FIX/answers/acme.csv" .

# --db after the command.
run new a --model mini "${CATALOG[@]}" --db one.db
expect_exit 0
check "--db one.db created one.db" test -f one.db
expect_no_file srmgap.db
# --db before the command, and --db=FILE.
run --db one.db import a acme.csv
expect_exit 0
run --db=one.db list
expect_exit 0
expect_stdout_contains "a                            mini                      9/13"

# $SRMGAP_DB.
run_env SRMGAP_DB=env.db new b --model mini "${CATALOG[@]}"
expect_exit 0
check "\$SRMGAP_DB=env.db created env.db" test -f env.db
expect_no_file srmgap.db
run_env SRMGAP_DB=env.db list
expect_stdout_contains "b                            mini                      0/13"
check "b is only in env.db" test "$(sqlite3 one.db "SELECT count(*) FROM assessments WHERE name = 'b'")" = 0

# --db wins over $SRMGAP_DB.
run_env SRMGAP_DB=env.db --db one.db list
expect_stdout_contains "a                            mini"
check "--db wins over \$SRMGAP_DB" test "$(grep -c '^b ' "$CAP/stdout")" = 0
run_env SRMGAP_DB=env.db report a --db one.db --as-of 2025-03-01 --format csv
expect_exit 0

# Neither: ./srmgap.db; an empty $SRMGAP_DB counts as unset.
run new c --model mini "${CATALOG[@]}"
expect_exit 0
check "the default database is ./srmgap.db" test -f srmgap.db
run_env SRMGAP_DB= list
expect_stdout_contains "c                            mini"

# The same assessment name in two databases is two assessments.
run --db two.db new a --model mini "${CATALOG[@]}"
expect_exit 0
run --db two.db score a --as-of 2025-03-01 -f csv
expect_stdout_contains "a,overall,Overall,0.000000,0,0,0,5,1"
run --db one.db score a --as-of 2025-03-01 -f csv
expect_stdout_contains "a,overall,Overall,0.546875,1,2,1,1,1"

# A database that cannot be created: exit 1.
run --db no-such-dir/x.db new a --model mini "${CATALOG[@]}"
expect_exit 1
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: cannot open database 'no-such-dir/x.db': unable to open database file
EOF
# Reading a database that is not there is a usage error, and creates none.
run --db no-such-dir/x.db list
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: no database 'no-such-dir/x.db' (create an assessment with 'srmgap new', or name one with --db)
EOF

# A file that is not a database.
echo "not a database" >junk.db
cp junk.db junk-copy.db
run --db junk.db list
expect_exit 1
expect_stderr_contains "srmgap: "
expect_file_same junk-copy.db junk.db

# The schema version this srmgap writes (include/srmgap/store.h).
schema=$(sed -n 's/^#define SRMGAP_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$ROOT/include/srmgap/store.h")
check "SRMGAP_SCHEMA_VERSION found in store.h" test -n "$schema"

# A database from a newer srmgap: refused, unchanged.
cp one.db newer.db
sqlite3 newer.db "PRAGMA user_version = 99"
db_dump newer.db >before.sql
run --db newer.db list
expect_exit 1
expect_stdout_empty
expect_stderr <<EOF
srmgap: the database has schema version 99, newer than this srmgap knows ($schema); upgrade srmgap
EOF
run --db newer.db import a acme.csv
expect_exit 1
db_dump newer.db >after.sql
expect_file_same before.sql after.sql
check "the schema version is still 99" test "$(sqlite3 newer.db 'PRAGMA user_version')" = 99

# The schema of a new database has the current version.
check "a new database has schema version $schema" test "$(sqlite3 one.db 'PRAGMA user_version')" = "$schema"
