/*
 * Unit tests for the assessment database (src/lib/store.c): schema and
 * versions, assessments, shared snapshots and rebuilding models from them,
 * answers and their history, transactions and iteration.
 *
 * Every case works in its own temporary folder (mkdtemp) holding the
 * database; teardown removes it. Models are built in memory, or loaded
 * from the bundled catalog ("../..") where the test is about real ones.
 */
#include <dirent.h>
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

#include "srmgap/catalog.h"
#include "srmgap/store.h"
#include "model_int.h"
#include "store_int.h"
#include "unit.h"

typedef struct fixture {
	char dir[64];
	char db[128];
	srmgap_store *s;
	srmgap_model *m, *m2, *m3;
	srmgap_catalog cat;
	srmgap_catalog_entry *list;
	size_t nlist;
	srmgap_diags d;
	srmgap_error err;
	srmgap_assessment *a;
	srmgap_answers ans;
	int have_ans;
} fixture;

static const srmgap_src SRC = { "mem.csv", 1, NULL };

/* A small model; `title` of control C2 varies it, `variant` too. */
static srmgap_model *build_q(srmgap_diags *d, const char *title,
	const char *variant, int extra)
{
	const char *aws[F_PARTY_N] = { "aws", "AWS", "provider" };
	const char *cust[F_PARTY_N] = { "customer", "Customer", "customer" };
	const char *duties1[] = { "Hosts", "n/a" };
	const char *duties2[] = { "", "Signs in" };
	const char *c1[F_CTL_N] = { "C1", "ops", "Runbook", "customer", "high",
		"", "Desc", "Fix it", "ISO:1" };
	const char *c2[F_CTL_N] = { "C2", "iam", title, "shared", "low", "2.5",
		"", "", "" };
	const char *p1[F_CTL_N] = { "P1", "ops", "Hosting", "aws", "critical",
		"", "", "", "" };
	const char *q[][F_Q_N] = {
		{ "Q1", "C1", "Runbook?", "yesno", "", "", "", "", "", "Help" },
		{ "Q2", "C1", "How much?", "choice", "all=1|some=0.5|none=na", "0.1",
		  "no", "Q1=yes", "", "" },
		{ "Q3", "C2", "Which?", "multi", "a=0.5|b=0.5", "", "", "", "", "" },
		{ "Q4", "C2", "Mail?", "text", "", "", "no", "", "[a-z]+@x\\.com", "" },
		{ "Q5", "C2", "When?", "date", "max_age_days=90", "", "", "", "", "" },
		{ "Q6", "C2", "How many?", "number", "min=1|max=5", "2", "", "", "",
		  "" },
		{ "Q7", "P1", "Provider?", "yesno", "", "", "", "", "", "" },
	};
	const char *q8[F_Q_N] = { "Q8", "C1", "Extra?", "yesno", "", "", "", "",
		"", "" };
	const char *sc[F_SC_N] = { "Outage", "aws", "Fail over", "" };
	srmgap_model *m = NULL;
	size_t i;

	if (srmgap_model__new(&m, "mini", variant) != SRMGAP_OK)
		return NULL;
	srmgap_model__meta(m, "title", "Mini model", &SRC, d);
	srmgap_model__meta(m, "version", "3", &SRC, d);
	srmgap_model__meta(m, "source", "Unit tests", &SRC, d);
	srmgap_model__party(m, aws, &SRC, d);
	srmgap_model__party(m, cust, &SRC, d);
	srmgap_model__area(m, "ops", "Operations", duties1, &SRC, d);
	srmgap_model__area(m, "iam", "Identity", duties2, &SRC, d);
	srmgap_model__control(m, c1, &SRC, d);
	srmgap_model__control(m, c2, &SRC, d);
	srmgap_model__control(m, p1, &SRC, d);
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		srmgap_model__question(m, q[i], &SRC, d);
	if (extra)
		srmgap_model__question(m, q8, &SRC, d);
	srmgap_model__scenario(m, sc, &SRC, d);
	srmgap_model__finish(m, "mem", d, 0);
	return m;
}

