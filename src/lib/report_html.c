/*
 * The HTML gap report (report.h): one self-contained page, written
 * through a template (template.c) that holds the page, its wording and
 * its CSS; this file renders the placeholders. The fragments use plain
 * elements and class names the default template (reports/report.html)
 * styles, and carry SVG presentation attributes so that charts still
 * read under a template without CSS. Nothing is fetched and nothing is
 * scripted: the page is meant to be mailed, archived and printed.
 *
 * What shows, and in what words, is shared with the Markdown report
 * (report_view.c); this file gives the markup around each piece.
 *
 * Every text from a catalog, an answer or a review goes through
 * srmgap_report__html_escape (escape.c), which is safe in text and in
 * quoted attributes; a CR is turned into a line end first so that CRLF
 * line breaks in answers read as line breaks.
 */
#include "report_int.h"

/* The inline pieces both formats show (report_view.c), as HTML. */
static const srmgap_report__marks marks = {
	.esc = srmgap_report__html_escape,
	.answer = { "<span class=\"ans\">", "</span>" },
	.qscore = { " <span class=\"qscore\">", "</span>" },
	.qstate = { "<span class=\"qstate\">", "</span>" },
	.ev_label = "<span class=\"ev-label\">Evidence:</span> ",
	.evidence = { "<span class=\"evidence\">", "</span>" },
	.as_of = { "<span class=\"asof\">", "</span>" },
	.carried = { "<span class=\"badge carried\">", "</span>" },
	.note = { "<div class=\"note\">", "</div>" },
	.note_sep = "",
	.outdated = { " \xc2\xb7 <span class=\"outdated\">", "</span>" },
	.comment = { " <span class=\"comment\">", "</span>" },
	.by = { " <span class=\"by\">", "</span>" },
	.ref = { "<span class=\"ref\">", "</span>" },
	.ref_sep = "",
};

/* Text, escaped. NULL writes nothing. */
static void text(FILE *out, const char *s)
{
	srmgap_report__html_escape(out, s);
}

/* open + escaped s + close */
static void wrap(FILE *out, const char *open, const char *s,
	const char *close)
{
	fputs(open, out);
	text(out, s);
	fputs(close, out);
}

/* <span class="badge st-partial">partial 75.0%</span> */
static void status_badge(FILE *out, srmgap_status s, double score)
{
	char words[32];

	srmgap_report__status_text(words, sizeof(words), s, score);
	fprintf(out, "<span class=\"badge st-%s\">%s</span>",
		srmgap_status_name(s), words);
}

static void severity_badge(FILE *out, srmgap_severity s)
{
	fprintf(out, "<span class=\"badge sev-%s\">%s</span>",
		srmgap_severity_name(s), srmgap_severity_name(s));
}

static void verdict_badge(FILE *out, srmgap_verdict v)
{
	fprintf(out, "<span class=\"badge v-%s\">%s</span>",
		srmgap_verdict_name(v), srmgap_report__verdict_words(v));
}

/* An id usable in href="#..." and id="...": ids are [A-Za-z0-9._-]. */
static void anchor(FILE *out, const char *prefix, const char *id)
{
	fputs(prefix, out);
	text(out, id);
}

/* Header -------------------------------------------------------------- */

static void meta_row(FILE *out, const char *label, const char *value)
{
	fprintf(out, "<div><dt>%s</dt><dd>", label);
	text(out, value);
	fputs("</dd></div>\n", out);
}

