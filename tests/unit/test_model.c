/*
 * Unit tests for building models row by row (src/lib/model.c through
 * model_int.h): every check a catalog row goes through, with the message
 * and the file position of its diagnostic, the defaults (weights by
 * severity), whole-model checks, lookups and the content hash.
 *
 * Rows carry a column array whose entries are 101, 102, ... so that a
 * diagnostic's column shows which field it blamed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model_int.h"

static const unsigned long COLS[16] = {
	101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114,
	115, 116
};

/* Column of field k in the rows of these tests. */
#define COL(k) (101ul + (unsigned long)(k))

typedef struct fixture {
	srmgap_model *m;
	srmgap_diags d;
	unsigned long line;   /* line of the next row */
	struct fixture *other[4]; /* more models, for comparing hashes */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	srmgap_diags_init(&f->d);
	if (srmgap_model__new(&f->m, "demo", "") != SRMGAP_OK)
		return -1;
	f->line = 2;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	size_t i;

	for (i = 0; i < 4; i++) {
		if (f->other[i] != NULL)
			teardown((void **)&f->other[i]);
	}
	srmgap_model_free(f->m);
	srmgap_diags_release(&f->d);
	free(f);
	return 0;
}

/* Another empty model for model id `id`, owned by `f`. */
static fixture *another(fixture *f, const char *id)
{
	fixture *g = NULL;
	size_t i;

	for (i = 0; i < 4 && f->other[i] != NULL; i++)
		;
	assert_true(i < 4);
	assert_int_equal(setup((void **)&g), 0);
	f->other[i] = g;
	srmgap_model_free(g->m);
	g->m = NULL;
	assert_int_equal(srmgap_model__new(&g->m, id, ""), SRMGAP_OK);
	return g;
}

static srmgap_src src_at(fixture *f, const char *path)
{
	srmgap_src s;

	s.path = path;
	s.line = f->line++;
	s.col = COLS;
	return s;
}

static void meta(fixture *f, const char *key, const char *value)
{
	srmgap_src s = src_at(f, "model.csv");

	assert_int_equal(srmgap_model__meta(f->m, key, value, &s, &f->d),
		SRMGAP_OK);
}

static void party(fixture *f, const char *id, const char *name,
	const char *role)
{
	const char *row[F_PARTY_N] = { id, name, role };
	srmgap_src s = src_at(f, "parties.csv");

	assert_int_equal(srmgap_model__party(f->m, row, &s, &f->d), SRMGAP_OK);
}

static void area(fixture *f, const char *id, const char *name)
{
	const char *duties[] = { "Runs the cloud", "n/a", "Uses it well" };
	srmgap_src s = src_at(f, "areas.csv");

	assert_true(f->m->nparties <= 3);
	assert_int_equal(srmgap_model__area(f->m, id, name, duties, &s, &f->d),
		SRMGAP_OK);
}

static void control(fixture *f, const char *id, const char *area_id,
	const char *owner, const char *severity, const char *weight)
{
	const char *row[F_CTL_N] = {
		id, area_id, "A control", owner, severity, weight, "Desc", "Fix", "Ref"
	};
	srmgap_src s = src_at(f, "controls.csv");

	assert_int_equal(srmgap_model__control(f->m, row, &s, &f->d), SRMGAP_OK);
}

static void question_full(fixture *f, const char *id, const char *ctl,
	const char *type, const char *options, const char *weight,
	const char *required, const char *depends, const char *pattern)
{
	const char *row[F_Q_N] = {
		id, ctl, "Is it so?", type, options, weight, required, depends,
		pattern, "Help"
	};
	srmgap_src s = src_at(f, "q.csv");

	assert_int_equal(srmgap_model__question(f->m, row, &s, &f->d),
		SRMGAP_OK);
}

static void question(fixture *f, const char *id, const char *type,
	const char *options, const char *depends, const char *pattern)
{
	question_full(f, id, "C1", type, options, "", "", depends, pattern);
}

/* A valid base: meta, three parties, one area, control C1 (customer). */
static void base(fixture *f)
{
	meta(f, "title", "Demo model");
	meta(f, "version", "1.0");
	party(f, "cloud", "Cloud Inc", "provider");
	party(f, "saas", "SaaS Ltd", "provider");
	party(f, "customer", "Customer", "customer");
	area(f, "iam", "Identity");
	control(f, "C1", "iam", "customer", "high", "");
	assert_int_equal(f->d.errors, 0);
}

