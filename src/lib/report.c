/*
 * Report writers (report.h): the gap report and the scores, as text for
 * people and as CSV for tools, and the cell rules every export shares
 * (export_int.h): what a spreadsheet cell may hold, and CSV cells in a
 * chosen dialect (delimiter, byte order mark).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srmgap/report.h"
#include "export_int.h"
#include "util_int.h"

#define BOLD(o) ((o)->color ? "\033[1m" : "")
#define RED(o) ((o)->color ? "\033[31m" : "")
#define YELLOW(o) ((o)->color ? "\033[33m" : "")
#define GREEN(o) ((o)->color ? "\033[32m" : "")
#define DIM(o) ((o)->color ? "\033[2m" : "")
#define RESET(o) ((o)->color ? "\033[0m" : "")

static const srmgap_report_opts default_opts = { 0, 0, 80 };

size_t srmgap_model_scored_controls(const srmgap_model *m)
{
	size_t i, n = 0;

	for (i = 0; i < m->ncontrols; i++)
		n += srmgap_control_scored(&m->controls[i]);
	return n;
}

int srmgap_export__is_formula(const char *s)
{
	return s != NULL && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

void srmgap_export__cell_text(srmgap_buf *b, const char *s, int text)
{
	int valid;

	if (s == NULL)
		s = "";
	if (text && srmgap_export__is_formula(s))
		srmgap_util__buf_put(b, "'", 1);
	while (*s != '\0') {
		size_t n = srmgap_util__utf8_next(s, &valid);

		if (valid)
			srmgap_util__buf_put(b, s, n);
		else
			srmgap_util__buf_puts(b, SRMGAP_UTIL_REPLACEMENT);
		s += n;
	}
	/* An empty cell still gets a string, so that callers need no NULL check. */
	if (b->data == NULL)
		srmgap_util__buf_put(b, "", 0);
}

/* Write `s`, invalid UTF-8 replaced and, with `quoted`, '"' doubled. */
static void put_clean(FILE *out, const char *s, int quoted)
{
	int valid;

	while (*s != '\0') {
		size_t n = srmgap_util__utf8_next(s, &valid);

		if (!valid)
			fputs(SRMGAP_UTIL_REPLACEMENT, out);
		else if (quoted && *s == '"')
			fputs("\"\"", out);
		else
			fwrite(s, 1, n, out);
		s += n;
	}
}

void srmgap_csv_cell(FILE *out, const char *s, int text)
{
	int neutral, quoted;
	size_t n;

	if (s == NULL)
		s = "";
	n = strlen(s);
	neutral = text && srmgap_export__is_formula(s);
	/*
	 * Every delimiter of a dialect (',' ';' tab) is quoted, whichever one
	 * the file is written with: a file opened with another delimiter must
	 * not have a cell split into one that starts with '=' and runs as a
	 * formula. Unquoted spaces at either end would be trimmed when read
	 * back. Replacing invalid UTF-8 changes no ASCII byte, so the test can
	 * look at `s` itself.
	 */
	quoted = strpbrk(s, ",;\t\"\r\n") != NULL ||
		s[0] == ' ' || (n > 0 && s[n - 1] == ' ');
	if (quoted)
		fputc('"', out);
	if (neutral)
		fputc('\'', out);
	put_clean(out, s, quoted);
	if (quoted)
		fputc('"', out);
}

/* A cell, then `delim`, or the line end after the `last` of a row. */
static void put_cell(FILE *out, char delim, const char *s, int text, int last)
{
	srmgap_csv_cell(out, s, text);
	if (last)
		fputs("\r\n", out);
	else
		fputc(delim, out);
}

static void cell(FILE *out, char delim, const char *s, int last)
{
	put_cell(out, delim, s, 1, last);
}

static void num_cell(FILE *out, char delim, const char *s, int last)
{
	put_cell(out, delim, s, 0, last);
}

