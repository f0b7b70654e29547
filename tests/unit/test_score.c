/*
 * Unit tests for scoring (src/lib/score.c), against the rules in
 * include/srmgap/score.h: question states, control scores and statuses,
 * area and overall scores weighted by control weight, depends_on, and the
 * ranking of gaps. Every expected number is worked out by hand in the
 * comment next to it.
 *
 * Each case builds its own small model in memory (parties "aws" and
 * "customer", areas A1..A3) from a table of controls and questions, fills
 * the answers by hand and scores as of 2025-01-01.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "srmgap/score.h"
#include "model_int.h"
#include "util_int.h"
#include "unit.h"

typedef struct ctl {
	const char *id, *area, *owner, *severity, *weight;
} ctl;

typedef struct qn {
	const char *id, *control, *type, *options, *weight, *required, *depends;
} qn;

typedef struct fixture {
	srmgap_model *m;
	srmgap_diags d;
	srmgap_answers ans;
	int have_ans;
	srmgap_result *r;
	long asof;
} fixture;

static const srmgap_src SRC = { "mem.csv", 1, NULL };

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	srmgap_diags_init(&f->d);
	if (srmgap_util__parse_date("2025-01-01", &f->asof) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	srmgap_result_free(f->r);
	if (f->have_ans)
		srmgap_answers_release(&f->ans);
	srmgap_model_free(f->m);
	srmgap_diags_release(&f->d);
	free(f);
	return 0;
}

static void build(fixture *f, const ctl *c, size_t nc, const qn *q, size_t nq)
{
	const char *aws[F_PARTY_N] = { "aws", "AWS", "provider" };
	const char *cust[F_PARTY_N] = { "customer", "Customer", "customer" };
	const char *duties[] = { "Hosts", "Uses" };
	const char *areas[] = { "A1", "A2", "A3" };
	size_t i;

	assert_int_equal(srmgap_model__new(&f->m, "score", ""), SRMGAP_OK);
	srmgap_model__meta(f->m, "title", "Scoring", &SRC, &f->d);
	srmgap_model__meta(f->m, "version", "1", &SRC, &f->d);
	srmgap_model__party(f->m, aws, &SRC, &f->d);
	srmgap_model__party(f->m, cust, &SRC, &f->d);
	for (i = 0; i < 3; i++)
		srmgap_model__area(f->m, areas[i], areas[i], duties, &SRC, &f->d);
	for (i = 0; i < nc; i++) {
		const char *row[F_CTL_N] = {
			c[i].id, c[i].area, c[i].id, c[i].owner, c[i].severity,
			c[i].weight ? c[i].weight : "", "", "", ""
		};

		srmgap_model__control(f->m, row, &SRC, &f->d);
	}
	for (i = 0; i < nq; i++) {
		const char *row[F_Q_N] = {
			q[i].id, q[i].control, "Question?", q[i].type,
			q[i].options ? q[i].options : "",
			q[i].weight ? q[i].weight : "",
			q[i].required ? q[i].required : "",
			q[i].depends ? q[i].depends : "", "", ""
		};

		srmgap_model__question(f->m, row, &SRC, &f->d);
	}
	assert_int_equal(srmgap_model__finish(f->m, "mem", &f->d, 0), SRMGAP_OK);
	if (f->d.errors != 0) {
		for (i = 0; i < f->d.count; i++)
			print_error("build: %s\n", f->d.items[i].msg);
	}
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(srmgap_answers_init(&f->ans, f->m), SRMGAP_OK);
	f->have_ans = 1;
}

#define BUILD(f, c, q) build((f), (c), sizeof(c) / sizeof((c)[0]), \
	(q), sizeof(q) / sizeof((q)[0]))

static void answer(fixture *f, const char *qid, const char *canon)
{
	long ix = srmgap_model_question(f->m, qid);

	assert_true(ix >= 0);
	free(f->ans.items[ix].value);
	f->ans.items[ix].value = strdup(canon);
	assert_non_null(f->ans.items[ix].value);
}

static void score(fixture *f)
{
	srmgap_result_free(f->r);
	f->r = NULL;
	assert_int_equal(srmgap_score(&f->r, f->m, &f->ans, NULL, f->asof), SRMGAP_OK);
	assert_non_null(f->r);
	assert_int_equal(f->r->asof, f->asof);
	assert_int_equal(f->r->nquestions, f->m->nquestions);
}

static const srmgap_question_result *QR(fixture *f, const char *qid)
{
	long ix = srmgap_model_question(f->m, qid);

	assert_true(ix >= 0);
	return &f->r->questions[ix];
}

static const srmgap_control_result *CR(fixture *f, const char *cid)
{
	long ix = srmgap_model_control(f->m, cid);

	assert_true(ix >= 0);
	return &f->r->controls[ix];
}

static const srmgap_area_result *AR(fixture *f, const char *aid)
{
	long ix = srmgap_model_area(f->m, aid);

	assert_true(ix >= 0);
	return &f->r->areas[ix];
}

static const char *gap_id(fixture *f, size_t i)
{
	assert_true(i < f->r->ngaps);
	return f->m->controls[f->r->gaps[i]].id;
}

static void test_score_met_partial_not_met(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "C1", "A1", "customer", "high", NULL },
		{ "C2", "A1", "customer", "high", NULL },
		{ "C3", "A1", "customer", "high", NULL },
	};
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C2", "scale", NULL, NULL, NULL, NULL },
		{ "Q3", "C3", "yesno", NULL, NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "yes");
	answer(f, "Q2", "partial");
	answer(f, "Q3", "no");
	score(f);
	assert_int_equal(QR(f, "Q1")->state, SRMGAP_Q_SCORED);
	assert_near(QR(f, "Q1")->score, 1);
	assert_near(QR(f, "Q2")->score, 0.5);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_MET);
	assert_near(CR(f, "C1")->score, 1);
	assert_int_equal(CR(f, "C2")->status, SRMGAP_PARTIAL);
	assert_near(CR(f, "C2")->score, 0.5);
	assert_int_equal(CR(f, "C3")->status, SRMGAP_NOT_MET);
	assert_near(CR(f, "C3")->score, 0);
	/* all weight 3: (3*1 + 3*0.5 + 3*0) / 9 = 0.5 */
	assert_true(f->r->scored);
	assert_near(f->r->overall, 0.5);
	assert_int_equal(AR(f, "A1")->met, 1);
	assert_int_equal(AR(f, "A1")->partial, 1);
	assert_int_equal(AR(f, "A1")->not_met, 1);
	assert_int_equal(f->r->answered, 3);
	assert_string_equal(srmgap_status_name(SRMGAP_NOT_MET), "not-met");
	assert_string_equal(srmgap_status_name(SRMGAP_NOT_APPLICABLE),
		"not-applicable");
}

