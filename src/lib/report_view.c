/*
 * What the HTML and Markdown reports share (report_int.h): both show the
 * same assessment in the same order, so which answers, evidence marks,
 * verdicts (and whether one is outdated), scores and sign-off fields
 * show, and in what words, is decided here once. A format passes its escaper and the markup it puts
 * around each inline piece (srmgap_report__marks); report_html.c and
 * report_markdown.c keep only their block structure.
 *
 * Every text from a catalog, an answer or a review goes through the
 * format's escaper, one field at a time, so that an escaper sees where
 * each field starts (Markdown escapes a leading "#" or "-").
 */
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

int srmgap_report__has_text(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* Words ---------------------------------------------------------------- */

const char *srmgap_report__status_words(srmgap_status s)
{
	switch (s) {
	case SRMGAP_MET:
		return "met";
	case SRMGAP_PARTIAL:
		return "partial";
	case SRMGAP_NOT_MET:
		return "not met";
	case SRMGAP_UNANSWERED:
		return "unanswered";
	case SRMGAP_NOT_APPLICABLE:
		return "not applicable";
	case SRMGAP_INHERITED:
		return "inherited";
	default:
		return "unreviewed";
	}
}

const char *srmgap_report__area_status_words(srmgap_status s)
{
	switch (s) {
	case SRMGAP_PARTIAL:
		return "partly met";
	case SRMGAP_MET:
	case SRMGAP_NOT_MET:
	case SRMGAP_UNANSWERED:
	case SRMGAP_NOT_APPLICABLE:
		return srmgap_report__status_words(s);
	default:
		return "providers";
	}
}

const char *srmgap_report__verdict_words(srmgap_verdict v)
{
	switch (v) {
	case SRMGAP_VERDICT_VERIFIED:
		return "verified";
	case SRMGAP_VERDICT_NOT_VERIFIED:
		return "not verified";
	case SRMGAP_VERDICT_NEEDS_EVIDENCE:
		return "needs evidence";
	default:
		return "unreviewed";
	}
}

const char *srmgap_report__owner_words(const srmgap_control *c)
{
	return c->owner == SRMGAP_OWNER_SHARED ? "shared" : "customer";
}

/* Scores and statuses -------------------------------------------------- */

void srmgap_report__score_text(char *buf, size_t n, int scored, double v)
{
	if (scored)
		srmgap_report_percent(buf, n, v);
	else
		snprintf(buf, n, "n/a");
}

void srmgap_report__status_text(char *buf, size_t n, srmgap_status s,
	double score)
{
	char p[32];

	if (s != SRMGAP_PARTIAL) {
		snprintf(buf, n, "%s", srmgap_report__status_words(s));
		return;
	}
	srmgap_report_percent(p, sizeof(p), score);
	snprintf(buf, n, "%s %s", srmgap_report__status_words(s), p);
}

/* "2 met, 1 partial" over the area's applicable controls. */
static void area_counts(char *buf, size_t n, const srmgap_area_result *ar)
{
	const struct {
		size_t count;
		const char *words;
	} part[] = {
		{ ar->met, "met" },
		{ ar->partial, "partial" },
		{ ar->not_met, "not met" },
		{ ar->unanswered, "unanswered" },
	};
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(part) / sizeof(part[0]) && len < n; i++) {
		if (part[i].count == 0)
			continue;
		snprintf(buf + len, n - len, "%s%zu %s", len > 0 ? ", " : "",
			part[i].count, part[i].words);
		len += strlen(buf + len);
	}
}

void srmgap_report__area_cell_init(srmgap_report__area_cell *cell,
	const srmgap_result *r, size_t i)
{
	const srmgap_area_result *ar = &r->areas[i];

	cell->status = srmgap_report__area_status(r, i);
	cell->words = srmgap_report__area_status_words(cell->status);
	cell->scored = ar->scored;
	cell->score[0] = '\0';
	cell->counts[0] = '\0';
	cell->note = NULL;
	if (ar->scored) {
		srmgap_report_percent(cell->score, sizeof(cell->score), ar->score);
		area_counts(cell->counts, sizeof(cell->counts), ar);
	} else if (cell->status == SRMGAP_INHERITED) {
		cell->note = "no customer controls";
	}
}

/* Answers -------------------------------------------------------------- */

/* 1 when the report has a stored answer slot for question `q`. */
static int has_slot(const srmgap_report__doc *d, size_t q)
{
	return q < d->ans->count;
}

