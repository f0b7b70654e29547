/*
 * Answer checking, canonical forms and per-question scores (answer.h),
 * and the PCRE2 patterns questions may carry. Patterns come from catalog
 * files, so they run JIT-compiled with a match limit and a depth limit: a
 * pathological pattern fails the one answer instead of hanging the run.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pcre2.h>

#include "srmgap/answer.h"
#include "model_int.h"
#include "util_int.h"

#define MATCH_LIMIT 100000
#define DEPTH_LIMIT 1000
#define HEAP_LIMIT_KIB 8192
#define MAX_PATTERN 1024

typedef struct pattern {
	pcre2_code *code;
	pcre2_match_context *mctx;
} pattern;

int srmgap_answer__pattern_compile(void **out, const char *src, char *msg,
	size_t msgsize)
{
	pattern *p = calloc(1, sizeof(*p));
	PCRE2_UCHAR buf[160];
	PCRE2_SIZE off = 0;
	int errcode = 0;

	*out = NULL;
	if (p == NULL)
		return SRMGAP_ENOMEM;
	if (strlen(src) > MAX_PATTERN) {
		snprintf(msg, msgsize, "longer than %d bytes", MAX_PATTERN);
		free(p);
		return SRMGAP_EINVALID;
	}
	/*
	 * The whole answer must match: anchor at both ends. \C could split a
	 * UTF-8 character, so it is refused.
	 */
	p->code = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
		PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED |
		PCRE2_NEVER_BACKSLASH_C, &errcode, &off, NULL);
	if (p->code == NULL) {
		pcre2_get_error_message(errcode, buf, sizeof(buf));
		snprintf(msg, msgsize, "%s at byte %zu of the pattern", (char *)buf,
			(size_t)off + 1);
		free(p);
		return SRMGAP_EINVALID;
	}
	/* JIT is an optimisation; the interpreter serves when it is missing. */
	(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	p->mctx = pcre2_match_context_create(NULL);
	if (p->mctx == NULL) {
		pcre2_code_free(p->code);
		free(p);
		return SRMGAP_ENOMEM;
	}
	pcre2_set_match_limit(p->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(p->mctx, HEAP_LIMIT_KIB);
	*out = p;
	return SRMGAP_OK;
}

void srmgap_answer__pattern_free(void *re)
{
	pattern *p = re;

	if (p == NULL)
		return;
	pcre2_match_context_free(p->mctx);
	pcre2_code_free(p->code);
	free(p);
}

/* 1 match, 0 no match, negative: the limits were hit or memory ran out. */
static int pattern_match(const pattern *p, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(p->code, NULL);
	int rc;

	if (md == NULL)
		return -1;
	rc = pcre2_match(p->code, (PCRE2_SPTR)s, strlen(s), 0, 0, md, p->mctx);
	pcre2_match_data_free(md);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return -1;
}

static const char *const yesno_words[] = { "yes", "no", "na", NULL };
static const char *const scale_words[] = { "yes", "partial", "no", "na", NULL };

static int keyword(const char *const *words, const char *s)
{
	int i;

	for (i = 0; words[i] != NULL; i++) {
		if (srmgap_util__strieq(s, words[i]))
			return i;
	}
	if (srmgap_util__strieq(s, "n/a")) {
		for (i = 0; words[i] != NULL; i++) {
			if (strcmp(words[i], "na") == 0)
				return i;
		}
	}
	return -1;
}

static long find_option(const srmgap_question *q, const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < q->nopts; k++) {
		const char *v = q->opts[k].value;

		if (v != NULL && strlen(v) == n && strncasecmp(v, s, n) == 0)
			return (long)k;
	}
	return -1;
}

static int parse_multi(const srmgap_question *q, const char *s, char **canon,
	srmgap_error *err)
{
	char *chosen = calloc(q->nopts ? q->nopts : 1, 1);
	srmgap_buf b;
	const char *p = s;
	size_t k;
	int rc = SRMGAP_OK;

	if (chosen == NULL)
		return SRMGAP_ENOMEM;
	while (1) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		long ix;

		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == 0) {
			rc = srmgap_error_set(err, SRMGAP_EINVALID,
				"empty value in '%.64s' (separate values with '|')", s);
			goto done;
		}
		ix = find_option(q, p, n);
		if (ix < 0) {
			rc = srmgap_error_set(err, SRMGAP_EINVALID,
				"'%.*s' is not one of the options", (int)(n > 64 ? 64 : n), p);
			goto done;
		}
		chosen[ix] = 1;
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	srmgap_util__buf_init(&b);
	for (k = 0; k < q->nopts; k++) {
		if (!chosen[k])
			continue;
		if (b.len > 0)
			srmgap_util__buf_put(&b, "|", 1);
		srmgap_util__buf_puts(&b, q->opts[k].value);
	}
	*canon = srmgap_util__buf_detach(&b);
	if (*canon == NULL)
		rc = SRMGAP_ENOMEM;