static void test_score_weighted_questions(void **state)
{
	fixture *f = *state;
	static const ctl c[] = { { "C1", "A1", "customer", "low", NULL } };
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, "3", NULL, NULL },
		{ "Q2", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q3", "C1", "choice", "all=1|most=0.7|none=0", "2", NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "yes");
	answer(f, "Q2", "no");
	answer(f, "Q3", "most");
	score(f);
	/* (3*1 + 1*0 + 2*0.7) / 6 = 4.4 / 6 */
	assert_near(CR(f, "C1")->score, 4.4 / 6);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_PARTIAL);
	assert_near(f->r->overall, 4.4 / 6);
	assert_near(AR(f, "A1")->score, 4.4 / 6);
}

static void test_score_required_unanswered_scores_zero(void **state)
{
	fixture *f = *state;
	static const ctl c[] = { { "C1", "A1", "customer", "medium", NULL } };
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, "3", NULL, NULL },
		{ "Q2", "C1", "yesno", NULL, NULL, "yes", NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "yes");
	score(f);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_MISSING);
	assert_near(QR(f, "Q2")->score, 0);
	/* (3*1 + 1*0) / 4 */
	assert_near(CR(f, "C1")->score, 0.75);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_PARTIAL);
	assert_int_equal(f->r->answered, 1);
}

