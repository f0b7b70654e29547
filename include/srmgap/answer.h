/*
 * One answer to one question: checking a raw value against the
 * question's type, options and pattern, reducing it to its canonical form
 * (what the store keeps), and scoring it. Every path that takes answers in
 * (CSV import, the interactive runner) goes through srmgap_answer_parse().
 */
#ifndef SRMGAP_ANSWER_H
#define SRMGAP_ANSWER_H

#include "common.h"
#include "model.h"

/*
 * Check `raw` (not empty) against `q`. On success stores a newly
 * allocated canonical value in *canon (the caller frees it) and returns
 * SRMGAP_OK; otherwise SRMGAP_EINVALID with the reason in err->msg, or
 * SRMGAP_ENOMEM.
 */
/*
 * Check the date evidence is as of: YYYY-MM-DD, a real day, not after
 * `today` (days since 1970-01-01). SRMGAP_OK or SRMGAP_EINVALID with the
 * reason. The import and the runner apply the same rule.
 */
int srmgap_evidence_date_check(const char *s, long today, srmgap_error *err);

int srmgap_answer_parse(char **canon, const srmgap_question *q, const char *raw,
	srmgap_error *err);

/* Scores this close to 1 are 1 (sums of decimal fractions). */
#define SRMGAP_SCORE_EPSILON 1e-9

/*
 * Score a canonical answer. Returns 1 and sets *score in [0,1] when the
 * answer counts; returns 0 when it is excluded (na, or the question is
 * informational). `asof` is the evaluation date in days since 1970-01-01,
 * used by date questions with max_age_days.
 */
int srmgap_answer_score(const srmgap_question *q, const char *canon, long asof,
	double *score);

/* 1 when question `q` is informational (never scored, whatever the answer). */
int srmgap_question_informational(const srmgap_question *q);

/*
 * 1 when canonical answer `canon` to the question `q` depends on is one
 * of q's depends_on values (for a multi answer: any selected value is).
 */
int srmgap_answer_enables(const srmgap_question *q, const char *canon);

/* A short description of the accepted answers, e.g. "yes/no/na". */
const char *srmgap_question_accepts(const srmgap_question *q, char *buf,
	size_t size);

#endif
