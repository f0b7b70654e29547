/*
 * Unit tests for importing answers (src/lib/import.c): statistics of good
 * imports, re-imports and changes (with history), every kind of bad file
 * (each reported with line and column, and leaving the database exactly as
 * it was), and bulk imports that create assessments.
 *
 * Each case gets a temporary folder with a database holding assessment
 * "acme" on model demo (tests/fixtures/unit/catalog/good) and "alphaco" on
 * model alpha; the answer files are written there by the case.
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
#include "srmgap/import.h"
#include "srmgap/store.h"
#include "store_int.h"
#include "util_int.h"
#include "unit.h"

#define FIX "../fixtures/unit/catalog"

typedef struct fixture {
	char dir[64];
	char db[128];
	char path[160];          /* last file written */
	srmgap_store *s;
	srmgap_model *demo, *alpha;
	long long acme;
	srmgap_diags d;
	srmgap_error err;
	srmgap_import_stats st;
	char *before, *after;    /* database dumps */
	char *bytes[2];          /* database file contents */
} fixture;

static int teardown(void **state);

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	int rc;

	if (f == NULL)
		return -1;
	if (scratch_dir(f->dir, sizeof(f->dir), f->db, sizeof(f->db),
		"import") != 0) {
		free(f);
		return -1;
	}
	srmgap_diags_init(&f->d);
	rc = load_model(&f->demo, FIX "/good", "demo", &f->d, &f->err);
	if (rc == SRMGAP_OK)
		rc = load_model(&f->alpha, FIX "/good", "alpha", &f->d, &f->err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_open(&f->s, f->db, &f->err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_create(&f->acme, f->s, "acme", f->demo,
			"Acme", NULL, &f->err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_create(NULL, f->s, "alphaco", f->alpha, NULL,
			NULL, &f->err);
	if (rc != SRMGAP_OK) {
		fprintf(stderr, "setup: %s\n", f->err.msg);
		return setup_undo(state, f, teardown);
	}
	srmgap_diags_release(&f->d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	srmgap_store_close(f->s);
	srmgap_model_free(f->demo);
	srmgap_model_free(f->alpha);
	srmgap_diags_release(&f->d);
	free(f->before);
	free(f->after);
	free(f->bytes[0]);
	free(f->bytes[1]);
	remove_dir(f->dir);
	free(f);
	return 0;
}

/* Write `content` to <dir>/<name>; f->path names it. */
static const char *write_file(fixture *f, const char *name, const char *content)
{
	snprintf(f->path, sizeof(f->path), "%s/%s", f->dir, name);
	write_text(f->path, content);
	return f->path;
}

static int import(fixture *f, const char *assessment, const srmgap_model *m)
{
	srmgap_diags_release(&f->d);
	srmgap_diags_init(&f->d);
	srmgap_error_clear(&f->err);
	memset(&f->st, 0xff, sizeof(f->st));
	return srmgap_import(f->s, f->path, assessment, m, &f->d, &f->st, &f->err);
}

static void import_ok(fixture *f, const char *assessment, const srmgap_model *m)
{
	int rc = import(f, assessment, m);

	if (rc != SRMGAP_OK || f->d.errors != 0) {
		print_error("import: %s\n", f->err.msg);
		dump_diags(&f->d);
	}
	assert_int_equal(rc, SRMGAP_OK);
	assert_int_equal(f->d.errors, 0);
}

static char *dump_db(fixture *f)
{
	return dump_tables(f->s, NULL);
}

/*
 * Field `what` (0 value, 1 evidence, 2 note) of the stored answer to
 * `question` of `assessment`, read through the public API, into buf;
 * "(none)" when there is none.
 */
static const char *stored_field(fixture *f, const char *assessment,
	const char *question, int what, char *buf, size_t size)
{
	srmgap_assessment *a = NULL;
	srmgap_model *m = NULL;
	srmgap_answers ans;
	const char *v = NULL;
	long ix;

	memset(&ans, 0, sizeof(ans));
	assert_int_equal(srmgap_store_get(&a, f->s, assessment, &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_store_load_model(&m, f->s, a->snapshot_id,
		&f->err), SRMGAP_OK);
	assert_int_equal(srmgap_store_load_answers(&ans, f->s, a->id, m,
		&f->err),
		SRMGAP_OK);
	ix = srmgap_model_question(m, question);
	if (ix >= 0 && ans.items[ix].value != NULL)
		v = what == 0 ? ans.items[ix].value :
			what == 1 ? ans.items[ix].evidence : ans.items[ix].note;
	snprintf(buf, size, "%s", v ? v : "(none)");
	srmgap_answers_release(&ans);
	srmgap_model_free(m);
	srmgap_assessment_free(a);
	return buf;
}

static const char *stored(fixture *f, const char *assessment,
	const char *question, char *buf, size_t size)
{
	return stored_field(f, assessment, question, 0, buf, size);
}

/* A first good import, so that a rejected file has answers to spoil. */
static void seed(fixture *f)
{
	write_file(f, "seed.csv", "question,answer,evidence,note\n"
		"IAM-01.1,yes,SSO policy,\n"
		"IAM-02.1,admins,MFA export,\n");
	import_ok(f, "acme", NULL);
}

/*
 * Import f->path into acme expecting rejection: EINVALID, the error
 * message, a diagnostic containing `part` at `line`:`col`, and the
 * database unchanged row for row.
 */
static void rejected(fixture *f, const char *assessment, const srmgap_model *m,
	const char *part, unsigned long line, unsigned long col)
{
	char msg[300];
	size_t i;
	int rc, found = 0;

	free(f->before);
	free(f->after);
	f->before = dump_db(f);
	rc = import(f, assessment, m);
	f->after = dump_db(f);
	assert_int_equal(rc, SRMGAP_EINVALID);
	snprintf(msg, sizeof(msg), "'%s' rejected: nothing was imported", f->path);
	assert_string_equal(f->err.msg, msg);
	for (i = 0; i < f->d.count; i++) {
		const srmgap_diag *g = &f->d.items[i];

		if (g->severity == SRMGAP_DIAG_ERROR && strstr(g->msg, part) &&
		    g->line == line && g->column == col &&
		    strcmp(g->path, f->path) == 0)
			found = 1;
	}
	if (!found) {
		print_error("no error '%s' at %lu:%lu\n", part, line, col);
		dump_diags(&f->d);
	}
	assert_true(found);
	assert_string_equal(f->after, f->before);
	assert_false(srmgap_store__in_tx(f->s));
}

static void test_import_good_file(void **state)
{
	fixture *f = *state;
	char buf[128];

	write_file(f, "acme-answers.csv", "question,answer,evidence,note\n"
		"IAM-01.1,YES,SSO policy,\n"
		"IAM-01.2, oidc|SAML ,,\n"
		"IAM-02.1,All,MFA export,\"enforced at the IdP,\nfor everyone\"\n"
		"LOG-01.1,2025-01-15,ticket-1,\n"
		"LOG-01.2,,,\n");
	import_ok(f, "acme", NULL);
	assert_int_equal(f->st.rows, 5);
	assert_int_equal(f->st.inserted, 4);
	assert_int_equal(f->st.empty, 1);
	assert_int_equal(f->st.unchanged, 0);
	assert_int_equal(f->st.replaced, 0);
	assert_int_equal(f->st.created, 0);
	assert_int_equal(f->st.assessments, 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 4);
	/* canonical values are stored */
	assert_string_equal(stored(f, "acme", "IAM-01.1", buf, sizeof(buf)), "yes");
	assert_string_equal(stored(f, "acme", "IAM-01.2", buf, sizeof(buf)),
		"saml|oidc");
	assert_string_equal(stored(f, "acme", "IAM-02.1", buf, sizeof(buf)), "all");
	assert_string_equal(stored(f, "acme", "LOG-01.2", buf, sizeof(buf)),
		"(none)");
	assert_string_equal(stored_field(f, "acme", "IAM-02.1", 2, buf,
		sizeof(buf)), "enforced at the IdP,\nfor everyone");
	assert_string_equal(stored_field(f, "acme", "IAM-02.1", 1, buf,
		sizeof(buf)), "MFA export");
	assert_false(srmgap_store__in_tx(f->s));
}

static void test_import_columns_in_any_order(void **state)
{
	fixture *f = *state;
	char buf[64];

	write_file(f, "a.csv", "\xef\xbb\xbfNote,ANSWER,Question\r\n"
		"n1,no,IAM-01.1\r\n,none,IAM-02.1\r\n");
	import_ok(f, "acme", NULL);
	assert_int_equal(f->st.inserted, 2);
	assert_string_equal(stored(f, "acme", "IAM-01.1", buf, sizeof(buf)), "no");
	assert_string_equal(stored_field(f, "acme", "IAM-01.1", 2, buf,
		sizeof(buf)), "n1");
}

static void test_import_reimport_unchanged(void **state)
{
	fixture *f = *state;

	seed(f);
	free(f->before);
	f->before = dump_tables(f->s, ",answers,answer_history,");
	import_ok(f, "acme", NULL);
	assert_int_equal(f->st.rows, 2);
	assert_int_equal(f->st.unchanged, 2);
	assert_int_equal(f->st.inserted, 0);
	assert_int_equal(f->st.replaced, 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history"), 0);
	/* the stored answers are untouched, their times included */
	f->after = dump_tables(f->s, ",answers,answer_history,");
	assert_string_equal(f->after, f->before);
}

static void test_import_changed_answer_replaced(void **state)
{
	fixture *f = *state;
	char buf[64];

	seed(f);
	write_file(f, "seed.csv", "question,answer,evidence,note\n"
		"IAM-01.1,no,SSO policy,\n"
		"IAM-02.1,admins,MFA export,\n"
		"LOG-01.1,2024-12-24,,\n");
	import_ok(f, "acme", NULL);
	assert_int_equal(f->st.rows, 3);
	assert_int_equal(f->st.replaced, 1);
	assert_int_equal(f->st.unchanged, 1);
	assert_int_equal(f->st.inserted, 1);
	assert_string_equal(stored(f, "acme", "IAM-01.1", buf, sizeof(buf)), "no");
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history"), 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history WHERE "
		"question = 'IAM-01.1' AND value = 'yes' AND evidence = 'SSO policy'"),
		1);
}

static void test_import_changed_evidence_replaced(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "seed.csv", "question,answer,evidence,note\n"
		"IAM-01.1,yes,SSO policy v2,\n"
		"IAM-02.1,ADMINS,MFA export,now noted\n");
	import_ok(f, "acme", NULL);
	assert_int_equal(f->st.replaced, 2);
	assert_int_equal(f->st.unchanged, 0);
	assert_int_equal(f->st.inserted, 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answer_history"), 2);
}

static void test_import_unknown_question(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "question,answer\n"
		"IAM-01.1,no\n"
		"ZZZ-01.1,yes\n"
		"IAM-02.1,none\n");
	rejected(f, "acme", NULL, "unknown question 'ZZZ-01.1' in model 'demo'",
		3, 1);
	assert_int_equal(f->d.errors, 1);
}

static void test_import_invalid_value(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "evidence,question,answer\n"
		"x,IAM-01.1,no\n"
		"y,IAM-02.1,sometimes\n");
	rejected(f, "acme", NULL, "IAM-02.1: invalid answer 'sometimes' (expected "
		"all/admins/none)", 3, 3);
}

static void test_import_invalid_date(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "question,answer\n"
		"IAM-01.1,no\n"
		"LOG-01.1,2025-02-29\n");
	rejected(f, "acme", NULL, "LOG-01.1: invalid date '2025-02-29'", 3, 2);
}

