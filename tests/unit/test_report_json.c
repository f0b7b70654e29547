/*
 * Unit tests for the JSON exports (report_json.c, portfolio.c): the
 * report is parsed back with jansson, checked against its documented
 * layout (reports/srmgap-report-1.schema.json, through the checker in
 * json_schema.h) and value by value against the hand computation below;
 * the same for the portfolio (reports/srmgap-portfolio-1.schema.json).
 *
 * The model, built in memory, has parties aws and customer and four areas:
 *   iam   C1 (high, met), C2 (critical, partial 0.375)
 *   data  C3 (medium, not-met), C4 (shared, low, unanswered)
 *   phys  P1 (owned by aws: inherited; the area is the provider's)
 *   logs  L1 (high, answered na: not applicable)
 * Severity weights are 4/3/2/1, so
 *   iam     (3*1 + 4*0.375) / 7 = 0.642857... (64.3%)
 *   data    0
 *   overall (3*1 + 4*0.375 + 2*0 + 1*0) / 10 = 0.45 (45.0%)
 * and the gaps are C2 (critical, shortfall 4*0.625 = 2.5), C3 (medium,
 * 2), C4 (low, 1). With the verdicts C1 verified and C2 not-verified, the
 * verified score is 3*1 / 10 = 0.3 and iam's 3/7. When C1's answers change
 * after its verdict, the verdict is outdated and counts as none: verified
 * 0, one control reviewed (C2) and one outdated.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "srmgap/report.h"
#include "srmgap/score.h"
#include "model_int.h"
#include "util_int.h"
#include "unit.h"
#include "json_schema.h"

#define REPORT_SCHEMA "../../reports/srmgap-report-1.schema.json"
#define PORTFOLIO_SCHEMA "../../reports/srmgap-portfolio-1.schema.json"
#define FFFD "\xef\xbf\xbd"

typedef struct fixture {
	srmgap_model *m;
	srmgap_diags d;
	srmgap_answers ans;
	int have_ans;
	srmgap_reviews rv;
	srmgap_review items[6];
	srmgap_result *r;
	srmgap_assessment a;
	long asof;
	unit_capture cap;
	json_t *doc;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	srmgap_diags_init(&f->d);
	if (srmgap_util__parse_date("2025-01-01", &f->asof) != 0)
		return -1;
	f->a.name = "acme-2026";
	f->a.org = "Acme Corp";
	f->a.assessor = "=Self-assessment";
	f->a.created_at = "2024-12-01T09:00:00Z";
	f->a.model_id = "demo";
	f->a.variant = "";
	f->a.hash = "";
	f->a.model_title = "Demo";
	f->a.model_version = "1";
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	capture_release(&f->cap);
	json_decref(f->doc);
	srmgap_result_free(f->r);
	if (f->have_ans)
		srmgap_answers_release(&f->ans);
	srmgap_model_free(f->m);
	srmgap_diags_release(&f->d);
	free(f);
	return 0;
}

/* Close the stream and parse what it holds (kept in f->doc). */
static json_t *parsed(fixture *f)
{
	json_error_t e;

	captured(&f->cap);
	json_decref(f->doc);
	f->doc = json_loadb(f->cap.out, f->cap.outlen, JSON_REJECT_DUPLICATES, &e);
	if (f->doc == NULL)
		print_error("line %d: %s\n%s\n", e.line, e.text, f->cap.out);
	assert_non_null(f->doc);
	return f->doc;
}

/* `doc` follows the schema in file `path`. */
static void assert_layout(json_t *doc, const char *path)
{
	json_error_t e;
	json_t *schema = json_load_file(path, 0, &e);
	size_t problems;

	if (schema == NULL)
		print_error("%s: %s\n", path, e.text);
	assert_non_null(schema);
	problems = schema_check(schema, doc, stderr);
	json_decref(schema);
	assert_int_equal(problems, 0);
}

