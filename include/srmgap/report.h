/*
 * Writing scores and gap reports. Every writer takes an output stream
 * owned by the caller and returns SRMGAP_OK or SRMGAP_EIO when writing
 * failed. Text output is for people (80 columns); CSV output is for tools
 * and spreadsheets: RFC 4180 quoting, and text cells that a spreadsheet
 * would run as a formula are neutralised with a leading apostrophe.
 */
#ifndef SRMGAP_REPORT_H
#define SRMGAP_REPORT_H

#include <stdio.h>

#include "common.h"
#include "model.h"
#include "score.h"
#include "store.h"

typedef struct srmgap_report_opts {
	int gaps_only;      /* CSV: only gap rows; text: no per-area table */
	int color;          /* text: ANSI colour and bold */
	int width;          /* text: wrap width, default 80 */
} srmgap_report_opts;

int srmgap_report_text(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r,
	const srmgap_report_opts *o);

int srmgap_score_text(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r, const srmgap_report_opts *o);
int srmgap_score_csv(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r);

/*
 * Write `s` word-wrapped to `width` display columns, then a line end. The
 * first word goes at the current column `col`; further lines start with
 * `indent` spaces.
 */
void srmgap_report_wrap(FILE *out, const char *s, size_t col, size_t indent,
	size_t width);

/*
 * A score in [0,1] as people read it, "72.4%" (one decimal), into buf
 * (at least 16 bytes). Every text output and the --fail-under gate use
 * this one rounding.
 */
void srmgap_report_percent(char *buf, size_t n, double v);

/* Number of customer and shared (scored) controls of `m`. */
size_t srmgap_model_scored_controls(const srmgap_model *m);

/*
 * Write `s` as one CSV cell. With `text` set, a value a spreadsheet would
 * treat as a formula (first character = + - @ tab or CR) gets a leading
 * apostrophe; numeric cells are written with text = 0.
 */
void srmgap_csv_cell(FILE *out, const char *s, int text);

/* ------------------------------------------------------------------
 * HTML and Markdown reports, written through a template
 * (report_html.c, report_markdown.c, template.c). The placeholders a
 * template may use are listed in reports/README.md.
 * ------------------------------------------------------------------ */

typedef struct srmgap_template srmgap_template;

/*
 * Parse a template from `len` bytes at `text`; `name` (a file name)
 * labels errors. Every placeholder is checked here, before anything is
 * written: an unknown placeholder, an unterminated tag, an unclosed or
 * mismatched section, invalid UTF-8 or a NUL byte is SRMGAP_EINVALID
 * with err->path, line and column (1-based, in characters) set. *out is
 * the caller's to free with srmgap_template_free(). SRMGAP_ENOMEM.
 */
int srmgap_template_parse(srmgap_template **out, const char *text,
	size_t len, const char *name, srmgap_error *err);

/*
 * The same for the file at `path` (at most 1 MiB); SRMGAP_EIO when it
 * cannot be read.
 */
int srmgap_template_load(srmgap_template **out, const char *path,
	srmgap_error *err);

/* Free a template; NULL is accepted. */
void srmgap_template_free(srmgap_template *t);

/*
 * The gap report as one self-contained HTML page (template `t`, e.g.
 * reports/report.html): scores, the area chart (inline SVG), the
 * responsibility matrix with the customer column coloured by status,
 * the ranked gaps and every control with its answers, verdicts and
 * the sign-off. All text from catalogs, answers and reviews is escaped.
 * `rv` may be NULL (no reviews). With o->gaps_only the list of all
 * controls is left out. SRMGAP_OK, SRMGAP_EIO or SRMGAP_ENOMEM.
 */
int srmgap_report_html(FILE *out, const srmgap_template *t,
	const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_answers *ans, const srmgap_reviews *rv,
	const srmgap_result *r, const srmgap_report_opts *o);

/* The same content as GitHub-flavoured Markdown (e.g. reports/report.md). */
int srmgap_report_markdown(FILE *out, const srmgap_template *t,
	const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_answers *ans, const srmgap_reviews *rv,
	const srmgap_result *r, const srmgap_report_opts *o);


/* ------------------------------------------------------------------
 * Exports for tools and spreadsheets: CSV dialects, JSON and XLSX, and
 * the portfolio (report.c, report_json.c, report_xlsx.c, portfolio.c).
 * The JSON layouts are documented in the README and as JSON Schemas in
 * reports/srmgap-report-1.schema.json and
 * reports/srmgap-portfolio-1.schema.json.
 *
 * Every text cell of a CSV or XLSX export follows one rule: invalid
 * UTF-8 is replaced by U+FFFD, and text that begins with = + - @ a tab
 * or a carriage return gets a leading apostrophe (srmgap_csv_cell()).
 * Numbers are written as numbers and never altered.
 * ------------------------------------------------------------------ */