done:
	free(chosen);
	return rc;
}

/*
 * The canonical form of trimmed, valid `v` for a question of q's type, in
 * *out (NULL when `v` is not an answer of that type). Multi answers are
 * handled by parse_multi().
 */
static int canonical(const srmgap_question *q, const char *v, char **out)
{
	const char *const *words;
	char buf[64];
	double num;
	long days, ix;
	int k;

	*out = NULL;
	switch (q->type) {
	case SRMGAP_Q_YESNO:
	case SRMGAP_Q_SCALE:
		words = q->type == SRMGAP_Q_YESNO ? yesno_words : scale_words;
		k = keyword(words, v);
		if (k < 0)
			return SRMGAP_OK;
		*out = srmgap_util__strdup(words[k]);
		break;
	case SRMGAP_Q_CHOICE:
		ix = find_option(q, v, strlen(v));
		if (ix < 0)
			return SRMGAP_OK;
		*out = srmgap_util__strdup(q->opts[ix].value);
		break;
	case SRMGAP_Q_NUMBER:
		if (srmgap_util__parse_decimal(v, &num) != 0)
			return SRMGAP_OK;
		/* One spelling per value: 5, 5.0, +5 and 5e0 are all "5". */
		snprintf(buf, sizeof(buf), "%.15g", num == 0 ? 0.0 : num);
		*out = srmgap_util__strdup(buf);
		break;
	case SRMGAP_Q_DATE:
		if (srmgap_util__parse_date(v, &days) != 0)
			return SRMGAP_OK;
		*out = srmgap_util__strdup(v);
		break;
	case SRMGAP_Q_TEXT:
	case SRMGAP_Q_MULTI:
		*out = srmgap_util__strdup(v);
		break;
	}
	return *out ? SRMGAP_OK : SRMGAP_ENOMEM;
}

int srmgap_answer_parse(char **canon, const srmgap_question *q, const char *raw,
	srmgap_error *err)
{
	char *v = srmgap_util__strdup(raw);
	char accepts[256];
	srmgap_error merr;
	int rc = SRMGAP_OK, m;

	*canon = NULL;
	if (v == NULL)
		return SRMGAP_ENOMEM;
	srmgap_util__trim(v);
	if (v[0] == '\0') {
		rc = srmgap_error_set(err, SRMGAP_EINVALID, "empty answer");
		goto done;
	}
	if (!srmgap_util__utf8_valid(v, strlen(v))) {
		rc = srmgap_error_set(err, SRMGAP_EINVALID, "answer is not valid UTF-8");
		goto done;
	}
	m = q->re != NULL ? pattern_match(q->re, v) : 1;
	if (m < 0) {
		rc = srmgap_error_set(err, SRMGAP_EINVALID, "'%.64s' could not be "
			"checked against pattern '%.64s' within the match limits", v,
			q->pattern);
		goto done;
	}
	if (m == 0) {
		rc = srmgap_error_set(err, SRMGAP_EINVALID, "'%.64s' does not match "
			"the pattern '%.64s'", v, q->pattern);
		goto done;
	}
	if (q->type == SRMGAP_Q_MULTI) {
		rc = parse_multi(q, v, canon, &merr);
		if (rc == SRMGAP_EINVALID)
			rc = srmgap_error_set(err, rc, "%s; expected %s", merr.msg,
				srmgap_question_accepts(q, accepts, sizeof(accepts)));
		goto done;
	}
	rc = canonical(q, v, canon);
	if (rc == SRMGAP_OK && *canon == NULL)
		rc = q->type == SRMGAP_Q_DATE ?
			srmgap_error_set(err, SRMGAP_EINVALID, "invalid date '%.64s' "
				"(expected a real date as YYYY-MM-DD)", v) :
			srmgap_error_set(err, SRMGAP_EINVALID, "invalid answer '%.64s' "
				"(expected %s)", v, srmgap_question_accepts(q, accepts,
				sizeof(accepts)));
done:
	free(v);
	return rc;
}

int srmgap_question_informational(const srmgap_question *q)
{
	switch (q->type) {
	case SRMGAP_Q_TEXT:
		return 1;
	case SRMGAP_Q_NUMBER:
		return !q->has_min && !q->has_max;
	case SRMGAP_Q_DATE:
		return q->max_age_days < 0;
	default:
		return 0;
	}
}

