/*
 * Building a model row by row. The catalog reader (from CSV files) and the
 * store (from a snapshot) both feed rows through these functions, which
 * check each row and report problems with the row's position, so both
 * sources are held to the same rules.
 */
#ifndef SRMGAP_MODEL_INT_H
#define SRMGAP_MODEL_INT_H

#include "srmgap/model.h"

/* Where a row came from: file, line, and the column of each field (may be NULL). */
typedef struct srmgap_src {
	const char *path;
	unsigned long line;
	const unsigned long *col;
} srmgap_src;

enum { F_PARTY_ID, F_PARTY_NAME, F_PARTY_ROLE, F_PARTY_N };
enum {
	F_CTL_ID, F_CTL_AREA, F_CTL_TITLE, F_CTL_OWNER, F_CTL_SEVERITY,
	F_CTL_WEIGHT, F_CTL_DESCRIPTION, F_CTL_REMEDIATION, F_CTL_REFERENCES,
	F_CTL_N
};
enum {
	F_Q_ID, F_Q_CONTROL, F_Q_TEXT, F_Q_TYPE, F_Q_OPTIONS, F_Q_WEIGHT,
	F_Q_REQUIRED, F_Q_DEPENDS, F_Q_PATTERN, F_Q_HELP, F_Q_N
};
enum { F_SC_SCENARIO, F_SC_OWNER, F_SC_PROVIDER, F_SC_CUSTOMER, F_SC_N };

int srmgap_model__new(srmgap_model **out, const char *id, const char *variant);

/*
 * Each returns SRMGAP_OK or SRMGAP_ENOMEM; input problems go to `d`.
 * Rows come in this order: meta, parties, areas, controls, questions,
 * scenarios (a party after an area is refused with SRMGAP_EUSAGE).
 */
int srmgap_model__meta(srmgap_model *m, const char *key, const char *value,
	const srmgap_src *src, srmgap_diags *d);
int srmgap_model__party(srmgap_model *m, const char *const *f,
	const srmgap_src *src, srmgap_diags *d);
/* `duties` has one entry per party, in party order. */
int srmgap_model__area(srmgap_model *m, const char *id, const char *name,
	const char *const *duties, const srmgap_src *src, srmgap_diags *d);
int srmgap_model__control(srmgap_model *m, const char *const *f,
	const srmgap_src *src, srmgap_diags *d);
int srmgap_model__question(srmgap_model *m, const char *const *f,
	const srmgap_src *src, srmgap_diags *d);
int srmgap_model__scenario(srmgap_model *m, const char *const *f,
	const srmgap_src *src, srmgap_diags *d);

/*
 * Whole-model checks (title and version present, one customer, ...) and
 * the content hash. `path` names the model in diagnostics. The advice
 * about coverage (areas or controls without questions) is given only
 * when `d` holds no more errors than `errors_before`: after an error it
 * would be about rows that were not read.
 */
int srmgap_model__finish(srmgap_model *m, const char *path, srmgap_diags *d,
	size_t errors_before);

/* Pattern handling (answer.c). */
int srmgap_answer__pattern_compile(void **out, const char *pattern, char *msg,
	size_t msgsize);
void srmgap_answer__pattern_free(void *re);

#endif
