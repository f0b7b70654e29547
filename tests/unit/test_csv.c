/*
 * Unit tests for the CSV reader (src/lib/csv.c): records and their start
 * lines, quoting, BOM and CRLF handling, blank rows, syntax errors with
 * their positions, header mapping, width checks and field writing.
 *
 * Every case parses into a `collect` fixture that copies each record, so
 * the assertions run after the parse on data the test owns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "csv_int.h"

#define MAX_RECS 64
#define MAX_COPY 16

typedef struct rec {
	unsigned long line, index;
	size_t nfields;
	char *fields[MAX_COPY];
	size_t lens[MAX_COPY];
	char path[64];
} rec;

typedef struct collect {
	rec recs[MAX_RECS];
	size_t n;
	int abort_at;    /* return abort_code on this record (1-based); 0 never */
	int abort_code;
	srmgap_error err;
	char tmp[64];    /* a temporary file, when a case wrote one */
	char *scratch;   /* a buffer a case built */
} collect;

static int on_row(const srmgap_csv_row *row, void *ctx)
{
	collect *c = ctx;
	rec *r;
	size_t i;

	if (c->n >= MAX_RECS)
		return -100;
	r = &c->recs[c->n++];
	r->line = row->line;
	r->index = row->index;
	r->nfields = row->nfields;
	snprintf(r->path, sizeof(r->path), "%s", row->path ? row->path : "");
	for (i = 0; i < row->nfields && i < MAX_COPY; i++) {
		r->fields[i] = strdup(row->fields[i]);
		r->lens[i] = row->lens[i];
	}
	if (c->abort_at > 0 && (size_t)c->abort_at == c->n)
		return c->abort_code;
	return 0;
}

static int setup(void **state)
{
	collect *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	collect *c = *state;
	size_t i, k;

	for (i = 0; i < c->n; i++) {
		for (k = 0; k < MAX_COPY; k++)
			free(c->recs[i].fields[k]);
	}
	if (c->tmp[0] != '\0')
		unlink(c->tmp);
	free(c->scratch);
	free(c);
	return 0;
}

static int parse(collect *c, const char *buf, size_t len)
{
	srmgap_error_clear(&c->err);
	return srmgap_csv__parse_buffer("mem.csv", buf, len, on_row, c, &c->err);
}

static int parse_str(collect *c, const char *s)
{
	return parse(c, s, strlen(s));
}

static void write_tmp(collect *c, const char *data, size_t len)
{
	int fd;

	snprintf(c->tmp, sizeof(c->tmp), "/tmp/srmgap-csv-XXXXXX");
	fd = mkstemp(c->tmp);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void test_csv_simple_rows(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "a,b,c\n1,2,3\nx,,z\n"), SRMGAP_OK);
	assert_int_equal(c->n, 3);
	assert_int_equal(c->recs[0].index, 0);
	assert_int_equal(c->recs[0].line, 1);
	assert_int_equal(c->recs[0].nfields, 3);
	assert_string_equal(c->recs[0].fields[0], "a");
	assert_string_equal(c->recs[0].fields[2], "c");
	assert_int_equal(c->recs[1].index, 1);
	assert_int_equal(c->recs[1].line, 2);
	assert_string_equal(c->recs[1].fields[1], "2");
	assert_int_equal(c->recs[2].index, 2);
	assert_int_equal(c->recs[2].line, 3);
	assert_string_equal(c->recs[2].fields[1], "");
	assert_int_equal(c->recs[2].lens[1], 0);
	assert_int_equal(c->recs[2].lens[2], 1);
	assert_string_equal(c->recs[2].path, "mem.csv");
}

static void test_csv_quoted_comma_and_doubled_quotes(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "h1,h2,h3\n"
		"\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n"), SRMGAP_OK);
	assert_int_equal(c->n, 2);
	assert_int_equal(c->recs[1].nfields, 3);
	assert_string_equal(c->recs[1].fields[0], "a,b");
	assert_string_equal(c->recs[1].fields[1], "say \"hi\"");
	assert_string_equal(c->recs[1].fields[2], "\"");
	assert_int_equal(c->recs[1].lens[1], 8);
}