static void count_cell(FILE *out, char delim, size_t v, int last)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", v);
	num_cell(out, delim, num, last);
}

/*
 * The delimiter of dialect `d` (NULL: the default), or 0 when it is not
 * one srmgap writes.
 */
static char dialect_delim(const srmgap_csv_dialect *d)
{
	if (d == NULL || d->delimiter == '\0' || d->delimiter == ',')
		return ',';
	return d->delimiter == ';' || d->delimiter == '\t' ? d->delimiter : 0;
}

static void dialect_start(FILE *out, const srmgap_csv_dialect *d)
{
	if (d != NULL && d->bom)
		fputs("\xef\xbb\xbf", out);
}

/* A header row: `names` separated by commas, written with `delim`. */
static void header_row(FILE *out, char delim, const char *names)
{
	for (; *names != '\0'; names++)
		fputc(*names == ',' ? delim : *names, out);
	fputs("\r\n", out);
}

static void fmt_score(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%.6f", v);
}

void srmgap_report_percent(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%.1f%%", v * 100);
}

/* Display width of UTF-8 text: code points, not bytes. */
static size_t text_width(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xc0) != 0x80;
	return w;
}

/*
 * Write `n` bytes of text for a terminal: invalid UTF-8 and control
 * characters (C0, DEL, C1) become U+FFFD. What srmgap stores is checked
 * on the way in, but a database edited by hand must not drive the
 * terminal.
 */
static void put_plain(FILE *out, const char *s, size_t n)
{
	size_t i = 0, len;
	int valid;

	while (i < n) {
		len = srmgap_util__utf8_next(s + i, &valid);
		if (i + len > n)
			len = n - i;
		if (!valid || srmgap_util__is_control(s + i, len))
			fputs(SRMGAP_UTIL_REPLACEMENT, out);
		else
			fwrite(s + i, 1, len, out);
		i += len;
	}
}

void srmgap_report_wrap(FILE *out, const char *s, size_t col, size_t indent,
	size_t width)
{
	const char *p = s;
	int at_start = 1;

	while (*p != '\0') {
		size_t n, ww;

		while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " \n\t\r");
		ww = text_width(p, n);
		if (!at_start) {
			if (col + 1 + ww > width) {
				fprintf(out, "\n%*s", (int)indent, "");
				col = indent;
			} else {
				fputc(' ', out);
				col++;
			}
		}
		put_plain(out, p, n);
		col += ww;
		at_start = 0;
		p += n;
	}
	fputc('\n', out);
}

static const char *status_color(const srmgap_report_opts *o, srmgap_status s)
{
	switch (s) {
	case SRMGAP_MET:
		return GREEN(o);
	case SRMGAP_PARTIAL:
		return YELLOW(o);
	case SRMGAP_NOT_MET:
	case SRMGAP_UNANSWERED:
		return RED(o);
	default:
		return DIM(o);
	}
}

/* Pad to `w` display columns (text may hold UTF-8). */
static void padded(FILE *out, const char *s, size_t w)
{
	size_t n = strlen(s), tw = text_width(s, n);

	if (tw > w) {
		/* Cut on a character boundary and mark the cut. */
		size_t i = 0, cols = 0;

		while (i < n && cols < w - 1) {
			i++;
			while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
			cols++;
		}
		fwrite(s, 1, i, out);
		fputs("~", out);
		return;
	}
	fputs(s, out);
	fprintf(out, "%*s", (int)(w - tw), "");
}