/* How CSV is written. A zeroed struct is srmgap's default dialect. */
typedef struct srmgap_csv_dialect {
	char delimiter;     /* ',' (or 0), ';' or '\t' */
	int bom;            /* start with a UTF-8 byte order mark (Excel) */
} srmgap_csv_dialect;

/*
 * The CSV report, one row per control (columns as documented in the
 * README), and the portfolio: a header, then one row per assessment. In
 * dialect `d` (NULL: the default); lines end in CRLF. SRMGAP_EUSAGE for
 * a delimiter other than those above, before anything is written. A
 * portfolio row whose `m` or `r` is NULL is the row of a damaged
 * assessment: its name and model id, no figures.
 */
int srmgap_report_csv(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans, const srmgap_result *r,
	const srmgap_report_opts *o, const srmgap_csv_dialect *d);
int srmgap_portfolio_csv_header(FILE *out, const srmgap_csv_dialect *d);
int srmgap_portfolio_csv_row(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r,
	const srmgap_csv_dialect *d);

/* The "format" member of each JSON layout; a new layout gets a new one. */
#define SRMGAP_REPORT_JSON_FORMAT "srmgap-report/1"
#define SRMGAP_PORTFOLIO_JSON_FORMAT "srmgap-portfolio/1"

/*
 * The whole assessment as one JSON document (SRMGAP_REPORT_JSON_FORMAT):
 * the model snapshot, the answers, the self-assessed and verified scores
 * of every question, control and area and overall, the reviews in `rv`
 * (NULL: none), the sign-off and the ranked gaps. Scores are numbers
 * from 0 to 1; dates and times are strings. Invalid UTF-8 in any text is
 * replaced by U+FFFD. SRMGAP_OK, SRMGAP_ENOMEM or SRMGAP_EIO, with `err`
 * (may be NULL) filled in.
 */
int srmgap_report_json(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r, srmgap_error *err);

/*
 * The gap report as an Excel workbook (XLSX) with the sheets Summary
 * (the assessment, both overall scores and the areas), Controls (the CSV
 * columns, then the verdict and verified score), Gaps (ranked) and Matrix
 * (areas by parties, the customer column coloured by the area's status).
 * libxlsxwriter writes to a file name, so the workbook is built in a
 * private scratch file in `tmpdir` (NULL: /tmp), copied to `out` and
 * removed. Text goes in as strings, never as formulas, and still follows
 * the cell rule above, so that a CSV saved from the workbook is safe
 * too. SRMGAP_OK, SRMGAP_ENOMEM, SRMGAP_EIO (the scratch file or `out`)
 * or SRMGAP_ERROR (libxlsxwriter), with `err` filled in.
 */
int srmgap_report_xlsx(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r, const char *tmpdir,
	srmgap_error *err);

/*
 * A portfolio writer: one row (CSV, the columns of
 * srmgap_portfolio_csv_header()) or one entry (JSON,
 * SRMGAP_PORTFOLIO_JSON_FORMAT) per assessment, written as they come, so
 * memory does not grow with the number of assessments.
 *
 * srmgap_portfolio_new() writes the header; *out is the caller's to free
 * with srmgap_portfolio_free(). srmgap_portfolio_add() writes one
 * assessment: `m` and `r` NULL for one whose snapshot is damaged (its
 * a->problem is kept in JSON). srmgap_portfolio_finish() writes what
 * closes the document. Each returns SRMGAP_OK, SRMGAP_EUSAGE (a bad
 * dialect, or a call after finish), SRMGAP_ENOMEM or SRMGAP_EIO.
 */
enum { SRMGAP_PORTFOLIO_CSV, SRMGAP_PORTFOLIO_JSON };

typedef struct srmgap_portfolio srmgap_portfolio;

int srmgap_portfolio_new(srmgap_portfolio **out, FILE *fp, int format,
	const srmgap_csv_dialect *d, long asof, srmgap_error *err);
int srmgap_portfolio_add(srmgap_portfolio *p, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r, srmgap_error *err);
int srmgap_portfolio_finish(srmgap_portfolio *p, srmgap_error *err);
/* NULL is accepted. */
void srmgap_portfolio_free(srmgap_portfolio *p);

#endif
