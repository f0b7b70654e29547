/*
 * srmgap report: the gap report of one assessment, as text, CSV, HTML
 * or Markdown, with an optional score gate for pipelines (--fail-under).
 * JSON, XLSX, the CSV dialect and the portfolio (--all) are in export.c.
 *
 * Formats are one table: a name, the default template the format is
 * written through (NULL when it takes none) and a writer. HTML and
 * Markdown fill a template: the one named by --template, else
 * reports/report.html or reports/report.md from the source tree (for a
 * binary that runs from inside it, so it gets the templates of its own
 * version) or from the installed share folder.
 *
 * A report is written to memory first and then put in place by
 * cli_write(): a writer that fails (xlsx without a scratch folder) says
 * why, once, before any output is opened.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "export.h"

#include "config.h"

enum {
	O_FORMAT, O_OUTPUT, O_GAPS, O_ASOF, O_FAIL, O_TEMPLATE, O_ALL, O_DELIM,
	O_BOM
};

static const cli_option options[] = {
	{ "format", 'f', "FMT", "text (default), csv, html, markdown, json or "
		"xlsx" },
	{ "output", 'o', "FILE", "write to FILE instead of standard output" },
	{ "gaps-only", 0, NULL, "only the gaps" },
	{ "as-of", 0, "YYYY-MM-DD", "date that evidence age is measured from "
		"(default today)" },
	{ "fail-under", 0, "PCT", "exit 3 when the overall score is below PCT" },
	{ "template", 0, "FILE", "html, markdown: the template to fill "
		"(default reports/report.html or .md)" },
	{ "all", 'a', NULL, "every assessment, one entry each (csv or json)" },
	{ "delimiter", 0, "C", "csv: field delimiter ',' (default), ';' or tab" },
	{ "bom", 0, NULL, "csv: start with a UTF-8 byte order mark (Excel)" },
	{ NULL, 0, NULL, NULL }
};

/*
 * A writer returns an SRMGAP_* code; one that knows more than that code
 * says (json, xlsx) fills `err` too.
 */
typedef struct report_format {
	const char *name;
	const char *template;  /* file under reports/; NULL: takes none */
	int (*write)(FILE *out, const cli_scored *sc, const srmgap_template *t,
		const srmgap_report_opts *o, srmgap_error *err);
} report_format;

static int write_text(FILE *out, const cli_scored *sc,
	const srmgap_template *t, const srmgap_report_opts *o, srmgap_error *err)
{
	(void)t;
	(void)err;
	return srmgap_report_text(out, sc->a, sc->m, &sc->ans, &sc->rv, sc->r, o);
}

static int write_csv(FILE *out, const cli_scored *sc,
	const srmgap_template *t, const srmgap_report_opts *o, srmgap_error *err)
{
	(void)t;
	(void)err;
	return srmgap_report_csv(out, sc->a, sc->m, &sc->ans, sc->r, o,
		export_dialect());
}

static int write_html(FILE *out, const cli_scored *sc,
	const srmgap_template *t, const srmgap_report_opts *o, srmgap_error *err)
{
	(void)err;
	return srmgap_report_html(out, t, sc->a, sc->m, &sc->ans, &sc->rv, sc->r,
		o);
}

static int write_markdown(FILE *out, const cli_scored *sc,
	const srmgap_template *t, const srmgap_report_opts *o, srmgap_error *err)
{
	(void)err;
	return srmgap_report_markdown(out, t, sc->a, sc->m, &sc->ans, &sc->rv,
		sc->r, o);
}

/* The first is the default. */
static const report_format formats[] = {
	{ "text", NULL, write_text },
	{ "csv", NULL, write_csv },
	{ "html", "report.html", write_html },
	{ "markdown", "report.md", write_markdown },
	{ "json", NULL, export_write_json },
	{ "xlsx", NULL, export_write_xlsx },
	{ NULL, NULL, NULL }
};

static const cli_spec spec = {
	"NAME | --all [--format FMT] [-o FILE] [--gaps-only] [--as-of YYYY-MM-DD]\n"
	"       [--fail-under PCT] [--template FILE] [--delimiter C] [--bom]",
	"Write the gap report: overall and per-area scores, then what is missing,\n"
	"most urgent first, and what the providers cover. html is one\n"
	"self-contained page that prints on A4 and Letter; markdown is the same\n"
	"content for wikis and tickets. Both fill a template (reports/README.md).\n"
	"json is the whole assessment for tools; xlsx is a workbook. With --all,\n"
	"one row (csv) or entry (json) per assessment: the portfolio.",
	options, 0, 1
};

/* The format named `name` (NULL: the default), or NULL after an error. */
static const report_format *find_format(const char *name)
{
	const char *names[sizeof(formats) / sizeof(formats[0])];
	size_t i;
	int ix;

	for (i = 0; formats[i].name != NULL; i++)
		names[i] = formats[i].name;
	names[i] = NULL;
	ix = cli_format("report", name, names);
	return ix < 0 ? NULL : &formats[ix];
}