static void finish(fixture *f)
{
	assert_int_equal(srmgap_model__finish(f->m, "controls/demo", &f->d, 0),
		SRMGAP_OK);
}

/*
 * Assert that exactly one error was reported since `before` errors, that
 * its message contains `part`, and that it sits at `line`:`col`.
 */
static void one_error(fixture *f, size_t before, const char *part,
	unsigned long line, unsigned long col)
{
	const srmgap_diag *e = NULL;
	size_t i, seen = 0;

	for (i = 0; i < f->d.count; i++) {
		if (f->d.items[i].severity != SRMGAP_DIAG_ERROR)
			continue;
		if (seen++ == before)
			e = &f->d.items[i];
	}
	if (f->d.errors != before + 1 || e == NULL) {
		for (i = 0; i < f->d.count; i++)
			print_error("diag: %lu:%lu: %s\n", f->d.items[i].line,
				f->d.items[i].column, f->d.items[i].msg);
	}
	assert_int_equal(f->d.errors, before + 1);
	assert_non_null(e);
	if (strstr(e->msg, part) == NULL)
		print_error("message '%s' lacks '%s'\n", e->msg, part);
	assert_non_null(strstr(e->msg, part));
	assert_int_equal(e->line, line);
	assert_int_equal(e->column, col);
}

static void test_model_valid_base_has_no_diagnostics(void **state)
{
	fixture *f = *state;

	base(f);
	question(f, "Q1", "yesno", "", "", "");
	finish(f);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 0);
	assert_int_equal(f->m->nparties, 3);
	assert_int_equal(f->m->customer, 2);
	assert_true(f->m->parties[2].is_customer);
	assert_false(f->m->parties[0].is_customer);
	assert_string_equal(f->m->title, "Demo model");
	/* "n/a" and empty duties are stored as none */
	assert_string_equal(f->m->areas[0].duties[0], "Runs the cloud");
	assert_null(f->m->areas[0].duties[1]);
	assert_string_equal(f->m->areas[0].duties[2], "Uses it well");
}

static void test_model_invalid_ids(void **state)
{
	fixture *f = *state;
	char long_id[80];

	base(f);
	f->line = 20;
	control(f, "bad id", "iam", "customer", "low", "");
	one_error(f, 0, "invalid control id 'bad id'", 20, COL(F_CTL_ID));
	control(f, "-lead", "iam", "customer", "low", "");
	one_error(f, 1, "invalid control id '-lead'", 21, COL(F_CTL_ID));
	memset(long_id, 'x', 65);
	long_id[65] = '\0';
	control(f, long_id, "iam", "customer", "low", "");
	one_error(f, 2, "invalid control id 'xxxx", 22, COL(F_CTL_ID));
	control(f, "", "iam", "customer", "low", "");
	one_error(f, 3, "empty control id", 23, COL(F_CTL_ID));
	question(f, "Q/1", "yesno", "", "", "");
	one_error(f, 4, "invalid question id 'Q/1'", 24, COL(F_Q_ID));
	area(f, "a:b", "Area");
	one_error(f, 5, "invalid area id 'a:b'", 25, COL(0));
	/* 64 characters is still fine */
	long_id[64] = '\0';
	control(f, long_id, "iam", "customer", "low", "");
	assert_int_equal(f->d.errors, 6);
}

static void test_model_duplicate_control(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 9;
	control(f, "C1", "iam", "customer", "low", "");
	one_error(f, 0, "duplicate control 'C1'", 9, COL(F_CTL_ID));
	/* lookups find the first one */
	assert_int_equal(srmgap_model_control(f->m, "C1"), 0);
}

static void test_model_duplicate_party_area_question(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 30;
	area(f, "iam", "Again");
	one_error(f, 0, "duplicate area 'iam'", 30, COL(0));
	question(f, "Q1", "yesno", "", "", "");
	question(f, "Q1", "yesno", "", "", "");
	one_error(f, 1, "duplicate question 'Q1'", 32, COL(F_Q_ID));
}

