/*
 * The Markdown gap report (report.h): the content of the HTML report as
 * GitHub-flavoured Markdown, for wikis and tickets, written through a
 * template (reports/report.md). Bars become text bars, colours become
 * coloured squares next to the status words, and every table is a GFM
 * pipe table. What shows, and in what words, is shared with the HTML
 * report (report_view.c); this file gives the markup around each piece.
 *
 * Every text from a catalog, an answer or a review goes through
 * srmgap_report__md_escape (escape.c; md() here, marks.esc in
 * report_view.c), which escapes a leading character that would start
 * block markup (a heading, list, rule or code block) and then everything
 * else: no markup, no HTML and no line break from the data reaches the
 * page, so a value cannot break out of its table cell or run a <script>
 * in a wiki.
 */
#include "report_int.h"

/* Text as Markdown, safe anywhere on a line. NULL writes nothing. */
static void md(FILE *out, const char *s)
{
	srmgap_report__md_escape(out, s);
}

/* The inline pieces both formats show (report_view.c), as Markdown. */
static const srmgap_report__marks marks = {
	.esc = srmgap_report__md_escape,
	.answer = { "**", "**" },
	.qscore = { " (", ")" },
	.qstate = { "*", "*" },
	.ev_label = "Evidence: ",
	.evidence = { "", "" },
	.as_of = { "(", ")" },
	.carried = { "*", "*" },
	.note = { "Note: ", "" },
	.note_sep = "<br>",
	.outdated = { " \xc2\xb7 *", "*" },
	.comment = { ": ", "" },
	.by = { " (", ")" },
	.ref = { "", "" },
	.ref_sep = ", ",
};

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
	char words[32];

	srmgap_report__status_text(words, sizeof(words), s, score);
	fprintf(out, "**%s**", words);
}

/* Header -------------------------------------------------------------- */