static void build(fixture *f)
{
	static const char *const parties[][F_PARTY_N] = {
		{ "aws", "AWS", "provider" },
		{ "customer", "Customer", "customer" },
	};
	static const char *const d_iam[] = { "Runs the identity service",
		"Manages its users" };
	static const char *const d_data[] = { "Encrypts storage",
		"Encrypts its data" };
	static const char *const d_phys[] = { "Guards the buildings", "n/a" };
	static const char *const d_logs[] = { "Keeps platform logs",
		"Reviews its own logs" };
	static const unit_area areas[] = {
		{ "iam", "Identity and access", d_iam },
		{ "data", "Data protection", d_data },
		{ "phys", "Physical security", d_phys },
		{ "logs", "Logging", d_logs },
	};
	static const char *const ctl[][F_CTL_N] = {
		{ "C1", "iam", "Single sign-on, everywhere", "customer", "high", "",
		  "SSO for all", "Turn on SSO", "ISO 27001 A.9 | SOC2:CC6.1" },
		{ "C3", "data", "Encrypt backups", "customer", "medium", "", "",
		  "-encrypt with KMS", "" },
		{ "C2", "iam", "Second factor", "customer", "critical", "", "",
		  "Require MFA", "" },
		{ "C4", "data", "Key rotation", "shared", "low", "", "", "", "" },
		{ "P1", "phys", "Data centre guards", "aws", "critical", "", "", "",
		  "" },
		{ "L1", "logs", "Log review", "customer", "high", "", "", "", "" },
	};
	static const char *const qs[][F_Q_N] = {
		{ "Q1", "C1", "SSO?", "yesno", "", "", "", "", "", "" },
		{ "Q2", "C2", "Factors?", "multi", "mfa=0.5|sso=0.25|none=na", "",
		  "", "", "", "" },
		{ "Q3", "C2", "Enforced?", "yesno", "", "", "", "", "",
		  "Keep the policy export" },
		{ "Q4", "C3", "Encrypted?", "yesno", "", "", "", "", "", "" },
		{ "Q5", "C4", "Rotated?", "yesno", "", "", "", "", "", "" },
		{ "Q6", "P1", "Guarded?", "yesno", "", "", "", "", "", "" },
		{ "Q7", "L1", "Reviewed?", "yesno", "", "2", "no", "", "", "" },
	};
	static const unit_model spec = { "demo", "Demo", "1", parties,
		UNIT_N(parties), areas, UNIT_N(areas), ctl, UNIT_N(ctl), qs,
		UNIT_N(qs) };

	model_build(&f->m, &f->d, &f->ans, &spec);
	f->have_ans = 1;
}

static void answer(fixture *f, const char *qid, const char *value,
	const char *evidence, const char *note)
{
	long ix = srmgap_model_question(f->m, qid);
	srmgap_answer *a;

	assert_true(ix >= 0);
	a = &f->ans.items[ix];
	a->value = value ? xdup(value) : NULL;
	a->evidence = xdup(evidence ? evidence : "");
	a->evidence_date = xdup("");
	a->note = xdup(note ? note : "");
	a->recorded_at = xdup("2024-12-02T10:00:00Z");
}

static void score(fixture *f, const srmgap_reviews *rv)
{
	srmgap_result_free(f->r);
	f->r = NULL;
	assert_int_equal(srmgap_score(&f->r, f->m, &f->ans, rv, f->asof),
		SRMGAP_OK);
}

static void standard(fixture *f)
{
	long q3;

	build(f);
	answer(f, "Q1", "yes", "SSO policy v2", "reviewed yearly");
	answer(f, "Q2", "mfa|sso", "screenshot \"MFA\" page", NULL);
	answer(f, "Q3", "no", "MFA report, March", "=1+2");
	answer(f, "Q4", "no", NULL, NULL);
	/* a note without an answer is not an answer */
	answer(f, "Q5", NULL, NULL, "ignored");
	answer(f, "Q6", "yes", NULL, NULL);
	answer(f, "Q7", "na", NULL, NULL);
	q3 = srmgap_model_question(f->m, "Q3");
	free(f->ans.items[q3].evidence_date);
	f->ans.items[q3].evidence_date = xdup("2024-11-30");
	f->ans.items[q3].carried = 1;
	score(f, NULL);
	assert_near(f->r->overall, 0.45);
}

