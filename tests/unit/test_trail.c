/*
 * Unit tests for the trail (src/lib/trail.c and its callers in store.c
 * and import.c): every change to an assessment writes exactly one event
 * with the right kind, subject, actor and old and new values (JSON, read
 * back with jansson); every batch of answers (an import, a session, the
 * copy of `new --from`) writes a "batch" event of no assessment before
 * the answers it holds, and every answer names its batch; writes that
 * change no answer write no "answers" event; the events form a hash
 * chain; each transaction has one time, which its rows and its events
 * carry; the three writers of an answer's JSON agree;
 * srmgap_store_verify() accepts an untouched database and catches edits
 * made with plain SQL behind srmgap's back; and a schema 1 database gets
 * its baseline events when it is migrated.
 *
 * Each case works in its own temporary folder (mkdtemp). Setup opens a
 * database there with actor "alice" and creates assessment "acme" (org
 * "Acme Corp", assessor "Bob") on model demo of the unit catalog
 * (tests/fixtures/unit/catalog/good): event 1. Tampering goes through a
 * second connection opened with sqlite3_open(), as an outsider would
 * (foreign keys are off there, as they are in the sqlite3 shell).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>

#include "srmgap/catalog.h"
#include "srmgap/import.h"
#include "srmgap/store.h"
#include "store_int.h"
#include "util_int.h"
#include "unit.h"

#define FIX "../fixtures/unit/catalog"
#define GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define NJSON 160
#define MIGRATION_ACTOR "srmgap schema 2 migration"

/* An event copied out of the srmgap_store_events() callback. */
typedef struct ev {
	long long id;
	char *assessment, *at, *actor, *kind, *subject, *old_value, *new_value,
		*prev, *hash;
} ev;

typedef struct fixture {
	char dir[64];
	char db[192];
	char path[160];          /* last file written */
	srmgap_store *s;
	srmgap_model *demo;
	long long acme;
	srmgap_diags d;
	srmgap_error err;
	srmgap_import_stats st;
	srmgap_assessment *a, *b;
	srmgap_verify_result vr;
	ev *ev;
	size_t nev;
	json_t *json[NJSON];     /* parsed event values, freed by teardown */
	char text[1024];         /* first_text() */
	size_t njson;
} fixture;

static int teardown(void **state);

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	int rc;

	if (f == NULL)
		return -1;
	if (scratch_dir(f->dir, sizeof(f->dir), f->db, sizeof(f->db),
		"trail") != 0) {
		free(f);
		return -1;
	}
	srmgap_diags_init(&f->d);
	rc = load_model(&f->demo, FIX "/good", "demo", &f->d, &f->err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_open(&f->s, f->db, &f->err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_set_actor(f->s, "alice", &f->err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_create(&f->acme, f->s, "acme", f->demo,
			"Acme Corp", "Bob", &f->err);
	if (rc != SRMGAP_OK) {
		fprintf(stderr, "setup: %s\n", f->err.msg);
		return setup_undo(state, f, teardown);
	}
	srmgap_diags_release(&f->d);
	*state = f;
	return 0;
}

static void events_free(fixture *f)
{
	size_t i;

	for (i = 0; i < f->nev; i++) {
		free(f->ev[i].assessment);
		free(f->ev[i].at);
		free(f->ev[i].actor);
		free(f->ev[i].kind);
		free(f->ev[i].subject);
		free(f->ev[i].old_value);
		free(f->ev[i].new_value);
		free(f->ev[i].prev);
		free(f->ev[i].hash);
	}
	free(f->ev);
	f->ev = NULL;
	f->nev = 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	size_t i;

	events_free(f);
	for (i = 0; i < f->njson; i++)
		json_decref(f->json[i]);
	srmgap_assessment_free(f->a);
	srmgap_assessment_free(f->b);
	srmgap_store_close(f->s);
	srmgap_model_free(f->demo);
	srmgap_diags_release(&f->d);
	remove_dir(f->dir);
	free(f);
	return 0;
}

static int collect(const srmgap_event *e, void *ctx)
{
	fixture *f = ctx;
	ev *grown = realloc(f->ev, (f->nev + 1) * sizeof(*grown));
	ev *x;

	if (grown == NULL)
		return SRMGAP_ENOMEM;
	f->ev = grown;
	x = &f->ev[f->nev++];
	x->id = e->id;
	x->assessment = srmgap_util__strdup(e->assessment);
	x->at = srmgap_util__strdup(e->at);
	x->actor = srmgap_util__strdup(e->actor);
	x->kind = srmgap_util__strdup(e->kind);
	x->subject = srmgap_util__strdup(e->subject);
	x->old_value = srmgap_util__strdup(e->old_value);
	x->new_value = srmgap_util__strdup(e->new_value);
	x->prev = srmgap_util__strdup(e->prev);
	x->hash = srmgap_util__strdup(e->hash);
	return 0;
}

/* The events of `name` (NULL: all) into f->ev; returns how many. */
static size_t load_events(fixture *f, const char *name)
{
	events_free(f);
	assert_int_equal(srmgap_store_events(f->s, name, collect, f, &f->err),
		SRMGAP_OK);
	return f->nev;
}

/* The newest event (after load_events), failing when there is none. */
static const ev *last_event(fixture *f)
{
	assert_true(load_events(f, NULL) > 0);
	return &f->ev[f->nev - 1];
}

/* `text` parsed as a JSON object (kept until teardown). */
static json_t *js(fixture *f, const char *text)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);

	if (j == NULL)
		print_error("not JSON: '%s': %s\n", text, je.text);
	assert_non_null(j);
	assert_true(json_is_object(j));
	assert_true(f->njson < NJSON);
	f->json[f->njson++] = j;
	return j;
}

