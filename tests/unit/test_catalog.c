/*
 * Unit tests for catalogs (src/lib/catalog.c): the catalog path, listing
 * models and questionnaire variants, loading a model with a questionnaire
 * from its files, and validating folders and files, on the fixture
 * catalogs under tests/fixtures/unit/catalog and on the bundled catalog.
 *
 * Fixture catalogs: good/ (models demo and alpha), override/ (another
 * demo), warn/ (valid with warnings), orphan/ (a questionnaire without a
 * model) and bad/ (one model per kind of problem, named after it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "srmgap/catalog.h"
#include "unit.h"

#define FIX "../fixtures/unit/catalog"
#define BUNDLED "../.."

typedef struct fixture {
	srmgap_catalog cat;
	srmgap_diags d;
	srmgap_error err;
	srmgap_model *m;
	srmgap_catalog_entry *list;
	size_t nlist;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	srmgap_catalog_init(&f->cat);
	srmgap_diags_init(&f->d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	srmgap_model_free(f->m);
	srmgap_catalog_entries_free(f->list, f->nlist);
	srmgap_catalog_release(&f->cat);
	srmgap_diags_release(&f->d);
	free(f);
	return 0;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n >= k && strcmp(s + n - k, tail) == 0;
}

/*
 * The diagnostic whose path ends with `path_tail` and whose message
 * contains `part`; fails the test when there is none.
 */
static const srmgap_diag *find_diag(const fixture *f, int severity,
	const char *path_tail, const char *part)
{
	size_t i;

	for (i = 0; i < f->d.count; i++) {
		const srmgap_diag *g = &f->d.items[i];

		if (g->severity == severity && ends_with(g->path, path_tail) &&
		    strstr(g->msg, part) != NULL)
			return g;
	}
	print_error("no diagnostic '%s' for '%s'\n", part, path_tail);
	dump_diags(&f->d);
	fail();
	return NULL;
}

static void add(fixture *f, const char *list)
{
	assert_int_equal(srmgap_catalog_add(&f->cat, list), SRMGAP_OK);
}

static int load(fixture *f, const char *id, const char *variant)
{
	srmgap_model_free(f->m);
	f->m = NULL;
	srmgap_error_clear(&f->err);
	return srmgap_catalog_load(&f->m, &f->cat, id, variant, &f->d, &f->err);
}

/* Load bad model `id` from the bad catalog: it must fail as invalid. */
static void load_bad(fixture *f, const char *id)
{
	int rc;

	add(f, FIX "/bad");
	rc = load(f, id, NULL);
	if (rc != SRMGAP_EINVALID)
		dump_diags(&f->d);
	assert_int_equal(rc, SRMGAP_EINVALID);
	assert_null(f->m);
	assert_true(f->d.errors >= 1);
	assert_non_null(strstr(f->err.msg, "is invalid"));
}

static void test_catalog_add_skips_missing_and_duplicates(void **state)
{
	fixture *f = *state;

	add(f, NULL);
	add(f, "");
	assert_int_equal(f->cat.ndirs, 0);
	add(f, "/nonexistent/catalog:" FIX "/good:" FIX "/good/:"
		FIX "/../catalog/good");
	assert_int_equal(f->cat.ndirs, 1);
	assert_true(f->cat.dirs[0][0] == '/');
	assert_true(ends_with(f->cat.dirs[0], "/tests/fixtures/unit/catalog/good"));
	add(f, FIX "/override:" FIX "/good");
	assert_int_equal(f->cat.ndirs, 2);
	assert_true(ends_with(f->cat.dirs[1], "/catalog/override"));
}

static void test_catalog_list_sorted_with_variants(void **state)
{
	fixture *f = *state;

	add(f, FIX "/good");
	assert_int_equal(srmgap_catalog_list(&f->list, &f->nlist, &f->cat,
		&f->err),
		SRMGAP_OK);
	assert_int_equal(f->nlist, 2);
	assert_string_equal(f->list[0].id, "alpha");
	assert_string_equal(f->list[1].id, "demo");
	assert_int_equal(f->list[0].nvariants, 1);
	assert_string_equal(f->list[0].variants[0], "");
	assert_int_equal(f->list[1].nvariants, 2);
	assert_string_equal(f->list[1].variants[0], "");
	assert_string_equal(f->list[1].variants[1], "quick");
	assert_true(ends_with(f->list[1].dir, "/catalog/good"));
}

