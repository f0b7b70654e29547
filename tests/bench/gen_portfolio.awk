# Generate a bulk-import portfolio for the benchmark model: `n`
# assessments, each answering every question of qspec.tsv (written by
# gen_catalog.awk), one row per answer, grouped by assessment as an export
# from another tool would be.
#
#   awk -v n=10000 -v seed=20260630 -f gen_portfolio.awk qspec.tsv > FILE
#
# Columns: assessment,question,answer,evidence,note. Every answer is valid
# for its question's type (case variants and n/a included, as people type
# them), so srmgap accepts the whole file. Each assessment has a maturity
# that biases its answers, so scores spread realistically. Evidence and
# note texts are varied, some need CSV quoting (commas, doubled quotes) and
# a few are non-ASCII UTF-8; a row is about 75 bytes on average.
#
# The random numbers come from a Park-Miller generator written here
# rather than the awk's own rand(): all values stay exact in doubles, so
# the output depends only on the seed, not on which awk runs it (tested
# with mawk; nothing beyond POSIX awk is used).

function rnd() {
	rs = (rs * 16807) % 2147483647
	return rs / 2147483647
}

function pick(n) { return int(rnd() * n) + 1 }

function csv(s) {
	if (s ~ /[",\r\n]/) {
		gsub(/"/, "\"\"", s)
		return "\"" s "\""
	}
	return s
}

# Days since 1970-01-01 to YYYY-MM-DD (H. Hinnant's civil_from_days).
function date(z,    era, doe, yoe, y, doy, mp, d, m) {
	z += 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	if (m <= 2)
		y++
	return sprintf("%04d-%02d-%02d", y, m, d)
}

function answer(qid, type, vals, mat,    r, nv, v, j, s, lim) {
	r = rnd()
	if (type == "yesno" || type == "scale") {
		if (type == "scale" && r < mat * 0.75)
			s = "yes"
		else if (type == "yesno" && r < mat * 0.9)
			s = "yes"
		else if (type == "scale" && r < mat * 0.75 + 0.2)
			s = "partial"
		else if (r > 0.94)
			s = "na"
		else
			s = "no"
		# How people type them: an occasional capital or n/a.
		r = rnd()
		if (r < 0.02)
			s = toupper(substr(s, 1, 1)) substr(s, 2)
		else if (r < 0.03 && s == "na")
			s = "n/a"
		return s
	}
	if (type == "choice") {
		nv = split(vals, v, " ")
		return r < mat ? v[1] : v[pick(nv)]
	}
	if (type == "multi") {
		nv = split(vals, v, " ")
		s = ""
		for (j = 1; j < nv; j++)       # the last value is "none"
			if (rnd() < mat)
				s = s (s == "" ? "" : "|") v[j]
		return s == "" ? v[nv] : s
	}
	if (type == "number") {
		if (vals == "max=90")
			return r < mat ? 7 * pick(13) : 90 + pick(275)
		if (vals == "min=2|max=5")
			return r < mat ? 1 + pick(4) : (r < mat + 0.1 ? 1 : 5 + pick(20))
		if (vals ~ /^max=/)
			return r < mat ? pick(24) : (r < mat + 0.1 ? pick(96) ".5" : 24 + pick(96))
		return pick(1000)
	}
	if (type == "date") {
		lim = substr(vals, 14) + 0    # max_age_days=N
		return date(asof - (r < mat ? pick(lim) - 1 : lim + pick(730)))
	}
	# text, with a ticket-key pattern
	return tick[pick(ntick)] "-" (100 + pick(9900))
}

function evidence(name, qid, ctl, type,    r) {
	r = rnd()
	if (r < 0.12)
		return ""
	r = pick(8)
	if (r == 1)
		return "https://wiki." name ".example.com/security/" tolower(ctl) "/evidence"
	if (r == 2)
		return tick[pick(ntick)] "-" (1000 + pick(8999))
	if (r == 3)
		return "Policy " ctl " v" pick(4) "." pick(9) ", approved " date(asof - pick(400))
	if (r == 4)
		return "Settings export " date(asof - pick(200)) ".json"
	if (r == 5)
		return "Audit workpaper WP-" (100 + pick(899)) " (" area[substr(ctl, 1, 3)] ")"
	if (r == 6)
		return "SharePoint: /sites/sec/Evidence/" ctl "/" (2024 + pick(2))
	if (r == 7)
		return "Screenshot " qid ".png"
	return "Confluence SEC/" ctl "-Baseline"
}

BEGIN {
	FS = "\t"
	if (n == "")
		n = 10000
	rs = (seed == "" ? 20260630 : seed) % 2147483647
	if (rs <= 0)
		rs = 1
	asof = 20634                       # 2026-06-30, the benchmark's --as-of
	ntick = split("SEC ITSM CHG RISK GRC", tick, " ")
	split("GOV AST IAM DAT NET LOG VUL INC BCP SUP", pre, " ")
	split("governance|assets|IAM|data|network|logging|vulnerabilities|" \
		"incidents|continuity|suppliers", an, "|")
	for (j = 1; j <= 10; j++)
		area[pre[j]] = an[j]
	nnotes = split("Two settings still differ from the baseline|" \
		"Renewal overdue, tracked in the risk register|" \
		"Covers production only; staging to follow in Q3|" \
		"Evidence refreshed after the external audit|" \
		"Owner changed in March, handover documented|" \
		"Compensating control: weekly manual review|" \
		"Reviewer noted \"good practice\" in the last audit|" \
		"Überprüfung durch den Datenschutzbeauftragten geplant|" \
		"Exception approved by the CISO until year end|" \
		"Only break-glass accounts excluded|" \
		"See attached export, filtered on admin roles|" \
		"Partial rollout: 3 of 4 business units", note, "|")
}

{ qid[NR] = $1; qtype[NR] = $2; qvals[NR] = $3 }

END {
	nq = NR
	print "assessment,question,answer,evidence,note"
	for (i = 1; i <= n; i++) {
		name = sprintf("org-%05d-2026", i)
		mat = 0.25 + 0.7 * rnd()
		for (k = 1; k <= nq; k++) {
			a = answer(qid[k], qtype[k], qvals[k], mat)
			e = evidence(name, qid[k], substr(qid[k], 1, 6), qtype[k])
			nt = rnd() < 0.3 ? note[pick(nnotes)] : ""
			print name "," qid[k] "," csv(a) "," csv(e) "," csv(nt)
		}
	}
}