int srmgap_report__gap_shows(const srmgap_report__doc *d, size_t c,
	size_t q)
{
	if (d->m->questions[q].control != c || !has_slot(d, q))
		return 0;
	return d->ans->items[q].value != NULL ||
		d->r->questions[q].state == SRMGAP_Q_MISSING;
}

int srmgap_report__control_shows(const srmgap_report__doc *d, size_t c,
	size_t q)
{
	return d->m->questions[q].control == c && has_slot(d, q) &&
		d->r->questions[q].state != SRMGAP_Q_PROVIDER;
}

/* w.before, `s` escaped, w.after. */
static void put(FILE *out, const srmgap_report__marks *mk,
	srmgap_report__wrap w, const char *s)
{
	fputs(w.before, out);
	mk->esc(out, s);
	fputs(w.after, out);
}

void srmgap_report__put_when(FILE *out, const srmgap_report__marks *mk,
	const char *t)
{
	srmgap_buf b;

	srmgap_util__buf_init(&b);
	srmgap_report__when(&b, t);
	mk->esc(out, b.oom || b.data == NULL ? t : b.data);
	srmgap_util__buf_release(&b);
}

void srmgap_report__put_answer(FILE *out, const srmgap_report__marks *mk,
	const srmgap_report__doc *d, size_t q)
{
	const srmgap_answer *a = &d->ans->items[q];
	const srmgap_question_result *qr = &d->r->questions[q];
	const char *words = srmgap_report__qstate_words(qr->state);
	char p[32];

	if (a->value != NULL)
		put(out, mk, mk->answer, a->value);
	if (qr->state == SRMGAP_Q_SCORED) {
		srmgap_report_percent(p, sizeof(p), qr->score);
		fprintf(out, "%s%s%s", mk->qscore.before, p, mk->qscore.after);
	} else if (words != NULL && !(qr->state == SRMGAP_Q_NA &&
	    a->value != NULL)) {
		fprintf(out, "%s%s%s%s", a->value != NULL ? " " : "",
			mk->qstate.before, words, mk->qstate.after);
	}
}

void srmgap_report__put_evidence(FILE *out, const srmgap_report__marks *mk,
	const srmgap_report__doc *d, const srmgap_answer *a, int label)
{
	const char *sep = "";

	if (srmgap_report__has_text(a->evidence)) {
		fputs(label ? mk->ev_label : "", out);
		put(out, mk, mk->evidence, a->evidence);
		sep = " ";
	}
	if (srmgap_report__has_text(a->evidence_date)) {
		fprintf(out, "%s%sas of ", sep, mk->as_of.before);
		mk->esc(out, a->evidence_date);
		fputs(mk->as_of.after, out);
		sep = " ";
	}
	if (a->carried) {
		fprintf(out, "%s%scarried over", sep, mk->carried.before);
		if (srmgap_report__has_text(d->a->parent)) {
			fputs(" from ", out);
			mk->esc(out, d->a->parent);
		}
		fputs(mk->carried.after, out);
		sep = " ";
	}
	if (srmgap_report__has_text(a->note)) {
		fputs(sep[0] != '\0' ? mk->note_sep : "", out);
		put(out, mk, mk->note, a->note);
	}
}

/* Reviews, controls, the assessment ------------------------------------ */

const char srmgap_report__outdated_words[] = "outdated: the answers "
	"changed since";

int srmgap_report__any_verdict(const srmgap_result *r)
{
	return r->reviewed > 0 || r->outdated > 0;
}

void srmgap_report__put_reviewed(FILE *out, const srmgap_result *r)
{
	fprintf(out, "%zu of %zu control%s reviewed by an auditor", r->reviewed,
		r->applicable, r->applicable == 1 ? "" : "s");
	if (r->outdated > 0)
		fprintf(out, ", %zu outdated", r->outdated);
}

void srmgap_report__put_review(FILE *out, const srmgap_report__marks *mk,
	const srmgap_review *rv)
{
	int by = srmgap_report__has_text(rv->auditor);
	int at = srmgap_report__has_text(rv->reviewed_at);

	/* Still shown, but it vouches for answers that are no longer there. */
	if (rv->outdated)
		fprintf(out, "%s%s%s", mk->outdated.before,
			srmgap_report__outdated_words, mk->outdated.after);
	if (srmgap_report__has_text(rv->comment))
		put(out, mk, mk->comment, rv->comment);
	if (!by && !at)
		return;
	fputs(mk->by.before, out);
	mk->esc(out, rv->auditor);
	if (by && at)
		fputs(", ", out);
	srmgap_report__put_when(out, mk, rv->reviewed_at);
	fputs(mk->by.after, out);
}

