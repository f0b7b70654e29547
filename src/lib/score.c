/*
 * The scoring rules (score.h), in one place. Reports, the portfolio and
 * the benchmark all go through srmgap_score().
 */
#include <stdlib.h>
#include <string.h>

#include "srmgap/answer.h"
#include "srmgap/score.h"
#include "util_int.h"

static const char *const status_names[] = {
	"met", "partial", "not-met", "unanswered", "not-applicable", "inherited",
	"unreviewed"
};

const char *srmgap_status_name(srmgap_status s)
{
	return (unsigned)s < sizeof(status_names) / sizeof(status_names[0]) ?
		status_names[s] : "?";
}

int srmgap_date_parse(const char *s, long *days, srmgap_error *err)
{
	if (srmgap_util__parse_date(s, days) != 0)
		return srmgap_error_set(err, SRMGAP_EUSAGE, "invalid date '%.64s' "
			"(expected YYYY-MM-DD)", s);
	return SRMGAP_OK;
}

long srmgap_date_today(void)
{
	return srmgap_util__today();
}

void srmgap_date_format(long days, char *buf)
{
	srmgap_util__format_date(days, buf);
}

void srmgap_result_free(srmgap_result *r)
{
	if (r == NULL)
		return;
	free(r->questions);
	free(r->controls);
	free(r->areas);
	free(r->gaps);
	free(r);
}

/* Weighted shortfall of a control: how much fixing it would add. */
static double shortfall(const srmgap_model *m, const srmgap_result *r, size_t c)
{
	return m->controls[c].weight * (1 - r->controls[c].score);
}

typedef struct gap_sort {
	const srmgap_model *m;
	const srmgap_result *r;
} gap_sort;

static int gap_before(const gap_sort *g, size_t a, size_t b)
{
	const srmgap_control *ca = &g->m->controls[a], *cb = &g->m->controls[b];
	double sa, sb;

	if (ca->severity != cb->severity)
		return ca->severity < cb->severity;
	sa = shortfall(g->m, g->r, a);
	sb = shortfall(g->m, g->r, b);
	if (sa != sb)
		return sa > sb;
	return strcmp(ca->id, cb->id) < 0;
}

static void rank_gaps(const srmgap_model *m, srmgap_result *r)
{
	gap_sort g = { m, r };
	size_t i, j;

	for (i = 1; i < r->ngaps; i++) {
		size_t t = r->gaps[i];

		for (j = i; j > 0 && gap_before(&g, t, r->gaps[j - 1]); j--)
			r->gaps[j] = r->gaps[j - 1];
		r->gaps[j] = t;
	}
	for (i = 0; i < r->ngaps; i++)
		r->controls[r->gaps[i]].priority = i + 1;
}

void srmgap_questions_asked(unsigned char *out, const srmgap_model *m,
	const srmgap_answers *ans)
{
	size_t i;

	/* depends_on names an earlier question, so its state is known. */
	for (i = 0; i < m->nquestions; i++) {
		const srmgap_question *q = &m->questions[i];
		const char *dv;

		out[i] = SRMGAP_ASKED;
		if (!srmgap_control_scored(&m->controls[q->control])) {
			out[i] = SRMGAP_ASK_PROVIDER;
			continue;
		}
		if (!q->has_dep)
			continue;
		dv = q->dep < ans->count ? ans->items[q->dep].value : NULL;
		if (dv == NULL || out[q->dep] == SRMGAP_ASK_SKIPPED ||
		    !srmgap_answer_enables(q, dv))
			out[i] = SRMGAP_ASK_SKIPPED;
	}
}

