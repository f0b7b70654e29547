/*
 * What the export writers share (the CSV writers in report.c,
 * report_json.c, report_xlsx.c and portfolio.c), and nobody outside the
 * library may use: the one rule for the text a spreadsheet cell gets and
 * the joined answer, evidence and note columns. (An area's status comes
 * from report_int.h, so that every format colours the matrix alike.)
 *
 * The cell text rule is the same in CSV and XLSX: invalid UTF-8 is
 * replaced (each maximal ill-formed subpart becomes one U+FFFD, as
 * srmgap_util__utf8_next finds it and as every report format replaces
 * it) and never written raw, and a text cell whose first character is
 * = + - @ a tab or a carriage return gets a leading apostrophe, so that
 * a spreadsheet shows it as text instead of running it as a formula.
 * Numeric cells are not text cells and are never altered.
 *
 * A CSV cell (srmgap_csv_cell(), report.h) follows that rule and is
 * quoted (RFC 4180) when it holds any delimiter of a dialect (',' ';'
 * or a tab, whichever the file uses), a quote or a line break, or starts
 * or ends with a space.
 */
#ifndef SRMGAP_EXPORT_INT_H
#define SRMGAP_EXPORT_INT_H

#include <stdio.h>

#include "srmgap/report.h"
#include "util_int.h"

/* 1 when a spreadsheet would run `s` as a formula (see above). */
int srmgap_export__is_formula(const char *s);

/*
 * Append `s` (NULL: "") to `b` as cell text: invalid UTF-8 replaced and,
 * with `text` set, a formula neutralised by a leading apostrophe.
 */
void srmgap_export__cell_text(srmgap_buf *b, const char *s, int text);

/*
 * Append to `b` the answers (`field` 0: "Q=value; Q=value"), evidence
 * (1: "Q: text; Q: text") or notes (2) of control `c`, over its answered
 * questions in questionnaire order.
 */
void srmgap_export__join(const srmgap_model *m, const srmgap_answers *ans,
	size_t c, int field, srmgap_buf *b);

#endif