static void test_csv_embedded_newline_keeps_start_line(void **state)
{
	collect *c = *state;

	/* Record 2 spans lines 2-4; the next one starts on line 5. */
	assert_int_equal(parse_str(c, "id,text\n"
		"1,\"first\nsecond\nthird\"\n"
		"2,plain\n"
		"3,\"x\ny\"\n"), SRMGAP_OK);
	assert_int_equal(c->n, 4);
	assert_int_equal(c->recs[1].line, 2);
	assert_string_equal(c->recs[1].fields[1], "first\nsecond\nthird");
	assert_int_equal(c->recs[2].line, 5);
	assert_string_equal(c->recs[2].fields[0], "2");
	assert_int_equal(c->recs[3].line, 6);
	assert_string_equal(c->recs[3].fields[1], "x\ny");
}

static void test_csv_record_starting_with_quoted_newline(void **state)
{
	collect *c = *state;

	/* The very first field of the record holds the line break. */
	assert_int_equal(parse_str(c, "h\n\"a\nb\",c\nlast\n"), SRMGAP_OK);
	assert_int_equal(c->n, 3);
	assert_int_equal(c->recs[1].line, 2);
	assert_string_equal(c->recs[1].fields[0], "a\nb");
	assert_string_equal(c->recs[1].fields[1], "c");
	assert_int_equal(c->recs[2].line, 4);
}

static void test_csv_bom_stripped(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "\xef\xbb\xbfquestion,answer\nQ1,yes\n"),
		SRMGAP_OK);
	assert_int_equal(c->n, 2);
	assert_string_equal(c->recs[0].fields[0], "question");
	assert_int_equal(c->recs[0].lens[0], 8);
	assert_int_equal(c->recs[0].line, 1);
	assert_int_equal(c->recs[1].line, 2);
}

static void test_csv_bom_only_at_start(void **state)
{
	collect *c = *state;

	/* A BOM later in the file is data (U+FEFF is valid UTF-8). */
	assert_int_equal(parse_str(c, "a\n\xef\xbb\xbf" "b\n"), SRMGAP_OK);
	assert_int_equal(c->n, 2);
	assert_string_equal(c->recs[1].fields[0], "\xef\xbb\xbf" "b");
}

static void test_csv_crlf(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n4,5\r\n"),
		SRMGAP_OK);
	assert_int_equal(c->n, 4);
	assert_string_equal(c->recs[0].fields[1], "b");
	assert_int_equal(c->recs[0].lens[1], 1);
	assert_string_equal(c->recs[1].fields[1], "2");
	assert_int_equal(c->recs[1].line, 2);
	/* line 3 is blank; the quoted field keeps its CRLF */
	assert_int_equal(c->recs[2].line, 4);
	assert_string_equal(c->recs[2].fields[1], "x\r\ny");
	assert_int_equal(c->recs[3].line, 6);
	assert_string_equal(c->recs[3].fields[1], "5");
}

static void test_csv_blank_lines_skipped(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "\n\nh1,h2\n\n\n1,2\n\n3,4\n\n"), SRMGAP_OK);
	assert_int_equal(c->n, 3);
	assert_int_equal(c->recs[0].line, 3);
	assert_int_equal(c->recs[0].index, 0);
	assert_int_equal(c->recs[1].line, 6);
	assert_int_equal(c->recs[1].index, 1);
	assert_int_equal(c->recs[2].line, 8);
	assert_int_equal(c->recs[2].index, 2);
}

static void test_csv_empty_rows_skipped(void **state)
{
	collect *c = *state;

	/* Spreadsheet exports write rows of empty cells, quoted or not. */
	assert_int_equal(parse_str(c, "h1,h2,h3\n,,\n\"\",\"\",\n1,2,3\n,,\n4,,\n"),
		SRMGAP_OK);
	assert_int_equal(c->n, 3);
	assert_int_equal(c->recs[1].line, 4);
	assert_int_equal(c->recs[1].index, 1);
	assert_string_equal(c->recs[1].fields[0], "1");
	assert_int_equal(c->recs[2].line, 6);
	assert_int_equal(c->recs[2].index, 2);
	assert_string_equal(c->recs[2].fields[0], "4");
}

static void test_csv_last_row_without_newline(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "a,b\n1,2"), SRMGAP_OK);
	assert_int_equal(c->n, 2);
	assert_int_equal(c->recs[1].line, 2);
	assert_int_equal(c->recs[1].nfields, 2);
	assert_string_equal(c->recs[1].fields[1], "2");
}