/* The string at o[k1] or o[k1][k2]; NULL when absent or not a string. */
static const char *jstr(json_t *o, const char *k1, const char *k2)
{
	json_t *v = json_object_get(o, k1);

	if (k2 != NULL)
		v = json_object_get(v, k2);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void assert_jstr(json_t *o, const char *k1, const char *k2,
	const char *want)
{
	const char *got = jstr(o, k1, k2);

	if (got == NULL || strcmp(got, want) != 0)
		print_error("%s%s%s is '%s', expected '%s'\n", k1, k2 ? "." : "",
			k2 ? k2 : "", got ? got : "(absent)", want);
	assert_non_null(got);
	assert_string_equal(got, want);
}

/* o[k1] or o[k1][k2] is a JSON integer (not a string, not a real) `want`. */
static void assert_jint(json_t *o, const char *k1, const char *k2,
	long long want)
{
	json_t *v = json_object_get(o, k1);

	if (k2 != NULL)
		v = json_object_get(v, k2);
	if (!json_is_integer(v) || json_integer_value(v) != want)
		print_error("%s%s%s is %s%lld, expected the integer %lld\n", k1,
			k2 ? "." : "", k2 ? k2 : "", json_is_integer(v) ? "" :
			"not an integer: ", json_is_integer(v) ?
			(long long)json_integer_value(v) : 0LL, want);
	assert_true(json_is_integer(v));
	assert_int_equal(json_integer_value(v), want);
}

/* The integer `sql` gives with ?1 bound to `id`; fails when no row. */
static long long count_id(fixture *f, const char *sql, long long id)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(srmgap_store__db(f->s), sql, -1, &st,
		NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The text `sql` gives with ?1 bound to `id`, into buf; fails on NULL. */
static const char *text_id(fixture *f, const char *sql, long long id,
	char *buf, size_t n)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *t;

	assert_int_equal(sqlite3_prepare_v2(srmgap_store__db(f->s), sql, -1, &st,
		NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	t = sqlite3_column_text(st, 0);
	if (t == NULL)
		print_error("NULL from '%s' (?1 = %lld)\n", sql, id);
	assert_non_null(t);
	snprintf(buf, n, "%s", (const char *)t);
	sqlite3_finalize(st);
	return buf;
}

/* The first column of `sql`'s first row, kept in f->text ("" if NULL). */
static const char *first_text(fixture *f, const char *sql)
{
	return sql_text(f->s, sql, f->text, sizeof(f->text));
}

static long long nevents(fixture *f)
{
	return sql_int(f->s, "SELECT count(*) FROM events");
}

/* Events of `kind` of no assessment: batches. */
static long long nbatches(fixture *f)
{
	return sql_int(f->s, "SELECT count(*) FROM events WHERE kind = 'batch'");
}

/*
 * `e` is the batch event of import `id` from `source` by `actor`: of no
 * assessment (id 0, name ""), its value exactly {"id", "source"}, its time
 * the import's recorded_at.
 */
static void assert_batch_event(fixture *f, const ev *e, long long id,
	const char *source, const char *actor)
{
	char at[32], src[160];
	json_t *n;

	assert_string_equal(e->kind, "batch");
	assert_string_equal(e->assessment, "");
	assert_int_equal(count_id(f, "SELECT assessment_id FROM events "
		"WHERE id = ?1", e->id), 0);
	assert_string_equal(e->subject, "");
	assert_string_equal(e->old_value, "");
	assert_string_equal(e->actor, actor);
	n = js(f, e->new_value);
	assert_int_equal(json_object_size(n), 2);
	assert_jint(n, "id", NULL, id);
	assert_jstr(n, "source", NULL, source);
	text_id(f, "SELECT recorded_at FROM imports WHERE id = ?1", id, at,
		sizeof(at));
	assert_string_equal(e->at, at);
	text_id(f, "SELECT source FROM imports WHERE id = ?1", id, src,
		sizeof(src));
	assert_string_equal(src, source);
}

/* Sleep until the clock's second (the store's time unit) moves on. */
static void next_second(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	char start[32], now[32];
	int i;

	srmgap_store__now(start);
	for (i = 0; i < 200; i++) {
		nanosleep(&ts, NULL);
		srmgap_store__now(now);
		if (strcmp(now, start) != 0)
			return;
	}
	fail_msg("the clock did not move from %s", start);
}

/* Store an answer to `qid` of demo for assessment `id`. */
static int put(fixture *f, long long id, const char *qid, const char *value,
	const char *evidence, const char *edate, const char *note,
	const char *source)
{
	long ix = srmgap_model_question(f->demo, qid);
	srmgap_answer_input in = { value, evidence, edate, note };

	assert_true(ix >= 0);
	srmgap_error_clear(&f->err);
	return srmgap_store_put_answer(f->s, id, f->demo, (size_t)ix, &in,
		source, &f->err);
}

static void put_ok(fixture *f, long long id, const char *qid,
	const char *value, const char *evidence)
{
	int rc = put(f, id, qid, value, evidence, NULL, NULL, "run");

	if (rc != SRMGAP_OK)
		print_error("put %s: %s\n", qid, f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
}

static void review_ok(fixture *f, long long id, const char *cid,
	srmgap_verdict v, const char *comment, const char *auditor)
{
	long ix = srmgap_model_control(f->demo, cid);
	int rc;

	assert_true(ix >= 0);
	rc = srmgap_store_put_review(f->s, id, f->demo, (size_t)ix, v, comment,
		auditor, &f->err);
	if (rc != SRMGAP_OK)
		print_error("review %s: %s\n", cid, f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
}

static long long create(fixture *f, const char *name)
{
	long long id = 0;
	int rc = srmgap_store_create(&id, f->s, name, f->demo, NULL, NULL,
		&f->err);

	if (rc != SRMGAP_OK)
		print_error("create '%s': %s\n", name, f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
	return id;
}

/* Write `content` to <dir>/<name>; f->path names it. */
static const char *write_file(fixture *f, const char *name, const char *content)
{
	snprintf(f->path, sizeof(f->path), "%s/%s", f->dir, name);
	write_text(f->path, content);
	return f->path;
}

static void import_ok(fixture *f, const char *assessment,
	const srmgap_model *m)
{
	int rc;

	srmgap_diags_release(&f->d);
	srmgap_diags_init(&f->d);
	srmgap_error_clear(&f->err);
	rc = srmgap_import(f->s, f->path, assessment, m, &f->d, &f->st, &f->err);
	if (rc != SRMGAP_OK || f->d.errors != 0) {
		print_error("import: %s\n", f->err.msg);
		dump_diags(&f->d);
	}
	assert_int_equal(rc, SRMGAP_OK);
	assert_int_equal(f->d.errors, 0);
}

/* Run `sql` on the database file through a connection of our own. */
static void tamper(fixture *f, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	int rc;

	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		print_error("tamper: %s\n", msg ? msg : "?");
	sqlite3_free(msg);
	assert_int_equal(rc, SQLITE_OK);
	assert_true(sqlite3_changes(db) > 0);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void verify_ok(fixture *f, const char *name)
{
	int rc = srmgap_store_verify(&f->vr, f->s, name, &f->err);

	if (rc != SRMGAP_OK)
		print_error("verify: %s (event %lld) %s\n", f->vr.problem,
			f->vr.bad_event, f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
	assert_string_equal(f->vr.problem, "");
	assert_int_equal(f->vr.bad_event, 0);
}

/* Verification fails with `part` in its problem, at event `bad`. */
static void verify_fails(fixture *f, const char *name, const char *part,
	long long bad)
{
	int rc = srmgap_store_verify(&f->vr, f->s, name, &f->err);

	if (rc != SRMGAP_EINVALID || strstr(f->vr.problem, part) == NULL ||
	    f->vr.bad_event != bad)
		print_error("verify: rc %d, problem '%s' (event %lld), expected "
			"'%s' (event %lld)\n", rc, f->vr.problem, f->vr.bad_event, part,
			bad);
	assert_int_equal(rc, SRMGAP_EINVALID);
	assert_non_null(strstr(f->vr.problem, part));
	assert_int_equal(f->vr.bad_event, bad);
}

/*
 * The history most tamper cases start from, events 1 to 8:
 *   1 acme created (setup)         5 acme verdict on IAM-01
 *   2 batch 1, source "run"        6 beta created
 *   3 acme IAM-01.1 yes             7 beta IAM-01.1 no
 *   4 acme IAM-02.1 all             8 acme signed off
 * acme is assessment 1 (answer keys 1<<20 + ord), beta is 2; every
 * answer is in batch 1 (imports row 1), the session of this handle.
 */
static long long history(fixture *f)
{
	long long beta;

	put_ok(f, f->acme, "IAM-01.1", "yes", "SSO policy");
	put_ok(f, f->acme, "IAM-02.1", "all", "MFA export");
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED, "seen", NULL);
	beta = create(f, "beta");
	put_ok(f, beta, "IAM-01.1", "no", NULL);
	assert_int_equal(srmgap_store_signoff(f->s, f->acme, "Carol", "Fine",
		&f->err), SRMGAP_OK);
	assert_int_equal(nevents(f), 8);
	assert_int_equal(nbatches(f), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports"), 1);
	verify_ok(f, NULL);
	return beta;
}

static void test_trail_created_event(void **state)
{
	fixture *f = *state;
	const ev *e;
	json_t *n;

	assert_int_equal(load_events(f, NULL), 1);
	e = &f->ev[0];
	assert_int_equal(e->id, 1);
	assert_string_equal(e->assessment, "acme");
	assert_string_equal(e->kind, "created");
	assert_string_equal(e->subject, "");
	assert_string_equal(e->actor, "alice");
	assert_string_equal(e->old_value, "");
	assert_int_equal(strlen(e->at), 20);
	assert_int_equal(e->at[10], 'T');
	assert_string_equal(e->prev, GENESIS);
	assert_int_equal(strlen(e->hash), 64);
	assert_int_equal(strspn(e->hash, "0123456789abcdef"), 64);
	n = js(f, e->new_value);
	assert_jstr(n, "model", NULL, "demo");
	assert_jstr(n, "variant", NULL, "");
	assert_jstr(n, "snapshot", NULL, f->demo->hash);
	assert_jstr(n, "org", NULL, "Acme Corp");
	assert_jstr(n, "assessor", NULL, "Bob");
	assert_null(json_object_get(n, "from"));
	assert_int_equal(json_object_size(n), 5);
	/* the row carries the time of its event */
	assert_int_equal(count_id(f, "SELECT count(*) FROM assessments WHERE "
		"id = ?1 AND created_at = (SELECT at FROM events WHERE id = 1)",
		f->acme), 1);
	/* creating writes no batch: no answers yet */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports"), 0);
}

static void test_trail_put_answer_events(void **state)
{
	fixture *f = *state;
	const ev *e;
	json_t *o, *n;

	assert_int_equal(put(f, f->acme, "IAM-01.1", "yes", "SSO policy",
		"2026-01-02", "checked", "run"), SRMGAP_OK);
	/* the session's batch, then the answer */
	assert_int_equal(nevents(f), 3);
	e = last_event(f);
	assert_batch_event(f, &f->ev[1], 1, "run", "alice");
	assert_string_equal(e->kind, "answers");
	assert_string_equal(e->subject, "IAM-01.1");
	assert_string_equal(e->actor, "alice");
	assert_string_equal(e->assessment, "acme");
	/* one transaction, one time */
	assert_string_equal(e->at, f->ev[1].at);
	n = js(f, e->new_value);
	assert_int_equal(json_object_size(n), 1);
	assert_int_equal(json_object_size(json_object_get(n, "IAM-01.1")), 5);
	assert_jint(n, "IAM-01.1", "batch", 1);
	assert_jstr(n, "IAM-01.1", "value", "yes");
	assert_jstr(n, "IAM-01.1", "evidence", "SSO policy");
	assert_jstr(n, "IAM-01.1", "evidence_date", "2026-01-02");
	assert_jstr(n, "IAM-01.1", "note", "checked");
	assert_null(json_object_get(json_object_get(n, "IAM-01.1"), "carried"));
	/* a first answer replaces nothing */
	if (e->old_value[0] != '\0')
		assert_null(json_object_get(js(f, e->old_value), "IAM-01.1"));

	/* replaced by another actor; NULL evidence keeps the old evidence */
	assert_int_equal(srmgap_store_set_actor(f->s, "dave", &f->err),
		SRMGAP_OK);
	assert_int_equal(put(f, f->acme, "IAM-01.1", "no", NULL, NULL, "lapsed",
		"run"), SRMGAP_OK);
	/* the same source through the same handle: the same batch */
	assert_int_equal(nevents(f), 4);
	assert_int_equal(nbatches(f), 1);
	e = last_event(f);
	assert_string_equal(e->kind, "answers");
	assert_string_equal(e->subject, "IAM-01.1");
	assert_string_equal(e->actor, "dave");
	o = js(f, e->old_value);
	n = js(f, e->new_value);
	assert_jstr(o, "IAM-01.1", "value", "yes");
	assert_jstr(o, "IAM-01.1", "note", "checked");
	assert_jint(o, "IAM-01.1", "batch", 1);
	assert_jint(n, "IAM-01.1", "batch", 1);
	assert_jstr(n, "IAM-01.1", "value", "no");
	assert_jstr(n, "IAM-01.1", "evidence", "SSO policy");
	assert_jstr(n, "IAM-01.1", "evidence_date", "2026-01-02");
	assert_jstr(n, "IAM-01.1", "note", "lapsed");
	verify_ok(f, NULL);
}

static void test_trail_unchanged_answer_no_event(void **state)
{
	fixture *f = *state;

	assert_int_equal(put(f, f->acme, "IAM-02.1", "all", "E", "", "N",
		"a.csv"), SRMGAP_OK);
	assert_int_equal(nevents(f), 3);
	/* the same answer again, from the same source: nothing at all */
	assert_int_equal(put(f, f->acme, "IAM-02.1", "all", "E", "", "N",
		"a.csv"), SRMGAP_OK);
	assert_int_equal(nevents(f), 3);
	/*
	 * from another source: that is a new batch (recorded, like every
	 * batch, in imports and so in the trail), but no answer changes
	 */
	assert_int_equal(put(f, f->acme, "IAM-02.1", "all", "E", "", "N",
		"run"), SRMGAP_OK);
	assert_int_equal(nevents(f), 4);
	assert_batch_event(f, last_event(f), 2, "run", "alice");
	/* NULL keeps what is stored: still no change */
	assert_int_equal(put(f, f->acme, "IAM-02.1", "all", NULL, NULL, NULL,
		"run"), SRMGAP_OK);
	assert_int_equal(nevents(f), 4);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events WHERE kind = "
		"'answers'"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history"), 0);
	/* the answer still names the batch that set it */
	assert_int_equal(sql_int(f->s, "SELECT import_id FROM answers"), 1);
	/* only the evidence changes: that is a change, in the open batch */
	assert_int_equal(put(f, f->acme, "IAM-02.1", "all", "E2", NULL, NULL,
		"run"), SRMGAP_OK);
	assert_int_equal(nevents(f), 5);
	assert_jint(js(f, last_event(f)->new_value), "IAM-02.1", "batch", 2);
	assert_jint(js(f, f->ev[f->nev - 1].old_value), "IAM-02.1", "batch", 1);
	verify_ok(f, NULL);
}

static void test_trail_import_event(void **state)
{
	fixture *f = *state;
	const ev *e;
	json_t *o, *n;

	write_file(f, "answers.csv", "question,answer,evidence,evidence_date,note\n"
		"IAM-01.1,YES,SSO policy,2025-06-01,\n"
		"IAM-02.1,admins,MFA export,,partly\n"
		"LOG-01.1,2025-05-01,,,\n"
		"LOG-01.2,,,,\n");
	import_ok(f, "acme", NULL);
	/* the file's batch, then one event for the whole file */
	assert_int_equal(nevents(f), 3);
	e = last_event(f);
	assert_batch_event(f, &f->ev[1], 1, "answers.csv", "alice");
	assert_string_equal(e->kind, "answers");
	assert_string_equal(e->subject, "");
	assert_string_equal(e->actor, "alice");
	assert_string_equal(e->at, f->ev[1].at);
	n = js(f, e->new_value);
	assert_int_equal(json_object_size(n), 3);
	assert_jstr(n, "IAM-01.1", "value", "yes");
	assert_jstr(n, "IAM-01.1", "evidence", "SSO policy");
	assert_jstr(n, "IAM-01.1", "evidence_date", "2025-06-01");
	assert_jint(n, "IAM-01.1", "batch", 1);
	assert_int_equal(json_object_size(json_object_get(n, "IAM-01.1")), 4);
	assert_jstr(n, "IAM-02.1", "value", "admins");
	assert_jstr(n, "IAM-02.1", "note", "partly");
	assert_jint(n, "IAM-02.1", "batch", 1);
	assert_jstr(n, "LOG-01.1", "value", "2025-05-01");
	assert_jint(n, "LOG-01.1", "batch", 1);
	assert_int_equal(json_object_size(json_object_get(n, "LOG-01.1")), 2);
	assert_null(json_object_get(n, "LOG-01.2"));

	/*
	 * The same file again: no answer changes, so nothing is written, not
	 * even a batch (README: a file that changes nothing writes nothing).
	 */
	import_ok(f, "acme", NULL);
	assert_int_equal(f->st.unchanged, 3);
	assert_int_equal(nevents(f), 3);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers WHERE "
		"import_id <> 1"), 0);
	verify_ok(f, NULL);

	/* one answer changes: the event names it, with what it replaced */
	write_file(f, "answers2.csv", "question,answer,evidence,evidence_date,note\n"
		"IAM-01.1,YES,SSO policy,2025-06-01,\n"
		"IAM-02.1,all,MFA export,,\n");
	assert_int_equal(srmgap_store_set_actor(f->s, "erin", &f->err),
		SRMGAP_OK);
	import_ok(f, "acme", NULL);
	assert_int_equal(f->st.replaced, 1);
	assert_int_equal(nevents(f), 5);
	e = last_event(f);
	assert_batch_event(f, &f->ev[3], 2, "answers2.csv", "erin");
	assert_string_equal(e->subject, "IAM-02.1");
	assert_string_equal(e->actor, "erin");
	o = js(f, e->old_value);
	n = js(f, e->new_value);
	assert_int_equal(json_object_size(n), 1);
	assert_int_equal(json_object_size(o), 1);
	assert_jstr(o, "IAM-02.1", "value", "admins");
	assert_jstr(o, "IAM-02.1", "note", "partly");
	assert_jint(o, "IAM-02.1", "batch", 1);
	assert_jstr(n, "IAM-02.1", "value", "all");
	assert_jstr(n, "IAM-02.1", "evidence", "MFA export");
	assert_null(jstr(n, "IAM-02.1", "note"));
	assert_jint(n, "IAM-02.1", "batch", 2);
	verify_ok(f, NULL);
}

static void test_trail_rejected_import_no_event(void **state)
{
	fixture *f = *state;

	write_file(f, "bad.csv", "question,answer\n"
		"IAM-01.1,yes\n"
		"IAM-02.1,sometimes\n");
	srmgap_diags_init(&f->d);
	assert_int_equal(srmgap_import(f->s, f->path, "acme", NULL, &f->d,
		&f->st, &f->err), SRMGAP_EINVALID);
	/* no answers, and no batch: its row went with the rollback */
	assert_int_equal(nevents(f), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports"), 0);
	verify_ok(f, NULL);
}

static void test_trail_bulk_import_events(void **state)
{
	fixture *f = *state;
	size_t i, created = 0, answers = 0;

	write_file(f, "bulk.csv", "assessment,question,answer\n"
		"acme,IAM-01.1,yes\n"
		"newco,IAM-01.1,no\n"
		"newco,IAM-02.1,none\n"
		"acme,IAM-02.1,all\n");
	import_ok(f, NULL, f->demo);
	assert_int_equal(f->st.created, 1);
	/*
	 * The file's one batch (before its first answer), newco created,
	 * then one answers event per assessment, all at one time.
	 */
	assert_int_equal(load_events(f, NULL), 5);
	assert_batch_event(f, &f->ev[1], 1, "bulk.csv", "alice");
	for (i = 2; i < f->nev; i++) {
		json_t *n = js(f, f->ev[i].new_value);

		assert_string_equal(f->ev[i].actor, "alice");
		assert_string_equal(f->ev[i].at, f->ev[1].at);
		if (strcmp(f->ev[i].kind, "created") == 0) {
			assert_string_equal(f->ev[i].assessment, "newco");
			assert_jstr(n, "snapshot", NULL, f->demo->hash);
			created++;
			continue;
		}
		assert_string_equal(f->ev[i].kind, "answers");
		assert_int_equal(json_object_size(n), 2);
		assert_jint(n, "IAM-01.1", "batch", 1);
		assert_jint(n, "IAM-02.1", "batch", 1);
		if (strcmp(f->ev[i].assessment, "acme") == 0) {
			assert_jstr(n, "IAM-01.1", "value", "yes");
			assert_jstr(n, "IAM-02.1", "value", "all");
		} else {
			assert_string_equal(f->ev[i].assessment, "newco");
			assert_jstr(n, "IAM-01.1", "value", "no");
			assert_jstr(n, "IAM-02.1", "value", "none");
		}
		answers++;
	}
	assert_int_equal(created, 1);
	assert_int_equal(answers, 2);
	/* newco's row carries the import's time */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments WHERE "
		"name = 'newco' AND created_at = (SELECT recorded_at FROM imports)"),
		1);
	verify_ok(f, NULL);
}

static void test_trail_bulk_import_interleaved_rows(void **state)
{
	fixture *f = *state;
	size_t i, newco = 0, acme = 0, first = 0, last = 0;
	json_t *n;

	/*
	 * Rows of a new assessment need not be together. Its answers are
	 * logged as they are written, one event per run of its rows (so an
	 * import never holds a whole file's answers in memory); an existing
	 * assessment gets one event with everything that changed.
	 */
	write_file(f, "bulk.csv", "assessment,question,answer\n"
		"newco,IAM-01.1,yes\n"
		"acme,IAM-01.1,no\n"
		"newco,IAM-02.1,all\n"
		"acme,IAM-02.1,none\n");
	import_ok(f, NULL, f->demo);
	/*
	 * newco is created on its first row, before the first answer is
	 * written and with it the batch: event 2 created, 3 the batch
	 */
	load_events(f, NULL);
	assert_int_equal(nbatches(f), 1);
	assert_string_equal(f->ev[1].kind, "created");
	assert_batch_event(f, &f->ev[2], 1, "bulk.csv", "alice");
	for (i = 0; i < f->nev; i++) {
		if (strcmp(f->ev[i].kind, "answers") != 0)
			continue;
		/* the batch comes before the answers it holds */
		assert_true(i > 2);
		if (strcmp(f->ev[i].assessment, "newco") == 0) {
			if (newco++ == 0)
				first = i;
			last = i;
		} else {
			acme++;
		}
	}
	/* the trail still replays to the right answers either way */
	verify_ok(f, NULL);
	assert_int_equal(acme, 1);
	assert_int_equal(newco, 2);
	n = js(f, f->ev[first].new_value);
	assert_jstr(n, "IAM-01.1", "value", "yes");
	assert_jint(n, "IAM-01.1", "batch", 1);
	assert_string_equal(f->ev[first].subject, "IAM-01.1");
	n = js(f, f->ev[last].new_value);
	assert_jstr(n, "IAM-02.1", "value", "all");
	assert_jint(n, "IAM-02.1", "batch", 1);
}

static void test_trail_import_special_characters(void **state)
{
	fixture *f = *state;
	static const char evidence[] = "say \"hi\" \\ tab\there\n"
		"second line, caf\xc3\xa9 \xe2\x80\x94 </script>";
	srmgap_assessment *a = NULL;
	srmgap_answers ans;
	size_t i, found = 0;

	/* a new assessment (JSON built while importing), an existing one */
	write_file(f, "bulk.csv", "assessment,question,answer,evidence\n"
		"newco,IAM-01.1,yes,\"say \"\"hi\"\" \\ tab\there\n"
		"second line, caf\xc3\xa9 \xe2\x80\x94 </script>\"\n"
		"acme,IAM-01.1,yes,\"say \"\"hi\"\" \\ tab\there\n"
		"second line, caf\xc3\xa9 \xe2\x80\x94 </script>\"\n");
	import_ok(f, NULL, f->demo);
	memset(&ans, 0, sizeof(ans));
	assert_int_equal(srmgap_store_get(&a, f->s, "newco", &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_load_answers(&ans, f->s, a->id, f->demo,
		&f->err), SRMGAP_OK);
	srmgap_assessment_free(a);
	assert_string_equal(ans.items[0].evidence, evidence);
	srmgap_answers_release(&ans);
	load_events(f, NULL);
	for (i = 0; i < f->nev; i++) {
		if (strcmp(f->ev[i].kind, "answers") != 0)
			continue;
		assert_jstr(js(f, f->ev[i].new_value), "IAM-01.1", "evidence",
			evidence);
		found++;
	}
	assert_int_equal(found, 2);
	verify_ok(f, NULL);
}

static void test_trail_create_from_events(void **state)
{
	fixture *f = *state;
	long long id = 0;
	size_t copied = 0;
	const ev *e;
	json_t *n;

	put_ok(f, f->acme, "IAM-01.1", "yes", "SSO policy");
	put_ok(f, f->acme, "IAM-02.1", "admins", NULL);
	assert_int_equal(srmgap_store_get(&f->a, f->s, "acme", &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_set_actor(f->s, "frank", &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_create_from(&id, &copied, f->s, "acme-2027",
		f->demo, "Acme Corp", "Bob", f->a, &f->err), SRMGAP_OK);
	assert_int_equal(copied, 2);
	/*
	 * events 1-4: acme, batch 1 ("run"), its two answers; then acme-2027
	 * created (5), the copy's batch 2 (6, of no assessment), the copy (7)
	 */
	assert_int_equal(load_events(f, NULL), 7);
	assert_string_equal(f->ev[4].kind, "created");
	assert_batch_event(f, &f->ev[5], 2, "carried over from acme", "frank");
	assert_string_equal(f->ev[6].kind, "answers");
	assert_string_equal(f->ev[4].at, f->ev[5].at);
	assert_string_equal(f->ev[6].at, f->ev[5].at);
	assert_int_equal(load_events(f, "acme-2027"), 2);
	e = &f->ev[0];
	assert_int_equal(e->id, 5);
	assert_string_equal(e->kind, "created");
	assert_string_equal(e->actor, "frank");
	n = js(f, e->new_value);
	assert_jstr(n, "from", NULL, "acme");
	assert_jstr(n, "org", NULL, "Acme Corp");
	assert_int_equal(count_id(f, "SELECT count(*) FROM assessments WHERE "
		"id = ?1 AND created_at = (SELECT at FROM events WHERE id = 5)", id),
		1);
	e = &f->ev[1];
	assert_int_equal(e->id, 7);
	assert_string_equal(e->kind, "answers");
	assert_string_equal(e->subject, "");
	n = js(f, e->new_value);
	assert_int_equal(json_object_size(n), 2);
	assert_jstr(n, "IAM-01.1", "value", "yes");
	assert_jstr(n, "IAM-01.1", "evidence", "SSO policy");
	assert_true(json_is_true(json_object_get(json_object_get(n, "IAM-01.1"),
		"carried")));
	assert_true(json_is_true(json_object_get(json_object_get(n, "IAM-02.1"),
		"carried")));
	/* the copies are in the copy's batch, not in the originals' */
	assert_jint(n, "IAM-01.1", "batch", 2);
	assert_jint(n, "IAM-02.1", "batch", 2);

	/* confirming a carried answer with the same value is a change */
	put_ok(f, id, "IAM-01.1", "yes", NULL);
	assert_int_equal(load_events(f, "acme-2027"), 3);
	e = &f->ev[2];
	assert_string_equal(e->subject, "IAM-01.1");
	assert_true(json_is_true(json_object_get(json_object_get(
		js(f, e->old_value), "IAM-01.1"), "carried")));
	assert_jint(js(f, e->old_value), "IAM-01.1", "batch", 2);
	n = js(f, e->new_value);
	assert_jstr(n, "IAM-01.1", "value", "yes");
	assert_jstr(n, "IAM-01.1", "evidence", "SSO policy");
	assert_null(json_object_get(json_object_get(n, "IAM-01.1"), "carried"));
	/* confirmed in this handle's session, batch 1: no new batch */
	assert_jint(n, "IAM-01.1", "batch", 1);
	assert_int_equal(nbatches(f), 2);
	verify_ok(f, NULL);
}

static void test_trail_import_confirms_carried(void **state)
{
	fixture *f = *state;
	long long id = 0;
	size_t copied = 0;
	const ev *e;
	json_t *o, *n;

	put_ok(f, f->acme, "IAM-01.1", "yes", "SSO policy");
	put_ok(f, f->acme, "IAM-02.1", "admins", NULL);
	assert_int_equal(srmgap_store_get(&f->a, f->s, "acme", &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_create_from(&id, &copied, f->s, "acme-2027",
		f->demo, NULL, NULL, f->a, &f->err), SRMGAP_OK);
	/* the same values imported again: IAM-01.1 confirmed */
	write_file(f, "confirm.csv", "question,answer\nIAM-01.1,yes\n");
	import_ok(f, "acme-2027", NULL);
	assert_int_equal(load_events(f, "acme-2027"), 3);
	e = &f->ev[2];
	assert_string_equal(e->kind, "answers");
	assert_string_equal(e->subject, "IAM-01.1");
	o = js(f, e->old_value);
	n = js(f, e->new_value);
	assert_true(json_is_true(json_object_get(json_object_get(o, "IAM-01.1"),
		"carried")));
	assert_null(json_object_get(json_object_get(n, "IAM-01.1"), "carried"));
	assert_jstr(n, "IAM-01.1", "evidence", "SSO policy");
	/* batches: 1 the session, 2 the copy, 3 the import */
	assert_jint(o, "IAM-01.1", "batch", 2);
	assert_jint(n, "IAM-01.1", "batch", 3);
	load_events(f, NULL);
	assert_batch_event(f, &f->ev[f->nev - 2], 3, "confirm.csv", "alice");
	assert_int_equal(srmgap_store_get(&f->b, f->s, "acme-2027", &f->err),
		SRMGAP_OK);
	assert_int_equal(f->b->carried, 1);
	verify_ok(f, NULL);
}

static void test_trail_verdict_events(void **state)
{
	fixture *f = *state;
	const ev *e;
	json_t *o, *n;

	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED, "saw the IdP",
		"Carol");
	assert_int_equal(nevents(f), 2);
	e = last_event(f);
	assert_string_equal(e->kind, "verdict");
	assert_string_equal(e->subject, "IAM-01");
	assert_string_equal(e->actor, "alice");
	assert_string_equal(e->old_value, "");
	n = js(f, e->new_value);
	assert_jstr(n, "verdict", NULL, "verified");
	assert_jstr(n, "comment", NULL, "saw the IdP");
	assert_jstr(n, "auditor", NULL, "Carol");
	/* the basis: a hash of the answers the verdict was given on */
	assert_int_equal(strlen(json_string_value(json_object_get(n, "basis"))),
		64);
	assert_int_equal(json_object_size(n), 4);
	/* a verdict is no answer: no batch */
	assert_int_equal(nbatches(f), 0);
	/* the row carries the time of its event */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews WHERE "
		"control = 'IAM-01' AND reviewed_at = (SELECT at FROM events "
		"WHERE id = 2)"), 1);

	/* the same verdict again: no event */
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED, "saw the IdP",
		"Carol");
	assert_int_equal(nevents(f), 2);

	/*
	 * changed: the old verdict is in the event; no auditor: the actor;
	 * no comment (NULL): the one recorded stays
	 */
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_NEEDS_EVIDENCE, NULL,
		NULL);
	assert_int_equal(nevents(f), 3);
	e = last_event(f);
	o = js(f, e->old_value);
	n = js(f, e->new_value);
	assert_jstr(o, "verdict", NULL, "verified");
	assert_jstr(o, "auditor", NULL, "Carol");
	assert_jstr(n, "verdict", NULL, "needs-evidence");
	assert_jstr(n, "auditor", NULL, "alice");
	assert_jstr(n, "comment", NULL, "saw the IdP");
	/* the row's time is the newest verdict's */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews WHERE "
		"control = 'IAM-01' AND reviewed_at = (SELECT at FROM events "
		"WHERE id = 3)"), 1);
	/* "" clears the comment: a change, and the event leaves it out */
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_NEEDS_EVIDENCE, "", NULL);
	assert_int_equal(nevents(f), 4);
	e = last_event(f);
	assert_jstr(js(f, e->old_value), "comment", NULL, "saw the IdP");
	n = js(f, e->new_value);
	assert_null(json_object_get(n, "comment"));
	assert_int_equal(json_object_size(n), 3);
	review_ok(f, f->acme, "LOG-01", SRMGAP_VERDICT_NOT_VERIFIED, "stale",
		NULL);
	e = last_event(f);
	assert_string_equal(e->subject, "LOG-01");
	assert_jstr(js(f, e->new_value), "verdict", NULL, "not-verified");
	verify_ok(f, NULL);
}

static void test_trail_signoff_and_reopen_events(void **state)
{
	fixture *f = *state;
	const ev *e;
	json_t *n;

	assert_int_equal(srmgap_store_set_actor(f->s, "carol", &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_signoff(f->s, f->acme, "Carol Auditor",
		"Reviewed in full", &f->err), SRMGAP_OK);
	assert_int_equal(nevents(f), 2);
	e = last_event(f);
	assert_string_equal(e->kind, "signoff");
	assert_string_equal(e->subject, "");
	assert_string_equal(e->actor, "carol");
	n = js(f, e->new_value);
	assert_jstr(n, "auditor", NULL, "Carol Auditor");
	assert_jstr(n, "statement", NULL, "Reviewed in full");
	/* the seal of the sign-off is the hash of its event */
	assert_int_equal(srmgap_store_get(&f->a, f->s, "acme", &f->err),
		SRMGAP_OK);
	assert_non_null(f->a->seal);
	assert_string_equal(f->a->seal, e->hash);
	assert_string_equal(f->a->signed_by, "Carol Auditor");
	assert_string_equal(f->a->statement, "Reviewed in full");
	assert_string_equal(f->a->signed_at, e->at);
	verify_ok(f, NULL);

	assert_int_equal(srmgap_store_set_actor(f->s, "dave", &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, "Typo in IAM-01",
		&f->err), SRMGAP_OK);
	assert_int_equal(nevents(f), 3);
	e = last_event(f);
	assert_string_equal(e->kind, "reopen");
	assert_string_equal(e->actor, "dave");
	assert_jstr(js(f, e->new_value), "reason", NULL, "Typo in IAM-01");
	assert_int_equal(json_object_size(js(f, e->new_value)), 1);
	/* who reopened is the reopen event's actor; when, its time */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs WHERE "
		"reopened_by = 'dave' AND reason = 'Typo in IAM-01' AND "
		"reopened_at = (SELECT at FROM events WHERE id = 3) AND "
		"seal = (SELECT hash FROM events WHERE id = 2) AND "
		"signed_at = (SELECT at FROM events WHERE id = 2)"), 1);
	verify_ok(f, NULL);
	/* signed off again: a second seal */
	assert_int_equal(srmgap_store_signoff(f->s, f->acme, "Carol Auditor",
		NULL, &f->err), SRMGAP_OK);
	assert_int_equal(nevents(f), 4);
	assert_null(json_object_get(js(f, last_event(f)->new_value),
		"statement"));
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs WHERE "
		"reopened_at IS NULL AND reopened_by IS NULL AND reason IS NULL AND "
		"seal = (SELECT hash FROM events WHERE id = 4) AND "
		"signed_at = (SELECT at FROM events WHERE id = 4)"), 1);
	verify_ok(f, NULL);
}