static void test_import_duplicate_row(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "question,answer\n"
		"IAM-01.1,no\n"
		"IAM-02.1,all\n"
		"IAM-01.1,yes\n");
	rejected(f, "acme", NULL,
		"duplicate answer to 'IAM-01.1' (first on line 2)", 4, 1);
}

static void test_import_pattern_mismatch(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "question,answer\n"
		"IAM-01.1,no\n"
		"LOG-01.2,Sec Ops Team\n");
	rejected(f, "acme", NULL, "LOG-01.2: 'Sec Ops Team' does not match the "
		"pattern", 3, 2);
}

static void test_import_missing_column(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "question,evidence\nIAM-01.1,x\n");
	rejected(f, "acme", NULL, "missing required column 'answer'", 1, 1);
}

static void test_import_unterminated_quote(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "question,answer,note\n"
		"IAM-01.1,no,fine\n"
		"IAM-02.1,all,\"never closed\n"
		"LOG-01.1,2025-01-01,\n");
	rejected(f, "acme", NULL, "unterminated", 3, 3);
}

static void test_import_malformed_quote(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "question,answer,note\n"
		"IAM-01.1,no,fine\n"
		"IAM-02.1,all,say \"hi\"\n");
	rejected(f, "acme", NULL, "malformed quoting", 3, 3);
}

