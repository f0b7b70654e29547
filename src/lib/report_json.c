/*
 * The JSON exports (report.h): the whole assessment as one document
 * (SRMGAP_REPORT_JSON_FORMAT), and one portfolio entry per assessment for
 * portfolio.c (SRMGAP_PORTFOLIO_JSON_FORMAT). Documents are built with
 * jansson and written with two-space indentation, keys in a fixed order.
 * The layout is documented in the README and in the JSON Schemas under
 * reports/; a change that is not a pure addition gets a new format name.
 *
 * Conventions, the same in both layouts: text that may be empty is a
 * string ("" when empty); a date or time, a number or an object that
 * does not apply is null. Scores are numbers from 0 to 1 (the exact
 * ratio, written with 15 significant digits); "percent" is the score as
 * the text report and --fail-under show it, to one decimal. Text that is
 * not valid UTF-8 has each bad sequence replaced by U+FFFD.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "srmgap/report.h"
#include "export_int.h"
#include "report_int.h"
#include "portfolio_int.h"
#include "util_int.h"

/* Reals with 15 significant digits: 0.45, not 0.45000000000000001. */
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(15))

/*
 * A document under construction. jansson returns NULL when it runs out of
 * memory; the helpers below note that in `oom` and accept NULL, so the
 * builders read straight through and the failure is checked once.
 */
typedef struct builder {
	int oom;
	srmgap_buf tmp;       /* scratch for cleaning text */
} builder;

static json_t *checked(builder *b, json_t *v)
{
	if (v == NULL)
		b->oom = 1;
	return v;
}

/* Set obj[key] = v (a new reference, may be NULL after an OOM). */
static void put(builder *b, json_t *obj, const char *key, json_t *v)
{
	if (v == NULL || obj == NULL) {
		b->oom = 1;
		json_decref(v);
		return;
	}
	if (json_object_set_new(obj, key, v) != 0)
		b->oom = 1;
}

static void append(builder *b, json_t *arr, json_t *v)
{
	if (v == NULL || arr == NULL) {
		b->oom = 1;
		json_decref(v);
		return;
	}
	if (json_array_append_new(arr, v) != 0)
		b->oom = 1;
}

/* Text as a JSON string (NULL: ""), invalid UTF-8 replaced. */
static json_t *text(builder *b, const char *s)
{
	b->tmp.len = 0;
	srmgap_export__cell_text(&b->tmp, s, 0);
	if (b->tmp.oom) {
		b->oom = 1;
		return NULL;
	}
	return checked(b, json_stringn(b->tmp.data, b->tmp.len));
}

/* A date or time: null when absent or empty. */
static json_t *when(builder *b, const char *s)
{
	return s == NULL || s[0] == '\0' ? json_null() : text(b, s);
}

static json_t *real(builder *b, double v)
{
	return checked(b, json_real(v));
}

static json_t *count(builder *b, size_t v)
{
	return checked(b, json_integer((json_int_t)v));
}

static json_t *score(builder *b, int scored, double v)
{
	return scored ? real(b, v) : json_null();
}

/* The score as shown (one decimal), like the text report and the gate. */
static json_t *percent(builder *b, int scored, double v)
{
	char shown[32];

	if (!scored)
		return json_null();
	srmgap_report_percent(shown, sizeof(shown), v);
	return real(b, strtod(shown, NULL));
}

