/*
 * The auditor's side (audit.h): the checklist, taking verdicts back from
 * it, and the comparison of two assessments. The checklist and the
 * comparison only read; the review import writes through the store, one
 * transaction for the whole file.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "srmgap/answer.h"
#include "srmgap/audit.h"
#include "srmgap/report.h"
#include "csv_int.h"
#include "export_int.h"
#include "report_int.h"
#include "store_int.h"
#include "util_int.h"

/* Checklist ---------------------------------------------------------- */

static const char *const checklist_cols[] = {
	"assessment", "control", "area", "title", "owner", "severity", "answers",
	"evidence", "self_assessed", "self_score", "verdict", "comment", "auditor"
};
#define NCHECKLIST (sizeof(checklist_cols) / sizeof(checklist_cols[0]))

/*
 * The answers of control `c` as lines "ID question: answer", and their
 * evidence as lines "ID: evidence (as of DATE)".
 */
static void control_answers(const srmgap_audit_view *v, size_t c,
	srmgap_buf *answers, srmgap_buf *evidence)
{
	const srmgap_model *m = v->m;
	size_t i;

	for (i = 0; i < m->nquestions; i++) {
		const srmgap_question *q = &m->questions[i];
		const srmgap_answer *a = &v->ans->items[i];
		srmgap_qstate st = v->r->questions[i].state;

		if (q->control != c)
			continue;
		if (answers->len > 0)
			srmgap_util__buf_puts(answers, "\n");
		srmgap_util__buf_printf(answers, "%s %s: %s", q->id, q->text,
			a->value ? a->value : st == SRMGAP_Q_SKIPPED ?
			"(not asked)" : "(no answer)");
		if (a->value != NULL && a->note != NULL && a->note[0] != '\0')
			srmgap_util__buf_printf(answers, " (note: %s)", a->note);
		if (a->value != NULL && a->carried)
			srmgap_util__buf_puts(answers, " (carried over, not confirmed)");
		if (a->evidence != NULL && a->evidence[0] != '\0') {
			if (evidence->len > 0)
				srmgap_util__buf_puts(evidence, "\n");
			srmgap_util__buf_printf(evidence, "%s: %s", q->id, a->evidence);
			if (a->evidence_date != NULL && a->evidence_date[0] != '\0')
				srmgap_util__buf_printf(evidence, " (as of %s)",
					a->evidence_date);
		}
	}
}

/*
 * A text cell of the checklist. Text that already starts with an
 * apostrophe before a formula character gets one more, so that the
 * review import, which drops the apostrophe srmgap adds, gives it back
 * exactly.
 */
/* 1 when `s` is apostrophes, then what a spreadsheet runs as a formula. */
static int quoted_formula(const char *s)
{
	size_t n = strspn(s, "'");

	return n > 0 && srmgap_export__is_formula(s + n);
}

static void checklist_csv_text(FILE *out, const char *s)
{
	if (quoted_formula(s))
		fputc('\'', out);
	srmgap_csv_cell(out, s, 1);
}

static const char *buf_str(const srmgap_buf *b)
{
	return b->len > 0 ? b->data : "";
}

static void md_cell(FILE *out, const char *s)
{
	fputs(" ", out);
	srmgap_report__md_escape(out, s);
	fputs(" |", out);
}

static void html_cell(FILE *out, const char *s)
{
	fputs("<td>", out);
	srmgap_report__html_escape(out, s);
	fputs("</td>", out);
}

/*
 * "Model: ...; organisation: ...; self-assessed score ...; N of M
 * controls reviewed." with the texts escaped by `esc` for the format.
 */
static void checklist_summary(FILE *out, const srmgap_audit_view *v,
	void (*esc)(FILE *, const char *))
{
	char pct[16];

	srmgap_report_percent(pct, sizeof(pct), v->r->overall);
	fputs("Model: ", out);
	esc(out, v->m->title);
	fputs(" ", out);
	esc(out, v->m->version);
	fputs("; organisation: ", out);
	esc(out, v->a->org[0] ? v->a->org : "-");
	fprintf(out, "; self-assessed score %s; %zu of %zu controls reviewed.",
		v->r->scored ? pct : "n/a", v->r->reviewed, v->r->applicable);
}