/* Verdicts on C1 (verified) and C2 (not verified). */
static void reviewed(fixture *f)
{
	size_t c1 = (size_t)srmgap_model_control(f->m, "C1");
	size_t c2 = (size_t)srmgap_model_control(f->m, "C2");

	memset(f->items, 0, sizeof(f->items));
	f->rv.items = f->items;
	f->rv.count = f->m->ncontrols;
	f->items[c1].verdict = SRMGAP_VERDICT_VERIFIED;
	f->items[c1].comment = "=seen it";
	f->items[c1].auditor = "A. Uditor";
	f->items[c1].reviewed_at = "2024-12-20T08:00:00Z";
	f->items[c2].verdict = SRMGAP_VERDICT_NOT_VERIFIED;
	f->items[c2].comment = "";
	f->items[c2].auditor = "A. Uditor";
	f->items[c2].reviewed_at = "2024-12-20T08:05:00Z";
	f->rv.reviewed = 2;
	score(f, &f->rv);
}

static json_t *report(fixture *f, const srmgap_reviews *rv)
{
	srmgap_error err;

	srmgap_error_clear(&err);
	assert_int_equal(srmgap_report_json(capture(&f->cap), &f->a, f->m, &f->ans, rv,
		f->r, &err), SRMGAP_OK);
	return parsed(f);
}

/* The value at `path` (keys and indexes separated by '/'). */
static json_t *at(json_t *v, const char *path)
{
	char key[64];

	while (v != NULL && *path != '\0') {
		size_t n = strcspn(path, "/");

		assert_true(n < sizeof(key));
		memcpy(key, path, n);
		key[n] = '\0';
		path += n + (path[n] == '/');
		if (json_is_array(v))
			v = json_array_get(v, strtoul(key, NULL, 10));
		else
			v = json_object_get(v, key);
	}
	if (v == NULL)
		print_error("no value at '%s'\n", path);
	assert_non_null(v);
	return v;
}

#define assert_str(doc, path, want) \
	assert_string_equal(json_string_value(at((doc), (path))), (want))
#define assert_num(doc, path, want) \
	assert_near(json_number_value(at((doc), (path))), (want))
#define assert_int(doc, path, want) do { \
	assert_true(json_is_integer(at((doc), (path)))); \
	assert_int_equal(json_integer_value(at((doc), (path))), (want)); \
} while (0)
#define assert_json_null(doc, path) assert_true(json_is_null(at((doc), (path))))

/* ---- the report ---- */

static void test_report_json_layout(void **state)
{
	fixture *f = *state;
	json_t *doc;

	standard(f);
	doc = report(f, NULL);
	assert_layout(doc, REPORT_SCHEMA);
	assert_str(doc, "format", SRMGAP_REPORT_JSON_FORMAT);
	assert_str(doc, "format", "srmgap-report/1");
	assert_str(doc, "generator", "srmgap " SRMGAP_VERSION);
	assert_str(doc, "as_of", "2025-01-01");
	/* two-space indentation, one key a line, a final line end */
	assert_non_null(strstr(f->cap.out, "{\n  \"format\": \"srmgap-report/1\",\n"));
	assert_int_equal(f->cap.out[f->cap.outlen - 1], '\n');
}

static void test_report_json_model(void **state)
{
	fixture *f = *state;
	json_t *doc;

	standard(f);
	doc = report(f, NULL);
	assert_str(doc, "model/id", "demo");
	assert_str(doc, "model/variant", "");
	assert_str(doc, "model/title", "Demo");
	assert_str(doc, "model/hash", f->m->hash);
	assert_int_equal(json_array_size(at(doc, "model/parties")), 2);
	assert_str(doc, "model/parties/1/role", "customer");
	assert_str(doc, "model/areas/0/duties/aws", "Runs the identity service");
	assert_str(doc, "model/areas/0/duties/customer", "Manages its users");
	/* "n/a" in the matrix: no duty */
	assert_json_null(doc, "model/areas/2/duties/customer");
	/* catalog order, not area or gap order */
	assert_str(doc, "model/controls/1/id", "C3");
	assert_str(doc, "model/controls/0/severity", "high");
	assert_num(doc, "model/controls/0/weight", 3);
	assert_str(doc, "model/controls/1/remediation", "-encrypt with KMS");
	assert_int_equal(json_array_size(at(doc, "model/controls/0/references")),
		2);
	assert_str(doc, "model/controls/0/references/0", "ISO 27001 A.9");
	assert_str(doc, "model/controls/0/references/1", "SOC2:CC6.1");
	assert_int_equal(json_array_size(at(doc, "model/controls/1/references")),
		0);
	assert_int_equal(json_array_size(at(doc, "model/questions")), 7);
	assert_str(doc, "model/questions/1/options", "mfa=0.5|sso=0.25|none=na");
	assert_num(doc, "model/questions/2/weight", 1);
	assert_num(doc, "model/questions/6/weight", 2);
	assert_str(doc, "model/questions/2/help", "Keep the policy export");
	assert_true(json_is_false(at(doc, "model/questions/6/required")));
	assert_true(json_is_true(at(doc, "model/questions/0/required")));
}

