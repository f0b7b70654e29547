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
#define SRMGAP_SCHEMA_VERSION 2

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
	char *parent;      /* the assessment it was started from, else NULL */
	/* Sign-off: all NULL while the assessment is open. */
	char *signed_by, *signed_at, *statement;
	char *seal;        /* hash of the sign-off event in the trail */
	long carried;      /* answers still carried over (get only) */
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
	char *evidence;
	char *evidence_date; /* YYYY-MM-DD the evidence is as of, or "" */
	char *note;
	char *recorded_at; /* when it was entered (UTC) */
	int carried;       /* carried over by `new --from`, not yet confirmed */
} srmgap_answer;

/*
 * An answer to store. `value` is canonical (srmgap_answer_parse()).
 * `evidence`, `evidence_date` or `note` NULL keeps what a replaced answer
 * had; "" clears it. Storing an answer always confirms a carried one.
 */
typedef struct srmgap_answer_input {
	const char *value;
	const char *evidence;
	const char *evidence_date;
	const char *note;
} srmgap_answer_input;

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
 * Store (or replace) the answer to question number `question` of `m` (the
 * assessment's model). The replaced answer goes to the history table and
 * the change to the trail. `source` names the batch it belongs to (a file
 * name, "run"); answers of one source through one handle form one batch.
 * SRMGAP_EFROZEN when the assessment is signed off. Runs inside the
 * caller's transaction when one is open, else in its own.
 */
int srmgap_store_put_answer(srmgap_store *s, long long assessment_id,
	const srmgap_model *m, size_t question, const srmgap_answer_input *in,
	const char *source, srmgap_error *err);

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

/* Who the changes made through this handle are recorded as (copied). */
int srmgap_store_set_actor(srmgap_store *s, const char *actor,
	srmgap_error *err);

/*
 * SRMGAP_OK when assessment `id` may be changed, SRMGAP_EFROZEN (with a
 * message naming who signed it off) when it is signed off.
 */
int srmgap_store_writable(srmgap_store *s, long long id, const char *name,
	srmgap_error *err);

/*
 * Create assessment `name` on `m` starting from the answers of assessment
 * `from`: every answer to a question of the same id (and a value `m`
 * still accepts) is copied, marked as carried over until it is stored
 * again. *copied counts them. Otherwise as srmgap_store_create().
 */
int srmgap_store_create_from(long long *id, size_t *copied, srmgap_store *s,
	const char *name, const srmgap_model *m, const char *org,
	const char *assessor, const srmgap_assessment *from, srmgap_error *err);

/* An auditor's verdict on a control. */
typedef enum srmgap_verdict {
	SRMGAP_VERDICT_NONE = 0,
	SRMGAP_VERDICT_VERIFIED,
	SRMGAP_VERDICT_NOT_VERIFIED,
	SRMGAP_VERDICT_NEEDS_EVIDENCE
} srmgap_verdict;

/* "unreviewed", "verified", "not-verified", "needs-evidence". */
const char *srmgap_verdict_name(srmgap_verdict v);
/*
 * The verdict named `s` (in any case: spreadsheets capitalise) into *out:
 * SRMGAP_OK, or SRMGAP_EINVALID when `s` is none of the names above
 * but "unreviewed".
 */
int srmgap_verdict_parse(srmgap_verdict *out, const char *s);

typedef struct srmgap_review {
	srmgap_verdict verdict;     /* SRMGAP_VERDICT_NONE: no review yet */
	char *comment, *auditor, *reviewed_at;
	char *basis;                /* hash of the answers it was given on */
	int outdated;               /* the control's answers changed since */
} srmgap_review;

/* Reviews of one assessment, indexed like model->controls. */
typedef struct srmgap_reviews {
	srmgap_review *items;
	size_t count;
	size_t reviewed;            /* controls with a verdict */
	size_t outdated;            /* of those, verdicts now outdated */
} srmgap_reviews;

void srmgap_reviews_release(srmgap_reviews *rv);

/*
 * The reviews of an assessment (released by the caller, also on failure).
 * A verdict whose control's answers (value, evidence, its date, note)
 * changed after it was given is marked outdated.
 */
int srmgap_store_load_reviews(srmgap_reviews *out, srmgap_store *s,
	long long assessment_id, const srmgap_model *m, srmgap_error *err);

/*
 * Record a verdict on control number `control` of `m` (a customer or
 * shared control). `comment` NULL keeps the comment recorded ("" clears
 * it); `auditor` NULL or "" is the store's actor. SRMGAP_EFROZEN when
 * signed off. Runs inside the caller's transaction when one is open,
 * else in its own.
 */
int srmgap_store_put_review(srmgap_store *s, long long assessment_id,
	const srmgap_model *m, size_t control, srmgap_verdict verdict,
	const char *comment, const char *auditor, srmgap_error *err);

/*
 * Sign the assessment off (SRMGAP_EFROZEN if it is already), or reopen a
 * signed one (SRMGAP_EUSAGE if it is not signed). `statement` may be
 * NULL; `reason` may not.
 */
int srmgap_store_signoff(srmgap_store *s, long long assessment_id,
	const char *auditor, const char *statement, srmgap_error *err);
int srmgap_store_reopen(srmgap_store *s, long long assessment_id,
	const char *reason, srmgap_error *err);

/*
 * One event of the trail. `old_value` and `new_value` are JSON texts (or
 * ""); `hash` is the SHA-256 (hex) over the event's fields and `prev`,
 * the hash of the event before it.
 */
typedef struct srmgap_event {
	long long id;
	const char *assessment, *at, *actor, *kind, *subject;
	const char *old_value, *new_value, *prev, *hash;
} srmgap_event;

/*
 * Call `fn` for each event of assessment `name` (NULL: all), oldest
 * first. The event is borrowed for the call. `fn` returns 0 to go on.
 */
typedef int (*srmgap_store_event_fn)(const srmgap_event *e, void *ctx);
int srmgap_store_events(srmgap_store *s, const char *name,
	srmgap_store_event_fn fn, void *ctx, srmgap_error *err);

/* What srmgap_store_verify() found. */
typedef struct srmgap_verify_result {
	size_t events;            /* events checked */
	size_t assessments;       /* assessments whose state was replayed */
	long long bad_event;      /* first event that does not match, or 0 */
	long long intact_to;      /* the last event the chain vouches for */
	char head[65];            /* hash of the newest event, "" if none */
	char problem[512];        /* "" when everything matches */
} srmgap_verify_result;

/*
 * Recompute the hash chain of the whole trail, then replay the events of
 * assessment `name` (NULL: every assessment) and compare the result with
 * the stored answers, verdicts and sign-off. SRMGAP_OK with
 * out->problem "" when all matches; SRMGAP_EINVALID with out->problem
 * (and bad_event when an event is at fault) when not.
 */
int srmgap_store_verify(srmgap_verify_result *out, srmgap_store *s,
	const char *name, srmgap_error *err);

/*
 * The newest events of a trail can be removed without breaking the
 * chain; a hash kept elsewhere (a head printed by verify, a sign-off's
 * seal) catches that. SRMGAP_OK with *event the id of the event whose
 * hash is `hash` (call after srmgap_store_verify() found the chain
 * intact), SRMGAP_EINVALID when no event has it.
 */
int srmgap_store_verify_head(long long *event, srmgap_store *s,
	const char *hash, srmgap_error *err);

#endif