static void checklist_title(FILE *out, const srmgap_audit_view *v, int format)
{
	const srmgap_assessment *a = v->a;

	if (format == SRMGAP_CHECKLIST_MARKDOWN) {
		fputs("# Audit checklist: ", out);
		srmgap_report__md_escape(out, a->name);
		fputs("\n\n", out);
		checklist_summary(out, v, srmgap_report__md_escape);
		fputs("\n\nVerdicts: verified, not-verified, needs-evidence.\n\n|",
			out);
	} else {
		fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			"<title>Audit checklist: ", out);
		srmgap_report__html_escape(out, a->name);
		fputs("</title><style>body{font:11pt/1.4 sans-serif;margin:2em}"
			"table{border-collapse:collapse;width:100%}th,td{border:1px "
			"solid #999;padding:4px 6px;vertical-align:top;text-align:left;"
			"white-space:pre-wrap}th{background:#eee}tr{page-break-inside:"
			"avoid}td.blank{min-width:8em}@page{size:A4 landscape;margin:"
			"12mm}</style></head><body>\n<h1>Audit checklist: ", out);
		srmgap_report__html_escape(out, a->name);
		fputs("</h1>\n<p>", out);
		checklist_summary(out, v, srmgap_report__html_escape);
		fputs("</p>\n<p>Verdicts: verified, not-verified, "
			"needs-evidence.</p>\n<table>\n<thead><tr>", out);
	}
}

int srmgap_checklist_write(FILE *out, const srmgap_audit_view *v, int format)
{
	const srmgap_model *m = v->m;
	srmgap_buf answers, evidence;
	size_t c, k;

	if (format != SRMGAP_CHECKLIST_CSV)
		checklist_title(out, v, format);
	for (k = 0; k < NCHECKLIST; k++) {
		if (format == SRMGAP_CHECKLIST_CSV)
			fprintf(out, "%s%s", k ? "," : "", checklist_cols[k]);
		else if (format == SRMGAP_CHECKLIST_MARKDOWN)
			fprintf(out, " %s |", checklist_cols[k]);
		else
			fprintf(out, "<th>%s</th>", checklist_cols[k]);
	}
	if (format == SRMGAP_CHECKLIST_CSV)
		fputs("\r\n", out);
	else if (format == SRMGAP_CHECKLIST_MARKDOWN) {
		fputs("\n|", out);
		for (k = 0; k < NCHECKLIST; k++)
			fputs(" --- |", out);
		fputs("\n", out);
	} else {
		fputs("</tr></thead>\n<tbody>\n", out);
	}
	for (c = 0; c < m->ncontrols; c++) {
		const srmgap_control *ctl = &m->controls[c];
		const srmgap_control_result *cr = &v->r->controls[c];
		const srmgap_review *rev = v->rv && c < v->rv->count ?
			&v->rv->items[c] : NULL;
		const char *f[NCHECKLIST];
		char score[32] = "", was[1100];
		int outdated;

		if (!srmgap_control_scored(ctl))
			continue;
		srmgap_util__buf_init(&answers);
		srmgap_util__buf_init(&evidence);
		control_answers(v, c, &answers, &evidence);
		if (cr->status != SRMGAP_NOT_APPLICABLE &&
		    cr->status != SRMGAP_UNANSWERED)
			snprintf(score, sizeof(score), "%.6f", cr->score);
		f[0] = v->a->name;
		f[1] = ctl->id;
		f[2] = m->areas[ctl->area].name;
		f[3] = ctl->title;
		/* The owner as the catalog and the CSV report name it. */
		f[4] = ctl->owner_id;
		f[5] = srmgap_severity_name(ctl->severity);
		f[6] = buf_str(&answers);
		f[7] = buf_str(&evidence);
		f[8] = srmgap_status_name(cr->status);
		f[9] = score;
		/*
		 * An outdated verdict is not offered as the verdict: the answers
		 * changed after it and the auditor has to look again.
		 */
		outdated = rev && rev->verdict && rev->outdated;
		if (outdated)
			snprintf(was, sizeof(was), "(%s by %.64s on answers that "
				"changed since%s%.900s)", srmgap_verdict_name(rev->verdict),
				rev->auditor, rev->comment[0] ? ": " : "", rev->comment);
		f[10] = rev && rev->verdict && !outdated ?
			srmgap_verdict_name(rev->verdict) : "";
		f[11] = outdated ? was : rev && rev->verdict ? rev->comment : "";
		f[12] = rev && rev->verdict && !outdated ? rev->auditor : "";
		if (format == SRMGAP_CHECKLIST_MARKDOWN)
			fputs("|", out);
		else if (format == SRMGAP_CHECKLIST_HTML)
			fputs("<tr>", out);
		for (k = 0; k < NCHECKLIST; k++) {
			if (format == SRMGAP_CHECKLIST_CSV) {
				if (k)
					fputc(',', out);
				if (k == 9)
					srmgap_csv_cell(out, f[k], 0);
				else
					checklist_csv_text(out, f[k]);
			} else if (format == SRMGAP_CHECKLIST_MARKDOWN) {
				md_cell(out, f[k]);
			} else {
				html_cell(out, f[k]);
			}
		}
		fputs(format == SRMGAP_CHECKLIST_CSV ? "\r\n" :
			format == SRMGAP_CHECKLIST_MARKDOWN ? "\n" : "</tr>\n", out);
		srmgap_util__buf_release(&answers);
		srmgap_util__buf_release(&evidence);
	}
	if (format == SRMGAP_CHECKLIST_HTML)
		fputs("</tbody></table>\n<p>Auditor: ______________________ "
			"Date: ____________ Signature: ______________________</p>\n"
			"</body></html>\n", out);
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}