static void test_report_json_answers(void **state)
{
	fixture *f = *state;
	json_t *doc;

	standard(f);
	doc = report(f, NULL);
	/* six answered questions; Q5 has only a note */
	assert_int_equal(json_array_size(at(doc, "answers")), 6);
	assert_str(doc, "answers/0/question", "Q1");
	assert_str(doc, "answers/1/value", "mfa|sso");
	assert_str(doc, "answers/1/evidence", "screenshot \"MFA\" page");
	/* JSON is for tools: text is never altered */
	assert_str(doc, "answers/2/note", "=1+2");
	assert_str(doc, "answers/2/evidence_date", "2024-11-30");
	assert_true(json_is_true(at(doc, "answers/2/carried")));
	assert_json_null(doc, "answers/0/evidence_date");
	assert_true(json_is_false(at(doc, "answers/0/carried")));
	assert_str(doc, "answers/0/recorded_at", "2024-12-02T10:00:00Z");
	assert_str(doc, "answers/3/note", "");
	assert_str(doc, "answers/4/question", "Q6");
}

static void test_report_json_scores(void **state)
{
	fixture *f = *state;
	json_t *doc;

	standard(f);
	doc = report(f, NULL);
	assert_num(doc, "scores/overall/score", 0.45);
	assert_num(doc, "scores/overall/percent", 45.0);
	assert_num(doc, "scores/overall/verified_score", 0);
	assert_int(doc, "scores/overall/controls", 5);
	assert_int(doc, "scores/overall/applicable", 4);
	assert_int(doc, "scores/overall/reviewed", 0);
	assert_int(doc, "scores/overall/gaps", 3);
	assert_int(doc, "scores/overall/critical_gaps", 1);
	assert_int(doc, "scores/overall/answered", 6);
	assert_int(doc, "scores/overall/questions", 7);
	/* areas: unrounded score, and the percent as the text report shows it */
	assert_str(doc, "scores/areas/0/status", "partial");
	assert_num(doc, "scores/areas/0/score", 4.5 / 7);
	assert_true(json_is_real(at(doc, "scores/areas/0/score")));
	assert_num(doc, "scores/areas/0/percent", 64.3);
	assert_int(doc, "scores/areas/0/met", 1);
	assert_int(doc, "scores/areas/0/partial", 1);
	assert_str(doc, "scores/areas/1/status", "not-met");
	assert_int(doc, "scores/areas/1/unanswered", 1);
	assert_str(doc, "scores/areas/2/status", "inherited");
	assert_json_null(doc, "scores/areas/2/score");
	assert_json_null(doc, "scores/areas/2/percent");
	assert_int(doc, "scores/areas/2/inherited", 1);
	assert_str(doc, "scores/areas/3/status", "not-applicable");
	assert_json_null(doc, "scores/areas/3/verified_score");
	/* controls, in catalog order */
	assert_str(doc, "scores/controls/0/control", "C1");
	assert_str(doc, "scores/controls/0/status", "met");
	assert_json_null(doc, "scores/controls/0/priority");
	assert_str(doc, "scores/controls/2/control", "C2");
	assert_num(doc, "scores/controls/2/score", 0.375);
	assert_num(doc, "scores/controls/2/percent", 37.5);
	assert_int(doc, "scores/controls/2/priority", 1);
	assert_str(doc, "scores/controls/2/verdict", "unreviewed");
	assert_str(doc, "scores/controls/2/verified_status", "unreviewed");
	assert_num(doc, "scores/controls/2/verified_score", 0);
	assert_json_null(doc, "scores/controls/2/review");
	assert_str(doc, "scores/controls/3/status", "unanswered");
	assert_num(doc, "scores/controls/3/score", 0);
	assert_str(doc, "scores/controls/4/status", "inherited");
	assert_json_null(doc, "scores/controls/4/score");
	assert_str(doc, "scores/controls/4/verified_status", "inherited");
	assert_str(doc, "scores/controls/5/status", "not-applicable");
	assert_json_null(doc, "scores/controls/5/verified_score");
	/* questions */
	assert_str(doc, "scores/questions/0/state", "scored");
	assert_num(doc, "scores/questions/1/score", 0.75);
	assert_str(doc, "scores/questions/4/state", "missing");
	assert_num(doc, "scores/questions/4/score", 0);
	assert_str(doc, "scores/questions/5/state", "inherited");
	assert_json_null(doc, "scores/questions/5/score");
	assert_str(doc, "scores/questions/6/state", "not-applicable");
}

