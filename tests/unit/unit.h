/*
 * Helpers the cmocka binaries share: a tolerant comparison for scores,
 * printing diagnostics when a check fails, the scratch folder and
 * database of a case (making, undoing a half-done setup, removing),
 * fixture files and catalog models, reading the database back with SQL,
 * capturing what a writer prints, and building a small model in memory
 * for the report tests. Included after <cmocka.h>; everything is static
 * inline so each binary takes only what it uses.
 */
#ifndef SRMGAP_TESTS_UNIT_H
#define SRMGAP_TESTS_UNIT_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "srmgap/catalog.h"
#include "srmgap/common.h"
#include "srmgap/store.h"
#include "model_int.h"
#include "store_int.h"
#include "util_int.h"

/*
 * cmocka 1.1's assert_float_equal compares as float; scores are doubles
 * and are compared to 1e-9 here.
 */
static inline void assert_near_(double got, double want, const char *expr,
	const char *file, int line)
{
	if (got - want > 1e-9 || want - got > 1e-9) {
		print_error("%s is %.17g, expected %.17g\n", expr, got, want);
		_fail(file, line);
	}
}
#define assert_near(got, want) \
	assert_near_((got), (want), #got, __FILE__, __LINE__)

/* Print every diagnostic, to explain a failed check. */
static inline void dump_diags(const srmgap_diags *d)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		print_error("diag %s: %s:%lu:%lu: %s\n",
			d->items[i].severity == SRMGAP_DIAG_ERROR ? "error" : "warning",
			d->items[i].path, d->items[i].line, d->items[i].column,
			d->items[i].msg);
}

/* Remove a scratch folder and the files in it (no subfolders). */
static inline void remove_dir(const char *dir)
{
	char path[512];
	struct dirent *de;
	DIR *dh = opendir(dir);

	for (;;) {
		de = dh != NULL ? readdir(dh) : NULL;
		if (de == NULL)
			break;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	if (dh != NULL)
		closedir(dh);
	rmdir(dir);
}

/* A copy of `s`; the test fails when memory runs out. */
static inline char *xdup(const char *s)
{
	char *p = strdup(s);

	assert_non_null(p);
	return p;
}

/* ---- scratch folder, fixture files, catalog models ---- */

/*
 * Make the scratch folder /tmp/srmgap-<name>-XXXXXX in `dir` and, unless
 * `db` is NULL, name the database <dir>/test.db in it. Returns 0, or -1
 * when mkdtemp fails.
 */
static inline int scratch_dir(char *dir, size_t dirsize, char *db,
	size_t dbsize, const char *name)
{
	snprintf(dir, dirsize, "/tmp/srmgap-%s-XXXXXX", name);
	if (mkdtemp(dir) == NULL)
		return -1;
	if (db != NULL)
		snprintf(db, dbsize, "%s/test.db", dir);
	return 0;
}

/*
 * Undo a setup that failed half-way: `teardown` copes with any state of
 * fixture `f` and frees it. Returns -1, what setup returns then.
 */
static inline int setup_undo(void **state, void *f,
	int (*teardown)(void **state))
{
	*state = f;
	teardown(state);
	*state = NULL;
	return -1;
}

/* Write `content` to file `path`. */
static inline void write_text(const char *path, const char *content)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_true(fputs(content, fp) >= 0);
	assert_int_equal(fclose(fp), 0);
}

/* Model `id` of the catalog in folder `dir` into *out (the caller's). */
static inline int load_model(srmgap_model **out, const char *dir,
	const char *id, srmgap_diags *d, srmgap_error *err)
{
	srmgap_catalog cat;
	int rc;

	srmgap_catalog_init(&cat);
	rc = srmgap_catalog_add(&cat, dir);
	if (rc == SRMGAP_OK)
		rc = srmgap_catalog_load(out, &cat, id, NULL, d, err);
	srmgap_catalog_release(&cat);
	return rc;
}

/* ---- the database read back ---- */