void srmgap_report__put_refs(FILE *out, const srmgap_report__marks *mk,
	const char *refs)
{
	const char *p = refs;

	while (*p != '\0') {
		size_t n = strcspn(p, "|");
		srmgap_buf b;

		srmgap_util__buf_init(&b);
		srmgap_util__buf_put(&b, p, n);
		put(out, mk, mk->ref, b.data ? b.data : "");
		srmgap_util__buf_release(&b);
		p += n;
		if (*p == '|') {
			p++;
			fputs(mk->ref_sep, out);
		}
	}
}

void srmgap_report__put_owner(FILE *out, const srmgap_report__marks *mk,
	const srmgap_report__doc *d, size_t c)
{
	const srmgap_control *ctl = &d->m->controls[c];
	const srmgap_control_result *cr = &d->r->controls[c];

	if (ctl->owner == SRMGAP_OWNER_PROVIDER) {
		mk->esc(out, d->m->parties[ctl->owner_party].name);
		fputs(" (provider), not scored", out);
		return;
	}
	fprintf(out, "%s \xc2\xb7 weight %g", srmgap_report__owner_words(ctl),
		ctl->weight);
	if (cr->priority > 0)
		fprintf(out, " \xc2\xb7 gap %zu", cr->priority);
}

void srmgap_report__put_carried(FILE *out, const srmgap_report__marks *mk,
	const srmgap_assessment *a)
{
	fprintf(out, "%ld answer%s", a->carried, a->carried == 1 ? "" : "s");
	if (srmgap_report__has_text(a->parent)) {
		fputs(" from ", out);
		mk->esc(out, a->parent);
	}
	fputs(", not yet confirmed", out);
}

const char srmgap_report__seal_note[] = "The seal is the hash of the "
	"sign-off event in the assessment's audit trail. Each event's hash "
	"covers the one before it, so a later change to anything recorded "
	"before the sign-off no longer matches the seal.";

/* Placeholders --------------------------------------------------------- */

static int emit_text(FILE *out, const srmgap_report__doc *d, int var)
{
	srmgap_buf b;
	int oom;

	srmgap_util__buf_init(&b);
	srmgap_report__scalar(&b, d, var);
	oom = b.oom;
	if (!oom)
		d->format->marks->esc(out, b.data ? b.data : "");
	srmgap_util__buf_release(&b);
	return oom ? SRMGAP_ENOMEM : SRMGAP_OK;
}

static void fragment(FILE *out, const srmgap_report__doc *d, int var)
{
	srmgap_report__fragment_fn fn;

	if (var >= SRMGAP_TV_COUNT || (var == SRMGAP_TV_CONTROLS && d->gaps_only))
		return;
	fn = d->format->fragment[var - SRMGAP_TV_FIRST_FRAGMENT];
	if (fn != NULL)
		fn(out, d);
}

/* The fragment goes through memory so that its final line ends can go. */
static int emit_trimmed(FILE *out, const srmgap_report__doc *d, int var)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	mem = open_memstream(&buf, &len);
	if (mem == NULL)
		return SRMGAP_ENOMEM;
	fragment(mem, d, var);
	if (fclose(mem) != 0 || buf == NULL) {
		free(buf);
		return SRMGAP_ENOMEM;
	}
	while (len > 0 && buf[len - 1] == '\n')
		len--;
	fwrite(buf, 1, len, out);
	free(buf);
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}

static int emit(FILE *out, const srmgap_report__doc *d, int var)
{
	if (var < SRMGAP_TV_FIRST_FRAGMENT)
		return emit_text(out, d, var);
	if (d->format->trim)
		return emit_trimmed(out, d, var);
	fragment(out, d, var);
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}

int srmgap_report__render(FILE *out, const srmgap_template *t,
	const srmgap_report__format *f, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r,
	const srmgap_report_opts *o)
{
	srmgap_report__doc d;

	d.a = a;
	d.m = m;
	d.ans = ans;
	d.rv = rv;
	d.r = r;
	d.gaps_only = o != NULL && o->gaps_only;
	d.format = f;
	return srmgap_template__render(out, t, &d, emit);
}
