/*
 * The Markdown gap report (report.h): the content of the HTML report as
 * GitHub-flavoured Markdown, for wikis and tickets, written through a
 * template (reports/report.md). Bars become text bars, colours become
 * coloured squares next to the status words, and every table is a GFM
 * pipe table.
 *
 * Every text from a catalog, an answer or a review goes through md(),
 * which escapes a leading character that would start block markup (a
 * heading, list, rule or code block) and then everything else with
 * srmgap_report__md_escape (escape.c): no markup, no HTML and no line
 * break from the data reaches the page, so a value cannot break out of
 * its table cell or run a <script> in a wiki.
 */
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* Text as Markdown, safe anywhere on a line. NULL writes nothing. */
static void md(FILE *out, const char *s)
{
	srmgap_report__md_escape(out, s);
}

/* A stored time, as people read it. */
static void when(FILE *out, const char *t)
{
	srmgap_buf b;

	srmgap_util__buf_init(&b);
	srmgap_report__when(&b, t);
	md(out, b.oom || b.data == NULL ? t : b.data);
	srmgap_util__buf_release(&b);
}

static int has_text(const char *s)
{
	return s != NULL && s[0] != '\0';
}

static void pct(char *buf, size_t n, double v)
{
	srmgap_report_percent(buf, n, v);
}

static const char *status_words(srmgap_status s)
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

/* A coloured square that goes with a status word (never instead of it). */
static const char *status_mark(srmgap_status s)
{
	switch (s) {
	case SRMGAP_MET:
		return "\xf0\x9f\x9f\xa9";          /* green square */
	case SRMGAP_PARTIAL:
		return "\xf0\x9f\x9f\xa8";          /* yellow square */
	case SRMGAP_NOT_MET:
	case SRMGAP_UNANSWERED:
		return "\xf0\x9f\x9f\xa5";          /* red square */
	default:
		return "\xe2\xac\x9c";              /* white square */
	}
}

/* "partial 75.0%" in bold. */
static void status_text(FILE *out, srmgap_status s, double score)
{
	char p[32];

	fprintf(out, "**%s", status_words(s));
	if (s == SRMGAP_PARTIAL) {
		pct(p, sizeof(p), score);
		fprintf(out, " %s", p);
	}
	fputs("**", out);
}

static const char *verdict_words(srmgap_verdict v)
{
	return v == SRMGAP_VERDICT_VERIFIED ? "verified" :
		v == SRMGAP_VERDICT_NOT_VERIFIED ? "not verified" :
		v == SRMGAP_VERDICT_NEEDS_EVIDENCE ? "needs evidence" : "unreviewed";
}

/* Header -------------------------------------------------------------- */

static void header(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_assessment *a = d->a;
	const srmgap_model *m = d->m;
	char date[16], snap[16];

	if (has_text(a->org)) {
		fputs("- **Organisation:** ", out);
		md(out, a->org);
		fputs("\n", out);
	}
	fputs("- **Assessment:** ", out);
	md(out, a->name);
	fputs("\n- **Model:** ", out);
	md(out, m->title);
	fputs(" ", out);
	md(out, m->version);
	fputs(" (", out);
	md(out, m->id);
	if (has_text(m->variant)) {
		fputs(", questionnaire ", out);
		md(out, m->variant);
	}
	snprintf(snap, sizeof(snap), "%.12s", m->hash);
	fputs(")\n- **Snapshot:** ", out);
	md(out, snap);
	fputs("\n", out);
	if (has_text(a->assessor)) {
		fputs("- **Assessor:** ", out);
		md(out, a->assessor);
		fputs("\n", out);
	}
	srmgap_util__format_date(d->r->asof, date);
	fprintf(out, "- **As of:** %s\n- **Answered:** %zu of %zu questions\n",
		date, d->r->answered, d->r->nquestions);
	if (a->carried > 0) {
		fprintf(out, "- **Carried over:** %ld answer%s", a->carried,
			a->carried == 1 ? "" : "s");
		if (has_text(a->parent)) {
			fputs(" from ", out);
			md(out, a->parent);
		}
		fputs(", not yet confirmed\n", out);
	}
	if (has_text(a->signed_by)) {
		fputs("- **Sign-off:** signed off by ", out);
		md(out, a->signed_by);
		if (has_text(a->signed_at)) {
			fputs(", ", out);
			when(out, a->signed_at);
		}
		fputs("\n", out);
	} else {
		fputs("- **Sign-off:** draft, not signed off\n", out);
	}
}

