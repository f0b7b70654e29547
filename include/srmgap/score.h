/*
 * Scoring an assessment against the customer column of its model.
 *
 * Question score s_q in [0,1]; a question is excluded when answered na,
 * skipped by depends_on, informational, or optional and unanswered; a
 * required question left unanswered scores 0. Control score =
 * sum(w_q*s_q)/sum(w_q) over its scored questions. Only customer and
 * shared controls are scored; provider controls are "inherited". Area and
 * overall scores are weighted by control weight over applicable controls.
 * Gaps (partial, not-met, unanswered) are ranked by severity, then by
 * w_c*(1-s_c) descending, then by control id.
 */
#ifndef SRMGAP_SCORE_H
#define SRMGAP_SCORE_H

#include "common.h"
#include "model.h"
#include "store.h"

typedef enum srmgap_status {
	SRMGAP_MET = 0,
	SRMGAP_PARTIAL,
	SRMGAP_NOT_MET,
	SRMGAP_UNANSWERED,
	SRMGAP_NOT_APPLICABLE,
	SRMGAP_INHERITED,
	SRMGAP_UNREVIEWED /* verified score only: no verdict yet */
} srmgap_status;

/* What happened to one question. */
typedef enum srmgap_qstate {
	SRMGAP_Q_SCORED = 0,   /* answered and scored */
	SRMGAP_Q_MISSING,      /* required, unanswered: scored 0 */
	SRMGAP_Q_NA,           /* answered na (or an na option) */
	SRMGAP_Q_SKIPPED,      /* depends_on not satisfied */
	SRMGAP_Q_INFO,         /* informational */
	SRMGAP_Q_OPTIONAL,     /* optional and unanswered */
	SRMGAP_Q_PROVIDER      /* belongs to a provider-owned control */
} srmgap_qstate;

typedef struct srmgap_question_result {
	srmgap_qstate state;
	double score;          /* meaningful for SCORED and MISSING */
} srmgap_question_result;

typedef struct srmgap_control_result {
	srmgap_status status;
	double score;          /* 0..1; 0 when unanswered, n/a or inherited */
	size_t priority;       /* rank in the gap list, 1-based; 0 = not a gap */
	/*
	 * The verified score: the self-assessed score when an auditor
	 * verified the control, else 0; status UNREVIEWED when there is
	 * no verdict or it is outdated (the control's answers changed after
	 * it), NOT_MET for not-verified and needs-evidence. n/a and
	 * inherited controls keep their status.
	 */
	srmgap_verdict verdict;
	int outdated;          /* the verdict predates the answers: unreviewed */
	srmgap_status verified_status;
	double verified_score;
} srmgap_control_result;

typedef struct srmgap_area_result {
	int scored;            /* 0: no applicable scored control (inherited) */
	double score;
	double verified_score;
	size_t met, partial, not_met, unanswered, not_applicable, inherited;
} srmgap_area_result;

typedef struct srmgap_result {
	srmgap_question_result *questions;
	srmgap_control_result *controls;
	srmgap_area_result *areas;
	int scored;            /* 0 when no control is applicable */
	double overall;
	double verified_overall;
	size_t reviewed;       /* applicable controls with a current verdict */
	size_t outdated;       /* applicable controls whose verdict is outdated */
	size_t applicable;     /* applicable scored controls */
	size_t *gaps;          /* control indexes, in priority order */
	size_t ngaps, critical_gaps;
	size_t answered;       /* questions with an answer */
	size_t nquestions;
	long asof;             /* evaluation date, days since 1970-01-01 */
} srmgap_result;

/* Whether a question is asked, given the answers so far. */
enum {
	SRMGAP_ASKED = 0,        /* asked (and scored unless informational) */
	SRMGAP_ASK_SKIPPED,      /* its depends_on is not satisfied */
	SRMGAP_ASK_PROVIDER      /* it belongs to a provider's control */
};

/*
 * Fill out[i] (one per question of `m`) with SRMGAP_ASKED or why not, by
 * the rule srmgap_score() applies: a question whose depends_on names an
 * unanswered or skipped question, or a value that does not enable it, is
 * skipped.
 */
void srmgap_questions_asked(unsigned char *out, const srmgap_model *m,
	const srmgap_answers *ans);

/*
 * Score `ans` against `m` as of day `asof`, and with the verdicts in `rv`
 * (NULL: none) the verified score. *out is the caller's to free with
 * srmgap_result_free(). Returns SRMGAP_OK or SRMGAP_ENOMEM.
 */
int srmgap_score(srmgap_result **out, const srmgap_model *m,
	const srmgap_answers *ans, const srmgap_reviews *rv, long asof);
void srmgap_result_free(srmgap_result *r);

const char *srmgap_status_name(srmgap_status s);

/* Parse YYYY-MM-DD into days since 1970-01-01; SRMGAP_EUSAGE if invalid. */
int srmgap_date_parse(const char *s, long *days, srmgap_error *err);
/* Today's date (UTC) in days since 1970-01-01. */
long srmgap_date_today(void);
/* Format days since 1970-01-01 as YYYY-MM-DD into buf (>= 11 bytes). */
void srmgap_date_format(long days, char *buf);

#endif