static void test_csv_last_row_quoted_without_newline(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "a,b\n1,\"two\nlines\""), SRMGAP_OK);
	assert_int_equal(c->n, 2);
	assert_int_equal(c->recs[1].line, 2);
	assert_string_equal(c->recs[1].fields[1], "two\nlines");
}

static void test_csv_blanks_around_unquoted_fields(void **state)
{
	collect *c = *state;

	/* Unquoted fields lose surrounding blanks; quoted ones keep them. */
	assert_int_equal(parse_str(c, "h1,h2,h3\n  x  ,\"  y  \",\tz\t\n"),
		SRMGAP_OK);
	assert_int_equal(c->n, 2);
	assert_string_equal(c->recs[1].fields[0], "x");
	assert_string_equal(c->recs[1].fields[1], "  y  ");
	assert_string_equal(c->recs[1].fields[2], "z");
}

static void test_csv_empty_input(void **state)
{
	collect *c = *state;

	assert_int_equal(parse(c, "", 0), SRMGAP_OK);
	assert_int_equal(c->n, 0);
	assert_int_equal(parse_str(c, "\n\r\n\n"), SRMGAP_OK);
	assert_int_equal(c->n, 0);
	assert_int_equal(parse_str(c, "\xef\xbb\xbf"), SRMGAP_OK);
	assert_int_equal(c->n, 0);
}

static void test_csv_unterminated_quote_at_start_line(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "a,b\n1,2\n3,\"open\nmore\nand more\n"),
		SRMGAP_EINVALID);
	assert_int_equal(c->err.code, SRMGAP_EINVALID);
	assert_int_equal(c->err.line, 3);
	assert_string_equal(c->err.path, "mem.csv");
	assert_non_null(strstr(c->err.msg, "unterminated"));
	/* the complete records before it were delivered */
	assert_int_equal(c->n, 2);
}

static void test_csv_unterminated_quote_after_blank_lines(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "a,b\n\n\n\"x,y\n\n"), SRMGAP_EINVALID);
	assert_int_equal(c->err.line, 4);
	assert_non_null(strstr(c->err.msg, "unterminated"));
}

static void test_csv_malformed_quote(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "h1,h2\nok,fine\na,b\"c\"\n"),
		SRMGAP_EINVALID);
	assert_int_equal(c->err.code, SRMGAP_EINVALID);
	assert_int_equal(c->err.line, 3);
	assert_int_equal(c->err.column, 2);
	assert_non_null(strstr(c->err.msg, "malformed quoting"));
	assert_int_equal(c->n, 2);
}

static void test_csv_text_after_closing_quote(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "h1,h2\n\"ab\"c,d\n"), SRMGAP_EINVALID);
	assert_int_equal(c->err.line, 2);
	assert_int_equal(c->err.column, 1);
	assert_non_null(strstr(c->err.msg, "malformed quoting"));
}

static void test_csv_invalid_utf8_position(void **state)
{
	collect *c = *state;

	assert_int_equal(parse_str(c, "h1,h2,h3\nok,ok,ok\nok,ok,bad\xff\n"),
		SRMGAP_EINVALID);
	assert_int_equal(c->err.line, 3);
	assert_int_equal(c->err.column, 3);
	assert_non_null(strstr(c->err.msg, "invalid UTF-8"));
	assert_int_equal(c->n, 2);
}

static void test_csv_invalid_utf8_overlong_and_surrogate(void **state)
{
	collect *c = *state;

	/* C0 80 is an overlong NUL; ED A0 80 is a UTF-16 surrogate. */
	assert_int_equal(parse_str(c, "h\n\xc0\x80\n"), SRMGAP_EINVALID);
	assert_int_equal(c->err.line, 2);
	assert_int_equal(c->err.column, 1);
	assert_non_null(strstr(c->err.msg, "invalid UTF-8"));
	assert_int_equal(parse_str(c, "h,h2\nx,\xed\xa0\x80\n"), SRMGAP_EINVALID);
	assert_int_equal(c->err.line, 2);
	assert_int_equal(c->err.column, 2);
	/* truncated sequence at the end of a field */
	assert_int_equal(parse_str(c, "h,h2\nx,\xe2\x82\n"), SRMGAP_EINVALID);
	assert_int_equal(c->err.column, 2);
	/* and valid multi-byte text passes */
	assert_int_equal(parse_str(c, "h\n\xe2\x82\xac \xf0\x9f\x98\x80 \xc3\xa9\n"),
		SRMGAP_OK);
}

