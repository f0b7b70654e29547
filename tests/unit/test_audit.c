/*
 * Unit tests for the auditor's side (src/lib/audit.c, and the verdict,
 * sign-off and carry-over parts of store.c and score.c): verdicts and
 * the verified score, sign-off freezing every write path and reopening,
 * taking verdicts back from a checklist CSV (all or nothing, every
 * problem with its file, line and column), starting an assessment from
 * an earlier one, the checklist itself, and the comparison of two
 * assessments. Every write path here leaves a trail that
 * srmgap_store_verify() accepts, and the rows it writes (created_at,
 * reviewed_at, signed_at, reopened_at and reopened_by, the batch of a
 * copy) carry what their trail events say.
 *
 * Each case gets a temporary folder with a database (actor "tester")
 * holding assessment "acme" on model demo of the unit catalog
 * (tests/fixtures/unit/catalog/good). Model demo has PHY-01 (provider),
 * IAM-01 (customer, critical, weight 4; IAM-01.1 yes/no and IAM-01.2,
 * optional, asked when IAM-01.1 is yes), IAM-02 (shared, weight 2.5;
 * IAM-02.1 all=1|admins=0.5|none=0) and LOG-01 (customer, medium, weight
 * 2; LOG-01.1 a date at most 31 days old, LOG-01.2 informational).
 * tests/fixtures/unit/audit/catalog holds the next version of demo (see
 * the README there). Scores are taken as of 2026-11-29.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "srmgap/audit.h"
#include "srmgap/catalog.h"
#include "srmgap/import.h"
#include "srmgap/score.h"
#include "srmgap/store.h"
#include "csv_int.h"
#include "store_int.h"
#include "util_int.h"
#include "unit.h"

#define FIX "../fixtures/unit/catalog"
#define AUDIT_FIX "../fixtures/unit/audit/catalog"
#define ASOF "2026-11-29"
#define MAXROWS 16
#define MAXCOLS 16

/* What srmgap_audit_view points to, for one loaded assessment. */
typedef struct loaded {
	srmgap_assessment *a;
	srmgap_model *m;
	srmgap_answers ans;
	srmgap_reviews rv;
	srmgap_result *r;
	srmgap_audit_view v;
} loaded;

/* A CSV file read back: rows[0] is the header. */
typedef struct table {
	char *cell[MAXROWS][MAXCOLS];
	size_t ncols[MAXROWS];
	unsigned long line[MAXROWS];
	size_t nrows;
} table;

typedef struct fixture {
	char dir[64];
	char db[128];
	char path[160];          /* last file written */
	srmgap_store *s;
	srmgap_model *demo, *next;
	long long acme;
	long asof;
	srmgap_diags d;
	srmgap_error err;
	srmgap_import_stats ist;
	srmgap_review_stats rst;
	loaded l[2];
	table t;
	char *before, *after;    /* database dumps */
	unit_capture cap;        /* text written by the code under test */
	char text[256];          /* text() */
	srmgap_verify_result vr;
} fixture;