static void test_import_invalid_utf8(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "question,answer,note\n"
		"IAM-01.1,no,caf\xe9\n");
	rejected(f, "acme", NULL, "invalid UTF-8", 2, 3);
}

static void test_import_value_beyond_header(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "question,answer\n"
		"IAM-01.1,no,extra\n");
	rejected(f, "acme", NULL, "value 'extra' beyond the last column", 2, 3);
}

static void test_import_every_problem_reported(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bad.csv", "question,answer,note\n"
		"IAM-01.1,maybe,\n"
		"IAM-01.2,saml|kerberos,\"two\nlines\"\n"
		"NOPE,yes,\n"
		",yes,\n"
		"IAM-02.1,all,\n");
	rejected(f, "acme", NULL, "IAM-01.1: invalid answer 'maybe'", 2, 2);
	assert_int_equal(f->d.errors, 4);
	/* positions follow the multi-line record */
	assert_int_equal(f->d.items[1].line, 3);
	assert_non_null(strstr(f->d.items[1].msg, "'kerberos' is not one of the "
		"options"));
	assert_int_equal(f->d.items[2].line, 5);
	assert_non_null(strstr(f->d.items[2].msg, "unknown question 'NOPE'"));
	assert_int_equal(f->d.items[3].line, 6);
	assert_string_equal(f->d.items[3].msg, "empty question id");
}

