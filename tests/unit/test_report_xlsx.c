/*
 * Unit tests for the XLSX export (report_xlsx.c). The workbook is written
 * to memory, then opened here: a small reader of the zip's central
 * directory inflates its parts with zlib (libxlsxwriter links it
 * already), and the tests look at the XML Excel reads: the sheets and
 * their order, text as shared strings neutralised like CSV, no formula
 * anywhere, scores as numbers with a percentage format, the frozen
 * header and the autofilter, the status colours, and the limits (cell
 * length, literal "_xHHHH_"). The scratch file must be gone afterwards,
 * and a scratch folder that cannot be written is a clear error.
 * tests/office/run opens the same kind of workbook in LibreOffice.
 *
 * The model is the one of test_report_json.c, smaller: areas iam (C1
 * met, C2 partial 0.375) and phys (P1, the provider's). C1 is verified;
 * one test makes that verdict outdated (C1's answers changed after it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "srmgap/report.h"
#include "srmgap/score.h"
#include "model_int.h"
#include "util_int.h"
#include "unit.h"

typedef struct fixture {
	srmgap_model *m;
	srmgap_diags d;
	srmgap_answers ans;
	int have_ans;
	srmgap_reviews rv;
	srmgap_review items[3];
	srmgap_result *r;
	srmgap_assessment a;
	char tmpdir[64];
	unit_capture cap;     /* the workbook written */
	char *part;           /* the last part read from it */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	srmgap_diags_init(&f->d);
	f->a.name = "=acme";
	f->a.org = "@Acme";
	f->a.assessor = "-J. Doe";
	f->a.created_at = "2024-12-01T09:00:00Z";
	f->a.model_id = "demo";
	if (scratch_dir(f->tmpdir, sizeof(f->tmpdir), NULL, 0, "test-xlsx") != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	remove_dir(f->tmpdir);
	capture_release(&f->cap);
	free(f->part);
	srmgap_result_free(f->r);
	if (f->have_ans)
		srmgap_answers_release(&f->ans);
	srmgap_model_free(f->m);
	srmgap_diags_release(&f->d);
	free(f);
	return 0;
}

static void build(fixture *f)
{
	static const char *const parties[][F_PARTY_N] = {
		{ "aws", "=AWS", "provider" },
		{ "customer", "Customer", "customer" },
	};
	static const char *const d_iam[] = { "Runs the identity service",
		"+Manages its users" };
	static const char *const d_phys[] = { "Guards the buildings", "n/a" };
	static const unit_area areas[] = {
		{ "iam", "Identity", d_iam },
		{ "phys", "Physical", d_phys },
	};
	static const char *const ctl[][F_CTL_N] = {
		{ "C1", "iam", "Single sign-on", "customer", "high", "", "",
		  "-encrypt with KMS", "@ref" },
		{ "C2", "iam", "Second factor", "customer", "critical", "", "",
		  "Require MFA", "" },
		{ "P1", "phys", "Data centre guards", "aws", "critical", "", "", "",
		  "" },
	};
	static const char *const qs[][F_Q_N] = {
		{ "Q1", "C1", "SSO?", "yesno", "", "", "", "", "", "" },
		{ "Q2", "C2", "Factors?", "multi", "mfa=0.5|sso=0.25|none=na", "",
		  "", "", "", "" },
		{ "Q3", "C2", "Enforced?", "yesno", "", "", "", "", "", "" },
		{ "Q6", "P1", "Guarded?", "yesno", "", "", "", "", "", "" },
	};
	static const unit_model spec = { "demo", "Demo", "1", parties,
		UNIT_N(parties), areas, UNIT_N(areas), ctl, UNIT_N(ctl), qs,
		UNIT_N(qs) };
	long asof;

	model_build(&f->m, &f->d, &f->ans, &spec);
	f->have_ans = 1;
	f->ans.items[0].value = xdup("yes");
	f->ans.items[0].note = xdup("=1+1 and _x0041_");
	f->ans.items[1].value = xdup("mfa|sso");
	f->ans.items[2].value = xdup("no");
	memset(f->items, 0, sizeof(f->items));
	f->rv.items = f->items;
	f->rv.count = 3;
	f->items[0].verdict = SRMGAP_VERDICT_VERIFIED;
	f->items[0].comment = "\t=2+2";
	f->items[0].auditor = "+aud";
	f->items[0].reviewed_at = "2024-12-20T08:00:00Z";
	assert_int_equal(srmgap_util__parse_date("2025-01-01", &asof), 0);
	assert_int_equal(srmgap_score(&f->r, f->m, &f->ans, &f->rv, asof),
		SRMGAP_OK);
}