static void test_csv_invalid_utf8_in_multiline_field(void **state)
{
	collect *c = *state;

	/*
	 * The bad byte is on line 2, where the record and the field start;
	 * the field only ends on line 3.
	 */
	assert_int_equal(parse_str(c, "h1,h2\nx,\"bad\xff\nstill the field\"\n"),
		SRMGAP_EINVALID);
	assert_non_null(strstr(c->err.msg, "invalid UTF-8"));
	assert_int_equal(c->err.column, 2);
	assert_int_equal(c->err.line, 2);
}

static void test_csv_nul_byte(void **state)
{
	collect *c = *state;
	static const char data[] = "h1,h2\nok,ok\nx,y\0z\n";

	assert_int_equal(parse(c, data, sizeof(data) - 1), SRMGAP_EINVALID);
	assert_int_equal(c->err.line, 3);
	assert_int_equal(c->err.column, 2);
	assert_non_null(strstr(c->err.msg, "NUL byte"));
	assert_int_equal(c->n, 2);
}

static void test_csv_too_many_fields(void **state)
{
	collect *c = *state;
	size_t n = SRMGAP_CSV_FIELDS_MAX + 1, i;
	char *buf = malloc(n * 2 + 8);
	size_t len = 0;

	assert_non_null(buf);
	len += (size_t)sprintf(buf, "h\n");
	for (i = 0; i < n; i++) {
		buf[len++] = 'x';
		buf[len++] = i + 1 < n ? ',' : '\n';
	}
	assert_int_equal(parse(c, buf, len), SRMGAP_EINVALID);
	free(buf);
	assert_int_equal(c->err.line, 2);
	assert_int_equal(c->err.column, SRMGAP_CSV_FIELDS_MAX + 1);
	assert_non_null(strstr(c->err.msg, "more than 1024 fields"));
}

static void test_csv_field_too_long(void **state)
{
	collect *c = *state;
	/* well past the limit, so it is hit before the field ends */
	size_t n = 2 * SRMGAP_CSV_FIELD_MAX, len;
	char *buf = malloc(n + 16);

	assert_non_null(buf);
	len = (size_t)sprintf(buf, "h\n\"");
	memset(buf + len, 'a', n);
	len += n;
	len += (size_t)sprintf(buf + len, "\"\n");
	/* from a file, read in blocks as the CLI does */
	write_tmp(c, buf, len);
	free(buf);
	srmgap_error_clear(&c->err);
	assert_int_equal(srmgap_csv__parse_file(c->tmp, on_row, c, &c->err),
		SRMGAP_EINVALID);
	assert_int_equal(c->err.line, 2);
	assert_non_null(strstr(c->err.msg, "field longer than"));
	/* the over-long record is not handed to the caller */
	assert_int_equal(c->n, 1);
}

static void test_csv_callback_abort_propagates(void **state)
{
	collect *c = *state;

	c->abort_at = 2;
	c->abort_code = -42;
	assert_int_equal(parse_str(c, "h\n1\n2\n3\n"), -42);
	/* no record after the one that stopped the parse */
	assert_int_equal(c->n, 2);
}

static void test_csv_callback_abort_on_last_row_without_newline(void **state)
{
	collect *c = *state;

	c->abort_at = 2;
	c->abort_code = SRMGAP_ENOTFOUND;
	assert_int_equal(parse_str(c, "h\nlast"), SRMGAP_ENOTFOUND);
	assert_int_equal(c->n, 2);
}

static void test_csv_parse_file(void **state)
{
	collect *c = *state;
	static const char data[] = "\xef\xbb\xbfq,a\r\n\r\nQ1,\"multi\r\nline\"\r\n"
		"Q2,no";

	write_tmp(c, data, sizeof(data) - 1);
	srmgap_error_clear(&c->err);
	assert_int_equal(srmgap_csv__parse_file(c->tmp, on_row, c, &c->err),
		SRMGAP_OK);
	assert_int_equal(c->n, 3);
	assert_string_equal(c->recs[0].fields[0], "q");
	assert_int_equal(c->recs[1].line, 3);
	assert_string_equal(c->recs[1].fields[1], "multi\r\nline");
	assert_int_equal(c->recs[2].line, 5);
	assert_string_equal(c->recs[2].fields[1], "no");
	assert_string_equal(c->recs[2].path, c->tmp);
}

static int count_row(const srmgap_csv_row *row, void *ctx)
{
	unsigned long *last = ctx;

	last[0]++;
	last[1] = row->line;
	return 0;
}

