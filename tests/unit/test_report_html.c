/*
 * Unit tests for the HTML and Markdown reports and the template engine
 * (src/lib/report_html.c, report_markdown.c, template.c; report.h and
 * report_int.h), and for the escapers they share with the checklist
 * (escape.c).
 *
 * Hostile input is the point: quotes, line breaks, <script>, formulas,
 * invalid UTF-8 and markup characters in catalog text, answers, reviews
 * and the sign-off must come out as text. The report tests run the
 * shipped templates (reports/report.html and reports/report.md, read
 * from the working directory tests/unit) on a model built in memory:
 *
 *   parties  aws, saas (providers), customer
 *   areas    iam  (C1: critical, answered no: not-met)
 *            phys (P1: owned by aws: inherited, the providers' area)
 *            data (C2: high, answered yes: met)
 *   overall  (4*0 + 3*1) / 7 = 42.9%; one gap, C1, critical
 *   reviews  C1 needs-evidence, C2 verified: verified 3/7 = 42.9%
 * outdated() makes C2's verdict outdated (its answers changed after it):
 * it is still shown, marked, and counts as none: verified 0/7.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "srmgap/report.h"
#include "srmgap/score.h"
#include "model_int.h"
#include "report_int.h"
#include "util_int.h"
#include "unit.h"

#define FFFD "\xef\xbf\xbd"
#define HTML_TEMPLATE "../../reports/report.html"
#define MD_TEMPLATE "../../reports/report.md"

typedef struct fixture {
	srmgap_model *m;
	srmgap_diags d;
	srmgap_answers ans;
	int have_ans;
	srmgap_reviews rv;
	srmgap_result *r;
	srmgap_assessment a;
	srmgap_report_opts o;
	srmgap_template *t;
	srmgap_error err;
	long asof;
	unit_capture cap;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	srmgap_diags_init(&f->d);
	if (srmgap_util__parse_date("2026-03-01", &f->asof) != 0)
		return -1;
	f->a.name = "acme-2026";
	f->a.org = "Acme \"Q\" <Corp> & Co";
	f->a.assessor = "J. Doe";
	f->a.created_at = "";
	f->a.model_id = "";
	f->a.variant = "";
	f->a.hash = "";
	f->a.model_title = "";
	f->a.model_version = "";
	f->a.parent = "acme-2025";
	f->a.carried = 1;
	f->o.width = 80;
	srmgap_error_clear(&f->err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	capture_release(&f->cap);
	srmgap_template_free(f->t);
	srmgap_result_free(f->r);
	srmgap_reviews_release(&f->rv);
	if (f->have_ans)
		srmgap_answers_release(&f->ans);
	srmgap_model_free(f->m);
	srmgap_diags_release(&f->d);
	free(f);
	return 0;
}

/* 1 when `needle` (ASCII) occurs in `text`, ignoring case. */
static int has_ci(const char *text, const char *needle)
{
	size_t n = strlen(needle);

	for (; *text != '\0'; text++) {
		if (strncasecmp(text, needle, n) == 0)
			return 1;
	}
	return 0;
}

#define assert_has(text, needle) do { \
	if (strstr((text), (needle)) == NULL) \
		print_error("missing '%s'\n", (needle)); \
	assert_non_null(strstr((text), (needle))); \
} while (0)

#define assert_lacks(text, needle) do { \
	if (strstr((text), (needle)) != NULL) \
		print_error("unexpected '%s' at: %.80s\n", (needle), \
			strstr((text), (needle))); \
	assert_null(strstr((text), (needle))); \
} while (0)

