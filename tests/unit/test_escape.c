/*
 * Unit tests for the cell rule every export shares (export_int.h,
 * report.c): RFC 4180 quoting of every delimiter srmgap writes, whichever
 * the file uses, formula neutralisation (text cells only; numeric cells
 * are never touched), and invalid UTF-8, which is never written raw: the
 * one decoder (srmgap_util__utf8_next) finds each maximal ill-formed
 * subpart, and CSV, XLSX, JSON, HTML and Markdown all replace it by one
 * U+FFFD. Then the CSV dialects of the gap report and the portfolio: the
 * default is byte for byte what srmgap_report_csv(, NULL) writes, ';' and
 * tab change only the delimiter, and --bom adds the mark.
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
#include "export_int.h"
#include "model_int.h"
#include "report_int.h"
#include "util_int.h"
#include "unit.h"

#define FFFD "\xef\xbf\xbd"

typedef struct fixture {
	unit_capture cap;
	srmgap_model *m;
	srmgap_diags d;
	srmgap_answers ans;
	int have_ans;
	srmgap_result *r;
	srmgap_assessment a;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	srmgap_diags_init(&f->d);
	f->a.name = "acme";
	f->a.model_id = "demo";
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

/* One CSV cell of `s`, as text or number, in any dialect. */
static void assert_csv(fixture *f, const char *s, int text, const char *want)
{
	srmgap_csv_cell(capture(&f->cap), s, text);
	assert_string_equal(captured(&f->cap), want);
}

/* The cell text (as XLSX gets it) of `s`. */
static void assert_text(const char *s, int text, const char *want)
{
	srmgap_buf b;

	srmgap_util__buf_init(&b);
	srmgap_export__cell_text(&b, s, text);
	assert_false(b.oom);
	assert_non_null(b.data);
	assert_string_equal(b.data, want);
	srmgap_util__buf_release(&b);
}

/* ---- quoting ---- */

static void test_escape_quotes_and_line_breaks(void **state)
{
	fixture *f = *state;

	assert_csv(f, "plain", 1, "plain");
	assert_csv(f, "", 1, "");
	assert_csv(f, NULL, 1, "");
	assert_csv(f, "say \"hi\"", 1, "\"say \"\"hi\"\"\"");
	assert_csv(f, "\"", 1, "\"\"\"\"");
	assert_csv(f, "two\nlines", 1, "\"two\nlines\"");
	assert_csv(f, "crlf\r\nend", 1, "\"crlf\r\nend\"");
	assert_csv(f, "cr\rend", 1, "\"cr\rend\"");
	assert_csv(f, " lead", 1, "\" lead\"");
	assert_csv(f, "trail ", 1, "\"trail \"");
	assert_csv(f, "in side", 1, "in side");
	assert_csv(f, "it's", 1, "it's");
}

static void test_escape_delimiters(void **state)
{
	fixture *f = *state;

	/*
	 * Every delimiter srmgap writes is quoted, whichever the file uses:
	 * a file written with ';' and opened by a comma parser (or the other
	 * way round) must not split a cell into one that starts with '='.
	 */
	assert_csv(f, "a,b", 1, "\"a,b\"");
	assert_csv(f, "a;b", 1, "\"a;b\"");
	assert_csv(f, "a\tb", 1, "\"a\tb\"");
	assert_csv(f, "a;b,c", 1, "\"a;b,c\"");
	assert_csv(f, "1,5", 0, "\"1,5\"");
	assert_csv(f, "x,=1+1", 1, "\"x,=1+1\"");
	assert_csv(f, "x;=1+1", 1, "\"x;=1+1\"");
	assert_csv(f, "x\t@SUM(A1)", 1, "\"x\t@SUM(A1)\"");
	assert_csv(f, ";", 1, "\";\"");
	assert_csv(f, "trail\t", 1, "\"trail\t\"");
	/* Quotes and line breaks are quoted too; other text is not. */
	assert_csv(f, "x\"y", 1, "\"x\"\"y\"");
	assert_csv(f, "x\ny", 1, "\"x\ny\"");
	assert_csv(f, "a|b:c.d", 1, "a|b:c.d");
}