/* Scores -------------------------------------------------------------- */

static void scores(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_result *r = d->r;
	char self[32], ver[32];

	if (r->scored) {
		pct(self, sizeof(self), r->overall);
		pct(ver, sizeof(ver), r->verified_overall);
	} else {
		strcpy(self, "n/a");
		strcpy(ver, "n/a");
	}
	fprintf(out, "| Score | | Basis |\n|---|---:|---|\n"
		"| Self-assessed | **%s** | the customer's own answers |\n"
		"| Verified | **%s** | %zu of %zu control%s reviewed by an auditor |\n"
		"\n**%zu gap%s** (%zu critical); %zu of %zu questions answered.\n",
		self, ver, r->reviewed, r->applicable, r->applicable == 1 ? "" : "s",
		r->ngaps, r->ngaps == 1 ? "" : "s", r->critical_gaps, r->answered,
		r->nquestions);
	if (!r->scored)
		fputs("\nNo customer control applies, so there is no overall "
			"score.\n", out);
}

/* Chart --------------------------------------------------------------- */

#define BAR_CELLS 20

static void bar(FILE *out, double v)
{
	int i, full = (int)(v * BAR_CELLS + 0.5);

	fputs("`", out);
	for (i = 0; i < BAR_CELLS; i++)
		fputs(i < full ? "\xe2\x96\x88" : "\xe2\x96\x91", out);
	fputs("`", out);
}

static void chart(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_model *m = d->m;
	const srmgap_result *r = d->r;
	int both = r->reviewed > 0;
	size_t i;

	fprintf(out, "| Area | Self-assessed | |%s\n|---|---:|---|%s\n",
		both ? " Verified |" : "", both ? "---:|" : "");
	for (i = 0; i < m->nareas; i++) {
		const srmgap_area_result *ar = &r->areas[i];
		char p[32];

		fputs("| ", out);
		md(out, m->areas[i].name);
		if (!ar->scored) {
			fprintf(out, " | %s | |%s\n", srmgap_report__area_status(r, i) ==
				SRMGAP_INHERITED ? "inherited" : "n/a", both ? " |" : "");
			continue;
		}
		pct(p, sizeof(p), ar->score);
		fprintf(out, " | %s | ", p);
		bar(out, ar->score);
		if (both) {
			pct(p, sizeof(p), ar->verified_score);
			fprintf(out, " | %s", p);
		}
		fputs(" |\n", out);
	}
}

/* Matrix -------------------------------------------------------------- */

static const char *area_status_words(srmgap_status s)
{
	switch (s) {
	case SRMGAP_MET:
		return "met";
	case SRMGAP_PARTIAL:
		return "partly met";
	case SRMGAP_NOT_MET:
		return "not met";
	case SRMGAP_UNANSWERED:
		return "unanswered";
	case SRMGAP_NOT_APPLICABLE:
		return "not applicable";
	default:
		return "providers";
	}
}

static void area_counts(FILE *out, const srmgap_area_result *ar)
{
	const char *sep = " (";

	if (ar->met > 0) {
		fprintf(out, "%s%zu met", sep, ar->met);
		sep = ", ";
	}
	if (ar->partial > 0) {
		fprintf(out, "%s%zu partial", sep, ar->partial);
		sep = ", ";
	}
	if (ar->not_met > 0) {
		fprintf(out, "%s%zu not met", sep, ar->not_met);
		sep = ", ";
	}
	if (ar->unanswered > 0) {
		fprintf(out, "%s%zu unanswered", sep, ar->unanswered);
		sep = ", ";
	}
	if (sep[0] == ',')
		fputs(")", out);
}