static void test_score_all_unanswered_control(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "C1", "A1", "customer", "critical", NULL },
		{ "C2", "A1", "customer", "low", NULL },
	};
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C1", "scale", NULL, NULL, NULL, NULL },
		{ "Q3", "C2", "yesno", NULL, NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q3", "yes");
	score(f);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_UNANSWERED);
	assert_near(CR(f, "C1")->score, 0);
	/* the unanswered control counts with score 0: (4*0 + 1*1) / 5 */
	assert_near(f->r->overall, 0.2);
	assert_int_equal(AR(f, "A1")->unanswered, 1);
	assert_int_equal(AR(f, "A1")->met, 1);
	assert_int_equal(f->r->ngaps, 1);
	assert_string_equal(gap_id(f, 0), "C1");
	assert_int_equal(f->r->critical_gaps, 1);
	assert_int_equal(CR(f, "C1")->priority, 1);
	assert_int_equal(CR(f, "C2")->priority, 0);
}

static void test_score_optional_unanswered_excluded(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "C1", "A1", "customer", "low", NULL },
		{ "C2", "A1", "customer", "low", NULL },
	};
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C1", "yesno", NULL, "5", "no", NULL },
		{ "Q3", "C2", "yesno", NULL, NULL, "no", NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "yes");
	score(f);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_OPTIONAL);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_MET);
	assert_near(CR(f, "C1")->score, 1);
	/* a control whose only question is optional and unanswered */
	assert_int_equal(QR(f, "Q3")->state, SRMGAP_Q_OPTIONAL);
	assert_int_equal(CR(f, "C2")->status, SRMGAP_NOT_APPLICABLE);
	assert_near(f->r->overall, 1);
	assert_int_equal(f->r->ngaps, 0);
	/* answered optional questions do count */
	answer(f, "Q2", "no");
	score(f);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_SCORED);
	/* (1*1 + 5*0) / 6 */
	assert_near(CR(f, "C1")->score, 1.0 / 6);
}

static void test_score_na_answers_excluded(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "C1", "A1", "customer", "high", NULL },
		{ "C2", "A2", "customer", "critical", NULL },
	};
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, "4", NULL, NULL },
		{ "Q2", "C1", "scale", NULL, NULL, NULL, NULL },
		{ "Q3", "C2", "choice", "yes=1|unknown=na", NULL, NULL, NULL },
		{ "Q4", "C2", "multi", "a=0.5|none=na", NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "na");
	answer(f, "Q2", "partial");
	answer(f, "Q3", "unknown");
	answer(f, "Q4", "none");
	score(f);
	assert_int_equal(QR(f, "Q1")->state, SRMGAP_Q_NA);
	/* Q1 out of the control: only Q2 counts */
	assert_near(CR(f, "C1")->score, 0.5);
	assert_int_equal(QR(f, "Q3")->state, SRMGAP_Q_NA);
	assert_int_equal(QR(f, "Q4")->state, SRMGAP_Q_NA);
	assert_int_equal(CR(f, "C2")->status, SRMGAP_NOT_APPLICABLE);
	assert_near(CR(f, "C2")->score, 0);
	assert_int_equal(CR(f, "C2")->priority, 0);
	/* C2 is out of the overall and of the gaps */
	assert_near(f->r->overall, 0.5);
	assert_int_equal(f->r->ngaps, 1);
	assert_int_equal(f->r->critical_gaps, 0);
	assert_int_equal(AR(f, "A2")->not_applicable, 1);
	assert_false(AR(f, "A2")->scored);
	assert_int_equal(f->r->answered, 4);
}

static void test_score_informational_questions(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "C1", "A1", "customer", "high", NULL },
		{ "C2", "A1", "customer", "high", NULL },
	};
	static const qn q[] = {
		{ "Q1", "C1", "text", NULL, NULL, NULL, NULL },
		{ "Q2", "C1", "number", NULL, NULL, NULL, NULL },
		{ "Q3", "C1", "date", NULL, NULL, NULL, NULL },
		{ "Q4", "C2", "yesno", NULL, NULL, NULL, NULL },
		{ "Q5", "C2", "text", NULL, "9", NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "free text");
	answer(f, "Q4", "no");
	score(f);
	/* informational, answered or not, required or not */
	assert_int_equal(QR(f, "Q1")->state, SRMGAP_Q_INFO);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_INFO);
	assert_int_equal(QR(f, "Q3")->state, SRMGAP_Q_INFO);
	assert_int_equal(QR(f, "Q5")->state, SRMGAP_Q_INFO);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_NOT_APPLICABLE);
	assert_int_equal(CR(f, "C2")->status, SRMGAP_NOT_MET);
	assert_near(CR(f, "C2")->score, 0);
	assert_int_equal(f->r->answered, 2);
}

