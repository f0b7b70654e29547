/*
 * Unit tests for the cell rule every export shares (export_int.h,
 * report.c): RFC 4180 quoting with each delimiter srmgap writes, formula
 * neutralisation (text cells only; numeric cells are never touched), and
 * invalid UTF-8, which is replaced by U+FFFD and never written raw. Then
 * the CSV dialects of the gap report and the portfolio: the default is
 * byte for byte what srmgap_report_csv(, NULL) writes, ';' and tab change only
 * the delimiter and the quoting it needs, and --bom adds the mark.
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
#include "util_int.h"
#include "unit.h"

#define FFFD "\xef\xbf\xbd"

typedef struct fixture {
	FILE *fp;
	char *out;
	size_t outlen;
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

	if (f->fp != NULL)
		fclose(f->fp);
	free(f->out);
	srmgap_result_free(f->r);
	if (f->have_ans)
		srmgap_answers_release(&f->ans);
	srmgap_model_free(f->m);
	srmgap_diags_release(&f->d);
	free(f);
	return 0;
}

static FILE *capture(fixture *f)
{
	if (f->fp != NULL)
		fclose(f->fp);
	free(f->out);
	f->out = NULL;
	f->outlen = 0;
	f->fp = open_memstream(&f->out, &f->outlen);
	assert_non_null(f->fp);
	return f->fp;
}

static const char *captured(fixture *f)
{
	assert_int_equal(fclose(f->fp), 0);
	f->fp = NULL;
	assert_non_null(f->out);
	return f->out;
}

/* One CSV cell of `s`, as text or number, with delimiter `delim`. */
static void assert_csv(fixture *f, const char *s, int text, char delim,
	const char *want)
{
	srmgap_export__csv_cell(capture(f), s, text, delim);
	assert_string_equal(captured(f), want);
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

	assert_csv(f, "plain", 1, ',', "plain");
	assert_csv(f, "", 1, ',', "");
	assert_csv(f, NULL, 1, ',', "");
	assert_csv(f, "say \"hi\"", 1, ',', "\"say \"\"hi\"\"\"");
	assert_csv(f, "\"", 1, ',', "\"\"\"\"");
	assert_csv(f, "two\nlines", 1, ',', "\"two\nlines\"");
	assert_csv(f, "crlf\r\nend", 1, ',', "\"crlf\r\nend\"");
	assert_csv(f, "cr\rend", 1, ',', "\"cr\rend\"");
	assert_csv(f, " lead", 1, ',', "\" lead\"");
	assert_csv(f, "trail ", 1, ',', "\"trail \"");
	assert_csv(f, "in side", 1, ',', "in side");
	assert_csv(f, "it's", 1, ',', "it's");
}

static void test_escape_delimiters(void **state)
{
	fixture *f = *state;

	/* The delimiter in use is quoted; the others are plain text. */
	assert_csv(f, "a,b", 1, ',', "\"a,b\"");
	assert_csv(f, "a;b", 1, ',', "a;b");
	assert_csv(f, "a,b", 1, ';', "a,b");
	assert_csv(f, "a;b", 1, ';', "\"a;b\"");
	assert_csv(f, "1,5", 0, ';', "1,5");
	assert_csv(f, "a\tb", 1, '\t', "\"a\tb\"");
	assert_csv(f, "a\tb", 1, ',', "a\tb");
	assert_csv(f, "a;b,c", 1, '\t', "a;b,c");
	/* Quotes and line breaks are quoted whatever the delimiter. */
	assert_csv(f, "x\"y", 1, ';', "\"x\"\"y\"");
	assert_csv(f, "x\ny", 1, '\t', "\"x\ny\"");
}

/* ---- formula neutralisation ---- */

