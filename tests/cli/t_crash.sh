# A kill in the middle of a write leaves the database consistent and
# exactly as it was before that write: SQLite's transaction (WAL) either
# holds the whole import or none of it. The import is killed at several
# moments; each time the database must pass SQLite's own integrity and
# foreign key checks and hold either all of the file or none of it.

run new keep --model mini "${CATALOG[@]}"
cp "$FIX/answers/acme.csv" .
run import keep acme.csv
expect_exit 0

# 60,000 assessments x 5 answers: long enough to be killed part way.
awk 'BEGIN {
	print "assessment,question,answer,evidence,note"
	for (i = 0; i < 60000; i++) {
		a = sprintf("bulk-%05d", i)
		print a ",A-1.1,yes,SEC-" i ",enforced"
		print a ",A-2.1,partial,review " i ","
		print a ",A-3.1,strong,,"
		print a ",D-2.1," (i % 40) ",,"
		print a ",D-2.2,no,,\"offsite, soon\""
	}
}' >big.csv

db_dump srmgap.db >before.sql
for delay in 0.05 0.2 0.4 0.8; do
	"$SRMGAP" --catalog "$FIX/catalog" import --bulk big.csv --model mini \
		>/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	status=$?
	check "integrity after a kill at ${delay}s" \
		test "$(sqlite3 srmgap.db 'PRAGMA integrity_check')" = ok
	check "foreign keys after a kill at ${delay}s" \
		test -z "$(sqlite3 srmgap.db 'PRAGMA foreign_key_check')"
	n=$(sqlite3 srmgap.db "SELECT count(*) FROM assessments")
	if [ "$status" -eq 0 ]; then
		# The import finished before the kill: all of it is there.
		check "complete import kept" test "$n" = 60001
		check "all answers kept" test "$(sqlite3 srmgap.db \
			"SELECT count(*) FROM answers")" = 300009
		break
	fi
	db_dump srmgap.db >after.sql
	expect_file_same before.sql after.sql
done

# The database still takes writes after the kills.
run import --bulk big.csv --model mini "${CATALOG[@]}"
expect_exit 0
check "every bulk answer stored" test "$(sqlite3 srmgap.db \
	"SELECT count(*) FROM answers")" = 300009
check "no dangling references after a bulk import" \
	test -z "$(sqlite3 srmgap.db 'PRAGMA foreign_key_check')"