static void test_report_json_gaps(void **state)
{
	fixture *f = *state;
	json_t *doc;

	standard(f);
	doc = report(f, NULL);
	assert_int_equal(json_array_size(at(doc, "gaps")), 3);
	assert_int(doc, "gaps/0/rank", 1);
	assert_str(doc, "gaps/0/control", "C2");
	assert_str(doc, "gaps/0/area", "iam");
	assert_str(doc, "gaps/0/title", "Second factor");
	assert_str(doc, "gaps/0/severity", "critical");
	assert_str(doc, "gaps/0/status", "partial");
	assert_num(doc, "gaps/0/score", 0.375);
	assert_num(doc, "gaps/0/weight", 4);
	assert_num(doc, "gaps/0/shortfall", 2.5);
	assert_str(doc, "gaps/0/remediation", "Require MFA");
	assert_str(doc, "gaps/1/control", "C3");
	assert_num(doc, "gaps/1/shortfall", 2);
	assert_str(doc, "gaps/2/control", "C4");
	assert_str(doc, "gaps/2/status", "unanswered");
	assert_int(doc, "gaps/2/rank", 3);
}

static void test_report_json_assessment_open(void **state)
{
	fixture *f = *state;
	json_t *doc;

	standard(f);
	doc = report(f, NULL);
	assert_str(doc, "assessment/name", "acme-2026");
	assert_str(doc, "assessment/organisation", "Acme Corp");
	assert_str(doc, "assessment/assessor", "=Self-assessment");
	assert_str(doc, "assessment/created_at", "2024-12-01T09:00:00Z");
	assert_json_null(doc, "assessment/started_from");
	assert_json_null(doc, "signoff");
}

static void test_report_json_verified_and_signoff(void **state)
{
	fixture *f = *state;
	json_t *doc;

	standard(f);
	reviewed(f);
	f->a.parent = "acme-2025";
	f->a.signed_by = "A. Uditor";
	f->a.signed_at = "2024-12-21T12:00:00Z";
	f->a.statement = "Verified against the evidence.";
	f->a.seal = "ab12";
	doc = report(f, &f->rv);
	assert_layout(doc, REPORT_SCHEMA);
	assert_num(doc, "scores/overall/score", 0.45);
	assert_num(doc, "scores/overall/verified_score", 0.3);
	assert_num(doc, "scores/overall/verified_percent", 30.0);
	assert_int(doc, "scores/overall/reviewed", 2);
	assert_int(doc, "scores/overall/outdated", 0);
	assert_num(doc, "scores/areas/0/verified_score", 3.0 / 7);
	assert_num(doc, "scores/areas/0/verified_percent", 42.9);
	assert_str(doc, "scores/controls/0/verdict", "verified");
	assert_str(doc, "scores/controls/0/verified_status", "met");
	assert_num(doc, "scores/controls/0/verified_score", 1);
	assert_str(doc, "scores/controls/0/review/comment", "=seen it");
	assert_str(doc, "scores/controls/0/review/auditor", "A. Uditor");
	assert_str(doc, "scores/controls/0/review/reviewed_at",
		"2024-12-20T08:00:00Z");
	assert_true(json_is_false(at(doc, "scores/controls/0/review/outdated")));
	assert_str(doc, "scores/controls/2/verdict", "not-verified");
	assert_str(doc, "scores/controls/2/verified_status", "not-met");
	assert_num(doc, "scores/controls/2/verified_score", 0);
	assert_str(doc, "scores/controls/2/review/comment", "");
	assert_str(doc, "gaps/0/verdict", "not-verified");
	assert_str(doc, "gaps/0/verified_status", "not-met");
	assert_str(doc, "assessment/started_from", "acme-2025");
	assert_str(doc, "signoff/signed_by", "A. Uditor");
	assert_str(doc, "signoff/signed_at", "2024-12-21T12:00:00Z");
	assert_str(doc, "signoff/statement", "Verified against the evidence.");
	assert_str(doc, "signoff/seal", "ab12");
}