/* ---- formula neutralisation ---- */

static void test_escape_formulas_neutralised(void **state)
{
	fixture *f = *state;

	assert_csv(f, "=1+1", 1, "'=1+1");
	assert_csv(f, "+1", 1, "'+1");
	assert_csv(f, "-1", 1, "'-1");
	assert_csv(f, "-", 1, "'-");
	assert_csv(f, "@SUM(A1:A9)", 1, "'@SUM(A1:A9)");
	/* quoted and neutralised: the apostrophe goes inside the quotes */
	assert_csv(f, "=HYPERLINK(\"http://x\",\"y\")", 1,
		"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	assert_csv(f, "=HYPERLINK(\"http://x\";\"y\")", 1,
		"\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"");
	assert_csv(f, "=cmd|' /C calc'!A0", 1, "'=cmd|' /C calc'!A0");
	/* A tab is quoted, also after the apostrophe. */
	assert_csv(f, "\t=1+1", 1, "\"'\t=1+1\"");
	assert_csv(f, "\r=1+1", 1, "\"'\r=1+1\"");
	assert_csv(f, "-x ", 1, "\"'-x \"");
	/* only the first character counts */
	assert_csv(f, "a=1", 1, "a=1");
	assert_csv(f, " =1", 1, "\" =1\"");
	assert_csv(f, "1-2", 1, "1-2");
	assert_csv(f, "'=1", 1, "'=1");
	assert_csv(f, "\n=1", 1, "\"\n=1\"");
	/* the public cell writer follows the same rule */
	srmgap_csv_cell(capture(&f->cap), "@x", 1);
	assert_string_equal(captured(&f->cap), "'@x");
}

static void test_escape_numbers_untouched(void **state)
{
	fixture *f = *state;

	/* a real negative number in a numeric column stays a number */
	assert_csv(f, "-1", 0, "-1");
	assert_csv(f, "-0.500000", 0, "-0.500000");
	assert_csv(f, "+1", 0, "+1");
	assert_csv(f, "0.375000", 0, "0.375000");
	assert_csv(f, "", 0, "");
	assert_text("-1", 0, "-1");
	assert_text("-1", 1, "'-1");
}

static void test_escape_rule(void **state)
{
	static const char *const formulas[] = {
		"=", "+", "-", "@", "\t", "\r", "=A1", "+A1", "-A1", "@A1"
	};
	static const char *const plain[] = {
		"", "A1", " =A1", "'=A1", "\n=A1", "\xef\xbc\x9d" "A1", "0", "a-b"
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(formulas) / sizeof(formulas[0]); i++)
		assert_true(srmgap_export__is_formula(formulas[i]));
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		assert_false(srmgap_export__is_formula(plain[i]));
	assert_false(srmgap_export__is_formula(NULL));
	/* the same rule for XLSX text */
	assert_text("=1+1", 1, "'=1+1");
	assert_text("\t=1", 1, "'\t=1");
	assert_text("\r=1", 1, "'\r=1");
	assert_text("@SUM(1)", 1, "'@SUM(1)");
	assert_text("=1+1", 0, "=1+1");
	assert_text("", 1, "");
	assert_text(NULL, 1, "");
}

/* ---- invalid UTF-8 ---- */

static void test_escape_utf8_valid_kept(void **state)
{
	fixture *f = *state;
	int valid;

	assert_csv(f, "caf\xc3\xa9", 1, "caf\xc3\xa9");
	assert_csv(f, "\xe2\x82\xac 5", 1, "\xe2\x82\xac 5");
	assert_csv(f, "\xf0\x9f\x94\x92", 1, "\xf0\x9f\x94\x92");
	assert_csv(f, "\xf4\x8f\xbf\xbf", 1, "\xf4\x8f\xbf\xbf");
	assert_csv(f, "\xed\x9f\xbf", 1, "\xed\x9f\xbf");
	assert_int_equal(srmgap_util__utf8_next("\xc3\xa9", &valid), 2);
	assert_true(valid);
	assert_int_equal(srmgap_util__utf8_next("\xf0\x9f\x94\x92", &valid), 4);
	assert_true(valid);
	assert_int_equal(srmgap_util__utf8_next("a", &valid), 1);
	assert_true(valid);
	/* the bounds of each form */
	assert_int_equal(srmgap_util__utf8_next("\xc2\x80", &valid), 2);
	assert_true(valid);
	assert_int_equal(srmgap_util__utf8_next("\xe0\xa0\x80", &valid), 3);
	assert_true(valid);
	assert_int_equal(srmgap_util__utf8_next("\xed\x9f\xbf", &valid), 3);
	assert_true(valid);
	assert_int_equal(srmgap_util__utf8_next("\xee\x80\x80", &valid), 3);
	assert_true(valid);
	assert_int_equal(srmgap_util__utf8_next("\xf0\x90\x80\x80", &valid), 4);
	assert_true(valid);
	assert_int_equal(srmgap_util__utf8_next("\xf4\x8f\xbf\xbf", &valid), 4);
	assert_true(valid);
}

/* Length and validity of what srmgap_util__utf8_next finds at `s`. */
static void assert_next(const char *s, size_t len, int valid)
{
	int v = -1;

	assert_int_equal(srmgap_util__utf8_next(s, &v), len);
	assert_int_equal(v, valid);
}

static void test_escape_utf8_maximal_subparts(void **state)
{
	(void)state;
	/* never a first byte: one byte each */
	assert_next("\x80", 1, 0);
	assert_next("\xbf\x80", 1, 0);
	assert_next("\xc0\xaf", 1, 0);
	assert_next("\xc1\xbf", 1, 0);
	assert_next("\xf5\x80\x80\x80", 1, 0);
	assert_next("\xff", 1, 0);
	/* a second byte out of range ends the subpart at the first byte */
	assert_next("\xe0\x80\x80", 1, 0);
	assert_next("\xed\xa0\x80", 1, 0);
	assert_next("\xf0\x80\x80\x80", 1, 0);
	assert_next("\xf4\x90\x80\x80", 1, 0);
	/* a sequence cut short: every byte that fits is one subpart */
	assert_next("\xc3", 1, 0);
	assert_next("\xc3" "A", 1, 0);
	assert_next("\xe2\x82", 2, 0);
	assert_next("\xe2\x82" "A", 2, 0);
	assert_next("\xe2\x82\xe2\x82\xac", 2, 0);
	assert_next("\xf0\x9f\x94", 3, 0);
	assert_next("\xf0\x9f\x94" "<", 3, 0);
	assert_next("\xf0\x9f", 2, 0);
	/* validity over a length: built on the same decoder, reads no further */
	assert_true(srmgap_util__utf8_valid("a\xe2\x82\xac", 4));
	assert_false(srmgap_util__utf8_valid("a\xe2\x82\xac", 3));
	assert_false(srmgap_util__utf8_valid("\xf0\x9f\x94\x92", 3));
	assert_true(srmgap_util__utf8_valid("ab\xe2\x82\xac", 2));
	assert_false(srmgap_util__utf8_valid("a\0b", 3));
	assert_false(srmgap_util__utf8_valid("\xe2\x82" "A", 3));
	assert_true(srmgap_util__utf8_valid("", 0));
}

/* The escaped form of `s` written by `esc`. */
static const char *escaped(fixture *f, void (*esc)(FILE *, const char *),
	const char *s)
{
	esc(capture(&f->cap), s);
	return captured(&f->cap);
}

static void test_escape_replacement_same_everywhere(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "a\xe2\x82" "b", "a" FFFD "b" },
		{ "a\xf0\x9f\x94" "b", "a" FFFD "b" },
		{ "a\xe0\x80\xaf" "b", "a" FFFD FFFD FFFD "b" },
		{ "a\xed\xa0\x80" "b", "a" FFFD FFFD FFFD "b" },
		{ "a\xff\xfe" "b", "a" FFFD FFFD "b" },
		{ "a\xc3", "a" FFFD },
		{ "a\xe2\x82\xe2\x82\xac" "b", "a" FFFD "\xe2\x82\xac" "b" },
	};
	size_t i;

	/* HTML, Markdown, CSV and XLSX (and JSON: cell text) agree. */
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_string_equal(escaped(f, srmgap_report__html_escape,
			cases[i].in), cases[i].want);
		assert_string_equal(escaped(f, srmgap_report__md_escape,
			cases[i].in), cases[i].want);
		assert_csv(f, cases[i].in, 1, cases[i].want);
		assert_text(cases[i].in, 0, cases[i].want);
	}
	/* A C1 control is one U+FFFD in HTML and Markdown, not two. */
	assert_string_equal(escaped(f, srmgap_report__html_escape,
		"a\xc2\x85" "b"), "a" FFFD "b");
	assert_string_equal(escaped(f, srmgap_report__md_escape,
		"a\xc2\x85" "b"), "a" FFFD "b");
}

