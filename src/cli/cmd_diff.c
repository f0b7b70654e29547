/*
 * srmgap diff: what changed between two assessments (last quarter and
 * this one): overall and per area, then per control, new gaps first.
 */
#include <string.h>

#include "cli.h"

enum { O_FORMAT, O_OUTPUT, O_ASOF };

static const cli_option options[] = {
	{ "format", 'f', "FMT", "text (default) or csv" },
	{ "output", 'o', "FILE", "write to FILE instead of standard output" },
	{ "as-of", 0, "YYYY-MM-DD", "date NEW's evidence age is measured from "
		"(default today)" },
	{ NULL, 0, NULL, NULL }
};

static const char *const formats[] = { "text", "csv", NULL };

static const cli_spec spec = {
	"OLD NEW [--format text|csv] [-o FILE] [--as-of YYYY-MM-DD]",
	"Compare assessment OLD with NEW. OLD is scored as it stood when it was\n"
	"signed off, else on the day of its last answer, so evidence that was\n"
	"current then is not counted as stale now; NEW as of --as-of.",
	options, 2, 2
};

/* The day `sc` stood as it is: sign-off, else newest answer, else creation. */
static long stood_on(const cli_scored *sc)
{
	const char *best = sc->a->signed_at ? sc->a->signed_at :
		sc->a->created_at;
	char day[11];
	long days;
	size_t i;

	if (sc->a->signed_at == NULL) {
		for (i = 0; i < sc->ans.count; i++) {
			const char *t = sc->ans.items[i].recorded_at;

			if (sc->ans.items[i].value && t && strcmp(t, best) > 0)
				best = t;
		}
	}
	snprintf(day, sizeof(day), "%.10s", best);
	if (srmgap_date_parse(day, &days, NULL) != SRMGAP_OK)
		return srmgap_date_today();
	return days;
}

typedef struct job {
	srmgap_audit_view old, cur;
	int format;
} job;

static int write_diff(FILE *fp, void *ctx)
{
	job *j = ctx;

	return srmgap_diff_write(fp, &j->old, &j->cur, j->format);
}

int cmd_diff(cli *c, int argc, char **argv)
{
	const char *values[4] = { NULL }, *args[2];
	srmgap_store *s = NULL;
	cli_scored old, cur;
	size_t nargs;
	long asof, then;
	int rc;
	job j;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	j.format = cli_format("diff", values[O_FORMAT], formats);
	if (j.format < 0)
		return EXIT_INVALID;
	rc = cli_asof(values[O_ASOF], &asof);
	if (rc >= 0)
		return rc;
	rc = cli_open_scored(c, args[0], asof, &s, &old);
	if (rc != EXIT_OK)
		return rc;
	/* OLD is scored again, as it stood: its evidence then, not now. */
	then = stood_on(&old);
	srmgap_result_free(old.r);
	old.r = NULL;
	memset(&cur, 0, sizeof(cur));
	if (srmgap_score(&old.r, old.m, &old.ans, &old.rv, then) != SRMGAP_OK)
		rc = cli_fail(EXIT_RUNTIME, "out of memory");
	if (rc == EXIT_OK)
		rc = cli_load_scored(s, args[1], asof, &cur);
	if (rc == EXIT_OK) {
		j.old = (srmgap_audit_view){ old.a, old.m, &old.ans, &old.rv,
			old.r };
		j.cur = (srmgap_audit_view){ cur.a, cur.m, &cur.ans, &cur.rv,
			cur.r };
		rc = cli_write(values[O_OUTPUT], write_diff, &j, "comparison");
	}
	cli_scored_release(&cur);
	cli_close_scored(s, &old);
	return rc;
}
