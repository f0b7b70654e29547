/*
 * Unit tests for answers (src/lib/answer.c): checking raw answers of every
 * question type and reducing them to canonical form, patterns (anchored,
 * bounded in time), per-question scores, informational questions and
 * depends_on enabling.
 *
 * The fixture is one in-memory model, built through model_int.h, whose
 * questions cover every type and option form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "srmgap/answer.h"
#include "model_int.h"
#include "util_int.h"
#include "unit.h"

typedef struct fixture {
	srmgap_model *m;
	srmgap_diags d;
	srmgap_error err;
	char *canon;
} fixture;

static const srmgap_src SRC = { "mem.csv", 1, NULL };

static void party(fixture *f, const char *id, const char *role)
{
	const char *row[F_PARTY_N] = { id, id, role };

	assert_int_equal(srmgap_model__party(f->m, row, &SRC, &f->d), SRMGAP_OK);
}

static void question(fixture *f, const char *id, const char *type,
	const char *options, const char *depends, const char *pattern)
{
	const char *row[F_Q_N] = {
		id, "C1", "A question?", type, options, "", "", depends, pattern, ""
	};

	assert_int_equal(srmgap_model__question(f->m, row, &SRC, &f->d),
		SRMGAP_OK);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	const char *duties[] = { "Runs it", "Uses it" };
	const char *ctl[F_CTL_N] = {
		"C1", "a1", "Control one", "customer", "high", "", "", "", ""
	};

	if (f == NULL)
		return -1;
	srmgap_diags_init(&f->d);
	if (srmgap_model__new(&f->m, "demo", "") != SRMGAP_OK)
		return -1;
	srmgap_model__meta(f->m, "title", "Demo", &SRC, &f->d);
	srmgap_model__meta(f->m, "version", "1", &SRC, &f->d);
	party(f, "aws", "provider");
	party(f, "customer", "customer");
	srmgap_model__area(f->m, "a1", "Area one", duties, &SRC, &f->d);
	srmgap_model__control(f->m, ctl, &SRC, &f->d);
	question(f, "YN", "yesno", "", "", "");
	question(f, "SC", "scale", "", "", "");
	question(f, "CH", "choice", "all=1|most=0.7|none=0|unknown=na", "", "");
	question(f, "MU", "multi", "mfa=0.5|sso=0.4|scim=0.3|none=na", "", "");
	question(f, "NUM", "number", "min=2|max=10", "", "");
	question(f, "NUMMIN", "number", "min=90", "", "");
	question(f, "NUMMAX", "number", "max=24", "", "");
	question(f, "NUMFREE", "number", "", "", "");
	question(f, "DATE", "date", "max_age_days=365", "", "");
	question(f, "DATEFREE", "date", "", "", "");
	question(f, "TEXT", "text", "", "", "");
	question(f, "MAIL", "text", "", "",
		"[a-z0-9.]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}");
	question(f, "ALT", "text", "", "", "ab|cd");
	question(f, "EVIL", "text", "", "", "(a+)+$");
	question(f, "EVIL2", "text", "", "", "(a|a)*(a|a)*(a|a)*b");
	question(f, "CODE", "choice", "p1=1|p2=0.5", "", "p[0-9]");
	question(f, "DEPYN", "yesno", "", "YN=YES", "");
	question(f, "DEPMU", "yesno", "", "MU=mfa|SCIM", "");
	question(f, "DEPCH", "yesno", "", "CH=all|Most", "");
	question(f, "SUB", "multi", "a=1|ab=1|b=1", "", "");
	question(f, "DEPSUB", "yesno", "", "SUB=a", "");
	question(f, "DEPNUM", "yesno", "", "NUM= 5 ", "");
	question(f, "DEPTEXT", "yesno", "", "TEXT=yes", "");
	if (srmgap_model__finish(f->m, "mem", &f->d, 0) != SRMGAP_OK ||
	    f->d.errors != 0) {
		size_t i;

		for (i = 0; i < f->d.count; i++)
			fprintf(stderr, "setup: %s\n", f->d.items[i].msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	free(f->canon);
	srmgap_model_free(f->m);
	srmgap_diags_release(&f->d);
	free(f);
	return 0;
}

static const srmgap_question *Q(fixture *f, const char *id)
{
	long ix = srmgap_model_question(f->m, id);

	assert_true(ix >= 0);
	return &f->m->questions[ix];
}

static void parses_to(fixture *f, const char *qid, const char *raw,
	const char *want)
{
	int rc;

	free(f->canon);
	f->canon = NULL;
	srmgap_error_clear(&f->err);
	rc = srmgap_answer_parse(&f->canon, Q(f, qid), raw, &f->err);
	if (rc != SRMGAP_OK)
		print_error("%s: '%s' rejected: %s\n", qid, raw, f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
	assert_non_null(f->canon);
	assert_string_equal(f->canon, want);
}

static void rejected(fixture *f, const char *qid, const char *raw,
	const char *msg_part)
{
	int rc;

	free(f->canon);
	f->canon = NULL;
	srmgap_error_clear(&f->err);
	rc = srmgap_answer_parse(&f->canon, Q(f, qid), raw, &f->err);
	if (rc == SRMGAP_OK)
		print_error("%s: '%s' accepted as '%s'\n", qid, raw, f->canon);
	assert_int_equal(rc, SRMGAP_EINVALID);
	assert_null(f->canon);
	assert_int_equal(f->err.code, SRMGAP_EINVALID);
	if (strstr(f->err.msg, msg_part) == NULL)
		print_error("message '%s' lacks '%s'\n", f->err.msg, msg_part);
	assert_non_null(strstr(f->err.msg, msg_part));
}

/* Score of canonical `canon`; -1 when the answer is excluded. */
static double score_of(fixture *f, const char *qid, const char *canon,
	long asof)
{
	double s = -7;

	if (!srmgap_answer_score(Q(f, qid), canon, asof, &s))
		return -1;
	assert_true(s >= 0 && s <= 1);
	return s;
}