/* Write the workbook into f->cap.out. */
static int write_xlsx(fixture *f, const char *tmpdir, srmgap_error *err)
{
	int rc = srmgap_report_xlsx(capture(&f->cap), &f->a, f->m, &f->ans,
		&f->rv, f->r, tmpdir, err);

	captured(&f->cap);
	return rc;
}

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long get32(const unsigned char *p)
{
	return (unsigned long)get16(p) | (unsigned long)get16(p + 2) << 16;
}

/*
 * The part `name` of the workbook, inflated and NUL-terminated (in
 * f->part), found through the zip's central directory.
 */
static const char *part(fixture *f, const char *name)
{
	const unsigned char *z = (const unsigned char *)f->cap.out;
	size_t i, eocd = 0, off, k, n;

	assert_true(f->cap.outlen > 22);
	for (i = f->cap.outlen - 22; i > 0; i--) {
		if (get32(z + i) == 0x06054b50UL) {
			eocd = i;
			break;
		}
	}
	assert_true(eocd > 0);
	n = get16(z + eocd + 10);
	off = get32(z + eocd + 16);
	for (k = 0; k < n; k++) {
		const unsigned char *c = z + off;
		unsigned method = get16(c + 10);
		unsigned long csize = get32(c + 20), usize = get32(c + 24);
		size_t nlen = get16(c + 28), xlen = get16(c + 30);
		size_t clen = get16(c + 32);
		const unsigned char *local = z + get32(c + 42);

		assert_int_equal(get32(c), 0x02014b50UL);
		if (nlen == strlen(name) && memcmp(c + 46, name, nlen) == 0) {
			const unsigned char *data = local + 30 + get16(local + 26) +
				get16(local + 28);
			z_stream s;

			free(f->part);
			f->part = calloc(1, usize + 1);
			assert_non_null(f->part);
			if (method == 0) {
				memcpy(f->part, data, usize);
				return f->part;
			}
			assert_int_equal(method, 8);
			memset(&s, 0, sizeof(s));
			assert_int_equal(inflateInit2(&s, -15), Z_OK);
			s.next_in = (unsigned char *)data;
			s.avail_in = (uInt)csize;
			s.next_out = (unsigned char *)f->part;
			s.avail_out = (uInt)usize;
			assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
			inflateEnd(&s);
			assert_int_equal(s.total_out, usize);
			return f->part;
		}
		off += 46 + nlen + xlen + clen;
	}
	print_error("no part '%s' in the workbook\n", name);
	fail();
	return NULL;
}

static void assert_has(const char *text, const char *want)
{
	if (strstr(text, want) == NULL)
		print_error("'%s' not found\n", want);
	assert_non_null(strstr(text, want));
}

static void assert_lacks(const char *text, const char *what)
{
	if (strstr(text, what) != NULL)
		print_error("'%s' found\n", what);
	assert_null(strstr(text, what));
}