/* Review import ------------------------------------------------------ */

enum { R_CONTROL, R_VERDICT, R_COMMENT, R_AUDITOR, R_ASSESSMENT, R_N };

/* The checklist's own columns are known, so they are not warned about. */
static const srmgap_csv_col review_cols[] = {
	{ "control", 1 }, { "verdict", 1 }, { "comment", 0 }, { "auditor", 0 },
	{ "assessment", 0 }, { "area", 0 }, { "title", 0 }, { "owner", 0 }, { "severity", 0 },
	{ "answers", 0 }, { "evidence", 0 }, { "self_assessed", 0 },
	{ "self_score", 0 }
};
#define NREVIEW_COLS (sizeof(review_cols) / sizeof(review_cols[0]))

typedef struct review_ctx {
	srmgap_store *s;
	const srmgap_assessment *a;
	const srmgap_model *m;
	const char *auditor;
	int auditor_given;     /* --auditor named one */
	int other_reported;    /* a row of another assessment was reported */
	srmgap_diags *d;
	srmgap_error *err;
	srmgap_review_stats stats;
	int idx[NREVIEW_COLS];
	size_t width;
	int header_bad;
	size_t errors_at_start;
	unsigned long *lines;   /* per control: line it was reviewed on */
	srmgap_reviews before;
} review_ctx;

static unsigned long rcol(const review_ctx *c, int k)
{
	return c->idx[k] >= 0 ? (unsigned long)c->idx[k] + 1 : 0;
}

/*
 * Undo the apostrophe srmgap puts before a CSV cell a spreadsheet would
 * run as a formula (and the one checklist_csv_text() adds before text
 * that looked like that already), so a checklist written by srmgap
 * comes back as it was recorded.
 */
static const char *unneutralise(const char *v)
{
	return quoted_formula(v) ? v + 1 : v;
}