static void test_model_unknown_area(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 14;
	control(f, "C2", "network", "customer", "low", "");
	one_error(f, 0, "unknown area 'network'", 14, COL(F_CTL_AREA));
}

static void test_model_unknown_owner(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 5;
	control(f, "C2", "iam", "martians", "low", "");
	one_error(f, 0, "unknown owner 'martians' (expected customer, shared or "
		"a provider's party id)", 5, COL(F_CTL_OWNER));
}

static void test_model_owner_kinds(void **state)
{
	fixture *f = *state;

	base(f);
	control(f, "C2", "iam", "Shared", "low", "");
	control(f, "C3", "iam", "saas", "low", "");
	control(f, "C4", "iam", "CUSTOMER", "low", "");
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->m->controls[0].owner, SRMGAP_OWNER_CUSTOMER);
	assert_int_equal(f->m->controls[1].owner, SRMGAP_OWNER_SHARED);
	assert_int_equal(f->m->controls[2].owner, SRMGAP_OWNER_PROVIDER);
	assert_int_equal(f->m->controls[2].owner_party, 1);
	assert_int_equal(f->m->controls[3].owner, SRMGAP_OWNER_CUSTOMER);
	assert_true(srmgap_control_scored(&f->m->controls[1]));
	assert_false(srmgap_control_scored(&f->m->controls[2]));
}

static void test_model_owner_party_id_with_capitals(void **state)
{
	fixture *f = *state;

	/* Party ids may have capitals; a control owned by one must resolve. */
	meta(f, "title", "Demo");
	meta(f, "version", "1");
	party(f, "AWS", "Amazon", "provider");
	party(f, "customer", "Customer", "customer");
	area(f, "iam", "Identity");
	control(f, "C1", "iam", "AWS", "low", "");
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->m->controls[0].owner, SRMGAP_OWNER_PROVIDER);
	assert_int_equal(f->m->controls[0].owner_party, 0);
}

static void test_model_owner_customer_party_id(void **state)
{
	fixture *f = *state;

	/* The customer party may have its own id. */
	meta(f, "title", "Demo");
	meta(f, "version", "1");
	party(f, "aws", "Amazon", "provider");
	party(f, "acme", "Acme", "customer");
	area(f, "iam", "Identity");
	control(f, "C1", "iam", "acme", "low", "");
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->m->controls[0].owner, SRMGAP_OWNER_CUSTOMER);
	assert_int_equal(f->m->controls[0].owner_party, 1);
}

static void test_model_invalid_severity(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 8;
	control(f, "C2", "iam", "customer", "urgent", "");
	one_error(f, 0, "invalid severity 'urgent' (expected critical, high, "
		"medium or low)", 8, COL(F_CTL_SEVERITY));
	control(f, "C3", "iam", "customer", "", "");
	one_error(f, 1, "invalid severity ''", 9, COL(F_CTL_SEVERITY));
}

static void test_model_weights_default_by_severity(void **state)
{
	fixture *f = *state;

	base(f);
	control(f, "K", "iam", "customer", "critical", "");
	control(f, "H", "iam", "customer", "HIGH", "");
	control(f, "M", "iam", "customer", "Medium", "");
	control(f, "L", "iam", "customer", "low", "");
	control(f, "W", "iam", "customer", "low", "2.5");
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->m->controls[1].severity, SRMGAP_SEV_CRITICAL);
	assert_true(f->m->controls[1].weight == 4);
	assert_true(f->m->controls[2].weight == 3);
	assert_int_equal(f->m->controls[2].severity, SRMGAP_SEV_HIGH);
	assert_true(f->m->controls[3].weight == 2);
	assert_true(f->m->controls[4].weight == 1);
	assert_false(f->m->controls[4].weight_given);
	assert_true(f->m->controls[5].weight == 2.5);
	assert_true(f->m->controls[5].weight_given);
	assert_int_equal(f->m->controls[5].severity, SRMGAP_SEV_LOW);
}