static void test_report_json_outdated_verdict(void **state)
{
	fixture *f = *state;
	size_t c1;
	json_error_t e;
	json_t *doc, *schema;

	standard(f);
	reviewed(f);
	c1 = (size_t)srmgap_model_control(f->m, "C1");
	f->items[c1].outdated = 1;
	f->rv.reviewed = 1;
	f->rv.outdated = 1;
	score(f, &f->rv);
	doc = report(f, &f->rv);
	assert_layout(doc, REPORT_SCHEMA);
	/* the count next to the reviewed: C2 is reviewed, C1 outdated */
	assert_int(doc, "scores/overall/reviewed", 1);
	assert_int(doc, "scores/overall/outdated", 1);
	assert_num(doc, "scores/overall/verified_score", 0);
	assert_num(doc, "scores/areas/0/verified_score", 0);
	/* the verdict is still recorded, but counts as none */
	assert_str(doc, "scores/controls/0/verdict", "verified");
	assert_str(doc, "scores/controls/0/verified_status", "unreviewed");
	assert_num(doc, "scores/controls/0/verified_score", 0);
	assert_true(json_is_true(at(doc, "scores/controls/0/review/outdated")));
	assert_str(doc, "scores/controls/0/review/comment", "=seen it");
	assert_str(doc, "scores/controls/0/review/auditor", "A. Uditor");
	assert_true(json_is_false(at(doc, "scores/controls/2/review/outdated")));
	assert_str(doc, "scores/controls/2/verified_status", "not-met");
	/* without a verdict there is nothing to be outdated */
	assert_json_null(doc, "scores/controls/1/review");
	/* the layout requires the key */
	json_object_del(at(doc, "scores/controls/0/review"), "outdated");
	json_object_del(at(doc, "scores/overall"), "outdated");
	schema = json_load_file(REPORT_SCHEMA, 0, &e);
	assert_non_null(schema);
	assert_int_equal(schema_check(schema, doc, NULL), 2);
	json_decref(schema);
}

static void test_report_json_nothing_scored(void **state)
{
	fixture *f = *state;
	json_t *doc;

	build(f);
	answer(f, "Q1", "na", NULL, NULL);
	answer(f, "Q2", "none", NULL, NULL);
	answer(f, "Q3", "na", NULL, NULL);
	answer(f, "Q4", "na", NULL, NULL);
	answer(f, "Q5", "na", NULL, NULL);
	answer(f, "Q7", "na", NULL, NULL);
	score(f, NULL);
	assert_false(f->r->scored);
	doc = report(f, NULL);
	assert_layout(doc, REPORT_SCHEMA);
	assert_json_null(doc, "scores/overall/score");
	assert_json_null(doc, "scores/overall/percent");
	assert_json_null(doc, "scores/overall/verified_score");
	assert_int(doc, "scores/overall/applicable", 0);
	assert_int_equal(json_array_size(at(doc, "gaps")), 0);
	assert_str(doc, "scores/areas/0/status", "not-applicable");
}

static void test_report_json_invalid_utf8_replaced(void **state)
{
	fixture *f = *state;
	json_t *doc;

	build(f);
	answer(f, "Q1", "yes", "scan\xff.pdf", "caf\xc3\xa9 \xe2\x82");
	f->a.org = "Ac\x80me";
	score(f, NULL);
	doc = report(f, NULL);
	assert_layout(doc, REPORT_SCHEMA);
	assert_str(doc, "answers/0/evidence", "scan" FFFD ".pdf");
	assert_str(doc, "answers/0/note", "caf\xc3\xa9 " FFFD);
	assert_str(doc, "assessment/organisation", "Ac" FFFD "me");
	/* control characters are escaped by JSON, not lost */
	answer(f, "Q4", "no", "tab\there", "line\nbreak\x01");
	score(f, NULL);
	doc = report(f, NULL);
	assert_str(doc, "answers/1/evidence", "tab\there");
	assert_str(doc, "answers/1/note", "line\nbreak\x01");
	assert_non_null(strstr(f->cap.out, "\"line\\nbreak\\u0001\""));
}