static srmgap_model *build(srmgap_diags *d, const char *title,
	const char *variant)
{
	return build_q(d, title, variant, 0);
}

static int teardown(void **state);

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	if (scratch_dir(f->dir, sizeof(f->dir), f->db, sizeof(f->db),
		"store") != 0) {
		free(f);
		return -1;
	}
	srmgap_diags_init(&f->d);
	srmgap_catalog_init(&f->cat);
	f->m = build(&f->d, "Second", "");
	if (f->m == NULL || f->d.errors != 0)
		return setup_undo(state, f, teardown);
	if (srmgap_store_open(&f->s, f->db, &f->err) != SRMGAP_OK)
		return setup_undo(state, f, teardown);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	if (f->have_ans)
		srmgap_answers_release(&f->ans);
	srmgap_assessment_free(f->a);
	srmgap_store_close(f->s);
	srmgap_model_free(f->m);
	srmgap_model_free(f->m2);
	srmgap_model_free(f->m3);
	srmgap_catalog_entries_free(f->list, f->nlist);
	srmgap_catalog_release(&f->cat);
	srmgap_diags_release(&f->d);
	remove_dir(f->dir);
	free(f);
	return 0;
}

static void exec_sql(fixture *f, const char *sql)
{
	assert_int_equal(sqlite3_exec(srmgap_store__db(f->s), sql, NULL, NULL,
		NULL), SQLITE_OK);
}

static long long create(fixture *f, const char *name, const srmgap_model *m)
{
	long long id = 0;
	int rc = srmgap_store_create(&id, f->s, name, m, "Acme Corp", "Auditor",
		&f->err);

	if (rc != SRMGAP_OK)
		print_error("create '%s': %s\n", name, f->err.msg);
	assert_int_equal(rc, SRMGAP_OK);
	assert_true(id > 0);
	return id;
}

/* Store an answer to question `qid` of `m` for assessment `id`. */
static int put(fixture *f, long long id, const srmgap_model *m,
	const char *qid, const char *value, const char *evidence,
	const char *note, const char *source)
{
	long ix = srmgap_model_question(m, qid);
	srmgap_answer_input in = { value, evidence, NULL, note };
	int rc;

	assert_true(ix >= 0);
	srmgap_error_clear(&f->err);
	rc = srmgap_store_put_answer(f->s, id, m, (size_t)ix, &in, source,
		&f->err);
	return rc;
}

static void reopen(fixture *f)
{
	srmgap_store_close(f->s);
	f->s = NULL;
	assert_int_equal(srmgap_store_open(&f->s, f->db, &f->err), SRMGAP_OK);
}

static void test_store_open_creates_schema(void **state)
{
	fixture *f = *state;
	char buf[64];

	assert_int_equal(sql_int(f->s, "PRAGMA user_version"),
		SRMGAP_SCHEMA_VERSION);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM sqlite_master WHERE "
		"type = 'table' AND name IN ('snapshots', 'assessments', 'answers', "
		"'answer_history', 'snapshot_questions', 'snapshot_controls')"), 6);
	assert_int_equal(sql_int(f->s, "PRAGMA foreign_keys"), 1);
	assert_string_equal(sql_text(f->s, "PRAGMA journal_mode", buf,
		sizeof(buf)), "wal");
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments"), 0);
}

static void test_store_reopen_keeps_data(void **state)
{
	fixture *f = *state;
	long long id = create(f, "acme-2026", f->m);

	reopen(f);
	assert_int_equal(sql_int(f->s, "PRAGMA user_version"),
		SRMGAP_SCHEMA_VERSION);
	assert_int_equal(srmgap_store_get(&f->a, f->s, "acme-2026", &f->err),
		SRMGAP_OK);
	assert_int_equal(f->a->id, id);
	/* reopening twice more changes nothing */
	reopen(f);
	reopen(f);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM snapshots"), 1);
}