static void test_catalog_list_first_folder_wins(void **state)
{
	fixture *f = *state;

	add(f, FIX "/override:" FIX "/good");
	assert_int_equal(srmgap_catalog_list(&f->list, &f->nlist, &f->cat,
		&f->err),
		SRMGAP_OK);
	assert_int_equal(f->nlist, 2);
	assert_string_equal(f->list[0].id, "alpha");
	assert_true(ends_with(f->list[0].dir, "/catalog/good"));
	assert_string_equal(f->list[1].id, "demo");
	assert_true(ends_with(f->list[1].dir, "/catalog/override"));
	/* the variants are those of the winning folder */
	assert_int_equal(f->list[1].nvariants, 1);
	assert_string_equal(f->list[1].variants[0], "");
}

static void test_catalog_list_empty_path(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_catalog_list(&f->list, &f->nlist, &f->cat,
		&f->err),
		SRMGAP_OK);
	assert_int_equal(f->nlist, 0);
}

static void test_catalog_load_first_folder_wins(void **state)
{
	fixture *f = *state;

	add(f, FIX "/override:" FIX "/good");
	assert_int_equal(load(f, "demo", NULL), SRMGAP_OK);
	assert_string_equal(f->m->title, "Demo override");
	assert_true(ends_with(f->m->dir, "/catalog/override/controls/demo"));
	srmgap_catalog_release(&f->cat);
	srmgap_catalog_init(&f->cat);
	add(f, FIX "/good:" FIX "/override");
	assert_int_equal(load(f, "demo", NULL), SRMGAP_OK);
	assert_string_equal(f->m->title, "Demo SaaS");
	assert_true(ends_with(f->m->dir, "/catalog/good/controls/demo"));
	assert_int_equal(f->d.errors, 0);
}

static void test_catalog_load_good_model_content(void **state)
{
	fixture *f = *state;
	const srmgap_model *m;
	long ix;

	add(f, FIX "/good");
	assert_int_equal(load(f, "demo", ""), SRMGAP_OK);
	if (f->d.count != 0)
		dump_diags(&f->d);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 0);
	m = f->m;
	assert_string_equal(m->id, "demo");
	assert_string_equal(m->variant, "");
	assert_string_equal(m->version, "2026.1");
	assert_string_equal(m->description, "A small model, with a comma");
	assert_true(ends_with(m->questionnaire_path, "/questionnaires/demo.csv"));
	assert_int_equal(m->nparties, 3);
	assert_int_equal(m->customer, 2);
	assert_int_equal(m->nareas, 3);
	assert_null(m->areas[0].duties[2]);
	assert_string_equal(m->areas[1].duties[2], "Enforces SSO and MFA");
	assert_int_equal(m->ncontrols, 4);
	ix = srmgap_model_control(m, "IAM-02");
	assert_int_equal(ix, 2);
	assert_int_equal(m->controls[ix].owner, SRMGAP_OWNER_SHARED);
	assert_true(m->controls[ix].weight == 2.5);
	assert_int_equal(m->controls[0].owner, SRMGAP_OWNER_PROVIDER);
	assert_string_equal(m->controls[3].description, "Logs are reviewed, weekly");
	assert_int_equal(m->nquestions, 5);
	ix = srmgap_model_question(m, "IAM-01.2");
	assert_true(m->questions[ix].has_dep);
	assert_false(m->questions[ix].required);
	assert_int_equal(m->questions[ix].type, SRMGAP_Q_MULTI);
	ix = srmgap_model_question(m, "LOG-01.2");
	assert_non_null(m->questions[ix].re);
	assert_int_equal(m->questions[srmgap_model_question(m, "LOG-01.1")]
		.max_age_days, 31);
	assert_int_equal(m->nscenarios, 2);
	assert_int_equal(strlen(m->hash), 64);
}

static void test_catalog_load_variant(void **state)
{
	fixture *f = *state;
	char hash[65];

	add(f, FIX "/good");
	assert_int_equal(load(f, "demo", NULL), SRMGAP_OK);
	snprintf(hash, sizeof(hash), "%s", f->m->hash);
	assert_int_equal(load(f, "demo", "quick"), SRMGAP_OK);
	assert_string_equal(f->m->variant, "quick");
	assert_int_equal(f->m->nquestions, 2);
	assert_true(ends_with(f->m->questionnaire_path, "demo.quick.csv"));
	/* a variant asking about a subset is no warning */
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 0);
	assert_string_not_equal(f->m->hash, hash);
}