static void test_escape_utf8_invalid_replaced(void **state)
{
	fixture *f = *state;
	int valid;

	/* a lone continuation byte, and bytes that never start a character */
	assert_csv(f, "a\x80z", 1, "a" FFFD "z");
	assert_csv(f, "\xff\xfe", 1, FFFD FFFD);
	assert_csv(f, "\xc0\xaf", 1, FFFD FFFD);
	/* truncated: the maximal subpart is one replacement */
	assert_csv(f, "\xe2\x82" "A", 1, FFFD "A");
	assert_csv(f, "x\xf0\x9f\x94", 1, "x" FFFD);
	/* overlong, surrogate, past U+10FFFF */
	assert_csv(f, "\xe0\x80\xaf", 1, FFFD FFFD FFFD);
	assert_csv(f, "\xed\xa0\x80", 1, FFFD FFFD FFFD);
	assert_csv(f, "\xf4\x90\x80\x80", 1, FFFD FFFD FFFD FFFD);
	assert_csv(f, "\xf5\x80", 1, FFFD FFFD);
	/* replacing keeps quoting and neutralisation */
	assert_csv(f, "=\xff,1", 1, "\"'=" FFFD ",1\"");
	assert_csv(f, "\"\xff\"", 1, "\"\"\"" FFFD "\"\"\"");
	/* a replacement at the end is not a trailing blank */
	assert_csv(f, "ab\xff", 1, "ab" FFFD);
	assert_text("a\x80z", 1, "a" FFFD "z");
	assert_text("\xe2\x82", 0, FFFD);
	assert_int_equal(srmgap_util__utf8_next("\xe2\x82" "A", &valid), 2);
	assert_false(valid);
	assert_int_equal(srmgap_util__utf8_next("\xe2", &valid), 1);
	assert_false(valid);
	/* the public cell writer never writes invalid UTF-8 either */
	srmgap_csv_cell(capture(&f->cap), "x\xc3", 0);
	assert_string_equal(captured(&f->cap), "x" FFFD);
}