/* The model described at the top, scored, with its reviews. */
static void build(fixture *f)
{
	static const char *const parties[][F_PARTY_N] = {
		{ "aws", "Amazon <Web> Services", "provider" },
		{ "saas", "Saas & Co", "provider" },
		{ "customer", "Customer", "customer" },
	};
	static const char *const d_iam[] = { "Runs IAM", "Offers <b>SSO</b>",
		"Turns on MFA | SSO" };
	static const char *const d_phys[] = { "Guards \"the\" halls", "n/a",
		"n/a" };
	static const char *const d_data[] = { "n/a", "Encrypts", "Backs up" };
	static const unit_area areas[] = {
		{ "iam", "Identity & access", d_iam },
		{ "phys", "Physical", d_phys },
		{ "data", "Data", d_data },
	};
	static const char *const ctl[][F_CTL_N] = {
		{ "C1", "iam", "Second factor \"MFA\" <script>alert(1)</script>",
		  "customer", "critical", "", "Line one\nline two",
		  "=HYPERLINK(\"http://x.example\",\"click\")", "ISO:A.1|SOC2:CC6" },
		{ "C2", "data", "Backups", "customer", "high", "", "", "Back up", "" },
		{ "P1", "phys", "Guards", "aws", "medium", "", "", "", "" },
	};
	static const char *const qs[][F_Q_N] = {
		{ "Q1", "C1", "MFA on?", "yesno", "", "", "", "", "", "" },
		{ "Q2", "C1", "Which IdP?", "text", "", "", "", "", "", "" },
		{ "Q3", "C2", "Backed up?", "yesno", "", "", "", "", "", "" },
		{ "Q4", "P1", "Guarded?", "yesno", "", "", "", "", "", "" },
	};
	static const unit_model spec = { "demo", "Demo <model>", "2026.1",
		parties, UNIT_N(parties), areas, UNIT_N(areas), ctl, UNIT_N(ctl),
		qs, UNIT_N(qs) };
	long c1, c2;

	model_build(&f->m, &f->d, &f->ans, &spec);
	f->have_ans = 1;

	f->ans.items[0].value = strdup("no");
	f->ans.items[0].evidence = strdup("SEC-1\r\nsecond line");
	f->ans.items[0].evidence_date = strdup("2026-01-02");
	f->ans.items[0].note = strdup("| pipe | *star* <script>");
	f->ans.items[0].carried = 1;
	f->ans.items[1].value = strdup("Okta \xff\xfe <img src=x onerror=alert(1)>");
	f->ans.items[2].value = strdup("yes");
	assert_non_null(f->ans.items[2].value);

	c1 = srmgap_model_control(f->m, "C1");
	c2 = srmgap_model_control(f->m, "C2");
	assert_true(c1 >= 0 && c2 >= 0);
	f->rv.count = f->m->ncontrols;
	f->rv.items = calloc(f->rv.count, sizeof(*f->rv.items));
	assert_non_null(f->rv.items);
	f->rv.items[c1].verdict = SRMGAP_VERDICT_NEEDS_EVIDENCE;
	f->rv.items[c1].comment = strdup("\"quoted\" <i>x</i>\nno record");
	f->rv.items[c1].auditor = strdup("A. Auditor");
	f->rv.items[c1].reviewed_at = strdup("2026-02-03T04:05:06Z");
	f->rv.items[c2].verdict = SRMGAP_VERDICT_VERIFIED;
	f->rv.items[c2].auditor = strdup("A. Auditor");
	f->rv.reviewed = 2;

	assert_int_equal(srmgap_score(&f->r, f->m, &f->ans, &f->rv, f->asof),
		SRMGAP_OK);
	assert_near(f->r->overall, 3.0 / 7);
	assert_near(f->r->verified_overall, 3.0 / 7);
	assert_int_equal(f->r->ngaps, 1);
	assert_int_equal(f->r->reviewed, 2);
}

/* C2's verdict given on answers that changed since: it counts as none. */
static void outdated(fixture *f)
{
	long c2 = srmgap_model_control(f->m, "C2");

	assert_true(c2 >= 0);
	f->rv.items[c2].outdated = 1;
	f->rv.reviewed = 1;
	f->rv.outdated = 1;
	srmgap_result_free(f->r);
	f->r = NULL;
	assert_int_equal(srmgap_score(&f->r, f->m, &f->ans, &f->rv, f->asof),
		SRMGAP_OK);
	assert_int_equal(f->r->reviewed, 1);
	assert_int_equal(f->r->outdated, 1);
	assert_near(f->r->verified_overall, 0);
}

static void sign(fixture *f)
{
	f->a.signed_by = "R. Auditor";
	f->a.signed_at = "2026-02-03T04:05:06Z";
	f->a.statement = "All checked.\nSecond line <ok>";
	f->a.seal = "0123abcd";
}

static void use_template(fixture *f, const char *path)
{
	srmgap_template_free(f->t);
	f->t = NULL;
	if (srmgap_template_load(&f->t, path, &f->err) != SRMGAP_OK)
		print_error("%s:%lu:%lu: %s\n", f->err.path, f->err.line,
			f->err.column, f->err.msg);
	assert_non_null(f->t);
}

static void use_text(fixture *f, const char *text)
{
	srmgap_template_free(f->t);
	f->t = NULL;
	if (srmgap_template_parse(&f->t, text, strlen(text), "t.html", &f->err) !=
	    SRMGAP_OK)
		print_error("%lu:%lu: %s\n", f->err.line, f->err.column, f->err.msg);
	assert_non_null(f->t);
}

static const char *html(fixture *f)
{
	assert_int_equal(srmgap_report_html(capture(&f->cap), f->t, &f->a, f->m, &f->ans,
		&f->rv, f->r, &f->o), SRMGAP_OK);
	return captured(&f->cap);
}

static const char *markdown(fixture *f)
{
	assert_int_equal(srmgap_report_markdown(capture(&f->cap), f->t, &f->a, f->m,
		&f->ans, &f->rv, f->r, &f->o), SRMGAP_OK);
	return captured(&f->cap);
}

/* ---- the escapers ---- */

static void assert_html_escape(fixture *f, const char *in, const char *want)
{
	srmgap_report__html_escape(capture(&f->cap), in);
	assert_string_equal(captured(&f->cap), want);
}