static void test_csv_parse_file_error_line_in_big_file(void **state)
{
	collect *c = *state;
	size_t rows = 20000, i, len = 0;
	char *buf = malloc(rows * 16 + 64);
	unsigned long seen[2] = { 0, 0 };

	assert_non_null(buf);
	len += (size_t)sprintf(buf, "n,v\n");
	for (i = 1; i <= rows; i++)
		len += (size_t)sprintf(buf + len, "%zu,\"x\ny\"\n", i);
	len += (size_t)sprintf(buf + len, "end,\"unterminated\n\n");
	write_tmp(c, buf, len);
	free(buf);
	srmgap_error_clear(&c->err);
	assert_int_equal(srmgap_csv__parse_file(c->tmp, count_row, seen, &c->err),
		SRMGAP_EINVALID);
	assert_int_equal(seen[0], rows + 1);
	assert_int_equal(seen[1], 2 + 2 * (rows - 1));
	assert_int_equal(c->err.line, 2 + 2 * rows);
	assert_non_null(strstr(c->err.msg, "unterminated"));
}

/* A digest of every record seen, to compare two parses of one file. */
typedef struct digest {
	unsigned long rows, last_line, last_index;
	uint64_t hash;
	unsigned long stop_at;   /* return -42 on this record (1-based); 0 never */
	pthread_t caller;
	int wrong_thread;
} digest;

static void mix(digest *g, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		g->hash ^= b[i];
		g->hash *= 1099511628211ULL;
	}
}

static int digest_row(const srmgap_csv_row *row, void *ctx)
{
	digest *g = ctx;
	size_t i;

	if (!pthread_equal(pthread_self(), g->caller))
		g->wrong_thread = 1;
	g->rows++;
	g->last_line = row->line;
	g->last_index = row->index;
	mix(g, &row->line, sizeof(row->line));
	mix(g, &row->index, sizeof(row->index));
	mix(g, &row->nfields, sizeof(row->nfields));
	for (i = 0; i < row->nfields; i++) {
		if (strlen(row->fields[i]) != row->lens[i])
			g->hash = 0;
		mix(g, row->fields[i], row->lens[i] + 1);
	}
	if (g->stop_at != 0 && g->rows == g->stop_at)
		return -42;
	return 0;
}

static void digest_init(digest *g)
{
	memset(g, 0, sizeof(*g));
	g->hash = 1469598103934665603ULL;
	g->caller = pthread_self();
}

/* A file of `rows` records, some spanning lines, then `tail`. */
static void write_big(collect *c, size_t rows, const char *tail)
{
	size_t i, len = 0;
	char *buf = malloc(rows * 48 + strlen(tail) + 64);

	assert_non_null(buf);
	c->scratch = buf;
	len += (size_t)sprintf(buf, "id,text,note\n");
	for (i = 1; i <= rows; i++) {
		if (i % 7 == 0)
			len += (size_t)sprintf(buf + len, "%zu,\"multi\nline, %zu\",\n",
				i, i);
		else if (i % 11 == 0)
			len += (size_t)sprintf(buf + len, ",,\n\n");
		else
			len += (size_t)sprintf(buf + len, "%zu,plain %zu,\"q\"\"%zu\"\n",
				i, i, i);
	}
	len += (size_t)sprintf(buf + len, "%s", tail);
	write_tmp(c, buf, len);
	free(c->scratch);
	c->scratch = NULL;
}

/* Records write_big() writes for `rows`, header included, tail excluded. */
static unsigned long big_records(size_t rows)
{
	/* every 11th row is empty, unless it is a 7th (multi-line) one */
	return 1 + rows - (rows / 11 - rows / 77);
}

static void test_csv_threaded_same_records_as_plain(void **state)
{
	collect *c = *state;
	digest plain, threaded;
	srmgap_error e1, e2;

	write_big(c, 10000, "last,row,without newline");
	digest_init(&plain);
	digest_init(&threaded);
	assert_int_equal(srmgap_csv__parse_file(c->tmp, digest_row, &plain, &e1),
		SRMGAP_OK);
	assert_int_equal(srmgap_csv__parse_file_threaded(c->tmp, digest_row,
		&threaded, &e2), SRMGAP_OK);
	assert_int_equal(plain.rows, big_records(10000) + 1);
	assert_int_equal(threaded.rows, plain.rows);
	assert_int_equal(threaded.last_line, plain.last_line);
	assert_int_equal(threaded.last_index, plain.rows - 1);
	assert_true(threaded.hash != 0);
	assert_true(threaded.hash == plain.hash);
	/* the callback runs on the calling thread */
	assert_false(threaded.wrong_thread);
}