static void test_model_invalid_control_weight(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 40;
	control(f, "C2", "iam", "customer", "low", "0");
	one_error(f, 0, "invalid weight '0' (expected a positive number)", 40,
		COL(F_CTL_WEIGHT));
	control(f, "C3", "iam", "customer", "low", "-1");
	one_error(f, 1, "invalid weight '-1'", 41, COL(F_CTL_WEIGHT));
	control(f, "C4", "iam", "customer", "low", "heavy");
	one_error(f, 2, "invalid weight 'heavy'", 42, COL(F_CTL_WEIGHT));
}

static void test_model_invalid_question_fields(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 50;
	question_full(f, "Q1", "C9", "yesno", "", "", "", "", "");
	one_error(f, 0, "unknown control 'C9'", 50, COL(F_Q_CONTROL));
	question_full(f, "Q2", "C1", "boolean", "", "", "", "", "");
	one_error(f, 1, "invalid type 'boolean'", 51, COL(F_Q_TYPE));
	question_full(f, "Q3", "C1", "yesno", "", "0", "", "", "");
	one_error(f, 2, "invalid weight '0'", 52, COL(F_Q_WEIGHT));
	question_full(f, "Q4", "C1", "yesno", "", "", "maybe", "", "");
	one_error(f, 3, "invalid required 'maybe' (expected yes or no)", 53,
		COL(F_Q_REQUIRED));
	question_full(f, "Q5", "C1", "yesno", "a=1", "", "", "", "");
	one_error(f, 4, "type 'yesno' takes no options", 54, COL(F_Q_OPTIONS));
	question_full(f, "Q6", "C1", "YesNo", "", "2", "NO", "", "");
	assert_int_equal(f->d.errors, 5);
	assert_int_equal(f->m->questions[5].type, SRMGAP_Q_YESNO);
	assert_false(f->m->questions[5].required);
	assert_true(f->m->questions[5].weight == 2);
}

static void test_model_choice_options_syntax(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 60;
	question(f, "Q1", "choice", "a=1|b", "", "");
	one_error(f, 0, "option 'b' has no '=score'", 60, COL(F_Q_OPTIONS));
	question(f, "Q2", "choice", "", "", "");
	one_error(f, 1, "type 'choice' needs options", 61, COL(F_Q_OPTIONS));
	question(f, "Q3", "multi", "a b=1|c=0", "", "");
	one_error(f, 2, "invalid option value 'a b'", 62, COL(F_Q_OPTIONS));
	question(f, "Q4", "choice", "x=1|X=0", "", "");
	one_error(f, 3, "duplicate option 'x'", 63, COL(F_Q_OPTIONS));
	question(f, "Q5", "choice", "x=high|y=0", "", "");
	one_error(f, 4, "invalid score 'high' for option 'x'", 64,
		COL(F_Q_OPTIONS));
}

static void test_model_choice_options_parsed(void **state)
{
	fixture *f = *state;
	const srmgap_question *q;

	base(f);
	question(f, "Q1", "choice", " All = 1 | Some=0.25|unknown=NA ", "", "");
	assert_int_equal(f->d.errors, 0);
	q = &f->m->questions[0];
	assert_int_equal(q->nopts, 3);
	assert_string_equal(q->opts[0].value, "all");
	assert_true(q->opts[0].score == 1);
	assert_string_equal(q->opts[1].value, "some");
	assert_true(q->opts[1].score == 0.25);
	assert_false(q->opts[1].na);
	assert_true(q->opts[2].na);
}

static void test_model_option_score_out_of_range(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 70;
	question(f, "Q1", "choice", "a=1.5|b=0", "", "");
	one_error(f, 0, "invalid score '1.5' for option 'a' (expected a number "
		"from 0 to 1, or na)", 70, COL(F_Q_OPTIONS));
	question(f, "Q2", "multi", "a=1|b=-0.1", "", "");
	one_error(f, 1, "invalid score '-0.1' for option 'b'", 71,
		COL(F_Q_OPTIONS));
	/* the ends of the range are allowed */
	question(f, "Q3", "multi", "a=1|b=0|c=1.0", "", "");
	assert_int_equal(f->d.errors, 2);
}

