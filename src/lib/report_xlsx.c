/*
 * The gap report as an Excel workbook (report.h), through libxlsxwriter.
 * Four sheets: Summary (the assessment, both overall scores, the areas),
 * Controls (the CSV report's columns, then the auditor's verdict, whether
 * it is outdated, and the verified score), Gaps (ranked) and Matrix (areas by parties, each
 * party's duty, the customer column coloured by the area's status).
 *
 * Text goes in with worksheet_write_string() only, never as a formula,
 * and still follows the cell rule of every export (export_int.h): a
 * leading apostrophe on text a spreadsheet would run, U+FFFD for invalid
 * UTF-8. So a CSV saved from the workbook is as safe as srmgap's own. A
 * literal "_xHHHH_" in text is escaped, so that no reader turns it into
 * another character. Scores are numbers shown with a percentage format;
 * status cells are coloured, and a status is always written as a word
 * too. Rows get the height their wrapped text needs.
 *
 * libxlsxwriter 1.1 writes only to a file name: the workbook is built in
 * a private scratch file (mkstemp, mode 0600), copied to the caller's
 * stream and removed, whatever happens.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "srmgap/report.h"
#include "export_int.h"
#include "report_int.h"
#include "util_int.h"

/* Excel's limit on the text of one cell, in UTF-16 code units. */
#define CELL_MAX 32767
#define TRUNCATED " [truncated]"
/* Row height of one line of text, and the most lines a row may show. */
#define LINE_HEIGHT 15.0
#define MAX_LINES 27
#define MAX_COLS 64

enum { NSTATUS = SRMGAP_UNREVIEWED + 1 };

typedef struct xlsx {
	lxw_workbook *wb;
	lxw_format *title, *head, *label, *text, *wrap, *pct, *num;
	lxw_format *left_num, *left_pct;  /* Summary's values */
	lxw_format *status[NSTATUS];      /* a status word, coloured */
	lxw_format *duty[NSTATUS];        /* matrix customer duty, coloured */
	srmgap_buf cell, tmp;             /* cell text, then as written */
	/* Widths of the columns of the sheet being written, and the lines
	 * its current row needs (rows are written in order). */
	double width[MAX_COLS];
	lxw_row_t row;
	unsigned lines;
	lxw_error lxw;                    /* the first libxlsxwriter error */
	int oom;
} xlsx;

typedef struct column {
	const char *name;
	double width;
	int wrap;
} column;

/* How a table's sheet is set up, besides its header and autofilter. */
enum { T_FREEZE = 1, T_LANDSCAPE = 2, T_FIT_WIDTH = 4 };

/* Background and font colour of each status (srmgap_status order). */
static const lxw_color_t status_bg[NSTATUS] = {
	0xC6EFCE, /* met */
	0xFFEB9C, /* partial */
	0xFFC7CE, /* not-met */
	0xF8CBAD, /* unanswered */
	0xEDEDED, /* not-applicable */
	0xDDEBF7, /* inherited */
	0xF2F2F2  /* unreviewed */
};
static const lxw_color_t status_fg[NSTATUS] = {
	0x006100, 0x9C5700, 0x9C0006, 0x843C0C, 0x595959, 0x1F4E78, 0x7F7F7F
};

static void note(xlsx *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->lxw == LXW_NO_ERROR)
		x->lxw = e;
}

/*
 * Cut the cell text in x->tmp to what a cell holds, marking the cut. The
 * JSON export keeps the whole text.
 */
static void fit(xlsx *x)
{
	size_t i = 0, units = 0, keep = 0;
	int valid;

	while (i < x->tmp.len) {
		size_t n = srmgap_util__utf8_next(x->tmp.data + i, &valid);

		units += n == 4 ? 2 : 1;
		if (units <= CELL_MAX - strlen(TRUNCATED))
			keep = i + n;
		if (units > CELL_MAX) {
			x->tmp.len = keep;
			x->tmp.data[keep] = '\0';
			srmgap_util__buf_puts(&x->tmp, TRUNCATED);
			return;
		}
		i += n;
	}
}