static void test_store_open_newer_schema_refused(void **state)
{
	fixture *f = *state;
	srmgap_store *s = NULL;
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
		SRMGAP_SCHEMA_VERSION + 1);
	exec_sql(f, sql);
	srmgap_store_close(f->s);
	f->s = NULL;
	srmgap_error_clear(&f->err);
	assert_int_equal(srmgap_store_open(&s, f->db, &f->err), SRMGAP_EDB);
	assert_null(s);
	assert_int_equal(f->err.code, SRMGAP_EDB);
	assert_non_null(strstr(f->err.msg, "newer than this srmgap knows"));
	snprintf(sql, sizeof(sql), "schema version %d,",
		SRMGAP_SCHEMA_VERSION + 1);
	assert_non_null(strstr(f->err.msg, sql));
}

static void test_store_open_not_a_database(void **state)
{
	fixture *f = *state;
	srmgap_store *s = NULL;
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/garbage.db", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "this is not an SQLite database, not at all, no. %0400d\n", 0);
	fclose(fp);
	assert_int_equal(srmgap_store_open(&s, path, &f->err), SRMGAP_EDB);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "not a database"));
}

static void test_store_open_bad_path(void **state)
{
	fixture *f = *state;
	srmgap_store *s = NULL;

	assert_int_equal(srmgap_store_open(&s, "/nonexistent/dir/x.db", &f->err),
		SRMGAP_EDB);
	assert_null(s);
	assert_non_null(strstr(f->err.msg,
		"cannot open database '/nonexistent/dir/x.db'"));
}

static void test_store_create_and_get(void **state)
{
	fixture *f = *state;
	long long id = create(f, "acme-2026", f->m);

	assert_int_equal(srmgap_store_get(&f->a, f->s, "acme-2026", &f->err),
		SRMGAP_OK);
	assert_int_equal(f->a->id, id);
	assert_string_equal(f->a->name, "acme-2026");
	assert_string_equal(f->a->org, "Acme Corp");
	assert_string_equal(f->a->assessor, "Auditor");
	assert_string_equal(f->a->model_id, "mini");
	assert_string_equal(f->a->variant, "");
	assert_string_equal(f->a->hash, f->m->hash);
	assert_string_equal(f->a->model_title, "Mini model");
	assert_string_equal(f->a->model_version, "3");
	assert_int_equal(strlen(f->a->created_at), 20);
	assert_int_equal(f->a->created_at[10], 'T');
	assert_true(f->a->snapshot_id > 0);
}

static void test_store_create_null_org(void **state)
{
	fixture *f = *state;
	long long id = 0;

	assert_int_equal(srmgap_store_create(NULL, f->s, "bare", f->m, NULL,
		NULL, &f->err), SRMGAP_OK);
	assert_int_equal(srmgap_store_create(&id, f->s, "bare2", f->m, NULL,
		NULL, &f->err), SRMGAP_OK);
	assert_true(id > 0);
	assert_int_equal(srmgap_store_get(&f->a, f->s, "bare", &f->err), SRMGAP_OK);
	assert_string_equal(f->a->org, "");
	assert_string_equal(f->a->assessor, "");
}

static void test_store_create_duplicate_name(void **state)
{
	fixture *f = *state;
	long long id = 0;

	create(f, "acme", f->m);
	f->m2 = build(&f->d, "Other title", "");
	assert_int_equal(srmgap_store_create(&id, f->s, "acme", f->m2, NULL,
		NULL, &f->err), SRMGAP_EEXISTS);
	assert_int_equal(f->err.code, SRMGAP_EEXISTS);
	assert_string_equal(f->err.msg, "assessment 'acme' exists already");
	/* nothing of the failed create is left behind */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM snapshots"), 1);
	/* names are case-sensitive */
	create(f, "ACME", f->m);
}