static void test_score_provider_controls_inherited(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "P1", "A1", "aws", "critical", NULL },
		{ "C1", "A2", "customer", "low", NULL },
	};
	static const qn q[] = {
		{ "Q1", "P1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C1", "yesno", NULL, NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "no");
	answer(f, "Q2", "yes");
	score(f);
	assert_int_equal(QR(f, "Q1")->state, SRMGAP_Q_PROVIDER);
	assert_int_equal(CR(f, "P1")->status, SRMGAP_INHERITED);
	assert_near(CR(f, "P1")->score, 0);
	assert_int_equal(CR(f, "P1")->priority, 0);
	assert_int_equal(AR(f, "A1")->inherited, 1);
	assert_false(AR(f, "A1")->scored);
	assert_true(AR(f, "A2")->scored);
	/* the provider's "no" neither lowers the overall nor makes a gap */
	assert_near(f->r->overall, 1);
	assert_int_equal(f->r->ngaps, 0);
	assert_int_equal(f->r->critical_gaps, 0);
	/* answered counts every answer, the provider question's too */
	assert_int_equal(f->r->answered, 2);
}

static void test_score_nothing_applicable(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "P1", "A1", "aws", "high", NULL },
		{ "C1", "A2", "customer", "high", NULL },
	};
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "na");
	score(f);
	assert_false(f->r->scored);
	assert_near(f->r->overall, 0);
	assert_int_equal(f->r->ngaps, 0);
	assert_false(AR(f, "A1")->scored);
	assert_false(AR(f, "A2")->scored);
	assert_false(AR(f, "A3")->scored);
}

static void test_score_shared_controls_scored(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "S1", "A1", "shared", "medium", NULL },
	};
	static const qn q[] = {
		{ "Q1", "S1", "scale", NULL, NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "partial");
	score(f);
	assert_int_equal(QR(f, "Q1")->state, SRMGAP_Q_SCORED);
	assert_int_equal(CR(f, "S1")->status, SRMGAP_PARTIAL);
	assert_near(f->r->overall, 0.5);
	assert_int_equal(f->r->ngaps, 1);
}

static void test_score_overall_weighted_over_controls(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "C1", "A1", "customer", "critical", NULL },   /* w 4 */
		{ "C2", "A1", "customer", "low", NULL },        /* w 1 */
		{ "C3", "A2", "customer", "medium", NULL },     /* w 2 */
	};
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C2", "scale", NULL, NULL, NULL, NULL },
		{ "Q3", "C3", "yesno", NULL, NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "yes");
	answer(f, "Q2", "partial");
	answer(f, "Q3", "no");
	score(f);
	/* A1: (4*1 + 1*0.5) / 5 = 0.9; A2: 0 */
	assert_near(AR(f, "A1")->score, 0.9);
	assert_true(AR(f, "A1")->scored);
	assert_near(AR(f, "A2")->score, 0);
	assert_true(AR(f, "A2")->scored);
	assert_false(AR(f, "A3")->scored);
	/* overall (4 + 0.5 + 0) / 7, not the mean of areas (0.45) */
	assert_near(f->r->overall, 4.5 / 7);
}

static void test_score_control_weight_given(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "C1", "A1", "customer", "low", "10" },
		{ "C2", "A2", "customer", "critical", "0.5" },
	};
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C2", "yesno", NULL, NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "yes");
	answer(f, "Q2", "no");
	score(f);
	/* (10*1 + 0.5*0) / 10.5 */
	assert_near(f->r->overall, 10 / 10.5);
}

static void test_score_skipped_by_depends_on(void **state)
{
	fixture *f = *state;
	static const ctl c[] = { { "C1", "A1", "customer", "high", NULL } };
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C1", "yesno", NULL, "5", NULL, "Q1=yes" },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "no");
	score(f);
	/* required but skipped: not missing, not counted */
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_SKIPPED);
	assert_near(CR(f, "C1")->score, 0);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_NOT_MET);
	/* an answer given anyway does not count either */
	answer(f, "Q2", "yes");
	score(f);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_SKIPPED);
	assert_near(CR(f, "C1")->score, 0);
	assert_int_equal(f->r->answered, 2);
}