static void test_trail_set_actor_invalid(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_store_set_actor(f->s, "", &f->err),
		SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg, "the actor is empty");
	assert_int_equal(srmgap_store_set_actor(f->s, "bad\xff", &f->err),
		SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg, "invalid actor: not valid UTF-8");
	/* the actor stays what it was */
	put_ok(f, f->acme, "IAM-01.1", "yes", NULL);
	assert_string_equal(last_event(f)->actor, "alice");
}

static void test_trail_chain_links(void **state)
{
	fixture *f = *state;
	size_t i;

	history(f);
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, "more work",
		&f->err), SRMGAP_OK);
	/* the session's batch is open still: no second batch */
	put_ok(f, f->acme, "LOG-01.1", "2025-01-01", NULL);
	assert_int_equal(load_events(f, NULL), 10);
	for (i = 0; i < f->nev; i++) {
		assert_int_equal(f->ev[i].id, (long long)i + 1);
		assert_string_equal(f->ev[i].prev, i == 0 ? GENESIS :
			f->ev[i - 1].hash);
		assert_int_equal(strlen(f->ev[i].hash), 64);
		if (i > 0)
			assert_string_not_equal(f->ev[i].hash, f->ev[i - 1].hash);
	}
	verify_ok(f, NULL);
	assert_int_equal(f->vr.events, 10);
	assert_int_equal(f->vr.assessments, 2);
	assert_string_equal(f->vr.head, f->ev[9].hash);
	/* one assessment: the whole chain, that assessment replayed */
	verify_ok(f, "beta");
	assert_int_equal(f->vr.events, 10);
	assert_int_equal(f->vr.assessments, 1);
}