static int hex4(const char *s)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

/*
 * Append `s` to `b` as the XLSX string encoding needs it beyond what
 * libxlsxwriter does (it escapes XML and control characters): Excel and
 * LibreOffice read "_xHHHH_" in a string as the character U+HHHH, so a
 * literal one gets its underscore escaped ("_x005F_"); and U+FFFE and
 * U+FFFF, which XML does not allow, become U+FFFD.
 */
static void xlsx_string(srmgap_buf *b, const char *s)
{
	while (*s != '\0') {
		if (s[0] == '_' && s[1] == 'x' && hex4(s + 2) && s[6] == '_') {
			srmgap_util__buf_puts(b, "_x005F_");
			s++;
		} else if ((unsigned char)s[0] == 0xef &&
		    (unsigned char)s[1] == 0xbf && ((unsigned char)s[2] == 0xbe ||
		    (unsigned char)s[2] == 0xbf)) {
			srmgap_util__buf_puts(b, SRMGAP_UTIL_REPLACEMENT);
			s += 3;
		} else {
			srmgap_util__buf_put(b, s, 1);
			s++;
		}
	}
}

/*
 * Make row `row` tall enough for the wrapped text just written to column
 * `col` (in x->cell). Neither Excel nor LibreOffice fits a row to its
 * wrapped text on every path (LibreOffice does not when converting), so
 * the height is set from an estimate: a column of width w holds about w
 * characters a line.
 */
static void grow_row(xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col)
{
	double per_line = col < MAX_COLS && x->width[col] > 1 ? x->width[col] : 8;
	const char *p = x->cell.data;
	unsigned lines = 0;
	int valid;

	while (lines < MAX_LINES) {
		size_t chars = 0;

		while (*p != '\0' && *p != '\n') {
			p += srmgap_util__utf8_next(p, &valid);
			chars++;
		}
		lines += chars == 0 ? 1 : (unsigned)((chars + per_line - 1) / per_line);
		if (*p == '\0')
			break;
		p++;
	}
	if (lines > MAX_LINES)
		lines = MAX_LINES;
	if (row != x->row) {
		x->row = row;
		x->lines = 1;
	}
	if (lines > x->lines) {
		x->lines = lines;
		note(x, worksheet_set_row(ws, row, LINE_HEIGHT * lines, NULL));
	}
}

static int wrapped(const xlsx *x, const lxw_format *f)
{
	size_t i;

	for (i = 0; i < NSTATUS; i++) {
		if (f == x->duty[i])
			return 1;
	}
	return f == x->wrap;
}

/* A text cell; NULL or "" leaves the cell blank (formatted). */
static void str(xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	const char *s, lxw_format *f)
{
	if (s == NULL || s[0] == '\0') {
		if (f != NULL)
			note(x, worksheet_write_blank(ws, row, col, f));
		return;
	}
	x->cell.len = 0;
	srmgap_export__cell_text(&x->cell, s, 1);
	x->tmp.len = 0;
	if (!x->cell.oom)
		xlsx_string(&x->tmp, x->cell.data);
	if (x->cell.oom || x->tmp.oom || x->tmp.data == NULL) {
		x->oom = 1;
		return;
	}
	fit(x);
	note(x, worksheet_write_string(ws, row, col, x->tmp.data, f));
	if (wrapped(x, f))
		grow_row(x, ws, row, col);
}

static void num(xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	double v, lxw_format *f)
{
	note(x, worksheet_write_number(ws, row, col, v, f));
}

/* A score as a number with a percentage format, blank when not scored. */
static void score(xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	int scored, double v)
{
	if (scored)
		num(x, ws, row, col, v, x->pct);
	else
		note(x, worksheet_write_blank(ws, row, col, x->pct));
}

static void status(xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	srmgap_status s)
{
	str(x, ws, row, col, srmgap_status_name(s),
		(unsigned)s < NSTATUS ? x->status[s] : x->text);
}

