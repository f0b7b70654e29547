/*
 * Unit tests for the report writers (src/lib/report.c, report.h): CSV
 * cells (RFC 4180 quoting and formula neutralisation), the CSV gap report,
 * the score and portfolio CSV, the text gap report and word wrapping.
 * Output goes to memory streams and is compared with text worked out by
 * hand from the model below.
 *
 * The model, built in memory through model_int.h, has parties aws and
 * customer and four areas:
 *   iam   C1 (high, met), C2 (critical, partial 0.375)
 *   data  C3 (medium, not-met), C4 (shared, low, unanswered)
 *   phys  P1 (owned by aws: inherited; the area is the provider's)
 *   logs  L1 (high, answered na: not applicable)
 * Controls are listed C1, C3, C2, C4, P1, L1 so catalog order differs
 * from both area order and gap order. Severity weights are 4/3/2/1, so
 *   iam     (3*1 + 4*0.375) / 7 = 4.5/7 = 0.642857 (64.3%)
 *   data    (2*0 + 1*0) / 3 = 0
 *   overall (3*1 + 4*0.375 + 2*0 + 1*0) / 10 = 0.45 (45.0%)
 * and the gaps are C2 (critical), C3 (medium), C4 (low).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "srmgap/report.h"
#include "srmgap/score.h"
#include "model_int.h"
#include "util_int.h"
#include "unit.h"

#define LONG_FIX "Require a second factor for every account that can sign " \
	"in, including break-glass accounts, service desks and contractors, " \
	"and review the exceptions every quarter."
#define PHYS_DUTY "Guards and runs the buildings, servers, storage and " \
	"network equipment underneath every AWS region."

typedef struct fixture {
	srmgap_model *m;
	srmgap_diags d;
	srmgap_answers ans;
	int have_ans;
	srmgap_result *r;
	srmgap_assessment a;
	srmgap_report_opts o;
	long asof;
	unit_capture cap;
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
	f->a.assessor = "Self-assessment";
	f->a.created_at = "";
	f->a.model_id = "";
	f->a.variant = "";
	f->a.hash = "";
	f->a.model_title = "";
	f->a.model_version = "";
	f->o.width = 80;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	capture_release(&f->cap);
	srmgap_result_free(f->r);
	if (f->have_ans)
		srmgap_answers_release(&f->ans);
	srmgap_model_free(f->m);
	srmgap_diags_release(&f->d);
	free(f);
	return 0;
}

/* Close the stream; its text is in f->cap.out, with no NUL inside. */
static const char *text_of(fixture *f)
{
	captured(&f->cap);
	assert_int_equal(strlen(f->cap.out), f->cap.outlen);
	return f->cap.out;
}

static void build(fixture *f, const char *id, const char *title,
	const char *version)
{
	static const char *const parties[][F_PARTY_N] = {
		{ "aws", "AWS", "provider" },
		{ "customer", "Customer", "customer" },
	};
	static const char *const d_iam[] = { "Runs the identity service",
		"Manages its users" };
	static const char *const d_data[] = { "Encrypts storage",
		"Encrypts its data" };
	static const char *const d_phys[] = { PHYS_DUTY, "n/a" };
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
		  "", "Turn on SSO", "ISO 27001 A.9" },
		{ "C3", "data", "Encrypt backups", "customer", "medium", "", "",
		  "-encrypt with KMS", "" },
		{ "C2", "iam", "Second factor", "customer", "critical", "", "",
		  LONG_FIX, "" },
		{ "C4", "data", "Key rotation", "shared", "low", "", "", "", "" },
		{ "P1", "phys", "Data centre guards", "aws", "critical", "", "", "",
		  "" },
		{ "L1", "logs", "Log review", "customer", "high", "", "", "", "" },
	};
	static const char *const qs[][F_Q_N] = {
		{ "Q1", "C1", "SSO?", "yesno", "", "", "", "", "", "" },
		{ "Q2", "C2", "Factors?", "multi", "mfa=0.5|sso=0.25|none=na", "",
		  "", "", "", "" },
		{ "Q3", "C2", "Enforced?", "yesno", "", "", "", "", "", "" },
		{ "Q4", "C3", "Encrypted?", "yesno", "", "", "", "", "", "" },
		{ "Q5", "C4", "Rotated?", "yesno", "", "", "", "", "", "" },
		{ "Q6", "P1", "Guarded?", "yesno", "", "", "", "", "", "" },
		{ "Q7", "L1", "Reviewed?", "yesno", "", "", "", "", "", "" },
	};
	const unit_model spec = { id, title, version, parties, UNIT_N(parties),
		areas, UNIT_N(areas), ctl, UNIT_N(ctl), qs, UNIT_N(qs) };

	model_build(&f->m, &f->d, &f->ans, &spec);
	f->have_ans = 1;
}