int srmgap_answer_score(const srmgap_question *q, const char *canon, long asof,
	double *score)
{
	double v, sum = 0;
	long days, ix;
	int any = 0;
	const char *p;

	if (srmgap_question_informational(q))
		return 0;
	switch (q->type) {
	case SRMGAP_Q_YESNO:
	case SRMGAP_Q_SCALE:
		if (strcmp(canon, "na") == 0)
			return 0;
		*score = strcmp(canon, "yes") == 0 ? 1 :
			strcmp(canon, "partial") == 0 ? 0.5 : 0;
		return 1;
	case SRMGAP_Q_CHOICE:
		ix = find_option(q, canon, strlen(canon));
		if (ix < 0 || q->opts[ix].na)
			return 0;
		*score = q->opts[ix].score;
		return 1;
	case SRMGAP_Q_MULTI:
		for (p = canon; *p != '\0';) {
			const char *bar = strchr(p, '|');
			size_t n = bar ? (size_t)(bar - p) : strlen(p);

			ix = find_option(q, p, n);
			if (ix >= 0 && !q->opts[ix].na) {
				sum += q->opts[ix].score;
				any = 1;
			}
			p += n + (bar != NULL);
		}
		if (!any)
			return 0;
		/* Option scores are decimals: 0.4+0.3+0.2+0.1 must make 1. */
		*score = sum > 1 - SRMGAP_SCORE_EPSILON ? 1 : sum;
		return 1;
	case SRMGAP_Q_NUMBER:
		if (srmgap_util__parse_decimal(canon, &v) != 0)
			return 0;
		*score = (q->has_min && v < q->min) || (q->has_max && v > q->max) ?
			0 : 1;
		return 1;
	case SRMGAP_Q_DATE:
		if (srmgap_util__parse_date(canon, &days) != 0)
			return 0;
		/* Evidence dated after the as-of day did not exist yet then. */
		*score = asof - days >= 0 && asof - days <= q->max_age_days ? 1 : 0;
		return 1;
	case SRMGAP_Q_TEXT:
		break;
	}
	return 0;
}

int srmgap_answer_enables(const srmgap_question *q, const char *canon)
{
	size_t k;
	const char *p;

	for (k = 0; k < q->ndep_values; k++) {
		const char *want = q->dep_values[k];
		size_t n = strlen(want);

		if (strcmp(canon, want) == 0)
			return 1;
		if (!q->dep_multi)
			continue;
		/* A multi answer enables when any selected value is listed. */
		for (p = canon; (p = strstr(p, want)) != NULL; p += n) {
			if ((p == canon || p[-1] == '|') && (p[n] == '|' || p[n] == '\0'))
				return 1;
		}
	}
	return 0;
}

const char *srmgap_question_accepts(const srmgap_question *q, char *buf,
	size_t size)
{
	srmgap_buf b;
	size_t k;

	switch (q->type) {
	case SRMGAP_Q_YESNO:
		snprintf(buf, size, "yes/no/na");
		return buf;
	case SRMGAP_Q_SCALE:
		snprintf(buf, size, "yes/partial/no/na");
		return buf;
	case SRMGAP_Q_NUMBER:
		if (q->has_min && q->has_max)
			snprintf(buf, size, "a number, %g to %g to count as met",
				q->min, q->max);
		else if (q->has_min)
			snprintf(buf, size, "a number, at least %g to count as met", q->min);
		else if (q->has_max)
			snprintf(buf, size, "a number, at most %g to count as met", q->max);
		else
			snprintf(buf, size, "a number");
		return buf;
	case SRMGAP_Q_DATE:
		if (q->max_age_days >= 0)
			snprintf(buf, size, "a date YYYY-MM-DD, at most %ld days old "
				"to count as met", q->max_age_days);
		else
			snprintf(buf, size, "a date YYYY-MM-DD");
		return buf;
	case SRMGAP_Q_TEXT:
		if (q->pattern != NULL && q->pattern[0] != '\0')
			snprintf(buf, size, "text matching %s", q->pattern);
		else
			snprintf(buf, size, "text");
		return buf;
	case SRMGAP_Q_CHOICE:
	case SRMGAP_Q_MULTI:
		break;
	}
	srmgap_util__buf_init(&b);
	if (q->type == SRMGAP_Q_MULTI)
		srmgap_util__buf_puts(&b, "one or more of ");
	for (k = 0; k < q->nopts; k++) {
		if (q->opts[k].value == NULL)
			continue;
		if (k > 0)
			srmgap_util__buf_puts(&b, "/");
		srmgap_util__buf_puts(&b, q->opts[k].value);
	}
	if (q->type == SRMGAP_Q_MULTI)
		srmgap_util__buf_puts(&b, " separated by |");
	snprintf(buf, size, "%s", b.data ? b.data : "");
	srmgap_util__buf_release(&b);
	return buf;
}

int srmgap_evidence_date_check(const char *s, long today, srmgap_error *err)
{
	long days;

	if (strlen(s) != 10 || srmgap_util__parse_date(s, &days) != 0)
		return srmgap_error_set(err, SRMGAP_EINVALID, "invalid evidence date "
			"'%.32s' (expected YYYY-MM-DD)", s);
	if (days > today)
		return srmgap_error_set(err, SRMGAP_EINVALID, "evidence date %s is in "
			"the future", s);
	return SRMGAP_OK;
}