static void test_csv_threaded_error_after_all_rows(void **state)
{
	collect *c = *state;
	digest g;
	srmgap_error e;

	write_big(c, 3000, "end,\"never closed\nmore\n");
	digest_init(&g);
	srmgap_error_clear(&e);
	assert_int_equal(srmgap_csv__parse_file_threaded(c->tmp, digest_row, &g,
		&e), SRMGAP_EINVALID);
	assert_non_null(strstr(e.msg, "unterminated"));
	assert_string_equal(e.path, c->tmp);
	/* every complete record came first, and the error names the start */
	assert_int_equal(g.rows, big_records(3000));
	assert_int_equal(e.line, g.last_line + 1);
	assert_true(e.line > 3000);
}

static void test_csv_threaded_invalid_utf8_position(void **state)
{
	collect *c = *state;
	digest g;
	srmgap_error e;

	write_big(c, 1500, "x,ok,bad\xff\n");
	digest_init(&g);
	/* row 1500 is a single line, so the bad one is right after it */
	srmgap_error_clear(&e);
	assert_int_equal(srmgap_csv__parse_file_threaded(c->tmp, digest_row, &g,
		&e), SRMGAP_EINVALID);
	assert_non_null(strstr(e.msg, "invalid UTF-8"));
	assert_int_equal(e.column, 3);
	assert_int_equal(g.rows, big_records(1500));
	assert_int_equal(e.line, g.last_line + 1);
}

static void test_csv_threaded_abort_propagates(void **state)
{
	collect *c = *state;
	digest g;
	srmgap_error e;
	unsigned long stops[] = { 1, 2, 700, 4096 };
	size_t i;

	write_big(c, 20000, "");
	for (i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
		digest_init(&g);
		g.stop_at = stops[i];
		srmgap_error_clear(&e);
		assert_int_equal(srmgap_csv__parse_file_threaded(c->tmp, digest_row,
			&g, &e), -42);
		/* no record after the one that stopped it */
		assert_int_equal(g.rows, stops[i]);
	}
}

static void test_csv_threaded_missing_file(void **state)
{
	collect *c = *state;
	digest g;

	digest_init(&g);
	srmgap_error_clear(&c->err);
	assert_int_equal(srmgap_csv__parse_file_threaded("/nonexistent/x.csv",
		digest_row, &g, &c->err), SRMGAP_ENOTFOUND);
	assert_non_null(strstr(c->err.msg, "cannot open"));
	assert_string_equal(c->err.path, "/nonexistent/x.csv");
	assert_int_equal(g.rows, 0);
}

static void test_csv_parse_file_missing(void **state)
{
	collect *c = *state;

	srmgap_error_clear(&c->err);
	assert_int_equal(srmgap_csv__parse_file("/nonexistent/dir/x.csv", on_row,
		c, &c->err), SRMGAP_ENOTFOUND);
	assert_int_equal(c->err.code, SRMGAP_ENOTFOUND);
	assert_string_equal(c->err.path, "/nonexistent/dir/x.csv");
	assert_non_null(strstr(c->err.msg, "cannot open"));
	assert_int_equal(c->n, 0);
}

static void test_csv_field_accessor(void **state)
{
	collect *c = *state;
	const char *fields[] = { "a", "b" };
	size_t lens[] = { 1, 1 };
	srmgap_csv_row row = { "x.csv", 1, 0, 2, fields, lens };

	(void)c;
	assert_string_equal(srmgap_csv__field(&row, 0), "a");
	assert_string_equal(srmgap_csv__field(&row, 1), "b");
	assert_string_equal(srmgap_csv__field(&row, 2), "");
	assert_string_equal(srmgap_csv__field(&row, -1), "");
}

static const srmgap_csv_col answer_cols[] = {
	{ "question", 1 }, { "answer", 1 }, { "evidence", 0 }, { "note", 0 }
};