static void header(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_assessment *a = d->a;
	const srmgap_model *m = d->m;
	char date[16], snap[16];

	if (srmgap_report__has_text(a->org)) {
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
	if (srmgap_report__has_text(m->variant)) {
		fputs(", questionnaire ", out);
		md(out, m->variant);
	}
	snprintf(snap, sizeof(snap), "%.12s", m->hash);
	fputs(")\n- **Snapshot:** ", out);
	md(out, snap);
	fputs("\n", out);
	if (srmgap_report__has_text(a->assessor)) {
		fputs("- **Assessor:** ", out);
		md(out, a->assessor);
		fputs("\n", out);
	}
	srmgap_util__format_date(d->r->asof, date);
	fprintf(out, "- **As of:** %s\n- **Answered:** %zu of %zu questions\n",
		date, d->r->answered, d->r->nquestions);
	if (a->carried > 0) {
		fputs("- **Carried over:** ", out);
		srmgap_report__put_carried(out, &marks, a);
		fputs("\n", out);
	}
	if (srmgap_report__has_text(a->signed_by)) {
		fputs("- **Sign-off:** signed off by ", out);
		md(out, a->signed_by);
		if (srmgap_report__has_text(a->signed_at)) {
			fputs(", ", out);
			srmgap_report__put_when(out, &marks, a->signed_at);
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

	srmgap_report__score_text(self, sizeof(self), r->scored, r->overall);
	srmgap_report__score_text(ver, sizeof(ver), r->scored,
		r->verified_overall);
	fprintf(out, "| Score | | Basis |\n|---|---:|---|\n"
		"| Self-assessed | **%s** | the customer's own answers |\n"
		"| Verified | **%s** | ", self, ver);
	srmgap_report__put_reviewed(out, r);
	fprintf(out, " |\n\n**%zu gap%s** (%zu critical); %zu of %zu questions "
		"answered.\n", r->ngaps, r->ngaps == 1 ? "" : "s", r->critical_gaps,
		r->answered, r->nquestions);
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
	int both = srmgap_report__any_verdict(r);
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
		srmgap_report_percent(p, sizeof(p), ar->score);
		fprintf(out, " | %s | ", p);
		bar(out, ar->score);
		if (both) {
			srmgap_report_percent(p, sizeof(p), ar->verified_score);
			fprintf(out, " | %s", p);
		}
		fputs(" |\n", out);
	}
}

/* Matrix -------------------------------------------------------------- */

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
		srmgap_report__area_cell cell;

		srmgap_report__area_cell_init(&cell, r, i);
		fputs("| **", out);
		md(out, m->areas[i].name);
		fputs("** |", out);
		for (k = 0; k < m->nparties; k++) {
			const char *duty = m->areas[i].duties[k];

			fputs(" ", out);
			if (m->parties[k].is_customer) {
				fprintf(out, "%s **%s**", status_mark(cell.status),
					cell.words);
				if (cell.scored)
					fprintf(out, " %s", cell.score);
				if (cell.counts[0] != '\0')
					fprintf(out, " (%s)", cell.counts);
				if (cell.note != NULL)
					fprintf(out, " (%s)", cell.note);
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

/* Whether the gap list gives answer `a` an evidence line. */
static int has_evidence(const srmgap_answer *a)
{
	return srmgap_report__has_text(a->evidence) ||
		srmgap_report__has_text(a->evidence_date) || a->carried ||
		srmgap_report__has_text(a->note);
}

static void review_line(FILE *out, const srmgap_report__doc *d, size_t c)
{
	const srmgap_review *rv = srmgap_report__review(d, c);

	if (rv == NULL)
		return;
	fprintf(out, "\n> **Auditor:** %s",
		srmgap_report__verdict_words(rv->verdict));
	srmgap_report__put_review(out, &marks, rv);
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
			srmgap_report__owner_words(ctl), ctl->weight);
		fputs("**What to do:** ", out);
		if (srmgap_report__has_text(ctl->remediation))
			md(out, ctl->remediation);
		else
			fputs("*the model gives no remediation*", out);
		fputs("\n\n**What was answered:**", out);
		for (q = 0; q < m->nquestions; q++) {
			const srmgap_answer *a = &d->ans->items[q];

			if (!srmgap_report__gap_shows(d, c, q))
				continue;
			fputs(n++ == 0 ? "\n\n- " : "\n- ", out);
			fputs("**", out);
			md(out, m->questions[q].id);
			fputs("** ", out);
			md(out, m->questions[q].text);
			fputs(" \xe2\x86\x92 ", out);
			srmgap_report__put_answer(out, &marks, d, q);
			if (has_evidence(a)) {
				fputs("<br>", out);
				srmgap_report__put_evidence(out, &marks, d, a, 1);
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
		fprintf(out, " \xc2\xb7 auditor: **%s**%s",
			srmgap_report__verdict_words(cr->verdict),
			cr->outdated ? " (outdated)" : "");
	fputs(" \xc2\xb7 owner: ", out);
	srmgap_report__put_owner(out, &marks, d, c);
	if (srmgap_report__has_text(ctl->references)) {
		fputs(" \xc2\xb7 ", out);
		srmgap_report__put_refs(out, &marks, ctl->references);
	}
	fputs("\n", out);
	if (srmgap_report__has_text(ctl->description)) {
		fputs("\n", out);
		md(out, ctl->description);
		fputs("\n", out);
	}
	for (q = 0; q < m->nquestions; q++) {
		const srmgap_question *qu = &m->questions[q];

		if (!srmgap_report__control_shows(d, c, q))
			continue;
		if (n++ == 0)
			fputs("\n| Question | Answer | Evidence and notes |\n"
				"|---|---|---|\n", out);
		fputs("| **", out);
		md(out, qu->id);
		fputs("** ", out);
		md(out, qu->text);
		fputs(" | ", out);
		srmgap_report__put_answer(out, &marks, d, q);
		fputs(" | ", out);
		srmgap_report__put_evidence(out, &marks, d, &d->ans->items[q], 0);
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

			srmgap_report_percent(p, sizeof(p), ar->score);
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

	if (!srmgap_report__has_text(a->signed_by))
		return;
	fputs("Signed off by **", out);
	md(out, a->signed_by);
	fputs("**", out);
	if (srmgap_report__has_text(a->signed_at)) {
		fputs(" on ", out);
		srmgap_report__put_when(out, &marks, a->signed_at);
	}
	fputs(".\n", out);
	if (srmgap_report__has_text(a->statement)) {
		fputs("\n> ", out);
		md(out, a->statement);
		fputs("\n", out);
	}
	if (srmgap_report__has_text(a->seal)) {
		fputs("\n**Seal:** ", out);
		md(out, a->seal);
		fprintf(out, "\n\n%s\n", srmgap_report__seal_note);
	}
}

/* Placeholders -------------------------------------------------------- */

static const srmgap_report__format format = {
	.marks = &marks,
	.fragment = { header, scores, chart, matrix, gaps, controls, signoff },
	.trim = 1,
};

int srmgap_report_markdown(FILE *out, const srmgap_template *t,
	const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_answers *ans, const srmgap_reviews *rv,
	const srmgap_result *r, const srmgap_report_opts *o)
{
	return srmgap_report__render(out, t, &format, a, m, ans, rv, r, o);
}