static int teardown(void **state);

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	int rc;

	if (f == NULL)
		return -1;
	if (scratch_dir(f->dir, sizeof(f->dir), f->db, sizeof(f->db),
		"audit") != 0) {
		free(f);
		return -1;
	}
	srmgap_diags_init(&f->d);
	if (srmgap_util__parse_date(ASOF, &f->asof) != 0)
		return setup_undo(state, f, teardown);
	rc = load_model(&f->demo, FIX "/good", "demo", &f->d, &f->err);
	if (rc == SRMGAP_OK)
		rc = load_model(&f->next, AUDIT_FIX, "demo", &f->d, &f->err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_open(&f->s, f->db, &f->err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_set_actor(f->s, "tester", &f->err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_create(&f->acme, f->s, "acme", f->demo,
			"Acme Corp", "Bob", &f->err);
	if (rc != SRMGAP_OK) {
		fprintf(stderr, "setup: %s\n", f->err.msg);
		dump_diags(&f->d);
		return setup_undo(state, f, teardown);
	}
	srmgap_diags_release(&f->d);
	srmgap_diags_init(&f->d);
	*state = f;
	return 0;
}

static void unload(loaded *l)
{
	srmgap_result_free(l->r);
	srmgap_reviews_release(&l->rv);
	srmgap_answers_release(&l->ans);
	srmgap_model_free(l->m);
	srmgap_assessment_free(l->a);
	memset(l, 0, sizeof(*l));
}

static void table_free(table *t)
{
	size_t i, k;

	for (i = 0; i < t->nrows; i++)
		for (k = 0; k < t->ncols[i]; k++)
			free(t->cell[i][k]);
	memset(t, 0, sizeof(*t));
}

static int teardown(void **state)
{
	fixture *f = *state;

	unload(&f->l[0]);
	unload(&f->l[1]);
	table_free(&f->t);
	srmgap_store_close(f->s);
	srmgap_model_free(f->demo);
	srmgap_model_free(f->next);
	srmgap_diags_release(&f->d);
	free(f->before);
	free(f->after);
	capture_release(&f->cap);
	remove_dir(f->dir);
	free(f);
	return 0;
}

/*
 * Assessment `name` with its model, answers, reviews and score as of
 * ASOF into f->l[k], and the audit view over them.
 */
static srmgap_audit_view *load(fixture *f, int k, const char *name)
{
	loaded *l = &f->l[k];

	unload(l);
	assert_int_equal(srmgap_store_get(&l->a, f->s, name, &f->err), SRMGAP_OK);
	assert_int_equal(srmgap_store_load_model(&l->m, f->s, l->a->snapshot_id,
		&f->err), SRMGAP_OK);
	assert_int_equal(srmgap_store_load_answers(&l->ans, f->s, l->a->id, l->m,
		&f->err), SRMGAP_OK);
	assert_int_equal(srmgap_store_load_reviews(&l->rv, f->s, l->a->id, l->m,
		&f->err), SRMGAP_OK);
	assert_int_equal(srmgap_score(&l->r, l->m, &l->ans, &l->rv, f->asof),
		SRMGAP_OK);
	l->v.a = l->a;
	l->v.m = l->m;
	l->v.ans = &l->ans;
	l->v.rv = &l->rv;
	l->v.r = l->r;
	return &l->v;
}

/* The result of control `cid` in f->l[k]. */
static const srmgap_control_result *CR(fixture *f, int k, const char *cid)
{
	long ix = srmgap_model_control(f->l[k].m, cid);

	assert_true(ix >= 0);
	return &f->l[k].r->controls[ix];
}

static const srmgap_area_result *AR(fixture *f, int k, const char *aid)
{
	long ix = srmgap_model_area(f->l[k].m, aid);

	assert_true(ix >= 0);
	return &f->l[k].r->areas[ix];
}

/* The first column of the first row of `sql` as text, in f->text. */
static const char *text(fixture *f, const char *sql)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *t = NULL;

	assert_int_equal(sqlite3_prepare_v2(srmgap_store__db(f->s), sql, -1, &st,
		NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		t = sqlite3_column_text(st, 0);
	if (t == NULL)
		print_error("no text from '%s'\n", sql);
	assert_non_null(t);
	snprintf(f->text, sizeof(f->text), "%s", (const char *)t);
	sqlite3_finalize(st);
	return f->text;
}

/* The whole trail checks out and replays to the database (f->vr). */
static void verify_ok(fixture *f)
{
	int rc = srmgap_store_verify(&f->vr, f->s, NULL, &f->err);

	if (rc != SRMGAP_OK)
		print_error("verify: %s (event %lld) %s\n", f->vr.problem,
			f->vr.bad_event, f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
	assert_string_equal(f->vr.problem, "");
	assert_int_equal(f->vr.bad_event, 0);
	assert_int_equal(f->vr.events, sql_int(f->s, "SELECT count(*) FROM events"));
	assert_int_equal(f->vr.assessments,
		sql_int(f->s, "SELECT count(*) FROM assessments"));
}

/* Every row of every table as text, sorted. */
static char *dump_db(fixture *f)
{
	return dump_tables(f->s, NULL);
}

static void snapshot_db(fixture *f)
{
	free(f->before);
	f->before = dump_db(f);
}

static void assert_db_unchanged(fixture *f)
{
	free(f->after);
	f->after = dump_db(f);
	assert_string_equal(f->after, f->before);
	assert_false(srmgap_store__in_tx(f->s));
}

/* Write `content` to <dir>/<name>; f->path names it. */
static const char *write_file(fixture *f, const char *name, const char *content)
{
	snprintf(f->path, sizeof(f->path), "%s/%s", f->dir, name);
	write_text(f->path, content);
	return f->path;
}

static long long create(fixture *f, const char *name, const srmgap_model *m)
{
	long long id = 0;
	int rc = srmgap_store_create(&id, f->s, name, m, "Acme Corp", NULL,
		&f->err);

	if (rc != SRMGAP_OK)
		print_error("create '%s': %s\n", name, f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
	return id;
}

static int put(fixture *f, long long id, const srmgap_model *m,
	const char *qid, const char *value, const char *evidence,
	const char *edate)
{
	long ix = srmgap_model_question(m, qid);
	srmgap_answer_input in = { value, evidence, edate, NULL };

	assert_true(ix >= 0);
	srmgap_error_clear(&f->err);
	return srmgap_store_put_answer(f->s, id, m, (size_t)ix, &in, "run",
		&f->err);
}

static void put_ok(fixture *f, long long id, const srmgap_model *m,
	const char *qid, const char *value)
{
	int rc = put(f, id, m, qid, value, NULL, NULL);

	if (rc != SRMGAP_OK)
		print_error("put %s: %s\n", qid, f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
}

static int review(fixture *f, long long id, const char *cid, srmgap_verdict v,
	const char *comment, const char *auditor)
{
	long ix = srmgap_model_control(f->demo, cid);

	assert_true(ix >= 0);
	srmgap_error_clear(&f->err);
	return srmgap_store_put_review(f->s, id, f->demo, (size_t)ix, v, comment,
		auditor, &f->err);
}

static void review_ok(fixture *f, long long id, const char *cid,
	srmgap_verdict v, const char *comment)
{
	int rc = review(f, id, cid, v, comment, NULL);

	if (rc != SRMGAP_OK)
		print_error("review %s: %s\n", cid, f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
}

/*
 * acme answered: IAM-01 met (1), IAM-02 partial (admins, 0.5), LOG-01 met
 * (reviewed 9 days before ASOF), with evidence on IAM-01.1 and LOG-01.1.
 * Self-assessed overall: (4*1 + 2.5*0.5 + 2*1) / 8.5 = 7.25 / 8.5.
 */
static void answer_acme(fixture *f)
{
	assert_int_equal(put(f, f->acme, f->demo, "IAM-01.1", "yes",
		"SSO policy", "2026-11-01"), SRMGAP_OK);
	put_ok(f, f->acme, f->demo, "IAM-02.1", "admins");
	assert_int_equal(put(f, f->acme, f->demo, "LOG-01.1", "2026-11-20",
		"ticket-7", ""), SRMGAP_OK);
}

static int review_import(fixture *f, srmgap_assessment *a,
	const srmgap_model *m, const char *auditor)
{
	srmgap_diags_release(&f->d);
	srmgap_diags_init(&f->d);
	srmgap_error_clear(&f->err);
	memset(&f->rst, 0xff, sizeof(f->rst));
	return srmgap_review_import(f->s, f->path, a, m, auditor, &f->d, &f->rst,
		&f->err);
}

static void review_import_ok(fixture *f, srmgap_assessment *a,
	const srmgap_model *m, const char *auditor)
{
	int rc = review_import(f, a, m, auditor);

	if (rc != SRMGAP_OK || f->d.errors != 0) {
		print_error("review import: %s\n", f->err.msg);
		dump_diags(&f->d);
	}
	assert_int_equal(rc, SRMGAP_OK);
	assert_int_equal(f->d.errors, 0);
}

/* A diagnostic of `severity` containing `part` at line:col of f->path. */
static void assert_diag(fixture *f, int severity, const char *part,
	unsigned long line, unsigned long col)
{
	size_t i;
	int found = 0;

	for (i = 0; i < f->d.count; i++) {
		const srmgap_diag *g = &f->d.items[i];

		if (g->severity == severity && strstr(g->msg, part) != NULL &&
		    g->line == line && g->column == col &&
		    strcmp(g->path, f->path) == 0)
			found = 1;
	}
	if (!found) {
		print_error("no %s '%s' at %s:%lu:%lu\n", severity ==
			SRMGAP_DIAG_ERROR ? "error" : "warning", part, f->path, line, col);
		dump_diags(&f->d);
	}
	assert_true(found);
}

/*
 * Review-import f->path into acme expecting it refused: EINVALID, the
 * error message, an error containing `part` at line:col, and the database
 * row for row as it was.
 */
static void review_rejected(fixture *f, const char *part, unsigned long line,
	unsigned long col)
{
	char msg[300];

	load(f, 0, "acme");
	snapshot_db(f);
	assert_int_equal(review_import(f, f->l[0].a, f->l[0].m, "Carol"),
		SRMGAP_EINVALID);
	snprintf(msg, sizeof(msg), "'%s' rejected: no verdict was recorded",
		f->path);
	assert_string_equal(f->err.msg, msg);
	assert_diag(f, SRMGAP_DIAG_ERROR, part, line, col);
	assert_db_unchanged(f);
}

static void signoff_acme(fixture *f)
{
	int rc = srmgap_store_signoff(f->s, f->acme, "Carol", "All checked",
		&f->err);

	if (rc != SRMGAP_OK)
		print_error("signoff: %s\n", f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
}

/* The text `fn` writes to a memory stream, in f->cap.out. */
static const char *capture_checklist(fixture *f, const srmgap_audit_view *v,
	int format)
{
	assert_int_equal(srmgap_checklist_write(capture(&f->cap), v,
		format), SRMGAP_OK);
	return captured(&f->cap);
}

static const char *capture_diff(fixture *f, const srmgap_audit_view *o,
	const srmgap_audit_view *n, int format)
{
	assert_int_equal(srmgap_diff_write(capture(&f->cap), o, n,
		format), SRMGAP_OK);
	return captured(&f->cap);
}

static int table_row(const srmgap_csv_row *row, void *ctx)
{
	table *t = ctx;
	size_t k;

	if (t->nrows >= MAXROWS || row->nfields > MAXCOLS)
		return SRMGAP_ERROR;
	t->line[t->nrows] = row->line;
	t->ncols[t->nrows] = row->nfields;
	for (k = 0; k < row->nfields; k++)
		t->cell[t->nrows][k] = srmgap_util__strdup(row->fields[k]);
	t->nrows++;
	return SRMGAP_OK;
}

/* Read the CSV file at f->path into f->t. */
static void read_table(fixture *f)
{
	table_free(&f->t);
	assert_int_equal(srmgap_csv__parse_file(f->path, table_row, &f->t,
		&f->err), SRMGAP_OK);
}

/* Write f->t back to f->path as CSV. */
static void write_table(fixture *f)
{
	FILE *fp = fopen(f->path, "w");
	size_t i, k;

	assert_non_null(fp);
	for (i = 0; i < f->t.nrows; i++) {
		for (k = 0; k < f->t.ncols[i]; k++) {
			if (k)
				fputc(',', fp);
			srmgap_csv__write_field(fp, f->t.cell[i][k]);
		}
		fputs("\r\n", fp);
	}
	assert_int_equal(fclose(fp), 0);
}

/* Column `name` of the header of f->t. */
static size_t col_of(fixture *f, const char *name)
{
	size_t k;

	for (k = 0; k < f->t.ncols[0]; k++) {
		if (strcmp(f->t.cell[0][k], name) == 0)
			return k;
	}
	fail_msg("no column '%s'", name);
	return 0;
}

/* Write the CSV checklist of f->l[0] to <dir>/<name> (f->path). */
static void checklist_file(fixture *f, const char *name)
{
	FILE *fp;

	snprintf(f->path, sizeof(f->path), "%s/%s", f->dir, name);
	fp = fopen(f->path, "w");
	assert_non_null(fp);
	assert_int_equal(srmgap_checklist_write(fp, &f->l[0].v,
		SRMGAP_CHECKLIST_CSV), SRMGAP_OK);
	assert_int_equal(fclose(fp), 0);
}

/* Verdicts and the verified score ------------------------------------ */

static void test_audit_verdict_names(void **state)
{
	srmgap_verdict v = SRMGAP_VERDICT_NONE;

	(void)state;
	assert_string_equal(srmgap_verdict_name(SRMGAP_VERDICT_NONE),
		"unreviewed");
	assert_string_equal(srmgap_verdict_name(SRMGAP_VERDICT_VERIFIED),
		"verified");
	assert_string_equal(srmgap_verdict_name(SRMGAP_VERDICT_NOT_VERIFIED),
		"not-verified");
	assert_string_equal(srmgap_verdict_name(SRMGAP_VERDICT_NEEDS_EVIDENCE),
		"needs-evidence");
	assert_int_equal(srmgap_verdict_parse(&v, "needs-evidence"), SRMGAP_OK);
	assert_int_equal(v, SRMGAP_VERDICT_NEEDS_EVIDENCE);
	assert_int_equal(srmgap_verdict_parse(&v, "not-verified"), SRMGAP_OK);
	assert_int_equal(v, SRMGAP_VERDICT_NOT_VERIFIED);
	assert_int_equal(srmgap_verdict_parse(&v, "unreviewed"), SRMGAP_EINVALID);
	assert_int_equal(srmgap_verdict_parse(&v, "Verified"), SRMGAP_OK);
	assert_int_equal(v, SRMGAP_VERDICT_VERIFIED);
	assert_int_equal(srmgap_verdict_parse(&v, ""), SRMGAP_EINVALID);
	assert_string_equal(srmgap_status_name(SRMGAP_UNREVIEWED), "unreviewed");
}

static void test_audit_put_review_stores_each_verdict(void **state)
{
	fixture *f = *state;

	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED, "saw the IdP");
	review_ok(f, f->acme, "IAM-02", SRMGAP_VERDICT_NOT_VERIFIED, NULL);
	assert_int_equal(review(f, f->acme, "LOG-01",
		SRMGAP_VERDICT_NEEDS_EVIDENCE, "", "Dana"), SRMGAP_OK);
	load(f, 0, "acme");
	assert_int_equal(f->l[0].rv.reviewed, 3);
	assert_int_equal(f->l[0].rv.items[1].verdict, SRMGAP_VERDICT_VERIFIED);
	assert_string_equal(f->l[0].rv.items[1].comment, "saw the IdP");
	assert_string_equal(f->l[0].rv.items[1].auditor, "tester");
	assert_int_equal(strlen(f->l[0].rv.items[1].reviewed_at), 20);
	assert_int_equal(f->l[0].rv.items[2].verdict,
		SRMGAP_VERDICT_NOT_VERIFIED);
	assert_string_equal(f->l[0].rv.items[2].comment, "");
	assert_int_equal(f->l[0].rv.items[3].verdict,
		SRMGAP_VERDICT_NEEDS_EVIDENCE);
	assert_string_equal(f->l[0].rv.items[3].auditor, "Dana");
	assert_int_equal(f->l[0].rv.items[0].verdict, SRMGAP_VERDICT_NONE);
	/* a changed verdict replaces the old one */
	review_ok(f, f->acme, "IAM-02", SRMGAP_VERDICT_VERIFIED, "now fine");
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews"), 3);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews WHERE control = "
		"'IAM-02' AND verdict = 'verified' AND comment = 'now fine'"), 1);
	/* each row carries the time of its newest verdict event */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews r WHERE "
		"reviewed_at = (SELECT at FROM events e WHERE e.kind = 'verdict' "
		"AND e.subject = r.control ORDER BY e.id DESC LIMIT 1)"), 3);
	/* verdicts are no answers: no batch */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports"), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events WHERE kind = "
		"'batch'"), 0);
	verify_ok(f);
}

static void test_audit_put_review_invalid(void **state)
{
	fixture *f = *state;
	char big[5000];

	assert_int_equal(review(f, f->acme, "IAM-01", SRMGAP_VERDICT_NONE, NULL,
		NULL), SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg, "invalid review");
	assert_int_equal(srmgap_store_put_review(f->s, f->acme, f->demo,
		f->demo->ncontrols, SRMGAP_VERDICT_VERIFIED, NULL, NULL, &f->err),
		SRMGAP_EUSAGE);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(review(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED,
		big, NULL), SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg,
		"invalid comment: longer than 4096 bytes");
	assert_int_equal(review(f, 999, "IAM-01", SRMGAP_VERDICT_VERIFIED, NULL,
		NULL), SRMGAP_ENOTFOUND);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews"), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events"), 1);
}