static void test_score_depends_on_satisfied(void **state)
{
	fixture *f = *state;
	static const ctl c[] = { { "C1", "A1", "customer", "high", NULL } };
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C1", "yesno", NULL, "3", NULL, "Q1=yes" },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "yes");
	score(f);
	/* enabled and required, unanswered: missing, (1*1 + 3*0) / 4 */
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_MISSING);
	assert_near(CR(f, "C1")->score, 0.25);
	answer(f, "Q2", "yes");
	score(f);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_SCORED);
	assert_near(CR(f, "C1")->score, 1);
}

static void test_score_depends_on_unanswered_parent(void **state)
{
	fixture *f = *state;
	static const ctl c[] = { { "C1", "A1", "customer", "high", NULL } };
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C1", "yesno", NULL, NULL, NULL, "Q1=yes|na" },
	};

	BUILD(f, c, q);
	score(f);
	assert_int_equal(QR(f, "Q1")->state, SRMGAP_Q_MISSING);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_SKIPPED);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_UNANSWERED);
	/* an na parent listed among the values enables the child */
	answer(f, "Q1", "na");
	score(f);
	assert_int_equal(QR(f, "Q1")->state, SRMGAP_Q_NA);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_MISSING);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_UNANSWERED);
}

static void test_score_depends_on_chain_parent_skipped(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "C1", "A1", "customer", "high", NULL },
		{ "C2", "A1", "customer", "high", NULL },
	};
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C1", "yesno", NULL, NULL, NULL, "Q1=yes" },
		{ "Q3", "C2", "yesno", NULL, NULL, NULL, "Q2=yes" },
		{ "Q4", "C2", "yesno", NULL, NULL, NULL, "Q3=no" },
	};

	BUILD(f, c, q);
	/* stale answers below a "no": Q2 is skipped, so Q3 and Q4 are too */
	answer(f, "Q1", "no");
	answer(f, "Q2", "yes");
	answer(f, "Q3", "no");
	score(f);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_SKIPPED);
	assert_int_equal(QR(f, "Q3")->state, SRMGAP_Q_SKIPPED);
	assert_int_equal(QR(f, "Q4")->state, SRMGAP_Q_SKIPPED);
	assert_int_equal(CR(f, "C2")->status, SRMGAP_NOT_APPLICABLE);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_NOT_MET);
	/* with the chain open, every link counts */
	answer(f, "Q1", "yes");
	score(f);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_SCORED);
	assert_int_equal(QR(f, "Q3")->state, SRMGAP_Q_SCORED);
	assert_int_equal(QR(f, "Q4")->state, SRMGAP_Q_MISSING);
	/* C2: (0 + 0) / 2 */
	assert_int_equal(CR(f, "C2")->status, SRMGAP_NOT_MET);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_MET);
}

static void test_score_depends_on_multi(void **state)
{
	fixture *f = *state;
	static const ctl c[] = { { "C1", "A1", "customer", "high", NULL } };
	static const qn q[] = {
		{ "Q1", "C1", "multi", "sso=0.5|mfa=0.5|none=na", NULL, NULL, NULL },
		{ "Q2", "C1", "yesno", NULL, NULL, NULL, "Q1=mfa" },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "sso|mfa");
	answer(f, "Q2", "no");
	score(f);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_SCORED);
	/* (1*1 + 1*0) / 2 */
	assert_near(CR(f, "C1")->score, 0.5);
	answer(f, "Q1", "sso");
	score(f);
	assert_int_equal(QR(f, "Q2")->state, SRMGAP_Q_SKIPPED);
	assert_near(CR(f, "C1")->score, 0.5);
}

static void test_score_multi_capped_and_number_bounds(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "C1", "A1", "customer", "low", NULL },
		{ "C2", "A1", "customer", "low", NULL },
	};
	static const qn q[] = {
		{ "Q1", "C1", "multi", "a=0.6|b=0.6|c=0.1", NULL, NULL, NULL },
		{ "Q2", "C2", "number", "min=1|max=5", NULL, NULL, NULL },
		{ "Q3", "C2", "number", "max=30", NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "a|b");
	answer(f, "Q2", "3");
	answer(f, "Q3", "45");
	score(f);
	/* 0.6 + 0.6 capped at 1 */
	assert_near(QR(f, "Q1")->score, 1);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_MET);
	assert_near(QR(f, "Q2")->score, 1);
	assert_near(QR(f, "Q3")->score, 0);
	assert_near(CR(f, "C2")->score, 0.5);
	answer(f, "Q1", "c");
	score(f);
	assert_near(CR(f, "C1")->score, 0.1);
}