static void test_catalog_load_not_found(void **state)
{
	fixture *f = *state;

	add(f, FIX "/good");
	assert_int_equal(load(f, "nope", NULL), SRMGAP_ENOTFOUND);
	assert_string_equal(f->err.msg, "unknown model 'nope' (see 'srmgap models')");
	assert_null(f->m);
	assert_int_equal(load(f, "demo", "long"), SRMGAP_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "model 'demo' has no questionnaire "
		"'long'"));
	assert_non_null(strstr(f->err.msg, "demo.long.csv"));
	assert_null(f->m);
	assert_int_equal(f->d.errors, 0);
}

static void test_catalog_load_invalid_names(void **state)
{
	fixture *f = *state;

	add(f, FIX "/good");
	assert_int_equal(load(f, "../good", NULL), SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg, "invalid model id '../good'");
	assert_int_equal(load(f, "demo.quick", NULL), SRMGAP_EUSAGE);
	assert_int_equal(load(f, "demo", "a/b"), SRMGAP_EUSAGE);
	assert_string_equal(f->err.msg, "invalid questionnaire variant 'a/b'");
	assert_int_equal(load(f, "demo", "x.y"), SRMGAP_EUSAGE);
	assert_null(f->m);
}

static void test_catalog_load_without_questionnaire(void **state)
{
	fixture *f = *state;

	add(f, FIX "/bad");
	assert_int_equal(load(f, "no-questionnaire", NULL), SRMGAP_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "model 'no-questionnaire' has no "
		"questionnaire (no file '"));
	assert_null(f->m);
}

static void test_catalog_load_files_direct(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_model_load_files(&f->m, FIX "/good/controls/demo",
		FIX "/good/questionnaires/demo.quick.csv", &f->d, &f->err), SRMGAP_OK);
	assert_string_equal(f->m->id, "demo");
	assert_string_equal(f->m->variant, "quick");
	assert_string_equal(f->m->dir, FIX "/good/controls/demo");
	assert_int_equal(f->m->nquestions, 2);
	srmgap_model_free(f->m);
	f->m = NULL;
	/* the model alone, without questions */
	assert_int_equal(srmgap_model_load_files(&f->m, FIX "/good/controls/demo/",
		NULL, &f->d, &f->err), SRMGAP_OK);
	assert_string_equal(f->m->id, "demo");
	assert_int_equal(f->m->nquestions, 0);
	assert_int_equal(f->m->ncontrols, 4);
	assert_int_equal(f->d.errors, 0);
}

static void test_catalog_load_files_missing_folder(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_model_load_files(&f->m, FIX "/good/controls/zzz",
		NULL, &f->d, &f->err), SRMGAP_ENOTFOUND);
	assert_string_equal(f->err.msg, "no model folder '" FIX
		"/good/controls/zzz'");
	assert_null(f->m);
}

static void test_catalog_bad_unknown_area(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	load_bad(f, "bad-area");
	assert_string_equal(f->err.msg, "model 'bad-area' is invalid");
	g = find_diag(f, SRMGAP_DIAG_ERROR, "/controls/bad-area/controls.csv",
		"unknown area 'nowhere'");
	assert_int_equal(g->line, 3);
	assert_int_equal(g->column, 2);
	assert_int_equal(f->d.errors, 1);
}

static void test_catalog_bad_unterminated_quote(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	load_bad(f, "bad-quote");
	g = find_diag(f, SRMGAP_DIAG_ERROR, "/controls/bad-quote/controls.csv",
		"unterminated");
	assert_int_equal(g->line, 3);
}

static void test_catalog_bad_missing_column(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	load_bad(f, "bad-column");
	g = find_diag(f, SRMGAP_DIAG_ERROR, "/controls/bad-column/controls.csv",
		"missing required column 'severity'");
	assert_int_equal(g->line, 1);
}

static void test_catalog_bad_question_type(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	load_bad(f, "bad-type");
	g = find_diag(f, SRMGAP_DIAG_ERROR, "/questionnaires/bad-type.csv",
		"invalid type 'boolean'");
	assert_int_equal(g->line, 2);
	assert_int_equal(g->column, 4);
	assert_int_equal(f->d.errors, 1);
}