static int review_row(const srmgap_csv_row *row, void *vctx)
{
	review_ctx *c = vctx;
	const char *cid, *verdict, *comment, *auditor;
	const srmgap_review *old;
	srmgap_error terr;
	srmgap_verdict v;
	int named_auditor;
	long ci;
	int rc;

	if (row->index == 0) {
		if (srmgap_csv__map_header(row, review_cols, NREVIEW_COLS, c->idx,
		    c->d) != SRMGAP_OK)
			c->header_bad = 1;
		c->width = row->nfields;
		return SRMGAP_OK;
	}
	if (c->header_bad)
		return SRMGAP_OK;
	c->stats.rows++;
	srmgap_csv__check_width(row, c->width, c->d);
	cid = srmgap_csv__field(row, c->idx[R_CONTROL]);
	verdict = srmgap_csv__field(row, c->idx[R_VERDICT]);
	comment = unneutralise(srmgap_csv__field(row, c->idx[R_COMMENT]));
	auditor = unneutralise(srmgap_csv__field(row, c->idx[R_AUDITOR]));
	named_auditor = auditor[0] != '\0' || c->auditor_given;
	if (auditor[0] == '\0')
		auditor = c->auditor;
	/* The checklist of one assessment does not go into another. */
	if (c->idx[R_ASSESSMENT] >= 0 &&
	    strcmp(srmgap_csv__field(row, c->idx[R_ASSESSMENT]), "") != 0 &&
	    strcmp(unneutralise(srmgap_csv__field(row, c->idx[R_ASSESSMENT])),
	    c->a->name) != 0) {
		/* A whole checklist of another assessment: one message is enough. */
		if (!c->other_reported)
			srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
				rcol(c, R_ASSESSMENT), "this row is for assessment '%.64s', "
				"not '%s' (the first such row)",
				srmgap_csv__field(row, c->idx[R_ASSESSMENT]), c->a->name);
		c->other_reported = 1;
		return SRMGAP_OK;
	}
	ci = srmgap_model_control_named(c->m, cid);
	if (ci < 0) {
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			rcol(c, R_CONTROL), "unknown control '%.64s' in model '%s'", cid,
			c->m->id);
		return SRMGAP_OK;
	}
	if (!srmgap_control_scored(&c->m->controls[ci])) {
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			rcol(c, R_CONTROL), "control '%s' belongs to the provider: "
			"it takes no verdict", cid);
		return SRMGAP_OK;
	}
	if (c->lines[ci] != 0) {
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			rcol(c, R_CONTROL), "duplicate row for control '%s' (first on "
			"line %lu)", cid, c->lines[ci]);
		return SRMGAP_OK;
	}
	c->lines[ci] = row->line;
	if (verdict[0] == '\0') {
		c->stats.empty++;
		if (comment[0] != '\0')
			srmgap_diags_add(c->d, SRMGAP_DIAG_WARNING, row->path, row->line,
				rcol(c, R_COMMENT), "comment on '%s' without a verdict is "
				"not stored", cid);
		return SRMGAP_OK;
	}
	if (srmgap_verdict_parse(&v, verdict) != SRMGAP_OK) {
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			rcol(c, R_VERDICT), "invalid verdict '%.32s' for '%s' (expected "
			"verified, not-verified or needs-evidence)", verdict, cid);
		return SRMGAP_OK;
	}
	/* Checked here, for every row, so that each problem is listed. */
	if (srmgap_text_check("comment", comment, SRMGAP_REMARK_MAX, 1, &terr) != SRMGAP_OK)
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			rcol(c, R_COMMENT), "%s: %s", cid, terr.msg);
	if (srmgap_text_check("auditor", auditor, SRMGAP_NAME_MAX, 0, &terr) != SRMGAP_OK)
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			rcol(c, R_AUDITOR), "%s: %s", cid, terr.msg);
	if (c->d->errors > c->errors_at_start)
		return SRMGAP_OK;
	/*
	 * A file without a comment column keeps the comments recorded, and
	 * a verdict that does not change keeps its auditor unless the file
	 * or --auditor names one.
	 */
	old = &c->before.items[ci];
	if (c->idx[R_COMMENT] < 0)
		comment = old->verdict ? old->comment : "";
	/* Given again on changed answers, an outdated verdict is renewed. */
	if (old->verdict == v && !old->outdated &&
	    strcmp(old->comment, comment) == 0 &&
	    (strcmp(old->auditor, auditor) == 0 || !named_auditor)) {
		c->stats.unchanged++;
		return SRMGAP_OK;
	}
	rc = srmgap_store_put_review(c->s, c->a->id, c->m, (size_t)ci, v,
		comment, auditor, c->err);
	if (rc == SRMGAP_EUSAGE) {
		/* The store names the field at fault: point at its column. */
		int k = strstr(c->err->msg, "auditor") != NULL ? R_AUDITOR :
			R_COMMENT;

		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			rcol(c, k), "%s: %s", cid, c->err->msg);
		return SRMGAP_OK;
	}
	if (rc == SRMGAP_OK)
		c->stats.recorded++;
	return rc;
}