/* Set question `qid`'s answer; NULL leaves a field as it is. */
static void answer(fixture *f, const char *qid, const char *value,
	const char *evidence, const char *note)
{
	long ix = srmgap_model_question(f->m, qid);
	srmgap_answer *a;

	assert_true(ix >= 0);
	a = &f->ans.items[ix];
	if (value != NULL) {
		free(a->value);
		a->value = strdup(value);
		assert_non_null(a->value);
	}
	if (evidence != NULL) {
		free(a->evidence);
		a->evidence = strdup(evidence);
		assert_non_null(a->evidence);
	}
	if (note != NULL) {
		free(a->note);
		a->note = strdup(note);
		assert_non_null(a->note);
	}
}

static void score(fixture *f)
{
	srmgap_result_free(f->r);
	f->r = NULL;
	assert_int_equal(srmgap_score(&f->r, f->m, &f->ans, NULL, f->asof), SRMGAP_OK);
	assert_non_null(f->r);
}

/* The model and answers described at the top, scored. */
static void standard(fixture *f, const char *id, const char *title,
	const char *version)
{
	build(f, id, title, version);
	answer(f, "Q1", "yes", "SSO policy v2", "reviewed yearly");
	answer(f, "Q2", "mfa|sso", "screenshot \"MFA\" page", NULL);
	answer(f, "Q3", "no", "MFA report, March", "=1+2");
	answer(f, "Q4", "no", NULL, NULL);
	/* a note without an answer is not reported */
	answer(f, "Q5", NULL, NULL, "ignored");
	answer(f, "Q6", "yes", NULL, NULL);
	answer(f, "Q7", "na", NULL, NULL);
	score(f);
	/* the hand computation the expected texts rest on */
	assert_near(f->r->overall, 0.45);
	assert_int_equal(f->r->ngaps, 3);
	assert_int_equal(f->r->critical_gaps, 1);
	assert_int_equal(f->r->answered, 6);
}

/* Everything answered na: nothing is scored. */
static void all_na(fixture *f)
{
	build(f, "demo", "Demo", "1");
	answer(f, "Q1", "na", NULL, NULL);
	answer(f, "Q2", "none", NULL, NULL);
	answer(f, "Q3", "na", NULL, NULL);
	answer(f, "Q4", "na", NULL, NULL);
	answer(f, "Q5", "na", NULL, NULL);
	answer(f, "Q7", "na", NULL, NULL);
	score(f);
	assert_false(f->r->scored);
}

/* 1 when `text` holds `line` as a whole line. */
static int has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return 1;
		p++;
	}
	return 0;
}

#define assert_line(text, line) do { \
	if (!has_line((text), (line))) \
		print_error("missing line '%s' in:\n%s\n", (line), (text)); \
	assert_true(has_line((text), (line))); \
} while (0)

/* Widest line of `text` in code points; *at gets its start. */
static size_t widest_line(const char *text, const char **at)
{
	size_t w = 0, max = 0;
	const char *p, *start = text;

	*at = text;
	for (p = text; *p != '\0'; p++) {
		if (*p == '\n') {
			w = 0;
			start = p + 1;
			continue;
		}
		w += ((unsigned char)*p & 0xc0) != 0x80;
		if (w > max) {
			max = w;
			*at = start;
		}
	}
	return max;
}