static void test_report_json_numbers(void **state)
{
	fixture *f = *state;
	json_t *doc;

	standard(f);
	doc = report(f, NULL);
	/* scores are numbers, counts integers, nothing is a string */
	assert_true(json_is_real(at(doc, "scores/overall/score")));
	assert_true(json_is_real(at(doc, "scores/controls/0/score")));
	assert_true(json_is_integer(at(doc, "scores/overall/gaps")));
	/* 0.45, not 0.45000000000000001: 15 significant digits */
	assert_non_null(strstr(f->cap.out, "\"score\": 0.45,"));
	assert_non_null(strstr(f->cap.out, "\"percent\": 64.3,"));
	assert_non_null(strstr(f->cap.out, "\"score\": 0.642857142857143,"));
}

static void test_report_json_write_error(void **state)
{
	fixture *f = *state;
	srmgap_error err;
	FILE *ro;

	standard(f);
	ro = fopen("/dev/null", "r");
	assert_non_null(ro);
	srmgap_error_clear(&err);
	assert_int_equal(srmgap_report_json(ro, &f->a, f->m, &f->ans, NULL, f->r,
		&err), SRMGAP_EIO);
	assert_int_equal(err.code, SRMGAP_EIO);
	assert_string_equal(err.msg, "cannot write the report");
	fclose(ro);
}

/* The checker is not vacuous: it finds what a layout change would break. */
static void test_report_json_schema_catches_changes(void **state)
{
	fixture *f = *state;
	json_error_t e;
	json_t *doc, *schema;

	standard(f);
	doc = report(f, NULL);
	schema = json_load_file(REPORT_SCHEMA, 0, &e);
	assert_non_null(schema);
	assert_int_equal(schema_check(schema, doc, NULL), 0);
	json_object_set_new(at(doc, "scores/overall"), "extra", json_true());
	assert_int_equal(schema_check(schema, doc, NULL), 1);
	json_object_del(at(doc, "scores/overall"), "extra");
	json_object_set_new(at(doc, "scores/controls/0"), "score",
		json_string("1.0"));
	assert_int_equal(schema_check(schema, doc, NULL), 1);
	json_object_del(at(doc, "gaps/0"), "rank");
	assert_int_equal(schema_check(schema, doc, NULL), 2);
	json_object_set_new(doc, "format", json_string("srmgap-report/2"));
	assert_int_equal(schema_check(schema, doc, NULL), 3);
	json_decref(schema);
}

/* ---- the portfolio ---- */

static void test_report_json_portfolio(void **state)
{
	fixture *f = *state;
	srmgap_portfolio *p = NULL;
	srmgap_assessment bad;
	srmgap_error err;
	json_t *doc;

	standard(f);
	reviewed(f);
	memset(&bad, 0, sizeof(bad));
	bad.name = "broken";
	bad.org = "";
	bad.assessor = "";
	bad.created_at = "2024-12-03T00:00:00Z";
	bad.model_id = "demo";
	bad.variant = "";
	bad.model_title = "Demo";
	bad.model_version = "1";
	bad.hash = "";
	bad.problem = "snapshot 'demo' was changed";
	srmgap_error_clear(&err);
	assert_int_equal(srmgap_portfolio_new(&p, capture(&f->cap),
		SRMGAP_PORTFOLIO_JSON, NULL, f->asof, &err), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_add(p, &f->a, f->m, f->r, &err),
		SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_add(p, &bad, NULL, NULL, &err),
		SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_finish(p, &err), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_finish(p, &err), SRMGAP_EUSAGE);
	assert_int_equal(srmgap_portfolio_add(p, &bad, NULL, NULL, &err),
		SRMGAP_EUSAGE);
	srmgap_portfolio_free(p);
	doc = parsed(f);
	assert_layout(doc, PORTFOLIO_SCHEMA);
	assert_str(doc, "format", SRMGAP_PORTFOLIO_JSON_FORMAT);
	assert_str(doc, "as_of", "2025-01-01");
	assert_int_equal(json_array_size(at(doc, "assessments")), 2);
	assert_str(doc, "assessments/0/name", "acme-2026");
	assert_str(doc, "assessments/0/model/id", "demo");
	assert_str(doc, "assessments/0/model/hash", f->m->hash);
	assert_json_null(doc, "assessments/0/problem");
	assert_num(doc, "assessments/0/score", 0.45);
	assert_num(doc, "assessments/0/percent", 45.0);
	assert_num(doc, "assessments/0/verified_score", 0.3);
	assert_int(doc, "assessments/0/controls", 5);
	assert_int(doc, "assessments/0/reviewed", 2);
	assert_int(doc, "assessments/0/outdated", 0);
	assert_int(doc, "assessments/0/gaps", 3);
	assert_int(doc, "assessments/0/critical_gaps", 1);
	assert_json_null(doc, "assessments/0/signoff");
	assert_str(doc, "assessments/1/problem", "snapshot 'demo' was changed");
	assert_json_null(doc, "assessments/1/score");
	assert_json_null(doc, "assessments/1/gaps");
	assert_json_null(doc, "assessments/1/outdated");
	/* entries are indented to their place */
	assert_non_null(strstr(f->cap.out, "\n  \"assessments\": [\n    {\n      "
		"\"name\": \"acme-2026\",\n"));
	assert_int_equal(f->cap.out[f->cap.outlen - 1], '\n');
}

