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
	const srmgap_model *m, const srmgap_answers *ans, const srmgap_result *r,
	const srmgap_report_opts *o);

/* One row per control; columns as documented in the README. */
int srmgap_report_csv(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans, const srmgap_result *r,
	const srmgap_report_opts *o);

int srmgap_score_text(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r, const srmgap_report_opts *o);
int srmgap_score_csv(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r);

/* The portfolio: a header, then one row per assessment. */
int srmgap_portfolio_csv_header(FILE *out);
int srmgap_portfolio_csv_row(FILE *out, const srmgap_assessment *a,
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

#endif