/* Close the store (checkpointing the WAL) and read the database file. */
static long read_db_closed(fixture *f, char **out)
{
	FILE *fp;
	long n;

	srmgap_store_close(f->s);
	f->s = NULL;
	fp = fopen(f->db, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	*out = malloc((size_t)n);
	assert_non_null(*out);
	assert_int_equal(fread(*out, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return n;
}

static void test_import_rejected_file_leaves_database_file_identical(
	void **state)
{
	fixture *f = *state;
	long na, nb;

	seed(f);
	write_file(f, "bad.csv", "assessment,question,answer\n"
		"acme,IAM-01.1,no\n"
		"newco,IAM-01.1,yes\n"
		"acme,LOG-01.1,yesterday\n");
	na = read_db_closed(f, &f->bytes[0]);
	assert_int_equal(srmgap_store_open(&f->s, f->db, &f->err), SRMGAP_OK);
	rejected(f, NULL, f->demo, "LOG-01.1: invalid date 'yesterday'", 4, 3);
	nb = read_db_closed(f, &f->bytes[1]);
	assert_int_equal(na, nb);
	assert_memory_equal(f->bytes[0], f->bytes[1], (size_t)na);
	assert_int_equal(srmgap_store_open(&f->s, f->db, &f->err), SRMGAP_OK);
}

static void test_import_bulk_creates_assessments(void **state)
{
	fixture *f = *state;
	srmgap_assessment *a = NULL;
	char buf[64];

	write_file(f, "bulk.csv", "assessment,question,answer\n"
		"acme,IAM-01.1,yes\n"
		"newco,IAM-01.1,no\n"
		"newco,IAM-02.1,none\n"
		"other,IAM-01.1,yes\n"
		"acme,IAM-02.1,all\n"
		"alphaco,OPS-01.1,yes\n");
	import_ok(f, NULL, f->demo);
	assert_int_equal(f->st.rows, 6);
	assert_int_equal(f->st.created, 2);
	assert_int_equal(f->st.assessments, 4);
	assert_int_equal(f->st.inserted, 6);
	assert_int_equal(srmgap_store_get(&a, f->s, "newco", &f->err), SRMGAP_OK);
	assert_string_equal(a->model_id, "demo");
	assert_string_equal(a->hash, f->demo->hash);
	srmgap_assessment_free(a);
	assert_string_equal(stored(f, "newco", "IAM-02.1", buf, sizeof(buf)),
		"none");
	assert_string_equal(stored(f, "acme", "IAM-02.1", buf, sizeof(buf)), "all");
	/* an existing assessment keeps its own model */
	assert_string_equal(stored(f, "alphaco", "OPS-01.1", buf, sizeof(buf)),
		"yes");
	/* created on the snapshot acme already uses */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM snapshots"), 2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments"), 4);
}

static void test_import_bulk_questions_per_assessment_model(void **state)
{
	fixture *f = *state;

	write_file(f, "bulk.csv", "assessment,question,answer\n"
		"acme,IAM-01.1,yes\n"
		"alphaco,IAM-01.1,yes\n");
	rejected(f, NULL, f->demo, "unknown question 'IAM-01.1' in model 'alpha'",
		3, 2);
}

static void test_import_bulk_duplicate_is_per_assessment(void **state)
{
	fixture *f = *state;

	write_file(f, "bulk.csv", "assessment,question,answer\n"
		"acme,IAM-01.1,yes\n"
		"newco,IAM-01.1,yes\n"
		"acme,IAM-02.1,all\n"
		"newco,IAM-01.1,no\n");
	rejected(f, NULL, f->demo, "duplicate answer to 'IAM-01.1' for 'newco'",
		5, 2);
	assert_int_equal(f->d.errors, 1);
	/* the assessment it would have created is gone with the rest */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments WHERE name = "
		"'newco'"), 0);
}