static void score_questions(const srmgap_model *m, const srmgap_answers *ans,
	const unsigned char *asked, srmgap_result *r)
{
	size_t i;

	for (i = 0; i < m->nquestions; i++) {
		const srmgap_question *q = &m->questions[i];
		const char *v = i < ans->count ? ans->items[i].value : NULL;
		srmgap_question_result *qr = &r->questions[i];

		if (v != NULL)
			r->answered++;
		if (asked[i] == SRMGAP_ASK_PROVIDER) {
			qr->state = SRMGAP_Q_PROVIDER;
			continue;
		}
		if (asked[i] == SRMGAP_ASK_SKIPPED) {
			qr->state = SRMGAP_Q_SKIPPED;
			continue;
		}
		if (srmgap_question_informational(q)) {
			qr->state = SRMGAP_Q_INFO;
		} else if (v != NULL) {
			qr->state = srmgap_answer_score(q, v, r->asof, &qr->score) ?
				SRMGAP_Q_SCORED : SRMGAP_Q_NA;
		} else if (q->required) {
			qr->state = SRMGAP_Q_MISSING;
			qr->score = 0;
		} else {
			qr->state = SRMGAP_Q_OPTIONAL;
		}
	}
}

static int score_controls(const srmgap_model *m, srmgap_result *r)
{
	double *num = calloc(m->ncontrols ? m->ncontrols : 1, sizeof(double));
	double *den = calloc(m->ncontrols ? m->ncontrols : 1, sizeof(double));
	char *answered = calloc(m->ncontrols ? m->ncontrols : 1, 1);
	size_t i;
	int rc = SRMGAP_ENOMEM;

	if (num == NULL || den == NULL || answered == NULL)
		goto done;
	for (i = 0; i < m->nquestions; i++) {
		const srmgap_question_result *qr = &r->questions[i];
		size_t c = m->questions[i].control;

		if (qr->state != SRMGAP_Q_SCORED && qr->state != SRMGAP_Q_MISSING)
			continue;
		num[c] += m->questions[i].weight * qr->score;
		den[c] += m->questions[i].weight;
		if (qr->state == SRMGAP_Q_SCORED)
			answered[c] = 1;
	}
	for (i = 0; i < m->ncontrols; i++) {
		srmgap_control_result *cr = &r->controls[i];

		if (!srmgap_control_scored(&m->controls[i])) {
			cr->status = SRMGAP_INHERITED;
		} else if (den[i] == 0) {
			cr->status = SRMGAP_NOT_APPLICABLE;
		} else if (!answered[i]) {
			cr->status = SRMGAP_UNANSWERED;
		} else {
			cr->score = num[i] / den[i];
			if (cr->score > 1 - SRMGAP_SCORE_EPSILON)
				cr->score = 1;
			cr->status = cr->score >= 1 ? SRMGAP_MET :
				cr->score <= 0 ? SRMGAP_NOT_MET : SRMGAP_PARTIAL;
		}
	}
	rc = SRMGAP_OK;
done:
	free(num);
	free(den);
	free(answered);
	return rc;
}

/*
 * The verified score of control result `cr` under verdict `v`: the
 * self-assessed score only when an auditor verified it.
 */
static void verify_control(srmgap_control_result *cr, srmgap_verdict v,
	int outdated)
{
	cr->verdict = v;
	cr->outdated = v != SRMGAP_VERDICT_NONE && outdated;
	cr->verified_score = 0;
	if (cr->status == SRMGAP_NOT_APPLICABLE ||
	    cr->status == SRMGAP_INHERITED) {
		cr->verified_status = cr->status;
		return;
	}
	/* A verdict on answers that changed since vouches for nothing now. */
	switch (cr->outdated ? SRMGAP_VERDICT_NONE : v) {
	case SRMGAP_VERDICT_VERIFIED:
		cr->verified_status = cr->status;
		cr->verified_score = cr->score;
		break;
	case SRMGAP_VERDICT_NOT_VERIFIED:
	case SRMGAP_VERDICT_NEEDS_EVIDENCE:
		cr->verified_status = SRMGAP_NOT_MET;
		break;
	default:
		cr->verified_status = SRMGAP_UNREVIEWED;
		break;
	}
}