static void test_report_xlsx_sheets(void **state)
{
	fixture *f = *state;
	srmgap_error err;
	const char *wb;

	build(f);
	srmgap_error_clear(&err);
	assert_int_equal(write_xlsx(f, f->tmpdir, &err), SRMGAP_OK);
	assert_true(f->cap.outlen > 1000);
	assert_memory_equal(f->cap.out, "PK\x03\x04", 4);
	wb = part(f, "xl/workbook.xml");
	assert_has(wb, "<sheet name=\"Summary\" sheetId=\"1\"");
	assert_has(wb, "<sheet name=\"Controls\" sheetId=\"2\"");
	assert_has(wb, "<sheet name=\"Gaps\" sheetId=\"3\"");
	assert_has(wb, "<sheet name=\"Matrix\" sheetId=\"4\"");
	assert_has(part(f, "docProps/core.xml"),
		"<dc:title>srmgap gap report: =acme</dc:title>");
}

static void test_report_xlsx_text_neutralised(void **state)
{
	fixture *f = *state;
	const char *sst;

	build(f);
	assert_int_equal(write_xlsx(f, f->tmpdir, NULL), SRMGAP_OK);
	sst = part(f, "xl/sharedStrings.xml");
	/* text from the assessment, the catalog and the review */
	assert_has(sst, "<t>'=acme</t>");
	assert_has(sst, "<t>'@Acme</t>");
	assert_has(sst, "<t>'-J. Doe</t>");
	assert_has(sst, "<t>'-encrypt with KMS</t>");
	assert_has(sst, "<t>'@ref</t>");
	assert_has(sst, "<t>'=AWS</t>");
	assert_has(sst, "<t>'+Manages its users</t>");
	assert_has(sst, "<t>'\t=2+2</t>");
	assert_has(sst, "<t>'+aud</t>");
	/* a note starts with its question id, so it needs nothing */
	assert_has(sst, "<t>Q1: =1+1 and _x005F_x0041_</t>");
	/* nothing reaches a cell as a formula, or as text starting like one */
	assert_lacks(sst, "<t>=");
	assert_lacks(sst, "<t>+");
	assert_lacks(sst, "<t>-");
	assert_lacks(sst, "<t>@");
	assert_lacks(sst, "<t>\t");
	assert_lacks(sst, "preserve\">\t");
	assert_lacks(part(f, "xl/worksheets/sheet1.xml"), "<f>");
	assert_lacks(part(f, "xl/worksheets/sheet2.xml"), "<f>");
	assert_lacks(part(f, "xl/worksheets/sheet3.xml"), "<f>");
	assert_lacks(part(f, "xl/worksheets/sheet4.xml"), "<f>");
}

static void test_report_xlsx_numbers(void **state)
{
	fixture *f = *state;
	const char *sheet;

	build(f);
	assert_int_equal(write_xlsx(f, f->tmpdir, NULL), SRMGAP_OK);
	assert_has(part(f, "xl/styles.xml"), "formatCode=\"0.0%\"");
	/* Controls: C2's weight 4, score 0.375 and priority 1 are numbers */
	sheet = part(f, "xl/worksheets/sheet2.xml");
	assert_has(sheet, "<c r=\"I3\"");
	assert_has(sheet, "<v>0.375</v>");
	assert_has(sheet, "<v>4</v>");
	/* the provider's control has no score: a blank, formatted cell */
	assert_lacks(strstr(sheet, "<row r=\"4\""), "<c r=\"J4\" s=\"0\"");
	/*
	 * Summary: the overall score (3 + 4 * 0.375) / 7 and the verified 3/7
	 * (libxlsxwriter writes 16 significant digits)
	 */
	sheet = part(f, "xl/worksheets/sheet1.xml");
	assert_has(sheet, "<v>0.642857142857142");
	assert_has(sheet, "<v>0.428571428571428");
}