static int map_header(const char *const *fields, size_t n, int *idx,
	srmgap_diags *d)
{
	size_t lens[16], i;
	srmgap_csv_row row;

	for (i = 0; i < n; i++)
		lens[i] = strlen(fields[i]);
	row.path = "in.csv";
	row.line = 7;
	row.index = 0;
	row.nfields = n;
	row.fields = fields;
	row.lens = lens;
	return srmgap_csv__map_header(&row, answer_cols, 4, idx, d);
}

static void test_csv_map_header_any_order_any_case(void **state)
{
	const char *hdr[] = { "Note", " ANSWER ", "Question" };
	srmgap_diags d;
	int idx[4];

	(void)state;
	srmgap_diags_init(&d);
	assert_int_equal(map_header(hdr, 3, idx, &d), SRMGAP_OK);
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 1);
	assert_int_equal(idx[2], -1);
	assert_int_equal(idx[3], 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 0);
	assert_int_equal(d.count, 0);
	srmgap_diags_release(&d);
}

static void test_csv_map_header_missing_required(void **state)
{
	const char *hdr[] = { "question", "evidence" };
	srmgap_diags d;
	int idx[4];

	(void)state;
	srmgap_diags_init(&d);
	assert_int_equal(map_header(hdr, 2, idx, &d), SRMGAP_EINVALID);
	assert_int_equal(idx[1], -1);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].severity, SRMGAP_DIAG_ERROR);
	assert_string_equal(d.items[0].msg, "missing required column 'answer'");
	assert_string_equal(d.items[0].path, "in.csv");
	assert_int_equal(d.items[0].line, 7);
	srmgap_diags_release(&d);
}

static void test_csv_map_header_duplicate(void **state)
{
	const char *hdr[] = { "question", "answer", "QUESTION" };
	srmgap_diags d;
	int idx[4];

	(void)state;
	srmgap_diags_init(&d);
	assert_int_equal(map_header(hdr, 3, idx, &d), SRMGAP_EINVALID);
	assert_int_equal(idx[0], 0);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].severity, SRMGAP_DIAG_ERROR);
	assert_string_equal(d.items[0].msg, "duplicate column 'question'");
	assert_int_equal(d.items[0].line, 7);
	assert_int_equal(d.items[0].column, 3);
	srmgap_diags_release(&d);
}

static void test_csv_map_header_unknown_is_warning(void **state)
{
	const char *hdr[] = { "question", "Colour", "answer", "" };
	srmgap_diags d;
	int idx[4];

	(void)state;
	srmgap_diags_init(&d);
	assert_int_equal(map_header(hdr, 4, idx, &d), SRMGAP_OK);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 2);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 2);
	assert_int_equal(d.items[0].severity, SRMGAP_DIAG_WARNING);
	assert_string_equal(d.items[0].msg, "unknown column 'colour' ignored");
	assert_int_equal(d.items[0].column, 2);
	assert_int_equal(d.items[0].line, 7);
	assert_string_equal(d.items[1].msg, "column without a name ignored");
	assert_int_equal(d.items[1].column, 4);
	srmgap_diags_release(&d);
}

static void test_csv_check_width(void **state)
{
	const char *fields[] = { "q", "a", "", "extra", "", "more" };
	size_t lens[] = { 1, 1, 0, 5, 0, 4 };
	srmgap_csv_row row = { "w.csv", 12, 3, 6, fields, lens };
	srmgap_diags d;

	(void)state;
	srmgap_diags_init(&d);
	assert_int_equal(srmgap_csv__check_width(&row, 2, &d), 2);
	assert_int_equal(d.errors, 2);
	assert_string_equal(d.items[0].msg,
		"value 'extra' beyond the last column of the header");
	assert_int_equal(d.items[0].line, 12);
	assert_int_equal(d.items[0].column, 4);
	assert_string_equal(d.items[0].path, "w.csv");
	assert_int_equal(d.items[1].column, 6);
	/* a row as wide as the header, or with empty extras only, is fine */
	assert_int_equal(srmgap_csv__check_width(&row, 6, &d), 0);
	assert_int_equal(srmgap_csv__check_width(&row, 4, &d), 1);
	assert_int_equal(d.errors, 3);
	srmgap_diags_release(&d);
}

static char *write_fields(const char *const *fields, size_t n)
{
	char *out = NULL;
	size_t size = 0, i;
	FILE *fp = open_memstream(&out, &size);

	assert_non_null(fp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', fp);
		srmgap_csv__write_field(fp, fields[i]);
	}
	fputc('\n', fp);
	fclose(fp);
	return out;
}