static void header(FILE *out, const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_result *r, const srmgap_report_opts *o, const char *what)
{
	size_t width = o->width > 40 ? (size_t)o->width : 80;
	char date[16];
	srmgap_buf b;

	srmgap_util__format_date(r->asof, date);
	fprintf(out, "%s%s: ", BOLD(o), what);
	put_plain(out, a->name, strlen(a->name));
	fprintf(out, "%s\n", RESET(o));
	srmgap_util__buf_init(&b);
	srmgap_util__buf_printf(&b, "%s %s (%s%s%s)", m->title, m->version,
		m->id, m->variant[0] ? ", questionnaire " : "", m->variant);
	fputs("Model:        ", out);
	srmgap_report_wrap(out, b.data ? b.data : "", 14, 14, width);
	srmgap_util__buf_release(&b);
	fprintf(out, "Snapshot:     %.12s\n", m->hash);
	if (a->org != NULL && a->org[0] != '\0') {
		fputs("Organisation: ", out);
		srmgap_report_wrap(out, a->org, 14, 14, width);
	}
	if (a->assessor != NULL && a->assessor[0] != '\0') {
		fputs("Assessor:     ", out);
		srmgap_report_wrap(out, a->assessor, 14, 14, width);
	}
	fprintf(out, "As of:        %s\n", date);
	fprintf(out, "Answered:     %zu of %zu questions\n", r->answered,
		r->nquestions);
	if (a->carried > 0) {
		srmgap_util__buf_init(&b);
		srmgap_util__buf_printf(&b, "%ld answers from '%s' not yet "
			"confirmed", a->carried, a->parent ? a->parent : "?");
		fputs("Carried over: ", out);
		srmgap_report_wrap(out, b.data ? b.data : "", 14, 14, width);
		srmgap_util__buf_release(&b);
	}
	if (a->signed_by != NULL) {
		srmgap_util__buf_init(&b);
		srmgap_util__buf_printf(&b, "%s at %s", a->signed_by, a->signed_at);
		fputs("Signed off:   ", out);
		srmgap_report_wrap(out, b.data ? b.data : "", 14, 14, width);
		srmgap_util__buf_release(&b);
		if (a->statement != NULL && a->statement[0] != '\0') {
			fputs("Statement:    ", out);
			srmgap_report_wrap(out, a->statement, 14, 14, width);
		}
		fputs("Seal:         ", out);
		srmgap_report_wrap(out, a->seal, 14, 14, 200);
	}
}

static void overall_line(FILE *out, const srmgap_result *r,
	const srmgap_report_opts *o)
{
	char pct[32];

	if (r->scored) {
		srmgap_report_percent(pct, sizeof(pct), r->overall);
		fprintf(out, "\n%sOverall score: %s%s", BOLD(o), pct, RESET(o));
		/* The verified score once an auditor has given any verdict. */
		if (r->reviewed > 0 || r->outdated > 0) {
			srmgap_report_percent(pct, sizeof(pct), r->verified_overall);
			fprintf(out, " self-assessed, %s%s%s verified (%zu of %zu "
				"controls reviewed", BOLD(o), pct, RESET(o), r->reviewed,
				r->applicable);
			if (r->outdated > 0)
				fprintf(out, ", %zu outdated", r->outdated);
			fputc(')', out);
		}
		fputc('\n', out);
	} else {
		fprintf(out, "\n%sOverall score: n/a%s (no applicable customer "
			"control)\n", BOLD(o), RESET(o));
	}
}

/*
 * 1 when the providers cover area `i`: it has no customer or shared
 * control. An area whose customer controls are all not applicable is
 * not the providers' for that.
 */
static int provider_area(const srmgap_result *r, size_t i)
{
	const srmgap_area_result *ar = &r->areas[i];

	return !ar->scored && ar->not_applicable == 0;
}