static long day(const char *iso)
{
	long d = 0;

	assert_int_equal(srmgap_util__parse_date(iso, &d), 0);
	return d;
}

static void test_answer_yesno_keywords(void **state)
{
	fixture *f = *state;

	parses_to(f, "YN", "yes", "yes");
	parses_to(f, "YN", "YES", "yes");
	parses_to(f, "YN", " No ", "no");
	parses_to(f, "YN", "na", "na");
	parses_to(f, "YN", "N/A", "na");
	parses_to(f, "YN", "n/a", "na");
	rejected(f, "YN", "partial", "invalid answer 'partial' (expected yes/no/na)");
	rejected(f, "YN", "y", "invalid answer 'y'");
	rejected(f, "YN", "yes please", "expected yes/no/na");
}

static void test_answer_scale_keywords(void **state)
{
	fixture *f = *state;

	parses_to(f, "SC", "Partial", "partial");
	parses_to(f, "SC", "PARTIAL", "partial");
	parses_to(f, "SC", "yEs", "yes");
	parses_to(f, "SC", "no", "no");
	parses_to(f, "SC", "N/a", "na");
	parses_to(f, "SC", "NA", "na");
	rejected(f, "SC", "half", "expected yes/partial/no/na");
}

static void test_answer_empty_and_blank_rejected(void **state)
{
	fixture *f = *state;

	rejected(f, "YN", "", "empty answer");
	rejected(f, "TEXT", "   \t ", "empty answer");
	rejected(f, "NUM", " ", "empty answer");
}

static void test_answer_invalid_utf8_rejected(void **state)
{
	fixture *f = *state;

	rejected(f, "TEXT", "caf\xe9", "not valid UTF-8");
	rejected(f, "TEXT", "\xc0\xaf", "not valid UTF-8");
}

static void test_answer_choice(void **state)
{
	fixture *f = *state;

	parses_to(f, "CH", "most", "most");
	parses_to(f, "CH", "MOST", "most");
	parses_to(f, "CH", " All ", "all");
	parses_to(f, "CH", "unknown", "unknown");
	rejected(f, "CH", "some",
		"invalid answer 'some' (expected all/most/none/unknown)");
	rejected(f, "CH", "all|most", "invalid answer 'all|most'");
	rejected(f, "CH", "mos", "invalid answer 'mos'");
}

static void test_answer_multi_order_and_dedupe(void **state)
{
	fixture *f = *state;

	parses_to(f, "MU", "sso", "sso");
	/* canonical order is the options' order, whatever the input's */
	parses_to(f, "MU", "scim|mfa", "mfa|scim");
	parses_to(f, "MU", " SCIM | sso |MFA", "mfa|sso|scim");
	parses_to(f, "MU", "sso|sso|SSO", "sso");
	parses_to(f, "MU", "scim|mfa|scim", "mfa|scim");
	parses_to(f, "MU", "none", "none");
}