/* First column of the first row of `sql`, as an integer; -1 if no row. */
static inline long long sql_int(srmgap_store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(srmgap_store__db(s), sql, -1, &st,
		NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* First column of the first row of `sql`, as text into buf ("" if none). */
static inline const char *sql_text(srmgap_store *s, const char *sql,
	char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *t = NULL;

	assert_int_equal(sqlite3_prepare_v2(srmgap_store__db(s), sql, -1, &st,
		NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		t = sqlite3_column_text(st, 0);
	snprintf(buf, size, "%s", t != NULL ? (const char *)t : "");
	sqlite3_finalize(st);
	return buf;
}

static inline int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every row of every table (or of the tables named in `only`, a list
 * like ",answers,answer_history,"), as text: the table name, then the
 * row's columns; rows sorted, so the dump does not depend on the keys.
 * The caller frees it.
 */
static inline char *dump_tables(srmgap_store *s, const char *only)
{
	sqlite3 *db = srmgap_store__db(s);
	sqlite3_stmt *tables = NULL;
	srmgap_buf b;
	char **lines = NULL;
	size_t n = 0, cap = 0, i;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master "
		"WHERE type = 'table' ORDER BY name", -1, &tables, NULL), SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tables, 0);
		sqlite3_stmt *st = NULL;
		char sql[128];
		int k;

		snprintf(sql, sizeof(sql), ",%s,", t);
		if (only != NULL && strstr(only, sql) == NULL)
			continue;
		/* table names come from the schema itself, not from input */
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"", t);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			srmgap_buf line;

			srmgap_util__buf_init(&line);
			srmgap_util__buf_printf(&line, "%s", t);
			for (k = 0; k < sqlite3_column_count(st); k++) {
				const unsigned char *v = sqlite3_column_text(st, k);

				srmgap_util__buf_printf(&line, "\x1f%s",
					v ? (const char *)v : "NULL");
			}
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				lines = realloc(lines, cap * sizeof(*lines));
				assert_non_null(lines);
			}
			lines[n++] = srmgap_util__buf_detach(&line);
		}
		sqlite3_finalize(st);
	}
	sqlite3_finalize(tables);
	qsort(lines, n, sizeof(*lines), cmp_line);
	srmgap_util__buf_init(&b);
	srmgap_util__buf_puts(&b, "");
	for (i = 0; i < n; i++) {
		srmgap_util__buf_printf(&b, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	return srmgap_util__buf_detach(&b);
}

/* ---- output captured in memory ---- */

/* A memory stream being written, and what it held when closed. */
typedef struct unit_capture {
	FILE *fp;
	char *out;
	size_t outlen;
} unit_capture;

/* Start writing into a fresh memory stream (dropping any earlier one). */
static inline FILE *capture(unit_capture *c)
{
	if (c->fp != NULL)
		fclose(c->fp);
	free(c->out);
	c->out = NULL;
	c->outlen = 0;
	c->fp = open_memstream(&c->out, &c->outlen);
	assert_non_null(c->fp);
	return c->fp;
}

/* Close the stream; its text (c->outlen bytes) is in c->out. */
static inline const char *captured(unit_capture *c)
{
	assert_non_null(c->fp);
	assert_int_equal(fclose(c->fp), 0);
	c->fp = NULL;
	assert_non_null(c->out);
	return c->out;
}

static inline void capture_release(unit_capture *c)
{
	if (c->fp != NULL)
		fclose(c->fp);
	free(c->out);
	c->fp = NULL;
	c->out = NULL;
}

/* ---- a small model built in memory ---- */

typedef struct unit_area {
	const char *id, *name;
	const char *const *duties;     /* one per party */
} unit_area;

/* Rows in the order srmgap_model__*() takes them. */
typedef struct unit_model {
	const char *id, *title, *version;
	const char *const (*parties)[F_PARTY_N];
	size_t nparties;
	const unit_area *areas;
	size_t nareas;
	const char *const (*controls)[F_CTL_N];
	size_t ncontrols;
	const char *const (*questions)[F_Q_N];
	size_t nquestions;
} unit_model;

#define UNIT_N(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Build model `spec` into *m (rows from "mem.csv", problems into `d`,
 * which must hold none afterwards) and empty answers for it into *ans
 * (the caller releases both).
 */
static inline void model_build(srmgap_model **m, srmgap_diags *d,
	srmgap_answers *ans, const unit_model *spec)
{
	static const srmgap_src src = { "mem.csv", 1, NULL };
	size_t i;

	assert_int_equal(srmgap_model__new(m, spec->id, ""), SRMGAP_OK);
	srmgap_model__meta(*m, "title", spec->title, &src, d);
	srmgap_model__meta(*m, "version", spec->version, &src, d);
	for (i = 0; i < spec->nparties; i++)
		srmgap_model__party(*m, spec->parties[i], &src, d);
	for (i = 0; i < spec->nareas; i++)
		srmgap_model__area(*m, spec->areas[i].id, spec->areas[i].name,
			spec->areas[i].duties, &src, d);
	for (i = 0; i < spec->ncontrols; i++)
		srmgap_model__control(*m, spec->controls[i], &src, d);
	for (i = 0; i < spec->nquestions; i++)
		srmgap_model__question(*m, spec->questions[i], &src, d);
	assert_int_equal(srmgap_model__finish(*m, "mem", d, 0), SRMGAP_OK);
	if (d->errors != 0)
		dump_diags(d);
	assert_int_equal(d->errors, 0);
	assert_int_equal(srmgap_answers_init(ans, *m), SRMGAP_OK);
}

#endif