static void area_table(FILE *out, const srmgap_model *m, const srmgap_result *r,
	const srmgap_report_opts *o)
{
	size_t i;

	fprintf(out, "\n%s%-40s %9s %5s %5s %5s %5s%s\n", BOLD(o), "Area",
		"Score", "Met", "Part", "Not", "Unans", RESET(o));
	for (i = 0; i < m->nareas; i++) {
		const srmgap_area_result *ar = &r->areas[i];
		char pct[32];

		padded(out, m->areas[i].name, 40);
		if (!ar->scored) {
			fprintf(out, " %s%9s%s\n", DIM(o), provider_area(r, i) ?
				"inherited" : "n/a", RESET(o));
			continue;
		}
		srmgap_report_percent(pct, sizeof(pct), ar->score);
		fprintf(out, " %9s %5zu %5zu %5zu %5zu\n", pct, ar->met,
			ar->partial, ar->not_met, ar->unanswered);
	}
}

/* Names of the providers with a duty in area `i`, joined by ", ". */
static void providers_of(const srmgap_model *m, size_t i, srmgap_buf *b)
{
	size_t k;

	for (k = 0; k < m->nparties; k++) {
		if (m->parties[k].is_customer || m->areas[i].duties[k] == NULL)
			continue;
		if (b->len > 0)
			srmgap_util__buf_puts(b, ", ");
		srmgap_util__buf_puts(b, m->parties[k].name);
	}
}

int srmgap_score_text(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r, const srmgap_report_opts *o)
{
	if (o == NULL)
		o = &default_opts;
	header(out, a, m, r, o, "srmgap scores");
	overall_line(out, r, o);
	area_table(out, m, r, o);
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}

void srmgap_export__join(const srmgap_model *m, const srmgap_answers *ans,
	size_t c, int field, srmgap_buf *b)
{
	size_t i;

	for (i = 0; i < m->nquestions && i < ans->count; i++) {
		const srmgap_answer *a = &ans->items[i];
		const char *v;

		if (m->questions[i].control != c || a->value == NULL)
			continue;
		v = field == 0 ? a->value : field == 1 ? a->evidence : a->note;
		if (v == NULL || v[0] == '\0')
			continue;
		if (b->len > 0)
			srmgap_util__buf_puts(b, "; ");
		srmgap_util__buf_printf(b, field == 0 ? "%s=%s" : "%s: %s",
			m->questions[i].id, v);
	}
}