static void test_report_json_portfolio_empty(void **state)
{
	fixture *f = *state;
	srmgap_portfolio *p = NULL;
	json_t *doc;

	assert_int_equal(srmgap_portfolio_new(&p, capture(&f->cap),
		SRMGAP_PORTFOLIO_JSON, NULL, f->asof, NULL), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_finish(p, NULL), SRMGAP_OK);
	srmgap_portfolio_free(p);
	doc = parsed(f);
	assert_layout(doc, PORTFOLIO_SCHEMA);
	assert_int_equal(json_array_size(at(doc, "assessments")), 0);
	srmgap_portfolio_free(NULL);
}

static void test_report_json_portfolio_csv(void **state)
{
	fixture *f = *state;
	srmgap_csv_dialect semi = { ';', 0 }, bad = { ':', 0 };
	srmgap_portfolio *p = NULL;
	srmgap_error err;
	FILE *fp;

	standard(f);
	fp = capture(&f->cap);
	assert_int_equal(srmgap_portfolio_new(&p, fp, SRMGAP_PORTFOLIO_CSV,
		&semi, f->asof, NULL), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_add(p, &f->a, f->m, f->r, NULL),
		SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_finish(p, NULL), SRMGAP_OK);
	srmgap_portfolio_free(p);
	assert_int_equal(fclose(fp), 0);
	f->cap.fp = NULL;
	assert_string_equal(f->cap.out,
		"assessment;model;score;controls;gaps;critical_gaps;answered;"
		"questions\r\nacme-2026;demo;0.450000;5;3;1;6;7\r\n");
	srmgap_error_clear(&err);
	p = NULL;
	assert_int_equal(srmgap_portfolio_new(&p, capture(&f->cap),
		SRMGAP_PORTFOLIO_CSV, &bad, f->asof, &err), SRMGAP_EUSAGE);
	assert_null(p);
	assert_string_equal(err.msg, "invalid CSV delimiter");
	assert_int_equal(srmgap_portfolio_new(&p, f->cap.fp, 7, NULL, f->asof, &err),
		SRMGAP_EUSAGE);
	assert_null(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_report_json_layout),
		T(test_report_json_model),
		T(test_report_json_answers),
		T(test_report_json_scores),
		T(test_report_json_gaps),
		T(test_report_json_assessment_open),
		T(test_report_json_verified_and_signoff),
		T(test_report_json_outdated_verdict),
		T(test_report_json_nothing_scored),
		T(test_report_json_invalid_utf8_replaced),
		T(test_report_json_numbers),
		T(test_report_json_write_error),
		T(test_report_json_schema_catches_changes),
		T(test_report_json_portfolio),
		T(test_report_json_portfolio_empty),
		T(test_report_json_portfolio_csv),
#undef T
	};

	return cmocka_run_group_tests_name("report_json", tests, NULL, NULL);
}