int srmgap_score(srmgap_result **out, const srmgap_model *m,
	const srmgap_answers *ans, const srmgap_reviews *rv, long asof)
{
	srmgap_result *r = calloc(1, sizeof(*r));
	double onum = 0, oden = 0, vnum = 0;
	double *anum = NULL, *aden = NULL, *avnum = NULL;
	unsigned char *asked = NULL;
	size_t i;

	*out = NULL;
	if (r == NULL)
		return SRMGAP_ENOMEM;
	r->asof = asof;
	r->nquestions = m->nquestions;
	r->questions = calloc(m->nquestions + 1, sizeof(*r->questions));
	r->controls = calloc(m->ncontrols + 1, sizeof(*r->controls));
	r->areas = calloc(m->nareas + 1, sizeof(*r->areas));
	r->gaps = calloc(m->ncontrols + 1, sizeof(*r->gaps));
	anum = calloc(m->nareas + 1, sizeof(double));
	aden = calloc(m->nareas + 1, sizeof(double));
	avnum = calloc(m->nareas + 1, sizeof(double));
	if (!r->questions || !r->controls || !r->areas || !r->gaps || !anum ||
	    !aden || !avnum)
		goto nomem;
	asked = calloc(m->nquestions + 1, 1);
	if (asked == NULL)
		goto nomem;
	srmgap_questions_asked(asked, m, ans);
	score_questions(m, ans, asked, r);
	free(asked);
	asked = NULL;
	if (score_controls(m, r) != SRMGAP_OK)
		goto nomem;
	for (i = 0; i < m->ncontrols; i++) {
		const srmgap_control *c = &m->controls[i];
		srmgap_control_result *cr = &r->controls[i];
		srmgap_area_result *ar = &r->areas[c->area];

		verify_control(cr, rv != NULL && i < rv->count ?
			rv->items[i].verdict : SRMGAP_VERDICT_NONE,
			rv != NULL && i < rv->count && rv->items[i].outdated);

		switch (cr->status) {
		case SRMGAP_MET:
			ar->met++;
			break;
		case SRMGAP_PARTIAL:
			ar->partial++;
			break;
		case SRMGAP_NOT_MET:
			ar->not_met++;
			break;
		case SRMGAP_UNANSWERED:
			ar->unanswered++;
			break;
		case SRMGAP_NOT_APPLICABLE:
			ar->not_applicable++;
			continue;
		case SRMGAP_INHERITED:
			ar->inherited++;
			continue;
		default:
			break;
		}
		r->applicable++;
		if (cr->verdict != SRMGAP_VERDICT_NONE && !cr->outdated)
			r->reviewed++;
		if (cr->outdated)
			r->outdated++;
		anum[c->area] += c->weight * cr->score;
		avnum[c->area] += c->weight * cr->verified_score;
		aden[c->area] += c->weight;
		onum += c->weight * cr->score;
		vnum += c->weight * cr->verified_score;
		oden += c->weight;
		if (cr->status != SRMGAP_MET) {
			r->gaps[r->ngaps++] = i;
			if (c->severity == SRMGAP_SEV_CRITICAL)
				r->critical_gaps++;
		}
	}
	for (i = 0; i < m->nareas; i++) {
		if (aden[i] > 0) {
			r->areas[i].scored = 1;
			r->areas[i].score = anum[i] / aden[i];
			r->areas[i].verified_score = avnum[i] / aden[i];
		}
	}
	if (oden > 0) {
		r->scored = 1;
		r->overall = onum / oden;
		r->verified_overall = vnum / oden;
	}
	rank_gaps(m, r);
	free(anum);
	free(aden);
	free(avnum);
	*out = r;
	return SRMGAP_OK;
nomem:
	free(asked);
	free(anum);
	free(aden);
	free(avnum);
	srmgap_result_free(r);
	return SRMGAP_ENOMEM;
}