static void matrix(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_model *m = d->m;
	const srmgap_result *r = d->r;
	size_t i, k;

	fputs("| Area |", out);
	for (k = 0; k < m->nparties; k++) {
		fputs(" ", out);
		md(out, m->parties[k].name);
		fprintf(out, " (%s) |", m->parties[k].is_customer ? "customer" :
			"provider");
	}
	fputs("\n|---|", out);
	for (k = 0; k < m->nparties; k++)
		fputs("---|", out);
	fputs("\n", out);
	for (i = 0; i < m->nareas; i++) {
		srmgap_status st = srmgap_report__area_status(r, i);

		fputs("| **", out);
		md(out, m->areas[i].name);
		fputs("** |", out);
		for (k = 0; k < m->nparties; k++) {
			const char *duty = m->areas[i].duties[k];

			fputs(" ", out);
			if (m->parties[k].is_customer) {
				fprintf(out, "%s **%s**", status_mark(st),
					area_status_words(st));
				if (r->areas[i].scored) {
					char p[32];

					pct(p, sizeof(p), r->areas[i].score);
					fprintf(out, " %s", p);
					area_counts(out, &r->areas[i]);
				} else if (st == SRMGAP_INHERITED) {
					fputs(" (no customer controls)", out);
				}
				if (duty != NULL) {
					fputs("<br>", out);
					md(out, duty);
				}
			} else if (duty != NULL) {
				md(out, duty);
			} else {
				fputs("\xe2\x80\x94", out);
			}
			fputs(" |", out);
		}
		fputs("\n", out);
	}
}

/* Answers ------------------------------------------------------------- */

/*
 * Evidence (with its date and the carried-over mark), then the note on
 * a line of its own; `labels` adds "Evidence:" and "Note:".
 */
static void evidence(FILE *out, const srmgap_report__doc *d,
	const srmgap_answer *a, int labels)
{
	const char *sep = "";

	if (has_text(a->evidence)) {
		fputs(labels ? "Evidence: " : "", out);
		md(out, a->evidence);
		sep = " ";
	}
	if (has_text(a->evidence_date)) {
		fprintf(out, "%s(as of ", sep);
		md(out, a->evidence_date);
		fputs(")", out);
		sep = " ";
	}
	if (a->carried) {
		fprintf(out, "%s*carried over", sep);
		if (has_text(d->a->parent)) {
			fputs(" from ", out);
			md(out, d->a->parent);
		}
		fputs("*", out);
		sep = " ";
	}
	if (has_text(a->note)) {
		fprintf(out, "%sNote: ", sep[0] ? "<br>" : "");
		md(out, a->note);
	}
}

static int has_evidence(const srmgap_answer *a)
{
	return has_text(a->evidence) || has_text(a->evidence_date) ||
		a->carried || has_text(a->note);
}

static void answer_text(FILE *out, const srmgap_report__doc *d, size_t q)
{
	const srmgap_answer *a = &d->ans->items[q];
	const srmgap_question_result *qr = &d->r->questions[q];
	const char *words = srmgap_report__qstate_words(qr->state);
	char p[32];

	if (a->value != NULL) {
		fputs("**", out);
		md(out, a->value);
		fputs("**", out);
	}
	if (qr->state == SRMGAP_Q_SCORED) {
		pct(p, sizeof(p), qr->score);
		fprintf(out, " (%s)", p);
	} else if (words != NULL && !(qr->state == SRMGAP_Q_NA &&
	    a->value != NULL)) {
		fprintf(out, "%s*%s*", a->value != NULL ? " " : "", words);
	}
}

static int has_slot(const srmgap_report__doc *d, size_t q)
{
	return q < d->ans->count;
}

static void review_line(FILE *out, const srmgap_report__doc *d, size_t c)
{
	const srmgap_review *rv = srmgap_report__review(d, c);

	if (rv == NULL)
		return;
	fprintf(out, "\n> **Auditor:** %s", verdict_words(rv->verdict));
	if (has_text(rv->comment)) {
		fputs(": ", out);
		md(out, rv->comment);
	}
	if (has_text(rv->auditor) || has_text(rv->reviewed_at)) {
		fputs(" (", out);
		md(out, rv->auditor);
		if (has_text(rv->auditor) && has_text(rv->reviewed_at))
			fputs(", ", out);
		when(out, rv->reviewed_at);
		fputs(")", out);
	}
	fputs("\n", out);
}