/* ---- dialects of the whole report ---- */

/* A two-area model: C1 met, C2 partial (its note starts with '='). */
static void build(fixture *f)
{
	static const char *const parties[][F_PARTY_N] = {
		{ "aws", "AWS", "provider" },
		{ "customer", "Customer", "customer" },
	};
	static const char *const d_iam[] = { "Runs; the identity service",
		"Manages its users" };
	static const unit_area areas[] = { { "iam", "Identity", d_iam } };
	static const char *const ctl[][F_CTL_N] = {
		{ "C1", "iam", "Sign-on; everywhere", "customer", "high", "", "",
		  "=fix()", "" },
		{ "C2", "iam", "Second, factor", "customer", "critical", "", "", "",
		  "" },
	};
	static const char *const qs[][F_Q_N] = {
		{ "Q1", "C1", "SSO?", "yesno", "", "", "", "", "", "" },
		{ "Q2", "C2", "MFA?", "scale", "", "", "", "", "", "" },
	};
	static const unit_model spec = { "demo", "Demo", "1", parties,
		UNIT_N(parties), areas, UNIT_N(areas), ctl, UNIT_N(ctl), qs,
		UNIT_N(qs) };
	long asof;

	model_build(&f->m, &f->d, &f->ans, &spec);
	f->have_ans = 1;
	f->ans.items[0].value = strdup("yes");
	f->ans.items[1].value = strdup("partial");
	f->ans.items[1].note = strdup("=2+3; ok");
	assert_non_null(f->ans.items[0].value);
	assert_non_null(f->ans.items[1].value);
	assert_non_null(f->ans.items[1].note);
	assert_int_equal(srmgap_util__parse_date("2025-01-01", &asof), 0);
	assert_int_equal(srmgap_score(&f->r, f->m, &f->ans, NULL, asof),
		SRMGAP_OK);
}

