# The command line itself: --version, --help everywhere, unknown commands
# and options, missing arguments. Usage errors exit 2 and say why.

run --version
expect_exit 0
expect_stdout <<'EOF'
srmgap 0.1.0
EOF
expect_stderr_empty

for h in --help -h; do
	run $h
	expect_exit 0
	expect_stdout <<'EOF'
usage: srmgap [--db FILE] [--catalog DIR] [--actor WHO] <command> [<args>]
       srmgap --version

Commands:
  models     list the responsibility models on the catalog path
  validate   check model folders and questionnaires
  scenarios  who is responsible when something happens
  new        create an assessment on a model
  import     import answers from CSV
  run        answer the questionnaire at a terminal
  list       list assessments with progress and score
  score      overall and per-area scores
  report     the gap report
  checklist  the auditor's checklist of customer controls
  review     record an auditor's verdict on controls
  signoff    sign an assessment off (freezes it)
  reopen     reopen a signed-off assessment, with a reason
  log        the trail of every change
  verify     check the trail against the database
  diff       compare two assessments

'srmgap <command> --help' describes a command.
EOF
	expect_stderr_empty
done

# No command: the usage goes to stderr, exit 2.
run
expect_exit 2
expect_stdout_empty
expect_stderr_contains "usage: srmgap [--db FILE] [--catalog DIR] [--actor WHO] <command> [<args>]"

# --help on every command: exit 0, usage on stdout, nothing on stderr,
# the common options listed, and no database created by asking for help.
for cmd in models validate scenarios new import run list score report checklist \
	review signoff reopen log verify diff; do
	for h in --help -h; do
		run "$cmd" $h
		expect_exit 0
		check "'$cmd $h' starts with its usage line" \
			grep -q "^usage: srmgap $cmd" "$CAP/stdout"
		expect_stdout_contains "      --db FILE                  database (default \$SRMGAP_DB, else ./srmgap.db)"
		expect_stdout_contains "  -h, --help                     show this help"
		expect_stderr_empty
	done
done
expect_no_file srmgap.db

# Help wins even after other arguments.
run report acme --format csv --help
expect_exit 0
expect_stdout_contains "--fail-under PCT"

# The per-command help text, exactly, for one command.
run score --help
expect_exit 0
expect_stdout <<'EOF'
usage: srmgap score NAME | --all [--format text|csv] [--as-of YYYY-MM-DD]

Print the overall score and the score of each responsibility area.

Options:
  -a, --all                      every assessment, one row each (the portfolio)
  -f, --format FMT               text (default) or csv
      --as-of YYYY-MM-DD         date that evidence age is measured from (default today)
      --db FILE                  database (default $SRMGAP_DB, else ./srmgap.db)
      --catalog DIR              catalog folder(s), ':'-separated, searched first
      --actor WHO                who changes are recorded as (default $SRMGAP_ACTOR, else the login name)
  -h, --help                     show this help
EOF

# Every option the synopsis of a command names is in its option list.
for cmd in models validate scenarios new import run list score report checklist \
	review signoff reopen log verify diff; do
	run "$cmd" --help
	for opt in $(sed -n '1s/^usage: //p' "$CAP/stdout" | grep -o -- '--[a-z-]*'); do
		check "'$cmd --help' lists $opt" grep -q -- " $opt\\b" "$CAP/stdout"
	done
done

# Unknown command.
run frobnicate
expect_exit 2
expect_stdout_empty
expect_stderr_contains "srmgap: unknown command 'frobnicate'"

# Unknown global option.
run --bogus list
expect_exit 2
expect_stdout_empty
expect_stderr_contains "srmgap: unknown option '--bogus'"

# Unknown option of a command.
run models --bogus
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: models: unknown option '--bogus'
usage: srmgap models [--catalog DIR]
Try 'srmgap models --help' for more.
EOF

run score -x
expect_exit 2
expect_stderr <<'EOF'
srmgap: score: unknown option '-x'
usage: srmgap score NAME | --all [--format text|csv] [--as-of YYYY-MM-DD]
Try 'srmgap score --help' for more.
EOF

# An option that needs a value, given none.
run report acme --format
expect_exit 2
expect_stderr_contains "srmgap: report: option '--format' needs a value"

# Too many arguments.
run models extra
expect_exit 2
expect_stderr_contains "srmgap: models: unexpected argument 'extra'"

run list extra
expect_exit 2
expect_stderr_contains "srmgap: list: unexpected argument 'extra'"

# Missing arguments.
run report
expect_exit 2
expect_stdout_empty
expect_stderr_contains "srmgap: report: give an assessment NAME or --all"

run new
expect_exit 2
expect_stderr_contains "srmgap: new: missing argument"

run validate
expect_exit 2
expect_stderr_contains "srmgap: validate: missing argument"

run import acme
expect_exit 2
expect_stderr <<'EOF'
srmgap: import: expected NAME FILE.csv, or --bulk FILE.csv --model ID
EOF

run score
expect_exit 2
expect_stderr <<'EOF'
srmgap: score: give an assessment NAME or --all
EOF

run score acme --all
expect_exit 2
expect_stderr <<'EOF'
srmgap: score: give an assessment NAME or --all
EOF

# Bad option values.
run score acme --format xml
expect_exit 2
expect_stderr <<'EOF'
srmgap: score: unknown format 'xml' (expected text or csv)
EOF

run report acme --format pdf
expect_exit 2
expect_stderr <<'EOF'
srmgap: report: unknown format 'pdf' (expected text, csv, html, markdown, json or xlsx)
EOF

for d in 2025-02-30 2025-13-01 25-01-01 yesterday; do
	run score acme --as-of "$d"
	expect_exit 2
	expect_stderr <<EOF
srmgap: --as-of: invalid date '$d' (expected YYYY-MM-DD)
EOF
done

for p in 101 -1 abc 50%% 5x; do
	run report acme --fail-under "$p"
	expect_exit 2
	expect_stderr <<EOF
srmgap: report: --fail-under takes a percentage from 0 to 100, not '$p'
EOF
done

# None of these usage errors created a database.
expect_no_file srmgap.db

# "--" ends the options: a name may start with '-', and what follows is
# never read as an option.
run new --model mini "${CATALOG[@]}" -- -q3
expect_exit 0
run report --as-of 2025-03-01 --format csv -- -q3
expect_exit 0
expect_stdout_contains "'-q3,mini,"
run report -- -q3 --format csv
expect_exit 2
expect_stderr_contains "srmgap: report: unexpected argument '--format'"