static void test_report_xlsx_tables(void **state)
{
	fixture *f = *state;
	const char *sheet;

	build(f);
	assert_int_equal(write_xlsx(f, f->tmpdir, NULL), SRMGAP_OK);
	/* Controls: 24 columns, header and 3 rows, frozen header */
	sheet = part(f, "xl/worksheets/sheet2.xml");
	assert_has(sheet, "<autoFilter ref=\"A1:X4\"/>");
	assert_has(sheet, "state=\"frozen\"");
	assert_has(sheet, "topLeftCell=\"A2\"");
	/* Gaps: one gap (C2) */
	sheet = part(f, "xl/worksheets/sheet3.xml");
	assert_has(sheet, "<autoFilter ref=\"A1:M2\"/>");
	assert_has(sheet, "state=\"frozen\"");
	/* Matrix: area, name, two parties, status, score */
	sheet = part(f, "xl/worksheets/sheet4.xml");
	assert_has(sheet, "<autoFilter ref=\"A1:F3\"/>");
	/* status colours: met green, partial yellow, inherited blue */
	sheet = part(f, "xl/styles.xml");
	assert_has(sheet, "FFC6EFCE");
	assert_has(sheet, "FFFFEB9C");
	assert_has(sheet, "FFDDEBF7");
}

/*
 * The text of cell `ref` ("S2") of `sheet` (a worksheet's XML), which
 * must be a shared string, into `buf`; "" when the cell is absent or
 * blank.
 */
static const char *shared(fixture *f, const char *sheet, const char *ref,
	char *buf, size_t n)
{
	char open[32];
	const char *c, *gt, *v, *si, *end;
	long idx;

	snprintf(open, sizeof(open), "<c r=\"%s\"", ref);
	c = strstr(sheet, open);
	if (c == NULL)
		return "";
	gt = strchr(c, '>');
	assert_non_null(gt);
	if (gt[-1] == '/')
		return "";
	/* a text cell: <c r="S2" s="3" t="s"><v>INDEX</v></c> */
	assert_non_null(strstr(c, " t=\"s\""));
	assert_true(strstr(c, " t=\"s\"") < gt);
	v = gt + 1;
	assert_int_equal(strncmp(v, "<v>", 3), 0);
	idx = strtol(v + 3, NULL, 10);
	si = strstr(part(f, "xl/sharedStrings.xml"), "<si>");
	for (; si != NULL && idx > 0; idx--)
		si = strstr(si + 4, "<si>");
	assert_non_null(si);
	si = strstr(si, "<t");
	assert_non_null(si);
	si = strchr(si, '>') + 1;
	end = strstr(si, "</t>");
	assert_non_null(end);
	snprintf(buf, n, "%.*s", (int)(end - si), si);
	return buf;
}

static void test_report_xlsx_outdated_verdict(void **state)
{
	fixture *f = *state;
	char sheet[1 << 16], buf[64];
	long asof;

	build(f);
	/* C1's answers changed after its verdict */
	f->items[0].outdated = 1;
	f->rv.outdated = 1;
	srmgap_result_free(f->r);
	f->r = NULL;
	assert_int_equal(srmgap_util__parse_date("2025-01-01", &asof), 0);
	assert_int_equal(srmgap_score(&f->r, f->m, &f->ans, &f->rv, asof),
		SRMGAP_OK);
	assert_int_equal(f->r->outdated, 1);
	assert_int_equal(write_xlsx(f, f->tmpdir, NULL), SRMGAP_OK);
	/* Controls: verdict_outdated after verdict; C1 yes, C2 (none) empty */
	assert_true(snprintf(sheet, sizeof(sheet), "%s",
		part(f, "xl/worksheets/sheet2.xml")) < (int)sizeof(sheet));
	assert_string_equal(shared(f, sheet, "R1", buf, sizeof(buf)), "verdict");
	assert_string_equal(shared(f, sheet, "S1", buf, sizeof(buf)),
		"verdict_outdated");
	assert_string_equal(shared(f, sheet, "T1", buf, sizeof(buf)),
		"verified_status");
	assert_string_equal(shared(f, sheet, "R2", buf, sizeof(buf)), "verified");
	assert_string_equal(shared(f, sheet, "S2", buf, sizeof(buf)), "yes");
	assert_string_equal(shared(f, sheet, "T2", buf, sizeof(buf)),
		"unreviewed");
	assert_string_equal(shared(f, sheet, "V2", buf, sizeof(buf)), "'\t=2+2");
	assert_string_equal(shared(f, sheet, "S3", buf, sizeof(buf)), "");
	assert_string_equal(shared(f, sheet, "R3", buf, sizeof(buf)),
		"unreviewed");
	/* Summary: no control reviewed, one verdict outdated */
	assert_true(snprintf(sheet, sizeof(sheet), "%s",
		part(f, "xl/worksheets/sheet1.xml")) < (int)sizeof(sheet));
	assert_string_equal(shared(f, sheet, "A13", buf, sizeof(buf)),
		"Controls reviewed");
	assert_has(strstr(sheet, "<c r=\"B13\""), "<v>0</v>");
	assert_string_equal(shared(f, sheet, "A14", buf, sizeof(buf)),
		"Outdated verdicts");
	assert_has(strstr(sheet, "<c r=\"B14\""), "<v>1</v>");
	assert_string_equal(shared(f, sheet, "A15", buf, sizeof(buf)),
		"Applicable controls");
}