static void test_store_create_invalid_name(void **state)
{
	fixture *f = *state;
	char long_name[200];

	assert_int_equal(srmgap_store_create(NULL, f->s, "", f->m, NULL, NULL,
		&f->err), SRMGAP_EUSAGE);
	assert_non_null(strstr(f->err.msg, "invalid assessment name ''"));
	assert_int_equal(srmgap_store_create(NULL, f->s, "two\nlines", f->m,
		NULL, NULL, &f->err), SRMGAP_EUSAGE);
	assert_int_equal(srmgap_store_create(NULL, f->s, "tab\there", f->m,
		NULL, NULL, &f->err), SRMGAP_EUSAGE);
	assert_int_equal(srmgap_store_create(NULL, f->s, "bad\xff", f->m, NULL,
		NULL, &f->err), SRMGAP_EUSAGE);
	memset(long_name, 'n', 129);
	long_name[129] = '\0';
	assert_int_equal(srmgap_store_create(NULL, f->s, long_name, f->m, NULL,
		NULL, &f->err), SRMGAP_EUSAGE);
	assert_non_null(strstr(f->err.msg, "1 to 128 characters"));
	long_name[128] = '\0';
	create(f, long_name, f->m);
	create(f, "Acme Corp \xe2\x80\x94 2026", f->m);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments"), 2);
}

static void test_store_snapshot_shared(void **state)
{
	fixture *f = *state;
	srmgap_model *same = build(&f->d, "Second", "");
	srmgap_assessment *b = NULL;

	assert_non_null(same);
	assert_string_equal(same->hash, f->m->hash);
	create(f, "one", f->m);
	create(f, "two", same);
	srmgap_model_free(same);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM snapshots"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM snapshot_questions"),
		7);
	assert_int_equal(srmgap_store_get(&f->a, f->s, "one", &f->err), SRMGAP_OK);
	assert_int_equal(srmgap_store_get(&b, f->s, "two", &f->err), SRMGAP_OK);
	assert_int_equal(f->a->snapshot_id, b->snapshot_id);
	srmgap_assessment_free(b);
	/* changed content: a new snapshot */
	f->m2 = build(&f->d, "Second, renamed", "");
	assert_string_not_equal(f->m2->hash, f->m->hash);
	create(f, "three", f->m2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM snapshots"), 2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM snapshot_questions"),
		14);
}

static void test_store_snapshot_per_variant(void **state)
{
	fixture *f = *state;
	srmgap_assessment *b = NULL;

	/* same content under another variant name is another snapshot */
	f->m2 = build(&f->d, "Second", "quick");
	assert_string_equal(f->m2->hash, f->m->hash);
	create(f, "default", f->m);
	create(f, "quick", f->m2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM snapshots"), 2);
	assert_int_equal(srmgap_store_get(&b, f->s, "quick", &f->err), SRMGAP_OK);
	assert_string_equal(b->variant, "quick");
	srmgap_assessment_free(b);
}

static void assert_same_model(const srmgap_model *a, const srmgap_model *b)
{
	size_t i, k;

	assert_string_equal(a->hash, b->hash);
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->variant, b->variant);
	assert_string_equal(a->title, b->title);
	assert_int_equal(a->nparties, b->nparties);
	assert_int_equal(a->customer, b->customer);
	assert_int_equal(a->nareas, b->nareas);
	assert_int_equal(a->ncontrols, b->ncontrols);
	assert_int_equal(a->nquestions, b->nquestions);
	assert_int_equal(a->nscenarios, b->nscenarios);
	for (i = 0; i < a->nareas; i++) {
		for (k = 0; k < a->nparties; k++) {
			if (a->areas[i].duties[k] == NULL)
				assert_null(b->areas[i].duties[k]);
			else
				assert_string_equal(a->areas[i].duties[k],
					b->areas[i].duties[k]);
		}
	}
	for (i = 0; i < a->ncontrols; i++) {
		assert_string_equal(a->controls[i].id, b->controls[i].id);
		assert_true(a->controls[i].weight == b->controls[i].weight);
		assert_int_equal(a->controls[i].weight_given,
			b->controls[i].weight_given);
		assert_int_equal(a->controls[i].owner, b->controls[i].owner);
		assert_int_equal(a->controls[i].severity, b->controls[i].severity);
	}
	for (i = 0; i < a->nquestions; i++) {
		const srmgap_question *qa = &a->questions[i], *qb = &b->questions[i];

		assert_string_equal(qa->id, qb->id);
		assert_int_equal(qa->type, qb->type);
		assert_true(qa->weight == qb->weight);
		assert_int_equal(qa->required, qb->required);
		assert_int_equal(qa->nopts, qb->nopts);
		assert_int_equal(qa->has_dep, qb->has_dep);
		assert_int_equal(qa->max_age_days, qb->max_age_days);
		assert_int_equal(qa->re != NULL, qb->re != NULL);
		assert_string_equal(qa->help, qb->help);
	}
}