static void assert_fits(const char *text, size_t width)
{
	const char *at;
	size_t w = widest_line(text, &at);

	if (w > width)
		print_error("line of %zu columns: %.*s\n", w,
			(int)strcspn(at, "\n"), at);
	assert_true(w <= width);
}

/* ---- srmgap_csv_cell ---- */

static void assert_cell(fixture *f, const char *s, int text, const char *want)
{
	srmgap_csv_cell(capture(&f->cap), s, text);
	assert_string_equal(text_of(f), want);
}

static void test_report_csv_cell_quoting(void **state)
{
	fixture *f = *state;

	assert_cell(f, "plain", 1, "plain");
	assert_cell(f, "", 1, "");
	assert_cell(f, "a,b", 1, "\"a,b\"");
	assert_cell(f, "say \"hi\"", 1, "\"say \"\"hi\"\"\"");
	assert_cell(f, "\"", 1, "\"\"\"\"");
	assert_cell(f, "line\nbreak", 1, "\"line\nbreak\"");
	assert_cell(f, "crlf\r\nend", 1, "\"crlf\r\nend\"");
	assert_cell(f, "cr\rend", 1, "\"cr\rend\"");
	assert_cell(f, " lead", 1, "\" lead\"");
	assert_cell(f, "trail ", 1, "\"trail \"");
	assert_cell(f, "trail\t", 1, "\"trail\t\"");
	assert_cell(f, "in side", 1, "in side");
	assert_cell(f, "it's", 1, "it's");
	assert_cell(f, "caf\xc3\xa9", 1, "caf\xc3\xa9");
}

static void test_report_csv_cell_formula_neutralised(void **state)
{
	fixture *f = *state;

	assert_cell(f, "+1", 1, "'+1");
	assert_cell(f, "-2+3", 1, "'-2+3");
	assert_cell(f, "@SUM(A1)", 1, "'@SUM(A1)");
	assert_cell(f, "=1+1", 1, "'=1+1");
	assert_cell(f, "-", 1, "'-");
	/* a tab is quoted, whichever the delimiter (and the apostrophe is in) */
	assert_cell(f, "\tcmd", 1, "\"'\tcmd\"");
	/* neutralised and quoted: the apostrophe goes inside the quotes */
	assert_cell(f, "=HYPERLINK(\"http://x\",\"y\")", 1,
		"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	assert_cell(f, "\r=1", 1, "\"'\r=1\"");
	assert_cell(f, "=a,b", 1, "\"'=a,b\"");
	assert_cell(f, "-x ", 1, "\"'-x \"");
	/* only the first character counts */
	assert_cell(f, "a=1", 1, "a=1");
	assert_cell(f, "1-2", 1, "1-2");
	assert_cell(f, "'=1", 1, "'=1");
}

static void test_report_csv_cell_numeric_not_neutralised(void **state)
{
	fixture *f = *state;

	assert_cell(f, "-0.500000", 0, "-0.500000");
	assert_cell(f, "+1", 0, "+1");
	assert_cell(f, "0.375000", 0, "0.375000");
	assert_cell(f, "", 0, "");
	/* quoting still applies to numeric cells */
	assert_cell(f, "1,5", 0, "\"1,5\"");
}

/* ---- srmgap_report_csv ---- */

#define HDR "assessment,model,area,area_name,control,title,owner,severity," \
	"weight,score,status,priority,answers,evidence,notes,remediation," \
	"references\r\n"
#define ROW_C1 ",demo,iam,Identity and access,C1,\"Single sign-on, " \
	"everywhere\",customer,high,3,1.000000,met,,Q1=yes,Q1: SSO policy v2," \
	"Q1: reviewed yearly,Turn on SSO,ISO 27001 A.9\r\n"
#define ROW_C3 ",demo,data,Data protection,C3,Encrypt backups,customer," \
	"medium,2,0.000000,not-met,2,Q4=no,,,'-encrypt with KMS,\r\n"
