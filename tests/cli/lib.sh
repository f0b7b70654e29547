# Helpers for the srmgap CLI tests, sourced by tests/cli/run before each
# tests/cli/t_*.sh. A test file is a plain list of commands: `run` the
# binary, then assert on what it did with the expect_* functions. Every
# expect_* call is one check; a failed check records a description (and a
# diff) in $CAP/failures and the test goes on, so one run shows every
# failure. At exit the counts go to $CAP/counts for the runner.
#
# Environment (set by the runner): SRMGAP (absolute path of the binary),
# FIX (tests/fixtures/cli), ROOT (repository root), CAP (a private folder
# for captured output, outside the working directory).

CHECKS=0
FAILED=0
SNAPSHOT=
STATUS=
CMD=

# The fixture catalog, to pass as "${CATALOG[@]}".
CATALOG=(--catalog "$FIX/catalog")

_lib_finish() {
	printf '%s %s\n' "$CHECKS" "$FAILED" >"$CAP/counts"
}
trap _lib_finish EXIT

# Line of the test file that called into this library.
_where() {
	local i
	for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
		if [[ ${BASH_SOURCE[$i]} != */lib.sh ]]; then
			printf '%s:%s' "${BASH_SOURCE[$i]##*/}" "${BASH_LINENO[$((i - 1))]}"
			return
		fi
	done
	printf '?'
}

_pass() {
	CHECKS=$((CHECKS + 1))
}