static void test_model_bound_options(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 80;
	question(f, "Q1", "number", "min=10|max=1", "", "");
	one_error(f, 0, "min is greater than max", 80, COL(F_Q_OPTIONS));
	question(f, "Q2", "number", "min=ten", "", "");
	one_error(f, 1, "invalid min 'ten' (expected a number)", 81,
		COL(F_Q_OPTIONS));
	question(f, "Q3", "number", "min=1|min=2", "", "");
	one_error(f, 2, "duplicate option 'min'", 82, COL(F_Q_OPTIONS));
	question(f, "Q4", "number", "avg=3", "", "");
	one_error(f, 3, "unknown option 'avg' for type 'number'", 83,
		COL(F_Q_OPTIONS));
	question(f, "Q5", "date", "max_age_days=-1", "", "");
	one_error(f, 4, "invalid max_age_days '-1'", 84, COL(F_Q_OPTIONS));
	question(f, "Q6", "date", "max_age_days", "", "");
	one_error(f, 5, "option 'max_age_days' has no '='", 85, COL(F_Q_OPTIONS));
	question(f, "Q7", "date", "min=3", "", "");
	one_error(f, 6, "unknown option 'min' for type 'date' (expected "
		"max_age_days=N)", 86, COL(F_Q_OPTIONS));
	/* equal bounds are fine */
	question(f, "Q8", "number", "min=3|max=3", "", "");
	assert_int_equal(f->d.errors, 7);
	assert_true(f->m->questions[7].has_min && f->m->questions[7].has_max);
}

static void test_model_depends_on_undefined(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 90;
	question(f, "Q1", "yesno", "", "NOPE=yes", "");
	one_error(f, 0, "depends_on names 'NOPE', which is not a question "
		"defined above this one", 90, COL(F_Q_DEPENDS));
	assert_false(f->m->questions[0].has_dep);
}

static void test_model_depends_on_later_question(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 91;
	question(f, "Q1", "yesno", "", "Q2=yes", "");
	question(f, "Q2", "yesno", "", "", "");
	one_error(f, 0, "depends_on names 'Q2', which is not a question defined "
		"above this one", 91, COL(F_Q_DEPENDS));
}

static void test_model_depends_on_itself(void **state)
{
	fixture *f = *state;

	/* A question cannot be its own condition. */
	base(f);
	f->line = 92;
	question(f, "Q1", "yesno", "", "Q1=yes", "");
	one_error(f, 0, "question 'Q1' depends on itself", 92, COL(F_Q_DEPENDS));
}

static void test_model_depends_on_syntax(void **state)
{
	fixture *f = *state;

	base(f);
	question(f, "Q1", "yesno", "", "", "");
	f->line = 93;
	question(f, "Q2", "yesno", "", "Q1", "");
	one_error(f, 0, "invalid depends_on 'Q1' (expected QUESTION=value|value)",
		93, COL(F_Q_DEPENDS));
}

static void test_model_depends_on_no_value(void **state)
{
	fixture *f = *state;

	base(f);
	question(f, "Q1", "yesno", "", "", "");
	f->line = 94;
	question(f, "Q3", "yesno", "", "Q1=", "");
	one_error(f, 0, "depends_on lists no value", 94, COL(F_Q_DEPENDS));
}

static void test_model_depends_on_invalid_value(void **state)
{
	fixture *f = *state;

	base(f);
	question(f, "Q1", "yesno", "", "", "");
	question(f, "Q2", "choice", "all=1|none=0", "", "");
	f->line = 95;
	question(f, "Q3", "yesno", "", "Q1=maybe", "");
	one_error(f, 0, "depends_on value 'maybe' is not a valid answer to 'Q1'",
		95, COL(F_Q_DEPENDS));
	question(f, "Q4", "yesno", "", "Q2=all|some", "");
	one_error(f, 1, "depends_on value 'some' is not a valid answer to 'Q2': "
		"invalid answer 'some' (expected all/none)", 96, COL(F_Q_DEPENDS));
	question(f, "Q5", "yesno", "", "Q2=ALL|None", "");
	assert_int_equal(f->d.errors, 2);
	assert_int_equal(f->m->questions[4].ndep_values, 2);
	assert_string_equal(f->m->questions[4].dep_values[0], "all");
	assert_string_equal(f->m->questions[4].dep_values[1], "none");
}