#define ROW_C2 ",demo,iam,Identity and access,C2,Second factor,customer," \
	"critical,4,0.375000,partial,1,\"Q2=mfa|sso; Q3=no\",\"Q2: screenshot " \
	"\"\"MFA\"\" page; Q3: MFA report, March\",Q3: =1+2,\"" LONG_FIX "\",\r\n"
#define ROW_C4 ",demo,data,Data protection,C4,Key rotation,shared,low,1," \
	"0.000000,unanswered,3,,,,,\r\n"
#define ROW_P1 ",demo,phys,Physical security,P1,Data centre guards,aws," \
	"critical,4,,inherited,,Q6=yes,,,,\r\n"
#define ROW_L1 ",demo,logs,Logging,L1,Log review,customer,high,3,," \
	"not-applicable,,Q7=na,,,,\r\n"

static void test_report_csv_all_rows(void **state)
{
	fixture *f = *state;

	standard(f, "demo", "Demo", "1");
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m, &f->ans, f->r,
		&f->o, NULL), SRMGAP_OK);
	assert_string_equal(text_of(f), HDR
		"acme-2026" ROW_C1
		"acme-2026" ROW_C3
		"acme-2026" ROW_C2
		"acme-2026" ROW_C4
		"acme-2026" ROW_P1
		"acme-2026" ROW_L1);
}

static void test_report_csv_default_opts(void **state)
{
	fixture *f = *state;

	/* NULL options: every row */
	standard(f, "demo", "Demo", "1");
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m, &f->ans, f->r,
		NULL, NULL), SRMGAP_OK);
	assert_string_equal(text_of(f), HDR
		"acme-2026" ROW_C1
		"acme-2026" ROW_C3
		"acme-2026" ROW_C2
		"acme-2026" ROW_C4
		"acme-2026" ROW_P1
		"acme-2026" ROW_L1);
}

static void test_report_csv_gaps_only(void **state)
{
	fixture *f = *state;

	standard(f, "demo", "Demo", "1");
	f->o.gaps_only = 1;
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m, &f->ans, f->r,
		&f->o, NULL), SRMGAP_OK);
	/* gaps in catalog order, not priority order */
	assert_string_equal(text_of(f), HDR
		"acme-2026" ROW_C3
		"acme-2026" ROW_C2
		"acme-2026" ROW_C4);
}

static void test_report_csv_name_neutralised(void **state)
{
	fixture *f = *state;

	standard(f, "demo", "Demo", "1");
	f->a.name = "=cmd|' /C calc'!A0";
	f->o.gaps_only = 1;
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m, &f->ans, f->r,
		&f->o, NULL), SRMGAP_OK);
	/*
	 * Every row starts with the neutralised name; the note "=1+2" starts
	 * no cell (the cell is "Q3: =1+2"), so it needs no apostrophe.
	 */
	assert_string_equal(text_of(f), HDR
		"'=cmd|' /C calc'!A0" ROW_C3
		"'=cmd|' /C calc'!A0" ROW_C2
		"'=cmd|' /C calc'!A0" ROW_C4);
	f->a.name = "@risk, inc";
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m, &f->ans, f->r,
		&f->o, NULL), SRMGAP_OK);
	assert_string_equal(text_of(f), HDR
		"\"'@risk, inc\"" ROW_C3
		"\"'@risk, inc\"" ROW_C2
		"\"'@risk, inc\"" ROW_C4);
}

static void test_report_csv_line_ends_crlf(void **state)
{
	fixture *f = *state;
	const char *out, *p;
	size_t lines = 0;

	standard(f, "demo", "Demo", "1");
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m, &f->ans, f->r,
		&f->o, NULL), SRMGAP_OK);
	out = text_of(f);
	/* no line feed without its carriage return, no bare CR */
	for (p = out; *p != '\0'; p++) {
		if (*p == '\n') {
			assert_true(p > out && p[-1] == '\r');
			lines++;
		}
		if (*p == '\r')
			assert_int_equal(p[1], '\n');
	}
	assert_int_equal(lines, 1 + f->m->ncontrols);
	assert_int_equal(out[strlen(out) - 1], '\n');
}

