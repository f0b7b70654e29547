/*
 * The auditor's side of an assessment: the checklist an auditor works
 * through (one row per scored control with the customer's answers and
 * evidence, and empty verdict and comment columns), taking the filled-in
 * checklist back as verdicts, and comparing two assessments over time.
 */
#ifndef SRMGAP_AUDIT_H
#define SRMGAP_AUDIT_H

#include <stdio.h>

#include "common.h"
#include "model.h"
#include "score.h"
#include "store.h"

/* What an auditor looks at for one assessment. */
typedef struct srmgap_audit_view {
	const srmgap_assessment *a;
	const srmgap_model *m;
	const srmgap_answers *ans;
	const srmgap_reviews *rv;
	const srmgap_result *r;
} srmgap_audit_view;

enum { SRMGAP_CHECKLIST_CSV, SRMGAP_CHECKLIST_MARKDOWN, SRMGAP_CHECKLIST_HTML };

/*
 * Write the checklist of `v` in `format` (SRMGAP_CHECKLIST_*): one row per
 * customer or shared control, with verdicts already recorded filled in.
 * The CSV form is what srmgap_review_import() takes back. SRMGAP_OK or
 * SRMGAP_EIO.
 */
int srmgap_checklist_write(FILE *out, const srmgap_audit_view *v, int format);

typedef struct srmgap_review_stats {
	size_t rows;        /* data rows read */
	size_t recorded;    /* verdicts new or changed */
	size_t unchanged;   /* verdicts identical to what was stored */
	size_t empty;       /* rows without a verdict (left unreviewed) */
} srmgap_review_stats;

/*
 * Take verdicts back from a filled-in checklist CSV for assessment `a`
 * (model `m`): columns `control` and `verdict` are required, `comment`
 * and `auditor` optional (`auditor` NULL or "" in a row: the `auditor`
 * argument, else the store's actor); the checklist's other columns are
 * ignored. All or nothing, like every import: problems go to `d` with
 * their line and column, and SRMGAP_EINVALID leaves the database as it
 * was. SRMGAP_EFROZEN when the assessment is signed off.
 */
int srmgap_review_import(srmgap_store *s, const char *path,
	const srmgap_assessment *a, const srmgap_model *m, const char *auditor,
	srmgap_diags *d, srmgap_review_stats *stats, srmgap_error *err);

enum { SRMGAP_DIFF_TEXT, SRMGAP_DIFF_CSV };

/*
 * Compare assessment `old` with `new`: the overall and per-area change,
 * then per control (matched by id) the status and score before and
 * after, controls that newly became gaps first. SRMGAP_OK or SRMGAP_EIO.
 */
int srmgap_diff_write(FILE *out, const srmgap_audit_view *old,
	const srmgap_audit_view *new_view, int format);

#endif