/* Gaps ---------------------------------------------------------------- */

static void gaps(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_model *m = d->m;
	const srmgap_result *r = d->r;
	size_t i, q;

	if (r->ngaps == 0) {
		fputs("No gaps: every applicable customer control is met.\n", out);
		return;
	}
	for (i = 0; i < r->ngaps; i++) {
		size_t c = r->gaps[i], n = 0;
		const srmgap_control *ctl = &m->controls[c];
		const srmgap_control_result *cr = &r->controls[c];

		fprintf(out, "%s### %zu. ", i > 0 ? "\n" : "", i + 1);
		md(out, ctl->id);
		fputs(" ", out);
		md(out, ctl->title);
		fprintf(out, "\n\n**%s** \xc2\xb7 ", srmgap_severity_name(ctl->severity));
		status_text(out, cr->status, cr->score);
		fputs(" \xc2\xb7 ", out);
		md(out, m->areas[ctl->area].name);
		fprintf(out, " \xc2\xb7 %s control \xc2\xb7 weight %g\n\n",
			ctl->owner == SRMGAP_OWNER_SHARED ? "shared" : "customer",
			ctl->weight);
		fputs("**What to do:** ", out);
		if (has_text(ctl->remediation))
			md(out, ctl->remediation);
		else
			fputs("*the model gives no remediation*", out);
		fputs("\n\n**What was answered:**", out);
		for (q = 0; q < m->nquestions; q++) {
			const srmgap_answer *a;

			if (m->questions[q].control != c || !has_slot(d, q))
				continue;
			a = &d->ans->items[q];
			if (a->value == NULL &&
			    r->questions[q].state != SRMGAP_Q_MISSING)
				continue;
			fputs(n++ == 0 ? "\n\n- " : "\n- ", out);
			fputs("**", out);
			md(out, m->questions[q].id);
			fputs("** ", out);
			md(out, m->questions[q].text);
			fputs(" \xe2\x86\x92 ", out);
			answer_text(out, d, q);
			if (has_evidence(a)) {
				fputs("<br>", out);
				evidence(out, d, a, 1);
			}
		}
		fputs(n == 0 ? " *nothing yet*\n" : "\n", out);
		review_line(out, d, c);
	}
}

/* Controls ------------------------------------------------------------ */

static void control(FILE *out, const srmgap_report__doc *d, size_t c)
{
	const srmgap_model *m = d->m;
	const srmgap_control *ctl = &m->controls[c];
	const srmgap_control_result *cr = &d->r->controls[c];
	size_t q, n = 0;

	fputs("\n#### ", out);
	md(out, ctl->id);
	fputs(" ", out);
	md(out, ctl->title);
	fprintf(out, "\n\n**%s** \xc2\xb7 ", srmgap_severity_name(ctl->severity));
	status_text(out, cr->status, cr->score);
	if (cr->verdict != SRMGAP_VERDICT_NONE)
		fprintf(out, " \xc2\xb7 auditor: **%s**", verdict_words(cr->verdict));
	if (ctl->owner == SRMGAP_OWNER_PROVIDER) {
		fputs(" \xc2\xb7 owner: ", out);
		md(out, m->parties[ctl->owner_party].name);
		fputs(" (provider), not scored", out);
	} else {
		fprintf(out, " \xc2\xb7 owner: %s \xc2\xb7 weight %g",
			ctl->owner == SRMGAP_OWNER_SHARED ? "shared" : "customer",
			ctl->weight);
		if (cr->priority > 0)
			fprintf(out, " \xc2\xb7 gap %zu", cr->priority);
	}
	if (has_text(ctl->references)) {
		const char *p = ctl->references;

		fputs(" \xc2\xb7 ", out);
		/* The list separator '|' would split a table; here it reads ", ". */
		while (*p != '\0') {
			size_t k = strcspn(p, "|");
			srmgap_buf b;

			srmgap_util__buf_init(&b);
			srmgap_util__buf_put(&b, p, k);
			md(out, b.data ? b.data : "");
			srmgap_util__buf_release(&b);
			p += k;
			if (*p == '|') {
				p++;
				fputs(", ", out);
			}
		}
	}
	fputs("\n", out);
	if (has_text(ctl->description)) {
		fputs("\n", out);
		md(out, ctl->description);
		fputs("\n", out);
	}
	for (q = 0; q < m->nquestions; q++) {
		const srmgap_question *qu = &m->questions[q];

		if (qu->control != c || !has_slot(d, q) ||
		    d->r->questions[q].state == SRMGAP_Q_PROVIDER)
			continue;
		if (n++ == 0)
			fputs("\n| Question | Answer | Evidence and notes |\n"
				"|---|---|---|\n", out);
		fputs("| **", out);
		md(out, qu->id);
		fputs("** ", out);
		md(out, qu->text);
		fputs(" | ", out);
		answer_text(out, d, q);
		fputs(" | ", out);
		evidence(out, d, &d->ans->items[q], 0);
		fputs(" |\n", out);
	}
	review_line(out, d, c);
}