/* Assert that field `s` is written as `want`. */
static void written_as(collect *c, const char *s, const char *want)
{
	const char *fields[1];

	fields[0] = s;
	free(c->scratch);
	c->scratch = write_fields(fields, 1);
	assert_string_equal(c->scratch, want);
}

static void test_csv_write_field_quoting(void **state)
{
	collect *c = *state;

	written_as(c, "abc", "abc\n");
	written_as(c, "a,b", "\"a,b\"\n");
	written_as(c, "say \"hi\"", "\"say \"\"hi\"\"\"\n");
	written_as(c, "x\ny", "\"x\ny\"\n");
	written_as(c, "x\ry", "\"x\ry\"\n");
	written_as(c, " padded", "\" padded\"\n");
	written_as(c, "\tpadded", "\"\tpadded\"\n");
	written_as(c, "", "\n");
	written_as(c, "caf\xc3\xa9", "caf\xc3\xa9\n");
}

static void test_csv_write_field_round_trip(void **state)
{
	collect *c = *state;
	const char *fields[] = {
		"plain", "with,comma", "\"quoted\"", "two\nlines", "crlf\r\nend",
		"", " lead", "\tlead-tab", "\xc3\xa9t\xc3\xa9", "a\"b,c\nd"
	};
	size_t n = sizeof(fields) / sizeof(fields[0]), i;

	c->scratch = write_fields(fields, n);
	assert_int_equal(parse_str(c, c->scratch), SRMGAP_OK);
	assert_int_equal(c->n, 1);
	assert_int_equal(c->recs[0].nfields, n);
	for (i = 0; i < n; i++)
		assert_string_equal(c->recs[0].fields[i], fields[i]);
}

static void test_csv_write_field_trailing_blank_round_trip(void **state)
{
	collect *c = *state;
	const char *fields[] = { "trail ", "tab\t", "x" };

	/*
	 * The reader trims blanks around unquoted fields, so the writer must
	 * quote a trailing blank as it quotes a leading one.
	 */
	c->scratch = write_fields(fields, 3);
	assert_int_equal(parse_str(c, c->scratch), SRMGAP_OK);
	assert_int_equal(c->n, 1);
	assert_string_equal(c->recs[0].fields[0], "trail ");
	assert_string_equal(c->recs[0].fields[1], "tab\t");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_csv_simple_rows),
		T(test_csv_quoted_comma_and_doubled_quotes),
		T(test_csv_embedded_newline_keeps_start_line),
		T(test_csv_record_starting_with_quoted_newline),
		T(test_csv_bom_stripped),
		T(test_csv_bom_only_at_start),
		T(test_csv_crlf),
		T(test_csv_blank_lines_skipped),
		T(test_csv_empty_rows_skipped),
		T(test_csv_last_row_without_newline),
		T(test_csv_last_row_quoted_without_newline),
		T(test_csv_blanks_around_unquoted_fields),
		T(test_csv_empty_input),
		T(test_csv_unterminated_quote_at_start_line),
		T(test_csv_unterminated_quote_after_blank_lines),
		T(test_csv_malformed_quote),
		T(test_csv_text_after_closing_quote),
		T(test_csv_invalid_utf8_position),
		T(test_csv_invalid_utf8_overlong_and_surrogate),
		T(test_csv_invalid_utf8_in_multiline_field),
		T(test_csv_nul_byte),
		T(test_csv_too_many_fields),
		T(test_csv_field_too_long),
		T(test_csv_callback_abort_propagates),
		T(test_csv_callback_abort_on_last_row_without_newline),
		T(test_csv_parse_file),
		T(test_csv_parse_file_error_line_in_big_file),
		T(test_csv_parse_file_missing),
		T(test_csv_threaded_same_records_as_plain),
		T(test_csv_threaded_error_after_all_rows),
		T(test_csv_threaded_invalid_utf8_position),
		T(test_csv_threaded_abort_propagates),
		T(test_csv_threaded_missing_file),
		T(test_csv_field_accessor),
		T(test_csv_map_header_any_order_any_case),
		T(test_csv_map_header_missing_required),
		T(test_csv_map_header_duplicate),
		T(test_csv_map_header_unknown_is_warning),
		T(test_csv_check_width),
		T(test_csv_write_field_quoting),
		T(test_csv_write_field_round_trip),
		T(test_csv_write_field_trailing_blank_round_trip),
#undef T
	};

	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