/* ---- srmgap_score_csv and the portfolio ---- */

static void test_report_score_csv(void **state)
{
	fixture *f = *state;

	standard(f, "demo", "Demo", "1");
	assert_int_equal(srmgap_score_csv(capture(&f->cap), &f->a, f->m, f->r),
		SRMGAP_OK);
	assert_string_equal(text_of(f),
		"assessment,area,area_name,score,met,partial,not_met,unanswered,"
		"not_applicable\r\n"
		"acme-2026,iam,Identity and access,0.642857,1,1,0,0,0\r\n"
		"acme-2026,data,Data protection,0.000000,0,0,1,1,0\r\n"
		"acme-2026,phys,Physical security,,0,0,0,0,0\r\n"
		"acme-2026,logs,Logging,,0,0,0,0,1\r\n"
		"acme-2026,overall,Overall,0.450000,1,1,1,1,1\r\n");
}

static void test_report_score_csv_nothing_scored(void **state)
{
	fixture *f = *state;

	all_na(f);
	f->a.name = "+x";
	assert_int_equal(srmgap_score_csv(capture(&f->cap), &f->a, f->m, f->r),
		SRMGAP_OK);
	assert_string_equal(text_of(f),
		"assessment,area,area_name,score,met,partial,not_met,unanswered,"
		"not_applicable\r\n"
		"'+x,iam,Identity and access,,0,0,0,0,2\r\n"
		"'+x,data,Data protection,,0,0,0,0,2\r\n"
		"'+x,phys,Physical security,,0,0,0,0,0\r\n"
		"'+x,logs,Logging,,0,0,0,0,1\r\n"
		"'+x,overall,Overall,,0,0,0,0,5\r\n");
}

static void test_report_portfolio_csv(void **state)
{
	fixture *f = *state;

	standard(f, "demo", "Demo", "1");
	assert_int_equal(srmgap_portfolio_csv_header(capture(&f->cap), NULL), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_csv_row(f->cap.fp, &f->a, f->m, f->r, NULL),
		SRMGAP_OK);
	f->a.name = "@risk, inc";
	assert_int_equal(srmgap_portfolio_csv_row(f->cap.fp, &f->a, f->m, f->r, NULL),
		SRMGAP_OK);
	/* controls: the five customer and shared ones, L1 (n/a) included */
	assert_string_equal(text_of(f),
		"assessment,model,score,controls,gaps,critical_gaps,answered,"
		"questions\r\n"
		"acme-2026,demo,0.450000,5,3,1,6,7\r\n"
		"\"'@risk, inc\",demo,0.450000,5,3,1,6,7\r\n");
	assert_int_equal(srmgap_model_scored_controls(f->m), 5);
}

static void test_report_portfolio_csv_nothing_scored(void **state)
{
	fixture *f = *state;

	all_na(f);
	assert_int_equal(srmgap_portfolio_csv_row(capture(&f->cap), &f->a, f->m, f->r, NULL),
		SRMGAP_OK);
	assert_string_equal(text_of(f), "acme-2026,demo,,5,0,0,6,7\r\n");
}

static void test_report_write_error_is_eio(void **state)
{
	fixture *f = *state;
	FILE *ro;

	standard(f, "demo", "Demo", "1");
	/* a stream open for reading only: every write fails */
	ro = fopen("/dev/null", "r");
	assert_non_null(ro);
	assert_int_equal(srmgap_report_csv(ro, &f->a, f->m, &f->ans, f->r, &f->o, NULL),
		SRMGAP_EIO);
	clearerr(ro);
	assert_int_equal(srmgap_score_csv(ro, &f->a, f->m, f->r), SRMGAP_EIO);
	clearerr(ro);
	assert_int_equal(srmgap_report_text(ro, &f->a, f->m, &f->ans, NULL, f->r, &f->o),
		SRMGAP_EIO);
	clearerr(ro);
	assert_int_equal(srmgap_portfolio_csv_header(ro, NULL), SRMGAP_EIO);
	fclose(ro);
}

