# Colour: only on a terminal, never with NO_COLOR set, never in CSV or
# in a file written with -o. A terminal is made with script(1); without
# it this file checks only the no-terminal case.

setup acme acme.csv

esc=$'\033['
run report acme --as-of 2025-03-01
check "no colour without a terminal" bash -c "! grep -qF \$'\\033[' '$CAP/stdout'"

if command -v script >/dev/null 2>&1; then
	# on_tty NO_COLOR-VALUE ARGS...: run on a pseudo-terminal.
	on_tty() {
		local nc=$1
		shift
		CMD="(on a terminal, NO_COLOR='$nc') $(_quote_cmd "$@")"
		env NO_COLOR="$nc" script -qec "$(printf '%q ' "$SRMGAP" "$@")" /dev/null \
			</dev/null >"$CAP/stdout" 2>"$CAP/stderr"
		STATUS=$?
	}
	on_tty "" report acme --as-of 2025-03-01
	expect_exit 0
	expect_stdout_contains "${esc}1msrmgap gap report: acme${esc}0m"
	expect_stdout_contains "${esc}33mpartial${esc}0m"
	expect_stdout_contains "${esc}31munanswered${esc}0m"
	on_tty "" score acme --as-of 2025-03-01
	expect_stdout_contains "${esc}1mOverall score: 54.7%${esc}0m"
	on_tty 1 report acme --as-of 2025-03-01
	expect_exit 0
	check "no colour with NO_COLOR=1 on a terminal" bash -c "! grep -qF \$'\\033[' '$CAP/stdout'"
	on_tty "" report acme --as-of 2025-03-01 --format csv
	check "no colour in CSV on a terminal" bash -c "! grep -qF \$'\\033[' '$CAP/stdout'"
	on_tty "" report acme --as-of 2025-03-01 -o r.txt
	expect_exit 0
	check "no colour in a report written with -o" bash -c "! grep -qF \$'\\033[' r.txt"
	check "the report file is there" test -s r.txt
fi