/*
 * The header row of a table at `row` (the names unwrapped, so each
 * column is at least as wide as its name), the column widths, the
 * autofilter over `nrows` data rows, and the set-up in `how` (T_*).
 */
static void table(xlsx *x, lxw_worksheet *ws, lxw_row_t row,
	const column *cols, size_t ncols, size_t nrows, int how)
{
	size_t i;

	memset(x->width, 0, sizeof(x->width));
	x->row = 0;
	x->lines = 1;
	for (i = 0; i < ncols; i++) {
		double w = (double)strlen(cols[i].name) + 2;

		if (w < cols[i].width)
			w = cols[i].width;
		if (w > 60)
			w = 60;
		if (i < MAX_COLS)
			x->width[i] = w;
		str(x, ws, row, (lxw_col_t)i, cols[i].name, x->head);
		note(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w,
			cols[i].wrap ? x->wrap : NULL));
	}
	note(x, worksheet_autofilter(ws, row, 0, (lxw_row_t)(row + nrows),
		(lxw_col_t)(ncols - 1)));
	if (how & T_FREEZE)
		worksheet_freeze_panes(ws, row + 1, 0);
	if (how & T_LANDSCAPE)
		worksheet_set_landscape(ws);
	if (how & T_FIT_WIDTH)
		worksheet_fit_to_pages(ws, 1, 0);
	note(x, worksheet_repeat_rows(ws, row, row));
}

static lxw_format *format(xlsx *x)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (f == NULL)
		x->oom = 1;
	return f;
}