static void test_escape_html_hostile(void **state)
{
	fixture *f = *state;

	assert_html_escape(f, "<script>alert(\"x\")</script>",
		"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
	/* safe inside a quoted attribute, single or double */
	assert_html_escape(f, "\" onmouseover='x' a=\"",
		"&quot; onmouseover=&#39;x&#39; a=&quot;");
	assert_html_escape(f, "&amp; &#60;", "&amp;amp; &amp;#60;");
	assert_html_escape(f, "=HYPERLINK(\"http://x.example\",\"click\")",
		"=HYPERLINK(&quot;http://x.example&quot;,&quot;click&quot;)");
	assert_html_escape(f, "two\nlines\tand a tab", "two\nlines\tand a tab");
	assert_html_escape(f, "esc \x1b[31m bell \x07", "esc " FFFD "[31m bell "
		FFFD);
	assert_html_escape(f, "", "");
	assert_html_escape(f, "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x94\x92",
		"caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x94\x92");
}

static void test_escape_html_invalid_utf8(void **state)
{
	fixture *f = *state;

	assert_html_escape(f, "a\xff" "b", "a" FFFD "b");
	/*
	 * a sequence cut short, at the end and in the middle: what there is
	 * of it is one U+FFFD (the maximal subpart, as in every export)
	 */
	assert_html_escape(f, "end \xc3", "end " FFFD);
	assert_html_escape(f, "\xe2\x80<", FFFD "&lt;");
	assert_html_escape(f, "\xf0\x9f\x94\"", FFFD "&quot;");
	/* overlong '/', a surrogate, beyond U+10FFFF */
	assert_html_escape(f, "\xc0\xaf", FFFD FFFD);
	assert_html_escape(f, "\xed\xa0\x80", FFFD FFFD FFFD);
	assert_html_escape(f, "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);
	/* a lone continuation byte cannot hide a '<' */
	assert_html_escape(f, "\x80<script>", FFFD "&lt;script&gt;");
}

static void assert_md_escape(fixture *f, const char *in, const char *want)
{
	srmgap_report__md_escape(capture(&f->cap), in);
	assert_string_equal(captured(&f->cap), want);
}

static void test_escape_markdown_hostile(void **state)
{
	fixture *f = *state;

	assert_md_escape(f, "a|b", "a\\|b");
	assert_md_escape(f, "back\\slash", "back\\\\slash");
	assert_md_escape(f, "*b* _i_ [l](u) ~s~ `c`",
		"\\*b\\* \\_i\\_ \\[l\\](u) \\~s\\~ \\`c\\`");
	assert_md_escape(f, "<script>alert(1)</script>",
		"&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_md_escape(f, "&lt;", "&amp;lt;");
	assert_md_escape(f, "one\ntwo", "one<br>two");
	assert_md_escape(f, "bad \xff byte", "bad " FFFD " byte");
	/* a sequence cut short is one U+FFFD, as in HTML and every export */
	assert_md_escape(f, "cut \xe2\x80|", "cut " FFFD "\\|");
	assert_md_escape(f, "\xf0\x9f\x94*", FFFD "\\*");
	assert_md_escape(f, "esc \x1b", "esc " FFFD);
	/* a formula is only text in Markdown */
	assert_md_escape(f, "=HYPERLINK(\"http://x.example\",\"click\")",
		"=HYPERLINK(\"http://x.example\",\"click\")");
}

/* Markdown: md() escapes what would open a block at the start of a line. */
static void assert_md_text(fixture *f, char *org, const char *want)
{
	f->a.org = org;
	use_text(f, "{{org}}");
	assert_string_equal(markdown(f), want);
}

static void test_escape_markdown_leading_markup(void **state)
{
	fixture *f = *state;

	build(f);
	assert_md_text(f, "# Heading", "\\# Heading");
	assert_md_text(f, "### h3", "\\### h3");
	assert_md_text(f, "#hashtag", "#hashtag");
	assert_md_text(f, "1. item", "1\\. item");
	assert_md_text(f, "12) item", "12\\) item");
	assert_md_text(f, "2026.1", "2026.1");
	assert_md_text(f, "- item", "\\- item");
	assert_md_text(f, "---", "\\---");
	assert_md_text(f, "-x", "-x");
	assert_md_text(f, "+ item", "\\+ item");
	assert_md_text(f, "===", "\\===");
	assert_md_text(f, "=SUM(A1)", "=SUM(A1)");
	assert_md_text(f, "> quote", "&gt; quote");
	assert_md_text(f, "    code", "&#32;&#32;&#32;&#32;code");
	assert_md_text(f, "* item", "\\* item");
	assert_md_text(f, "```", "\\`\\`\\`");
	assert_md_text(f, "a\n# b", "a<br># b");
}

/* ---- the template language ---- */

static void assert_parse_error(fixture *f, const char *text, size_t len,
	unsigned long line, unsigned long col, const char *msg)
{
	srmgap_template *t = NULL;

	srmgap_error_clear(&f->err);
	assert_int_equal(srmgap_template_parse(&t, text, len, "my.html", &f->err),
		SRMGAP_EINVALID);
	assert_null(t);
	assert_string_equal(f->err.path, "my.html");
	assert_string_equal(f->err.msg, msg);
	assert_int_equal(f->err.line, line);
	assert_int_equal(f->err.column, col);
}

#define PARSE_ERROR(f, text, line, col, msg) \
	assert_parse_error((f), (text), sizeof(text) - 1, (line), (col), (msg))

static void test_template_unknown_placeholder(void **state)
{
	fixture *f = *state;

	PARSE_ERROR(f, "<p>\n  ok {{org}}\n  x {{titel}}\n", 3, 5,
		"unknown placeholder 'titel' (reports/README.md lists them)");
	/* columns count characters, not bytes */
	PARSE_ERROR(f, "\xc3\xa9\xe2\x82\xac {{ nope }}", 1, 4,
		"unknown placeholder 'nope' (reports/README.md lists them)");
	PARSE_ERROR(f, "{{#nope}}x{{/nope}}", 1, 1,
		"unknown placeholder 'nope' (reports/README.md lists them)");
	/* names are case-sensitive; no raw {{{triple}}} output either */
	PARSE_ERROR(f, "{{ORG}}", 1, 1,
		"unknown placeholder 'ORG' (reports/README.md lists them)");
	PARSE_ERROR(f, "{{{org}}}", 1, 1,
		"unknown placeholder '{org' (reports/README.md lists them)");
}

static void test_template_broken_tags(void **state)
{
	fixture *f = *state;

	PARSE_ERROR(f, "a\nb {{org", 2, 3,
		"unterminated placeholder: '{{' without '}}' on its line");
	PARSE_ERROR(f, "{{org\n}}", 1, 1,
		"unterminated placeholder: '{{' without '}}' on its line");
	PARSE_ERROR(f, "x {{! never closed", 1, 3,
		"unterminated comment: '{{!' without '}}'");
	PARSE_ERROR(f, "x {{ }}", 1, 3, "empty placeholder '{{}}'");
	PARSE_ERROR(f, "\n  {{#gaps}}x", 2, 3, "section 'gaps' is not closed");
	PARSE_ERROR(f, "x{{/gaps}}", 1, 2, "'{{/gaps}}' closes no section");
	PARSE_ERROR(f, "{{#org}}\n{{^gaps}}{{/org}}", 2, 10,
		"'{{/org}}' does not close section 'gaps' (opened at line 2, "
		"column 1)");
	PARSE_ERROR(f, "ok\nb\xff", 2, 2, "invalid UTF-8 in template");
	PARSE_ERROR(f, "a\0b", 1, 2, "NUL byte in template");
	PARSE_ERROR(f, "{{#org}}{{#org}}{{#org}}{{#org}}{{#org}}{{#org}}{{#org}}"
		"{{#org}}{{#org}}{{#org}}{{#org}}{{#org}}{{#org}}{{#org}}{{#org}}"
		"{{#org}}{{#org}}", 1, 129, "sections nested more than 16 deep");
}

static void test_template_sections_comments_literals(void **state)
{
	fixture *f = *state;
	const char *t = "A{{#org}}[{{org}}]{{/org}}{{^org}}none{{/org}}B"
		" \\{{org}} {{! a comment }}.";

	build(f);
	f->a.org = "Acme";
	use_text(f, t);
	assert_string_equal(html(f), "A[Acme]B {{org}} .");
	f->a.org = "";
	assert_string_equal(html(f), "AnoneB {{org}} .");
	f->a.org = NULL;
	assert_string_equal(html(f), "AnoneB {{org}} .");
	/* "0" is empty for a section; a count above 0 is not */
	use_text(f, "{{#critical_gaps}}c={{critical_gaps}}{{/critical_gaps}}"
		"{{^reviewed}}none{{/reviewed}}|{{#gaps}}g{{/gaps}}"
		"{{^signoff}}draft{{/signoff}}");
	assert_string_equal(html(f), "c=1|gdraft");
	sign(f);
	assert_string_equal(html(f), "c=1|g");
}

static void test_template_standalone_lines(void **state)
{
	fixture *f = *state;

	build(f);
	f->a.org = "Acme";
	use_text(f, "x\n  {{#org}}  \ny\n{{/org}}\r\n{{! note\n  more }}\nz\n");
	assert_string_equal(html(f), "x\ny\nz\n");
	f->a.org = "";
	assert_string_equal(html(f), "x\nz\n");
	/* a tag with text on its line keeps the line */
	use_text(f, "a {{#org}}\nb{{/org}} c\n");
	assert_string_equal(html(f), "a  c\n");
}

/* A value is written as text, never read as template. */
static void test_template_values_not_reparsed(void **state)
{
	fixture *f = *state;

	build(f);
	f->a.org = "{{assessment}} {{#gaps}}";
	use_text(f, "{{org}}|{{assessment}}");
	assert_string_equal(html(f), "{{assessment}} {{#gaps}}|acme-2026");
	use_text(f, "{{org}}");
	assert_string_equal(markdown(f), "{{assessment}} {{#gaps}}");
}

static void test_template_every_name_parses(void **state)
{
	fixture *f = *state;
	srmgap_buf b;
	int i;

	srmgap_util__buf_init(&b);
	for (i = 0; i < SRMGAP_TV_COUNT; i++)
		srmgap_util__buf_printf(&b, "{{#%s}}{{%s}}{{/%s}}{{^%s}}-{{/%s}}\n",
			srmgap_report__vars[i], srmgap_report__vars[i],
			srmgap_report__vars[i], srmgap_report__vars[i],
			srmgap_report__vars[i]);
	assert_false(b.oom);
	build(f);
	sign(f);
	use_text(f, b.data);
	srmgap_util__buf_release(&b);
	(void)html(f);
	(void)markdown(f);
}

static void test_template_load(void **state)
{
	fixture *f = *state;
	srmgap_template *t = NULL;

	assert_int_equal(srmgap_template_load(&t, "no-such-template.html",
		&f->err), SRMGAP_ENOTFOUND);
	assert_null(t);
	assert_string_equal(f->err.path, "no-such-template.html");
	assert_string_equal(f->err.msg, "cannot open: No such file or directory");
	/* the shipped templates parse */
	use_template(f, HTML_TEMPLATE);
	use_template(f, MD_TEMPLATE);
}

/* ---- the HTML report ---- */

static void test_html_report_sections(void **state)
{
	fixture *f = *state;
	const char *out;

	build(f);
	sign(f);
	use_template(f, HTML_TEMPLATE);
	out = html(f);
	assert_int_equal(strncmp(out, "<!DOCTYPE html>\n", 16), 0);
	assert_true(srmgap_util__utf8_valid(out, strlen(out)));
	assert_has(out, "id=\"summary\"");
	assert_has(out, "<svg class=\"ring self\"");
	assert_has(out, "<svg class=\"chart\"");
	assert_has(out, "<table class=\"matrix\">");
	assert_has(out, "<ol class=\"gaps\">");
	assert_has(out, "id=\"controls\"");
	assert_has(out, "id=\"signoff\"");
	/* both scores, and how many controls an auditor reviewed */
	assert_has(out, ">42.9%</text>");
	assert_has(out, "2 of 2 controls reviewed by an auditor</span>");
	assert_lacks(out, "class=\"outdated\"");
	assert_lacks(out, "<span class=\"badge v-outdated\">");
	/* self-contained: nothing to fetch, nothing to run */
	assert_false(has_ci(out, "<script"));
	assert_false(has_ci(out, "src=\""));
	assert_false(has_ci(out, "href=\"http"));
	assert_false(has_ci(out, "url("));
	assert_false(has_ci(out, "@import"));
	assert_false(has_ci(out, "<link"));
	assert_has(out, "@page");
	assert_has(out, "break-inside: avoid");
	/* --gaps-only leaves the list of all controls out */
	f->o.gaps_only = 1;
	out = html(f);
	assert_lacks(out, "id=\"controls\"");
	assert_has(out, "<ol class=\"gaps\">");
}

static void test_html_report_matrix(void **state)
{
	fixture *f = *state;
	const char *out;

	build(f);
	use_template(f, HTML_TEMPLATE);
	out = html(f);
	/* parties in model order, the customer's column marked */
	assert_has(out, "<th scope=\"col\" class=\"party provider\">Amazon &lt;Web&gt; "
		"Services<span class=\"role\">provider</span></th><th scope=\"col\" "
		"class=\"party provider\">Saas &amp; Co<span class=\"role\">provider"
		"</span></th><th scope=\"col\" class=\"party customer\">Customer");
	/* iam: the customer falls short; its duty follows the status */
	assert_has(out, "<tr><th scope=\"row\" class=\"area\">Identity &amp; access"
		"</th><td class=\"duty\">Runs IAM</td><td class=\"duty\">Offers "
		"&lt;b&gt;SSO&lt;/b&gt;</td><td class=\"cust st-not-met\"><div "
		"class=\"cust-status\"><span class=\"badge st-not-met\">not met</span> "
		"<span class=\"cust-score\">0.0%</span> <span class=\"cust-counts\">1 "
		"not met</span></div><div class=\"duty\">Turns on MFA | SSO</div></td>"
		"</tr>");
	/* phys: the providers' area; a party without duties gets a dash */
	assert_has(out, "<td class=\"duty\">Guards &quot;the&quot; halls</td><td "
		"class=\"none\"><span aria-label=\"no duty\">\xe2\x80\x94</span></td>"
		"<td class=\"cust st-inherited\"><div class=\"cust-status\"><span "
		"class=\"badge st-inherited\">providers</span> <span "
		"class=\"cust-counts\">no customer controls</span></div></td>");
	assert_has(out, "<td class=\"cust st-met\"><div class=\"cust-status\"><span "
		"class=\"badge st-met\">met</span> <span class=\"cust-score\">100.0%"
		"</span> <span class=\"cust-counts\">1 met</span></div><div "
		"class=\"duty\">Backs up</div></td>");
}

static void test_html_report_escapes_everything(void **state)
{
	fixture *f = *state;
	const char *out;

	build(f);
	sign(f);
	use_template(f, HTML_TEMPLATE);
	out = html(f);
	/* the organisation, in the <title> and the page */
	assert_has(out, "<title>Gap report: acme-2026 (Acme &quot;Q&quot; "
		"&lt;Corp&gt; &amp; Co)</title>");
	assert_has(out, "Second factor &quot;MFA&quot; &lt;script&gt;alert(1)"
		"&lt;/script&gt;");
	assert_has(out, "<p>=HYPERLINK(&quot;http://x.example&quot;,&quot;click"
		"&quot;)</p>");
	assert_has(out, "Okta " FFFD FFFD " &lt;img src=x onerror=alert(1)&gt;");
	assert_has(out, "&lt;i&gt;x&lt;/i&gt;");
	assert_lacks(out, "<img");
	assert_lacks(out, "<i>");
	assert_lacks(out, "<b>SSO");
	/* a CRLF in an answer is a line break, not U+FFFD */
	assert_has(out, "<span class=\"evidence\">SEC-1\nsecond line</span>");
	assert_has(out, "<div class=\"note\">| pipe | *star* &lt;script&gt;</div>");
	assert_true(srmgap_util__utf8_valid(out, strlen(out)));
}

static void test_html_report_answers_reviews_signoff(void **state)
{
	fixture *f = *state;
	const char *out;

	build(f);
	use_template(f, HTML_TEMPLATE);
	out = html(f);
	assert_has(out, "<span class=\"badge draft\">draft</span> not signed off");
	assert_lacks(out, "id=\"signoff\"");
	/* evidence has its own date; a carried-over answer says so */
	assert_has(out, " <span class=\"asof\">as of 2026-01-02</span> <span "
		"class=\"badge carried\">carried over from acme-2025</span>");
	assert_has(out, "<dt>Carried over</dt><dd>1 answer from acme-2025, not yet "
		"confirmed</dd>");
	/* the verdict and the auditor's comment */
	assert_has(out, "<div class=\"review v-needs-evidence\"><span "
		"class=\"review-label\">Auditor:</span> <span class=\"badge "
		"v-needs-evidence\">needs evidence</span> <span class=\"comment\">"
		"&quot;quoted&quot; &lt;i&gt;x&lt;/i&gt;\nno record</span> <span "
		"class=\"by\">A. Auditor, 2026-02-03 04:05 UTC</span></div>");
	assert_has(out, "<span class=\"badge v-verified\">verified</span>");
	/* an informational answer and a question nobody answered */
	assert_has(out, "for information, not scored");
	sign(f);
	out = html(f);
	assert_has(out, "<p class=\"signed\">Signed off by <strong>R. Auditor"
		"</strong> on <time datetime=\"2026-02-03T04:05:06Z\">2026-02-03 04:05 "
		"UTC</time>.</p>");
	assert_has(out, "<blockquote class=\"statement\">All checked.\nSecond line "
		"&lt;ok&gt;</blockquote>");
	assert_has(out, "<code>0123abcd</code>");
	assert_lacks(out, "badge draft");
}

static void test_html_report_outdated_verdict(void **state)
{
	fixture *f = *state;
	const char *out;

	build(f);
	outdated(f);
	use_template(f, HTML_TEMPLATE);
	out = html(f);
	/* the verified figure counts it apart from the reviewed */
	assert_has(out, "<figcaption><strong>Verified</strong><span>1 of 2 "
		"controls reviewed by an auditor, 1 outdated</span></figcaption>");
	assert_has(out, "aria-label=\"Verified score 0.0%\"");
	/* the verdict is still there, marked next to it */
	assert_has(out, "<span class=\"badge v-verified\">verified</span> <span "
		"class=\"badge v-outdated\">outdated</span></span></div>");
	assert_has(out, "<div class=\"review v-verified outdated\"><span "
		"class=\"review-label\">Auditor:</span> <span class=\"badge "
		"v-verified\">verified</span> \xc2\xb7 <span class=\"outdated\">"
		"outdated: the answers changed since</span> <span class=\"by\">"
		"A. Auditor</span></div>");
	/* a current verdict is not marked */
	assert_has(out, "<div class=\"review v-needs-evidence\"><span ");
	/* only outdated verdicts: the chart still shows the verified bars */
	f->rv.items[srmgap_model_control(f->m, "C1")].outdated = 1;
	srmgap_result_free(f->r);
	assert_int_equal(srmgap_score(&f->r, f->m, &f->ans, &f->rv, f->asof),
		SRMGAP_OK);
	assert_int_equal(f->r->reviewed, 0);
	out = html(f);
	assert_has(out, "<span>0 of 2 controls reviewed by an auditor, 2 "
		"outdated</span>");
	assert_has(out, "class=\"bar-verified\"");
	assert_has(out, "<div class=\"review v-needs-evidence outdated\">");
}

static void test_html_report_nothing_scored(void **state)
{
	fixture *f = *state;
	const char *out;

	build(f);
	free(f->ans.items[0].value);
	f->ans.items[0].value = strdup("na");
	free(f->ans.items[2].value);
	f->ans.items[2].value = strdup("na");
	srmgap_result_free(f->r);
	assert_int_equal(srmgap_score(&f->r, f->m, &f->ans, NULL, f->asof),
		SRMGAP_OK);
	assert_false(f->r->scored);
	use_template(f, HTML_TEMPLATE);
	out = html(f);
	assert_has(out, ">n/a</text>");
	assert_has(out, "No gaps: every applicable customer control is met.");
	assert_has(out, "<span class=\"badge st-not-applicable\">not applicable"
		"</span>");
	use_template(f, MD_TEMPLATE);
	out = markdown(f);
	assert_has(out, "| Self-assessed | **n/a** |");
}

/* ---- the Markdown report ---- */

/* Cells in a table line: unescaped '|' minus one. */
static size_t md_cells(const char *line, size_t n)
{
	size_t i, bars = 0;

	for (i = 0; i < n; i++) {
		if (line[i] == '\\') {
			i++;
			continue;
		}
		bars += line[i] == '|';
	}
	return bars - 1;
}

/* Every line of a table has as many cells as the table's first line. */
static void assert_md_tables_square(const char *out)
{
	const char *p = out;
	size_t want = 0, tables = 0;

	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		if (n > 0 && p[0] == '|') {
			size_t got = md_cells(p, n);

			if (want == 0) {
				want = got;
				tables++;
			}
			if (got != want)
				print_error("%zu cells, expected %zu: %.*s\n", got, want,
					(int)n, p);
			assert_int_equal(got, want);
		} else {
			want = 0;
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	assert_true(tables >= 4);
}

#define TITLE_MD "# Gap report: acme-2026 (Acme \"Q\" &lt;Corp&gt; &amp; Co)" \
	"\n\n- **Organisation:** Acme \"Q\" &lt;Corp&gt; &amp; Co\n"

static void test_markdown_report_content(void **state)
{
	fixture *f = *state;
	const char *out;

	build(f);
	sign(f);
	use_template(f, MD_TEMPLATE);
	out = markdown(f);
	assert_true(srmgap_util__utf8_valid(out, strlen(out)));
	assert_md_tables_square(out);
	assert_int_equal(strncmp(out, TITLE_MD, strlen(TITLE_MD)), 0);
	assert_has(out, "| Self-assessed | **42.9%** | the customer's own answers |\n"
		"| Verified | **42.9%** | 2 of 2 controls reviewed by an auditor |\n");
	assert_lacks(out, "(outdated)");
	assert_lacks(out, "*outdated:");
	/* the matrix: parties as columns, the customer's status first */
	assert_has(out, "| Area | Amazon &lt;Web&gt; Services (provider) | Saas &amp; "
		"Co (provider) | Customer (customer) |\n|---|---|---|---|\n");
	assert_has(out, "| **Identity &amp; access** | Runs IAM | Offers &lt;b&gt;"
		"SSO&lt;/b&gt; | \xf0\x9f\x9f\xa5 **not met** 0.0% (1 not met)<br>Turns "
		"on MFA \\| SSO |\n");
	assert_has(out, "| **Physical** | Guards \"the\" halls | \xe2\x80\x94 | "
		"\xe2\xac\x9c **providers** (no customer controls) |\n");
	/* the gap, with what to do and the answers behind it */
	assert_has(out, "### 1. C1 Second factor \"MFA\" &lt;script&gt;alert(1)"
		"&lt;/script&gt;\n\n**critical** \xc2\xb7 **not met** \xc2\xb7 Identity "
		"&amp; access \xc2\xb7 customer control \xc2\xb7 weight 4\n\n"
		"**What to do:** =HYPERLINK(\"http://x.example\",\"click\")\n");
	assert_has(out, "- **Q1** MFA on? \xe2\x86\x92 **no** (0.0%)<br>Evidence: "
		"SEC-1<br>second line (as of 2026-01-02) *carried over from "
		"acme-2025*<br>Note: \\| pipe \\| \\*star\\* &lt;script&gt;\n");
	assert_has(out, "> **Auditor:** needs evidence: \"quoted\" &lt;i&gt;x&lt;/i"
		"&gt;<br>no record (A. Auditor, 2026-02-03 04:05 UTC)\n");
	assert_has(out, "| **Q2** Which IdP? | **Okta " FFFD FFFD " &lt;img src=x "
		"onerror=alert(1)&gt;** *for information, not scored* |  |\n");
	assert_has(out, "## Sign-off\n\nSigned off by **R. Auditor** on 2026-02-03 "
		"04:05 UTC.\n\n> All checked.<br>Second line &lt;ok&gt;\n\n**Seal:** "
		"0123abcd\n");
	/* no HTML from the data, no raw line break inside a cell */
	assert_lacks(out, "<script");
	assert_lacks(out, "<img");
	assert_lacks(out, "<i>");
	assert_lacks(out, "\r");
	assert_lacks(out, "\n\n\n");
	f->o.gaps_only = 1;
	out = markdown(f);
	assert_lacks(out, "## All controls");
	assert_has(out, "### 1. C1");
}

/* A full text bar: twenty blocks. */
#define FULL4 "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88"
#define FULL20 FULL4 FULL4 FULL4 FULL4 FULL4

static void test_markdown_outdated_verdict(void **state)
{
	fixture *f = *state;
	const char *out;

	build(f);
	outdated(f);
	use_template(f, MD_TEMPLATE);
	out = markdown(f);
	assert_md_tables_square(out);
	assert_has(out, "| Verified | **0.0%** | 1 of 2 controls reviewed by an "
		"auditor, 1 outdated |\n");
	assert_has(out, "**high** \xc2\xb7 **met** \xc2\xb7 auditor: **verified** "
		"(outdated) \xc2\xb7 owner: customer");
	assert_has(out, "> **Auditor:** verified \xc2\xb7 *outdated: the answers "
		"changed since* (A. Auditor)\n");
	/* a current verdict is not marked */
	assert_has(out, "> **Auditor:** needs evidence: \"quoted\"");
	assert_has(out, "auditor: **needs evidence** \xc2\xb7 owner:");
	/* the verified column of the chart: Data's verdict no longer counts */
	assert_has(out, "| Data | 100.0% | `" FULL20 "` | 0.0% |\n");
}

static void test_template_outdated_value(void **state)
{
	fixture *f = *state;

	build(f);
	use_text(f, "{{reviewed}}/{{outdated}}{{#outdated}} stale{{/outdated}}"
		"{{^outdated}} current{{/outdated}}");
	assert_string_equal(html(f), "2/0 current");
	outdated(f);
	assert_string_equal(html(f), "1/1 stale");
	assert_string_equal(markdown(f), "1/1 stale");
}

static void test_markdown_chart_bars(void **state)
{
	fixture *f = *state;
	const char *out;

	build(f);
	use_template(f, MD_TEMPLATE);
	out = markdown(f);
	assert_has(out, "| Area | Self-assessed | | Verified |\n|---|---:|---|---:|\n"
		"| Identity &amp; access | 0.0% | `\xe2\x96\x91");
	assert_has(out, "| Physical | inherited | | |\n");
	assert_has(out, "| Data | 100.0% | `\xe2\x96\x88\xe2\x96\x88");
}

static void test_write_error_is_eio(void **state)
{
	fixture *f = *state;
	FILE *ro;

	build(f);
	use_template(f, HTML_TEMPLATE);
	ro = fopen("/dev/null", "r");
	assert_non_null(ro);
	assert_int_equal(srmgap_report_html(ro, f->t, &f->a, f->m, &f->ans, &f->rv,
		f->r, &f->o), SRMGAP_EIO);
	clearerr(ro);
	use_template(f, MD_TEMPLATE);
	assert_int_equal(srmgap_report_markdown(ro, f->t, &f->a, f->m, &f->ans,
		&f->rv, f->r, &f->o), SRMGAP_EIO);
	fclose(ro);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_escape_html_hostile),
		T(test_escape_html_invalid_utf8),
		T(test_escape_markdown_hostile),
		T(test_escape_markdown_leading_markup),
		T(test_template_unknown_placeholder),
		T(test_template_broken_tags),
		T(test_template_sections_comments_literals),
		T(test_template_standalone_lines),
		T(test_template_values_not_reparsed),
		T(test_template_every_name_parses),
		T(test_template_load),
		T(test_html_report_sections),
		T(test_html_report_matrix),
		T(test_html_report_escapes_everything),
		T(test_html_report_answers_reviews_signoff),
		T(test_html_report_outdated_verdict),
		T(test_html_report_nothing_scored),
		T(test_markdown_report_content),
		T(test_markdown_outdated_verdict),
		T(test_template_outdated_value),
		T(test_markdown_chart_bars),
		T(test_write_error_is_eio),
#undef T
	};

	return cmocka_run_group_tests_name("report_html", tests, NULL, NULL);
}