static void test_audit_verified_score(void **state)
{
	fixture *f = *state;
	srmgap_result *r;

	answer_acme(f);
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED, NULL);
	review_ok(f, f->acme, "IAM-02", SRMGAP_VERDICT_VERIFIED, NULL);
	review_ok(f, f->acme, "LOG-01", SRMGAP_VERDICT_NOT_VERIFIED, "stale");
	load(f, 0, "acme");
	r = f->l[0].r;
	/* the self-assessed score does not move */
	assert_near(r->overall, 7.25 / 8.5);
	assert_int_equal(CR(f, 0, "IAM-01")->status, SRMGAP_MET);
	assert_int_equal(CR(f, 0, "IAM-02")->status, SRMGAP_PARTIAL);
	assert_int_equal(CR(f, 0, "LOG-01")->status, SRMGAP_MET);
	/* verified: the self score; partial stays partial at 0.5 */
	assert_int_equal(CR(f, 0, "IAM-01")->verdict, SRMGAP_VERDICT_VERIFIED);
	assert_int_equal(CR(f, 0, "IAM-01")->verified_status, SRMGAP_MET);
	assert_near(CR(f, 0, "IAM-01")->verified_score, 1);
	assert_int_equal(CR(f, 0, "IAM-02")->verified_status, SRMGAP_PARTIAL);
	assert_near(CR(f, 0, "IAM-02")->verified_score, 0.5);
	/* not verified: not met */
	assert_int_equal(CR(f, 0, "LOG-01")->verdict,
		SRMGAP_VERDICT_NOT_VERIFIED);
	assert_int_equal(CR(f, 0, "LOG-01")->verified_status, SRMGAP_NOT_MET);
	assert_near(CR(f, 0, "LOG-01")->verified_score, 0);
	/* (4*1 + 2.5*0.5 + 2*0) / 8.5; iam (4 + 1.25) / 6.5; logging 0 */
	assert_near(r->verified_overall, 5.25 / 8.5);
	assert_near(AR(f, 0, "iam")->score, 5.25 / 6.5);
	assert_near(AR(f, 0, "iam")->verified_score, 5.25 / 6.5);
	assert_near(AR(f, 0, "logging")->score, 1);
	assert_near(AR(f, 0, "logging")->verified_score, 0);
	assert_false(AR(f, 0, "physical")->scored);
	assert_near(AR(f, 0, "physical")->verified_score, 0);
	assert_int_equal(r->reviewed, 3);
	assert_int_equal(r->applicable, 3);
	/* the gap list is the self-assessed one */
	assert_int_equal(r->ngaps, 1);
}

static void test_audit_needs_evidence_counts_as_not_met(void **state)
{
	fixture *f = *state;

	answer_acme(f);
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_NEEDS_EVIDENCE, NULL);
	review_ok(f, f->acme, "IAM-02", SRMGAP_VERDICT_NOT_VERIFIED, NULL);
	review_ok(f, f->acme, "LOG-01", SRMGAP_VERDICT_VERIFIED, NULL);
	load(f, 0, "acme");
	assert_int_equal(CR(f, 0, "IAM-01")->verified_status, SRMGAP_NOT_MET);
	assert_near(CR(f, 0, "IAM-01")->verified_score, 0);
	assert_int_equal(CR(f, 0, "IAM-02")->verified_status, SRMGAP_NOT_MET);
	assert_near(CR(f, 0, "IAM-02")->verified_score, 0);
	assert_int_equal(CR(f, 0, "LOG-01")->verified_status, SRMGAP_MET);
	/* only LOG-01 counts: 2 / 8.5 */
	assert_near(f->l[0].r->verified_overall, 2 / 8.5);
	assert_near(AR(f, 0, "iam")->verified_score, 0);
	assert_near(AR(f, 0, "logging")->verified_score, 1);
	assert_int_equal(f->l[0].r->reviewed, 3);
}

static void test_audit_unreviewed_controls(void **state)
{
	fixture *f = *state;
	srmgap_result *r = NULL;

	answer_acme(f);
	load(f, 0, "acme");
	assert_int_equal(f->l[0].rv.reviewed, 0);
	assert_int_equal(CR(f, 0, "IAM-01")->verdict, SRMGAP_VERDICT_NONE);
	assert_int_equal(CR(f, 0, "IAM-01")->verified_status, SRMGAP_UNREVIEWED);
	assert_int_equal(CR(f, 0, "IAM-02")->verified_status, SRMGAP_UNREVIEWED);
	assert_int_equal(CR(f, 0, "LOG-01")->verified_status, SRMGAP_UNREVIEWED);
	assert_near(CR(f, 0, "IAM-01")->verified_score, 0);
	assert_near(f->l[0].r->verified_overall, 0);
	assert_near(f->l[0].r->overall, 7.25 / 8.5);
	assert_int_equal(f->l[0].r->reviewed, 0);
	assert_int_equal(f->l[0].r->applicable, 3);
	/* one verdict: that control counts, the others do not */
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED, NULL);
	load(f, 0, "acme");
	assert_near(f->l[0].r->verified_overall, 4 / 8.5);
	assert_int_equal(CR(f, 0, "IAM-02")->verified_status, SRMGAP_UNREVIEWED);
	assert_int_equal(f->l[0].r->reviewed, 1);
	/* no reviews at all (NULL): the same as none recorded */
	assert_int_equal(srmgap_score(&r, f->l[0].m, &f->l[0].ans, NULL,
		f->asof), SRMGAP_OK);
	assert_int_equal(r->controls[1].verified_status, SRMGAP_UNREVIEWED);
	assert_near(r->verified_overall, 0);
	assert_int_equal(r->reviewed, 0);
	srmgap_result_free(r);
}

static void test_audit_na_and_provider_controls_untouched(void **state)
{
	fixture *f = *state;
	long phy = srmgap_model_control(f->demo, "PHY-01");
	srmgap_result *r = NULL;

	/* IAM-01.1 na (IAM-01.2 then not asked): IAM-01 is not applicable */
	put_ok(f, f->acme, f->demo, "IAM-01.1", "na");
	put_ok(f, f->acme, f->demo, "IAM-02.1", "all");
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_NOT_VERIFIED, NULL);
	review_ok(f, f->acme, "IAM-02", SRMGAP_VERDICT_VERIFIED, NULL);
	load(f, 0, "acme");
	assert_int_equal(CR(f, 0, "IAM-01")->status, SRMGAP_NOT_APPLICABLE);
	assert_int_equal(CR(f, 0, "IAM-01")->verified_status,
		SRMGAP_NOT_APPLICABLE);
	assert_near(CR(f, 0, "IAM-01")->verified_score, 0);
	assert_int_equal(CR(f, 0, "PHY-01")->verified_status, SRMGAP_INHERITED);
	/* IAM-02 met and verified; LOG-01 unanswered, unreviewed */
	assert_int_equal(f->l[0].r->applicable, 2);
	assert_int_equal(f->l[0].r->reviewed, 1);
	assert_near(f->l[0].r->verified_overall, 2.5 / 4.5);
	assert_near(AR(f, 0, "iam")->verified_score, 1);
	/* a verdict on a provider control (if one got in) changes nothing */
	assert_true(phy >= 0);
	f->l[0].rv.items[phy].verdict = SRMGAP_VERDICT_VERIFIED;
	assert_int_equal(srmgap_score(&r, f->l[0].m, &f->l[0].ans, &f->l[0].rv,
		f->asof), SRMGAP_OK);
	assert_int_equal(r->controls[phy].status, SRMGAP_INHERITED);
	assert_int_equal(r->controls[phy].verified_status, SRMGAP_INHERITED);
	assert_near(r->controls[phy].verified_score, 0);
	assert_int_equal(r->reviewed, 1);
	assert_int_equal(r->applicable, 2);
	assert_near(r->verified_overall, 2.5 / 4.5);
	assert_false(r->areas[srmgap_model_area(f->demo, "physical")].scored);
	srmgap_result_free(r);
}

static void test_audit_review_import_refuses_provider_control(void **state)
{
	fixture *f = *state;

	write_file(f, "verdicts.csv", "control,verdict,comment\n"
		"IAM-01,verified,ok\n"
		"PHY-01,verified,the data centre report\n");
	review_rejected(f, "control 'PHY-01' belongs to the provider: it takes "
		"no verdict", 3, 1);
	assert_int_equal(f->d.errors, 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews"), 0);
}

/* Sign-off ------------------------------------------------------------ */

/* acme answered, one verdict, signed off by Carol; the dump taken. */
static void frozen_acme(fixture *f)
{
	answer_acme(f);
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED, NULL);
	signoff_acme(f);
	snapshot_db(f);
}

static void assert_frozen_msg(fixture *f)
{
	if (strstr(f->err.msg, "assessment 'acme' was signed off by Carol at ")
	    == NULL)
		print_error("message: '%s'\n", f->err.msg);
	assert_non_null(strstr(f->err.msg,
		"assessment 'acme' was signed off by Carol at "));
	assert_non_null(strstr(f->err.msg, "it cannot change until 'srmgap "
		"reopen' (with a reason)"));
}

