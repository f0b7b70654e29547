/*
 * What the export writers share (the CSV writers in report.c,
 * report_json.c, report_xlsx.c and portfolio.c), and nobody outside the
 * library may use: the one rule for the text a spreadsheet cell gets, the
 * CSV cell writer with its delimiter, and the joined answer, evidence and
 * note columns. (An area's status comes from report_int.h, so that every
 * format colours the matrix alike.)
 *
 * The cell text rule is the same in CSV and XLSX: invalid UTF-8 is
 * replaced (each maximal ill-formed subsequence becomes U+FFFD) and never
 * written raw, and a text cell whose first character is = + - @ a tab or
 * a carriage return gets a leading apostrophe, so that a spreadsheet
 * shows it as text instead of running it as a formula. Numeric cells are
 * not text cells and are never altered.
 */
#ifndef SRMGAP_EXPORT_INT_H
#define SRMGAP_EXPORT_INT_H

#include <stdio.h>

#include "srmgap/report.h"
#include "util_int.h"

/* U+FFFD REPLACEMENT CHARACTER in UTF-8. */
#define SRMGAP_EXPORT_REPLACEMENT "\xef\xbf\xbd"

/*
 * Length in bytes of what starts at `s` (not at its final NUL): *valid
 * is 1 for a well-formed UTF-8 character (RFC 3629: no overlong forms,
 * surrogates or values past U+10FFFF), 0 for a maximal ill-formed
 * subsequence (at least one byte), which is replaced as a whole.
 */
size_t srmgap_export__utf8_next(const char *s, int *valid);

/* 1 when a spreadsheet would run `s` as a formula (see above). */
int srmgap_export__is_formula(const char *s);

/*
 * Append `s` (NULL: "") to `b` as cell text: invalid UTF-8 replaced and,
 * with `text` set, a formula neutralised by a leading apostrophe.
 */
void srmgap_export__cell_text(srmgap_buf *b, const char *s, int text);

/*
 * Write `s` (NULL: "") as one CSV cell with field delimiter `delim` (','
 * ';' or '\t'): the cell text rule, then RFC 4180 quoting when the text
 * holds the delimiter, a quote or a line break, or starts or ends with a
 * space or a tab. Never allocates.
 */
void srmgap_export__csv_cell(FILE *out, const char *s, int text, char delim);

/*
 * Append to `b` the answers (`field` 0: "Q=value; Q=value"), evidence
 * (1: "Q: text; Q: text") or notes (2) of control `c`, over its answered
 * questions in questionnaire order.
 */
void srmgap_export__join(const srmgap_model *m, const srmgap_answers *ans,
	size_t c, int field, srmgap_buf *b);

#endif