int srmgap_review_import(srmgap_store *s, const char *path,
	const srmgap_assessment *a, const srmgap_model *m, const char *auditor,
	srmgap_diags *d, srmgap_review_stats *stats, srmgap_error *err)
{
	review_ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.a = a;
	c.m = m;
	c.auditor_given = auditor != NULL && auditor[0] != '\0';
	c.auditor = c.auditor_given ? auditor : srmgap_store__actor(s);
	c.d = d;
	c.err = err;
	c.errors_at_start = d->errors;
	c.lines = calloc(m->ncontrols + 1, sizeof(*c.lines));
	if (c.lines == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	rc = srmgap_store_begin(s, err);
	if (rc != SRMGAP_OK)
		goto out;
	rc = srmgap_store_writable(s, a->id, a->name, err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_load_reviews(&c.before, s, a->id, m, err);
	if (rc != SRMGAP_OK)
		goto done;
	rc = srmgap_csv__parse_into(path, 0, review_row, &c, d, err);
	if (rc != SRMGAP_OK)
		goto done;
	if (c.width == 0 && d->errors == c.errors_at_start) {
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 1, 1, "empty file: "
			"expected a header row (control,verdict[,comment,auditor])");
		c.header_bad = 1;
	}
	if (d->errors > c.errors_at_start || c.header_bad)
		rc = srmgap_error_set(err, SRMGAP_EINVALID, "'%s' rejected: no "
			"verdict was recorded", path);
done:
	if (rc == SRMGAP_OK)
		rc = srmgap_store_commit(s, err);
	else
		srmgap_store_rollback(s);
out:
	srmgap_reviews_release(&c.before);
	free(c.lines);
	if (stats != NULL)
		*stats = c.stats;
	return rc;
}

/* Comparison --------------------------------------------------------- */

typedef enum change {
	CH_NEW_GAP = 0, CH_WORSE, CH_REMOVED, CH_RESOLVED, CH_BETTER,
	CH_CHANGED, CH_ADDED, CH_SAME
} change;

static const char *const change_names[] = {
	"new-gap", "worse", "removed", "resolved", "better", "changed", "added",
	"same"
};

static int is_gap(srmgap_status s)
{
	return s == SRMGAP_PARTIAL || s == SRMGAP_NOT_MET ||
		s == SRMGAP_UNANSWERED;
}

/* Whether a status has a score worth comparing. */
static int has_score(srmgap_status s)
{
	return s == SRMGAP_MET || s == SRMGAP_PARTIAL || s == SRMGAP_NOT_MET ||
		s == SRMGAP_UNANSWERED;
}

typedef struct diff_row {
	change ch;
	long oi, ni;            /* control index in old and new, -1 if absent */
} diff_row;

static change classify(const srmgap_audit_view *o, long oi,
	const srmgap_audit_view *n, long ni)
{
	const srmgap_control_result *a, *b;

	if (oi < 0)
		return CH_ADDED;
	if (ni < 0)
		return CH_REMOVED;
	a = &o->r->controls[oi];
	b = &n->r->controls[ni];
	if (is_gap(b->status) && !is_gap(a->status))
		return CH_NEW_GAP;
	if (!is_gap(b->status) && is_gap(a->status))
		return CH_RESOLVED;
	if (has_score(a->status) && has_score(b->status) &&
	    fabs(a->score - b->score) > SRMGAP_SCORE_EPSILON)
		return b->score > a->score ? CH_BETTER : CH_WORSE;
	/* Neither side a gap: met <-> not-applicable. */
	if (a->status == b->status)
		return CH_SAME;
	return b->status == SRMGAP_MET ? CH_BETTER : CH_CHANGED;
}

/*
 * Order rows by kind of change, keeping catalog order within a kind (a
 * counting sort: qsort is not stable). Counts per kind go to `counts`.
 */
static int group_rows(diff_row **rows, size_t n, size_t *counts)
{
	diff_row *sorted = calloc(n + 1, sizeof(*sorted));
	size_t pos[CH_SAME + 1], k, i, at = 0;

	if (sorted == NULL) {
		free(*rows);
		*rows = NULL;
		return SRMGAP_ENOMEM;
	}
	for (i = 0; i < n; i++)
		counts[(*rows)[i].ch]++;
	for (k = 0; k <= CH_SAME; k++) {
		pos[k] = at;
		at += counts[k];
	}
	for (i = 0; i < n; i++)
		sorted[pos[(*rows)[i].ch]++] = (*rows)[i];
	free(*rows);
	*rows = sorted;
	return SRMGAP_OK;
}

/* One line of a table, without the padding its last column leaves. */
static void put_line(FILE *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put_line(FILE *out, const char *fmt, ...)
{
	char line[256];
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	n = strlen(line);
	while (n > 0 && line[n - 1] == ' ')
		n--;
	fprintf(out, "%.*s\n", (int)n, line);
}

static void pct_or(char *buf, size_t n, int scored, double v)
{
	if (scored)
		srmgap_report_percent(buf, n, v);
	else
		snprintf(buf, n, "n/a");
}

/* The change between two scores as shown (one decimal), so it adds up. */
static void delta(char *buf, size_t n, int a_ok, double a, int b_ok, double b)
{
	char x[16], y[16];

	if (!a_ok || !b_ok) {
		snprintf(buf, n, "%s", "");
		return;
	}
	srmgap_report_percent(x, sizeof(x), a);
	srmgap_report_percent(y, sizeof(y), b);
	snprintf(buf, n, "%+.1f", strtod(y, NULL) - strtod(x, NULL) + 0.0);
}

/*
 * The state of an area with no score: the providers cover it
 * ("inherited"), or its customer controls are all not applicable.
 */
static const char *area_state(const srmgap_area_result *ar)
{
	if (ar->scored)
		return "scored";
	return ar->not_applicable > 0 ? "n/a" : "inherited";
}

static void csv_score(FILE *out, int ok, double v)
{
	if (ok)
		fprintf(out, "%.6f", v);
}

static void diff_csv_row(FILE *out, const char *level, const char *id,
	const char *name, const char *os, int o_ok, double ov, const char *ns,
	int n_ok, double nv, const char *ch)
{
	char d[32];

	srmgap_csv_cell(out, level, 1);
	fputc(',', out);
	srmgap_csv_cell(out, id, 1);
	fputc(',', out);
	srmgap_csv_cell(out, name, 1);
	fputc(',', out);
	srmgap_csv_cell(out, os, 1);
	fputc(',', out);
	csv_score(out, o_ok, ov);
	fputc(',', out);
	srmgap_csv_cell(out, ns, 1);
	fputc(',', out);
	csv_score(out, n_ok, nv);
	fputc(',', out);
	/* A number column: a negative change is not a formula. */
	if (o_ok && n_ok) {
		snprintf(d, sizeof(d), "%.6f", nv - ov + 0.0);
		fputs(d, out);
	}
	fputc(',', out);
	srmgap_csv_cell(out, ch, 1);
	fputs("\r\n", out);
}

int srmgap_diff_write(FILE *out, const srmgap_audit_view *o,
	const srmgap_audit_view *n, int format)
{
	diff_row *rows = NULL;
	size_t nrows = 0, i, counts[CH_SAME + 1] = { 0 };
	char a[32], b[32], d[32];
	change last = CH_SAME;
	int first = 1;

	rows = calloc(o->m->ncontrols + n->m->ncontrols + 1, sizeof(*rows));
	if (rows == NULL)
		return SRMGAP_ENOMEM;
	for (i = 0; i < n->m->ncontrols; i++) {
		long oi;

		if (!srmgap_control_scored(&n->m->controls[i]))
			continue;
		oi = srmgap_model_control(o->m, n->m->controls[i].id);
		if (oi >= 0 && !srmgap_control_scored(&o->m->controls[oi]))
			oi = -1;
		rows[nrows].oi = oi;
		rows[nrows].ni = (long)i;
		rows[nrows].ch = classify(o, oi, n, (long)i);
		nrows++;
	}
	for (i = 0; i < o->m->ncontrols; i++) {
		long ni;

		if (!srmgap_control_scored(&o->m->controls[i]))
			continue;
		ni = srmgap_model_control(n->m, o->m->controls[i].id);
		if (ni >= 0 && srmgap_control_scored(&n->m->controls[ni]))
			continue;
		rows[nrows].oi = (long)i;
		rows[nrows].ni = -1;
		rows[nrows].ch = CH_REMOVED;
		nrows++;
	}
	if (group_rows(&rows, nrows, counts) != SRMGAP_OK)
		return SRMGAP_ENOMEM;

	if (format == SRMGAP_DIFF_CSV) {
		fputs("level,id,name,old_status,old_score,new_status,new_score,"
			"delta,change\r\n", out);
		diff_csv_row(out, "overall", "", "", o->r->scored ? "scored" : "n/a",
			o->r->scored, o->r->overall, n->r->scored ? "scored" : "n/a",
			n->r->scored, n->r->overall, "");
		for (i = 0; i < n->m->nareas; i++) {
			long oa = srmgap_model_area(o->m, n->m->areas[i].id);
			const srmgap_area_result *na = &n->r->areas[i];
			const srmgap_area_result *pa = oa >= 0 ? &o->r->areas[oa] : NULL;

			diff_csv_row(out, "area", n->m->areas[i].id, n->m->areas[i].name,
				pa ? area_state(pa) : "absent",
				pa && pa->scored, pa ? pa->score : 0,
				area_state(na), na->scored, na->score, "");
		}
		/* Areas OLD's model had and NEW's has not. */
		for (i = 0; i < o->m->nareas; i++) {
			const srmgap_area_result *pa = &o->r->areas[i];

			if (srmgap_model_area(n->m, o->m->areas[i].id) >= 0)
				continue;
			diff_csv_row(out, "area", o->m->areas[i].id, o->m->areas[i].name,
				area_state(pa), pa->scored, pa->score, "absent", 0, 0, "");
		}
		for (i = 0; i < nrows; i++) {
			const diff_row *r = &rows[i];
			const srmgap_control *c = r->ni >= 0 ?
				&n->m->controls[r->ni] : &o->m->controls[r->oi];
			const srmgap_control_result *oc = r->oi >= 0 ?
				&o->r->controls[r->oi] : NULL;
			const srmgap_control_result *nc = r->ni >= 0 ?
				&n->r->controls[r->ni] : NULL;

			diff_csv_row(out, "control", c->id, c->title,
				oc ? srmgap_status_name(oc->status) : "absent",
				oc && has_score(oc->status), oc ? oc->score : 0,
				nc ? srmgap_status_name(nc->status) : "absent",
				nc && has_score(nc->status), nc ? nc->score : 0,
				change_names[r->ch]);
		}
		free(rows);
		return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
	}

	srmgap_date_format(o->r->asof, a);
	srmgap_date_format(n->r->asof, b);
	fprintf(out, "Comparing %s (%s %s, as of %s)\n     with %s (%s %s, as of "
		"%s)\n\n", o->a->name, o->m->id, o->m->version, a, n->a->name,
		n->m->id, n->m->version, b);
	pct_or(a, sizeof(a), o->r->scored, o->r->overall);
	pct_or(b, sizeof(b), n->r->scored, n->r->overall);
	delta(d, sizeof(d), o->r->scored, o->r->overall, n->r->scored,
		n->r->overall);
	put_line(out, "Overall  %7s -> %-7s %s", a, b, d);
	if (o->r->reviewed > 0 || n->r->reviewed > 0) {
		pct_or(a, sizeof(a), o->r->scored, o->r->verified_overall);
		pct_or(b, sizeof(b), n->r->scored, n->r->verified_overall);
		delta(d, sizeof(d), o->r->scored, o->r->verified_overall,
			n->r->scored, n->r->verified_overall);
		put_line(out, "Verified %7s -> %-7s %s", a, b, d);
	}
	fputc('\n', out);
	put_line(out, "%-38s %9s %9s %7s", "Area", "Before", "After", "Change");
	for (i = 0; i < n->m->nareas; i++) {
		long oa = srmgap_model_area(o->m, n->m->areas[i].id);
		const srmgap_area_result *na = &n->r->areas[i];
		int o_ok = oa >= 0 && o->r->areas[oa].scored;
		double ov = oa >= 0 ? o->r->areas[oa].score : 0;
		char name[48];

		pct_or(a, sizeof(a), o_ok, ov);
		pct_or(b, sizeof(b), na->scored, na->score);
		if (oa >= 0 && !o_ok)
			snprintf(a, sizeof(a), "%s", area_state(&o->r->areas[oa]));
		if (!na->scored)
			snprintf(b, sizeof(b), "%s", area_state(na));
		delta(d, sizeof(d), o_ok, ov, na->scored, na->score);
		snprintf(name, sizeof(name), "%.38s", n->m->areas[i].name);
		put_line(out, "%-38s %9s %9s %7s", name, oa >= 0 ? a : "absent", b,
			d);
	}
	for (i = 0; i < o->m->nareas; i++) {
		const srmgap_area_result *pa = &o->r->areas[i];
		char name[48];

		if (srmgap_model_area(n->m, o->m->areas[i].id) >= 0)
			continue;
		pct_or(a, sizeof(a), pa->scored, pa->score);
		if (!pa->scored)
			snprintf(a, sizeof(a), "%s", area_state(pa));
		snprintf(name, sizeof(name), "%.38s", o->m->areas[i].name);
		put_line(out, "%-38s %9s %9s", name, a, "absent");
	}
	for (i = 0; i < nrows; i++) {
		const diff_row *r = &rows[i];
		const srmgap_control *c = r->ni >= 0 ?
			&n->m->controls[r->ni] : &o->m->controls[r->oi];
		const srmgap_control_result *oc = r->oi >= 0 ?
			&o->r->controls[r->oi] : NULL;
		const srmgap_control_result *nc = r->ni >= 0 ?
			&n->r->controls[r->ni] : NULL;
		static const char *const titles[] = {
			"New gaps", "Worse", "No longer assessed", "Resolved", "Better",
			"Status changed", "New controls", "Unchanged"
		};

		if (r->ch == CH_SAME)
			break;
		if (first || r->ch != last) {
			fprintf(out, "\n%s (%zu)\n", titles[r->ch], counts[r->ch]);
			first = 0;
			last = r->ch;
		}
		pct_or(a, sizeof(a), oc && has_score(oc->status),
			oc ? oc->score : 0);
		pct_or(b, sizeof(b), nc && has_score(nc->status),
			nc ? nc->score : 0);
		put_line(out, "  %-10s %-15s -> %-15s %7s -> %s", c->id,
			oc ? srmgap_status_name(oc->status) : "absent",
			nc ? srmgap_status_name(nc->status) : "absent", a, b);
		fputs("             ", out);
		srmgap_report_wrap(out, c->title, 13, 13, 80);
	}
	fprintf(out, "\n%zu control%s unchanged.\n", counts[CH_SAME],
		counts[CH_SAME] == 1 ? "" : "s");
	free(rows);
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}