static void test_audit_signoff_records(void **state)
{
	fixture *f = *state;

	answer_acme(f);
	signoff_acme(f);
	load(f, 0, "acme");
	assert_string_equal(f->l[0].a->signed_by, "Carol");
	assert_string_equal(f->l[0].a->statement, "All checked");
	assert_int_equal(strlen(f->l[0].a->signed_at), 20);
	assert_int_equal(strlen(f->l[0].a->seal), 64);
	/* the seal is the sign-off event's hash; the time, its time */
	assert_string_equal(f->l[0].a->seal, text(f, "SELECT hash FROM events "
		"WHERE kind = 'signoff'"));
	assert_string_equal(f->l[0].a->signed_at, text(f, "SELECT at FROM "
		"events WHERE kind = 'signoff'"));
	assert_int_equal(srmgap_store_writable(f->s, f->acme, "acme", &f->err),
		SRMGAP_EFROZEN);
	assert_frozen_msg(f);
	verify_ok(f);
}

static void test_audit_signoff_freezes_put_answer(void **state)
{
	fixture *f = *state;

	frozen_acme(f);
	assert_int_equal(put(f, f->acme, f->demo, "IAM-02.1", "all", NULL, NULL),
		SRMGAP_EFROZEN);
	assert_frozen_msg(f);
	/* the same value again is refused as well */
	assert_int_equal(put(f, f->acme, f->demo, "IAM-02.1", "admins", NULL,
		NULL), SRMGAP_EFROZEN);
	assert_db_unchanged(f);
}

static void test_audit_signoff_freezes_put_review(void **state)
{
	fixture *f = *state;

	frozen_acme(f);
	assert_int_equal(review(f, f->acme, "IAM-02", SRMGAP_VERDICT_VERIFIED,
		NULL, NULL), SRMGAP_EFROZEN);
	assert_frozen_msg(f);
	assert_int_equal(review(f, f->acme, "IAM-01",
		SRMGAP_VERDICT_NOT_VERIFIED, NULL, NULL), SRMGAP_EFROZEN);
	assert_db_unchanged(f);
}

/* An import refused because acme is signed off: the code and message. */
static void assert_import_frozen(fixture *f, int rc, unsigned long line,
	unsigned long col)
{
	if (rc == SRMGAP_EFROZEN) {
		assert_frozen_msg(f);
		return;
	}
	assert_int_equal(rc, SRMGAP_EINVALID);
	assert_diag(f, SRMGAP_DIAG_ERROR, "assessment 'acme' was signed off by "
		"Carol at ", line, col);
}

static void test_audit_signoff_freezes_import(void **state)
{
	fixture *f = *state;
	int rc;

	frozen_acme(f);
	write_file(f, "answers.csv", "question,answer\n"
		"IAM-02.1,all\n"
		"LOG-01.2,ops@example.com\n");
	rc = srmgap_import(f->s, f->path, "acme", NULL, &f->d, &f->ist, &f->err);
	assert_import_frozen(f, rc, 0, 0);
	assert_db_unchanged(f);
}

static void test_audit_signoff_freezes_bulk_import(void **state)
{
	fixture *f = *state;
	int rc;

	frozen_acme(f);
	write_file(f, "bulk.csv", "assessment,question,answer\n"
		"newco,IAM-01.1,yes\n"
		"acme,IAM-02.1,all\n");
	rc = srmgap_import(f->s, f->path, NULL, f->demo, &f->d, &f->ist,
		&f->err);
	assert_import_frozen(f, rc, 3, 1);
	/* newco, created on the way, is gone with the rest */
	assert_db_unchanged(f);
}

static void test_audit_signoff_freezes_review_import(void **state)
{
	fixture *f = *state;

	frozen_acme(f);
	write_file(f, "verdicts.csv", "control,verdict\n"
		"IAM-02,verified\n");
	load(f, 0, "acme");
	assert_int_equal(review_import(f, f->l[0].a, f->l[0].m, "Carol"),
		SRMGAP_EFROZEN);
	assert_frozen_msg(f);
	assert_db_unchanged(f);
}

static void test_audit_signoff_twice_refused(void **state)
{
	fixture *f = *state;

	frozen_acme(f);
	assert_int_equal(srmgap_store_signoff(f->s, f->acme, "Dana", NULL,
		&f->err), SRMGAP_EFROZEN);
	assert_frozen_msg(f);
	assert_db_unchanged(f);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs"), 1);
}

static void test_audit_signoff_needs_auditor(void **state)
{
	fixture *f = *state;

	snapshot_db(f);
	assert_int_equal(srmgap_store_signoff(f->s, f->acme, "", NULL, &f->err),
		SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg, "a sign-off needs the auditor's name");
	assert_int_equal(srmgap_store_signoff(f->s, f->acme, NULL, NULL,
		&f->err), SRMGAP_EUSAGE);
	assert_int_equal(srmgap_store_signoff(f->s, f->acme, "Ca\nrol", NULL,
		&f->err), SRMGAP_EUSAGE);
	assert_db_unchanged(f);
}

static void test_audit_reopen_unfreezes(void **state)
{
	fixture *f = *state;

	frozen_acme(f);
	assert_int_equal(srmgap_store_set_actor(f->s, "dana", &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, "Missed LOG-01",
		&f->err), SRMGAP_OK);
	/* who reopened, when and why: the reopen event's actor, time, reason */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs g JOIN events e "
		"ON e.kind = 'reopen' AND e.assessment_id = g.assessment_id "
		"WHERE g.reopened_by = 'dana' AND e.actor = 'dana' AND "
		"g.reopened_at = e.at AND g.reason = 'Missed LOG-01' AND "
		"json_extract(e.new, '$.reason') = g.reason"), 1);
	verify_ok(f);
	load(f, 0, "acme");
	assert_null(f->l[0].a->signed_by);
	assert_null(f->l[0].a->seal);
	assert_int_equal(srmgap_store_writable(f->s, f->acme, "acme", &f->err),
		SRMGAP_OK);
	put_ok(f, f->acme, f->demo, "IAM-02.1", "all");
	review_ok(f, f->acme, "LOG-01", SRMGAP_VERDICT_NEEDS_EVIDENCE, NULL);
	write_file(f, "verdicts.csv", "control,verdict\nIAM-02,verified\n");
	load(f, 0, "acme");
	review_import_ok(f, f->l[0].a, f->l[0].m, NULL);
	assert_int_equal(f->rst.recorded, 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews"), 3);
	/* and it can be signed off again */
	signoff_acme(f);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs"), 2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs WHERE "
		"reopened_at IS NULL"), 1);
	/* every sign-off, the old one too, against its own event */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs g JOIN events e "
		"ON e.hash = g.seal WHERE e.kind = 'signoff' AND "
		"e.at = g.signed_at"), 2);
	verify_ok(f);
}

static void test_audit_reopen_open_assessment_refused(void **state)
{
	fixture *f = *state;

	snapshot_db(f);
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, "why not",
		&f->err), SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg, "assessment 'acme' is not signed off");
	assert_db_unchanged(f);
	/* reopened once, it is open: a second reopen is refused too */
	frozen_acme(f);
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, "fix", &f->err),
		SRMGAP_OK);
	snapshot_db(f);
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, "fix", &f->err),
		SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg, "assessment 'acme' is not signed off");
	assert_db_unchanged(f);
}

static void test_audit_reopen_needs_reason(void **state)
{
	fixture *f = *state;

	frozen_acme(f);
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, NULL, &f->err),
		SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg, "reopening needs a reason");
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, "", &f->err),
		SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg, "reopening needs a reason");
	assert_db_unchanged(f);
	assert_int_equal(srmgap_store_writable(f->s, f->acme, "acme", &f->err),
		SRMGAP_EFROZEN);
}

/* Review import -------------------------------------------------------- */

static void test_audit_review_import_records_verdicts(void **state)
{
	fixture *f = *state;

	answer_acme(f);
	write_file(f, "verdicts.csv", "control,verdict,comment,auditor\n"
		"IAM-01,verified,saw the IdP,\n"
		"IAM-02,not-verified,,Dana\n"
		"LOG-01,needs-evidence,old ticket,\n");
	load(f, 0, "acme");
	review_import_ok(f, f->l[0].a, f->l[0].m, "Carol");
	assert_int_equal(f->rst.rows, 3);
	assert_int_equal(f->rst.recorded, 3);
	assert_int_equal(f->rst.unchanged, 0);
	assert_int_equal(f->rst.empty, 0);
	load(f, 0, "acme");
	assert_int_equal(f->l[0].rv.items[1].verdict, SRMGAP_VERDICT_VERIFIED);
	assert_string_equal(f->l[0].rv.items[1].comment, "saw the IdP");
	/* the auditor column wins, then the argument */
	assert_string_equal(f->l[0].rv.items[1].auditor, "Carol");
	assert_string_equal(f->l[0].rv.items[2].auditor, "Dana");
	assert_int_equal(f->l[0].rv.items[3].verdict,
		SRMGAP_VERDICT_NEEDS_EVIDENCE);
	assert_int_equal(f->l[0].r->reviewed, 3);
	assert_near(f->l[0].r->verified_overall, 4 / 8.5);
	/* the same file again: nothing new */
	review_import_ok(f, f->l[0].a, f->l[0].m, "Carol");
	assert_int_equal(f->rst.recorded, 0);
	assert_int_equal(f->rst.unchanged, 3);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events WHERE kind = "
		"'verdict'"), 3);
	/* one transaction: the three rows and their events, one time */
	assert_int_equal(sql_int(f->s, "SELECT count(DISTINCT reviewed_at) FROM "
		"reviews"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews r WHERE "
		"reviewed_at = (SELECT at FROM events e WHERE e.kind = 'verdict' "
		"AND e.subject = r.control ORDER BY e.id DESC LIMIT 1)"), 3);
	verify_ok(f);
	/* without an auditor argument: the store's actor */
	write_file(f, "more.csv", "control,verdict\nIAM-01,not-verified\n");
	review_import_ok(f, f->l[0].a, f->l[0].m, NULL);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews WHERE control = "
		"'IAM-01' AND auditor = 'tester' AND verdict = 'not-verified'"), 1);
}