static void controls(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_model *m = d->m;
	size_t i, c;

	for (i = 0; i < m->nareas; i++) {
		const srmgap_area_result *ar = &d->r->areas[i];

		fprintf(out, "%s### ", i > 0 ? "\n" : "");
		md(out, m->areas[i].name);
		if (ar->scored) {
			char p[32];

			pct(p, sizeof(p), ar->score);
			fprintf(out, " (%s)", p);
		}
		fputs("\n", out);
		for (c = 0; c < m->ncontrols; c++) {
			if (m->controls[c].area == i)
				control(out, d, c);
		}
	}
}

/* Sign-off ------------------------------------------------------------ */

static void signoff(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_assessment *a = d->a;

	if (!has_text(a->signed_by))
		return;
	fputs("Signed off by **", out);
	md(out, a->signed_by);
	fputs("**", out);
	if (has_text(a->signed_at)) {
		fputs(" on ", out);
		when(out, a->signed_at);
	}
	fputs(".\n", out);
	if (has_text(a->statement)) {
		fputs("\n> ", out);
		md(out, a->statement);
		fputs("\n", out);
	}
	if (has_text(a->seal)) {
		fputs("\n**Seal:** ", out);
		md(out, a->seal);
		fputs("\n\nThe seal is the hash of the sign-off event in the "
			"assessment's audit trail. Each event's hash covers the one "
			"before it, so a later change to anything recorded before the "
			"sign-off no longer matches the seal.\n", out);
	}
}

/* Placeholders -------------------------------------------------------- */

static void fragment(FILE *out, const srmgap_report__doc *d, int var)
{
	switch (var) {
	case SRMGAP_TV_HEADER:
		header(out, d);
		break;
	case SRMGAP_TV_SCORES:
		scores(out, d);
		break;
	case SRMGAP_TV_CHART:
		chart(out, d);
		break;
	case SRMGAP_TV_MATRIX:
		matrix(out, d);
		break;
	case SRMGAP_TV_GAPS:
		gaps(out, d);
		break;
	case SRMGAP_TV_CONTROLS:
		if (!d->gaps_only)
			controls(out, d);
		break;
	case SRMGAP_TV_SIGNOFF:
		signoff(out, d);
		break;
	default:
		break;
	}
}

/*
 * A fragment goes through memory so that its final line ends can be
 * dropped: the template decides the blank lines around it.
 */
static int emit(FILE *out, const srmgap_report__doc *d, int var)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	if (var < SRMGAP_TV_FIRST_FRAGMENT) {
		srmgap_buf b;
		int oom;

		srmgap_util__buf_init(&b);
		srmgap_report__scalar(&b, d, var);
		oom = b.oom;
		if (!oom)
			md(out, b.data ? b.data : "");
		srmgap_util__buf_release(&b);
		return oom ? SRMGAP_ENOMEM : SRMGAP_OK;
	}
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

int srmgap_report_markdown(FILE *out, const srmgap_template *t,
	const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_answers *ans, const srmgap_reviews *rv,
	const srmgap_result *r, const srmgap_report_opts *o)
{
	srmgap_report__doc d;

	d.a = a;
	d.m = m;
	d.ans = ans;
	d.rv = rv;
	d.r = r;
	d.gaps_only = o != NULL && o->gaps_only;
	return srmgap_template__render(out, t, &d, emit);
}