static void test_catalog_bad_two_customers(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	load_bad(f, "bad-customers");
	g = find_diag(f, SRMGAP_DIAG_ERROR, "/controls/bad-customers/parties.csv",
		"second customer 'customer': exactly one party has role customer "
		"(the first is 'aws')");
	assert_int_equal(g->line, 3);
	assert_int_equal(g->column, 3);
	assert_int_equal(f->d.errors, 1);
}

static void test_catalog_bad_depends_on_later(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	load_bad(f, "bad-depends");
	g = find_diag(f, SRMGAP_DIAG_ERROR, "/questionnaires/bad-depends.csv",
		"depends_on names 'OPS-01.2', which is not a question defined above");
	assert_int_equal(g->line, 2);
	assert_int_equal(g->column, 8);
	assert_int_equal(f->d.errors, 1);
}

static void test_catalog_bad_value_beyond_header(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	load_bad(f, "bad-width");
	g = find_diag(f, SRMGAP_DIAG_ERROR, "/questionnaires/bad-width.csv",
		"value 'oops' beyond the last column of the header");
	assert_int_equal(g->line, 2);
	assert_int_equal(g->column, 11);
	assert_int_equal(f->d.errors, 1);
}

static void test_catalog_bad_invalid_utf8(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	load_bad(f, "bad-utf8");
	g = find_diag(f, SRMGAP_DIAG_ERROR, "/questionnaires/bad-utf8.csv",
		"invalid UTF-8");
	assert_int_equal(g->line, 3);
	assert_int_equal(g->column, 3);
}

static void test_catalog_bad_pattern(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	load_bad(f, "bad-pattern");
	g = find_diag(f, SRMGAP_DIAG_ERROR, "/questionnaires/bad-pattern.csv",
		"invalid pattern: ");
	assert_non_null(strstr(g->msg, "at byte 15 of the pattern"));
	assert_int_equal(g->line, 2);
	assert_int_equal(g->column, 9);
}

static void test_catalog_load_spreadsheet_export(void **state)
{
	fixture *f = *state;

	/* BOM, CRLF, capitalised headers and words, blank and empty rows */
	add(f, FIX "/excel");
	assert_int_equal(load(f, "excel", NULL), SRMGAP_OK);
	if (f->d.count != 0)
		dump_diags(&f->d);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 0);
	assert_string_equal(f->m->description, "Two\r\nlines");
	assert_int_equal(f->m->nparties, 2);
	assert_int_equal(f->m->customer, 1);
	assert_string_equal(f->m->areas[0].duties[1], "Runs its\r\nrunbook");
	assert_int_equal(f->m->ncontrols, 1);
	assert_int_equal(f->m->controls[0].severity, SRMGAP_SEV_LOW);
	assert_int_equal(f->m->nquestions, 1);
	assert_int_equal(f->m->questions[0].type, SRMGAP_Q_YESNO);
	assert_true(f->m->questions[0].required);
}

static void test_catalog_validate_good(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_catalog_validate(&f->cat, FIX "/good", &f->d,
		&f->err), SRMGAP_OK);
	assert_int_equal(srmgap_catalog_validate(&f->cat, FIX "/good/controls/demo",
		&f->d, &f->err), SRMGAP_OK);
	assert_int_equal(srmgap_catalog_validate(&f->cat,
		FIX "/good/questionnaires/demo.quick.csv", &f->d, &f->err),
		SRMGAP_OK);
	if (f->d.count != 0)
		dump_diags(&f->d);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 0);
}

static void test_catalog_validate_warnings_only(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	assert_int_equal(srmgap_catalog_validate(&f->cat, FIX "/warn", &f->d,
		&f->err), SRMGAP_OK);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 2);
	g = find_diag(f, SRMGAP_DIAG_WARNING, "/questionnaires/warn.csv",
		"control 'OPS-02' has no question: it will always be not-applicable");
	(void)g;
	find_diag(f, SRMGAP_DIAG_WARNING, "controls/warn", "area 'hr' lists "
		"customer duties but has no customer or shared control");
}

static void test_catalog_validate_bad_catalog_reports_all(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_catalog_validate(&f->cat, FIX "/bad", &f->d,
		&f->err), SRMGAP_EINVALID);
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-area/controls.csv", "unknown area");
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-quote/controls.csv", "unterminated");
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-column/controls.csv",
		"missing required column");
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-type.csv", "invalid type");
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-customers/parties.csv",
		"second customer");
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-depends.csv", "depends_on names");
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-width.csv", "beyond the last column");
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-utf8.csv", "invalid UTF-8");
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-pattern.csv", "invalid pattern");
	assert_true(f->d.errors >= 9);
}