static void test_audit_review_import_all_or_nothing(void **state)
{
	fixture *f = *state;

	write_file(f, "verdicts.csv", "control,verdict,comment\n"
		"IAM-01,verified,ok\n"
		"IAM-02,maybe,\n"
		"LOG-01,needs-evidence,old logs\n");
	review_rejected(f, "invalid verdict 'maybe' for 'IAM-02' (expected "
		"verified, not-verified or needs-evidence)", 3, 2);
	assert_int_equal(f->d.errors, 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews"), 0);
}

static void test_audit_review_import_every_problem_reported(void **state)
{
	fixture *f = *state;

	write_file(f, "verdicts.csv", "verdict,control\n"
		"verified,IAM-01\n"
		"verified,NOPE-1\n"
		"bogus,LOG-01\n"
		"not-verified,IAM-01\n");
	review_rejected(f, "unknown control 'NOPE-1' in model 'demo'", 3, 2);
	assert_diag(f, SRMGAP_DIAG_ERROR, "invalid verdict 'bogus' for 'LOG-01'",
		4, 1);
	assert_diag(f, SRMGAP_DIAG_ERROR, "duplicate row for control 'IAM-01' "
		"(first on line 2)", 5, 2);
	assert_int_equal(f->d.errors, 3);
}

static void test_audit_review_import_duplicate_row(void **state)
{
	fixture *f = *state;

	write_file(f, "verdicts.csv", "control,verdict\n"
		"IAM-01,verified\n"
		"IAM-02,verified\n"
		"IAM-01,not-verified\n");
	review_rejected(f, "duplicate row for control 'IAM-01' (first on line 2)",
		4, 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events"), 1);
}

static void test_audit_review_import_unknown_control(void **state)
{
	fixture *f = *state;

	write_file(f, "verdicts.csv", "control,verdict\n"
		"IAM-01,verified\n"
		"IAM-09,verified\n");
	review_rejected(f, "unknown control 'IAM-09' in model 'demo'", 3, 1);
}

static void test_audit_review_import_empty_verdicts(void **state)
{
	fixture *f = *state;

	write_file(f, "verdicts.csv", "control,verdict,comment\n"
		"IAM-01,verified,\n"
		"IAM-02,,looks fine to me\n"
		"LOG-01,,\n");
	load(f, 0, "acme");
	review_import_ok(f, f->l[0].a, f->l[0].m, "Carol");
	assert_int_equal(f->rst.rows, 3);
	assert_int_equal(f->rst.recorded, 1);
	assert_int_equal(f->rst.empty, 2);
	assert_int_equal(f->rst.unchanged, 0);
	assert_int_equal(f->d.warnings, 1);
	assert_diag(f, SRMGAP_DIAG_WARNING, "comment on 'IAM-02' without a "
		"verdict is not stored", 3, 3);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews"), 1);
	/* an empty verdict does not clear one recorded earlier */
	write_file(f, "blank.csv", "control,verdict\nIAM-01,\n");
	review_import_ok(f, f->l[0].a, f->l[0].m, "Carol");
	assert_int_equal(f->rst.empty, 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews"), 1);
}

static void test_audit_review_import_comment_too_long(void **state)
{
	fixture *f = *state;
	srmgap_buf b;

	srmgap_util__buf_init(&b);
	srmgap_util__buf_puts(&b, "control,verdict,comment\nIAM-01,verified,ok\n"
		"IAM-02,verified,");
	while (b.len < 5000)
		srmgap_util__buf_puts(&b, "xxxxxxxxxx");
	srmgap_util__buf_puts(&b, "\n");
	write_file(f, "verdicts.csv", b.data);
	srmgap_util__buf_release(&b);
	review_rejected(f, "IAM-02: invalid comment: longer than 4096 bytes",
		3, 3);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews"), 0);
}

static void test_audit_review_import_auditor_too_long(void **state)
{
	fixture *f = *state;
	char name[200];
	char text[400];

	/* the error points at the auditor's cell, not the comment's */
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(text, sizeof(text), "control,verdict,comment,auditor\n"
		"IAM-01,verified,ok,%s\n", name);
	write_file(f, "verdicts.csv", text);
	review_rejected(f, "IAM-01: invalid auditor: longer than 128 bytes",
		2, 4);
}

static void test_audit_review_import_bad_header(void **state)
{
	fixture *f = *state;

	write_file(f, "verdicts.csv", "control,comment\nIAM-01,ok\n");
	review_rejected(f, "missing required column 'verdict'", 1, 1);
	write_file(f, "empty.csv", "");
	review_rejected(f, "empty file: expected a header row", 1, 1);
}

static void test_audit_review_import_bad_csv(void **state)
{
	fixture *f = *state;

	write_file(f, "verdicts.csv", "control,verdict,comment\n"
		"IAM-01,verified,ok\n"
		"IAM-02,verified,\"never closed\n");
	review_rejected(f, "unterminated", 3, 3);
}

static void test_audit_review_import_missing_file(void **state)
{
	fixture *f = *state;

	snprintf(f->path, sizeof(f->path), "%s/nope.csv", f->dir);
	load(f, 0, "acme");
	assert_int_equal(review_import(f, f->l[0].a, f->l[0].m, NULL),
		SRMGAP_ENOTFOUND);
	assert_string_equal(f->err.path, f->path);
	assert_string_equal(f->err.msg, "cannot open: No such file or directory");
	assert_false(srmgap_store__in_tx(f->s));
}

/* Carried-over answers -------------------------------------------------- */

static void test_audit_create_from_carries_answers(void **state)
{
	fixture *f = *state;
	long long id = 0;
	size_t copied = 0, i;

	answer_acme(f);
	load(f, 0, "acme");
	assert_int_equal(srmgap_store_create_from(&id, &copied, f->s,
		"acme-2027", f->demo, "Acme Corp", "Bob", f->l[0].a, &f->err),
		SRMGAP_OK);
	assert_int_equal(copied, 3);
	load(f, 1, "acme-2027");
	assert_int_equal(f->l[1].a->id, id);
	assert_string_equal(f->l[1].a->parent, "acme");
	assert_int_equal(f->l[1].a->answered, 3);
	assert_int_equal(f->l[1].a->carried, 3);
	for (i = 0; i < f->demo->nquestions; i++) {
		const srmgap_answer *o = &f->l[0].ans.items[i];
		const srmgap_answer *n = &f->l[1].ans.items[i];

		if (o->value == NULL) {
			assert_null(n->value);
			continue;
		}
		assert_string_equal(n->value, o->value);
		assert_string_equal(n->evidence, o->evidence);
		assert_string_equal(n->evidence_date, o->evidence_date);
		assert_true(n->carried);
		assert_false(o->carried);
	}
	assert_string_equal(f->l[1].ans.items[0].evidence_date, "2026-11-01");
	/* carried answers score like the originals */
	assert_near(f->l[1].r->overall, f->l[0].r->overall);
	/* verdicts and sign-offs are not carried */
	assert_int_equal(f->l[1].rv.reviewed, 0);
	assert_null(f->l[1].a->signed_by);
	/*
	 * The copy is a batch of its own (import 2; 1 is answer_acme's
	 * session), written in the transaction that created acme-2027: its
	 * row, its batch event and its created event carry one time, and
	 * every copied answer is in it
	 */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports WHERE id = 2 AND "
		"source = 'carried over from acme'"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events b JOIN events c "
		"ON c.kind = 'created' AND c.assessment = 'acme-2027' "
		"JOIN imports i ON i.id = 2 JOIN assessments a ON a.name = "
		"'acme-2027' WHERE b.kind = 'batch' AND b.assessment_id = 0 AND "
		"json_extract(b.new, '$.id') = 2 AND json_extract(b.new, "
		"'$.source') = i.source AND b.at = i.recorded_at AND "
		"c.at = b.at AND a.created_at = c.at AND b.id = c.id + 1"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers WHERE "
		"assessment_id = (SELECT id FROM assessments WHERE name = "
		"'acme-2027') AND import_id = 2 AND carried = 1"), 3);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events e, json_each(e.new) "
		"j WHERE e.kind = 'answers' AND e.assessment = 'acme-2027' AND "
		"json_extract(j.value, '$.batch') = 2 AND "
		"json_extract(j.value, '$.carried') = 1"), 3);
	verify_ok(f);
	/* the name must be free; refused, it writes nothing, no batch either */
	snapshot_db(f);
	assert_int_equal(srmgap_store_create_from(&id, &copied, f->s,
		"acme-2027", f->demo, NULL, NULL, f->l[0].a, &f->err),
		SRMGAP_EEXISTS);
	assert_int_equal(copied, 0);
	assert_db_unchanged(f);
}