static void test_trail_verify_untouched_after_reopen(void **state)
{
	fixture *f = *state;
	char head[65];

	history(f);
	verify_ok(f, NULL);
	snprintf(head, sizeof(head), "%s", f->vr.head);
	srmgap_store_close(f->s);
	f->s = NULL;
	assert_int_equal(srmgap_store_open(&f->s, f->db, &f->err), SRMGAP_OK);
	verify_ok(f, NULL);
	assert_string_equal(f->vr.head, head);
	assert_int_equal(f->vr.events, 8);
}

static void test_trail_verify_empty_database(void **state)
{
	fixture *f = *state;

	/* a fresh database: nothing to check, nothing wrong */
	srmgap_store_close(f->s);
	f->s = NULL;
	unlink(f->db);
	assert_int_equal(srmgap_store_open(&f->s, f->db, &f->err), SRMGAP_OK);
	verify_ok(f, NULL);
	assert_int_equal(f->vr.events, 0);
	assert_string_equal(f->vr.head, "");
}

static void test_trail_tamper_event_value(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE events SET new = replace(new, 'yes', 'no') "
		"WHERE id = 3");
	verify_fails(f, NULL, "event 3 (answers of 'acme') does not match its "
		"hash", 3);
	/* the chain is the whole database's: any assessment sees it */
	verify_fails(f, "beta", "event 3 (answers of 'acme')", 3);
}

static void test_trail_tamper_delete_middle_event(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "DELETE FROM events WHERE id = 4");
	verify_fails(f, NULL, "event 5 follows event 3: events were deleted", 5);
}

static void test_trail_tamper_event_prev(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE events SET prev = (SELECT hash FROM events WHERE "
		"id = 1) WHERE id = 6");
	verify_fails(f, NULL, "event 6 does not link to the event before it", 6);
}

static void test_trail_tamper_appended_event(void **state)
{
	fixture *f = *state;

	/* a forged event at the end that does not link to the chain */
	history(f);
	tamper(f, "INSERT INTO events (id, assessment_id, assessment, at, actor, "
		"kind, subject, old, new, prev, hash) VALUES (9, 1, 'acme', "
		"'2026-01-01T00:00:00Z', 'mallory', 'reopen', '', '', "
		"'{\"reason\":\"x\"}', '" GENESIS "', '" GENESIS "')");
	verify_fails(f, NULL, "event 9 does not link to the event before it", 9);
}

static void test_trail_tamper_answer_value(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE answers SET value = 'no' WHERE id = 1048576");
	verify_fails(f, NULL, "assessment 'acme': the answer to 'IAM-01.1' is "
		"not what the trail recorded", 0);
	verify_fails(f, "acme", "the answer to 'IAM-01.1'", 0);
	/* the other assessment is intact */
	verify_ok(f, "beta");
}

static void test_trail_tamper_answer_evidence(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE answers SET evidence = 'forged' WHERE id = 1048578");
	verify_fails(f, NULL, "assessment 'acme': the answer to 'IAM-02.1' is "
		"not what the trail recorded", 0);
}