int srmgap_report_text(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r,
	const srmgap_report_opts *o)
{
	size_t width, i, k, inherited = 0;

	if (o == NULL)
		o = &default_opts;
	width = o->width > 40 ? (size_t)o->width : 80;
	header(out, a, m, r, o, "srmgap gap report");
	overall_line(out, r, o);
	if (!o->gaps_only)
		area_table(out, m, r, o);

	fprintf(out, "\n%sGaps, most urgent first (%zu", BOLD(o), r->ngaps);
	if (r->critical_gaps > 0)
		fprintf(out, ", %zu critical", r->critical_gaps);
	fprintf(out, ")%s\n", RESET(o));
	if (r->ngaps == 0)
		fprintf(out, "  none: every applicable customer control is met\n");
	for (i = 0; i < r->ngaps; i++) {
		size_t c = r->gaps[i];
		const srmgap_control *ctl = &m->controls[c];
		const srmgap_control_result *cr = &r->controls[c];
		char pct[32], lead[32];
		srmgap_buf b;
		int n;

		srmgap_report_percent(pct, sizeof(pct), cr->score);
		n = snprintf(lead, sizeof(lead), "%3zu. ", i + 1);
		fprintf(out, "\n%s%s%s%s  ", lead, BOLD(o), ctl->id, RESET(o));
		fprintf(out, "%-8s  %s%s%s", srmgap_severity_name(ctl->severity),
			status_color(o, cr->status), srmgap_status_name(cr->status),
			RESET(o));
		if (cr->status == SRMGAP_PARTIAL)
			fprintf(out, " (%s)", pct);
		fprintf(out, "  %s\n", m->areas[ctl->area].name);
		fprintf(out, "%*s", n, "");
		srmgap_report_wrap(out, ctl->title, (size_t)n, (size_t)n, width);
		if (cr->verdict != SRMGAP_VERDICT_NONE) {
			const srmgap_review *rev = rv && c < rv->count ?
				&rv->items[c] : NULL;

			srmgap_util__buf_init(&b);
			srmgap_util__buf_puts(&b, srmgap_verdict_name(cr->verdict));
			if (cr->outdated)
				srmgap_util__buf_puts(&b, ", outdated: the answers changed "
					"since");
			if (rev != NULL && rev->auditor && rev->auditor[0])
				srmgap_util__buf_printf(&b, " (%s)", rev->auditor);
			if (rev != NULL && rev->comment && rev->comment[0])
				srmgap_util__buf_printf(&b, ": %s", rev->comment);
			fprintf(out, "%*sAuditor: ", n, "");
			srmgap_report_wrap(out, b.data ? b.data : "", (size_t)n + 9,
				(size_t)n + 9, width);
			srmgap_util__buf_release(&b);
		}
		/* What was answered shows why the control falls short. */
		srmgap_util__buf_init(&b);
		srmgap_export__join(m, ans, c, 0, &b);
		if (b.len > 0) {
			fprintf(out, "%*sAnswered: ", n, "");
			srmgap_report_wrap(out, b.data, (size_t)n + 10, (size_t)n + 10, width);
		}
		srmgap_util__buf_release(&b);
		if (ctl->remediation[0] != '\0') {
			fprintf(out, "%*sFix: ", n, "");
			srmgap_report_wrap(out, ctl->remediation, (size_t)n + 5, (size_t)n + 5, width);
		}
	}

	if (o->gaps_only)
		return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
	for (i = 0; i < m->nareas; i++)
		inherited += provider_area(r, i);
	fprintf(out, "\n%sCovered by the providers%s\n", BOLD(o), RESET(o));
	if (inherited == 0)
		fprintf(out, "  every area has customer duties\n");
	for (i = 0; i < m->nareas; i++) {
		srmgap_buf b;

		if (!provider_area(r, i))
			continue;
		srmgap_util__buf_init(&b);
		providers_of(m, i, &b);
		fprintf(out, "  %s: ", m->areas[i].name);
		srmgap_report_wrap(out, b.len ? b.data : "no party listed", 4 +
			text_width(m->areas[i].name, strlen(m->areas[i].name)), 4, width);
		srmgap_util__buf_release(&b);
		for (k = 0; k < m->nparties; k++) {
			if (m->parties[k].is_customer || m->areas[i].duties[k] == NULL)
				continue;
			fprintf(out, "    %s%s:%s ", DIM(o), m->parties[k].name, RESET(o));
			srmgap_report_wrap(out, m->areas[i].duties[k], 6 + text_width(
				m->parties[k].name, strlen(m->parties[k].name)), 6, width);
		}
	}
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}


int srmgap_report_csv(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans, const srmgap_result *r,
	const srmgap_report_opts *o, const srmgap_csv_dialect *d)
{
	char delim = dialect_delim(d);
	size_t i;

	if (delim == 0)
		return SRMGAP_EUSAGE;
	if (o == NULL)
		o = &default_opts;
	dialect_start(out, d);
	header_row(out, delim, "assessment,model,area,area_name,control,title,"
		"owner,severity,weight,score,status,priority,answers,evidence,notes,"
		"remediation,references");
	for (i = 0; i < m->ncontrols; i++) {
		const srmgap_control *c = &m->controls[i];
		const srmgap_control_result *cr = &r->controls[i];
		char num[64];
		srmgap_buf b;
		int k;

		if (o->gaps_only && cr->priority == 0)
			continue;
		cell(out, delim, a->name, 0);
		cell(out, delim, m->id, 0);
		cell(out, delim, c->area_id, 0);
		cell(out, delim, m->areas[c->area].name, 0);
		cell(out, delim, c->id, 0);
		cell(out, delim, c->title, 0);
		cell(out, delim, c->owner_id, 0);
		cell(out, delim, srmgap_severity_name(c->severity), 0);
		snprintf(num, sizeof(num), "%g", c->weight);
		num_cell(out, delim, num, 0);
		if (cr->status == SRMGAP_NOT_APPLICABLE ||
		    cr->status == SRMGAP_INHERITED)
			num[0] = '\0';
		else
			fmt_score(num, sizeof(num), cr->score);
		num_cell(out, delim, num, 0);
		cell(out, delim, srmgap_status_name(cr->status), 0);
		if (cr->priority > 0)
			snprintf(num, sizeof(num), "%zu", cr->priority);
		else
			num[0] = '\0';
		num_cell(out, delim, num, 0);
		for (k = 0; k < 3; k++) {
			srmgap_util__buf_init(&b);
			srmgap_export__join(m, ans, i, k, &b);
			cell(out, delim, b.data ? b.data : "", 0);
			srmgap_util__buf_release(&b);
		}
		cell(out, delim, c->remediation, 0);
		cell(out, delim, c->references, 1);
	}
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}