static void test_audit_create_from_confirm_same_value(void **state)
{
	fixture *f = *state;
	long long id = 0, events;
	size_t copied = 0;

	answer_acme(f);
	load(f, 0, "acme");
	assert_int_equal(srmgap_store_create_from(&id, &copied, f->s,
		"acme-2027", f->demo, NULL, NULL, f->l[0].a, &f->err), SRMGAP_OK);
	events = sql_int(f->s, "SELECT count(*) FROM events");
	/* storing the same value again confirms it */
	put_ok(f, id, f->demo, "IAM-02.1", "admins");
	load(f, 1, "acme-2027");
	assert_int_equal(f->l[1].a->carried, 2);
	assert_false(f->l[1].ans.items[2].carried);
	assert_string_equal(f->l[1].ans.items[2].value, "admins");
	assert_true(f->l[1].ans.items[0].carried);
	/*
	 * one answers event and no batch: it goes into the session that
	 * answer_acme opened on this handle (import 1), not the copy's (2)
	 */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events"), events + 1);
	assert_int_equal(sql_int(f->s, "SELECT import_id FROM answers WHERE id = "
		"(SELECT (id << 20) + 2 FROM assessments WHERE name = "
		"'acme-2027')"), 1);
	assert_int_equal(sql_int(f->s, "SELECT json_extract(new, '$.\"IAM-02.1\".batch')"
		" FROM events ORDER BY id DESC LIMIT 1"), 1);
	assert_int_equal(sql_int(f->s, "SELECT json_extract(old, '$.\"IAM-02.1\".batch')"
		" FROM events ORDER BY id DESC LIMIT 1"), 2);
	/* a second time it is no change */
	put_ok(f, id, f->demo, "IAM-02.1", "admins");
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events"), events + 1);
	/* confirming keeps the carried evidence */
	put_ok(f, id, f->demo, "IAM-01.1", "yes");
	load(f, 1, "acme-2027");
	assert_int_equal(f->l[1].a->carried, 1);
	assert_string_equal(f->l[1].ans.items[0].evidence, "SSO policy");
	assert_string_equal(f->l[1].ans.items[0].evidence_date, "2026-11-01");
	/* the source assessment is untouched */
	load(f, 0, "acme");
	assert_int_equal(f->l[0].a->carried, 0);
	assert_int_equal(f->l[0].a->answered, 3);
	verify_ok(f);
}

static void test_audit_create_from_other_model(void **state)
{
	fixture *f = *state;
	long long id = 0;
	size_t copied = 0;

	/*
	 * Next year's demo: IAM-01.2 and IAM-02.1 are gone, LOG-01.1 is yes/no
	 * now (a date is no answer to it), IAM-01.1 and LOG-01.2 stay.
	 */
	answer_acme(f);
	put_ok(f, f->acme, f->demo, "IAM-01.2", "saml");
	put_ok(f, f->acme, f->demo, "LOG-01.2", "ops@example.com");
	load(f, 0, "acme");
	assert_int_equal(srmgap_store_create_from(&id, &copied, f->s,
		"acme-next", f->next, NULL, NULL, f->l[0].a, &f->err), SRMGAP_OK);
	assert_int_equal(copied, 2);
	load(f, 1, "acme-next");
	assert_string_equal(f->l[1].a->hash, f->next->hash);
	assert_int_equal(f->l[1].a->answered, 2);
	assert_int_equal(f->l[1].a->carried, 2);
	assert_int_equal(f->l[1].ans.unknown, 0);
	assert_string_equal(f->l[1].ans.items[srmgap_model_question(f->next,
		"IAM-01.1")].value, "yes");
	assert_string_equal(f->l[1].ans.items[srmgap_model_question(f->next,
		"LOG-01.2")].value, "ops@example.com");
	assert_null(f->l[1].ans.items[srmgap_model_question(f->next,
		"LOG-01.1")].value);
	assert_null(f->l[1].ans.items[srmgap_model_question(f->next,
		"NET-01.1")].value);
	/* the copy's event holds what was copied, no more */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events e, "
		"json_each(e.new) j WHERE e.kind = 'answers' AND "
		"e.assessment = 'acme-next'"), 2);
	verify_ok(f);
}

/* Checklist --------------------------------------------------------------- */

static void test_audit_checklist_csv(void **state)
{
	fixture *f = *state;
	static const char *const cols[] = {
		"assessment", "control", "area", "title", "owner", "severity",
		"answers", "evidence", "self_assessed", "self_score", "verdict",
		"comment", "auditor"
	};
	size_t k;

	answer_acme(f);
	review_ok(f, f->acme, "IAM-02", SRMGAP_VERDICT_NEEDS_EVIDENCE,
		"export, please");
	load(f, 0, "acme");
	checklist_file(f, "checklist.csv");
	read_table(f);
	/* a header and one row per customer or shared control */
	assert_int_equal(f->t.nrows, 4);
	assert_int_equal(f->t.ncols[0], 13);
	for (k = 0; k < 13; k++)
		assert_string_equal(f->t.cell[0][k], cols[k]);
	for (k = 1; k < 4; k++) {
		assert_int_equal(f->t.ncols[k], 13);
		/* each row names its assessment */
		assert_string_equal(f->t.cell[k][0], "acme");
	}
	assert_string_equal(f->t.cell[1][1], "IAM-01");
	assert_string_equal(f->t.cell[2][1], "IAM-02");
	assert_string_equal(f->t.cell[3][1], "LOG-01");
	/* IAM-01 */
	assert_string_equal(f->t.cell[1][2], "Identity and access");
	assert_string_equal(f->t.cell[1][3], "SSO enforced");
	assert_string_equal(f->t.cell[1][4], "customer");
	assert_string_equal(f->t.cell[1][5], "critical");
	assert_string_equal(f->t.cell[1][6],
		"IAM-01.1 Do all users sign in through SSO?: yes\n"
		"IAM-01.2 Which SSO protocols?: (no answer)");
	assert_string_equal(f->t.cell[1][7],
		"IAM-01.1: SSO policy (as of 2026-11-01)");
	assert_string_equal(f->t.cell[1][8], "met");
	/* README: from 0 to 1 with six decimals */
	assert_string_equal(f->t.cell[1][9], "1.000000");
	assert_string_equal(f->t.cell[1][10], "");
	assert_string_equal(f->t.cell[1][11], "");
	assert_string_equal(f->t.cell[1][12], "");
	/* IAM-02: shared, partial, its verdict filled in */
	assert_string_equal(f->t.cell[2][4], "shared");
	assert_string_equal(f->t.cell[2][6],
		"IAM-02.1 How is MFA enforced?: admins");
	assert_string_equal(f->t.cell[2][7], "");
	assert_string_equal(f->t.cell[2][8], "partial");
	assert_string_equal(f->t.cell[2][9], "0.500000");
	assert_string_equal(f->t.cell[2][10], "needs-evidence");
	assert_string_equal(f->t.cell[2][11], "export, please");
	assert_string_equal(f->t.cell[2][12], "tester");
	/* LOG-01 */
	assert_string_equal(f->t.cell[3][5], "medium");
	assert_string_equal(f->t.cell[3][7], "LOG-01.1: ticket-7");
	assert_string_equal(f->t.cell[3][8], "met");
}

static void test_audit_checklist_unanswered_and_skipped(void **state)
{
	fixture *f = *state;

	/* nothing answered: no score; a question not asked says so */
	put_ok(f, f->acme, f->demo, "IAM-01.1", "no");
	load(f, 0, "acme");
	checklist_file(f, "checklist.csv");
	read_table(f);
	assert_int_equal(f->t.nrows, 4);
	assert_string_equal(f->t.cell[1][6],
		"IAM-01.1 Do all users sign in through SSO?: no\n"
		"IAM-01.2 Which SSO protocols?: (not asked)");
	assert_string_equal(f->t.cell[1][8], "not-met");
	assert_string_equal(f->t.cell[1][9], "0.000000");
	assert_string_equal(f->t.cell[3][8], "unanswered");
	assert_string_equal(f->t.cell[3][9], "");
}

static void test_audit_checklist_marks_carried(void **state)
{
	fixture *f = *state;
	long long id = 0;
	size_t copied = 0;

	answer_acme(f);
	load(f, 0, "acme");
	assert_int_equal(srmgap_store_create_from(&id, &copied, f->s, "next",
		f->demo, NULL, NULL, f->l[0].a, &f->err), SRMGAP_OK);
	put_ok(f, id, f->demo, "LOG-01.1", "2026-11-20");
	load(f, 0, "next");
	checklist_file(f, "checklist.csv");
	read_table(f);
	assert_string_equal(f->t.cell[1][0], "next");
	assert_non_null(strstr(f->t.cell[1][6], "IAM-01.1 Do all users sign in "
		"through SSO?: yes (carried over, not confirmed)"));
	assert_null(strstr(f->t.cell[3][6], "carried over"));
}

static void test_audit_checklist_feeds_review_import(void **state)
{
	fixture *f = *state;

	answer_acme(f);
	review_ok(f, f->acme, "IAM-02", SRMGAP_VERDICT_NOT_VERIFIED, "no export");
	load(f, 0, "acme");
	checklist_file(f, "checklist.csv");
	/* as written: every row read, nothing changes, no warning */
	review_import_ok(f, f->l[0].a, f->l[0].m, "Carol");
	assert_int_equal(f->rst.rows, 3);
	assert_int_equal(f->rst.recorded, 0);
	assert_int_equal(f->rst.unchanged, 1);
	assert_int_equal(f->rst.empty, 2);
	assert_int_equal(f->d.count, 0);
	/* the auditor fills in the verdict column and gives it back */
	read_table(f);
	free(f->t.cell[1][col_of(f, "verdict")]);
	f->t.cell[1][col_of(f, "verdict")] = srmgap_util__strdup("verified");
	free(f->t.cell[3][col_of(f, "verdict")]);
	f->t.cell[3][col_of(f, "verdict")] = srmgap_util__strdup("needs-evidence");
	free(f->t.cell[3][col_of(f, "comment")]);
	f->t.cell[3][col_of(f, "comment")] = srmgap_util__strdup("ticket, please");
	write_table(f);
	review_import_ok(f, f->l[0].a, f->l[0].m, "Carol");
	assert_int_equal(f->rst.recorded, 2);
	assert_int_equal(f->rst.unchanged, 1);
	assert_int_equal(f->rst.empty, 0);
	load(f, 0, "acme");
	assert_int_equal(f->l[0].r->reviewed, 3);
	assert_int_equal(f->l[0].rv.items[3].verdict,
		SRMGAP_VERDICT_NEEDS_EVIDENCE);
	assert_string_equal(f->l[0].rv.items[3].comment, "ticket, please");
	assert_string_equal(f->l[0].rv.items[3].auditor, "Carol");
	/* IAM-02 kept its own auditor, read back from the checklist */
	assert_string_equal(f->l[0].rv.items[2].auditor, "tester");
	/* the new checklist, given back as it is, changes nothing */
	checklist_file(f, "checklist2.csv");
	review_import_ok(f, f->l[0].a, f->l[0].m, NULL);
	assert_int_equal(f->rst.recorded, 0);
	assert_int_equal(f->rst.unchanged, 3);
}