static void test_trail_tamper_delete_answer(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "DELETE FROM answers WHERE id = 2097152");
	verify_fails(f, NULL, "assessment 'beta' has 0 answers where the trail "
		"recorded 1", 0);
	verify_ok(f, "acme");
}

static void test_trail_tamper_insert_answer(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "INSERT INTO answers (id, assessment_id, value, import_id) "
		"VALUES (2097154, 2, 'all', 1)");
	verify_fails(f, NULL, "assessment 'beta': the answer to 'IAM-02.1' is "
		"not what the trail recorded", 0);
}

static void test_trail_tamper_insert_review(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "INSERT INTO reviews VALUES (1, 'LOG-01', 'verified', '', "
		"'mallory', '2026-01-01T00:00:00Z', '')");
	verify_fails(f, NULL, "assessment 'acme': the verdict on 'LOG-01' is not "
		"what the trail recorded", 0);
}

static void test_trail_tamper_update_review(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE reviews SET verdict = 'not-verified'");
	verify_fails(f, NULL, "the verdict on 'IAM-01' is not what the trail "
		"recorded", 0);
}

static void test_trail_tamper_reopen_behind_its_back(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE signoffs SET reopened_at = '2026-01-01T00:00:00Z', "
		"reopened_by = 'mallory', reason = 'x'");
	/* srmgap itself now takes writes again... */
	put_ok(f, f->acme, "LOG-01.1", "2025-01-01", NULL);
	/*
	 * ...but the trail does not hold the reopening: the answer's event
	 * comes while the trail says the assessment is signed off
	 */
	verify_fails(f, NULL, "changes 'acme' while it is signed off", 9);
}

static void test_trail_tamper_signoff_statement(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE signoffs SET statement = 'All perfect'");
	verify_fails(f, NULL, "assessment 'acme': its sign-offs are not what the "
		"trail recorded: they were changed outside srmgap", 0);
}

static void test_trail_tamper_assessment_org(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE assessments SET org = 'Evil Corp' WHERE name = 'acme'");
	verify_fails(f, NULL, "assessment 'acme' no longer matches how it was "
		"created (model, snapshot, organisation, assessor or time changed "
		"outside srmgap)", 0);
	verify_ok(f, "beta");
}

static void test_trail_tamper_rename_assessment(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE assessments SET name = 'gamma' WHERE name = 'beta'");
	verify_fails(f, NULL, "names assessment 'beta', but assessment 2 is "
		"'gamma'", 6);
}

static void test_trail_tamper_delete_assessment(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "DELETE FROM answers WHERE assessment_id = 2;"
		"DELETE FROM assessments WHERE name = 'beta'");
	verify_fails(f, NULL, "assessment 'beta' is in the trail but not in the "
		"database", 6);
}

static void test_trail_tamper_created_at(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE assessments SET created_at = '2020-01-01T00:00:00Z' "
		"WHERE name = 'acme'");
	verify_fails(f, NULL, "assessment 'acme' no longer matches how it was "
		"created (model, snapshot, organisation, assessor or time changed "
		"outside srmgap)", 0);
	verify_fails(f, "acme", "assessment 'acme' no longer matches", 0);
	verify_ok(f, "beta");
}

static void test_trail_tamper_reviewed_at(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE reviews SET reviewed_at = '2020-01-01T00:00:00Z' "
		"WHERE control = 'IAM-01'");
	verify_fails(f, NULL, "assessment 'acme': the verdict on 'IAM-01' is not "
		"what the trail recorded: it was changed outside srmgap", 0);
}

static void test_trail_tamper_signed_at(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE signoffs SET signed_at = '2020-01-01T00:00:00Z'");
	verify_fails(f, NULL, "assessment 'acme': its sign-offs are not what the "
		"trail recorded: they were changed outside srmgap", 0);
	verify_ok(f, "beta");
}

static void test_trail_tamper_reopened_signoff(void **state)
{
	fixture *f = *state;

	/* event 9: acme reopened by alice; then signed off again (10) */
	history(f);
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, "more work",
		&f->err), SRMGAP_OK);
	assert_int_equal(srmgap_store_signoff(f->s, f->acme, "Carol", NULL,
		&f->err), SRMGAP_OK);
	verify_ok(f, NULL);
	/* each field of the closed sign-off, changed and put back */
	tamper(f, "UPDATE signoffs SET reason = 'nothing to see' WHERE id = 1");
	verify_fails(f, NULL, "assessment 'acme': its sign-offs are not what the "
		"trail recorded: they were changed outside srmgap", 0);
	tamper(f, "UPDATE signoffs SET reason = 'more work' WHERE id = 1");
	verify_ok(f, NULL);
	tamper(f, "UPDATE signoffs SET reopened_by = 'mallory' WHERE id = 1");
	verify_fails(f, NULL, "assessment 'acme': its sign-offs are not what the "
		"trail recorded", 0);
	tamper(f, "UPDATE signoffs SET reopened_by = 'alice' WHERE id = 1");
	verify_ok(f, NULL);
	tamper(f, "UPDATE signoffs SET reopened_at = '2020-01-01T00:00:00Z' "
		"WHERE id = 1");
	verify_fails(f, NULL, "assessment 'acme': its sign-offs are not what the "
		"trail recorded", 0);
	tamper(f, "UPDATE signoffs SET reopened_at = (SELECT at FROM events "
		"WHERE id = 9) WHERE id = 1");
	verify_ok(f, NULL);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events WHERE id = 9 AND "
		"kind = 'reopen'"), 1);
	/* the order of the sign-offs is the trail's */
	tamper(f, "UPDATE signoffs SET id = 99 WHERE id = 1;"
		"UPDATE signoffs SET id = 1 WHERE id = 2;"
		"UPDATE signoffs SET id = 2 WHERE id = 99");
	verify_fails(f, NULL, "assessment 'acme': its sign-offs are not what the "
		"trail recorded", 0);
	tamper(f, "UPDATE signoffs SET id = 99 WHERE id = 1;"
		"UPDATE signoffs SET id = 1 WHERE id = 2;"
		"UPDATE signoffs SET id = 2 WHERE id = 99");
	verify_ok(f, NULL);
	/* the first, reopened, sign-off deleted */
	tamper(f, "DELETE FROM signoffs WHERE id = 1");
	verify_fails(f, NULL, "assessment 'acme': its sign-offs are not what the "
		"trail recorded", 0);
	/* the reason dropped: NULL is not the reason the trail has */
	tamper(f, "INSERT INTO signoffs SELECT 1, 1, 'Carol', 'Fine', "
		"(SELECT at FROM events WHERE id = 8), (SELECT hash FROM events "
		"WHERE id = 8), (SELECT at FROM events WHERE id = 9), 'alice', "
		"'more work'");
	verify_ok(f, NULL);
	tamper(f, "UPDATE signoffs SET reason = NULL WHERE id = 1");
	verify_fails(f, NULL, "its sign-offs are not what the trail recorded",
		0);
}

static void test_trail_tamper_unfreeze_with_empty_reopened_at(void **state)
{
	fixture *f = *state;

	/*
	 * The store takes any reopened_at that is not NULL, an empty one
	 * too, for a reopening: acme takes writes again, and reports no
	 * longer show it signed off. The trail holds no reopening, so
	 * verify must say so; the same for an empty reopened_by.
	 */
	history(f);
	tamper(f, "UPDATE signoffs SET reopened_at = ''");
	verify_fails(f, NULL, "assessment 'acme': its sign-offs are not what the "
		"trail recorded", 0);
	tamper(f, "UPDATE signoffs SET reopened_at = NULL, reopened_by = ''");
	verify_fails(f, NULL, "assessment 'acme': its sign-offs are not what the "
		"trail recorded", 0);
}

static void test_trail_tamper_import_recorded_at(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE imports SET recorded_at = '2020-01-01T00:00:00Z' "
		"WHERE id = 1");
	verify_fails(f, NULL, "the import that event 2 records is gone or "
		"changed: it was changed outside srmgap", 2);
	/* batches are the database's: checked for one assessment too */
	verify_fails(f, "beta", "the import that event 2 records", 2);
}

static void test_trail_tamper_import_source(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "UPDATE imports SET source = 'forged.csv' WHERE id = 1");
	verify_fails(f, NULL, "the import that event 2 records is gone or "
		"changed: it was changed outside srmgap", 2);
}

static void test_trail_tamper_answer_import_id(void **state)
{
	fixture *f = *state;

	/* a second batch, 2 (events 9 and 10): an import into beta */
	history(f);
	write_file(f, "beta.csv", "question,answer\nIAM-02.1,all\n");
	import_ok(f, "beta", NULL);
	assert_int_equal(nevents(f), 10);
	verify_ok(f, NULL);
	/* beta's IAM-01.1 is of the session, batch 1: moved to the import */
	tamper(f, "UPDATE answers SET import_id = 2 WHERE id = 2097152");
	verify_fails(f, NULL, "assessment 'beta': the answer to 'IAM-01.1' is "
		"not what the trail recorded: it was changed outside srmgap", 0);
	verify_ok(f, "acme");
	/* to a batch that does not exist */
	tamper(f, "UPDATE answers SET import_id = 99 WHERE id = 2097152");
	verify_fails(f, NULL, "assessment 'beta': the answer to 'IAM-01.1'", 0);
	tamper(f, "UPDATE answers SET import_id = 1 WHERE id = 2097152");
	verify_ok(f, NULL);
}

static void test_trail_tamper_delete_import(void **state)
{
	fixture *f = *state;

	history(f);
	/* the batch of acme's and beta's answers */
	tamper(f, "DELETE FROM imports WHERE id = 1");
	verify_fails(f, NULL, "the import that event 2 records is gone or "
		"changed: it was changed outside srmgap", 2);
	tamper(f, "INSERT INTO imports (id, source, recorded_at) SELECT 1, "
		"'run', at FROM events WHERE id = 2");
	verify_ok(f, NULL);
	/*
	 * A batch no answer points to any more (its one answer replaced by
	 * the next import), which no foreign key keeps from being deleted
	 */
	write_file(f, "beta.csv", "question,answer\nIAM-01.1,yes\n");
	import_ok(f, "beta", NULL);
	write_file(f, "beta.csv", "question,answer\nIAM-01.1,no\n");
	import_ok(f, "beta", NULL);
	{
		long long b = sql_int(f->s, "SELECT max(id) FROM imports WHERE id NOT IN "
			"(SELECT import_id FROM answers)");
		long long e = count_id(f, "SELECT id FROM events WHERE kind = "
			"'batch' AND json_extract(new, '$.id') = ?", b);
		char sql[96];

		assert_true(b > 1);
		verify_ok(f, NULL);
		snprintf(sql, sizeof(sql), "DELETE FROM imports WHERE id = %lld", b);
		tamper(f, sql);
		verify_fails(f, NULL, "is gone or changed", e);
	}
}

static void test_trail_tamper_insert_import(void **state)
{
	fixture *f = *state;

	history(f);
	tamper(f, "INSERT INTO imports (source, recorded_at) VALUES "
		"('forged.csv', '2026-01-01T00:00:00Z')");
	verify_fails(f, NULL, "import 2 is not in the trail: it was added "
		"outside srmgap", 0);
	verify_fails(f, "acme", "import 2 is not in the trail", 0);
}

/*
 * Each row srmgap writes against the event written with it, in SQL of
 * its own (not verify's code): the time, the seal, who reopened and why,
 * and the batch of every answer.
 */