static void test_score_multi_summing_to_one_is_met(void **state)
{
	fixture *f = *state;
	static const ctl c[] = { { "POL-03", "A1", "customer", "high", NULL } };
	/* the options of atlassian-cloud's POL-03.2, which add up to 1 */
	static const qn q[] = {
		{ "Q1", "POL-03", "multi",
		  "soc2=0.4|iso27001=0.3|csa-star=0.2|pci-dss=0.1", NULL, NULL,
		  NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "soc2|iso27001|csa-star|pci-dss");
	score(f);
	/* every option chosen: full marks, not a gap */
	assert_near(QR(f, "Q1")->score, 1);
	assert_int_equal(CR(f, "POL-03")->status, SRMGAP_MET);
	assert_int_equal(f->r->ngaps, 0);
}

static void test_score_date_max_age_uses_asof(void **state)
{
	fixture *f = *state;
	static const ctl c[] = { { "C1", "A1", "customer", "low", NULL } };
	static const qn q[] = {
		{ "Q1", "C1", "date", "max_age_days=30", NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q1", "2024-12-02");
	score(f);
	/* 2024-12-02 is 30 days before 2025-01-01 */
	assert_near(QR(f, "Q1")->score, 1);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_MET);
	f->asof++;
	score(f);
	assert_near(QR(f, "Q1")->score, 0);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_NOT_MET);
}

static void test_score_gap_ranking(void **state)
{
	fixture *f = *state;
	/* listed out of id order on purpose */
	static const ctl c[] = {
		{ "L1", "A1", "customer", "low", NULL },        /* w1, s0: 1 */
		{ "H3", "A1", "customer", "high", NULL },       /* w3, s.5: 1.5 */
		{ "M1", "A2", "customer", "medium", NULL },     /* met */
		{ "H2", "A2", "customer", "high", "6" },        /* w6, s.5: 3 */
		{ "H1", "A2", "customer", "high", NULL },       /* w3, s.5: 1.5 */
		{ "K1", "A3", "customer", "critical", NULL },   /* w4, s.75: 1 */
		{ "H4", "A3", "customer", "high", NULL },       /* w3, s0: 3 */
	};
	static const qn q[] = {
		{ "QL1", "L1", "yesno", NULL, NULL, NULL, NULL },
		{ "QH3", "H3", "scale", NULL, NULL, NULL, NULL },
		{ "QM1", "M1", "yesno", NULL, NULL, NULL, NULL },
		{ "QH2", "H2", "scale", NULL, NULL, NULL, NULL },
		{ "QH1", "H1", "scale", NULL, NULL, NULL, NULL },
		{ "QK1", "K1", "choice", "x=0.75|y=1", NULL, NULL, NULL },
		{ "QH4", "H4", "scale", NULL, NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "QL1", "no");
	answer(f, "QH3", "partial");
	answer(f, "QM1", "yes");
	answer(f, "QH2", "partial");
	answer(f, "QH1", "partial");
	answer(f, "QK1", "x");
	/* QH4 unanswered: H4 is unanswered, shortfall 3 */
	score(f);
	/*
	 * critical first (K1, though its shortfall is the smallest), then the
	 * highs by shortfall (H2 and H4 at 3, by id; H1 and H3 at 1.5, by
	 * id), then the low.
	 */
	assert_int_equal(f->r->ngaps, 6);
	assert_string_equal(gap_id(f, 0), "K1");
	assert_string_equal(gap_id(f, 1), "H2");
	assert_string_equal(gap_id(f, 2), "H4");
	assert_string_equal(gap_id(f, 3), "H1");
	assert_string_equal(gap_id(f, 4), "H3");
	assert_string_equal(gap_id(f, 5), "L1");
	assert_int_equal(f->r->critical_gaps, 1);
	assert_int_equal(CR(f, "K1")->priority, 1);
	assert_int_equal(CR(f, "H4")->priority, 3);
	assert_int_equal(CR(f, "H4")->status, SRMGAP_UNANSWERED);
	assert_int_equal(CR(f, "L1")->priority, 6);
	assert_int_equal(CR(f, "M1")->priority, 0);
	/*
	 * overall: (1*0 + 3*.5 + 2*1 + 6*.5 + 3*.5 + 4*.75 + 3*0) / 22
	 * = 11 / 22
	 */
	assert_near(f->r->overall, 0.5);
	/* A2: (2*1 + 6*.5 + 3*.5) / 11 = 6.5 / 11 */
	assert_near(AR(f, "A2")->score, 6.5 / 11);
	assert_int_equal(AR(f, "A2")->met, 1);
	assert_int_equal(AR(f, "A2")->partial, 2);
	assert_int_equal(AR(f, "A3")->unanswered, 1);
	assert_int_equal(f->r->answered, 6);
}

static void test_score_gap_ranking_many_criticals(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "K3", "A1", "customer", "critical", NULL },
		{ "K1", "A1", "customer", "critical", "8" },
		{ "K2", "A1", "customer", "critical", NULL },
		{ "K0", "A1", "customer", "critical", NULL },
	};
	static const qn q[] = {
		{ "Q3", "K3", "yesno", NULL, NULL, NULL, NULL },
		{ "Q1", "K1", "scale", NULL, NULL, NULL, NULL },
		{ "Q2", "K2", "yesno", NULL, NULL, NULL, NULL },
		{ "Q0", "K0", "yesno", NULL, NULL, NULL, NULL },
	};

	BUILD(f, c, q);
	answer(f, "Q3", "no");      /* 4 */
	answer(f, "Q1", "partial"); /* 8 * 0.5 = 4 */
	answer(f, "Q2", "no");      /* 4 */
	answer(f, "Q0", "yes");     /* met */
	score(f);
	assert_int_equal(f->r->ngaps, 3);
	assert_int_equal(f->r->critical_gaps, 3);
	/* equal shortfalls: by id */
	assert_string_equal(gap_id(f, 0), "K1");
	assert_string_equal(gap_id(f, 1), "K2");
	assert_string_equal(gap_id(f, 2), "K3");
}