static int formats(xlsx *x)
{
	size_t i;

	x->title = format(x);
	x->head = format(x);
	x->label = format(x);
	x->text = format(x);
	x->wrap = format(x);
	x->pct = format(x);
	x->num = format(x);
	x->left_num = format(x);
	x->left_pct = format(x);
	for (i = 0; i < NSTATUS; i++) {
		x->status[i] = format(x);
		x->duty[i] = format(x);
	}
	if (x->oom)
		return SRMGAP_ENOMEM;
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xD9D9D9);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bold(x->label);
	format_set_align(x->label, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(x->text, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->pct, "0.0%");
	format_set_align(x->pct, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(x->num, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(x->left_num, LXW_ALIGN_LEFT);
	format_set_num_format(x->left_pct, "0.0%");
	format_set_align(x->left_pct, LXW_ALIGN_LEFT);
	for (i = 0; i < NSTATUS; i++) {
		format_set_bg_color(x->status[i], status_bg[i]);
		format_set_font_color(x->status[i], status_fg[i]);
		format_set_align(x->status[i], LXW_ALIGN_VERTICAL_TOP);
		format_set_bg_color(x->duty[i], status_bg[i]);
		format_set_font_color(x->duty[i], status_fg[i]);
		format_set_text_wrap(x->duty[i]);
		format_set_align(x->duty[i], LXW_ALIGN_VERTICAL_TOP);
	}
	return SRMGAP_OK;
}

/* ---- Summary ---- */

static void pair_text(xlsx *x, lxw_worksheet *ws, lxw_row_t *row,
	const char *label, const char *value)
{
	str(x, ws, *row, 0, label, x->label);
	str(x, ws, *row, 1, value, x->text);
	(*row)++;
}

static void pair_count(xlsx *x, lxw_worksheet *ws, lxw_row_t *row,
	const char *label, size_t value)
{
	str(x, ws, *row, 0, label, x->label);
	num(x, ws, *row, 1, (double)value, x->left_num);
	(*row)++;
}

static void pair_score(xlsx *x, lxw_worksheet *ws, lxw_row_t *row,
	const char *label, int scored, double value)
{
	str(x, ws, *row, 0, label, x->label);
	if (scored)
		num(x, ws, *row, 1, value, x->left_pct);
	else
		str(x, ws, *row, 1, "n/a (no applicable customer control)", x->text);
	(*row)++;
}

static void summary(xlsx *x, lxw_worksheet *ws, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r)
{
	static const column cols[] = {
		{ "area", 16, 0 }, { "area_name", 32, 1 }, { "status", 15, 0 },
		{ "score", 10, 0 }, { "verified_score", 10, 0 }, { "met", 8, 0 },
		{ "partial", 8, 0 }, { "not_met", 8, 0 }, { "unanswered", 11, 0 },
		{ "not_applicable", 10, 0 }, { "inherited", 9, 0 }
	};
	lxw_row_t row = 0;
	char date[16];
	size_t i;
	srmgap_buf b;

	str(x, ws, row, 0, "srmgap gap report", x->title);
	row += 2;
	pair_text(x, ws, &row, "Assessment", a->name);
	pair_text(x, ws, &row, "Organisation", a->org);
	pair_text(x, ws, &row, "Assessor", a->assessor);
	srmgap_util__buf_init(&b);
	srmgap_util__buf_printf(&b, "%s %s (%s%s%s)", m->title, m->version,
		m->id, m->variant[0] ? ", questionnaire " : "", m->variant);
	if (b.oom)
		x->oom = 1;
	pair_text(x, ws, &row, "Model", b.data);
	srmgap_util__buf_release(&b);
	pair_text(x, ws, &row, "Snapshot", m->hash);
	srmgap_date_format(r->asof, date);
	pair_text(x, ws, &row, "As of", date);
	pair_count(x, ws, &row, "Questions answered", r->answered);
	pair_count(x, ws, &row, "Questions", r->nquestions);
	pair_score(x, ws, &row, "Overall score (self-assessed)", r->scored,
		r->overall);
	pair_score(x, ws, &row, "Verified score", r->scored, r->verified_overall);
	pair_count(x, ws, &row, "Controls reviewed", r->reviewed);
	/* Verdicts on answers that changed since: not counted as reviewed. */
	pair_count(x, ws, &row, "Outdated verdicts", r->outdated);
	pair_count(x, ws, &row, "Applicable controls", r->applicable);
	pair_count(x, ws, &row, "Gaps", r->ngaps);
	pair_count(x, ws, &row, "Critical gaps", r->critical_gaps);
	if (a->signed_by != NULL) {
		pair_text(x, ws, &row, "Signed off by", a->signed_by);
		pair_text(x, ws, &row, "Signed at", a->signed_at);
		pair_text(x, ws, &row, "Statement", a->statement);
		pair_text(x, ws, &row, "Seal", a->seal);
	} else {
		pair_text(x, ws, &row, "Sign-off", "not signed off");
	}
	row++;
	/*
	 * The area table below the assessment: Summary is short, so it gets
	 * an autofilter but no frozen rows.
	 */
	table(x, ws, row, cols, sizeof(cols) / sizeof(cols[0]), m->nareas,
		T_LANDSCAPE | T_FIT_WIDTH);
	/* The labels above need the width more than the area ids. */
	x->width[0] = 30;
	note(x, worksheet_set_column(ws, 0, 0, x->width[0], NULL));
	for (i = 0; i < m->nareas; i++) {
		const srmgap_area_result *ar = &r->areas[i];
		lxw_row_t rr = row + 1 + (lxw_row_t)i;

		str(x, ws, rr, 0, m->areas[i].id, x->text);
		str(x, ws, rr, 1, m->areas[i].name, x->wrap);
		status(x, ws, rr, 2, srmgap_report__area_status(r, i));
		score(x, ws, rr, 3, ar->scored, ar->score);
		score(x, ws, rr, 4, ar->scored, ar->verified_score);
		num(x, ws, rr, 5, (double)ar->met, x->num);
		num(x, ws, rr, 6, (double)ar->partial, x->num);
		num(x, ws, rr, 7, (double)ar->not_met, x->num);
		num(x, ws, rr, 8, (double)ar->unanswered, x->num);
		num(x, ws, rr, 9, (double)ar->not_applicable, x->num);
		num(x, ws, rr, 10, (double)ar->inherited, x->num);
	}
}

/* ---- Controls and Gaps ---- */

/* Answers (0), evidence (1) or notes (2) of control `c` as one cell. */
static void joined(xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	const srmgap_model *m, const srmgap_answers *ans, size_t c, int field)
{
	srmgap_buf b;

	srmgap_util__buf_init(&b);
	srmgap_export__join(m, ans, c, field, &b);
	if (b.oom)
		x->oom = 1;
	str(x, ws, row, col, b.data, x->wrap);
	srmgap_util__buf_release(&b);
}

static void controls(xlsx *x, lxw_worksheet *ws, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r)
{
	/* The CSV report's columns, then what the auditor found. */
	static const column cols[] = {
		{ "assessment", 14, 0 }, { "model", 14, 0 }, { "area", 10, 0 },
		{ "area_name", 22, 1 }, { "control", 10, 0 }, { "title", 30, 1 },
		{ "owner", 10, 0 }, { "severity", 9, 0 }, { "weight", 7, 0 },
		{ "score", 8, 0 }, { "status", 14, 0 }, { "priority", 8, 0 },
		{ "answers", 36, 1 }, { "evidence", 36, 1 }, { "notes", 36, 1 },
		{ "remediation", 48, 1 }, { "references", 22, 1 },
		{ "verdict", 15, 0 }, { "verdict_outdated", 8, 0 },
		{ "verified_status", 15, 0 }, { "verified_score", 9, 0 },
		{ "review_comment", 36, 1 }, { "auditor", 14, 0 },
		{ "reviewed_at", 20, 0 }
	};
	size_t i;

	/* Too wide to shrink onto a page: printed across pages instead. */
	table(x, ws, 0, cols, sizeof(cols) / sizeof(cols[0]), m->ncontrols,
		T_FREEZE | T_LANDSCAPE);
	for (i = 0; i < m->ncontrols; i++) {
		const srmgap_control *c = &m->controls[i];
		const srmgap_control_result *cr = &r->controls[i];
		const srmgap_review *rw = rv != NULL && i < rv->count &&
			rv->items[i].verdict != SRMGAP_VERDICT_NONE ? &rv->items[i] : NULL;
		int scored = cr->status != SRMGAP_NOT_APPLICABLE &&
			cr->status != SRMGAP_INHERITED;
		lxw_row_t row = (lxw_row_t)i + 1;
		int k;

		str(x, ws, row, 0, a->name, x->text);
		str(x, ws, row, 1, m->id, x->text);
		str(x, ws, row, 2, c->area_id, x->text);
		str(x, ws, row, 3, m->areas[c->area].name, x->wrap);
		str(x, ws, row, 4, c->id, x->text);
		str(x, ws, row, 5, c->title, x->wrap);
		str(x, ws, row, 6, c->owner_id, x->text);
		str(x, ws, row, 7, srmgap_severity_name(c->severity), x->text);
		num(x, ws, row, 8, c->weight, x->num);
		score(x, ws, row, 9, scored, cr->score);
		status(x, ws, row, 10, cr->status);
		if (cr->priority > 0)
			num(x, ws, row, 11, (double)cr->priority, x->num);
		for (k = 0; k < 3; k++)
			joined(x, ws, row, (lxw_col_t)(12 + k), m, ans, i, k);
		str(x, ws, row, 15, c->remediation, x->wrap);
		str(x, ws, row, 16, c->references, x->wrap);
		str(x, ws, row, 17, srmgap_verdict_name(cr->verdict), x->text);
		/* The verdict stands in the sheet, but it counts as none. */
		if (cr->outdated)
			str(x, ws, row, 18, "yes", x->text);
		status(x, ws, row, 19, cr->verified_status);
		score(x, ws, row, 20, scored, cr->verified_score);
		if (rw != NULL) {
			str(x, ws, row, 21, rw->comment, x->wrap);
			str(x, ws, row, 22, rw->auditor, x->text);
			str(x, ws, row, 23, rw->reviewed_at, x->text);
		}
	}
}

static void gaps(xlsx *x, lxw_worksheet *ws, const srmgap_model *m,
	const srmgap_answers *ans, const srmgap_result *r)
{
	static const column cols[] = {
		{ "rank", 6, 0 }, { "control", 10, 0 }, { "area_name", 22, 1 },
		{ "title", 30, 1 }, { "severity", 9, 0 }, { "status", 14, 0 },
		{ "score", 8, 0 }, { "weight", 7, 0 }, { "shortfall", 9, 0 },
		{ "answers", 36, 1 }, { "remediation", 48, 1 },
		{ "verdict", 15, 0 }, { "verified_status", 15, 0 }
	};
	size_t i;

	table(x, ws, 0, cols, sizeof(cols) / sizeof(cols[0]), r->ngaps,
		T_FREEZE | T_LANDSCAPE | T_FIT_WIDTH);
	for (i = 0; i < r->ngaps; i++) {
		size_t c = r->gaps[i];
		const srmgap_control *ctl = &m->controls[c];
		const srmgap_control_result *cr = &r->controls[c];
		lxw_row_t row = (lxw_row_t)i + 1;

		num(x, ws, row, 0, (double)(i + 1), x->num);
		str(x, ws, row, 1, ctl->id, x->text);
		str(x, ws, row, 2, m->areas[ctl->area].name, x->wrap);
		str(x, ws, row, 3, ctl->title, x->wrap);
		str(x, ws, row, 4, srmgap_severity_name(ctl->severity), x->text);
		status(x, ws, row, 5, cr->status);
		score(x, ws, row, 6, 1, cr->score);
		num(x, ws, row, 7, ctl->weight, x->num);
		num(x, ws, row, 8, ctl->weight * (1 - cr->score), x->num);
		joined(x, ws, row, 9, m, ans, c, 0);
		str(x, ws, row, 10, ctl->remediation, x->wrap);
		str(x, ws, row, 11, srmgap_verdict_name(cr->verdict), x->text);
		status(x, ws, row, 12, cr->verified_status);
	}
}

/* ---- Matrix ---- */

static void matrix(xlsx *x, lxw_worksheet *ws, const srmgap_model *m,
	const srmgap_result *r)
{
	size_t i, k, ncols = m->nparties + 4;
	column *cols = calloc(ncols, sizeof(*cols));

	if (cols == NULL) {
		x->oom = 1;
		return;
	}
	cols[0] = (column){ "area", 12, 0 };
	cols[1] = (column){ "area_name", 26, 1 };
	for (k = 0; k < m->nparties; k++)
		cols[2 + k] = (column){ m->parties[k].name, 40, 1 };
	cols[ncols - 2] = (column){ "status", 15, 0 };
	cols[ncols - 1] = (column){ "score", 9, 0 };
	table(x, ws, 0, cols, ncols, m->nareas,
		T_FREEZE | T_LANDSCAPE | T_FIT_WIDTH);
	free(cols);
	for (i = 0; i < m->nareas; i++) {
		srmgap_status st = srmgap_report__area_status(r, i);
		lxw_row_t row = (lxw_row_t)i + 1;

		str(x, ws, row, 0, m->areas[i].id, x->text);
		str(x, ws, row, 1, m->areas[i].name, x->wrap);
		for (k = 0; k < m->nparties; k++) {
			const char *duty = m->areas[i].duties[k];

			/* The customer's cell is coloured even when it is empty. */
			str(x, ws, row, (lxw_col_t)(2 + k), duty,
				m->parties[k].is_customer ? x->duty[st] : x->wrap);
		}
		status(x, ws, row, (lxw_col_t)(ncols - 2), st);
		score(x, ws, row, (lxw_col_t)(ncols - 1), r->areas[i].scored,
			r->areas[i].score);
	}
}

/* ---- the workbook and its scratch file ---- */

static int build(xlsx *x, const char *path, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r, const char *tmpdir,
	srmgap_error *err)
{
	lxw_workbook_options wo;
	lxw_doc_properties props;
	lxw_worksheet *ws[4];
	static const char *const names[4] = {
		"Summary", "Controls", "Gaps", "Matrix"
	};
	srmgap_buf title;
	lxw_error e;
	size_t i;
	int rc, oom;

	memset(&wo, 0, sizeof(wo));
	wo.tmpdir = (char *)tmpdir;
	x->wb = workbook_new_opt(path, &wo);
	if (x->wb == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	rc = formats(x);
	for (i = 0; i < 4 && rc == SRMGAP_OK; i++) {
		ws[i] = workbook_add_worksheet(x->wb, names[i]);
		if (ws[i] == NULL)
			rc = SRMGAP_ENOMEM;
	}
	srmgap_util__buf_init(&title);
	if (rc == SRMGAP_OK) {
		srmgap_export__cell_text(&title, "srmgap gap report: ", 0);
		srmgap_export__cell_text(&title, a->name, 0);
		memset(&props, 0, sizeof(props));
		props.title = title.data;
		props.comments = "srmgap " SRMGAP_VERSION;
		note(x, workbook_set_properties(x->wb, &props));
		summary(x, ws[0], a, m, r);
		controls(x, ws[1], a, m, ans, rv, r);
		gaps(x, ws[2], m, ans, r);
		matrix(x, ws[3], m, r);
	}
	/* Closing writes the file and frees the workbook, also after a failure. */
	e = workbook_close(x->wb);
	x->wb = NULL;
	oom = title.oom;
	srmgap_util__buf_release(&title);
	note(x, e);
	if (rc != SRMGAP_OK || x->oom || oom)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	if (x->lxw != LXW_NO_ERROR)
		return srmgap_error_set(err, x->lxw == LXW_ERROR_CREATING_XLSX_FILE ||
			x->lxw == LXW_ERROR_CREATING_TMPFILE ? SRMGAP_EIO : SRMGAP_ERROR,
			"cannot write the workbook: %s", lxw_strerror(x->lxw));
	return SRMGAP_OK;
}

/* Copy the file at `path` to `out`. */
static int copy_out(FILE *out, const char *path, srmgap_error *err)
{
	char chunk[65536];
	FILE *in = fopen(path, "rb");
	size_t n;
	int rc = SRMGAP_OK;

	if (in == NULL)
		return srmgap_error_set(err, SRMGAP_EIO, "cannot read '%s': %s",
			path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0) {
		if (fwrite(chunk, 1, n, out) != n)
			break;
	}
	if (ferror(in))
		rc = srmgap_error_set(err, SRMGAP_EIO, "cannot read '%s': %s",
			path, strerror(errno));
	else if (ferror(out))
		rc = srmgap_error_set(err, SRMGAP_EIO, "cannot write the workbook");
	fclose(in);
	return rc;
}

int srmgap_report_xlsx(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r, const char *tmpdir,
	srmgap_error *err)
{
	srmgap_buf path;
	xlsx x;
	int fd = -1, rc;

	if (tmpdir == NULL || tmpdir[0] == '\0')
		tmpdir = "/tmp";
	memset(&x, 0, sizeof(x));
	srmgap_util__buf_init(&x.cell);
	srmgap_util__buf_init(&x.tmp);
	srmgap_util__buf_init(&path);
	srmgap_util__buf_printf(&path, "%s/srmgap-xlsx-XXXXXX", tmpdir);
	if (path.oom) {
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		goto done;
	}
	/* A name nobody else can take; libxlsxwriter opens it again. */
	fd = mkstemp(path.data);
	if (fd < 0) {
		rc = srmgap_error_set(err, SRMGAP_EIO, "cannot create a scratch "
			"file in '%s': %s", tmpdir, strerror(errno));
		goto done;
	}
	close(fd);
	rc = build(&x, path.data, a, m, ans, rv, r, tmpdir, err);
	if (rc == SRMGAP_OK)
		rc = copy_out(out, path.data, err);
done:
	if (fd >= 0)
		unlink(path.data);
	srmgap_util__buf_release(&path);
	srmgap_util__buf_release(&x.cell);
	srmgap_util__buf_release(&x.tmp);
	return rc;
}
