/*
 * Importing answers from CSV: one assessment's answers, or many
 * assessments' in one file (bulk, with an `assessment` column). An import
 * is all or nothing: every row is checked, every problem is reported with
 * its line and column, and any error leaves the database exactly as it
 * was. The file is streamed, so memory does not grow with its size.
 */
#ifndef SRMGAP_IMPORT_H
#define SRMGAP_IMPORT_H

#include "common.h"
#include "model.h"
#include "store.h"

typedef struct srmgap_import_stats {
	size_t rows;        /* data rows read */
	size_t inserted;    /* answers new to the database */
	size_t replaced;    /* answers that changed (old ones kept in history) */
	size_t unchanged;   /* answers identical to what was stored */
	size_t empty;       /* rows with an empty answer (nothing stored) */
	size_t created;     /* assessments created (bulk) */
	size_t assessments; /* distinct assessments touched */
} srmgap_import_stats;

/*
 * Import `path` ("-" for standard input). With `assessment` set, every
 * row answers that assessment. With `assessment` NULL the file needs an
 * `assessment` column; names not in the database are created on `model`
 * (which may then not be NULL). Problems in the file go to `d` and make it
 * return SRMGAP_EINVALID with nothing written; `stats` may be NULL.
 */
int srmgap_import(srmgap_store *s, const char *path, const char *assessment,
	const srmgap_model *model, srmgap_diags *d, srmgap_import_stats *stats,
	srmgap_error *err);

#endif
