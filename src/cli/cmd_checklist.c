/*
 * srmgap checklist: what an auditor works through, one row per customer
 * control with the customer's answers and evidence, and verdict and
 * comment columns to fill in ('srmgap review --import' takes it back).
 */
#include "cli.h"

enum { O_FORMAT, O_OUTPUT, O_ASOF };

static const cli_option options[] = {
	{ "format", 'f', "FMT", "csv (default), markdown or html" },
	{ "output", 'o', "FILE", "write to FILE instead of standard output" },
	{ "as-of", 0, "YYYY-MM-DD", "date that evidence age is measured from "
		"(default today)" },
	{ NULL, 0, NULL, NULL }
};

static const char *const formats[] = { "csv", "markdown", "html", NULL };

static const cli_spec spec = {
	"NAME [--format csv|markdown|html] [-o FILE] [--as-of YYYY-MM-DD]",
	"Write the audit checklist of assessment NAME: each customer or shared\n"
	"control with its answers, evidence (and the date it is as of), the\n"
	"self-assessed status, and the verdict and comment columns, filled in\n"
	"where a verdict is recorded already.",
	options, 1, 1
};

typedef struct job {
	srmgap_audit_view v;
	int format;
} job;

static int write_checklist(FILE *fp, void *ctx)
{
	job *j = ctx;

	return srmgap_checklist_write(fp, &j->v, j->format);
}

int cmd_checklist(cli *c, int argc, char **argv)
{
	const char *values[4] = { NULL }, *args[1];
	srmgap_store *s = NULL;
	cli_scored sc;
	size_t nargs;
	long asof;
	int rc;
	job j;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	j.format = cli_format("checklist", values[O_FORMAT], formats);
	if (j.format < 0)
		return EXIT_INVALID;
	rc = cli_asof(values[O_ASOF], &asof);
	if (rc >= 0)
		return rc;
	rc = cli_open_scored(c, args[0], asof, &s, &sc);
	if (rc != EXIT_OK)
		return rc;
	j.v = (srmgap_audit_view){ sc.a, sc.m, &sc.ans, &sc.rv, sc.r };
	rc = cli_write(values[O_OUTPUT], write_checklist, &j, "checklist");
	cli_close_scored(s, &sc);
	return rc;
}