static void test_catalog_validate_folder_of_models(void **state)
{
	fixture *f = *state;

	/* a catalog's controls/ folder: every model in it */
	assert_int_equal(srmgap_catalog_validate(&f->cat, FIX "/good/controls/",
		&f->d, &f->err), SRMGAP_OK);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(srmgap_catalog_validate(&f->cat, FIX "/bad/controls",
		&f->d, &f->err), SRMGAP_EINVALID);
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-area/controls.csv", "unknown area");
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-type.csv", "invalid type");
	/* no doubled slash in the names of the files */
	find_diag(f, SRMGAP_DIAG_ERROR,
		FIX "/bad/controls/bad-area/controls.csv", "unknown area");
}

static void test_catalog_validate_one_bad_model_folder(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_catalog_validate(&f->cat,
		FIX "/bad/controls/bad-type", &f->d, &f->err), SRMGAP_EINVALID);
	assert_int_equal(f->d.errors, 1);
	find_diag(f, SRMGAP_DIAG_ERROR, FIX "/bad/questionnaires/bad-type.csv",
		"invalid type 'boolean'");
}

static void test_catalog_validate_model_folder_spelled_with_dot(void **state)
{
	fixture *f = *state;

	/*
	 * "<catalog>/controls/<id>/." names the same folder as
	 * "<catalog>/controls/<id>": its questionnaires must be checked too.
	 */
	assert_int_equal(srmgap_catalog_validate(&f->cat,
		FIX "/bad/controls/bad-type/.", &f->d, &f->err), SRMGAP_EINVALID);
	find_diag(f, SRMGAP_DIAG_ERROR, "bad-type.csv", "invalid type 'boolean'");
}

static void test_catalog_validate_questionnaire_without_model(void **state)
{
	fixture *f = *state;
	const srmgap_diag *g;

	assert_int_equal(srmgap_catalog_validate(&f->cat,
		FIX "/orphan/questionnaires/ghost.csv", &f->d, &f->err),
		SRMGAP_EINVALID);
	g = find_diag(f, SRMGAP_DIAG_ERROR, "ghost.csv", "no model 'ghost' for "
		"this questionnaire");
	assert_int_equal(g->line, 0);
}

static void test_catalog_validate_not_a_catalog(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_catalog_validate(&f->cat, FIX "/nonexistent",
		&f->d, &f->err), SRMGAP_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "cannot open '" FIX "/nonexistent'"));
	assert_int_equal(srmgap_catalog_validate(&f->cat,
		FIX "/good/questionnaires", &f->d, &f->err), SRMGAP_ENOTFOUND);
	assert_string_equal(f->err.msg, "'" FIX "/good/questionnaires' is not a "
		"model folder, a questionnaire or a catalog");
	assert_int_equal(f->d.errors, 0);
}

static void test_catalog_bundled_models_load_clean(void **state)
{
	fixture *f = *state;
	size_t i, k;
	int cloudbees = 0, atlassian = 0;

	add(f, BUNDLED);
	assert_int_equal(srmgap_catalog_list(&f->list, &f->nlist, &f->cat,
		&f->err),
		SRMGAP_OK);
	for (i = 0; i < f->nlist; i++) {
		cloudbees |= strcmp(f->list[i].id, "cloudbees-unify") == 0;
		atlassian |= strcmp(f->list[i].id, "atlassian-cloud") == 0;
		for (k = 0; k < f->list[i].nvariants; k++) {
			int rc = load(f, f->list[i].id, f->list[i].variants[k]);

			if (rc != SRMGAP_OK || f->d.errors != 0) {
				print_error("%s '%s': %s\n", f->list[i].id,
					f->list[i].variants[k], f->err.msg);
				dump_diags(&f->d);
			}
			assert_int_equal(rc, SRMGAP_OK);
			assert_int_equal(f->d.errors, 0);
			assert_true(f->m->nquestions > 0);
			assert_true(f->m->ncontrols > 0);
			assert_string_equal(f->m->variant, f->list[i].variants[k]);
		}
	}
	assert_true(cloudbees);
	assert_true(atlassian);
}