/* ---- srmgap_report_text ---- */

static void test_report_text_key_lines(void **state)
{
	fixture *f = *state;
	char model[128];
	const char *out, *prov;

	standard(f, "demo", "Demo", "1");
	assert_int_equal(srmgap_report_text(capture(&f->cap), &f->a, f->m, &f->ans, NULL, f->r,
		&f->o), SRMGAP_OK);
	out = text_of(f);
	snprintf(model, sizeof(model), "Snapshot:     %.12s", f->m->hash);
	assert_int_equal(strlen(f->m->hash), 64);
	assert_line(out, "srmgap gap report: acme-2026");
	assert_line(out, "Model:        Demo 1 (demo)");
	assert_line(out, model);
	assert_line(out, "Organisation: Acme Corp");
	assert_line(out, "Assessor:     Self-assessment");
	assert_line(out, "As of:        2025-01-01");
	assert_line(out, "Answered:     6 of 7 questions");
	assert_line(out, "Overall score: 45.0%");

	/* the area table: 40 columns of name, then 9 of score, 4 x 6 counts */
	assert_line(out, "Area                                         Score   Met"
		"  Part   Not Unans");
	assert_line(out, "Identity and access                          64.3%     1"
		"     1     0     0");
	assert_line(out, "Data protection                               0.0%     0"
		"     0     1     1");
	assert_line(out, "Physical security                        inherited");
	assert_line(out, "Logging                                        n/a");

	/* the gaps, most urgent first, each with what was answered */
	assert_line(out, "Gaps, most urgent first (3, 1 critical)");
	assert_line(out, "  1. C2  critical  partial (37.5%)  Identity and access");
	assert_line(out, "     Second factor");
	assert_line(out, "     Answered: Q2=mfa|sso; Q3=no");
	assert_line(out, "     Fix: Require a second factor for every account "
		"that can sign in, including");
	assert_line(out, "          break-glass accounts, service desks and "
		"contractors, and review the");
	assert_line(out, "          exceptions every quarter.");
	assert_line(out, "  2. C3  medium    not-met  Data protection");
	assert_line(out, "     Encrypt backups");
	assert_line(out, "     Answered: Q4=no");
	assert_line(out, "     Fix: -encrypt with KMS");
	assert_line(out, "  3. C4  low       unanswered  Data protection");
	assert_line(out, "     Key rotation");
	assert_true(strstr(out, "C2") < strstr(out, "  2. C3"));
	assert_true(strstr(out, "  2. C3") < strstr(out, "  3. C4"));
	/* Q5 has a note but no answer; met C1 is no gap */
	assert_null(strstr(out, "Q5"));
	assert_null(strstr(out, "Q1="));
	assert_null(strstr(out, ". C1 "));
	/* evidence and notes are for the CSV */
	assert_null(strstr(out, "SSO policy"));

	/* the providers' section: only the provider's area */
	prov = strstr(out, "\nCovered by the providers\n");
	assert_non_null(prov);
	assert_line(prov, "  Physical security: AWS");
	assert_line(prov, "    AWS: Guards and runs the buildings, servers, "
		"storage and network equipment");
	assert_line(prov, "      underneath every AWS region.");
	assert_null(strstr(prov, "Logging"));
	assert_null(strstr(prov, "Identity"));
	assert_null(strstr(prov, "Data protection"));
	assert_null(strstr(out, "every area has customer duties"));

	assert_null(strchr(out, '\033'));
	assert_fits(out, 80);
}