int srmgap_score_csv(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r)
{
	size_t i, t[5] = { 0, 0, 0, 0, 0 };
	char num[64];

	fputs("assessment,area,area_name,score,met,partial,not_met,unanswered,"
		"not_applicable\r\n", out);
	for (i = 0; i < m->nareas; i++) {
		const srmgap_area_result *ar = &r->areas[i];

		cell(out, ',', a->name, 0);
		cell(out, ',', m->areas[i].id, 0);
		cell(out, ',', m->areas[i].name, 0);
		if (ar->scored)
			fmt_score(num, sizeof(num), ar->score);
		else
			num[0] = '\0';
		num_cell(out, ',', num, 0);
		fprintf(out, "%zu,%zu,%zu,%zu,%zu\r\n", ar->met, ar->partial,
			ar->not_met, ar->unanswered, ar->not_applicable);
		t[0] += ar->met;
		t[1] += ar->partial;
		t[2] += ar->not_met;
		t[3] += ar->unanswered;
		t[4] += ar->not_applicable;
	}
	cell(out, ',', a->name, 0);
	cell(out, ',', "overall", 0);
	cell(out, ',', "Overall", 0);
	if (r->scored)
		fmt_score(num, sizeof(num), r->overall);
	else
		num[0] = '\0';
	num_cell(out, ',', num, 0);
	fprintf(out, "%zu,%zu,%zu,%zu,%zu\r\n", t[0], t[1], t[2], t[3], t[4]);
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}

int srmgap_portfolio_csv_header(FILE *out,
	const srmgap_csv_dialect *d)
{
	char delim = dialect_delim(d);

	if (delim == 0)
		return SRMGAP_EUSAGE;
	dialect_start(out, d);
	header_row(out, delim, "assessment,model,score,controls,gaps,"
		"critical_gaps,answered,questions");
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}

int srmgap_portfolio_csv_row(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r,
	const srmgap_csv_dialect *d)
{
	char delim = dialect_delim(d), num[64];
	int k;

	if (delim == 0)
		return SRMGAP_EUSAGE;
	cell(out, delim, a->name, 0);
	if (m == NULL || r == NULL) {
		/* A damaged snapshot: the names, and no figures. */
		cell(out, delim, a->model_id, 0);
		for (k = 0; k < 5; k++)
			fputc(delim, out);
		fputs("\r\n", out);
		return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
	}
	cell(out, delim, m->id, 0);
	if (r->scored)
		fmt_score(num, sizeof(num), r->overall);
	else
		num[0] = '\0';
	num_cell(out, delim, num, 0);
	count_cell(out, delim, srmgap_model_scored_controls(m), 0);
	count_cell(out, delim, r->ngaps, 0);
	count_cell(out, delim, r->critical_gaps, 0);
	count_cell(out, delim, r->answered, 0);
	count_cell(out, delim, r->nquestions, 1);
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}