static void test_import_bulk_without_model(void **state)
{
	fixture *f = *state;

	seed(f);
	write_file(f, "bulk.csv", "assessment,question,answer\n"
		"acme,IAM-01.1,no\n"
		"newco,IAM-01.1,yes\n");
	free(f->before);
	f->before = dump_db(f);
	assert_int_equal(import(f, NULL, NULL), SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg,
		"no assessment 'newco': bulk import needs --model to create assessments");
	f->after = dump_db(f);
	assert_string_equal(f->after, f->before);
	assert_false(srmgap_store__in_tx(f->s));
	/* with only known names, no model is needed */
	write_file(f, "bulk.csv", "assessment,question,answer\n"
		"acme,IAM-01.1,no\n"
		"alphaco,OPS-01.1,no\n");
	import_ok(f, NULL, NULL);
	assert_int_equal(f->st.created, 0);
	assert_int_equal(f->st.replaced, 1);
	assert_int_equal(f->st.inserted, 1);
}

static void test_import_bulk_needs_assessment_column(void **state)
{
	fixture *f = *state;

	write_file(f, "bulk.csv", "question,answer\nIAM-01.1,no\n");
	rejected(f, NULL, f->demo, "missing required column 'assessment' (needed "
		"by --bulk)", 1, 1);
}

static void test_import_bulk_bad_names(void **state)
{
	fixture *f = *state;
	char content[512], name[140];

	memset(name, 'n', 129);
	name[129] = '\0';
	snprintf(content, sizeof(content), "question,answer,assessment\n"
		"IAM-01.1,no,acme\nIAM-01.1,no,\nIAM-01.1,yes,%s\n", name);
	write_file(f, "bulk.csv", content);
	rejected(f, NULL, f->demo, "empty assessment name", 3, 3);
	rejected(f, NULL, f->demo, "invalid assessment name", 4, 3);
	assert_int_equal(f->d.errors, 2);
}

static void test_import_assessment_column_ignored_when_named(void **state)
{
	fixture *f = *state;
	char buf[64];

	write_file(f, "a.csv", "assessment,question,answer\n"
		"someone-else,IAM-01.1,no\n");
	import_ok(f, "acme", NULL);
	assert_int_equal(f->d.warnings, 1);
	assert_non_null(strstr(f->d.items[0].msg, "column 'assessment' ignored: "
		"every row answers 'acme'"));
	assert_int_equal(f->d.items[0].column, 1);
	assert_string_equal(stored(f, "acme", "IAM-01.1", buf, sizeof(buf)), "no");
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM assessments"), 2);
}