static void test_model_depends_on_invalid_value_after_other_errors(void **state)
{
	fixture *f = *state;

	/* An earlier, unrelated error must not hide this one. */
	base(f);
	control(f, "C2", "nowhere", "customer", "low", "");
	assert_int_equal(f->d.errors, 1);
	question(f, "Q1", "yesno", "", "", "");
	f->line = 97;
	question(f, "Q2", "yesno", "", "Q1=", "");
	one_error(f, 1, "depends_on lists no value", 97, COL(F_Q_DEPENDS));
}

static void test_model_invalid_pattern_position(void **state)
{
	fixture *f = *state;

	base(f);
	f->line = 99;
	question(f, "Q1", "text", "", "", "ab(cd");
	one_error(f, 0, "invalid pattern: ", 99, COL(F_Q_PATTERN));
	assert_non_null(strstr(f->d.items[0].msg, "at byte 6 of the pattern"));
	question(f, "Q2", "text", "", "", "[a-");
	one_error(f, 1, "invalid pattern: ", 100, COL(F_Q_PATTERN));
	assert_non_null(strstr(f->d.items[1].msg, "at byte 4 of the pattern"));
	assert_null(f->m->questions[0].re);
	/* a good one compiles */
	question(f, "Q3", "text", "", "", "[a-z]+");
	assert_non_null(f->m->questions[2].re);
	assert_int_equal(f->d.errors, 2);
}

static void test_model_parties_roles(void **state)
{
	fixture *f = *state;

	meta(f, "title", "Demo");
	meta(f, "version", "1");
	f->line = 2;
	party(f, "bad party", "Name", "provider");
	one_error(f, 0, "invalid party id 'bad party'", 2, COL(F_PARTY_ID));
	party(f, "aws", "Amazon", "vendor");
	one_error(f, 1, "invalid role 'vendor' (expected customer or provider)", 3,
		COL(F_PARTY_ROLE));
	party(f, "shared", "Shared", "provider");
	one_error(f, 2, "a provider cannot be called 'shared'", 4,
		COL(F_PARTY_ID));
	party(f, "x", "", "Provider");
	one_error(f, 3, "empty party name", 5, COL(F_PARTY_NAME));
	party(f, "x", "X again", "provider");
	one_error(f, 4, "duplicate party 'x'", 6, COL(F_PARTY_ID));
	party(f, "me", "Me", " Customer ");
	assert_int_equal(f->d.errors, 5);
	assert_true(f->m->parties[5].is_customer);
}

static void test_model_no_customer_party(void **state)
{
	fixture *f = *state;

	meta(f, "title", "Demo");
	meta(f, "version", "1");
	party(f, "aws", "Amazon", "provider");
	area(f, "iam", "Identity");
	control(f, "C1", "iam", "aws", "low", "");
	assert_int_equal(f->d.errors, 0);
	finish(f);
	assert_int_equal(f->d.errors, 1);
	assert_string_equal(f->d.items[0].msg,
		"no party has role 'customer' (exactly one must)");
	assert_string_equal(f->d.items[0].path, "controls/demo");
	assert_false(f->m->has_customer);
}

static void test_model_two_customer_parties(void **state)
{
	fixture *f = *state;

	/* the second customer is reported on its own row */
	meta(f, "title", "Demo");
	meta(f, "version", "1");
	f->line = 3;
	party(f, "customer", "Customer", "customer");
	party(f, "other", "Other customer", "customer");
	one_error(f, 0, "second customer 'other': exactly one party has role "
		"customer (the first is 'customer')", 4, COL(F_PARTY_ROLE));
	area(f, "iam", "Identity");
	control(f, "C1", "iam", "customer", "low", "");
	finish(f);
	/* and only there */
	assert_int_equal(f->d.errors, 1);
	assert_int_equal(f->m->customer, 0);
}

static void test_model_meta_checks(void **state)
{
	fixture *f = *state;

	f->line = 2;
	meta(f, "Title", "Demo");
	meta(f, "title", "Again");
	one_error(f, 0, "duplicate key 'title'", 3, COL(0));
	meta(f, "version", "  ");
	one_error(f, 1, "empty value for 'version'", 4, COL(1));
	meta(f, "colour", "blue");
	assert_int_equal(f->d.warnings, 1);
	assert_string_equal(f->d.items[f->d.count - 1].msg,
		"unknown key 'colour' ignored");
	assert_int_equal(f->d.items[f->d.count - 1].line, 5);
	assert_string_equal(f->m->title, "Demo");
}