static void header(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_assessment *a = d->a;
	const srmgap_model *m = d->m;
	char date[16], snap[16];

	fputs("<dl class=\"meta\">\n", out);
	if (srmgap_report__has_text(a->org))
		meta_row(out, "Organisation", a->org);
	meta_row(out, "Assessment", a->name);
	fputs("<div><dt>Model</dt><dd>", out);
	text(out, m->title);
	fputs(" ", out);
	text(out, m->version);
	wrap(out, " <span class=\"muted\">(", m->id, "");
	if (srmgap_report__has_text(m->variant))
		wrap(out, ", questionnaire ", m->variant, "");
	fputs(")</span></dd></div>\n", out);
	snprintf(snap, sizeof(snap), "%.12s", m->hash);
	wrap(out, "<div><dt>Snapshot</dt><dd><code>", snap,
		"</code></dd></div>\n");
	if (srmgap_report__has_text(a->assessor))
		meta_row(out, "Assessor", a->assessor);
	srmgap_util__format_date(d->r->asof, date);
	fprintf(out, "<div><dt>As of</dt><dd>%s</dd></div>\n", date);
	fprintf(out, "<div><dt>Answered</dt><dd>%zu of %zu questions</dd></div>\n",
		d->r->answered, d->r->nquestions);
	if (a->carried > 0) {
		fputs("<div><dt>Carried over</dt><dd>", out);
		srmgap_report__put_carried(out, &marks, a);
		fputs("</dd></div>\n", out);
	}
	fputs("<div><dt>Sign-off</dt><dd>", out);
	if (srmgap_report__has_text(a->signed_by)) {
		wrap(out, "<span class=\"badge signed\">signed off</span> by ",
			a->signed_by, "");
		fputs(", ", out);
		srmgap_report__put_when(out, &marks, a->signed_at);
	} else {
		fputs("<span class=\"badge draft\">draft</span> not signed off", out);
	}
	fputs("</dd></div>\n</dl>\n", out);
}

/* Scores -------------------------------------------------------------- */

#define RING_R 52.0
#define RING_C 326.7256 /* 2 * pi * RING_R */

static void ring(FILE *out, const char *cls, const char *label, int scored,
	double v)
{
	char p[32];

	srmgap_report__score_text(p, sizeof(p), scored, v);
	fprintf(out, "<svg class=\"ring %s\" viewBox=\"0 0 120 120\" width=\"132\" "
		"height=\"132\" role=\"img\" aria-label=\"%s score %s\">"
		"<circle class=\"ring-track\" cx=\"60\" cy=\"60\" r=\"52\" "
		"fill=\"none\" stroke=\"#e3e7ee\" stroke-width=\"11\"/>", cls, label, p);
	if (scored && v > 0)
		fprintf(out, "<circle class=\"ring-arc\" cx=\"60\" cy=\"60\" r=\"52\" "
			"fill=\"none\" stroke=\"#1f3a68\" stroke-width=\"11\" "
			"stroke-dasharray=\"%.2f %.2f\" transform=\"rotate(-90 60 60)\"/>",
			v * RING_C, RING_C);
	fprintf(out, "<text class=\"ring-value\" x=\"60\" y=\"61\" "
		"text-anchor=\"middle\" dominant-baseline=\"middle\" "
		"font-size=\"23\" font-weight=\"700\">%s</text></svg>", p);
}

static void scores(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_result *r = d->r;

	fputs("<div class=\"scores\">\n<figure class=\"score self\">", out);
	ring(out, "self", "Self-assessed", r->scored, r->overall);
	fputs("<figcaption><strong>Self-assessed</strong><span>from the "
		"customer's own answers</span></figcaption></figure>\n", out);
	fputs("<figure class=\"score verified\">", out);
	ring(out, "verified", "Verified", r->scored, r->verified_overall);
	fputs("<figcaption><strong>Verified</strong><span>", out);
	srmgap_report__put_reviewed(out, r);
	fputs("</span></figcaption></figure>\n", out);
	fprintf(out, "<div class=\"stats\">\n"
		"<div class=\"stat\"><span class=\"num\">%zu</span>"
		"<span class=\"lbl\">gap%s</span></div>\n"
		"<div class=\"stat%s\"><span class=\"num\">%zu</span>"
		"<span class=\"lbl\">critical</span></div>\n"
		"<div class=\"stat\"><span class=\"num\">%zu/%zu</span>"
		"<span class=\"lbl\">answered</span></div>\n</div>\n",
		r->ngaps, r->ngaps == 1 ? "" : "s",
		r->critical_gaps > 0 ? " crit" : "", r->critical_gaps,
		r->answered, r->nquestions);
	if (!r->scored)
		fputs("<p class=\"note\">No customer control applies, so there is "
			"no overall score.</p>\n", out);
	fputs("</div>\n", out);
}

/* Chart --------------------------------------------------------------- */