static void assert_rows_match_events(fixture *f)
{
	long long n;

	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments a WHERE "
		"created_at IS NOT (SELECT at FROM events e WHERE e.kind = "
		"'created' AND e.assessment_id = a.id)"), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports i WHERE "
		"(SELECT count(*) FROM events e WHERE e.kind = 'batch' AND "
		"e.assessment_id = 0 AND e.assessment = '' AND "
		"json_extract(e.new, '$.id') = i.id AND "
		"json_extract(e.new, '$.source') = i.source AND "
		"e.at = i.recorded_at) <> 1"), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM reviews r WHERE "
		"reviewed_at IS NOT (SELECT at FROM events e WHERE e.kind = "
		"'verdict' AND e.assessment_id = r.assessment_id AND e.subject = "
		"r.control ORDER BY e.id DESC LIMIT 1)"), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs g WHERE "
		"signed_at IS NOT (SELECT at FROM events e WHERE e.kind = "
		"'signoff' AND e.hash = g.seal AND e.assessment_id = "
		"g.assessment_id)"), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM signoffs g WHERE "
		"reopened_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e "
		"WHERE e.kind = 'reopen' AND e.assessment_id = g.assessment_id "
		"AND e.at = g.reopened_at AND e.actor = g.reopened_by AND "
		"json_extract(e.new, '$.reason') = g.reason AND e.id > "
		"(SELECT id FROM events WHERE hash = g.seal))"), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers x "
		"JOIN assessments a ON a.id = x.assessment_id "
		"JOIN snapshot_questions q ON q.snapshot_id = a.snapshot_id "
		"AND q.ord = (x.id & 1048575) WHERE x.import_id IS NOT "
		"(SELECT json_extract(e.new, '$.\"' || q.question || '\".batch') "
		"FROM events e WHERE e.kind = 'answers' AND e.assessment_id = a.id "
		"AND json_extract(e.new, '$.\"' || q.question || '\"') IS NOT NULL "
		"ORDER BY e.id DESC LIMIT 1)"), 0);
	/*
	 * An answers event holds answers of batches that existed by then:
	 * it is not dated before any of them (nor listed before them).
	 */
	n = sql_int(f->s, "SELECT count(*) FROM events e, json_each(e.new) j "
		"JOIN events b ON b.kind = 'batch' AND "
		"json_extract(b.new, '$.id') = json_extract(j.value, '$.batch') "
		"WHERE e.kind = 'answers' AND (e.at < b.at OR e.id < b.id)");
	if (n != 0)
		print_error("%lld answers in events dated before their batch: %s\n",
			n, first_text(f, "SELECT group_concat(x, '; ') FROM (SELECT "
			"'event ' || e.id || ' (' || e.assessment || ' ' || j.key || ') "
			"at ' || e.at || ', its batch ' || json_extract(j.value, "
			"'$.batch') || ' at ' || b.at AS x FROM events e, "
			"json_each(e.new) j JOIN events b ON b.kind = 'batch' AND "
			"json_extract(b.new, '$.id') = json_extract(j.value, '$.batch') "
			"WHERE e.kind = 'answers' AND (e.at < b.at OR e.id < b.id))"));
	assert_int_equal(n, 0);
}