static void test_escape_report_default_dialect_unchanged(void **state)
{
	fixture *f = *state;
	srmgap_csv_dialect zero = { 0, 0 }, comma = { ',', 0 };
	char *plain;

	build(f);
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m, &f->ans,
		f->r, NULL, NULL), SRMGAP_OK);
	plain = strdup(captured(&f->cap));
	assert_non_null(plain);
	assert_string_equal(plain,
		"assessment,model,area,area_name,control,title,owner,severity,"
		"weight,score,status,priority,answers,evidence,notes,remediation,"
		"references\r\n"
		"acme,demo,iam,Identity,C1,\"Sign-on; everywhere\",customer,high,3,"
		"1.000000,met,,Q1=yes,,,'=fix(),\r\n"
		"acme,demo,iam,Identity,C2,\"Second, factor\",customer,critical,4,"
		"0.500000,partial,1,Q2=partial,,\"Q2: =2+3; ok\",,\r\n");
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m,
		&f->ans, f->r, NULL, NULL), SRMGAP_OK);
	assert_string_equal(captured(&f->cap), plain);
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m,
		&f->ans, f->r, NULL, &zero), SRMGAP_OK);
	assert_string_equal(captured(&f->cap), plain);
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m,
		&f->ans, f->r, NULL, &comma), SRMGAP_OK);
	assert_string_equal(captured(&f->cap), plain);
	free(plain);
}

static void test_escape_report_semicolon_bom(void **state)
{
	fixture *f = *state;
	srmgap_csv_dialect d = { ';', 1 };

	build(f);
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m,
		&f->ans, f->r, NULL, &d), SRMGAP_OK);
	assert_string_equal(captured(&f->cap),
		"\xef\xbb\xbf"
		"assessment;model;area;area_name;control;title;owner;severity;"
		"weight;score;status;priority;answers;evidence;notes;remediation;"
		"references\r\n"
		"acme;demo;iam;Identity;C1;\"Sign-on; everywhere\";customer;high;3;"
		"1.000000;met;;Q1=yes;;;'=fix();\r\n"
		"acme;demo;iam;Identity;C2;\"Second, factor\";customer;critical;4;"
		"0.500000;partial;1;Q2=partial;;\"Q2: =2+3; ok\";;\r\n");
}