static void test_store_load_model_same_hash(void **state)
{
	fixture *f = *state;

	create(f, "acme", f->m);
	assert_int_equal(srmgap_store_get(&f->a, f->s, "acme", &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_load_model(&f->m2, f->s,
		f->a->snapshot_id, &f->err), SRMGAP_OK);
	assert_same_model(f->m, f->m2);
	assert_null(f->m2->dir);
	assert_string_equal(f->m2->source, "Unit tests");
	assert_string_equal(f->m2->scenarios[0].provider_duty, "Fail over");
}

static void test_store_load_model_bundled_same_hash(void **state)
{
	fixture *f = *state;
	size_t i, k, done = 0;
	char name[160];

	assert_int_equal(srmgap_catalog_add(&f->cat, "../.."), SRMGAP_OK);
	assert_int_equal(srmgap_catalog_list(&f->list, &f->nlist, &f->cat,
		&f->err), SRMGAP_OK);
	for (i = 0; i < f->nlist; i++) {
		for (k = 0; k < f->list[i].nvariants; k++) {
			srmgap_model_free(f->m3);
			srmgap_model_free(f->m2);
			srmgap_assessment_free(f->a);
			f->m3 = f->m2 = NULL;
			f->a = NULL;
			assert_int_equal(srmgap_catalog_load(&f->m3, &f->cat,
				f->list[i].id, f->list[i].variants[k], &f->d, &f->err),
				SRMGAP_OK);
			snprintf(name, sizeof(name), "%s.%s", f->list[i].id,
				f->list[i].variants[k]);
			create(f, name, f->m3);
			assert_int_equal(srmgap_store_get(&f->a, f->s, name,
				&f->err),
				SRMGAP_OK);
			assert_string_equal(f->a->hash, f->m3->hash);
			assert_string_equal(f->a->variant, f->list[i].variants[k]);
			assert_int_equal(srmgap_store_load_model(&f->m2, f->s,
				f->a->snapshot_id, &f->err), SRMGAP_OK);
			assert_same_model(f->m3, f->m2);
			done++;
		}
	}
	assert_true(done >= 3);
}

static void test_store_load_model_missing_snapshot(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_store_load_model(&f->m2, f->s, 42, &f->err),
		SRMGAP_ENOTFOUND);
	assert_null(f->m2);
	assert_string_equal(f->err.msg, "no snapshot 42");
}

static void test_store_load_model_damaged_snapshot(void **state)
{
	fixture *f = *state;

	create(f, "acme", f->m);
	exec_sql(f, "UPDATE snapshot_controls SET area = 'zzz' WHERE control = 'C2'");
	assert_int_equal(srmgap_store_load_model(&f->m2, f->s, 1, &f->err),
		SRMGAP_EDB);
	assert_null(f->m2);
	assert_string_equal(f->err.msg,
		"snapshot 1 is damaged: unknown area 'zzz'");
}

static void test_store_load_model_damaged_reports_the_error(void **state)
{
	fixture *f = *state;

	/*
	 * Q7 (on provider control P1) draws a warning while the snapshot is
	 * rebuilt; the damage comes later. The message must name the damage.
	 */
	create(f, "acme", f->m);
	exec_sql(f, "UPDATE snapshot_scenarios SET owner = 'nobody'");
	assert_int_equal(srmgap_store_load_model(&f->m2, f->s, 1, &f->err),
		SRMGAP_EDB);
	assert_null(f->m2);
	assert_string_equal(f->err.msg, "snapshot 1 is damaged: unknown owner "
		"'nobody' (expected shared or a party id)");
}