static void test_model_finish_requires_content(void **state)
{
	fixture *f = *state;
	size_t i;
	int title = 0, version = 0, areas = 0, controls = 0;

	party(f, "customer", "Customer", "customer");
	finish(f);
	for (i = 0; i < f->d.count; i++) {
		title += strcmp(f->d.items[i].msg, "model has no title") == 0;
		version += strcmp(f->d.items[i].msg, "model has no version") == 0;
		areas += strcmp(f->d.items[i].msg, "model has no area") == 0;
		controls += strcmp(f->d.items[i].msg, "model has no control") == 0;
	}
	assert_int_equal(f->d.errors, 4);
	assert_int_equal(title + version + areas + controls, 4);
	assert_true(title && version && areas && controls);
}

static void test_model_question_on_provider_control_warns(void **state)
{
	fixture *f = *state;

	base(f);
	control(f, "P1", "iam", "cloud", "low", "");
	f->line = 120;
	question_full(f, "Q1", "P1", "yesno", "", "", "", "", "");
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 1);
	assert_string_equal(f->d.items[0].msg, "control 'P1' is owned by provider "
		"'cloud': this question is never scored");
	assert_int_equal(f->d.items[0].line, 120);
	assert_int_equal(f->d.items[0].column, COL(F_Q_CONTROL));
}

static void test_model_scenario_owner(void **state)
{
	fixture *f = *state;
	const char *good[F_SC_N] = { "Outage", "Shared", "Fix", "Tell users" };
	const char *bad[F_SC_N] = { "Breach", "nobody", "", "" };
	srmgap_src s;

	base(f);
	f->line = 7;
	s = src_at(f, "scenarios.csv");
	assert_int_equal(srmgap_model__scenario(f->m, good, &s, &f->d), SRMGAP_OK);
	s = src_at(f, "scenarios.csv");
	assert_int_equal(srmgap_model__scenario(f->m, bad, &s, &f->d), SRMGAP_OK);
	one_error(f, 0, "unknown owner 'nobody' (expected shared or a party id)",
		8, COL(F_SC_OWNER));
	assert_int_equal(f->m->nscenarios, 2);
	assert_string_equal(f->m->scenarios[0].owner, "shared");
}

static void test_model_lookups(void **state)
{
	fixture *f = *state;

	base(f);
	area(f, "net", "Network");
	control(f, "C2", "net", "customer", "low", "");
	question(f, "Q1", "yesno", "", "", "");
	question_full(f, "Q2", "C2", "yesno", "", "", "", "", "");
	finish(f);
	assert_int_equal(srmgap_model_area(f->m, "net"), 1);
	assert_int_equal(srmgap_model_area(f->m, "NET"), -1);
	assert_int_equal(srmgap_model_control(f->m, "C2"), 1);
	assert_int_equal(srmgap_model_control(f->m, "C3"), -1);
	assert_int_equal(srmgap_model_question(f->m, "Q2"), 1);
	assert_int_equal(srmgap_model_question(f->m, "q2"), -1);
	assert_int_equal(f->m->controls[1].area, 1);
	assert_int_equal(f->m->questions[1].control, 1);
	assert_string_equal(srmgap_severity_name(SRMGAP_SEV_MEDIUM), "medium");
	assert_string_equal(srmgap_qtype_name(SRMGAP_Q_MULTI), "multi");
}

static void test_model_many_rows(void **state)
{
	fixture *f = *state;
	char id[32];
	size_t i;

	/* Enough rows to grow every array several times. */
	base(f);
	for (i = 0; i < 300; i++) {
		snprintf(id, sizeof(id), "C%zu", i + 2);
		control(f, id, "iam", "customer", "low", "");
		snprintf(id, sizeof(id), "Q%zu", i);
		question(f, id, "yesno", "", "", "");
	}
	finish(f);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->m->ncontrols, 301);
	assert_int_equal(f->m->nquestions, 300);
	assert_int_equal(srmgap_model_control(f->m, "C301"), 300);
	assert_int_equal(srmgap_model_question(f->m, "Q299"), 299);
	assert_string_equal(f->m->controls[300].id, "C301");
}