static void test_report_text_gaps_only(void **state)
{
	fixture *f = *state;
	const char *out;

	standard(f, "demo", "Demo", "1");
	f->o.gaps_only = 1;
	assert_int_equal(srmgap_report_text(capture(&f->cap), &f->a, f->m, &f->ans, NULL, f->r,
		&f->o), SRMGAP_OK);
	out = text_of(f);
	assert_line(out, "Overall score: 45.0%");
	assert_line(out, "Gaps, most urgent first (3, 1 critical)");
	assert_line(out, "  1. C2  critical  partial (37.5%)  Identity and access");
	assert_line(out, "  3. C4  low       unanswered  Data protection");
	/* no area table, no providers' section */
	assert_null(strstr(out, "\nArea "));
	assert_null(strstr(out, "inherited"));
	assert_null(strstr(out, "64.3%"));
	assert_null(strstr(out, "Covered by the providers"));
	assert_null(strstr(out, "Guards"));
}

static void test_report_text_nothing_scored(void **state)
{
	fixture *f = *state;
	const char *out, *prov;

	all_na(f);
	assert_int_equal(srmgap_report_text(capture(&f->cap), &f->a, f->m, &f->ans, NULL, f->r,
		&f->o), SRMGAP_OK);
	out = text_of(f);
	assert_line(out, "Overall score: n/a (no applicable customer control)");
	/* areas whose customer controls are all n/a are not the providers' */
	assert_line(out, "Identity and access                            n/a");
	assert_line(out, "Data protection                                n/a");
	assert_line(out, "Physical security                        inherited");
	assert_line(out, "Logging                                        n/a");
	assert_line(out, "Gaps, most urgent first (0)");
	assert_line(out, "  none: every applicable customer control is met");
	prov = strstr(out, "\nCovered by the providers\n");
	assert_non_null(prov);
	assert_line(prov, "  Physical security: AWS");
	assert_null(strstr(prov, "Identity"));
	assert_null(strstr(prov, "Logging"));
	assert_fits(out, 80);
}

static void test_report_text_color(void **state)
{
	fixture *f = *state;
	const char *out;

	standard(f, "demo", "Demo", "1");
	f->o.color = 1;
	assert_int_equal(srmgap_report_text(capture(&f->cap), &f->a, f->m, &f->ans, NULL, f->r,
		&f->o), SRMGAP_OK);
	out = text_of(f);
	assert_non_null(strstr(out, "\033[1m"));
	assert_non_null(strstr(out, "\033[0m"));
	/* partial in yellow, not-met and unanswered in red */
	assert_non_null(strstr(out, "\033[33mpartial\033[0m"));
	assert_non_null(strstr(out, "\033[31mnot-met\033[0m"));
	assert_non_null(strstr(out, "\033[31munanswered\033[0m"));
	f->o.color = 0;
	assert_int_equal(srmgap_report_text(capture(&f->cap), &f->a, f->m, &f->ans, NULL, f->r,
		&f->o), SRMGAP_OK);
	assert_null(strchr(text_of(f), '\033'));
	assert_int_equal(srmgap_score_text(capture(&f->cap), &f->a, f->m, f->r, &f->o),
		SRMGAP_OK);
	assert_null(strchr(text_of(f), '\033'));
}

static void test_report_score_text(void **state)
{
	fixture *f = *state;
	const char *out;

	standard(f, "demo", "Demo", "1");
	assert_int_equal(srmgap_score_text(capture(&f->cap), &f->a, f->m, f->r, NULL),
		SRMGAP_OK);
	out = text_of(f);
	assert_line(out, "srmgap scores: acme-2026");
	assert_line(out, "Overall score: 45.0%");
	assert_line(out, "Identity and access                          64.3%     1"
		"     1     0     0");
	assert_line(out, "Physical security                        inherited");
	assert_null(strstr(out, "Gaps"));
	assert_fits(out, 80);
}

/*
 * Text output is for 80 columns. The header names the model by title,
 * version, id and hash; with names as long as the bundled
 * cloudbees-unify catalog's ("CloudBees Unify on AWS", "2026.1") the
 * report must still fit.
 */
static void test_report_text_fits_80_columns(void **state)
{
	fixture *f = *state;

	standard(f, "cloudbees-unify", "CloudBees Unify on AWS", "2026.1");
	assert_int_equal(srmgap_report_text(capture(&f->cap), &f->a, f->m, &f->ans, NULL, f->r,
		&f->o), SRMGAP_OK);
	assert_fits(text_of(f), 80);
	assert_int_equal(srmgap_score_text(capture(&f->cap), &f->a, f->m, f->r, &f->o),
		SRMGAP_OK);
	assert_fits(text_of(f), 80);
}