static void test_report_xlsx_long_text_cut(void **state)
{
	fixture *f = *state;
	char *big = malloc(40001);
	const char *sst, *t;

	assert_non_null(big);
	memset(big, 'x', 40000);
	big[40000] = '\0';
	build(f);
	f->items[0].comment = big;
	assert_int_equal(write_xlsx(f, f->tmpdir, NULL), SRMGAP_OK);
	free(big);
	sst = part(f, "xl/sharedStrings.xml");
	t = strstr(sst, "xxxxxxxx");
	assert_non_null(t);
	/* 32767 characters in all, the last ones marking the cut */
	assert_int_equal(strspn(t, "x"), 32767 - strlen(" [truncated]"));
	assert_memory_equal(t + strspn(t, "x"), " [truncated]</t>", 16);
}

static void test_report_xlsx_scratch_removed(void **state)
{
	fixture *f = *state;
	char path[128];

	build(f);
	assert_int_equal(write_xlsx(f, f->tmpdir, NULL), SRMGAP_OK);
	/* nothing is left in the scratch folder: rmdir works */
	assert_int_equal(rmdir(f->tmpdir), 0);
	assert_int_equal(mkdir(f->tmpdir, 0700), 0);
	snprintf(path, sizeof(path), "%s/", f->tmpdir);
	assert_int_equal(write_xlsx(f, path, NULL), SRMGAP_OK);
	assert_int_equal(rmdir(f->tmpdir), 0);
	assert_int_equal(mkdir(f->tmpdir, 0700), 0);
}

static void test_report_xlsx_errors(void **state)
{
	fixture *f = *state;
	srmgap_error err;
	FILE *ro;

	build(f);
	srmgap_error_clear(&err);
	assert_int_equal(write_xlsx(f, "/nonexistent/dir", &err), SRMGAP_EIO);
	assert_string_equal(err.msg, "cannot create a scratch file in "
		"'/nonexistent/dir': No such file or directory");
	assert_int_equal(f->cap.outlen, 0);
	/* a stream that cannot be written */
	ro = fopen("/dev/null", "r");
	assert_non_null(ro);
	srmgap_error_clear(&err);
	assert_int_equal(srmgap_report_xlsx(ro, &f->a, f->m, &f->ans, NULL, f->r,
		f->tmpdir, &err), SRMGAP_EIO);
	assert_string_equal(err.msg, "cannot write the workbook");
	fclose(ro);
	assert_int_equal(rmdir(f->tmpdir), 0);
	assert_int_equal(mkdir(f->tmpdir, 0700), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_report_xlsx_sheets),
		T(test_report_xlsx_text_neutralised),
		T(test_report_xlsx_numbers),
		T(test_report_xlsx_tables),
		T(test_report_xlsx_outdated_verdict),
		T(test_report_xlsx_long_text_cut),
		T(test_report_xlsx_scratch_removed),
		T(test_report_xlsx_errors),
#undef T
	};

	return cmocka_run_group_tests_name("report_xlsx", tests, NULL, NULL);
}