static void test_answer_multi_empty_item(void **state)
{
	fixture *f = *state;

	rejected(f, "MU", "mfa||sso", "empty value in 'mfa||sso'");
	rejected(f, "MU", "mfa|", "empty value");
	rejected(f, "MU", "|mfa", "empty value");
	rejected(f, "MU", "mfa| |sso", "empty value");
	/* the reason is followed by what is accepted */
	rejected(f, "MU", "mfa||sso",
		"expected one or more of mfa/sso/scim/none separated by |");
}

static void test_answer_multi_unknown_value(void **state)
{
	fixture *f = *state;

	rejected(f, "MU", "mfa|otp", "'otp' is not one of the options");
	rejected(f, "MU", "otp", "'otp' is not one of the options; expected "
		"one or more of mfa/sso/scim/none");
	rejected(f, "MU", "mfa,sso", "'mfa,sso' is not one of the options");
}

static void test_answer_number_strict(void **state)
{
	fixture *f = *state;

	parses_to(f, "NUM", "12", "12");
	parses_to(f, "NUM", " 12 ", "12");
	parses_to(f, "NUM", "-3.5", "-3.5");
	/* One canonical spelling per value. */
	parses_to(f, "NUM", "+7", "7");
	parses_to(f, "NUM", "7.0", "7");
	parses_to(f, "NUM", "0.25", "0.25");
	parses_to(f, "NUM", "1e3", "1000");
	parses_to(f, "NUM", "2.5E-1", "0.25");
	parses_to(f, "NUM", "-0", "0");
	rejected(f, "NUM", "1e", "invalid answer '1e' (expected a number, 2 to "
		"10 to count as met)");
	rejected(f, "NUM", "0x10", "invalid answer '0x10'");
	rejected(f, "NUM", "inf", "invalid answer 'inf'");
	rejected(f, "NUM", "-Infinity", "invalid answer '-Infinity'");
	rejected(f, "NUM", "nan", "invalid answer 'nan'");
	rejected(f, "NUM", "NaN", "invalid answer 'NaN'");
	rejected(f, "NUM", "1,5", "invalid answer '1,5'");
	rejected(f, "NUM", "12 days", "invalid answer '12 days'");
	rejected(f, "NUM", "1 2", "invalid answer '1 2'");
	rejected(f, "NUM", ".", "invalid answer '.'");
	rejected(f, "NUM", "-", "invalid answer '-'");
	rejected(f, "NUM", "1e999", "invalid answer '1e999'");
	rejected(f, "NUMFREE", "ten", "(expected a number)");
}

static void test_answer_date_calendar(void **state)
{
	fixture *f = *state;

	parses_to(f, "DATE", "2024-02-29", "2024-02-29");
	parses_to(f, "DATE", " 2025-12-31 ", "2025-12-31");
	parses_to(f, "DATEFREE", "2000-02-29", "2000-02-29");
	rejected(f, "DATE", "2023-02-29", "invalid date '2023-02-29' (expected "
		"a real date as YYYY-MM-DD)");
	rejected(f, "DATE", "1900-02-29", "invalid date '1900-02-29'");
	rejected(f, "DATE", "2024-04-31", "invalid date");
	rejected(f, "DATE", "2024-13-01", "invalid date");
	rejected(f, "DATE", "2024-00-10", "invalid date");
	rejected(f, "DATE", "2024-01-00", "invalid date");
	rejected(f, "DATE", "2024-1-05", "invalid date");
	rejected(f, "DATE", "20240105", "invalid date");
	rejected(f, "DATE", "2024/01/05", "invalid date");
	rejected(f, "DATE", "2024-01-05T10:00", "invalid date");
	rejected(f, "DATE", "05-01-2024", "invalid date");
}

static void test_answer_text_kept(void **state)
{
	fixture *f = *state;

	parses_to(f, "TEXT", "  Free text, with \"quotes\"  ",
		"Free text, with \"quotes\"");
	parses_to(f, "TEXT", "caf\xc3\xa9", "caf\xc3\xa9");
	parses_to(f, "TEXT", "multi\nline", "multi\nline");
}