static void test_trail_verify_untouched_every_writer(void **state)
{
	fixture *f = *state;
	long long next = 0, total, session;
	size_t copied = 0;
	char at[32];

	/* an import into acme */
	write_file(f, "acme.csv", "question,answer,evidence,evidence_date,note\n"
		"IAM-01.1,yes,SSO policy,2025-06-01,\n"
		"IAM-02.1,admins,,,partly\n");
	import_ok(f, "acme", NULL);
	verify_ok(f, NULL);
	/* a bulk import: newco created, acme changed */
	write_file(f, "bulk.csv", "assessment,question,answer\n"
		"newco,IAM-01.1,no\n"
		"acme,IAM-02.1,all\n");
	import_ok(f, NULL, f->demo);
	verify_ok(f, NULL);
	/*
	 * As `run` writes: one answer per transaction, all in the session's
	 * one batch, which keeps the time of its first transaction while
	 * the clock moves on
	 */
	put_ok(f, f->acme, "LOG-01.1", "2025-05-01", NULL);
	session = sql_int(f->s, "SELECT max(id) FROM imports");
	assert_int_equal(session, 3);
	next_second();
	put_ok(f, f->acme, "LOG-01.2", "ops@example.com", NULL);
	assert_string_not_equal(last_event(f)->at, text_id(f, "SELECT "
		"recorded_at FROM imports WHERE id = ?1", session, at, sizeof(at)));
	/* "" clears the evidence: a change */
	put_ok(f, f->acme, "IAM-01.1", "yes", "");
	verify_ok(f, NULL);
	/* new --from, and a carried answer confirmed */
	assert_int_equal(srmgap_store_get(&f->a, f->s, "acme", &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_create_from(&next, &copied, f->s,
		"acme-next", f->demo, NULL, NULL, f->a, &f->err), SRMGAP_OK);
	assert_int_equal(copied, 4);
	put_ok(f, next, "IAM-02.1", "all", NULL);
	verify_ok(f, NULL);
	/* verdicts; one changed a second later */
	review_ok(f, f->acme, "IAM-01", SRMGAP_VERDICT_VERIFIED, "seen", "Carol");
	review_ok(f, f->acme, "IAM-02", SRMGAP_VERDICT_NOT_VERIFIED, NULL, NULL);
	next_second();
	review_ok(f, f->acme, "IAM-02", SRMGAP_VERDICT_VERIFIED, "export seen",
		NULL);
	verify_ok(f, NULL);
	/* signed off, reopened, signed off again */
	assert_int_equal(srmgap_store_signoff(f->s, f->acme, "Carol", "Fine",
		&f->err), SRMGAP_OK);
	verify_ok(f, NULL);
	assert_int_equal(srmgap_store_reopen(f->s, f->acme, "LOG-01 again",
		&f->err), SRMGAP_OK);
	verify_ok(f, NULL);
	assert_int_equal(srmgap_store_signoff(f->s, f->acme, "Carol", NULL,
		&f->err), SRMGAP_OK);
	verify_ok(f, NULL);
	assert_rows_match_events(f);
	/* batches: the two files, the session, the copy */
	assert_int_equal(nbatches(f), 4);
	load_events(f, NULL);
	assert_batch_event(f, &f->ev[1], 1, "acme.csv", "alice");
	/* as another process finds it */
	total = nevents(f);
	srmgap_store_close(f->s);
	f->s = NULL;
	assert_int_equal(srmgap_store_open(&f->s, f->db, &f->err), SRMGAP_OK);
	verify_ok(f, NULL);
	assert_int_equal(f->vr.events, total);
	assert_int_equal(f->vr.assessments, 3);
}

static void test_trail_one_time_per_transaction(void **state)
{
	fixture *f = *state;
	char t0[32], now[32];
	long long id;
	size_t i;

	assert_int_equal(srmgap_store_begin(f->s, &f->err), SRMGAP_OK);
	snprintf(t0, sizeof(t0), "%s", srmgap_store__time(f->s));
	/* the clock moves on; the transaction's time does not */
	next_second();
	id = create(f, "gamma");
	assert_int_equal(put(f, id, "IAM-01.1", "yes", "SSO", NULL, NULL,
		"tx.csv"), SRMGAP_OK);
	review_ok(f, id, "IAM-01", SRMGAP_VERDICT_VERIFIED, NULL, NULL);
	assert_int_equal(srmgap_store_signoff(f->s, id, "Carol", NULL, &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_commit(f->s, &f->err), SRMGAP_OK);
	srmgap_store__now(now);
	assert_string_not_equal(now, t0);
	/* 2 created, 3 batch, 4 answers, 5 verdict, 6 signoff: all at t0 */
	assert_int_equal(load_events(f, NULL), 6);
	for (i = 1; i < f->nev; i++)
		assert_string_equal(f->ev[i].at, t0);
	assert_batch_event(f, &f->ev[2], 1, "tx.csv", "alice");
	assert_int_equal(count_id(f, "SELECT count(*) FROM assessments WHERE "
		"id = ?1 AND created_at = (SELECT at FROM events WHERE id = 2)", id),
		1);
	assert_int_equal(count_id(f, "SELECT count(*) FROM reviews WHERE "
		"assessment_id = ?1 AND reviewed_at = (SELECT at FROM events WHERE "
		"id = 2)", id), 1);
	assert_int_equal(count_id(f, "SELECT count(*) FROM signoffs WHERE "
		"assessment_id = ?1 AND signed_at = (SELECT at FROM events WHERE "
		"id = 2)", id), 1);
	assert_rows_match_events(f);
	verify_ok(f, NULL);
	/* a write of its own takes the time it is made */
	assert_int_equal(srmgap_store_reopen(f->s, id, "again", &f->err),
		SRMGAP_OK);
	assert_true(strcmp(last_event(f)->at, now) >= 0);
	assert_rows_match_events(f);
	verify_ok(f, NULL);
}

/* Answer objects of the writers' test: every field, or the value alone. */
#define W_EVIDENCE "SSO policy \"v2\" \\ caf\xc3\xa9"
#define W_EVIDENCE_CSV "\"SSO policy \"\"v2\"\" \\ caf\xc3\xa9\""
#define W_DATE "2025-06-01"
#define W_NOTE "checked,\nby Bob </script>"
#define W_NOTE_CSV "\"checked,\nby Bob </script>\""
#define W_FULL_ROW "IAM-01.1,yes," W_EVIDENCE_CSV "," W_DATE "," W_NOTE_CSV
#define W_BARE_ROW "IAM-02.1,all,,,"

/* `j` (stolen) kept until teardown. */
static json_t *keep(fixture *f, json_t *j)
{
	assert_non_null(j);
	assert_true(f->njson < NJSON);
	f->json[f->njson++] = j;
	return j;
}

/* What the "answers" events of `name` leave: question id -> answer. */
static json_t *trail_answers(fixture *f, const char *name)
{
	json_t *all = keep(f, json_object()), *n, *v;
	const char *key;
	size_t i;

	assert_true(load_events(f, name) > 0);
	for (i = 0; i < f->nev; i++) {
		if (strcmp(f->ev[i].kind, "answers") != 0)
			continue;
		/* json_object_foreach evaluates its object more than once */
		n = js(f, f->ev[i].new_value);
		json_object_foreach(n, key, v)
			assert_int_equal(json_object_set(all, key, v), 0);
	}
	return all;
}

static json_t *want_answer(fixture *f, int full, long long batch,
	int carried)
{
	json_t *o = full ? json_pack("{s:I,s:s,s:s,s:s,s:s}", "batch",
		(json_int_t)batch, "value", "yes", "evidence", W_EVIDENCE,
		"evidence_date", W_DATE, "note", W_NOTE) :
		json_pack("{s:I,s:s}", "batch", (json_int_t)batch, "value", "all");

	keep(f, o);
	if (carried)
		assert_int_equal(json_object_set_new(o, "carried", json_true()), 0);
	return o;
}

static void assert_json_equal(json_t *got, json_t *want, const char *what)
{
	if (!json_equal(got, want)) {
		char *g = got ? json_dumps(got, JSON_SORT_KEYS) : NULL;
		char *w = json_dumps(want, JSON_SORT_KEYS);

		print_error("%s: %s, expected %s\n", what, g ? g : "(absent)",
			w ? w : "?");
		free(g);
		free(w);
	}
	assert_true(json_equal(got, want));
}

/* `o` without what tells the writers apart: its batch, carried. */
static json_t *sans_batch(fixture *f, json_t *o)
{
	json_t *c = keep(f, json_deep_copy(o));

	json_object_del(c, "batch");
	json_object_del(c, "carried");
	return c;
}

static void test_trail_answer_json_writers_agree(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *name, *source;
		int full, carried;
	} w[] = {
		{ "acme", "run", 1, 0 },                 /* put_answer (C) */
		{ "newco", "new.csv", 1, 0 },            /* import, new: pend() */
		{ "oldco", "old.csv", 1, 0 },            /* import: ANSWER_JSON */
		{ "acme-next", "carried over from acme", 1, 1 }, /* new --from */
		{ "bare", "bare.csv", 0, 0 },            /* pend(), no columns */
		{ "oldbare", "oldbare.csv", 0, 0 },      /* ANSWER_JSON, none */
	};
	json_t *ref[2] = { NULL, NULL }, *got;
	long long id = 0;
	size_t copied = 0, i;
	char what[96];

	assert_int_equal(put(f, f->acme, "IAM-01.1", "yes", W_EVIDENCE, W_DATE,
		W_NOTE, "run"), SRMGAP_OK);
	assert_int_equal(put(f, f->acme, "IAM-02.1", "all", "", "", "", "run"),
		SRMGAP_OK);
	write_file(f, "new.csv", "assessment,question,answer,evidence,"
		"evidence_date,note\nnewco," W_FULL_ROW "\nnewco," W_BARE_ROW "\n");
	import_ok(f, NULL, f->demo);
	create(f, "oldco");
	write_file(f, "old.csv", "question,answer,evidence,evidence_date,note\n"
		W_FULL_ROW "\n" W_BARE_ROW "\n");
	import_ok(f, "oldco", NULL);
	assert_int_equal(srmgap_store_get(&f->a, f->s, "acme", &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_create_from(&id, &copied, f->s,
		"acme-next", f->demo, NULL, NULL, f->a, &f->err), SRMGAP_OK);
	assert_int_equal(copied, 2);
	write_file(f, "bare.csv", "assessment,question,answer\n"
		"bare,IAM-02.1,all\n");
	import_ok(f, NULL, f->demo);
	create(f, "oldbare");
	write_file(f, "oldbare.csv", "question,answer\nIAM-02.1,all\n");
	import_ok(f, "oldbare", NULL);

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		json_t *all = trail_answers(f, w[i].name);
		long long batch = -1;
		sqlite3_stmt *st = NULL;

		assert_int_equal(sqlite3_prepare_v2(srmgap_store__db(f->s),
			"SELECT id FROM imports WHERE source = ?", -1, &st, NULL),
			SQLITE_OK);
		sqlite3_bind_text(st, 1, w[i].source, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			batch = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		assert_true(batch > 0);
		assert_int_equal(json_object_size(all), w[i].full ? 2 : 1);
		if (w[i].full) {
			snprintf(what, sizeof(what), "%s IAM-01.1", w[i].name);
			got = json_object_get(all, "IAM-01.1");
			assert_json_equal(got, want_answer(f, 1, batch, w[i].carried),
				what);
			if (ref[0] == NULL)
				ref[0] = sans_batch(f, got);
			assert_json_equal(sans_batch(f, got), ref[0], what);
		}
		snprintf(what, sizeof(what), "%s IAM-02.1", w[i].name);
		got = json_object_get(all, "IAM-02.1");
		assert_json_equal(got, want_answer(f, 0, batch, w[i].carried), what);
		if (ref[1] == NULL)
			ref[1] = sans_batch(f, got);
		assert_json_equal(sans_batch(f, got), ref[1], what);
	}
	/* and verify's own form, built from the rows, agrees with them all */
	verify_ok(f, NULL);
	assert_int_equal(f->vr.assessments, 6);
	assert_rows_match_events(f);
}

static void test_trail_session_batch_survives_refused_write(void **state)
{
	fixture *f = *state;
	long long beta;

	/*
	 * store.h: "answers of one source through one handle form one
	 * batch". A write refused in a later transaction (beta is signed
	 * off) rolls back nothing of the session's batch, written and
	 * committed earlier: the session goes on in it.
	 */
	put_ok(f, f->acme, "IAM-01.1", "yes", NULL);
	beta = create(f, "beta");
	assert_int_equal(srmgap_store_signoff(f->s, beta, "Carol", NULL,
		&f->err), SRMGAP_OK);
	assert_int_equal(put(f, beta, "IAM-01.1", "no", NULL, NULL, NULL, "run"),
		SRMGAP_EFROZEN);
	put_ok(f, f->acme, "IAM-02.1", "all", NULL);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports"), 1);
	assert_int_equal(nbatches(f), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(DISTINCT import_id) FROM "
		"answers"), 1);
	verify_ok(f, NULL);
}

typedef struct filter_ctx {
	size_t n;
	int stop_at;
} filter_ctx;

static int count_events(const srmgap_event *e, void *vctx)
{
	filter_ctx *c = vctx;

	assert_non_null(e->hash);
	c->n++;
	return c->stop_at != 0 && (int)c->n == c->stop_at ? -77 : 0;
}

static void test_trail_events_filter_by_name(void **state)
{
	fixture *f = *state;
	filter_ctx c = { 0, 0 };
	size_t i;

	history(f);
	/* a batch is of no assessment: not among acme's events */
	assert_int_equal(load_events(f, "acme"), 5);
	for (i = 0; i < f->nev; i++)
		assert_string_equal(f->ev[i].assessment, "acme");
	assert_string_equal(f->ev[0].kind, "created");
	assert_int_equal(f->ev[1].id, 3);
	assert_string_equal(f->ev[4].kind, "signoff");
	assert_int_equal(load_events(f, "beta"), 2);
	assert_int_equal(f->ev[0].id, 6);
	assert_int_equal(f->ev[1].id, 7);
	assert_string_equal(f->ev[1].kind, "answers");
	assert_int_equal(load_events(f, "nope"), 0);
	assert_int_equal(load_events(f, NULL), 8);
	assert_string_equal(f->ev[1].kind, "batch");
	/* the callback's code stops the walk and is returned */
	c.stop_at = 3;
	assert_int_equal(srmgap_store_events(f->s, NULL, count_events, &c,
		&f->err), -77);
	assert_int_equal(c.n, 3);
}

/*
 * Schema version 1 exactly as srmgap 0.1 created it: the first entry of
 * migrations[] in src/lib/store.c, copied.
 */
static const char V1_SCHEMA[] =
	"CREATE TABLE snapshots ("
	"  id INTEGER PRIMARY KEY,"
	"  model TEXT NOT NULL,"
	"  variant TEXT NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  version TEXT NOT NULL,"
	"  source TEXT,"
	"  description TEXT,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (hash, variant));"
	"CREATE TABLE snapshot_parties ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  ord INTEGER NOT NULL, party TEXT NOT NULL, name TEXT NOT NULL,"
	"  role TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_areas ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  ord INTEGER NOT NULL, area TEXT NOT NULL, name TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_duties ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  area_ord INTEGER NOT NULL, party_ord INTEGER NOT NULL,"
	"  duty TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, area_ord, party_ord)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_controls ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  ord INTEGER NOT NULL, control TEXT NOT NULL, area TEXT NOT NULL,"
	"  title TEXT NOT NULL, owner TEXT NOT NULL, severity TEXT NOT NULL,"
	"  weight TEXT NOT NULL, description TEXT NOT NULL,"
	"  remediation TEXT NOT NULL, refs TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_questions ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  ord INTEGER NOT NULL, question TEXT NOT NULL, control TEXT NOT NULL,"
	"  text TEXT NOT NULL, type TEXT NOT NULL, options TEXT NOT NULL,"
	"  weight TEXT NOT NULL, required TEXT NOT NULL,"
	"  depends_on TEXT NOT NULL, pattern TEXT NOT NULL, help TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_scenarios ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  ord INTEGER NOT NULL, scenario TEXT NOT NULL, owner TEXT NOT NULL,"
	"  provider_duty TEXT NOT NULL, customer_duty TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE assessments ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  org TEXT, assessor TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE imports ("
	"  id INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL);"
	"CREATE TABLE answers ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id),"
	"  value TEXT NOT NULL,"
	"  evidence TEXT NOT NULL DEFAULT '',"
	"  note TEXT NOT NULL DEFAULT '',"
	"  import_id INTEGER NOT NULL REFERENCES imports(id));"
	"CREATE TABLE answer_history ("
	"  id INTEGER PRIMARY KEY,"
	"  answer_id INTEGER NOT NULL,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id),"
	"  question TEXT NOT NULL, value TEXT NOT NULL, evidence TEXT NOT NULL,"
	"  note TEXT NOT NULL,"
	"  import_id INTEGER NOT NULL REFERENCES imports(id),"
	"  replaced_by INTEGER NOT NULL REFERENCES imports(id));"
	"CREATE INDEX answer_history_by_answer ON answer_history (answer_id);"
	"CREATE TRIGGER answers_keep_history BEFORE UPDATE ON answers BEGIN"
	"  INSERT INTO answer_history (answer_id, assessment_id, question, value,"
	"    evidence, note, import_id, replaced_by)"
	"  SELECT OLD.id, OLD.assessment_id, q.question, OLD.value, OLD.evidence,"
	"    OLD.note, OLD.import_id, NEW.import_id"
	"  FROM assessments a JOIN snapshot_questions q"
	"    ON q.snapshot_id = a.snapshot_id AND q.ord = (OLD.id & 1048575)"
	"  WHERE a.id = OLD.assessment_id;"
	"END;"
	"CREATE VIEW answer_list AS"
	"  SELECT a.name AS assessment, q.question, x.value, x.evidence, x.note,"
	"    i.recorded_at, i.source"
	"  FROM answers x JOIN assessments a ON a.id = x.assessment_id"
	"  JOIN snapshot_questions q"
	"    ON q.snapshot_id = a.snapshot_id AND q.ord = (x.id & 1048575)"
	"  JOIN imports i ON i.id = x.import_id;";

/*
 * A schema 1 database at <dir>/v1.db: the snapshot of demo copied from
 * the fixture's (schema 2) database, whose snapshot tables are the same
 * in both versions, and two assessments with answers written as srmgap
 * 0.1 wrote them. Demo's questions are IAM-01.1 (ord 0), IAM-01.2,
 * IAM-02.1 (2), LOG-01.1, LOG-01.2. IAM-02.1 of old-acme was answered
 * "admins" in import 1, then "all" in import 2 (history through the
 * schema 1 trigger). `extra` runs after, to spoil the database.
 */
static void make_v1(fixture *f, const char *path, const char *extra)
{
	static const char *const tables[] = {
		"snapshots", "snapshot_parties", "snapshot_areas", "snapshot_duties",
		"snapshot_controls", "snapshot_questions", "snapshot_scenarios"
	};
	sqlite3 *db = NULL;
	char sql[512];
	char *msg = NULL;
	size_t i;
	int rc;

	unlink(path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	rc = sqlite3_exec(db, V1_SCHEMA, NULL, NULL, &msg);
	if (rc == SQLITE_OK) {
		snprintf(sql, sizeof(sql), "ATTACH '%s' AS src", f->db);
		rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	}
	for (i = 0; rc == SQLITE_OK && i < sizeof(tables) / sizeof(tables[0]);
	    i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO main.%s SELECT * FROM src.%s",
			tables[i], tables[i]);
		rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "DETACH src;"
			"INSERT INTO assessments VALUES (1, 'old-acme', 1, 'Acme Corp', "
			"  'Bob', '2025-01-01T10:00:00Z');"
			"INSERT INTO assessments VALUES (2, 'old-beta', 1, '', '', "
			"  '2025-02-01T10:00:00Z');"
			"INSERT INTO imports VALUES (1, 'answers.csv', "
			"  '2025-01-02T10:00:00Z');"
			"INSERT INTO imports VALUES (2, 'run', '2025-03-01T10:00:00Z');"
			"INSERT INTO answers VALUES (1048576, 1, 'yes', 'SSO policy', '', "
			"  1);"
			"INSERT INTO answers VALUES (1048578, 1, 'admins', '', 'partly', "
			"  1);"
			"UPDATE answers SET value = 'all', note = '', import_id = 2 "
			"  WHERE id = 1048578;"
			"INSERT INTO answers VALUES (2097152, 2, 'no', '', 'lapsed', 2);"
			"PRAGMA user_version = 1;", NULL, NULL, &msg);
	if (rc == SQLITE_OK && extra != NULL)
		rc = sqlite3_exec(db, extra, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		print_error("make_v1: %s\n", msg ? msg : "?");
	sqlite3_free(msg);
	assert_int_equal(rc, SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/*
 * The answers the "answers" events of f->ev (from load_events) leave,
 * replayed in order: question id -> answer object. Fails on events of
 * other kinds after the first.
 */
static json_t *replay_answers(fixture *f)
{
	json_t *all = json_object();
	size_t i;

	assert_non_null(all);
	assert_true(f->njson < NJSON);
	f->json[f->njson++] = all;
	for (i = 1; i < f->nev; i++) {
		json_t *n = js(f, f->ev[i].new_value), *v;
		const char *key;

		assert_string_equal(f->ev[i].kind, "answers");
		json_object_foreach(n, key, v)
			json_object_set(all, key, v);
	}
	return all;
}

/* Open the schema 1 database at <dir>/v1.db instead of the fixture's. */
static void open_v1(fixture *f, const char *extra)
{
	char path[160];
	int rc;

	snprintf(path, sizeof(path), "%s/v1.db", f->dir);
	make_v1(f, path, extra);
	srmgap_store_close(f->s);
	f->s = NULL;
	snprintf(f->db, sizeof(f->db), "%s", path);
	rc = srmgap_store_open(&f->s, f->db, &f->err);
	if (rc != SRMGAP_OK)
		print_error("open: %s\n", f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
}

static void test_trail_migration_from_v1_baseline(void **state)
{
	fixture *f = *state;
	long long total;
	const ev *e;
	json_t *n;

	open_v1(f, NULL);
	assert_int_equal(sql_int(f->s, "PRAGMA user_version"), SRMGAP_SCHEMA_VERSION);
	/* untouched by the migration: answers and their history */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 3);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history"), 1);

	/*
	 * Events 1 and 2: the batches, imports 1 and 2, each at its time;
	 * then per assessment how it was created and all its answers.
	 */
	assert_int_equal(load_events(f, NULL), 6);
	assert_string_equal(f->ev[0].prev, GENESIS);
	assert_batch_event(f, &f->ev[0], 1, "answers.csv", MIGRATION_ACTOR);
	assert_string_equal(f->ev[0].at, "2025-01-02T10:00:00Z");
	assert_batch_event(f, &f->ev[1], 2, "run", MIGRATION_ACTOR);
	assert_string_equal(f->ev[1].at, "2025-03-01T10:00:00Z");

	/* old-acme: created as it is, then its answers as they are */
	assert_int_equal(load_events(f, "old-acme"), 2);
	e = &f->ev[0];
	assert_int_equal(e->id, 3);
	assert_string_equal(e->kind, "created");
	n = js(f, e->new_value);
	assert_jstr(n, "model", NULL, "demo");
	assert_jstr(n, "variant", NULL, "");
	assert_jstr(n, "snapshot", NULL, f->demo->hash);
	assert_jstr(n, "org", NULL, "Acme Corp");
	assert_jstr(n, "assessor", NULL, "Bob");
	n = replay_answers(f);
	assert_int_equal(json_object_size(n), 2);
	assert_jstr(n, "IAM-01.1", "value", "yes");
	assert_jstr(n, "IAM-01.1", "evidence", "SSO policy");
	assert_jint(n, "IAM-01.1", "batch", 1);
	assert_jstr(n, "IAM-02.1", "value", "all");
	assert_null(jstr(n, "IAM-02.1", "note"));
	/* the batch that set it last, not the one that first set it */
	assert_jint(n, "IAM-02.1", "batch", 2);

	assert_int_equal(load_events(f, "old-beta"), 2);
	assert_int_equal(f->ev[0].id, 5);
	assert_string_equal(f->ev[0].kind, "created");
	assert_null(json_object_get(js(f, f->ev[0].new_value), "org"));
	n = replay_answers(f);
	assert_int_equal(json_object_size(n), 1);
	assert_jstr(n, "IAM-01.1", "value", "no");
	assert_jstr(n, "IAM-01.1", "note", "lapsed");
	assert_jint(n, "IAM-01.1", "batch", 2);

	total = nevents(f);
	verify_ok(f, NULL);
	assert_int_equal(f->vr.events, total);
	assert_int_equal(f->vr.assessments, 2);

	/* opening again adds no second baseline; the trail goes on */
	srmgap_store_close(f->s);
	f->s = NULL;
	assert_int_equal(srmgap_store_open(&f->s, f->db, &f->err), SRMGAP_OK);
	assert_int_equal(nevents(f), total);
	/* a new session: its batch (import 3), then the answer */
	put_ok(f, 1, "LOG-01.1", "2025-01-01", NULL);
	assert_int_equal(nevents(f), total + 2);
	assert_int_equal(nbatches(f), 3);
	verify_ok(f, NULL);
	/* and tampering with a migrated answer is caught */
	tamper(f, "UPDATE answers SET note = 'x' WHERE id = 2097152");
	verify_fails(f, NULL, "assessment 'old-beta': the answer to 'IAM-01.1'",
		0);
}

static void test_trail_migration_null_org(void **state)
{
	fixture *f = *state;

	/* schema 1 allowed NULL org and assessor */
	open_v1(f, "UPDATE assessments SET org = NULL, assessor = NULL "
		"WHERE id = 2");
	assert_true(load_events(f, "old-beta") >= 2);
	assert_null(json_object_get(js(f, f->ev[0].new_value), "org"));
	assert_null(json_object_get(js(f, f->ev[0].new_value), "assessor"));
	verify_ok(f, NULL);
}

static void test_trail_migration_damaged_snapshot(void **state)
{
	fixture *f = *state;

	/*
	 * A snapshot edited by hand (its hash no longer matches) must not
	 * lock the user out of the whole database: the store opens, the
	 * damage shows where that snapshot is used.
	 */
	open_v1(f, "UPDATE snapshot_controls SET title = 'Edited' "
		"WHERE control = 'IAM-01'");
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM events WHERE kind = "
		"'created'"), 2);
	assert_int_equal(srmgap_store_verify(&f->vr, f->s, NULL, &f->err),
		SRMGAP_EINVALID);
	assert_non_null(strstr(f->vr.problem, "changed outside srmgap"));
}

static void test_trail_migration_actor_and_times(void **state)
{
	fixture *f = *state;
	/*
	 * Each event at the time its rows carry (make_v1): the imports'
	 * recorded_at, the assessments' created_at. The answers events are
	 * checked at the end (assert_rows_match_events): old-acme's hold
	 * answers of imports 1 and 2, old-beta's of import 2.
	 */
	static const char *const kind[] = {
		"batch", "batch", "created", "answers", "created", "answers"
	};
	static const char *const at[] = {
		"2025-01-02T10:00:00Z", "2025-03-01T10:00:00Z",
		"2025-01-01T10:00:00Z", NULL, "2025-02-01T10:00:00Z", NULL
	};
	char before[32], after[32];
	size_t i;

	open_v1(f, NULL);
	assert_int_equal(load_events(f, NULL), 6);
	for (i = 0; i < 6; i++) {
		assert_string_equal(f->ev[i].kind, kind[i]);
		assert_string_equal(f->ev[i].actor, MIGRATION_ACTOR);
		if (at[i] != NULL)
			assert_string_equal(f->ev[i].at, at[i]);
	}
	assert_string_equal(f->ev[3].assessment, "old-acme");
	assert_string_equal(f->ev[3].subject, "");
	assert_string_equal(f->ev[5].assessment, "old-beta");
	assert_string_equal(f->ev[5].subject, "IAM-01.1");
	/* the rows keep their times: the events took theirs from them */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments WHERE "
		"(id = 1 AND created_at = '2025-01-01T10:00:00Z') OR "
		"(id = 2 AND created_at = '2025-02-01T10:00:00Z')"), 2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM imports"), 2);
	verify_ok(f, NULL);

	/*
	 * The handle that migrated writes on as whoever it is told (no one
	 * yet: "unknown"), not as the migration, and at the time of writing
	 */
	srmgap_store__now(before);
	put_ok(f, 2, "LOG-01.1", "2025-01-01", NULL);
	srmgap_store__now(after);
	assert_int_equal(load_events(f, NULL), 8);
	assert_batch_event(f, &f->ev[6], 3, "run", "unknown");
	assert_string_equal(f->ev[7].kind, "answers");
	assert_string_equal(f->ev[7].actor, "unknown");
	for (i = 6; i < 8; i++) {
		assert_true(strcmp(f->ev[i].at, before) >= 0);
		assert_true(strcmp(f->ev[i].at, after) <= 0);
	}
	assert_int_equal(srmgap_store_set_actor(f->s, "alice", &f->err),
		SRMGAP_OK);
	put_ok(f, 2, "LOG-01.2", "ops@example.com", NULL);
	assert_string_equal(last_event(f)->actor, "alice");
	assert_rows_match_events(f);
	verify_ok(f, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_trail_created_event),
		T(test_trail_put_answer_events),
		T(test_trail_unchanged_answer_no_event),
		T(test_trail_import_event),
		T(test_trail_rejected_import_no_event),
		T(test_trail_bulk_import_events),
		T(test_trail_bulk_import_interleaved_rows),
		T(test_trail_import_special_characters),
		T(test_trail_create_from_events),
		T(test_trail_import_confirms_carried),
		T(test_trail_verdict_events),
		T(test_trail_signoff_and_reopen_events),
		T(test_trail_set_actor_invalid),
		T(test_trail_chain_links),
		T(test_trail_verify_untouched_after_reopen),
		T(test_trail_verify_empty_database),
		T(test_trail_tamper_event_value),
		T(test_trail_tamper_delete_middle_event),
		T(test_trail_tamper_event_prev),
		T(test_trail_tamper_appended_event),
		T(test_trail_tamper_answer_value),
		T(test_trail_tamper_answer_evidence),
		T(test_trail_tamper_delete_answer),
		T(test_trail_tamper_insert_answer),
		T(test_trail_tamper_insert_review),
		T(test_trail_tamper_update_review),
		T(test_trail_tamper_reopen_behind_its_back),
		T(test_trail_tamper_signoff_statement),
		T(test_trail_tamper_assessment_org),
		T(test_trail_tamper_rename_assessment),
		T(test_trail_tamper_delete_assessment),
		T(test_trail_tamper_created_at),
		T(test_trail_tamper_reviewed_at),
		T(test_trail_tamper_signed_at),
		T(test_trail_tamper_reopened_signoff),
		T(test_trail_tamper_unfreeze_with_empty_reopened_at),
		T(test_trail_tamper_import_recorded_at),
		T(test_trail_tamper_import_source),
		T(test_trail_tamper_answer_import_id),
		T(test_trail_tamper_delete_import),
		T(test_trail_tamper_insert_import),
		T(test_trail_verify_untouched_every_writer),
		T(test_trail_one_time_per_transaction),
		T(test_trail_session_batch_survives_refused_write),
		T(test_trail_answer_json_writers_agree),
		T(test_trail_events_filter_by_name),
		T(test_trail_migration_from_v1_baseline),
		T(test_trail_migration_null_org),
		T(test_trail_migration_damaged_snapshot),
		T(test_trail_migration_actor_and_times),
#undef T
	};

	return cmocka_run_group_tests_name("trail", tests, NULL, NULL);
}