static void test_store_put_answer_replace_keeps_history(void **state)
{
	fixture *f = *state;
	long long id = create(f, "acme", f->m);
	char buf[128];

	assert_int_equal(put(f, id, f->m, "Q1", "yes", "Runbook v1", NULL,
		"answers.csv"), SRMGAP_OK);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history"), 0);
	assert_int_equal(put(f, id, f->m, "Q1", "no", "Runbook v2", "Lapsed",
		"run"), SRMGAP_OK);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 1);
	assert_string_equal(sql_text(f->s, "SELECT value FROM answers", buf,
		sizeof(buf)), "no");
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history"), 1);
	assert_string_equal(sql_text(f->s, "SELECT value || '/' || evidence || '/' "
		"|| note || '/' || question FROM answer_history", buf, sizeof(buf)),
		"yes/Runbook v1//Q1");
	assert_int_equal(srmgap_store_load_answers(&f->ans, f->s, id, f->m,
		&f->err),
		SRMGAP_OK);
	f->have_ans = 1;
	assert_string_equal(f->ans.items[0].value, "no");
	assert_string_equal(f->ans.items[0].evidence, "Runbook v2");
	assert_string_equal(f->ans.items[0].note, "Lapsed");
	assert_non_null(f->ans.items[0].recorded_at);
	assert_int_equal(strlen(f->ans.items[0].recorded_at), 20);
	assert_null(f->ans.items[1].value);
	/* a second replacement keeps both old answers */
	assert_int_equal(put(f, id, f->m, "Q1", "yes", "", "", "run"), SRMGAP_OK);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history"), 2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history WHERE "
		"value = 'no' AND evidence = 'Runbook v2' AND note = 'Lapsed'"), 1);
}

static void test_store_put_answer_identical_keeps_no_history(void **state)
{
	fixture *f = *state;
	long long id = create(f, "acme", f->m);

	assert_int_equal(put(f, id, f->m, "Q3", "a|b", "E", "N", "x.csv"),
		SRMGAP_OK);
	assert_int_equal(put(f, id, f->m, "Q3", "a|b", "E", "N", "x.csv"),
		SRMGAP_OK);
	assert_int_equal(put(f, id, f->m, "Q3", "a|b", "E", "N", "run"),
		SRMGAP_OK);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history"), 0);
}

static void test_store_put_answer_after_caller_rollback(void **state)
{
	fixture *f = *state;
	long long id = create(f, "acme", f->m);

	/*
	 * An interactive session rolls back its transaction, then goes on
	 * answering: the next answer of the same source must still be stored.
	 */
	assert_int_equal(srmgap_store_begin(f->s, &f->err), SRMGAP_OK);
	assert_int_equal(put(f, id, f->m, "Q1", "yes", "", "", "run"), SRMGAP_OK);
	srmgap_store_rollback(f->s);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 0);
	assert_int_equal(put(f, id, f->m, "Q3", "a", "", "", "run"), SRMGAP_OK);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 1);
	assert_int_equal(srmgap_store_load_answers(&f->ans, f->s, id, f->m,
		&f->err), SRMGAP_OK);
	f->have_ans = 1;
	assert_string_equal(f->ans.items[2].value, "a");
	assert_non_null(f->ans.items[2].recorded_at);
	assert_int_equal(strlen(f->ans.items[2].recorded_at), 20);
}

static void test_store_put_answer_question_out_of_range(void **state)
{
	fixture *f = *state;
	long long id = create(f, "acme", f->m);

	srmgap_answer_input in = { "yes", "", "", "" };

	assert_int_equal(srmgap_store_put_answer(f->s, id, f->m, f->m->nquestions,
		&in, "run", &f->err), SRMGAP_EUSAGE);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 0);
}

static void test_store_load_answers_unknown_questions(void **state)
{
	fixture *f = *state;
	long long id;

	/* answers stored on a model with Q8, read against one without it */
	f->m2 = build_q(&f->d, "Second", "", 1);
	id = create(f, "acme", f->m2);
	assert_int_equal(put(f, id, f->m2, "Q3", "a|b", "", "", ""), SRMGAP_OK);
	assert_int_equal(put(f, id, f->m2, "Q8", "yes", "", "", ""), SRMGAP_OK);
	assert_int_equal(srmgap_store_load_answers(&f->ans, f->s, id, f->m,
		&f->err),
		SRMGAP_OK);
	f->have_ans = 1;
	assert_int_equal(f->ans.count, f->m->nquestions);
	assert_int_equal(f->ans.unknown, 1);
	assert_string_equal(f->ans.items[2].value, "a|b");
	assert_int_equal(strlen(f->ans.items[2].recorded_at), 20);
	assert_null(f->ans.items[0].value);
}

