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
 * ?4 evidence, ?5 note, ?6 batch; ?7 and ?8 say whether evidence and
 * note were given (when not, a replaced answer keeps its own). Only a
 * real change replaces, and so adds history.
 */
#define SRMGAP_INSERT_ANSWER_SQL \
	"INSERT INTO answers (id, assessment_id, value, evidence, note, " \
	"import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
#define SRMGAP_UPSERT_ANSWER_SQL SRMGAP_INSERT_ANSWER_SQL " " \
	"ON CONFLICT (id) DO UPDATE SET value = excluded.value, " \
	"evidence = CASE WHEN ?7 THEN excluded.evidence ELSE evidence END, " \
	"note = CASE WHEN ?8 THEN excluded.note ELSE note END, " \
	"import_id = excluded.import_id " \
	"WHERE value IS NOT excluded.value " \
	"OR (?7 AND evidence IS NOT excluded.evidence) " \
	"OR (?8 AND note IS NOT excluded.note)"

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

/* UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void srmgap_store__now(char *buf);

#endif
