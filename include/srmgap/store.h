/*
 * The assessment database (SQLite). It holds, for every assessment, a
 * snapshot of the model and questionnaire it was created with (so reports
 * stay reproducible when the catalog changes), and the answers with their
 * evidence; a replaced answer moves to a history table.
 *
 * The database runs with foreign keys, WAL and a busy timeout; its schema
 * carries a version and is migrated forward on open. Every write is one
 * transaction, so a crash or a kill leaves it consistent.
 */
#ifndef SRMGAP_STORE_H
#define SRMGAP_STORE_H

#include "common.h"
#include "model.h"

/* The schema version this srmgap writes (PRAGMA user_version). */
#define SRMGAP_SCHEMA_VERSION 1

typedef struct srmgap_store srmgap_store;

/*
 * Open (creating and migrating as needed) the database at `path`.
 * *out is the caller's to close with srmgap_store_close().
 */
int srmgap_store_open(srmgap_store **out, const char *path, srmgap_error *err);
void srmgap_store_close(srmgap_store *s);

/* Explicit transactions for callers that group several writes. */
int srmgap_store_begin(srmgap_store *s, srmgap_error *err);
int srmgap_store_commit(srmgap_store *s, srmgap_error *err);
void srmgap_store_rollback(srmgap_store *s);

typedef struct srmgap_assessment {
	long long id;
	char *name, *org, *assessor, *created_at;
	long long snapshot_id;
	char *model_id, *variant, *hash, *model_title, *model_version;
	long answered;     /* answers stored (list and each only) */
	char *problem;     /* each only: why it cannot be scored, else NULL */
} srmgap_assessment;

void srmgap_assessment_free(srmgap_assessment *a);

/*
 * Create assessment `name` on a snapshot of `m` (the snapshot is shared
 * with earlier assessments of identical content). `org` and `assessor` may
 * be NULL. Fails with SRMGAP_EEXISTS when the name is taken. Runs inside
 * the caller's transaction when one is open, else in its own.
 */
int srmgap_store_create(long long *id, srmgap_store *s, const char *name,
	const srmgap_model *m, const char *org, const char *assessor,
	srmgap_error *err);

/*
 * Look up an assessment by name: SRMGAP_OK with *out the caller's to free
 * with srmgap_assessment_free(), SRMGAP_ENOTFOUND when there is none.
 */
int srmgap_store_get(srmgap_assessment **out, srmgap_store *s, const char *name,
	srmgap_error *err);

/*
 * All assessments, by name, with `answered` filled in. *out is the
 * caller's to free with srmgap_assessment_list_free().
 */
int srmgap_store_list(srmgap_assessment ***out, size_t *count, srmgap_store *s,
	srmgap_error *err);
void srmgap_assessment_list_free(srmgap_assessment **list, size_t count);

/*
 * Rebuild the model stored as snapshot `snapshot_id` (checked against its
 * content hash: SRMGAP_EDB when it was changed). *out is the caller's to
 * free with srmgap_model_free().
 */
int srmgap_store_load_model(srmgap_model **out, srmgap_store *s,
	long long snapshot_id, srmgap_error *err);

/* One stored answer; all fields owned by the srmgap_answers holding it. */
typedef struct srmgap_answer {
	char *value;       /* canonical; NULL when the question has no answer */
	char *evidence, *note, *recorded_at;
} srmgap_answer;

/* Answers of one assessment, indexed like model->questions. */
typedef struct srmgap_answers {
	srmgap_answer *items;
	size_t count;
	size_t unknown;    /* stored answers to questions not in the model */
} srmgap_answers;

/* One empty slot per question of `m`. SRMGAP_OK or SRMGAP_ENOMEM. */
int srmgap_answers_init(srmgap_answers *a, const srmgap_model *m);
/* Free every answer and the slots (a released one may be released again). */
void srmgap_answers_release(srmgap_answers *a);

/*
 * The answers of an assessment whose model is `m`, into `out` (which the
 * caller releases with srmgap_answers_release(), also after a failure).
 */
int srmgap_store_load_answers(srmgap_answers *out, srmgap_store *s,
	long long assessment_id, const srmgap_model *m, srmgap_error *err);

/*
 * Store (or replace) the canonical answer to question number `question`
 * of `m` (the assessment's model). The replaced answer goes to the
 * history table. `evidence` or `note` NULL keeps what a replaced answer
 * had; "" clears it. `source` names the batch it belongs to (a file name,
 * "run"); answers of one source through one handle form one batch. Runs
 * inside the caller's transaction when one is open, else in its own.
 */
int srmgap_store_put_answer(srmgap_store *s, long long assessment_id,
	const srmgap_model *m, size_t question, const char *value,
	const char *evidence, const char *note, const char *source,
	srmgap_error *err);

/*
 * Call `fn` for every assessment with its model and answers (borrowed for
 * the duration of the call; only `value` is filled in, and `answered` of
 * the assessment). When an assessment's snapshot is damaged or was
 * changed outside srmgap, `fn` gets it with `problem` set and NULL model
 * and answers, and the walk goes on: one bad snapshot does not hide the
 * rest of a portfolio. Assessments come in the order they were created; each
 * snapshot's model is loaded once, and memory does not grow with the
 * number of assessments. `fn` returns
 * 0 to go on or a negative code to stop.
 */
typedef int (*srmgap_store_each_fn)(const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans, void *ctx);
int srmgap_store_each(srmgap_store *s, srmgap_store_each_fn fn, void *ctx,
	srmgap_error *err);

#endif