static void test_catalog_bundled_cloudbees_variants(void **state)
{
	fixture *f = *state;
	size_t full;

	add(f, BUNDLED);
	assert_int_equal(load(f, "cloudbees-unify", NULL), SRMGAP_OK);
	full = f->m->nquestions;
	assert_int_equal(f->m->nparties, 3);
	assert_true(f->m->parties[f->m->customer].is_customer);
	assert_int_equal(load(f, "cloudbees-unify", "quick"), SRMGAP_OK);
	assert_true(f->m->nquestions < full);
	assert_int_equal(load(f, "atlassian-cloud", NULL), SRMGAP_OK);
	assert_int_equal(f->d.errors, 0);
}

static void test_catalog_bundled_validates(void **state)
{
	fixture *f = *state;
	int rc;

	rc = srmgap_catalog_validate(&f->cat, BUNDLED, &f->d, &f->err);
	if (rc != SRMGAP_OK)
		dump_diags(&f->d);
	assert_int_equal(rc, SRMGAP_OK);
	assert_int_equal(f->d.errors, 0);
}

static void test_catalog_user_folder_overrides_bundled(void **state)
{
	fixture *f = *state;

	/* A user catalog first on the path shadows nothing it does not have. */
	add(f, FIX "/good:" BUNDLED);
	assert_int_equal(srmgap_catalog_list(&f->list, &f->nlist, &f->cat,
		&f->err),
		SRMGAP_OK);
	assert_true(f->nlist >= 4);
	assert_string_equal(f->list[0].id, "alpha");
	assert_int_equal(load(f, "cloudbees-unify", NULL), SRMGAP_OK);
	assert_false(ends_with(f->m->dir, "/catalog/good/controls/cloudbees-unify"));
	assert_int_equal(load(f, "demo", NULL), SRMGAP_OK);
	assert_true(ends_with(f->m->dir, "/catalog/good/controls/demo"));
}

/* Folders a user named must exist; those before the missing one stay. */
static void test_catalog_require_refuses_missing(void **state)
{
	fixture *f = *state;

	srmgap_error_clear(&f->err);
	assert_int_equal(srmgap_catalog_require(&f->cat, FIX "/good:no-such-dir:"
		FIX "/warn", &f->err), SRMGAP_ENOTFOUND);
	assert_string_equal(f->err.msg, "no catalog folder 'no-such-dir'");
	assert_int_equal(f->cat.ndirs, 1);
	assert_int_equal(srmgap_catalog_require(&f->cat, NULL, &f->err),
		SRMGAP_OK);
	assert_int_equal(srmgap_catalog_require(&f->cat, FIX "/warn", &f->err),
		SRMGAP_OK);
	assert_int_equal(f->cat.ndirs, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_catalog_add_skips_missing_and_duplicates),
		T(test_catalog_require_refuses_missing),
		T(test_catalog_list_sorted_with_variants),
		T(test_catalog_list_first_folder_wins),
		T(test_catalog_list_empty_path),
		T(test_catalog_load_first_folder_wins),
		T(test_catalog_load_good_model_content),
		T(test_catalog_load_variant),
		T(test_catalog_load_not_found),
		T(test_catalog_load_invalid_names),
		T(test_catalog_load_without_questionnaire),
		T(test_catalog_load_files_direct),
		T(test_catalog_load_files_missing_folder),
		T(test_catalog_bad_unknown_area),
		T(test_catalog_bad_unterminated_quote),
		T(test_catalog_bad_missing_column),
		T(test_catalog_bad_question_type),
		T(test_catalog_bad_two_customers),
		T(test_catalog_bad_depends_on_later),
		T(test_catalog_bad_value_beyond_header),
		T(test_catalog_bad_invalid_utf8),
		T(test_catalog_bad_pattern),
		T(test_catalog_load_spreadsheet_export),
		T(test_catalog_validate_good),
		T(test_catalog_validate_warnings_only),
		T(test_catalog_validate_bad_catalog_reports_all),
		T(test_catalog_validate_folder_of_models),
		T(test_catalog_validate_one_bad_model_folder),
		T(test_catalog_validate_model_folder_spelled_with_dot),
		T(test_catalog_validate_questionnaire_without_model),
		T(test_catalog_validate_not_a_catalog),
		T(test_catalog_bundled_models_load_clean),
		T(test_catalog_bundled_cloudbees_variants),
		T(test_catalog_bundled_validates),
		T(test_catalog_user_folder_overrides_bundled),
#undef T
	};

	return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