/* ---- srmgap_report_wrap ---- */

static void assert_wrap(fixture *f, const char *s, size_t col, size_t indent,
	size_t width, const char *want)
{
	srmgap_report_wrap(capture(&f->cap), s, col, indent, width);
	assert_string_equal(text_of(f), want);
}

static void test_report_wrap_width_and_indent(void **state)
{
	fixture *f = *state;

	assert_wrap(f, "aaa bbb ccc ddd", 0, 2, 10, "aaa bbb\n  ccc ddd\n");
	/* a line may be exactly `width` wide */
	assert_wrap(f, "aaaa bbbbb", 0, 0, 10, "aaaa bbbbb\n");
	assert_wrap(f, "aaaa bbbbbb", 0, 0, 10, "aaaa\nbbbbbb\n");
	/* the first word goes at column `col` */
	assert_wrap(f, "abc def", 5, 3, 10, "abc\n   def\n");
	/* runs of blanks and line breaks become one space */
	assert_wrap(f, "  a \n\t b\r\n ", 0, 0, 80, "a b\n");
	assert_wrap(f, "", 0, 0, 80, "\n");
	assert_wrap(f, "   ", 0, 0, 80, "\n");
}

static void test_report_wrap_long_word(void **state)
{
	fixture *f = *state;

	assert_wrap(f, "a verylongwordthatexceeds b", 0, 0, 10,
		"a\nverylongwordthatexceeds\nb\n");
	assert_wrap(f, "x https://example.com/a/very/long/path y", 0, 4, 12,
		"x\n    https://example.com/a/very/long/path\n    y\n");
	/* a long first word stays where it starts */
	assert_wrap(f, "abcdefghijklmnop q", 0, 2, 10, "abcdefghijklmnop\n  q\n");
}

static void test_report_wrap_counts_code_points(void **state)
{
	fixture *f = *state;

	/* 4 + 1 + 5 = 10 code points (19 bytes): one line */
	assert_wrap(f, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 "
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 0, 0, 10,
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 "
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n");
	/* 4 + 1 + 6 = 11: wraps */
	assert_wrap(f, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 "
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 0, 0, 10,
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n");
	/* three-byte and four-byte characters count 1 as well */
	assert_wrap(f, "a\xe2\x80\x94" "b c\xf0\x9f\x94\x92" "d ef", 0, 0, 10,
		"a\xe2\x80\x94" "b c\xf0\x9f\x94\x92" "d ef\n");
	/* 5 + 1 + 6 = 12 code points (15 bytes) still fit in 12 */
	assert_wrap(f, "Caf\xc3\xa9s r\xc3\xa9sum\xc3\xa9 na\xc3\xafve", 0, 1, 12,
		"Caf\xc3\xa9s r\xc3\xa9sum\xc3\xa9\n na\xc3\xafve\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_report_csv_cell_quoting),
		T(test_report_csv_cell_formula_neutralised),
		T(test_report_csv_cell_numeric_not_neutralised),
		T(test_report_csv_all_rows),
		T(test_report_csv_default_opts),
		T(test_report_csv_gaps_only),
		T(test_report_csv_name_neutralised),
		T(test_report_csv_line_ends_crlf),
		T(test_report_score_csv),
		T(test_report_score_csv_nothing_scored),
		T(test_report_portfolio_csv),
		T(test_report_portfolio_csv_nothing_scored),
		T(test_report_write_error_is_eio),
		T(test_report_text_key_lines),
		T(test_report_text_gaps_only),
		T(test_report_text_nothing_scored),
		T(test_report_text_color),
		T(test_report_score_text),
		T(test_report_text_fits_80_columns),
		T(test_report_wrap_width_and_indent),
		T(test_report_wrap_long_word),
		T(test_report_wrap_counts_code_points),
#undef T
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
