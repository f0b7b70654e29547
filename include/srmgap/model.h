/*
 * A responsibility model together with one questionnaire for it: the
 * parties and areas of the matrix, the controls (who owns each), the
 * questions that test the customer's controls, and the optional scenario
 * table. This is what an assessment is scored against.
 *
 * A model comes either from a catalog folder (srmgap_catalog_load)
 * or from the snapshot an assessment stored (srmgap_store_load_model);
 * both go through the same checks, so a snapshot is exactly as valid as
 * the files it was taken from. The structure is read-only to callers and
 * is freed with srmgap_model_free().
 */
#ifndef SRMGAP_MODEL_H
#define SRMGAP_MODEL_H

#include <stddef.h>

#include "common.h"

/* Questions per questionnaire are fewer than this (answer keys use 20 bits). */
#define SRMGAP_MAX_QUESTIONS (1 << 20)

typedef enum srmgap_severity {
	SRMGAP_SEV_CRITICAL = 0,
	SRMGAP_SEV_HIGH,
	SRMGAP_SEV_MEDIUM,
	SRMGAP_SEV_LOW
} srmgap_severity;

typedef enum srmgap_owner {
	SRMGAP_OWNER_CUSTOMER = 0,
	SRMGAP_OWNER_SHARED,
	SRMGAP_OWNER_PROVIDER
} srmgap_owner;

typedef enum srmgap_qtype {
	SRMGAP_Q_YESNO = 0,
	SRMGAP_Q_SCALE,
	SRMGAP_Q_CHOICE,
	SRMGAP_Q_MULTI,
	SRMGAP_Q_NUMBER,
	SRMGAP_Q_DATE,
	SRMGAP_Q_TEXT
} srmgap_qtype;

typedef struct srmgap_party {
	char *id, *name;
	int is_customer;
} srmgap_party;

typedef struct srmgap_area {
	char *id, *name;
	char **duties;        /* one per party, in party order; NULL = none */
} srmgap_area;

typedef struct srmgap_control {
	char *id, *area_id, *title, *owner_id;
	size_t area;          /* index into model->areas */
	srmgap_owner owner;
	size_t owner_party;   /* index into model->parties */
	srmgap_severity severity;
	double weight;
	int weight_given;     /* 0 when the weight is the severity default */
	char *description, *remediation, *references;
} srmgap_control;

typedef struct srmgap_option {
	char *value;
	double score;
	int na;               /* score is "na": choosing it excludes the question */
} srmgap_option;

typedef struct srmgap_question {
	char *id, *control_id, *text, *type_name, *options, *depends_on;
	char *pattern, *help;
	size_t control;       /* index into model->controls */
	srmgap_qtype type;
	double weight;
	int weight_given;
	int required;
	/* parsed options */
	srmgap_option *opts;
	size_t nopts;
	int has_min, has_max;
	double min, max;
	long max_age_days;    /* -1 when not set */
	/* parsed depends_on */
	size_t dep;           /* index of the question depended on */
	int has_dep;
	char **dep_values;    /* canonical answer values that enable it */
	int dep_multi;        /* the question depended on is a multi */
	size_t ndep_values;
	void *re;             /* compiled pattern (internal), NULL if none */
} srmgap_question;

typedef struct srmgap_scenario {
	char *scenario, *owner, *provider_duty, *customer_duty;
} srmgap_scenario;

typedef struct srmgap_model {
	char *id;             /* folder name under controls/ */
	char *variant;        /* questionnaire variant, "" for the default */
	char *title, *version, *source, *description;
	char hash[65];        /* SHA-256 of the content, lowercase hex */
	char *dir;            /* catalog folder it came from; NULL for snapshots */
	char *questionnaire_path;
	srmgap_party *parties;
	size_t nparties;
	size_t customer;      /* index of the customer party */
	int has_customer;
	srmgap_area *areas;
	size_t nareas;
	srmgap_control *controls;
	size_t ncontrols;
	srmgap_question *questions;
	size_t nquestions;
	srmgap_scenario *scenarios;
	size_t nscenarios;
	void *index;          /* id lookups (internal) */
} srmgap_model;

void srmgap_model_free(srmgap_model *m);

/* Index of the question / control / area with that id, or -1. */
long srmgap_model_question(const srmgap_model *m, const char *id);
long srmgap_model_control(const srmgap_model *m, const char *id);
/*
 * The control a person named: its id exactly, else in another case
 * ("iam-01" for IAM-01) when that names exactly one. -1 when none.
 */
long srmgap_model_control_named(const srmgap_model *m, const char *id);
long srmgap_model_area(const srmgap_model *m, const char *id);

const char *srmgap_severity_name(srmgap_severity s);
const char *srmgap_qtype_name(srmgap_qtype t);
/* 1 when controls with this owner are scored (customer or shared). */
int srmgap_control_scored(const srmgap_control *c);

#endif