#define CH_W 900
#define CH_X0 300     /* where bars start; labels end left of it */
#define CH_BAR 520    /* width of 100% */

/* An area name for the chart: at most `max` characters, then "…". */
static void short_label(FILE *out, const char *s, size_t max)
{
	size_t i = 0, chars = 0;
	srmgap_buf b;

	while (s[i] != '\0' && chars < max) {
		i++;
		while (((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	if (s[i] == '\0') {
		text(out, s);
		return;
	}
	srmgap_util__buf_init(&b);
	srmgap_util__buf_put(&b, s, i);
	srmgap_util__buf_puts(&b, "\xe2\x80\xa6");
	text(out, b.oom || b.data == NULL ? s : b.data);
	srmgap_util__buf_release(&b);
}

static void chart(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_model *m = d->m;
	const srmgap_result *r = d->r;
	int both = srmgap_report__any_verdict(r);
	double row = both ? 38 : 30, top = both ? 30 : 8, h;
	size_t i;
	int g;

	h = top + row * (double)m->nareas + 26;
	fprintf(out, "<svg class=\"chart\" viewBox=\"0 0 %d %.0f\" width=\"100%%\" "
		"role=\"img\" aria-labelledby=\"chart-title\" font-size=\"14\">"
		"<title id=\"chart-title\">Score by area</title>\n", CH_W, h);
	if (both)
		fprintf(out, "<g class=\"legend\"><rect x=\"%d\" y=\"4\" width=\"14\" "
			"height=\"12\" class=\"bar-self\" fill=\"#1f3a68\"/>"
			"<text x=\"%d\" y=\"14\">self-assessed</text>"
			"<rect x=\"%d\" y=\"7\" width=\"14\" height=\"6\" "
			"class=\"bar-verified\" fill=\"#3f8f7f\"/>"
			"<text x=\"%d\" y=\"14\">verified</text></g>\n", CH_X0, CH_X0 + 20,
			CH_X0 + 130, CH_X0 + 150);
	for (g = 0; g <= 4; g++) {
		double x = CH_X0 + CH_BAR * g / 4.0;

		fprintf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.0f\" "
			"x2=\"%.1f\" y2=\"%.0f\" stroke=\"#d5dae3\" stroke-width=\"1\"/>"
			"<text class=\"axis\" x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" "
			"font-size=\"12\" fill=\"#5b6472\">%d%%</text>\n", x, top - 4, x,
			h - 20, x, h - 6, g * 25);
	}
	for (i = 0; i < m->nareas; i++) {
		const srmgap_area_result *ar = &r->areas[i];
		double y = top + row * (double)i;
		srmgap_status st = srmgap_report__area_status(r, i);
		char p[32];

		fprintf(out, "<g class=\"area st-%s\"><text class=\"label\" x=\"%d\" "
			"y=\"%.0f\" text-anchor=\"end\" fill=\"#1d2533\">",
			srmgap_status_name(st), CH_X0 - 10, y + 16);
		short_label(out, m->areas[i].name, 40);
		fputs("<title>", out);
		text(out, m->areas[i].name);
		fputs("</title></text>", out);
		if (!ar->scored) {
			fprintf(out, "<text class=\"unscored\" x=\"%d\" y=\"%.0f\" "
				"font-style=\"italic\" fill=\"#5b6472\">%s</text></g>\n",
				CH_X0 + 8, y + 16, st == SRMGAP_INHERITED ?
				"covered by the providers" : "not applicable");
			continue;
		}
		srmgap_report_percent(p, sizeof(p), ar->score);
		fprintf(out, "<rect class=\"track\" x=\"%d\" y=\"%.0f\" width=\"%d\" "
			"height=\"18\" fill=\"#eef1f5\"/>", CH_X0, y + 3, CH_BAR);
		fprintf(out, "<rect class=\"bar-self\" x=\"%d\" y=\"%.0f\" "
			"width=\"%.1f\" height=\"18\" fill=\"#1f3a68\"/>", CH_X0, y + 3,
			CH_BAR * ar->score);
		fprintf(out, "<text class=\"value\" x=\"%.1f\" y=\"%.0f\" "
			"font-weight=\"700\" fill=\"#1d2533\">%s</text>",
			CH_X0 + CH_BAR * ar->score + 6, y + 17, p);
		if (both) {
			srmgap_report_percent(p, sizeof(p), ar->verified_score);
			fprintf(out, "<rect class=\"bar-verified\" x=\"%d\" y=\"%.0f\" "
				"width=\"%.1f\" height=\"7\" fill=\"#3f8f7f\"/>"
				"<text class=\"value-verified\" x=\"%.1f\" y=\"%.0f\" "
				"font-size=\"12\" fill=\"#2d6b5f\">%s</text>", CH_X0, y + 23,
				CH_BAR * ar->verified_score, CH_X0 + CH_BAR *
				ar->verified_score + 6, y + 30, p);
		}
		fputs("</g>\n", out);
	}
	fputs("</svg>\n", out);
}

/* Matrix -------------------------------------------------------------- */

static void matrix(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_model *m = d->m;
	const srmgap_result *r = d->r;
	size_t i, k;

	fputs("<table class=\"matrix\">\n<thead><tr><th scope=\"col\" "
		"class=\"area\">Area</th>", out);
	for (k = 0; k < m->nparties; k++) {
		const srmgap_party *p = &m->parties[k];

		fprintf(out, "<th scope=\"col\" class=\"party %s\">",
			p->is_customer ? "customer" : "provider");
		text(out, p->name);
		fprintf(out, "<span class=\"role\">%s</span></th>", p->is_customer ?
			"customer" : "provider");
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (i = 0; i < m->nareas; i++) {
		const srmgap_area *ar = &m->areas[i];
		srmgap_report__area_cell cell;

		srmgap_report__area_cell_init(&cell, r, i);
		fputs("<tr><th scope=\"row\" class=\"area\">", out);
		text(out, ar->name);
		fputs("</th>", out);
		for (k = 0; k < m->nparties; k++) {
			const char *duty = ar->duties[k];

			if (!m->parties[k].is_customer) {
				if (duty == NULL)
					fputs("<td class=\"none\"><span aria-label=\"no duty\">"
						"\xe2\x80\x94</span></td>", out);
				else
					wrap(out, "<td class=\"duty\">", duty, "</td>");
				continue;
			}
			fprintf(out, "<td class=\"cust st-%s\"><div class=\"cust-status\">"
				"<span class=\"badge st-%s\">%s</span>",
				srmgap_status_name(cell.status),
				srmgap_status_name(cell.status), cell.words);
			if (cell.scored)
				fprintf(out, " <span class=\"cust-score\">%s</span> "
					"<span class=\"cust-counts\">%s</span>", cell.score,
					cell.counts);
			else if (cell.note != NULL)
				fprintf(out, " <span class=\"cust-counts\">%s</span>",
					cell.note);
			fputs("</div>", out);
			if (duty != NULL)
				wrap(out, "<div class=\"duty\">", duty, "</div>");
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

/* Answers ------------------------------------------------------------- */

/* The gap list's short form: what was answered, and what is missing. */
static void gap_answers(FILE *out, const srmgap_report__doc *d, size_t c)
{
	const srmgap_model *m = d->m;
	size_t q, n = 0;

	for (q = 0; q < m->nquestions; q++) {
		const srmgap_answer *a = &d->ans->items[q];

		if (!srmgap_report__gap_shows(d, c, q))
			continue;
		if (n++ == 0)
			fputs("<ul class=\"answers\">\n", out);
		wrap(out, "<li><span class=\"qid\">", m->questions[q].id, "</span> ");
		wrap(out, "<span class=\"qtext\">", m->questions[q].text, "</span> ");
		fputs("<span class=\"arrow\">\xe2\x86\x92</span> ", out);
		srmgap_report__put_answer(out, &marks, d, q);
		/* Unlike the Markdown list, an evidence date alone shows nothing. */
		if (srmgap_report__has_text(a->evidence) ||
		    srmgap_report__has_text(a->note) || a->carried) {
			fputs("<div class=\"ev\">", out);
			srmgap_report__put_evidence(out, &marks, d, a, 1);
			fputs("</div>", out);
		}
		fputs("</li>\n", out);
	}
	if (n > 0)
		fputs("</ul>\n", out);
	else
		fputs("<p class=\"muted\">No answers yet.</p>\n", out);
}

static void review_block(FILE *out, const srmgap_report__doc *d, size_t c)
{
	const srmgap_review *rv = srmgap_report__review(d, c);

	if (rv == NULL)
		return;
	fprintf(out, "<div class=\"review v-%s%s\"><span class=\"review-label\">"
		"Auditor:</span> ", srmgap_verdict_name(rv->verdict),
		rv->outdated ? " outdated" : "");
	verdict_badge(out, rv->verdict);
	srmgap_report__put_review(out, &marks, rv);
	fputs("</div>\n", out);
}

/* Gaps ---------------------------------------------------------------- */

static void gaps(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_model *m = d->m;
	const srmgap_result *r = d->r;
	size_t i;

	if (r->ngaps == 0) {
		fputs("<p class=\"none\">No gaps: every applicable customer control "
			"is met.</p>\n", out);
		return;
	}
	fputs("<ol class=\"gaps\">\n", out);
	for (i = 0; i < r->ngaps; i++) {
		size_t c = r->gaps[i];
		const srmgap_control *ctl = &m->controls[c];
		const srmgap_control_result *cr = &r->controls[c];

		fprintf(out, "<li class=\"gap sev-%s\">\n<div class=\"gap-head\">"
			"<span class=\"rank\">%zu</span>",
			srmgap_severity_name(ctl->severity), i + 1);
		/* Without the list of controls (--gaps-only) there is no target. */
		if (d->gaps_only) {
			fputs("<span class=\"cid\">", out);
			text(out, ctl->id);
			fputs("</span> ", out);
		} else {
			fputs("<a class=\"cid\" href=\"", out);
			anchor(out, "#c-", ctl->id);
			fputs("\">", out);
			text(out, ctl->id);
			fputs("</a> ", out);
		}
		wrap(out, "<span class=\"gtitle\">", ctl->title, "</span> ");
		fputs("<span class=\"badges\">", out);
		severity_badge(out, ctl->severity);
		fputs(" ", out);
		status_badge(out, cr->status, cr->score);
		fputs("</span></div>\n<div class=\"gap-area\">", out);
		text(out, m->areas[ctl->area].name);
		fprintf(out, " \xc2\xb7 %s control \xc2\xb7 weight %g</div>\n",
			srmgap_report__owner_words(ctl), ctl->weight);
		fputs("<div class=\"gap-body\">\n<div class=\"fix\"><h4>What to do"
			"</h4>", out);
		if (srmgap_report__has_text(ctl->remediation))
			wrap(out, "<p>", ctl->remediation, "</p>");
		else
			fputs("<p class=\"muted\">The model gives no remediation.</p>",
				out);
		fputs("</div>\n<div class=\"found\"><h4>What was answered</h4>\n",
			out);
		gap_answers(out, d, c);
		fputs("</div>\n</div>\n", out);
		review_block(out, d, c);
		fputs("</li>\n", out);
	}
	fputs("</ol>\n", out);
}

/* Controls ------------------------------------------------------------ */

static void control(FILE *out, const srmgap_report__doc *d, size_t c)
{
	const srmgap_model *m = d->m;
	const srmgap_control *ctl = &m->controls[c];
	const srmgap_control_result *cr = &d->r->controls[c];
	size_t q, n = 0;

	fputs("<article class=\"control", out);
	if (cr->status == SRMGAP_INHERITED)
		fputs(" inherited", out);
	fputs("\" id=\"", out);
	anchor(out, "c-", ctl->id);
	fputs("\">\n<div class=\"ctl-head\">", out);
	wrap(out, "<span class=\"cid\">", ctl->id, "</span> ");
	wrap(out, "<span class=\"ctitle\">", ctl->title, "</span> ");
	fputs("<span class=\"badges\">", out);
	severity_badge(out, ctl->severity);
	fputs(" ", out);
	status_badge(out, cr->status, cr->score);
	if (cr->verdict != SRMGAP_VERDICT_NONE) {
		fputs(" ", out);
		verdict_badge(out, cr->verdict);
	}
	if (cr->outdated)
		fputs(" <span class=\"badge v-outdated\">outdated</span>", out);
	fputs("</span></div>\n<p class=\"ctl-meta\">Owner: ", out);
	srmgap_report__put_owner(out, &marks, d, c);
	if (srmgap_report__has_text(ctl->references)) {
		fputs(" \xc2\xb7 <span class=\"refs\">", out);
		srmgap_report__put_refs(out, &marks, ctl->references);
		fputs("</span>", out);
	}
	fputs("</p>\n", out);
	if (srmgap_report__has_text(ctl->description))
		wrap(out, "<p class=\"desc\">", ctl->description, "</p>\n");
	for (q = 0; q < m->nquestions; q++) {
		const srmgap_question *qu = &m->questions[q];

		if (!srmgap_report__control_shows(d, c, q))
			continue;
		if (n++ == 0)
			fputs("<table class=\"qa\">\n<thead><tr><th class=\"q\">Question"
				"</th><th class=\"a\">Answer</th><th class=\"e\">Evidence "
				"and notes</th></tr></thead>\n<tbody>\n", out);
		wrap(out, "<tr><td class=\"q\"><span class=\"qid\">", qu->id,
			"</span> ");
		text(out, qu->text);
		fputs("</td><td class=\"a\">", out);
		srmgap_report__put_answer(out, &marks, d, q);
		fputs("</td><td class=\"e\">", out);
		srmgap_report__put_evidence(out, &marks, d, &d->ans->items[q], 0);
		fputs("</td></tr>\n", out);
	}
	if (n > 0)
		fputs("</tbody>\n</table>\n", out);
	review_block(out, d, c);
	fputs("</article>\n", out);
}

static void controls(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_model *m = d->m;
	size_t i, c;

	for (i = 0; i < m->nareas; i++) {
		const srmgap_area_result *ar = &d->r->areas[i];

		fputs("<section class=\"area-controls\">\n<h3>", out);
		text(out, m->areas[i].name);
		if (ar->scored) {
			char p[32];

			srmgap_report_percent(p, sizeof(p), ar->score);
			fprintf(out, " <span class=\"area-score\">%s</span>", p);
		}
		fputs("</h3>\n", out);
		for (c = 0; c < m->ncontrols; c++) {
			if (m->controls[c].area == i)
				control(out, d, c);
		}
		fputs("</section>\n", out);
	}
}

/* Sign-off ------------------------------------------------------------ */

static void signoff(FILE *out, const srmgap_report__doc *d)
{
	const srmgap_assessment *a = d->a;

	if (!srmgap_report__has_text(a->signed_by))
		return;
	fputs("<div class=\"signoff\">\n<p class=\"signed\">Signed off by ", out);
	wrap(out, "<strong>", a->signed_by, "</strong>");
	if (srmgap_report__has_text(a->signed_at)) {
		wrap(out, " on <time datetime=\"", a->signed_at, "\">");
		srmgap_report__put_when(out, &marks, a->signed_at);
		fputs("</time>", out);
	}
	fputs(".</p>\n", out);
	if (srmgap_report__has_text(a->statement))
		wrap(out, "<blockquote class=\"statement\">", a->statement,
			"</blockquote>\n");
	if (srmgap_report__has_text(a->seal)) {
		wrap(out, "<p class=\"seal\"><span class=\"seal-label\">Seal</span> "
			"<code>", a->seal, "</code></p>\n");
		fprintf(out, "<p class=\"muted\">%s</p>\n",
			srmgap_report__seal_note);
	}
	fputs("</div>\n", out);
}

/* Placeholders -------------------------------------------------------- */

static const srmgap_report__format format = {
	.marks = &marks,
	.fragment = { header, scores, chart, matrix, gaps, controls, signoff },
	.trim = 0,
};

int srmgap_report_html(FILE *out, const srmgap_template *t,
	const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_answers *ans, const srmgap_reviews *rv,
	const srmgap_result *r, const srmgap_report_opts *o)
{
	return srmgap_report__render(out, t, &format, a, m, ans, rv, r, o);
}
