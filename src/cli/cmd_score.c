/*
 * srmgap score: overall and per-area scores of one assessment, or one row
 * per assessment for the whole portfolio (--all).
 */
#include <string.h>

#include "cli.h"
#include "export.h"

enum { O_ALL, O_FORMAT, O_ASOF };

static const cli_option options[] = {
	{ "all", 'a', NULL, "every assessment, one row each (the portfolio)" },
	{ "format", 'f', "FMT", "text (default) or csv" },
	{ "as-of", 0, "YYYY-MM-DD", "date that evidence age is measured from "
		"(default today)" },
	{ NULL, 0, NULL, NULL }
};

static const char *const formats[] = { "text", "csv", NULL };

static const cli_spec spec = {
	"NAME | --all [--format text|csv] [--as-of YYYY-MM-DD]",
	"Print the overall score and the score of each responsibility area.",
	options, 0, 1
};

typedef struct portfolio {
	long asof;
	size_t n, damaged;
} portfolio;

static int portfolio_row(const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_answers *ans, void *vctx)
{
	portfolio *p = vctx;
	srmgap_result *r = NULL;
	int rc;

	char pct[16], prog[48];

	if (m == NULL) {
		/* A damaged snapshot: a row without figures, and a message. */
		cli_printf(stderr, "srmgap: %s: %s\n", a->name, a->problem);
		p->damaged++;
		cli_printf(stdout, "%-28s %-20s %7s %5s %8s %11s\n", a->name,
			a->model_id, "damaged", "-", "-", "-");
		return ferror(stdout) ? SRMGAP_EIO : SRMGAP_OK;
	}
	if (srmgap_score(&r, m, ans, NULL, p->asof) != SRMGAP_OK)
		return SRMGAP_ENOMEM;
	if (r->scored)
		srmgap_report_percent(pct, sizeof(pct), r->overall);
	else
		snprintf(pct, sizeof(pct), "n/a");
	snprintf(prog, sizeof(prog), "%zu/%zu", r->answered, r->nquestions);
	cli_printf(stdout, "%-28s %-20s %7s %5zu %8zu %11s\n", a->name, m->id,
		pct, r->ngaps, r->critical_gaps, prog);
	rc = ferror(stdout) ? SRMGAP_EIO : SRMGAP_OK;
	p->n++;
	srmgap_result_free(r);
	return rc;
}

/* One assessment: overall and per area, as text or CSV. */
static int score_one(cli *c, const char *name, long asof, int csv)
{
	srmgap_report_opts o = { 0, cli_color(stdout), 80 };
	srmgap_store *s;
	cli_scored sc;
	int rc;

	rc = cli_open_scored(c, name, asof, &s, &sc);
	if (rc != EXIT_OK)
		return rc;
	if (csv)
		srmgap_score_csv(stdout, sc.a, sc.m, sc.r);
	else
		srmgap_score_text(stdout, sc.a, sc.m, sc.r, &o);
	rc = cli_output_close(&(cli_output){ .fp = stdout }, 1);
	cli_close_scored(s, &sc);
	return rc;
}

/* The portfolio: one row per assessment. */
static int score_all(cli *c, long asof, int csv)
{
	srmgap_store *s = NULL;
	srmgap_error err;
	portfolio p;
	int rc;

	rc = cli_open_store(c, &s, 0);
	if (rc != EXIT_OK)
		return rc;
	/* The CSV portfolio is that of 'report --all': one writer for both. */
	if (csv) {
		rc = export_portfolio(s, 0, NULL, asof);
		srmgap_store_close(s);
		return rc;
	}
	memset(&p, 0, sizeof(p));
	p.asof = asof;
	printf("%-28s %-20s %7s %5s %8s %11s\n", "ASSESSMENT", "MODEL",
		"SCORE", "GAPS", "CRITICAL", "ANSWERED");
	srmgap_error_clear(&err);
	rc = srmgap_store_each(s, portfolio_row, &p, &err);
	if (rc == SRMGAP_ENOMEM)
		rc = cli_fail(EXIT_RUNTIME, "out of memory");
	else if (rc == SRMGAP_EIO)
		rc = cli_fail(EXIT_RUNTIME, "cannot write output");
	else if (rc != SRMGAP_OK)
		rc = cli_error(&err);
	srmgap_store_close(s);
	if (rc == EXIT_OK)
		rc = cli_output_close(&(cli_output){ .fp = stdout }, 1);
	if (rc == EXIT_OK && p.damaged > 0)
		rc = cli_fail(EXIT_RUNTIME, "%zu assessment%s could not be "
			"scored", p.damaged, p.damaged == 1 ? "" : "s");
	return rc;
}

int cmd_score(cli *c, int argc, char **argv)
{
	const char *values[8] = { NULL }, *args[1];
	size_t nargs;
	long asof;
	int rc, csv = 0;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	csv = cli_format("score", values[O_FORMAT], formats);
	if (csv < 0)
		return EXIT_INVALID;
	if ((values[O_ALL] != NULL) == (nargs == 1))
		return cli_fail(EXIT_INVALID, "score: give an assessment NAME or "
			"--all");
	rc = cli_asof(values[O_ASOF], &asof);
	if (rc >= 0)
		return rc;
	if (values[O_ALL] != NULL)
		return score_all(c, asof, csv);
	return score_one(c, args[0], asof, csv);
}
