/*
 * srmgap report: the gap report of one assessment, as text or CSV, with
 * an optional score gate for pipelines (--fail-under).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { O_FORMAT, O_OUTPUT, O_GAPS, O_ASOF, O_FAIL };

static const cli_option options[] = {
	{ "format", 'f', "FMT", "text (default) or csv" },
	{ "output", 'o', "FILE", "write to FILE instead of standard output" },
	{ "gaps-only", 0, NULL, "only the gaps" },
	{ "as-of", 0, "YYYY-MM-DD", "date that evidence age is measured from "
		"(default today)" },
	{ "fail-under", 0, "PCT", "exit 3 when the overall score is below PCT" },
	{ NULL, 0, NULL, NULL }
};

static const char *const formats[] = { "text", "csv", NULL };

static const cli_spec spec = {
	"NAME [--format text|csv] [-o FILE] [--gaps-only] [--as-of YYYY-MM-DD] "
	"[--fail-under PCT]",
	"Write the gap report: overall and per-area scores, then what is missing,\n"
	"most urgent first, and what the providers cover.",
	options, 1, 1
};

int cmd_report(cli *c, int argc, char **argv)
{
	const char *values[8] = { NULL }, *args[1];
	srmgap_store *s = NULL;
	srmgap_report_opts o;
	cli_scored sc;
	cli_output out;
	double gate = -1;
	size_t nargs;
	long asof;
	int rc, csv = 0, wrc;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	csv = cli_format("report", values[O_FORMAT], formats);
	if (csv < 0)
		return EXIT_INVALID;
	if (values[O_FAIL] != NULL) {
		const char *v = values[O_FAIL];
		size_t n = strspn(v, "0123456789.");

		/* Digits and a point only: strtod would also take nan and hex. */
		gate = n > 0 ? strtod(v, NULL) : -1;
		if (v[n] == '%')
			n++;
		if (n == 0 || v[n] != '\0' || strspn(v, ".") == strlen(v) ||
		    gate < 0 || gate > 100)
			return cli_fail(EXIT_INVALID, "report: --fail-under takes a "
				"percentage from 0 to 100, not '%s'", values[O_FAIL]);
	}
	rc = cli_asof(values[O_ASOF], &asof);
	if (rc >= 0)
		return rc;
	rc = cli_open_store(c, &s, 0);
	if (rc != EXIT_OK)
		return rc;
	rc = cli_load_scored(s, args[0], asof, &sc);
	if (rc != EXIT_OK) {
		srmgap_store_close(s);
		return rc;
	}
	rc = cli_output_open(&out, values[O_OUTPUT]);
	if (rc == EXIT_OK) {
		memset(&o, 0, sizeof(o));
		o.gaps_only = values[O_GAPS] != NULL;
		o.color = out.fp == stdout && !csv && cli_color(stdout);
		o.width = 80;
		if (csv)
			wrc = srmgap_report_csv(out.fp, sc.a, sc.m, &sc.ans, sc.r, &o);
		else
			wrc = srmgap_report_text(out.fp, sc.a, sc.m, &sc.ans, sc.r, &o);
		rc = cli_output_close(&out, wrc == SRMGAP_OK);
		if (rc == EXIT_OK && wrc != SRMGAP_OK)
			rc = cli_fail(EXIT_RUNTIME, "cannot write the report");
	}
	/* The gate compares the score exactly as the report shows it. */
	if (rc == EXIT_OK && gate >= 0) {
		char shown[32];

		srmgap_report_percent(shown, sizeof(shown), sc.r->overall);
		if (!sc.r->scored) {
			fprintf(stderr, "srmgap: overall score is n/a (no applicable "
				"customer control), which does not meet --fail-under "
				"%g%%\n", gate);
			rc = EXIT_GATE;
		} else if (strtod(shown, NULL) < gate) {
			fprintf(stderr, "srmgap: overall score %s is below "
				"--fail-under %g%%\n", shown, gate);
			rc = EXIT_GATE;
		}
	}
	cli_scored_release(&sc);
	srmgap_store_close(s);
	return rc;
}