# _fail WHAT [DETAILS-FILE]
_fail() {
	CHECKS=$((CHECKS + 1))
	FAILED=$((FAILED + 1))
	{
		printf '%s: %s\n' "$(_where)" "$1"
		[[ -n $CMD ]] && printf '    after: %s\n' "$CMD"
		if [[ $# -gt 1 && -s $2 ]]; then
			sed 's/\r/\\r/g; s/^/    | /' "$2"
		fi
	} >>"$CAP/failures"
}

# Exact comparison of two files; the diff is shown on failure.
_compare() { # WHAT EXPECTED ACTUAL
	if cmp -s "$2" "$3"; then
		_pass
	else
		diff -u --label expected --label actual "$2" "$3" >"$CAP/diff"
		_fail "$1 differs (CR shown as \\r)" "$CAP/diff"
	fi
}

_quote_cmd() {
	local out= a
	for a in "$@"; do
		if [[ $a =~ ^[A-Za-z0-9_./:=@%+-]+$ ]]; then
			out+=" $a"
		else
			out+=" $(printf '%q' "$a")"
		fi
	done
	printf 'srmgap%s' "$out"
}

# run ARGS...: run $SRMGAP with ARGS, stdin from /dev/null; capture
# stdout, stderr and the exit code ($STATUS).
run() {
	CMD=$(_quote_cmd "$@")
	"$SRMGAP" "$@" </dev/null >"$CAP/stdout" 2>"$CAP/stderr"
	STATUS=$?
}

# run_stdin FILE ARGS...: the same with FILE on standard input.
run_stdin() {
	local in=$1
	shift
	CMD="$(_quote_cmd "$@") < $in"
	"$SRMGAP" "$@" <"$in" >"$CAP/stdout" 2>"$CAP/stderr"
	STATUS=$?
}

# The captured output of the last run, for tests that need to look.
stdout() { cat "$CAP/stdout"; }
stderr() { cat "$CAP/stderr"; }

expect_exit() { # N
	if [[ $STATUS == "$1" ]]; then
		_pass
	else
		{
			printf 'stdout:\n'
			head -c 2000 "$CAP/stdout"
			printf 'stderr:\n'
			head -c 2000 "$CAP/stderr"
		} >"$CAP/detail"
		_fail "exit status $STATUS, expected $1" "$CAP/detail"
	fi
}

# expect_stdout <<'EOF' ... EOF: stdout is exactly the text given.
expect_stdout() {
	cat >"$CAP/expected"
	_compare stdout "$CAP/expected" "$CAP/stdout"
}

# The same for CSV output: every line of the text given must end in CRLF.
expect_stdout_crlf() {
	sed 's/$/\r/' >"$CAP/expected"
	_compare stdout "$CAP/expected" "$CAP/stdout"
}

expect_stderr() {
	cat >"$CAP/expected"
	_compare stderr "$CAP/expected" "$CAP/stderr"
}

expect_stdout_empty() {
	: >"$CAP/expected"
	_compare stdout "$CAP/expected" "$CAP/stdout"
}

expect_stderr_empty() {
	: >"$CAP/expected"
	_compare stderr "$CAP/expected" "$CAP/stderr"
}

# expect_stdout_contains TEXT / expect_stderr_contains TEXT: fixed
# string, anywhere in the output.
expect_stdout_contains() {
	if grep -qF -- "$1" "$CAP/stdout"; then
		_pass
	else
		_fail "stdout does not contain '$1'" "$CAP/stdout"
	fi
}

expect_stderr_contains() {
	if grep -qF -- "$1" "$CAP/stderr"; then
		_pass
	else
		_fail "stderr does not contain '$1'" "$CAP/stderr"
	fi
}

expect_stderr_lacks() {
	if grep -qF -- "$1" "$CAP/stderr"; then
		_fail "stderr contains '$1'" "$CAP/stderr"
	else
		_pass
	fi
}

# expect_file_same EXPECTED ACTUAL: two files with the same bytes.
expect_file_same() {
	if [[ ! -f $2 ]]; then
		_fail "file '$2' does not exist"
		return
	fi
	_compare "file '$2'" "$1" "$2"
}

# expect_file FILE <<'EOF' ... EOF: FILE holds exactly the text given.
expect_file() {
	cat >"$CAP/expected"
	if [[ ! -f $1 ]]; then
		_fail "file '$1' does not exist"
		return
	fi
	_compare "file '$1'" "$CAP/expected" "$1"
}

expect_file_crlf() {
	sed 's/$/\r/' >"$CAP/expected"
	if [[ ! -f $1 ]]; then
		_fail "file '$1' does not exist"
		return
	fi
	_compare "file '$1'" "$CAP/expected" "$1"
}

expect_no_file() {
	if [[ -e $1 ]]; then
		_fail "'$1' exists and should not"
	else
		_pass
	fi
}

# check WHAT COMMAND...: one check that COMMAND succeeds.
check() {
	local what=$1
	shift
	if "$@" >"$CAP/detail" 2>&1; then
		_pass
	else
		_fail "$what" "$CAP/detail"
	fi
}

# filter_stdout SED-SCRIPT: rewrite the captured stdout (for parts that
# cannot be known in advance, such as the catalog's absolute path).
filter_stdout() {
	sed -e "$1" "$CAP/stdout" >"$CAP/filtered" && mv "$CAP/filtered" "$CAP/stdout"
}

filter_stderr() {
	sed -e "$1" "$CAP/stderr" >"$CAP/filtered" && mv "$CAP/filtered" "$CAP/stderr"
}

# db_dump FILE: the whole database as SQL, to compare before and after.
db_dump() {
	sqlite3 "$1" .dump
}

# setup NAME ANSWERS [NEW-ARGS...]: create assessment NAME on the fixture
# model mini (in ./srmgap.db) and import ANSWERS (a file under
# $FIX/answers, copied here so messages name it briefly). One check.
# $SNAPSHOT is left holding the 12-digit snapshot hash `new` printed.
setup() {
	local name=$1 answers=$2
	shift 2
	cp "$FIX/answers/$answers" "./$answers"
	run new "$name" --model mini "${CATALOG[@]}" "$@"
	if [[ $STATUS != 0 ]]; then
		_fail "setup: 'new $name' exited $STATUS" "$CAP/stderr"
		return
	fi
	SNAPSHOT=$(snapshot_of_last_new)
	run import "$name" "$answers"
	if [[ $STATUS != 0 ]]; then
		_fail "setup: 'import $name $answers' exited $STATUS" "$CAP/stderr"
		return
	fi
	_pass
}

# The 12 hex digits of the snapshot hash that `new` printed last.
snapshot_of_last_new() {
	sed -n 's/.*snapshot \([0-9a-f]\{12\}\))$/\1/p' "$CAP/stdout"
}

# expect_stdout_match ERE / expect_stderr_match ERE: some line matches.
expect_stdout_match() {
	if grep -Eq -- "$1" "$CAP/stdout"; then
		_pass
	else
		_fail "no line of stdout matches /$1/" "$CAP/stdout"
	fi
}

expect_stderr_match() {
	if grep -Eq -- "$1" "$CAP/stderr"; then
		_pass
	else
		_fail "no line of stderr matches /$1/" "$CAP/stderr"
	fi
}