static void test_store_put_answer_unknown_assessment(void **state)
{
	fixture *f = *state;

	assert_int_equal(put(f, 999, f->m, "Q1", "yes", "", "", ""),
		SRMGAP_ENOTFOUND);
	assert_string_equal(f->err.msg, "no assessment 999");
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 0);
}

static void test_store_get_unknown(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_store_get(&f->a, f->s, "zzz", &f->err),
		SRMGAP_ENOTFOUND);
	assert_null(f->a);
	assert_string_equal(f->err.msg, "no assessment 'zzz' (see 'srmgap list')");
}

static void test_store_list_sorted_with_counts(void **state)
{
	fixture *f = *state;
	srmgap_assessment **list = NULL;
	size_t n = 0;
	long long b = create(f, "beta", f->m);

	create(f, "alpha", f->m);
	create(f, "gamma", f->m);
	assert_int_equal(put(f, b, f->m, "Q1", "yes", "", "", ""), SRMGAP_OK);
	assert_int_equal(put(f, b, f->m, "Q3", "a", "", "", ""), SRMGAP_OK);
	assert_int_equal(srmgap_store_list(&list, &n, f->s, &f->err), SRMGAP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0]->name, "alpha");
	assert_string_equal(list[1]->name, "beta");
	assert_string_equal(list[2]->name, "gamma");
	assert_int_equal(list[0]->answered, 0);
	assert_int_equal(list[1]->answered, 2);
	assert_string_equal(list[1]->model_id, "mini");
	srmgap_assessment_list_free(list, n);
}

static void test_store_transaction_rollback_and_commit(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_store_begin(f->s, &f->err), SRMGAP_OK);
	assert_true(srmgap_store__in_tx(f->s));
	create(f, "tentative", f->m);
	srmgap_store_rollback(f->s);
	assert_false(srmgap_store__in_tx(f->s));
	assert_int_equal(srmgap_store_get(&f->a, f->s, "tentative", &f->err),
		SRMGAP_ENOTFOUND);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM snapshots"), 0);
	assert_int_equal(srmgap_store_begin(f->s, &f->err), SRMGAP_OK);
	create(f, "kept", f->m);
	create(f, "kept too", f->m);
	assert_int_equal(srmgap_store_commit(f->s, &f->err), SRMGAP_OK);
	reopen(f);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments"), 2);
}

static void test_store_create_failure_inside_caller_tx(void **state)
{
	fixture *f = *state;

	/* a failed create leaves the caller's transaction open and usable */
	create(f, "acme", f->m);
	assert_int_equal(srmgap_store_begin(f->s, &f->err), SRMGAP_OK);
	create(f, "first", f->m);
	assert_int_equal(srmgap_store_create(NULL, f->s, "acme", f->m, NULL,
		NULL, &f->err), SRMGAP_EEXISTS);
	assert_true(srmgap_store__in_tx(f->s));
	create(f, "second", f->m);
	assert_int_equal(srmgap_store_commit(f->s, &f->err), SRMGAP_OK);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments"), 3);
}

typedef struct each_ctx {
	char names[8][32];
	char hashes[8][65];             /* of the model handed over */
	size_t answered[8];
	long answered_field[8];
	size_t n;
	size_t stop_after;
} each_ctx;

static int each_fn(const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_answers *ans, void *vctx)
{
	each_ctx *c = vctx;
	size_t i, k = 0;

	if (c->n >= 8)
		return SRMGAP_ERROR;
	snprintf(c->names[c->n], sizeof(c->names[c->n]), "%s", a->name);
	assert_string_equal(a->hash, m->hash);
	assert_int_equal(ans->count, m->nquestions);
	snprintf(c->hashes[c->n], sizeof(c->hashes[c->n]), "%s", m->hash);
	for (i = 0; i < ans->count; i++)
		k += ans->items[i].value != NULL;
	c->answered[c->n] = k;
	c->answered_field[c->n] = a->answered;
	c->n++;
	if (c->stop_after != 0 && c->n == c->stop_after)
		return -77;
	return 0;
}