static void test_score_empty_answers(void **state)
{
	fixture *f = *state;
	static const ctl c[] = {
		{ "C1", "A1", "customer", "high", NULL },
		{ "C2", "A2", "customer", "low", NULL },
	};
	static const qn q[] = {
		{ "Q1", "C1", "yesno", NULL, NULL, NULL, NULL },
		{ "Q2", "C2", "yesno", NULL, NULL, "no", NULL },
	};

	BUILD(f, c, q);
	score(f);
	assert_int_equal(f->r->answered, 0);
	assert_int_equal(CR(f, "C1")->status, SRMGAP_UNANSWERED);
	assert_int_equal(CR(f, "C2")->status, SRMGAP_NOT_APPLICABLE);
	assert_true(f->r->scored);
	assert_near(f->r->overall, 0);
	assert_int_equal(f->r->ngaps, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_score_met_partial_not_met),
		T(test_score_weighted_questions),
		T(test_score_required_unanswered_scores_zero),
		T(test_score_all_unanswered_control),
		T(test_score_optional_unanswered_excluded),
		T(test_score_na_answers_excluded),
		T(test_score_informational_questions),
		T(test_score_provider_controls_inherited),
		T(test_score_nothing_applicable),
		T(test_score_shared_controls_scored),
		T(test_score_overall_weighted_over_controls),
		T(test_score_control_weight_given),
		T(test_score_skipped_by_depends_on),
		T(test_score_depends_on_satisfied),
		T(test_score_depends_on_unanswered_parent),
		T(test_score_depends_on_chain_parent_skipped),
		T(test_score_depends_on_multi),
		T(test_score_multi_capped_and_number_bounds),
		T(test_score_multi_summing_to_one_is_met),
		T(test_score_date_max_age_uses_asof),
		T(test_score_gap_ranking),
		T(test_score_gap_ranking_many_criticals),
		T(test_score_empty_answers),
#undef T
	};

	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