static void test_escape_formulas_neutralised(void **state)
{
	fixture *f = *state;

	assert_csv(f, "=1+1", 1, ',', "'=1+1");
	assert_csv(f, "+1", 1, ',', "'+1");
	assert_csv(f, "-1", 1, ',', "'-1");
	assert_csv(f, "-", 1, ',', "'-");
	assert_csv(f, "@SUM(A1:A9)", 1, ',', "'@SUM(A1:A9)");
	/* quoted and neutralised: the apostrophe goes inside the quotes */
	assert_csv(f, "=HYPERLINK(\"http://x\",\"y\")", 1, ',',
		"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	assert_csv(f, "=HYPERLINK(\"http://x\";\"y\")", 1, ';',
		"\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"");
	assert_csv(f, "=cmd|' /C calc'!A0", 1, ',', "'=cmd|' /C calc'!A0");
	/* After the apostrophe a leading tab is no longer a leading blank. */
	assert_csv(f, "\t=1+1", 1, ',', "'\t=1+1");
	assert_csv(f, "\t=1+1", 1, '\t', "\"'\t=1+1\"");
	assert_csv(f, "\r=1+1", 1, ',', "\"'\r=1+1\"");
	assert_csv(f, "-x ", 1, ',', "\"'-x \"");
	/* only the first character counts */
	assert_csv(f, "a=1", 1, ',', "a=1");
	assert_csv(f, " =1", 1, ',', "\" =1\"");
	assert_csv(f, "1-2", 1, ',', "1-2");
	assert_csv(f, "'=1", 1, ',', "'=1");
	assert_csv(f, "\n=1", 1, ',', "\"\n=1\"");
	/* the public cell writer follows the same rule */
	srmgap_csv_cell(capture(f), "@x", 1);
	assert_string_equal(captured(f), "'@x");
}

static void test_escape_numbers_untouched(void **state)
{
	fixture *f = *state;

	/* a real negative number in a numeric column stays a number */
	assert_csv(f, "-1", 0, ',', "-1");
	assert_csv(f, "-0.500000", 0, ';', "-0.500000");
	assert_csv(f, "+1", 0, ',', "+1");
	assert_csv(f, "0.375000", 0, ',', "0.375000");
	assert_csv(f, "", 0, ',', "");
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

	assert_csv(f, "caf\xc3\xa9", 1, ',', "caf\xc3\xa9");
	assert_csv(f, "\xe2\x82\xac 5", 1, ',', "\xe2\x82\xac 5");
	assert_csv(f, "\xf0\x9f\x94\x92", 1, ',', "\xf0\x9f\x94\x92");
	assert_csv(f, "\xf4\x8f\xbf\xbf", 1, ',', "\xf4\x8f\xbf\xbf");
	assert_csv(f, "\xed\x9f\xbf", 1, ',', "\xed\x9f\xbf");
	assert_int_equal(srmgap_export__utf8_next("\xc3\xa9", &valid), 2);
	assert_true(valid);
	assert_int_equal(srmgap_export__utf8_next("\xf0\x9f\x94\x92", &valid), 4);
	assert_true(valid);
	assert_int_equal(srmgap_export__utf8_next("a", &valid), 1);
	assert_true(valid);
}

static void test_escape_utf8_invalid_replaced(void **state)
{
	fixture *f = *state;
	int valid;

	/* a lone continuation byte, and bytes that never start a character */
	assert_csv(f, "a\x80z", 1, ',', "a" FFFD "z");
	assert_csv(f, "\xff\xfe", 1, ',', FFFD FFFD);
	assert_csv(f, "\xc0\xaf", 1, ',', FFFD FFFD);
	/* truncated: the maximal subpart is one replacement */
	assert_csv(f, "\xe2\x82" "A", 1, ',', FFFD "A");
	assert_csv(f, "x\xf0\x9f\x94", 1, ',', "x" FFFD);
	/* overlong, surrogate, past U+10FFFF */
	assert_csv(f, "\xe0\x80\xaf", 1, ',', FFFD FFFD FFFD);
	assert_csv(f, "\xed\xa0\x80", 1, ',', FFFD FFFD FFFD);
	assert_csv(f, "\xf4\x90\x80\x80", 1, ',', FFFD FFFD FFFD FFFD);
	assert_csv(f, "\xf5\x80", 1, ',', FFFD FFFD);
	/* replacing keeps quoting and neutralisation */
	assert_csv(f, "=\xff,1", 1, ',', "\"'=" FFFD ",1\"");
	assert_csv(f, "\"\xff\"", 1, ';', "\"\"\"" FFFD "\"\"\"");
	/* a replacement at the end is not a trailing blank */
	assert_csv(f, "ab\xff", 1, ',', "ab" FFFD);
	assert_text("a\x80z", 1, "a" FFFD "z");
	assert_text("\xe2\x82", 0, FFFD);
	assert_int_equal(srmgap_export__utf8_next("\xe2\x82" "A", &valid), 2);
	assert_false(valid);
	assert_int_equal(srmgap_export__utf8_next("\xe2", &valid), 1);
	assert_false(valid);
	/* the public cell writer never writes invalid UTF-8 either */
	srmgap_csv_cell(capture(f), "x\xc3", 0);
	assert_string_equal(captured(f), "x" FFFD);
}

/* ---- dialects of the whole report ---- */

static const srmgap_src SRC = { "mem.csv", 1, NULL };

/* A two-area model: C1 met, C2 partial (its note starts with '='). */
static void build(fixture *f)
{
	const char *aws[F_PARTY_N] = { "aws", "AWS", "provider" };
	const char *cust[F_PARTY_N] = { "customer", "Customer", "customer" };
	const char *d_iam[] = { "Runs; the identity service", "Manages its users" };
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
	long asof;
	size_t i;

	assert_int_equal(srmgap_model__new(&f->m, "demo", ""), SRMGAP_OK);
	srmgap_model__meta(f->m, "title", "Demo", &SRC, &f->d);
	srmgap_model__meta(f->m, "version", "1", &SRC, &f->d);
	srmgap_model__party(f->m, aws, &SRC, &f->d);
	srmgap_model__party(f->m, cust, &SRC, &f->d);
	srmgap_model__area(f->m, "iam", "Identity", d_iam, &SRC, &f->d);
	for (i = 0; i < 2; i++)
		srmgap_model__control(f->m, ctl[i], &SRC, &f->d);
	for (i = 0; i < 2; i++)
		srmgap_model__question(f->m, qs[i], &SRC, &f->d);
	assert_int_equal(srmgap_model__finish(f->m, "mem", &f->d, 0), SRMGAP_OK);
	if (f->d.errors != 0)
		dump_diags(&f->d);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(srmgap_answers_init(&f->ans, f->m), SRMGAP_OK);
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
	assert_int_equal(srmgap_report_csv(capture(f), &f->a, f->m, &f->ans,
		f->r, NULL, NULL), SRMGAP_OK);
	plain = strdup(captured(f));
	assert_non_null(plain);
	assert_string_equal(plain,
		"assessment,model,area,area_name,control,title,owner,severity,"
		"weight,score,status,priority,answers,evidence,notes,remediation,"
		"references\r\n"
		"acme,demo,iam,Identity,C1,Sign-on; everywhere,customer,high,3,"
		"1.000000,met,,Q1=yes,,,'=fix(),\r\n"
		"acme,demo,iam,Identity,C2,\"Second, factor\",customer,critical,4,"
		"0.500000,partial,1,Q2=partial,,Q2: =2+3; ok,,\r\n");
	assert_int_equal(srmgap_report_csv(capture(f), &f->a, f->m,
		&f->ans, f->r, NULL, NULL), SRMGAP_OK);
	assert_string_equal(captured(f), plain);
	assert_int_equal(srmgap_report_csv(capture(f), &f->a, f->m,
		&f->ans, f->r, NULL, &zero), SRMGAP_OK);
	assert_string_equal(captured(f), plain);
	assert_int_equal(srmgap_report_csv(capture(f), &f->a, f->m,
		&f->ans, f->r, NULL, &comma), SRMGAP_OK);
	assert_string_equal(captured(f), plain);
	free(plain);
}

static void test_escape_report_semicolon_bom(void **state)
{
	fixture *f = *state;
	srmgap_csv_dialect d = { ';', 1 };

	build(f);
	assert_int_equal(srmgap_report_csv(capture(f), &f->a, f->m,
		&f->ans, f->r, NULL, &d), SRMGAP_OK);
	assert_string_equal(captured(f),
		"\xef\xbb\xbf"
		"assessment;model;area;area_name;control;title;owner;severity;"
		"weight;score;status;priority;answers;evidence;notes;remediation;"
		"references\r\n"
		"acme;demo;iam;Identity;C1;\"Sign-on; everywhere\";customer;high;3;"
		"1.000000;met;;Q1=yes;;;'=fix();\r\n"
		"acme;demo;iam;Identity;C2;Second, factor;customer;critical;4;"
		"0.500000;partial;1;Q2=partial;;\"Q2: =2+3; ok\";;\r\n");
}

static void test_escape_report_tab(void **state)
{
	fixture *f = *state;
	srmgap_csv_dialect d = { '\t', 0 };

	build(f);
	assert_int_equal(srmgap_report_csv(capture(f), &f->a, f->m,
		&f->ans, f->r, NULL, &d), SRMGAP_OK);
	assert_string_equal(captured(f),
		"assessment\tmodel\tarea\tarea_name\tcontrol\ttitle\towner\tseverity\t"
		"weight\tscore\tstatus\tpriority\tanswers\tevidence\tnotes\t"
		"remediation\treferences\r\n"
		"acme\tdemo\tiam\tIdentity\tC1\tSign-on; everywhere\tcustomer\thigh\t"
		"3\t1.000000\tmet\t\tQ1=yes\t\t\t'=fix()\t\r\n"
		"acme\tdemo\tiam\tIdentity\tC2\tSecond, factor\tcustomer\tcritical\t"
		"4\t0.500000\tpartial\t1\tQ2=partial\t\tQ2: =2+3; ok\t\t\r\n");
}

static void test_escape_bad_delimiter(void **state)
{
	fixture *f = *state;
	srmgap_csv_dialect d = { '|', 0 };

	build(f);
	assert_int_equal(srmgap_report_csv(capture(f), &f->a, f->m,
		&f->ans, f->r, NULL, &d), SRMGAP_EUSAGE);
	assert_string_equal(captured(f), "");
	assert_int_equal(srmgap_portfolio_csv_header(capture(f), &d),
		SRMGAP_EUSAGE);
	assert_string_equal(captured(f), "");
	assert_int_equal(srmgap_portfolio_csv_row(capture(f), &f->a,
		f->m, f->r, &d), SRMGAP_EUSAGE);
	assert_string_equal(captured(f), "");
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
	fp = capture(f);
	assert_int_equal(srmgap_portfolio_csv_header(fp, &d), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_csv_row(fp, &f->a, f->m, f->r,
		&d), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_csv_row(fp, &bad, NULL, NULL,
		&d), SRMGAP_OK);
	assert_string_equal(captured(f),
		"\xef\xbb\xbf"
		"assessment;model;score;controls;gaps;critical_gaps;answered;"
		"questions\r\n"
		"acme;demo;0.714286;2;1;1;2;2\r\n"
		"'=broken;demo;;;;;;\r\n");
	/* the default dialect is the existing portfolio CSV */
	fp = capture(f);
	assert_int_equal(srmgap_portfolio_csv_header(fp, NULL), SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_csv_row(fp, &f->a, f->m, f->r, NULL),
		SRMGAP_OK);
	assert_int_equal(srmgap_portfolio_csv_row(fp, &bad, NULL, NULL,
		NULL), SRMGAP_OK);
	assert_string_equal(captured(f),
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
		T(test_escape_report_default_dialect_unchanged),
		T(test_escape_report_semicolon_bom),
		T(test_escape_report_tab),
		T(test_escape_bad_delimiter),
		T(test_escape_portfolio_dialect),
#undef T
	};

	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