static void test_import_unknown_assessment(void **state)
{
	fixture *f = *state;

	write_file(f, "a.csv", "question,answer\nIAM-01.1,no\n");
	free(f->before);
	f->before = dump_db(f);
	assert_int_equal(import(f, "ghost", f->demo), SRMGAP_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "no assessment 'ghost'"));
	f->after = dump_db(f);
	assert_string_equal(f->after, f->before);
	assert_false(srmgap_store__in_tx(f->s));
}

static void test_import_empty_answers(void **state)
{
	fixture *f = *state;

	write_file(f, "a.csv", "question,answer,evidence\n"
		"IAM-01.1,,\n"
		"LOG-01.2,  ,kept nowhere\n"
		"IAM-02.1,all,\n");
	import_ok(f, "acme", NULL);
	assert_int_equal(f->st.empty, 2);
	assert_int_equal(f->st.inserted, 1);
	assert_int_equal(f->d.warnings, 1);
	assert_string_equal(f->d.items[0].msg, "no answer to 'LOG-01.2': its "
		"evidence and note are not stored");
	assert_int_equal(f->d.items[0].line, 3);
	assert_int_equal(f->d.items[0].column, 2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 1);
}

static void test_import_header_only(void **state)
{
	fixture *f = *state;

	write_file(f, "a.csv", "question,answer\n\n");
	import_ok(f, "acme", NULL);
	assert_int_equal(f->st.rows, 0);
	assert_int_equal(f->d.warnings, 1);
	assert_string_equal(f->d.items[0].msg, "no answers in the file");
}

static void test_import_missing_file(void **state)
{
	fixture *f = *state;

	snprintf(f->path, sizeof(f->path), "%s/absent.csv", f->dir);
	assert_int_equal(import(f, "acme", NULL), SRMGAP_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "cannot open"));
	assert_false(srmgap_store__in_tx(f->s));
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 0);
}

static void test_import_many_rows_and_assessments(void **state)
{
	fixture *f = *state;
	srmgap_buf b;
	size_t i;
	char *content;

	/* enough assessments to regrow the import's table of them */
	srmgap_util__buf_init(&b);
	srmgap_util__buf_puts(&b, "assessment,question,answer\n");
	for (i = 0; i < 40; i++) {
		srmgap_util__buf_printf(&b, "org-%02zu,IAM-01.1,yes\n", i);
		srmgap_util__buf_printf(&b, "org-%02zu,IAM-02.1,admins\n", i);
	}
	for (i = 0; i < 40; i++)
		srmgap_util__buf_printf(&b, "org-%02zu,LOG-01.1,2025-01-0%zu\n", i,
			i % 9 + 1);
	content = srmgap_util__buf_detach(&b);
	write_file(f, "bulk.csv", content);
	free(content);
	import_ok(f, NULL, f->demo);
	assert_int_equal(f->st.rows, 120);
	assert_int_equal(f->st.created, 40);
	assert_int_equal(f->st.assessments, 40);
	assert_int_equal(f->st.inserted, 120);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM answers"), 120);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_import_good_file),
		T(test_import_columns_in_any_order),
		T(test_import_reimport_unchanged),
		T(test_import_changed_answer_replaced),
		T(test_import_changed_evidence_replaced),
		T(test_import_unknown_question),
		T(test_import_invalid_value),
		T(test_import_invalid_date),
		T(test_import_duplicate_row),
		T(test_import_pattern_mismatch),
		T(test_import_missing_column),
		T(test_import_unterminated_quote),
		T(test_import_malformed_quote),
		T(test_import_invalid_utf8),
		T(test_import_value_beyond_header),
		T(test_import_every_problem_reported),
		T(test_import_rejected_file_leaves_database_file_identical),
		T(test_import_bulk_creates_assessments),
		T(test_import_bulk_questions_per_assessment_model),
		T(test_import_bulk_duplicate_is_per_assessment),
		T(test_import_bulk_without_model),
		T(test_import_bulk_needs_assessment_column),
		T(test_import_bulk_bad_names),
		T(test_import_assessment_column_ignored_when_named),
		T(test_import_unknown_assessment),
		T(test_import_empty_answers),
		T(test_import_header_only),
		T(test_import_missing_file),
		T(test_import_many_rows_and_assessments),
#undef T
	};

	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