/* Build the same small model in `f`, with control C2's title `title`. */
static void hash_model(fixture *f, const char *title, const char *qweight)
{
	const char *row[F_CTL_N] = {
		"C2", "iam", title, "customer", "medium", "", "", "", ""
	};
	srmgap_src s = src_at(f, "controls.csv");

	base(f);
	assert_int_equal(srmgap_model__control(f->m, row, &s, &f->d), SRMGAP_OK);
	question_full(f, "Q1", "C1", "choice", "a=1|b=0", qweight, "", "", "");
	question(f, "Q2", "yesno", "", "Q1=a", "");
	finish(f);
	assert_int_equal(f->d.errors, 0);
}

static void test_model_hash_stable_and_sensitive(void **state)
{
	fixture *f = *state;
	fixture *same, *title, *weight, *id;
	size_t i;

	hash_model(f, "Logging", "");
	assert_int_equal(strlen(f->m->hash), 64);
	for (i = 0; i < 64; i++)
		assert_non_null(strchr("0123456789abcdef", f->m->hash[i]));

	/* same rows, same hash */
	same = another(f, "demo");
	hash_model(same, "Logging", "");
	assert_string_equal(f->m->hash, same->m->hash);

	/* one title changed, different hash */
	title = another(f, "demo");
	hash_model(title, "Logging!", "");
	assert_string_not_equal(f->m->hash, title->m->hash);

	/* one question weight given, different hash */
	weight = another(f, "demo");
	hash_model(weight, "Logging", "2");
	assert_string_not_equal(f->m->hash, weight->m->hash);

	/* another model id, different hash */
	id = another(f, "demo2");
	hash_model(id, "Logging", "");
	assert_string_not_equal(f->m->hash, id->m->hash);
}

static void test_model_hash_field_boundaries(void **state)
{
	fixture *f = *state;
	fixture *g = another(f, "demo");
	const char *a[F_CTL_N] = { "C2", "iam", "ab", "customer", "low", "",
		"c", "", "" };
	const char *b[F_CTL_N] = { "C2", "iam", "a", "customer", "low", "",
		"bc", "", "" };
	srmgap_src s;

	/* "ab"+"c" and "a"+"bc" in adjacent fields must not collide */
	base(f);
	s = src_at(f, "controls.csv");
	srmgap_model__control(f->m, a, &s, &f->d);
	finish(f);
	base(g);
	s = src_at(g, "controls.csv");
	srmgap_model__control(g->m, b, &s, &g->d);
	finish(g);
	assert_int_equal(f->d.errors + g->d.errors, 0);
	assert_string_not_equal(f->m->hash, g->m->hash);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_model_valid_base_has_no_diagnostics),
		T(test_model_invalid_ids),
		T(test_model_duplicate_control),
		T(test_model_duplicate_party_area_question),
		T(test_model_unknown_area),
		T(test_model_unknown_owner),
		T(test_model_owner_kinds),
		T(test_model_owner_party_id_with_capitals),
		T(test_model_owner_customer_party_id),
		T(test_model_invalid_severity),
		T(test_model_weights_default_by_severity),
		T(test_model_invalid_control_weight),
		T(test_model_invalid_question_fields),
		T(test_model_choice_options_syntax),
		T(test_model_choice_options_parsed),
		T(test_model_option_score_out_of_range),
		T(test_model_bound_options),
		T(test_model_depends_on_undefined),
		T(test_model_depends_on_later_question),
		T(test_model_depends_on_itself),
		T(test_model_depends_on_syntax),
		T(test_model_depends_on_no_value),
		T(test_model_depends_on_invalid_value),
		T(test_model_depends_on_invalid_value_after_other_errors),
		T(test_model_invalid_pattern_position),
		T(test_model_parties_roles),
		T(test_model_no_customer_party),
		T(test_model_two_customer_parties),
		T(test_model_meta_checks),
		T(test_model_finish_requires_content),
		T(test_model_question_on_provider_control_warns),
		T(test_model_scenario_owner),
		T(test_model_lookups),
		T(test_model_many_rows),
		T(test_model_hash_stable_and_sensitive),
		T(test_model_hash_field_boundaries),
#undef T
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
