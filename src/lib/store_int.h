/*
 * What the import code needs from the store beyond the public API: the
 * SQLite handle and error conversion. Internal to the library.
 */
#ifndef SRMGAP_STORE_INT_H
#define SRMGAP_STORE_INT_H

#include <sqlite3.h>

#include "srmgap/store.h"

sqlite3 *srmgap_store__db(srmgap_store *s);
int srmgap_store__in_tx(srmgap_store *s);

/* Record the database's current error message in `err`; returns SRMGAP_EDB. */
int srmgap_store__error(srmgap_store *s, srmgap_error *err, const char *what);

/*
 * The key of an answer row: assessment id * 2^20 + the question's place
 * in the snapshot (models have fewer than 2^20 questions).
 */
#define SRMGAP_ANSWER_ORD_BITS 20
#define SRMGAP_ANSWER_ORD_MASK ((1LL << SRMGAP_ANSWER_ORD_BITS) - 1)
#define SRMGAP_MAX_ASSESSMENT_ID ((1LL << (63 - SRMGAP_ANSWER_ORD_BITS)) - 1)
#define SRMGAP_ANSWER_KEY(assessment, ord) \
	(((long long)(assessment) << SRMGAP_ANSWER_ORD_BITS) | (long long)(ord))

/*
 * Store or replace an answer: ?1 key, ?2 assessment id, ?3 value,
 * ?4 evidence, ?5 note, ?6 batch, ?7 evidence date; ?8, ?9 and ?10 say
 * whether evidence, note and evidence date were given (when not, a
 * replaced answer keeps its own; new evidence without a date drops the
 * old evidence's date). Only a real change replaces, and so adds
 * history; storing a carried-over answer again confirms it.
 */
#define SRMGAP_INSERT_ANSWER_SQL \
	"INSERT INTO answers (id, assessment_id, value, evidence, note, " \
	"import_id, evidence_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
#define SRMGAP_UPSERT_ANSWER_SQL SRMGAP_INSERT_ANSWER_SQL " " \
	"ON CONFLICT (id) DO UPDATE SET value = excluded.value, " \
	"evidence = CASE WHEN ?8 THEN excluded.evidence ELSE evidence END, " \
	"note = CASE WHEN ?9 THEN excluded.note ELSE note END, " \
	"evidence_date = CASE WHEN ?10 THEN excluded.evidence_date " \
	"WHEN ?8 AND evidence IS NOT excluded.evidence THEN '' " \
	"ELSE evidence_date END, carried = 0, " \
	"import_id = excluded.import_id " \
	"WHERE value IS NOT excluded.value OR carried " \
	"OR (?8 AND evidence IS NOT excluded.evidence) " \
	"OR (?9 AND note IS NOT excluded.note) " \
	"OR (?10 AND evidence_date IS NOT excluded.evidence_date)"

/*
 * The model of snapshot `sid`, loaded once per store handle and kept
 * until srmgap_store_close(): borrowed, never freed by the caller.
 * SRMGAP_EDB when the snapshot is damaged (remembered, not read again).
 */
int srmgap_store__model(srmgap_store *s, long long sid,
	const srmgap_model **out, srmgap_error *err);

/* Record a new batch of answers (an import, a session); its id in *id. */
int srmgap_store__new_batch(srmgap_store *s, const char *source,
	long long *id, srmgap_error *err);

/*
 * Switch SQLite's per-row foreign key enforcement (outside transactions
 * only). Import uses it: it checks its references per assessment itself.
 */
int srmgap_store__foreign_keys(srmgap_store *s, int on, srmgap_error *err);

/*
 * The trail (trail.c). Append an event to the chain: `old_value` and
 * `new_value` are JSON texts or NULL. The hash goes to `hash` (65 bytes)
 * when not NULL. Runs inside the caller's transaction.
 */
int srmgap_store__event(srmgap_store *s, long long assessment_id,
	const char *assessment, const char *kind, const char *subject,
	const char *old_value, const char *new_value, char *hash,
	srmgap_error *err);

/*
 * Append one "answers" event for the answers of assessment `id` with keys
 * in [lo, hi] that batch `batch` (0: any) wrote, with what they replaced (from
 * the history; `replaced` 0 says the batch only inserted, which saves
 * looking). No event when the batch changed none of them.
 */
int srmgap_store__log_answers(srmgap_store *s, long long id,
	const char *assessment, long long batch, long long lo, long long hi,
	int replaced, srmgap_error *err);

/* The other events of the trail, each in the caller's transaction. */
/* A batch of answers (an import, a session): not of one assessment. */
int srmgap_store__log_batch(srmgap_store *s, long long batch,
	const char *source, srmgap_error *err);
int srmgap_store__log_created(srmgap_store *s, long long id,
	const char *name, const srmgap_model *m, const char *org,
	const char *assessor, const char *from, srmgap_error *err);
/* Reads the verdict being replaced: call before writing the new one. */
int srmgap_store__log_review(srmgap_store *s, long long id, const char *name,
	const char *control, const char *verdict, const char *comment,
	const char *auditor, const char *basis, srmgap_error *err);
/* The event's hash, the seal of the sign-off, goes to `seal`. */
int srmgap_store__log_signoff(srmgap_store *s, long long id, const char *name,
	const char *auditor, const char *statement, char seal[65],
	srmgap_error *err);
int srmgap_store__log_reopen(srmgap_store *s, long long id, const char *name,
	const char *reason, srmgap_error *err);

/* Who changes are recorded as: set by srmgap_store_set_actor(). */
const char *srmgap_store__actor(srmgap_store *s);

/* Write events for assessments that predate the trail (migration). */
int srmgap_store__baseline(srmgap_store *s, srmgap_error *err);

/* A cached prepared statement (store.c); hand back with __release(). */
int srmgap_store__prepare(srmgap_store *s, const char *sql,
	sqlite3_stmt **st, srmgap_error *err);
void srmgap_store__release(srmgap_store *s, sqlite3_stmt *st);

/*
 * The time of the open transaction (the same for every row and event it
 * writes), or of now outside one. Valid until the next call.
 */
const char *srmgap_store__time(srmgap_store *s);

/* Set the open transaction's time (the migration's baseline only). */
void srmgap_store__set_time(srmgap_store *s, const char *t);

/* UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void srmgap_store__now(char *buf);

#endif