/*
 * Load the template of format `f` into *t: `given` (--template), else the
 * default. A format without templates refuses --template. Returns -1 to
 * go on, or an exit code after printing why.
 */
static int load_template(const report_format *f, const char *given,
	srmgap_template **t)
{
	const char *dirs[2];
	char path[PATH_MAX];
	srmgap_error err;
	size_t i, n = 0;

	*t = NULL;
	if (f->template == NULL) {
		if (given != NULL)
			return cli_fail(EXIT_INVALID, "report: --template applies to "
				"the html and markdown formats, not %s", f->name);
		return -1;
	}
	srmgap_error_clear(&err);
	if (given != NULL) {
		if (srmgap_template_load(t, given, &err) != SRMGAP_OK)
			return cli_error(&err);
		return -1;
	}
	/* The tree's own templates first: never stale installed ones. */
	if (cli_from_source_tree())
		dirs[n++] = SRMGAP_SRCDIR;
	dirs[n++] = SRMGAP_DATADIR;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/reports/%s", dirs[i], f->template);
		if (access(path, F_OK) != 0)
			continue;
		if (srmgap_template_load(t, path, &err) != SRMGAP_OK)
			return cli_error(&err);
		return -1;
	}
	return cli_fail(EXIT_RUNTIME, "report: no template for %s: '%s/reports/%s' "
		"is missing (name one with --template)", f->name, SRMGAP_DATADIR,
		f->template);
}

/* A report written to memory: what cli_write() then puts in place. */
typedef struct rendered {
	char *data;
	size_t len;
} rendered;

/*
 * Write the report of `sc` in format `f` to *doc, whose data the caller
 * frees. Returns an exit code, after printing why the writer failed: in
 * its own words when it filled the error record.
 */
static int render(const report_format *f, const cli_scored *sc,
	const srmgap_template *t, const srmgap_report_opts *o, rendered *doc)
{
	srmgap_error err;
	FILE *mem;
	int wrc;

	srmgap_error_clear(&err);
	mem = open_memstream(&doc->data, &doc->len);
	if (mem == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	wrc = f->write(mem, sc, t, o, &err);
	if (fclose(mem) != 0 && wrc == SRMGAP_OK)
		wrc = SRMGAP_ENOMEM;
	if (wrc == SRMGAP_OK)
		return EXIT_OK;
	if (err.msg[0] != '\0')
		return cli_error(&err);
	return cli_fail(EXIT_RUNTIME, wrc == SRMGAP_ENOMEM ? "out of memory" :
		"cannot write the report");
}

static int put_rendered(FILE *fp, void *ctx)
{
	const rendered *doc = ctx;

	if (doc->len > 0)
		fwrite(doc->data, 1, doc->len, fp);
	return ferror(fp) ? SRMGAP_EIO : SRMGAP_OK;
}

int cmd_report(cli *c, int argc, char **argv)
{
	const char *values[16] = { NULL }, *args[1];
	const report_format *fmt;
	srmgap_template *tpl = NULL;
	srmgap_store *s = NULL;
	srmgap_report_opts o;
	cli_scored sc;
	rendered doc = { NULL, 0 };
	double gate = -1;
	size_t nargs;
	long asof;
	int rc;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	fmt = find_format(values[O_FORMAT]);
	if (fmt == NULL)
		return EXIT_INVALID;
	if ((values[O_ALL] != NULL) == (nargs == 1))
		return cli_fail(EXIT_INVALID, "report: give an assessment NAME or "
			"--all");
	rc = export_check(fmt->name, values[O_ALL] != NULL, values[O_GAPS] != NULL,
		values[O_FAIL] != NULL, values[O_DELIM], values[O_BOM] != NULL,
		values[O_OUTPUT]);
	if (rc >= 0)
		return rc;
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
	if (values[O_ALL] != NULL) {
		rc = cli_open_store(c, &s, 0);
		if (rc != EXIT_OK)
			return rc;
		rc = export_portfolio(s, strcmp(fmt->name, "json") == 0,
			values[O_OUTPUT], asof);
		srmgap_store_close(s);
		return rc;
	}
	/* A bad template fails before the database is opened. */
	rc = load_template(fmt, values[O_TEMPLATE], &tpl);
	if (rc >= 0)
		return rc;
	rc = cli_open_scored(c, args[0], asof, &s, &sc);
	if (rc != EXIT_OK) {
		srmgap_template_free(tpl);
		return rc;
	}
	memset(&o, 0, sizeof(o));
	o.gaps_only = values[O_GAPS] != NULL;
	/* Standard output as cli_write() takes it: no -o, or "-o -". */
	o.color = fmt->write == write_text && (values[O_OUTPUT] == NULL ||
		strcmp(values[O_OUTPUT], "-") == 0) && cli_color(stdout);
	o.width = 80;
	rc = render(fmt, &sc, tpl, &o, &doc);
	if (rc == EXIT_OK)
		rc = cli_write(values[O_OUTPUT], put_rendered, &doc, "report");
	free(doc.data);
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
	cli_close_scored(s, &sc);
	srmgap_template_free(tpl);
	return rc;
}
