/*
 * The formats of `srmgap report` for tools and spreadsheets (export.h):
 * checking their options, the JSON and XLSX writers, and walking the
 * store for the portfolio (--all).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"

/* What export_check() settled on for this run. */
static srmgap_csv_dialect dialect = { ',', 0 };

static int parse_delimiter(const char *delimiter)
{
	static const struct {
		const char *name;
		char c;
	} names[] = {
		{ ",", ',' }, { ";", ';' }, { "\t", '\t' }, { "comma", ',' },
		{ "semicolon", ';' }, { "tab", '\t' }
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(delimiter, names[i].name) == 0) {
			dialect.delimiter = names[i].c;
			return -1;
		}
	}
	return cli_fail(EXIT_INVALID, "report: --delimiter takes ',', ';' or "
		"tab, not '%s'", delimiter);
}

int export_check(const char *format, int all, int gaps_only, int fail_under,
	const char *delimiter, int bom, const char *output)
{
	int csv = strcmp(format, "csv") == 0, json = strcmp(format, "json") == 0;

	if (all && !csv && !json)
		return cli_fail(EXIT_INVALID, "report: --all writes csv or json, "
			"not %s", format);
	if (all && gaps_only)
		return cli_fail(EXIT_INVALID, "report: --gaps-only does not apply "
			"to --all");
	if (all && fail_under)
		return cli_fail(EXIT_INVALID, "report: --fail-under needs one "
			"assessment, not --all");
	if ((delimiter != NULL || bom) && !csv)
		return cli_fail(EXIT_INVALID, "report: --delimiter and --bom apply "
			"to csv, not %s", format);
	if (gaps_only && (json || strcmp(format, "xlsx") == 0))
		return cli_fail(EXIT_INVALID, "report: --gaps-only does not apply "
			"to %s, which holds every control", format);
	if (strcmp(format, "xlsx") == 0 && (output == NULL ||
	    strcmp(output, "-") == 0) && isatty(STDOUT_FILENO))
		return cli_fail(EXIT_INVALID, "report: xlsx is a binary file; "
			"write it with -o FILE");
	dialect.bom = bom;
	return delimiter != NULL ? parse_delimiter(delimiter) : -1;
}

const srmgap_csv_dialect *export_dialect(void)
{
	return &dialect;
}

int export_write_json(FILE *out, const cli_scored *sc,
	const srmgap_template *t, const srmgap_report_opts *o, srmgap_error *err)
{
	(void)t;
	(void)o;
	return srmgap_report_json(out, sc->a, sc->m, &sc->ans, &sc->rv, sc->r,
		err);
}

int export_write_xlsx(FILE *out, const cli_scored *sc,
	const srmgap_template *t, const srmgap_report_opts *o, srmgap_error *err)
{
	(void)t;
	(void)o;
	/* The scratch file goes where the user keeps temporary files. */
	return srmgap_report_xlsx(out, sc->a, sc->m, &sc->ans, &sc->rv, sc->r,
		getenv("TMPDIR"), err);
}

typedef struct walk {
	srmgap_store *s;
	srmgap_portfolio *p;
	long asof;
	size_t damaged;
	srmgap_error err;
} walk;

static int add_one(const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_answers *ans, void *ctx)
{
	walk *w = ctx;
	srmgap_reviews rv;
	srmgap_result *r = NULL;
	int rc;

	if (m == NULL) {
		fprintf(stderr, "srmgap: %s: %s\n", a->name, a->problem);
		w->damaged++;
		return srmgap_portfolio_add(w->p, a, NULL, NULL, &w->err);
	}
	memset(&rv, 0, sizeof(rv));
	rc = srmgap_store_load_reviews(&rv, w->s, a->id, m, &w->err);
	if (rc == SRMGAP_OK) {
		rc = srmgap_score(&r, m, ans, &rv, w->asof);
		if (rc != SRMGAP_OK)
			rc = srmgap_error_set(&w->err, rc, "out of memory");
	}
	if (rc == SRMGAP_OK)
		rc = srmgap_portfolio_add(w->p, a, m, r, &w->err);
	srmgap_result_free(r);
	srmgap_reviews_release(&rv);
	return rc;
}

int export_portfolio(srmgap_store *s, int json, const char *output,
	long asof)
{
	cli_output out;
	walk w;
	int rc;

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.asof = asof;
	rc = cli_output_open(&out, output);
	if (rc != EXIT_OK)
		return rc;
	rc = srmgap_portfolio_new(&w.p, out.fp, json ? SRMGAP_PORTFOLIO_JSON :
		SRMGAP_PORTFOLIO_CSV, &dialect, asof, &w.err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_each(s, add_one, &w, &w.err);
	if (rc == SRMGAP_OK)
		rc = srmgap_portfolio_finish(w.p, &w.err);
	srmgap_portfolio_free(w.p);
	if (rc != SRMGAP_OK) {
		cli_output_close(&out, 0);
		return cli_error(&w.err);
	}
	rc = cli_output_close(&out, 1);
	if (rc == EXIT_OK && w.damaged > 0)
		rc = cli_fail(EXIT_RUNTIME, "%zu assessment%s could not be scored",
			w.damaged, w.damaged == 1 ? "" : "s");
	return rc;
}