static void test_answer_pattern_whole_answer(void **state)
{
	fixture *f = *state;

	parses_to(f, "MAIL", "secops@acme.example.com", "secops@acme.example.com");
	parses_to(f, "MAIL", " ops@acme.io ", "ops@acme.io");
	rejected(f, "MAIL", "mail secops@acme.example.com",
		"'mail secops@acme.example.com' does not match the pattern");
	rejected(f, "MAIL", "secops@acme.example.com!", "does not match the pattern");
	rejected(f, "MAIL", "nobody", "does not match the pattern '[a-z0-9.]+@");
}

static void test_answer_pattern_anchored_both_ends(void **state)
{
	fixture *f = *state;

	/* "ab|cd" must match all of "ab" or all of "cd", nothing around */
	parses_to(f, "ALT", "ab", "ab");
	parses_to(f, "ALT", "cd", "cd");
	rejected(f, "ALT", "abcd", "does not match the pattern 'ab|cd'");
	rejected(f, "ALT", "xab", "does not match the pattern");
	rejected(f, "ALT", "abx", "does not match the pattern");
	rejected(f, "ALT", "xcd", "does not match the pattern");
	rejected(f, "ALT", "cdx", "does not match the pattern");
}

static void test_answer_pattern_checked_before_type(void **state)
{
	fixture *f = *state;

	parses_to(f, "CODE", "p2", "p2");
	rejected(f, "CODE", "P2", "does not match the pattern 'p[0-9]'");
	/* matches the pattern but is not an option */
	rejected(f, "CODE", "p3", "invalid answer 'p3' (expected p1/p2)");
}