static void test_audit_checklist_roundtrip_formula_like_text(void **state)
{
	fixture *f = *state;

	/*
	 * Cells that begin with - = + @ get an apostrophe in CSV output so
	 * spreadsheets do not run them. Given back, the checklist must still
	 * say what was recorded, not a changed comment or auditor.
	 */
	answer_acme(f);
	assert_int_equal(review(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED,
		"-no exceptions found", "@carol"), SRMGAP_OK);
	assert_int_equal(review(f, f->acme, "IAM-02",
		SRMGAP_VERDICT_NOT_VERIFIED, "=admins only", NULL), SRMGAP_OK);
	load(f, 0, "acme");
	checklist_file(f, "checklist.csv");
	review_import_ok(f, f->l[0].a, f->l[0].m, NULL);
	assert_int_equal(f->rst.recorded, 0);
	assert_int_equal(f->rst.unchanged, 2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews WHERE comment = "
		"'-no exceptions found' AND auditor = '@carol'"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews WHERE comment = "
		"'=admins only'"), 1);
}

static void test_audit_checklist_roundtrip_leading_apostrophe(void **state)
{
	fixture *f = *state;

	/*
	 * A comment that itself begins with an apostrophe and a - (or =)
	 * must come back as it is, not lose its apostrophe.
	 */
	answer_acme(f);
	assert_int_equal(review(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED,
		"'-' in the export means none", NULL), SRMGAP_OK);
	load(f, 0, "acme");
	checklist_file(f, "checklist.csv");
	review_import_ok(f, f->l[0].a, f->l[0].m, NULL);
	assert_int_equal(f->rst.recorded, 0);
	assert_int_equal(f->rst.unchanged, 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews WHERE comment = "
		"'''-'' in the export means none'"), 1);
}

static void test_audit_checklist_markdown_and_html(void **state)
{
	fixture *f = *state;

	answer_acme(f);
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED, "a|b <ok>");
	load(f, 0, "acme");
	capture_checklist(f, &f->l[0].v, SRMGAP_CHECKLIST_MARKDOWN);
	assert_non_null(strstr(f->cap.out, "# Audit checklist: acme\n"));
	assert_non_null(strstr(f->cap.out, "1 of 3 controls reviewed"));
	assert_non_null(strstr(f->cap.out, "| control | area | title |"));
	assert_non_null(strstr(f->cap.out, "| IAM-01 | Identity and access |"));
	assert_null(strstr(f->cap.out, "PHY-01"));
	assert_null(strstr(f->cap.out, "a|b"));
	capture_checklist(f, &f->l[0].v, SRMGAP_CHECKLIST_HTML);
	assert_non_null(strstr(f->cap.out, "<th>verdict</th>"));
	assert_non_null(strstr(f->cap.out, "<td>IAM-02</td>"));
	assert_non_null(strstr(f->cap.out, "a|b &lt;ok&gt;"));
	assert_null(strstr(f->cap.out, "<ok>"));
	assert_null(strstr(f->cap.out, "PHY-01"));
}

/* Comparison ------------------------------------------------------------- */

/*
 * "before" and "after" on demo: IAM-01 met -> not-met (a new gap), IAM-02
 * partial -> not-met (worse), LOG-01 unanswered -> met (resolved).
 * Overall (4 + 1.25) / 8.5 = 61.8% -> 2 / 8.5 = 23.5%.
 */
static void two_years(fixture *f)
{
	long long a = create(f, "before", f->demo);
	long long b = create(f, "after", f->demo);

	put_ok(f, a, f->demo, "IAM-01.1", "yes");
	put_ok(f, a, f->demo, "IAM-02.1", "admins");
	put_ok(f, b, f->demo, "IAM-01.1", "no");
	put_ok(f, b, f->demo, "IAM-02.1", "none");
	put_ok(f, b, f->demo, "LOG-01.1", "2026-11-20");
	load(f, 0, "before");
	load(f, 1, "after");
}

static void test_audit_diff_text(void **state)
{
	fixture *f = *state;

	two_years(f);
	capture_diff(f, &f->l[0].v, &f->l[1].v, SRMGAP_DIFF_TEXT);
	assert_string_equal(f->cap.out,
		"Comparing before (demo 2026.1, as of 2026-11-29)\n"
		"     with after (demo 2026.1, as of 2026-11-29)\n"
		"\n"
		"Overall    61.8% -> 23.5%   -38.3\n"
		"\n"
		"Area                                      Before     After  Change\n"
		"Physical security                      inherited inherited\n"
		"Identity and access                        80.8%      0.0%   -80.8\n"
		"Logging                                     0.0%    100.0%  +100.0\n"
		"\n"
		"New gaps (1)\n"
		"  IAM-01     met             -> not-met          100.0% -> 0.0%\n"
		"             SSO enforced\n"
		"\n"
		"Worse (1)\n"
		"  IAM-02     partial         -> not-met           50.0% -> 0.0%\n"
		"             MFA enforced\n"
		"\n"
		"Resolved (1)\n"
		"  LOG-01     unanswered      -> met                0.0% -> 100.0%\n"
		"             Audit logs reviewed\n"
		"\n"
		"0 controls unchanged.\n");
}

static void test_audit_diff_text_verified_line(void **state)
{
	fixture *f = *state;
	long long b;

	two_years(f);
	b = f->l[1].a->id;
	/* after: LOG-01 verified, 2 / 8.5 = 23.5%; before: nothing reviewed */
	review_ok(f, b, "LOG-01", SRMGAP_VERDICT_VERIFIED, NULL);
	load(f, 1, "after");
	capture_diff(f, &f->l[0].v, &f->l[1].v, SRMGAP_DIFF_TEXT);
	/* the change between the scores as shown: 23.5 - 61.8 */
	assert_non_null(strstr(f->cap.out, "Overall    61.8% -> 23.5%   -38.3\n"
		"Verified    0.0% -> 23.5%   +23.5\n"));
	/* the same assessment on both sides: nothing but unchanged */
	capture_diff(f, &f->l[1].v, &f->l[1].v, SRMGAP_DIFF_TEXT);
	assert_non_null(strstr(f->cap.out, "Overall    23.5% -> 23.5%   +0.0\n"));
	assert_null(strstr(f->cap.out, "New gaps"));
	assert_non_null(strstr(f->cap.out, "\n3 controls unchanged.\n"));
}

static void test_audit_diff_csv(void **state)
{
	fixture *f = *state;

	two_years(f);
	capture_diff(f, &f->l[0].v, &f->l[1].v, SRMGAP_DIFF_CSV);
	assert_string_equal(f->cap.out,
		"level,id,name,old_status,old_score,new_status,new_score,delta,"
		"change\r\n"
		"overall,,,scored,0.617647,scored,0.235294,-0.382353,\r\n"
		"area,physical,Physical security,inherited,,inherited,,,\r\n"
		"area,iam,Identity and access,scored,0.807692,scored,0.000000,"
		"-0.807692,\r\n"
		"area,logging,Logging,scored,0.000000,scored,1.000000,1.000000,\r\n"
		"control,IAM-01,SSO enforced,met,1.000000,not-met,0.000000,"
		"-1.000000,new-gap\r\n"
		"control,IAM-02,MFA enforced,partial,0.500000,not-met,0.000000,"
		"-0.500000,worse\r\n"
		"control,LOG-01,Audit logs reviewed,unanswered,0.000000,met,"
		"1.000000,1.000000,resolved\r\n");
}

/*
 * acme on demo (IAM-01 met, IAM-02 met, LOG-01 met) against acme-next on
 * next year's demo (IAM-01 met, LOG-01 met, NET-01 not met): IAM-02 is
 * no longer assessed, NET-01 is new.
 */
static void two_models(fixture *f)
{
	long long b;

	put_ok(f, f->acme, f->demo, "IAM-01.1", "yes");
	put_ok(f, f->acme, f->demo, "IAM-02.1", "all");
	put_ok(f, f->acme, f->demo, "LOG-01.1", "2026-11-20");
	b = create(f, "acme-next", f->next);
	put_ok(f, b, f->next, "IAM-01.1", "yes");
	put_ok(f, b, f->next, "LOG-01.1", "yes");
	put_ok(f, b, f->next, "NET-01.1", "no");
	load(f, 0, "acme");
	load(f, 1, "acme-next");
}

static void test_audit_diff_models_differ_text(void **state)
{
	fixture *f = *state;
	const char *removed, *added;

	two_models(f);
	capture_diff(f, &f->l[0].v, &f->l[1].v, SRMGAP_DIFF_TEXT);
	assert_non_null(strstr(f->cap.out,
		"Comparing acme (demo 2026.1, as of 2026-11-29)\n"
		"     with acme-next (demo 2027.1, as of 2026-11-29)\n"));
	/* 100% -> (4 + 2) / (4 + 2 + 3) */
	assert_non_null(strstr(f->cap.out, "Overall   100.0% -> 66.7%   -33.3\n"));
	assert_non_null(strstr(f->cap.out,
		"Network security                          absent      0.0%\n"));
	removed = strstr(f->cap.out, "\nNo longer assessed (1)\n"
		"  IAM-02     met             -> absent           100.0% -> n/a\n"
		"             MFA enforced\n");
	added = strstr(f->cap.out, "\nNew controls (1)\n"
		"  NET-01     absent          -> not-met             n/a -> 0.0%\n"
		"             Firewall rules reviewed\n");
	if (removed == NULL || added == NULL)
		print_error("%s", f->cap.out);
	assert_non_null(removed);
	assert_non_null(added);
	assert_true(removed < added);
	assert_null(strstr(f->cap.out, "New gaps"));
	assert_non_null(strstr(f->cap.out, "\n2 controls unchanged.\n"));
}