/* Index of assessment `name` among those `fn` saw; fails when absent. */
static size_t seen_at(const each_ctx *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (strcmp(c->names[i], name) == 0)
			return i;
	}
	fail_msg("assessment '%s' not visited", name);
	return 0;
}

static void test_store_each_visits_every_assessment(void **state)
{
	fixture *f = *state;
	each_ctx c;
	long long z, a2, y;
	size_t iz, ia, iy;

	memset(&c, 0, sizeof(c));
	f->m2 = build(&f->d, "Other", "");
	z = create(f, "zulu", f->m);
	a2 = create(f, "alpha", f->m2);
	y = create(f, "yankee", f->m);
	create(f, "empty", f->m2);
	assert_int_equal(put(f, y, f->m, "Q1", "yes", "", "", ""), SRMGAP_OK);
	assert_int_equal(put(f, z, f->m, "Q1", "no", "", "", ""), SRMGAP_OK);
	assert_int_equal(put(f, y, f->m, "Q5", "2024-01-01", "", "", ""),
		SRMGAP_OK);
	assert_int_equal(put(f, a2, f->m2, "Q2", "all", "", "", ""), SRMGAP_OK);
	assert_int_equal(srmgap_store_each(f->s, each_fn, &c, &f->err), SRMGAP_OK);
	assert_int_equal(c.n, 4);
	iz = seen_at(&c, "zulu");
	ia = seen_at(&c, "alpha");
	iy = seen_at(&c, "yankee");
	assert_int_equal(c.answered[iz], 1);
	assert_int_equal(c.answered[ia], 1);
	assert_int_equal(c.answered[iy], 2);
	assert_int_equal(c.answered_field[iy], 2);
	assert_int_equal(c.answered[seen_at(&c, "empty")], 0);
	/* each with the model of its own snapshot */
	assert_string_equal(c.hashes[ia], f->m2->hash);
	assert_string_equal(c.hashes[iy], f->m->hash);
	assert_string_equal(c.hashes[iz], f->m->hash);
}

static void test_store_each_stops_on_callback_code(void **state)
{
	fixture *f = *state;
	each_ctx c;

	memset(&c, 0, sizeof(c));
	c.stop_after = 2;
	create(f, "a", f->m);
	create(f, "b", f->m);
	create(f, "c", f->m);
	assert_int_equal(srmgap_store_each(f->s, each_fn, &c, &f->err), -77);
	assert_int_equal(c.n, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_store_open_creates_schema),
		T(test_store_reopen_keeps_data),
		T(test_store_open_newer_schema_refused),
		T(test_store_open_not_a_database),
		T(test_store_open_bad_path),
		T(test_store_create_and_get),
		T(test_store_create_null_org),
		T(test_store_create_duplicate_name),
		T(test_store_create_invalid_name),
		T(test_store_snapshot_shared),
		T(test_store_snapshot_per_variant),
		T(test_store_load_model_same_hash),
		T(test_store_load_model_bundled_same_hash),
		T(test_store_load_model_missing_snapshot),
		T(test_store_load_model_damaged_snapshot),
		T(test_store_load_model_damaged_reports_the_error),
		T(test_store_put_answer_replace_keeps_history),
		T(test_store_put_answer_identical_keeps_no_history),
		T(test_store_put_answer_after_caller_rollback),
		T(test_store_put_answer_question_out_of_range),
		T(test_store_load_answers_unknown_questions),
		T(test_store_put_answer_unknown_assessment),
		T(test_store_get_unknown),
		T(test_store_list_sorted_with_counts),
		T(test_store_transaction_rollback_and_commit),
		T(test_store_create_failure_inside_caller_tx),
		T(test_store_each_visits_every_assessment),
		T(test_store_each_stops_on_callback_code),
#undef T
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
