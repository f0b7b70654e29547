/*
 * The formats of `srmgap report` for tools and spreadsheets (export.c):
 * JSON, XLSX, the CSV dialect (--delimiter, --bom) and the portfolio of
 * every assessment (--all). cmd_report.c checks the options through
 * export_check() first; the writers then use what it settled.
 */
#ifndef SRMGAP_CLI_EXPORT_H
#define SRMGAP_CLI_EXPORT_H

#include "cli.h"

/*
 * Check the options that concern these formats for a report in `format`
 * ("text", "csv", "json", ...): --all (`all`) needs csv or json and no
 * --gaps-only or --fail-under; --delimiter (',', ';', a tab, or the
 * words comma, semicolon and tab) and --bom need csv; --gaps-only does
 * not apply to json or xlsx; xlsx needs -o FILE when standard output is
 * a terminal. Returns -1 to go on, or EXIT_INVALID after printing why.
 */
int export_check(const char *format, int all, int gaps_only, int fail_under,
	const char *delimiter, int bom, const char *output);

/* The CSV dialect export_check() settled on. */
const srmgap_csv_dialect *export_dialect(void);

/*
 * Writers in the shape of cmd_report.c's format table. Each returns an
 * srmgap code and fills `err` with what went wrong; they print nothing.
 */
int export_write_json(FILE *out, const cli_scored *sc,
	const srmgap_template *t, const srmgap_report_opts *o, srmgap_error *err);
int export_write_xlsx(FILE *out, const cli_scored *sc,
	const srmgap_template *t, const srmgap_report_opts *o, srmgap_error *err);

/*
 * Write the portfolio of the assessments in `s` as of `asof` to `output`
 * (NULL or "-": standard output) through cli_output, as JSON (`json`
 * set) or CSV in the settled dialect. Each assessment is scored with its
 * auditor's verdicts. A damaged snapshot is named on standard error, its
 * entry written without figures, and the exit code is then 1. Returns an
 * exit code.
 */
int export_portfolio(srmgap_store *s, int json, const char *output,
	long asof);

#endif