static void test_escape_report_tab(void **state)
{
	fixture *f = *state;
	srmgap_csv_dialect d = { '\t', 0 };

	build(f);
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m,
		&f->ans, f->r, NULL, &d), SRMGAP_OK);
	assert_string_equal(captured(&f->cap),
		"assessment\tmodel\tarea\tarea_name\tcontrol\ttitle\towner\tseverity\t"
		"weight\tscore\tstatus\tpriority\tanswers\tevidence\tnotes\t"
		"remediation\treferences\r\n"
		"acme\tdemo\tiam\tIdentity\tC1\t\"Sign-on; everywhere\"\tcustomer\t"
		"high\t3\t1.000000\tmet\t\tQ1=yes\t\t\t'=fix()\t\r\n"
		"acme\tdemo\tiam\tIdentity\tC2\t\"Second, factor\"\tcustomer\t"
		"critical\t4\t0.500000\tpartial\t1\tQ2=partial\t\t"
		"\"Q2: =2+3; ok\"\t\t\r\n");
}

static void test_escape_bad_delimiter(void **state)
{
	fixture *f = *state;
	srmgap_csv_dialect d = { '|', 0 };

	build(f);
	assert_int_equal(srmgap_report_csv(capture(&f->cap), &f->a, f->m,
		&f->ans, f->r, NULL, &d), SRMGAP_EUSAGE);
	assert_string_equal(captured(&f->cap), "");
	assert_int_equal(srmgap_portfolio_csv_header(capture(&f->cap), &d),
		SRMGAP_EUSAGE);
	assert_string_equal(captured(&f->cap), "");
	assert_int_equal(srmgap_portfolio_csv_row(capture(&f->cap), &f->a,
		f->m, f->r, &d), SRMGAP_EUSAGE);
	assert_string_equal(captured(&f->cap), "");
}

static void test_escape_portfolio_dialect(void **state)
{
	fixture *f = *state;
	srmgap_csv_dialect d = { ';', 1 };
	srmgap_assessment bad;
	FILE *fp;

	build(f);
	memset(&bad, 0, sizeof(bad));
	bad.name = "=broken";
	bad.model_id = "demo";
	fp = capture(&f->cap);
	assert_int_equal(srmgap_portfolio_csv_header(fp, &d), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_csv_row(fp, &f->a, f->m, f->r,
		&d), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_csv_row(fp, &bad, NULL, NULL,
		&d), SRMGAP_OK);
	assert_string_equal(captured(&f->cap),
		"\xef\xbb\xbf"
		"assessment;model;score;controls;gaps;critical_gaps;answered;"
		"questions\r\n"
		"acme;demo;0.714286;2;1;1;2;2\r\n"
		"'=broken;demo;;;;;;\r\n");
	/* the default dialect is the existing portfolio CSV */
	fp = capture(&f->cap);
	assert_int_equal(srmgap_portfolio_csv_header(fp, NULL), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_csv_row(fp, &f->a, f->m, f->r, NULL),
		SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_csv_row(fp, &bad, NULL, NULL,
		NULL), SRMGAP_OK);
	assert_string_equal(captured(&f->cap),
		"assessment,model,score,controls,gaps,critical_gaps,answered,"
		"questions\r\n"
		"acme,demo,0.714286,2,1,1,2,2\r\n"
		"'=broken,demo,,,,,,\r\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_escape_quotes_and_line_breaks),
		T(test_escape_delimiters),
		T(test_escape_formulas_neutralised),
		T(test_escape_numbers_untouched),
		T(test_escape_rule),
		T(test_escape_utf8_valid_kept),
		T(test_escape_utf8_invalid_replaced),
		T(test_escape_utf8_maximal_subparts),
		T(test_escape_replacement_same_everywhere),
		T(test_escape_report_default_dialect_unchanged),
		T(test_escape_report_semicolon_bom),
		T(test_escape_report_tab),
		T(test_escape_bad_delimiter),
		T(test_escape_portfolio_dialect),
#undef T
	};

	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