static const char *qstate_name(srmgap_qstate s)
{
	static const char *const names[] = {
		"scored", "missing", "not-applicable", "skipped", "informational",
		"optional", "inherited"
	};

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

static json_t *signoff(builder *b, const srmgap_assessment *a)
{
	json_t *o;

	if (a->signed_by == NULL)
		return json_null();
	o = checked(b, json_object());
	put(b, o, "signed_by", text(b, a->signed_by));
	put(b, o, "signed_at", when(b, a->signed_at));
	put(b, o, "statement", text(b, a->statement));
	put(b, o, "seal", text(b, a->seal));
	return o;
}

static json_t *assessment(builder *b, const srmgap_assessment *a)
{
	json_t *o = checked(b, json_object());

	put(b, o, "name", text(b, a->name));
	put(b, o, "organisation", text(b, a->org));
	put(b, o, "assessor", text(b, a->assessor));
	put(b, o, "created_at", when(b, a->created_at));
	put(b, o, "started_from", a->parent != NULL ? text(b, a->parent) :
		json_null());
	return o;
}

static json_t *parties(builder *b, const srmgap_model *m)
{
	json_t *arr = checked(b, json_array());
	size_t i;

	for (i = 0; i < m->nparties; i++) {
		json_t *o = checked(b, json_object());

		put(b, o, "id", text(b, m->parties[i].id));
		put(b, o, "name", text(b, m->parties[i].name));
		put(b, o, "role", text(b, m->parties[i].is_customer ? "customer" :
			"provider"));
		append(b, arr, o);
	}
	return arr;
}

static json_t *areas(builder *b, const srmgap_model *m)
{
	json_t *arr = checked(b, json_array());
	size_t i, k;

	for (i = 0; i < m->nareas; i++) {
		json_t *o = checked(b, json_object());
		json_t *duties = checked(b, json_object());

		put(b, o, "id", text(b, m->areas[i].id));
		put(b, o, "name", text(b, m->areas[i].name));
		/* Keyed by party id, in party order; null: no duty there. */
		for (k = 0; k < m->nparties; k++)
			put(b, duties, m->parties[k].id, m->areas[i].duties[k] ?
				text(b, m->areas[i].duties[k]) : json_null());
		put(b, o, "duties", duties);
		append(b, arr, o);
	}
	return arr;
}

/* "ISO27001:A.5.17|SOC2:CC6.1" as ["ISO27001:A.5.17", "SOC2:CC6.1"]. */
static json_t *references(builder *b, const char *refs)
{
	json_t *arr = checked(b, json_array());
	const char *p = refs != NULL ? refs : "";

	while (*p != '\0') {
		size_t n = strcspn(p, "|");
		char *one = srmgap_util__strndup(p, n);

		if (one == NULL) {
			b->oom = 1;
			break;
		}
		srmgap_util__trim(one);
		if (one[0] != '\0')
			append(b, arr, text(b, one));
		free(one);
		p += n;
		if (*p == '|')
			p++;
	}
	return arr;
}

static json_t *controls(builder *b, const srmgap_model *m)
{
	json_t *arr = checked(b, json_array());
	size_t i;

	for (i = 0; i < m->ncontrols; i++) {
		const srmgap_control *c = &m->controls[i];
		json_t *o = checked(b, json_object());

		put(b, o, "id", text(b, c->id));
		put(b, o, "area", text(b, c->area_id));
		put(b, o, "title", text(b, c->title));
		put(b, o, "owner", text(b, c->owner_id));
		put(b, o, "severity", text(b, srmgap_severity_name(c->severity)));
		put(b, o, "weight", real(b, c->weight));
		put(b, o, "description", text(b, c->description));
		put(b, o, "remediation", text(b, c->remediation));
		put(b, o, "references", references(b, c->references));
		append(b, arr, o);
	}
	return arr;
}

static json_t *questions(builder *b, const srmgap_model *m)
{
	json_t *arr = checked(b, json_array());
	size_t i;

	for (i = 0; i < m->nquestions; i++) {
		const srmgap_question *q = &m->questions[i];
		json_t *o = checked(b, json_object());

		put(b, o, "id", text(b, q->id));
		put(b, o, "control", text(b, q->control_id));
		put(b, o, "text", text(b, q->text));
		put(b, o, "type", text(b, srmgap_qtype_name(q->type)));
		put(b, o, "options", text(b, q->options));
		put(b, o, "weight", real(b, q->weight));
		put(b, o, "required", checked(b, json_boolean(q->required)));
		put(b, o, "depends_on", text(b, q->depends_on));
		put(b, o, "pattern", text(b, q->pattern));
		put(b, o, "help", text(b, q->help));
		append(b, arr, o);
	}
	return arr;
}

static json_t *model(builder *b, const srmgap_model *m)
{
	json_t *o = checked(b, json_object());

	put(b, o, "id", text(b, m->id));
	put(b, o, "variant", text(b, m->variant));
	put(b, o, "title", text(b, m->title));
	put(b, o, "version", text(b, m->version));
	put(b, o, "source", text(b, m->source));
	put(b, o, "description", text(b, m->description));
	put(b, o, "hash", text(b, m->hash));
	put(b, o, "parties", parties(b, m));
	put(b, o, "areas", areas(b, m));
	put(b, o, "controls", controls(b, m));
	put(b, o, "questions", questions(b, m));
	return o;
}

/* The answered questions, in questionnaire order. */
static json_t *answers(builder *b, const srmgap_model *m,
	const srmgap_answers *ans)
{
	json_t *arr = checked(b, json_array());
	size_t i;

	for (i = 0; i < m->nquestions && i < ans->count; i++) {
		const srmgap_answer *x = &ans->items[i];
		json_t *o;

		if (x->value == NULL)
			continue;
		o = checked(b, json_object());
		put(b, o, "question", text(b, m->questions[i].id));
		put(b, o, "value", text(b, x->value));
		put(b, o, "evidence", text(b, x->evidence));
		put(b, o, "evidence_date", when(b, x->evidence_date));
		put(b, o, "note", text(b, x->note));
		put(b, o, "recorded_at", when(b, x->recorded_at));
		put(b, o, "carried", checked(b, json_boolean(x->carried)));
		append(b, arr, o);
	}
	return arr;
}

static json_t *overall(builder *b, const srmgap_model *m,
	const srmgap_result *r)
{
	json_t *o = checked(b, json_object());

	put(b, o, "score", score(b, r->scored, r->overall));
	put(b, o, "percent", percent(b, r->scored, r->overall));
	put(b, o, "verified_score", score(b, r->scored, r->verified_overall));
	put(b, o, "verified_percent", percent(b, r->scored,
		r->verified_overall));
	put(b, o, "controls", count(b, srmgap_model_scored_controls(m)));
	put(b, o, "applicable", count(b, r->applicable));
	put(b, o, "reviewed", count(b, r->reviewed));
	put(b, o, "outdated", count(b, r->outdated));
	put(b, o, "gaps", count(b, r->ngaps));
	put(b, o, "critical_gaps", count(b, r->critical_gaps));
	put(b, o, "answered", count(b, r->answered));
	put(b, o, "questions", count(b, r->nquestions));
	return o;
}

static json_t *area_scores(builder *b, const srmgap_model *m,
	const srmgap_result *r)
{
	json_t *arr = checked(b, json_array());
	size_t i;

	for (i = 0; i < m->nareas; i++) {
		const srmgap_area_result *ar = &r->areas[i];
		json_t *o = checked(b, json_object());

		put(b, o, "area", text(b, m->areas[i].id));
		put(b, o, "status", text(b, srmgap_status_name(
			srmgap_report__area_status(r, i))));
		put(b, o, "score", score(b, ar->scored, ar->score));
		put(b, o, "percent", percent(b, ar->scored, ar->score));
		put(b, o, "verified_score", score(b, ar->scored,
			ar->verified_score));
		put(b, o, "verified_percent", percent(b, ar->scored,
			ar->verified_score));
		put(b, o, "met", count(b, ar->met));
		put(b, o, "partial", count(b, ar->partial));
		put(b, o, "not_met", count(b, ar->not_met));
		put(b, o, "unanswered", count(b, ar->unanswered));
		put(b, o, "not_applicable", count(b, ar->not_applicable));
		put(b, o, "inherited", count(b, ar->inherited));
		append(b, arr, o);
	}
	return arr;
}

static json_t *review(builder *b, const srmgap_reviews *rv, size_t i)
{
	const srmgap_review *x;
	json_t *o;

	if (rv == NULL || i >= rv->count ||
	    rv->items[i].verdict == SRMGAP_VERDICT_NONE)
		return json_null();
	x = &rv->items[i];
	o = checked(b, json_object());
	put(b, o, "comment", text(b, x->comment));
	put(b, o, "auditor", text(b, x->auditor));
	put(b, o, "reviewed_at", when(b, x->reviewed_at));
	/* The answers changed after it: it counts as no verdict. */
	put(b, o, "outdated", checked(b, json_boolean(x->outdated)));
	return o;
}

static json_t *control_scores(builder *b, const srmgap_model *m,
	const srmgap_reviews *rv, const srmgap_result *r)
{
	json_t *arr = checked(b, json_array());
	size_t i;

	for (i = 0; i < m->ncontrols; i++) {
		const srmgap_control_result *cr = &r->controls[i];
		int scored = cr->status != SRMGAP_NOT_APPLICABLE &&
			cr->status != SRMGAP_INHERITED;
		json_t *o = checked(b, json_object());

		put(b, o, "control", text(b, m->controls[i].id));
		put(b, o, "status", text(b, srmgap_status_name(cr->status)));
		put(b, o, "score", score(b, scored, cr->score));
		put(b, o, "percent", percent(b, scored, cr->score));
		put(b, o, "priority", cr->priority > 0 ? count(b, cr->priority) :
			json_null());
		put(b, o, "verdict", text(b, srmgap_verdict_name(cr->verdict)));
		put(b, o, "verified_status", text(b, srmgap_status_name(
			cr->verified_status)));
		put(b, o, "verified_score", score(b, scored, cr->verified_score));
		put(b, o, "review", review(b, rv, i));
		append(b, arr, o);
	}
	return arr;
}

static json_t *question_scores(builder *b, const srmgap_model *m,
	const srmgap_result *r)
{
	json_t *arr = checked(b, json_array());
	size_t i;

	for (i = 0; i < m->nquestions; i++) {
		const srmgap_question_result *qr = &r->questions[i];
		int scored = qr->state == SRMGAP_Q_SCORED ||
			qr->state == SRMGAP_Q_MISSING;
		json_t *o = checked(b, json_object());

		put(b, o, "question", text(b, m->questions[i].id));
		put(b, o, "state", text(b, qstate_name(qr->state)));
		put(b, o, "score", score(b, scored, qr->score));
		append(b, arr, o);
	}
	return arr;
}

static json_t *gaps(builder *b, const srmgap_model *m, const srmgap_result *r)
{
	json_t *arr = checked(b, json_array());
	size_t i;

	for (i = 0; i < r->ngaps; i++) {
		size_t c = r->gaps[i];
		const srmgap_control *ctl = &m->controls[c];
		const srmgap_control_result *cr = &r->controls[c];
		json_t *o = checked(b, json_object());

		put(b, o, "rank", count(b, i + 1));
		put(b, o, "control", text(b, ctl->id));
		put(b, o, "area", text(b, ctl->area_id));
		put(b, o, "title", text(b, ctl->title));
		put(b, o, "severity", text(b, srmgap_severity_name(ctl->severity)));
		put(b, o, "status", text(b, srmgap_status_name(cr->status)));
		put(b, o, "score", real(b, cr->score));
		put(b, o, "percent", percent(b, 1, cr->score));
		put(b, o, "weight", real(b, ctl->weight));
		put(b, o, "shortfall", real(b, ctl->weight * (1 - cr->score)));
		put(b, o, "verdict", text(b, srmgap_verdict_name(cr->verdict)));
		put(b, o, "verified_status", text(b, srmgap_status_name(
			cr->verified_status)));
		put(b, o, "remediation", text(b, ctl->remediation));
		append(b, arr, o);
	}
	return arr;
}

static json_t *report(builder *b, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r)
{
	json_t *doc = checked(b, json_object());
	json_t *scores = checked(b, json_object());
	char date[16];

	srmgap_date_format(r->asof, date);
	put(b, doc, "format", text(b, SRMGAP_REPORT_JSON_FORMAT));
	put(b, doc, "generator", text(b, "srmgap " SRMGAP_VERSION));
	put(b, doc, "as_of", text(b, date));
	put(b, doc, "assessment", assessment(b, a));
	put(b, doc, "signoff", signoff(b, a));
	put(b, doc, "model", model(b, m));
	put(b, doc, "answers", answers(b, m, ans));
	put(b, scores, "overall", overall(b, m, r));
	put(b, scores, "areas", area_scores(b, m, r));
	put(b, scores, "controls", control_scores(b, m, rv, r));
	put(b, scores, "questions", question_scores(b, m, r));
	put(b, doc, "scores", scores);
	put(b, doc, "gaps", gaps(b, m, r));
	return doc;
}

int srmgap_report_json(FILE *out, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r, srmgap_error *err)
{
	builder b;
	json_t *doc;
	int rc = SRMGAP_OK;

	memset(&b, 0, sizeof(b));
	srmgap_util__buf_init(&b.tmp);
	doc = report(&b, a, m, ans, rv, r);
	if (b.oom)
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	else if (json_dumpf(doc, out, DUMP_FLAGS) != 0 || fputc('\n', out) == EOF ||
	    ferror(out))
		rc = srmgap_error_set(err, SRMGAP_EIO, "cannot write the report");
	json_decref(doc);
	srmgap_util__buf_release(&b.tmp);
	return rc;
}

/* ---- the portfolio (portfolio.c writes the frame around the entries) ---- */

static json_t *entry(builder *b, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r)
{
	json_t *o = checked(b, json_object());
	json_t *mo = checked(b, json_object());
	int ok = m != NULL && r != NULL;

	put(b, o, "name", text(b, a->name));
	put(b, o, "organisation", text(b, a->org));
	put(b, o, "assessor", text(b, a->assessor));
	put(b, o, "created_at", when(b, a->created_at));
	put(b, mo, "id", text(b, ok ? m->id : a->model_id));
	put(b, mo, "variant", text(b, ok ? m->variant : a->variant));
	put(b, mo, "title", text(b, ok ? m->title : a->model_title));
	put(b, mo, "version", text(b, ok ? m->version : a->model_version));
	put(b, mo, "hash", text(b, ok ? m->hash : a->hash));
	put(b, o, "model", mo);
	put(b, o, "problem", ok ? json_null() : text(b, a->problem));
	put(b, o, "score", score(b, ok && r->scored, ok ? r->overall : 0));
	put(b, o, "percent", percent(b, ok && r->scored, ok ? r->overall : 0));
	put(b, o, "verified_score", score(b, ok && r->scored,
		ok ? r->verified_overall : 0));
	put(b, o, "verified_percent", percent(b, ok && r->scored,
		ok ? r->verified_overall : 0));
	put(b, o, "controls", ok ? count(b, srmgap_model_scored_controls(m)) :
		json_null());
	put(b, o, "applicable", ok ? count(b, r->applicable) : json_null());
	put(b, o, "reviewed", ok ? count(b, r->reviewed) : json_null());
	put(b, o, "outdated", ok ? count(b, r->outdated) : json_null());
	put(b, o, "gaps", ok ? count(b, r->ngaps) : json_null());
	put(b, o, "critical_gaps", ok ? count(b, r->critical_gaps) : json_null());
	put(b, o, "answered", ok ? count(b, r->answered) : json_null());
	put(b, o, "questions", ok ? count(b, r->nquestions) : json_null());
	put(b, o, "signoff", signoff(b, a));
	return o;
}

int srmgap_portfolio__json_entry(FILE *out, const char *indent,
	const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_result *r, srmgap_error *err)
{
	builder b;
	json_t *o;
	char *dump = NULL;
	int rc = SRMGAP_OK;

	memset(&b, 0, sizeof(b));
	srmgap_util__buf_init(&b.tmp);
	o = entry(&b, a, m, r);
	if (!b.oom)
		dump = json_dumps(o, DUMP_FLAGS);
	if (dump == NULL) {
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	} else {
		const char *p;

		/* Indent the entry to its place; JSON strings hold no line break. */
		fputs(indent, out);
		for (p = dump; *p != '\0'; p++) {
			fputc(*p, out);
			if (*p == '\n')
				fputs(indent, out);
		}
		if (ferror(out))
			rc = srmgap_error_set(err, SRMGAP_EIO, "cannot write the "
				"portfolio");
	}
	free(dump);
	json_decref(o);
	srmgap_util__buf_release(&b.tmp);
	return rc;
}