static double elapsed_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
		(double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_answer_pattern_catastrophic_is_bounded(void **state)
{
	fixture *f = *state;
	const char *patterns[] = { "EVIL", "EVIL2" };
	char evil[64];
	struct timespec t0;
	size_t i;

	memset(evil, 'a', 44);
	evil[44] = '!';
	evil[45] = '\0';
	for (i = 0; i < 2; i++) {
		int rc;

		free(f->canon);
		f->canon = NULL;
		srmgap_error_clear(&f->err);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = srmgap_answer_parse(&f->canon, Q(f, patterns[i]), evil,
			&f->err);
		assert_true(elapsed_since(&t0) < 2.0);
		/* "...!" cannot match either pattern: an error, whichever */
		assert_int_equal(rc, SRMGAP_EINVALID);
		assert_null(f->canon);
		assert_true(strstr(f->err.msg, "does not match") != NULL ||
			strstr(f->err.msg, "within the match limits") != NULL);
	}
	/* and the pattern still works for a normal answer */
	parses_to(f, "EVIL", "aaaa", "aaaa");
}

static void test_answer_score_yesno_scale(void **state)
{
	fixture *f = *state;

	assert_near(score_of(f, "YN", "yes", 0), 1);
	assert_near(score_of(f, "YN", "no", 0), 0);
	assert_near(score_of(f, "YN", "na", 0), -1);
	assert_near(score_of(f, "SC", "yes", 0), 1);
	assert_near(score_of(f, "SC", "partial", 0), 0.5);
	assert_near(score_of(f, "SC", "no", 0), 0);
	assert_near(score_of(f, "SC", "na", 0), -1);
}

static void test_answer_score_choice(void **state)
{
	fixture *f = *state;

	assert_near(score_of(f, "CH", "all", 0), 1);
	assert_near(score_of(f, "CH", "most", 0), 0.7);
	assert_near(score_of(f, "CH", "none", 0), 0);
	/* an option scored "na" excludes the question */
	assert_near(score_of(f, "CH", "unknown", 0), -1);
}

static void test_answer_score_multi_sum_capped(void **state)
{
	fixture *f = *state;

	assert_near(score_of(f, "MU", "mfa", 0), 0.5);
	assert_near(score_of(f, "MU", "sso|scim", 0), 0.7);
	assert_near(score_of(f, "MU", "mfa|sso", 0), 0.9);
	/* 0.5 + 0.4 + 0.3 = 1.2, capped */
	assert_near(score_of(f, "MU", "mfa|sso|scim", 0), 1);
	/* na options add nothing; alone they exclude the question */
	assert_near(score_of(f, "MU", "mfa|none", 0), 0.5);
	assert_near(score_of(f, "MU", "none", 0), -1);
}

static void test_answer_score_number_bounds(void **state)
{
	fixture *f = *state;

	assert_near(score_of(f, "NUM", "5", 0), 1);
	assert_near(score_of(f, "NUM", "2", 0), 1);
	assert_near(score_of(f, "NUM", "10", 0), 1);
	assert_near(score_of(f, "NUM", "1.999", 0), 0);
	assert_near(score_of(f, "NUM", "10.5", 0), 0);
	assert_near(score_of(f, "NUM", "-3", 0), 0);
	assert_near(score_of(f, "NUM", "1e1", 0), 1);
	assert_near(score_of(f, "NUMMIN", "90", 0), 1);
	assert_near(score_of(f, "NUMMIN", "89", 0), 0);
	assert_near(score_of(f, "NUMMIN", "100000", 0), 1);
	assert_near(score_of(f, "NUMMAX", "24", 0), 1);
	assert_near(score_of(f, "NUMMAX", "25", 0), 0);
	assert_near(score_of(f, "NUMMAX", "-1", 0), 1);
}

static void test_answer_score_date_max_age(void **state)
{
	fixture *f = *state;
	long asof = day("2025-03-01");

	assert_int_equal(asof - day("2024-03-01"), 365);
	assert_near(score_of(f, "DATE", "2025-03-01", asof), 1);
	assert_near(score_of(f, "DATE", "2024-03-01", asof), 1);
	assert_near(score_of(f, "DATE", "2024-02-29", asof), 0);
	assert_near(score_of(f, "DATE", "2019-01-01", asof), 0);
	/* the same answer is judged against the date it is scored on */
	assert_near(score_of(f, "DATE", "2024-03-01", asof + 1), 0);
	assert_near(score_of(f, "DATE", "2024-03-01", day("2024-06-01")), 1);
}

static void test_answer_informational_questions(void **state)
{
	fixture *f = *state;

	assert_true(srmgap_question_informational(Q(f, "TEXT")));
	assert_true(srmgap_question_informational(Q(f, "MAIL")));
	assert_true(srmgap_question_informational(Q(f, "NUMFREE")));
	assert_true(srmgap_question_informational(Q(f, "DATEFREE")));
	assert_false(srmgap_question_informational(Q(f, "NUM")));
	assert_false(srmgap_question_informational(Q(f, "NUMMIN")));
	assert_false(srmgap_question_informational(Q(f, "DATE")));
	assert_false(srmgap_question_informational(Q(f, "YN")));
	assert_false(srmgap_question_informational(Q(f, "CH")));
	assert_false(srmgap_question_informational(Q(f, "MU")));
	/* informational answers never score */
	assert_near(score_of(f, "TEXT", "anything", 0), -1);
	assert_near(score_of(f, "NUMFREE", "42", 0), -1);
	assert_near(score_of(f, "DATEFREE", "2024-01-01", day("2024-01-01")), -1);
}

static void test_answer_enables_single_value(void **state)
{
	fixture *f = *state;
	const srmgap_question *q = Q(f, "DEPYN");

	assert_true(q->has_dep);
	assert_int_equal(q->dep, (size_t)srmgap_model_question(f->m, "YN"));
	assert_int_equal(q->ndep_values, 1);
	/* depends_on values are kept in canonical form */
	assert_string_equal(q->dep_values[0], "yes");
	assert_true(srmgap_answer_enables(q, "yes"));
	assert_false(srmgap_answer_enables(q, "no"));
	assert_false(srmgap_answer_enables(q, "na"));
}

static void test_answer_enables_value_list(void **state)
{
	fixture *f = *state;
	const srmgap_question *q = Q(f, "DEPCH");

	assert_int_equal(q->ndep_values, 2);
	assert_string_equal(q->dep_values[1], "most");
	assert_true(srmgap_answer_enables(q, "all"));
	assert_true(srmgap_answer_enables(q, "most"));
	assert_false(srmgap_answer_enables(q, "none"));
	assert_false(srmgap_answer_enables(q, "unknown"));
	q = Q(f, "DEPNUM");
	assert_string_equal(q->dep_values[0], "5");
	assert_true(srmgap_answer_enables(q, "5"));
	assert_false(srmgap_answer_enables(q, "50"));
}

static void test_answer_enables_multi_any_selected(void **state)
{
	fixture *f = *state;
	const srmgap_question *q = Q(f, "DEPMU");

	assert_true(srmgap_answer_enables(q, "mfa"));
	assert_true(srmgap_answer_enables(q, "mfa|sso"));
	assert_true(srmgap_answer_enables(q, "sso|scim"));
	assert_false(srmgap_answer_enables(q, "sso"));
	assert_false(srmgap_answer_enables(q, "none"));
}

static void test_answer_enables_multi_whole_values_only(void **state)
{
	fixture *f = *state;
	const srmgap_question *q = Q(f, "DEPSUB");

	/* "a" is selected only when it is a whole item, not part of "ab" */
	assert_true(srmgap_answer_enables(q, "a"));
	assert_true(srmgap_answer_enables(q, "a|ab"));
	assert_true(srmgap_answer_enables(q, "ab|a"));
	assert_true(srmgap_answer_enables(q, "a|b"));
	assert_false(srmgap_answer_enables(q, "ab"));
	assert_false(srmgap_answer_enables(q, "ab|b"));
	assert_false(srmgap_answer_enables(q, "b"));
}

static void test_answer_enables_text_is_one_value(void **state)
{
	fixture *f = *state;
	const srmgap_question *q = Q(f, "DEPTEXT");

	/* a text answer is one value, even when it holds a '|' */
	assert_true(srmgap_answer_enables(q, "yes"));
	assert_false(srmgap_answer_enables(q, "yes and no"));
	assert_false(srmgap_answer_enables(q, "no|yes"));
}

static void test_answer_accepts_descriptions(void **state)
{
	fixture *f = *state;
	char buf[256];

	assert_string_equal(srmgap_question_accepts(Q(f, "YN"), buf, sizeof(buf)),
		"yes/no/na");
	assert_string_equal(srmgap_question_accepts(Q(f, "SC"), buf, sizeof(buf)),
		"yes/partial/no/na");
	assert_string_equal(srmgap_question_accepts(Q(f, "CH"), buf, sizeof(buf)),
		"all/most/none/unknown");
	assert_string_equal(srmgap_question_accepts(Q(f, "MU"), buf, sizeof(buf)),
		"one or more of mfa/sso/scim/none separated by |");
	assert_string_equal(srmgap_question_accepts(Q(f, "NUM"), buf, sizeof(buf)),
		"a number, 2 to 10 to count as met");
	assert_string_equal(srmgap_question_accepts(Q(f, "NUMMIN"), buf,
		sizeof(buf)), "a number, at least 90 to count as met");
	assert_string_equal(srmgap_question_accepts(Q(f, "NUMMAX"), buf,
		sizeof(buf)), "a number, at most 24 to count as met");
	assert_string_equal(srmgap_question_accepts(Q(f, "DATE"), buf, sizeof(buf)),
		"a date YYYY-MM-DD, at most 365 days old to count as met");
	assert_string_equal(srmgap_question_accepts(Q(f, "DATEFREE"), buf,
		sizeof(buf)), "a date YYYY-MM-DD");
	assert_string_equal(srmgap_question_accepts(Q(f, "TEXT"), buf, sizeof(buf)),
		"text");
	assert_string_equal(srmgap_question_accepts(Q(f, "ALT"), buf, sizeof(buf)),
		"text matching ab|cd");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_answer_yesno_keywords),
		T(test_answer_scale_keywords),
		T(test_answer_empty_and_blank_rejected),
		T(test_answer_invalid_utf8_rejected),
		T(test_answer_choice),
		T(test_answer_multi_order_and_dedupe),
		T(test_answer_multi_empty_item),
		T(test_answer_multi_unknown_value),
		T(test_answer_number_strict),
		T(test_answer_date_calendar),
		T(test_answer_text_kept),
		T(test_answer_pattern_whole_answer),
		T(test_answer_pattern_anchored_both_ends),
		T(test_answer_pattern_checked_before_type),
		T(test_answer_pattern_catastrophic_is_bounded),
		T(test_answer_score_yesno_scale),
		T(test_answer_score_choice),
		T(test_answer_score_multi_sum_capped),
		T(test_answer_score_number_bounds),
		T(test_answer_score_date_max_age),
		T(test_answer_informational_questions),
		T(test_answer_enables_single_value),
		T(test_answer_enables_value_list),
		T(test_answer_enables_multi_any_selected),
		T(test_answer_enables_multi_whole_values_only),
		T(test_answer_enables_text_is_one_value),
		T(test_answer_accepts_descriptions),
#undef T
	};

	return cmocka_run_group_tests_name("answer", tests, NULL, NULL);
}