static void test_audit_diff_models_differ_csv(void **state)
{
	fixture *f = *state;

	two_models(f);
	capture_diff(f, &f->l[0].v, &f->l[1].v, SRMGAP_DIFF_CSV);
	assert_string_equal(f->cap.out,
		"level,id,name,old_status,old_score,new_status,new_score,delta,"
		"change\r\n"
		"overall,,,scored,1.000000,scored,0.666667,-0.333333,\r\n"
		"area,physical,Physical security,inherited,,inherited,,,\r\n"
		"area,iam,Identity and access,scored,1.000000,scored,1.000000,"
		"0.000000,\r\n"
		"area,logging,Logging,scored,1.000000,scored,1.000000,0.000000,\r\n"
		"area,network,Network security,absent,,scored,0.000000,,\r\n"
		"control,IAM-02,MFA enforced,met,1.000000,absent,,,removed\r\n"
		"control,NET-01,Firewall rules reviewed,absent,,not-met,0.000000,,"
		"added\r\n"
		"control,IAM-01,SSO enforced,met,1.000000,met,1.000000,0.000000,"
		"same\r\n"
		"control,LOG-01,Audit logs reviewed,met,1.000000,met,1.000000,"
		"0.000000,same\r\n");
}

static void test_audit_diff_new_gaps_first(void **state)
{
	fixture *f = *state;
	const char *gap, *better, *resolved;

	/* whatever the catalog order, new gaps lead */
	two_years(f);
	capture_diff(f, &f->l[1].v, &f->l[0].v, SRMGAP_DIFF_TEXT);
	/* reversed: LOG-01 becomes a gap, IAM-01 resolved, IAM-02 better */
	gap = strstr(f->cap.out, "New gaps (1)\n  LOG-01 ");
	better = strstr(f->cap.out, "Better (1)\n  IAM-02 ");
	resolved = strstr(f->cap.out, "Resolved (1)\n  IAM-01 ");
	assert_non_null(gap);
	assert_non_null(better);
	assert_non_null(resolved);
	assert_true(gap < resolved);
	assert_true(resolved < better);
}

static void test_audit_diff_status_change_not_unchanged(void **state)
{
	fixture *f = *state;
	long long a = create(f, "before", f->demo);
	long long b = create(f, "after", f->demo);

	/*
	 * IAM-01 met before, not applicable after (IAM-01.1 na): its status
	 * changed, so it is not one of the unchanged controls.
	 */
	put_ok(f, a, f->demo, "IAM-01.1", "yes");
	put_ok(f, b, f->demo, "IAM-01.1", "na");
	load(f, 0, "before");
	load(f, 1, "after");
	assert_int_equal(CR(f, 0, "IAM-01")->status, SRMGAP_MET);
	assert_int_equal(CR(f, 1, "IAM-01")->status, SRMGAP_NOT_APPLICABLE);
	capture_diff(f, &f->l[0].v, &f->l[1].v, SRMGAP_DIFF_CSV);
	/* README: "changed", a status change that is neither better nor worse */
	assert_non_null(strstr(f->cap.out, "control,IAM-01,SSO enforced,met,"
		"1.000000,not-applicable,,,changed\r\n"));
	assert_null(strstr(f->cap.out, "control,IAM-01,SSO enforced,met,1.000000,"
		"not-applicable,,,same\r\n"));
	capture_diff(f, &f->l[0].v, &f->l[1].v, SRMGAP_DIFF_TEXT);
	assert_non_null(strstr(f->cap.out, "  IAM-01     met             -> "
		"not-applicable"));
}

/* The trail ------------------------------------------------------------ */

static void test_audit_trail_of_the_audit_verifies(void **state)
{
	fixture *f = *state;
	long long id = 0;
	size_t copied = 0;
	int rc;

	/* an import, then answers as `run` stores them */
	write_file(f, "answers.csv", "question,answer,evidence,evidence_date\n"
		"IAM-01.1,yes,SSO policy,2026-11-01\n");
	assert_int_equal(srmgap_import(f->s, f->path, "acme", NULL, &f->d,
		&f->ist, &f->err), SRMGAP_OK);
	verify_ok(f);
	put_ok(f, f->acme, f->demo, "IAM-02.1", "admins");
	assert_int_equal(put(f, f->acme, f->demo, "LOG-01.1", "2026-11-20",
		"ticket-7", ""), SRMGAP_OK);
	verify_ok(f);
	/* verdicts, by hand and from a file */
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED, "saw the IdP");
	write_file(f, "verdicts.csv", "control,verdict,comment\n"
		"IAM-02,needs-evidence,export please\n"
		"LOG-01,verified,\n");
	load(f, 0, "acme");
	review_import_ok(f, f->l[0].a, f->l[0].m, "Carol");
	verify_ok(f);
	/* signed off; every refused write leaves the trail as it was */
	signoff_acme(f);
	verify_ok(f);
	assert_int_equal(put(f, f->acme, f->demo, "IAM-02.1", "all", NULL, NULL),
		SRMGAP_EFROZEN);
	assert_int_equal(review(f, f->acme, "IAM-02", SRMGAP_VERDICT_VERIFIED,
		NULL, NULL), SRMGAP_EFROZEN);
	rc = srmgap_import(f->s, f->path, "acme", NULL, &f->d, &f->ist, &f->err);
	assert_true(rc == SRMGAP_EFROZEN || rc == SRMGAP_EINVALID);
	verify_ok(f);
	/* next year's assessment, from this one, signed off as it is */
	load(f, 0, "acme");
	assert_int_equal(srmgap_store_create_from(&id, &copied, f->s,
		"acme-2027", f->demo, "Acme Corp", NULL, f->l[0].a, &f->err),
		SRMGAP_OK);
	assert_int_equal(copied, 3);
	verify_ok(f);
	put_ok(f, id, f->demo, "IAM-02.1", "all");
	verify_ok(f);
	/* reopened, changed, signed off again */
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, "IAM-02 export came",
		&f->err), SRMGAP_OK);
	verify_ok(f);
	review_ok(f, f->acme, "IAM-02", SRMGAP_VERDICT_VERIFIED, "export seen");
	signoff_acme(f);
	verify_ok(f);
	assert_int_equal(f->vr.assessments, 2);
	/*
	 * batches: the file, the session (see test_trail.c for how many), the
	 * copy; the file given again was refused, so it left none
	 */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports WHERE source = "
		"'answers.csv'"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports WHERE source = "
		"'carried over from acme'"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports WHERE source "
		"NOT IN ('answers.csv', 'carried over from acme', 'run')"), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events WHERE kind = "
		"'batch'"), sql_int(f->s, "SELECT count(*) FROM imports"));
	/* each row against its event */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments a JOIN "
		"events e ON e.kind = 'created' AND e.assessment_id = a.id WHERE "
		"e.at = a.created_at"), 2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews r WHERE "
		"reviewed_at = (SELECT at FROM events e WHERE e.kind = 'verdict' "
		"AND e.assessment_id = r.assessment_id AND e.subject = r.control "
		"ORDER BY e.id DESC LIMIT 1)"), 3);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs g JOIN events e "
		"ON e.hash = g.seal WHERE e.kind = 'signoff' AND "
		"e.at = g.signed_at"), 2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs g JOIN events e "
		"ON e.kind = 'reopen' AND e.assessment_id = g.assessment_id WHERE "
		"g.reopened_at = e.at AND g.reopened_by = e.actor AND "
		"g.reason = json_extract(e.new, '$.reason')"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_audit_verdict_names),
		T(test_audit_put_review_stores_each_verdict),
		T(test_audit_put_review_invalid),
		T(test_audit_verified_score),
		T(test_audit_needs_evidence_counts_as_not_met),
		T(test_audit_unreviewed_controls),
		T(test_audit_na_and_provider_controls_untouched),
		T(test_audit_review_import_refuses_provider_control),
		T(test_audit_signoff_records),
		T(test_audit_signoff_freezes_put_answer),
		T(test_audit_signoff_freezes_put_review),
		T(test_audit_signoff_freezes_import),
		T(test_audit_signoff_freezes_bulk_import),
		T(test_audit_signoff_freezes_review_import),
		T(test_audit_signoff_twice_refused),
		T(test_audit_signoff_needs_auditor),
		T(test_audit_reopen_unfreezes),
		T(test_audit_reopen_open_assessment_refused),
		T(test_audit_reopen_needs_reason),
		T(test_audit_review_import_records_verdicts),
		T(test_audit_review_import_all_or_nothing),
		T(test_audit_review_import_every_problem_reported),
		T(test_audit_review_import_duplicate_row),
		T(test_audit_review_import_unknown_control),
		T(test_audit_review_import_empty_verdicts),
		T(test_audit_review_import_comment_too_long),
		T(test_audit_review_import_auditor_too_long),
		T(test_audit_review_import_bad_header),
		T(test_audit_review_import_bad_csv),
		T(test_audit_review_import_missing_file),
		T(test_audit_create_from_carries_answers),
		T(test_audit_create_from_confirm_same_value),
		T(test_audit_create_from_other_model),
		T(test_audit_checklist_csv),
		T(test_audit_checklist_unanswered_and_skipped),
		T(test_audit_checklist_marks_carried),
		T(test_audit_checklist_feeds_review_import),
		T(test_audit_checklist_roundtrip_formula_like_text),
		T(test_audit_checklist_roundtrip_leading_apostrophe),
		T(test_audit_checklist_markdown_and_html),
		T(test_audit_diff_text),
		T(test_audit_diff_text_verified_line),
		T(test_audit_diff_csv),
		T(test_audit_diff_models_differ_text),
		T(test_audit_diff_models_differ_csv),
		T(test_audit_diff_new_gaps_first),
		T(test_audit_diff_status_change_not_unchanged),
		T(test_audit_trail_of_the_audit_verifies),
#undef T
	};

	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
