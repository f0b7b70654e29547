/*
 * Unit tests for the shared helpers: src/lib/util.c (util_int.h: UTF-8
 * checks, strict number and date parsing, ids, trimming and case, the
 * growable buffer and the string map), src/lib/hash.c (hash_int.h:
 * length-prefixed SHA-256) and src/lib/error.c (common.h: error records
 * and diagnostics lists).
 *
 * Expected hashes were computed outside the library, with printf and
 * sha256sum over the length-prefixed bytes (8-byte little-endian length,
 * then the string); expected day numbers with Python's datetime.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "srmgap/common.h"
#include "hash_int.h"
#include "util_int.h"
#include "unit.h"

typedef struct fixture {
	srmgap_buf b;
	srmgap_map map;
	srmgap_diags d;
	srmgap_error err;
	char *s;                /* a string a case allocated */
	char (*keys)[16];       /* map keys, which must outlive the map */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	srmgap_util__buf_init(&f->b);
	srmgap_util__map_init(&f->map);
	srmgap_diags_init(&f->d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	srmgap_util__buf_release(&f->b);
	srmgap_util__map_release(&f->map);
	free(f->keys);
	srmgap_diags_release(&f->d);
	free(f->s);
	free(f);
	return 0;
}

/* ---- UTF-8 ---- */

#define UTF8(lit) srmgap_util__utf8_valid((lit), sizeof(lit) - 1)

static void test_util_utf8_valid(void **state)
{
	(void)state;
	assert_true(UTF8(""));
	assert_true(UTF8("plain ASCII, with ~ and \x7f"));
	assert_true(UTF8("\xc2\x80"));                 /* U+0080 */
	assert_true(UTF8("\xc3\xa9t\xc3\xa9"));        /* été */
	assert_true(UTF8("\xdf\xbf"));                 /* U+07FF */
	assert_true(UTF8("\xe0\xa0\x80"));             /* U+0800 */
	assert_true(UTF8("\xe2\x82\xac"));             /* € */
	assert_true(UTF8("\xed\x9f\xbf"));             /* U+D7FF */
	assert_true(UTF8("\xee\x80\x80"));             /* U+E000 */
	assert_true(UTF8("\xef\xbf\xbf"));             /* U+FFFF */
	assert_true(UTF8("\xf0\x90\x80\x80"));         /* U+10000 */
	assert_true(UTF8("\xf0\x9f\x98\x80"));         /* emoji */
	assert_true(UTF8("\xf4\x8f\xbf\xbf"));         /* U+10FFFF */
	assert_true(UTF8("a\xc3\xa9" "b\xe2\x82\xac" "c\xf0\x9f\x98\x80"));
	/* only n bytes are looked at */
	assert_true(srmgap_util__utf8_valid("ab\xff", 2));
}

static void test_util_utf8_invalid(void **state)
{
	(void)state;
	/* overlong forms */
	assert_false(UTF8("\xc0\x80"));
	assert_false(UTF8("\xc0\xaf"));
	assert_false(UTF8("\xc1\xbf"));
	assert_false(UTF8("\xe0\x80\x80"));
	assert_false(UTF8("\xe0\x9f\xbf"));
	assert_false(UTF8("\xf0\x80\x80\x80"));
	assert_false(UTF8("\xf0\x8f\xbf\xbf"));
	/* UTF-16 surrogates */
	assert_false(UTF8("\xed\xa0\x80"));
	assert_false(UTF8("\xed\xaf\xbf"));
	assert_false(UTF8("\xed\xb0\x80"));
	assert_false(UTF8("\xed\xbf\xbf"));
	/* past U+10FFFF */
	assert_false(UTF8("\xf4\x90\x80\x80"));
	assert_false(UTF8("\xf5\x80\x80\x80"));
	assert_false(UTF8("\xf7\xbf\xbf\xbf"));
	assert_false(UTF8("\xf8\x88\x80\x80\x80"));
	assert_false(UTF8("\xfe"));
	assert_false(UTF8("\xff"));
	/* truncated sequences, at the end and in the middle */
	assert_false(UTF8("\xc3"));
	assert_false(UTF8("\xe2\x82"));
	assert_false(UTF8("\xf0\x9f\x98"));
	assert_false(UTF8("a\xe2\x82" "b"));
	assert_false(UTF8("\xf0\x9f\x98 "));
	assert_false(srmgap_util__utf8_valid("\xc3\xa9", 1));
	assert_false(srmgap_util__utf8_valid("\xf0\x9f\x98\x80", 3));
	/* lone continuation bytes, bad continuations */
	assert_false(UTF8("\x80"));
	assert_false(UTF8("a\xbf"));
	assert_false(UTF8("\xc3\x28"));
	assert_false(UTF8("\xe2\x28\xa1"));
	assert_false(UTF8("\xc3\xc3\xa9"));
	/* NUL bytes, anywhere */
	assert_false(UTF8("\0"));
	assert_false(UTF8("a\0b"));
	assert_false(UTF8("abc\0"));
}

/* ---- numbers ---- */

static void decimal_ok(const char *s, double want)
{
	double v = -12345;

	if (srmgap_util__parse_decimal(s, &v) != 0)
		print_error("'%s' rejected\n", s);
	assert_int_equal(srmgap_util__parse_decimal(s, &v), 0);
	assert_near(v, want);
}

static void decimal_bad(const char *s)
{
	double v = -12345;

	if (srmgap_util__parse_decimal(s, &v) == 0)
		print_error("'%s' accepted as %g\n", s, v);
	assert_int_equal(srmgap_util__parse_decimal(s, &v), -1);
	/* the output is left alone */
	assert_near(v, -12345);
}

static void test_util_parse_decimal(void **state)
{
	(void)state;
	decimal_ok("0", 0);
	decimal_ok("12", 12);
	decimal_ok("-3.5", -3.5);
	decimal_ok("+7", 7);
	decimal_ok("7.0", 7);
	decimal_ok("7.", 7);
	decimal_ok(".25", 0.25);
	decimal_ok("0.25", 0.25);
	decimal_ok("1e3", 1000);
	decimal_ok("2.5E-1", 0.25);
	decimal_ok("1e+2", 100);
	decimal_ok("-0", 0);
	decimal_ok("000123", 123);
	decimal_ok("1000000", 1e6);

	decimal_bad("");
	decimal_bad("1e");
	decimal_bad("1e+");
	decimal_bad("e5");
	decimal_bad(".");
	decimal_bad("-");
	decimal_bad("+");
	decimal_bad("+-1");
	decimal_bad("--1");
	decimal_bad("0x10");
	decimal_bad("0X1p3");
	decimal_bad("inf");
	decimal_bad("-Infinity");
	decimal_bad("nan");
	decimal_bad("NaN");
	decimal_bad("1,5");
	decimal_bad("1.2.3");
	decimal_bad("12 days");
	decimal_bad("1 2");
	/* strict: blanks are the caller's to trim */
	decimal_bad(" 12");
	decimal_bad("12 ");
	decimal_bad("12\n");
	/* out of range for a double */
	decimal_bad("1e999");
	decimal_bad("-1e999");
}

static void uint_ok(const char *s, long want)
{
	long v = -1;

	assert_int_equal(srmgap_util__parse_uint(s, &v), 0);
	assert_int_equal(v, want);
}

static void uint_bad(const char *s)
{
	long v = -7;

	assert_int_equal(srmgap_util__parse_uint(s, &v), -1);
	assert_int_equal(v, -7);
}

static void test_util_parse_uint(void **state)
{
	(void)state;
	uint_ok("0", 0);
	uint_ok("42", 42);
	uint_ok("007", 7);
	uint_ok("999999999", 999999999);
	uint_ok("000000001", 1);
	/* at most 9 digits */
	uint_bad("1000000000");
	uint_bad("0000000000");
	uint_bad("");
	uint_bad("+1");
	uint_bad("-1");
	uint_bad("1a");
	uint_bad(" 1");
	uint_bad("1 ");
	uint_bad("1.0");
	uint_bad("1e3");
}

/* ---- dates ---- */

static void date_is(const char *s, long want)
{
	long days = 12345678;
	char buf[16];

	if (srmgap_util__parse_date(s, &days) != 0)
		print_error("'%s' rejected\n", s);
	assert_int_equal(srmgap_util__parse_date(s, &days), 0);
	assert_int_equal(days, want);
	memset(buf, 'x', sizeof(buf));
	srmgap_util__format_date(want, buf);
	assert_string_equal(buf, s);
}

static void date_bad(const char *s)
{
	long days = 12345678;

	if (srmgap_util__parse_date(s, &days) == 0)
		print_error("'%s' accepted as day %ld\n", s, days);
	assert_int_equal(srmgap_util__parse_date(s, &days), -1);
	assert_int_equal(days, 12345678);
}

static void test_util_parse_date_known_days(void **state)
{
	(void)state;
	date_is("1970-01-01", 0);
	date_is("1970-01-02", 1);
	date_is("1969-12-31", -1);
	date_is("1900-01-01", -25567);
	date_is("1900-02-28", -25509);
	date_is("1900-03-01", -25508);
	date_is("2000-02-29", 11016);
	date_is("2000-03-01", 11017);
	date_is("2024-02-29", 19782);
	date_is("2025-01-01", 20089);
	date_is("2100-02-28", 47540);
	date_is("2100-03-01", 47541);
	date_is("9999-12-31", 2932896);
}

static void test_util_parse_date_rejects(void **state)
{
	(void)state;
	/* 1900 and 2100 are not leap years (divisible by 100, not by 400) */
	date_bad("1900-02-29");
	date_bad("2100-02-29");
	date_bad("2023-02-29");
	date_bad("2024-02-30");
	date_bad("2024-04-31");
	date_bad("2024-06-31");
	date_bad("2024-09-31");
	date_bad("2024-11-31");
	date_bad("2024-13-01");
	date_bad("2024-00-10");
	date_bad("2024-01-00");
	date_bad("2024-01-32");
	/* years 1900 to 9999 */
	date_bad("1899-12-31");
	date_bad("0000-01-01");
	/* the exact shape */
	date_bad("");
	date_bad("2024-1-05");
	date_bad("2024-01-5");
	date_bad("20240105");
	date_bad("2024/01/05");
	date_bad("2024-01-05T10:00");
	date_bad("2024-01-05 ");
	date_bad(" 2024-01-05");
	date_bad("05-01-2024");
	date_bad("+024-01-05");
	date_bad("2024-+1-05");
	date_bad("10000-01-01");
}

static int is_leap(int y)
{
	if (y % 400 == 0)
		return 1;
	if (y % 100 == 0)
		return 0;
	return y % 4 == 0;
}

/*
 * Walk the calendar day by day with an independent month table and check
 * that day number, parse and format agree, over 1900..2401 (every leap
 * rule) and the last years up to 9999.
 */
static void walk(int y, int last_year, long day)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char want[32], got[16];
	int m, d;
	long parsed;

	for (; y <= last_year; y++) {
		for (m = 1; m <= 12; m++) {
			int n = mdays[m - 1] + (m == 2 && is_leap(y));

			for (d = 1; d <= n; d++, day++) {
				snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
				srmgap_util__format_date(day, got);
				if (strcmp(got, want) != 0 ||
				    srmgap_util__parse_date(want, &parsed) != 0 ||
				    parsed != day) {
					print_error("day %ld: want %s, formatted %s\n", day,
						want, got);
					fail();
				}
			}
			/* the day after the last of the month is invalid */
			if (n < 31) {
				snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m,
					n + 1);
				if (srmgap_util__parse_date(want, &parsed) == 0) {
					print_error("%s accepted\n", want);
					fail();
				}
			}
		}
	}
}

static void test_util_date_round_trip(void **state)
{
	long start;

	(void)state;
	assert_int_equal(srmgap_util__parse_date("1900-01-01", &start), 0);
	walk(1900, 2401, start);
	assert_int_equal(srmgap_util__parse_date("9990-01-01", &start), 0);
	walk(9990, 9999, start);
}

/* ---- ids and strings ---- */

static void test_util_valid_id(void **state)
{
	char id[80];

	(void)state;
	memset(id, 'a', sizeof(id));
	id[64] = '\0';
	assert_true(srmgap_util__valid_id(id));
	id[64] = 'a';
	id[65] = '\0';
	assert_false(srmgap_util__valid_id(id));
	assert_true(srmgap_util__valid_id("a"));
	assert_true(srmgap_util__valid_id("IAM-01.2"));
	assert_true(srmgap_util__valid_id("0day_x"));
	assert_true(srmgap_util__valid_id("a.b_c-d"));
	assert_false(srmgap_util__valid_id(""));
	assert_false(srmgap_util__valid_id("-a"));
	assert_false(srmgap_util__valid_id(".a"));
	assert_false(srmgap_util__valid_id("_a"));
	assert_false(srmgap_util__valid_id("a b"));
	assert_false(srmgap_util__valid_id("a/b"));
	assert_false(srmgap_util__valid_id("a,b"));
	assert_false(srmgap_util__valid_id("a\n"));
	assert_false(srmgap_util__valid_id("caf\xc3\xa9"));
	assert_false(srmgap_util__valid_id("\xc3\xa9t\xc3\xa9"));
}

static void test_util_trim(void **state)
{
	char s1[] = "  a b \t\r\n", s2[] = " \t\r\n ", s3[] = "", s4[] = "x";
	char s5[] = "\xc2\xa0y";

	(void)state;
	assert_ptr_equal(srmgap_util__trim(s1), s1);
	assert_string_equal(s1, "a b");
	assert_string_equal(srmgap_util__trim(s2), "");
	assert_string_equal(srmgap_util__trim(s3), "");
	assert_string_equal(srmgap_util__trim(s4), "x");
	/* only ASCII blanks: a no-break space stays */
	assert_string_equal(srmgap_util__trim(s5), "\xc2\xa0y");
}

static void test_util_lower_and_strieq(void **state)
{
	fixture *f = *state;
	char s[] = "AbC-1 \xc3\x89";

	assert_ptr_equal(srmgap_util__lower(s), s);
	assert_string_equal(s, "abc-1 \xc3\x89");
	f->s = srmgap_util__lower_trim("  MiXeD Case\t\n");
	assert_non_null(f->s);
	assert_string_equal(f->s, "mixed case");
	assert_null(srmgap_util__lower_trim(NULL));

	assert_true(srmgap_util__strieq("Yes", "yES"));
	assert_true(srmgap_util__strieq("", ""));
	assert_true(srmgap_util__strieq("n/a", "N/A"));
	assert_false(srmgap_util__strieq("yes", "yes "));
	assert_false(srmgap_util__strieq("yes", "ye"));
	assert_false(srmgap_util__strieq("a", ""));
	assert_false(srmgap_util__strieq("", "a"));
	assert_false(srmgap_util__strieq("yes", "no"));
	/* ASCII only */
	assert_false(srmgap_util__strieq("\xc3\x89", "\xc3\xa9"));
}

static void test_util_strdup(void **state)
{
	fixture *f = *state;

	assert_null(srmgap_util__strdup(NULL));
	f->s = srmgap_util__strndup("abcdef", 3);
	assert_non_null(f->s);
	assert_string_equal(f->s, "abc");
	free(f->s);
	f->s = srmgap_util__strdup("copy");
	assert_non_null(f->s);
	assert_string_equal(f->s, "copy");
}

/* ---- the buffer ---- */

static void test_util_buf(void **state)
{
	fixture *f = *state;
	char big[1000];
	size_t i;

	assert_null(f->b.data);
	assert_int_equal(f->b.len, 0);
	srmgap_util__buf_puts(&f->b, "ab");
	srmgap_util__buf_put(&f->b, "cdef", 2);
	assert_string_equal(f->b.data, "abcd");
	assert_int_equal(f->b.len, 4);
	srmgap_util__buf_printf(&f->b, "%d-%s|%5.2f", 12, "x", 3.14159);
	assert_string_equal(f->b.data, "abcd12-x| 3.14");
	assert_int_equal(f->b.len, strlen("abcd12-x| 3.14"));
	srmgap_util__buf_put(&f->b, "", 0);
	assert_int_equal(f->b.len, 14);

	/* growth well past the first allocation keeps what was there */
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	srmgap_util__buf_put(&f->b, big, sizeof(big));
	srmgap_util__buf_printf(&f->b, "%s", "!");
	assert_int_equal(f->b.len, 14 + sizeof(big) + 1);
	assert_int_equal(strlen(f->b.data), f->b.len);
	assert_memory_equal(f->b.data, "abcd12-x| 3.14abc", 17);
	assert_memory_equal(f->b.data + 14, big, sizeof(big));
	assert_string_equal(f->b.data + 14 + sizeof(big), "!");
	assert_true(f->b.cap > f->b.len);
	assert_false(f->b.oom);

	/* detach hands the string over and empties the buffer */
	f->s = srmgap_util__buf_detach(&f->b);
	assert_non_null(f->s);
	assert_int_equal(strlen(f->s), 14 + sizeof(big) + 1);
	assert_null(f->b.data);
	assert_int_equal(f->b.len, 0);
	assert_int_equal(f->b.cap, 0);
	/* the buffer is usable again */
	srmgap_util__buf_printf(&f->b, "%zu", (size_t)7);
	assert_string_equal(f->b.data, "7");
}

static void test_util_buf_detach_empty(void **state)
{
	fixture *f = *state;
	char *junk = malloc(64);

	/*
	 * Leave a used 64-byte block for the allocator to hand out next, so
	 * that a string left unterminated shows (fresh memory is often zero).
	 */
	assert_non_null(junk);
	memset(junk, 'j', 64);
	free(junk);
	/* an unused buffer still gives an empty string, not NULL */
	f->s = srmgap_util__buf_detach(&f->b);
	assert_non_null(f->s);
	/* the first byte only: printing an unterminated string overruns it */
	assert_int_equal(f->s[0], '\0');
	free(f->s);
	f->s = NULL;
	srmgap_util__buf_printf(&f->b, "%s", "");
	assert_non_null(f->b.data);
	assert_string_equal(f->b.data, "");
	f->s = srmgap_util__buf_detach(&f->b);
	assert_string_equal(f->s, "");
}

/* ---- the map ---- */

static void test_util_map_put_get(void **state)
{
	fixture *f = *state;

	assert_int_equal(srmgap_util__map_get(&f->map, "alpha"), -1);
	assert_int_equal(srmgap_util__map_getn(&f->map, "alpha", 5), -1);
	assert_int_equal(srmgap_util__map_put(&f->map, "alpha", 1), 0);
	assert_int_equal(srmgap_util__map_put(&f->map, "beta", 2), 0);
	assert_int_equal(srmgap_util__map_put(&f->map, "", 3), 0);
	/* a present key: 1, and the first value stays */
	assert_int_equal(srmgap_util__map_put(&f->map, "alpha", 9), 1);
	assert_int_equal(f->map.count, 3);
	assert_int_equal(srmgap_util__map_get(&f->map, "alpha"), 1);
	assert_int_equal(srmgap_util__map_get(&f->map, "beta"), 2);
	assert_int_equal(srmgap_util__map_get(&f->map, ""), 3);
	assert_int_equal(srmgap_util__map_get(&f->map, "gamma"), -1);
	/* case matters */
	assert_int_equal(srmgap_util__map_get(&f->map, "Alpha"), -1);
	/* getn looks up a prefix of its argument as a whole key */
	assert_int_equal(srmgap_util__map_getn(&f->map, "alphabet", 5), 1);
	assert_int_equal(srmgap_util__map_getn(&f->map, "beta=2", 4), 2);
	assert_int_equal(srmgap_util__map_getn(&f->map, "alp", 3), -1);
	assert_int_equal(srmgap_util__map_getn(&f->map, "alphabet", 8), -1);
	assert_int_equal(srmgap_util__map_getn(&f->map, "xyz", 0), 3);
}

static void test_util_map_growth(void **state)
{
	fixture *f = *state;
	const size_t n = 700;
	char probe[16];
	size_t i;

	f->keys = calloc(n, sizeof(*f->keys));
	assert_non_null(f->keys);
	for (i = 0; i < n; i++) {
		snprintf(f->keys[i], sizeof(f->keys[i]), "k%zu", i);
		assert_int_equal(srmgap_util__map_put(&f->map, f->keys[i], i * 10), 0);
	}
	assert_int_equal(f->map.count, n);
	/* the table stays at most half full */
	assert_true(f->map.cap >= 2 * n);
	for (i = 0; i < n; i++) {
		/* a different pointer with the same text finds the key */
		snprintf(probe, sizeof(probe), "k%zu", i);
		assert_int_equal(srmgap_util__map_get(&f->map, probe), (long)(i * 10));
		assert_int_equal(srmgap_util__map_put(&f->map, probe, 1), 1);
	}
	assert_int_equal(f->map.count, n);
	assert_int_equal(srmgap_util__map_get(&f->map, "k700"), -1);
	assert_int_equal(srmgap_util__map_get(&f->map, "k"), -1);
	assert_int_equal(srmgap_util__map_getn(&f->map, "k69999", 4), 6990);
}

/* ---- hashes ---- */

static void hash_of(const char *const *s, size_t n, char out[65])
{
	srmgap_hash *h = srmgap_hash__new();
	size_t i;

	assert_non_null(h);
	for (i = 0; i < n; i++)
		srmgap_hash__str(h, s[i]);
	assert_int_equal(srmgap_hash__finish(h, out), 0);
	assert_int_equal(strlen(out), 64);
}

static void test_util_hash_known_values(void **state)
{
	static const char *const empty[] = { "" };
	static const char *const abc[] = { "abc" };
	static const char *const two_empty[] = { "", "" };
	char hex[65], x300[301];
	const char *one[1];

	(void)state;
	/* printf '\0\0\0\0\0\0\0\0' | sha256sum */
	hash_of(empty, 1, hex);
	assert_string_equal(hex,
		"af5570f5a1810b7af78caf4bc70a660f0df51e42baf91d4de5b2328de0e83dfc");
	/* printf '\003\0\0\0\0\0\0\0abc' | sha256sum */
	hash_of(abc, 1, hex);
	assert_string_equal(hex,
		"ce91dc5eec0139adf091900d225971d6ad246a845bad791b5693a9d0d55dd391");
	/* not the plain SHA-256 of "abc" (ba7816bf...) */
	assert_string_not_equal(hex,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* sixteen zero bytes */
	hash_of(two_empty, 2, hex);
	assert_string_equal(hex,
		"374708fff7719dd5979ec875d56cd2286f6d3cf7ec317a3b25632aab28ec37bb");
	/* length 300 = 0x012c: the prefix is little-endian */
	memset(x300, 'x', 300);
	x300[300] = '\0';
	one[0] = x300;
	hash_of(one, 1, hex);
	assert_string_equal(hex,
		"ef14726c73a1a906e4313238a29409fa0ab4894ee18096dfdd808b811b864276");
}

static void test_util_hash_boundaries_count(void **state)
{
	static const char *const ab_c[] = { "ab", "c" };
	static const char *const a_bc[] = { "a", "bc" };
	static const char *const null1[] = { NULL };
	static const char *const empty[] = { "" };
	char h1[65], h2[65];

	(void)state;
	hash_of(ab_c, 2, h1);
	hash_of(a_bc, 2, h2);
	assert_string_not_equal(h1, h2);
	/* printf '\002\0\0\0\0\0\0\0ab\001\0\0\0\0\0\0\0c' | sha256sum */
	assert_string_equal(h1,
		"43ee655579de01ca739b3f95c1c2d3f46d353b2c0df818064ea594506cdb2617");
	assert_string_equal(h2,
		"9a8acca1b6c6c0befd3fbc756aed625da998c998f7252e738c4ef061906b9b21");
	/* NULL counts as "" */
	hash_of(null1, 1, h1);
	hash_of(empty, 1, h2);
	assert_string_equal(h1, h2);
	/* no string at all differs from one empty string */
	hash_of(empty, 0, h1);
	assert_string_equal(h1,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_string_not_equal(h1, h2);
	assert_int_equal(srmgap_hash__finish(NULL, h1), -1);
}

/* ---- error records ---- */

static void test_util_error_set(void **state)
{
	fixture *f = *state;
	char longmsg[400];

	/* stale fields from an earlier error are cleared */
	snprintf(f->err.path, sizeof(f->err.path), "old.csv");
	f->err.line = 3;
	f->err.column = 4;
	assert_int_equal(srmgap_error_set(&f->err, SRMGAP_ENOTFOUND,
		"unknown control '%s'", "IAM-09"), SRMGAP_ENOTFOUND);
	assert_int_equal(f->err.code, SRMGAP_ENOTFOUND);
	assert_string_equal(f->err.msg, "unknown control 'IAM-09'");
	assert_string_equal(f->err.path, "");
	assert_int_equal(f->err.line, 0);
	assert_int_equal(f->err.column, 0);

	/* truncated to 255 bytes and a NUL */
	memset(longmsg, 'm', sizeof(longmsg) - 1);
	longmsg[sizeof(longmsg) - 1] = '\0';
	assert_int_equal(srmgap_error_set(&f->err, SRMGAP_EINVALID, "%s", longmsg),
		SRMGAP_EINVALID);
	assert_int_equal(strlen(f->err.msg), 255);
	assert_memory_equal(f->err.msg, longmsg, 255);

	/* a NULL record is accepted and the code still comes back */
	assert_int_equal(srmgap_error_set(NULL, SRMGAP_EIO, "cannot read '%s'",
		"x"), SRMGAP_EIO);
	assert_int_equal(srmgap_error_at(NULL, SRMGAP_EINVALID, "a.csv", 1, 2,
		"bad"), SRMGAP_EINVALID);
	srmgap_error_clear(NULL);
	srmgap_error_clear(&f->err);
	assert_int_equal(f->err.code, 0);
	assert_string_equal(f->err.msg, "");
}

static void test_util_error_at(void **state)
{
	fixture *f = *state;
	char longpath[300];

	assert_int_equal(srmgap_error_at(&f->err, SRMGAP_EINVALID,
		"controls/acme/controls.csv", 12, 3, "unknown area '%s'", "iam2"),
		SRMGAP_EINVALID);
	assert_int_equal(f->err.code, SRMGAP_EINVALID);
	assert_string_equal(f->err.path, "controls/acme/controls.csv");
	assert_int_equal(f->err.line, 12);
	assert_int_equal(f->err.column, 3);
	assert_string_equal(f->err.msg, "unknown area 'iam2'");
	/* NULL path */
	assert_int_equal(srmgap_error_at(&f->err, SRMGAP_EIO, NULL, 0, 0, "x"),
		SRMGAP_EIO);
	assert_string_equal(f->err.path, "");
	assert_string_equal(f->err.msg, "x");
	/* the path is truncated too */
	memset(longpath, 'p', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	srmgap_error_at(&f->err, SRMGAP_EIO, longpath, 1, 1, "%s", longpath);
	assert_int_equal(strlen(f->err.path), 255);
	assert_int_equal(strlen(f->err.msg), 255);
}

/* ---- diagnostics ---- */

static void test_util_diags_add(void **state)
{
	fixture *f = *state;
	srmgap_error e;

	assert_int_equal(srmgap_diags_add(&f->d, SRMGAP_DIAG_ERROR, "a.csv", 2, 3,
		"unknown area '%s'", "x"), SRMGAP_OK);
	assert_int_equal(srmgap_diags_add(&f->d, SRMGAP_DIAG_WARNING, NULL, 0, 0,
		"unused column '%s'", "extra"), SRMGAP_OK);
	srmgap_error_at(&e, SRMGAP_EINVALID, "b.csv", 7, 1, "unterminated quote");
	assert_int_equal(srmgap_diags_add_error(&f->d, &e), SRMGAP_OK);
	assert_int_equal(f->d.count, 3);
	assert_int_equal(f->d.errors, 2);
	assert_int_equal(f->d.warnings, 1);
	assert_int_equal(f->d.dropped, 0);
	assert_int_equal(f->d.items[0].severity, SRMGAP_DIAG_ERROR);
	assert_string_equal(f->d.items[0].path, "a.csv");
	assert_int_equal(f->d.items[0].line, 2);
	assert_int_equal(f->d.items[0].column, 3);
	assert_string_equal(f->d.items[0].msg, "unknown area 'x'");
	assert_int_equal(f->d.items[1].severity, SRMGAP_DIAG_WARNING);
	assert_string_equal(f->d.items[1].path, "");
	assert_string_equal(f->d.items[1].msg, "unused column 'extra'");
	assert_string_equal(f->d.items[2].path, "b.csv");
	assert_int_equal(f->d.items[2].line, 7);
	assert_string_equal(f->d.items[2].msg, "unterminated quote");
	/* a NULL list is accepted */
	assert_int_equal(srmgap_diags_add(NULL, SRMGAP_DIAG_ERROR, "a", 1, 1, "x"),
		SRMGAP_OK);
	srmgap_diags_release(NULL);
}

static void test_util_diags_cap(void **state)
{
	fixture *f = *state;
	size_t i;

	for (i = 0; i < SRMGAP_DIAGS_MAX + 5; i++)
		assert_int_equal(srmgap_diags_add(&f->d, SRMGAP_DIAG_ERROR, "big.csv",
			i + 1, 1, "problem %zu", i), SRMGAP_OK);
	srmgap_diags_add(&f->d, SRMGAP_DIAG_WARNING, "big.csv", 1, 1, "late");
	/* stored up to the cap, counted past it */
	assert_int_equal(f->d.count, SRMGAP_DIAGS_MAX);
	assert_int_equal(f->d.errors, SRMGAP_DIAGS_MAX + 5);
	assert_int_equal(f->d.warnings, 1);
	assert_int_equal(f->d.dropped, 6);
	assert_string_equal(f->d.items[SRMGAP_DIAGS_MAX - 1].msg, "problem 999");
	assert_int_equal(f->d.items[SRMGAP_DIAGS_MAX - 1].line, 1000);
}

static void add(fixture *f, int sev, const char *path, unsigned long line,
	unsigned long col, const char *msg)
{
	assert_int_equal(srmgap_diags_add(&f->d, sev, path, line, col, "%s", msg),
		SRMGAP_OK);
}

static void test_util_diags_sort_order(void **state)
{
	fixture *f = *state;
	static const char *const want[] = {
		"a 1:2", "a 1:3", "a 2:1 first", "a 2:1 second", "a 2:1 third",
		"a 10:1", "b 0:0", "b 1:1"
	};
	size_t i;

	add(f, SRMGAP_DIAG_ERROR, "b.csv", 1, 1, "b 1:1");
	add(f, SRMGAP_DIAG_WARNING, "a.csv", 2, 1, "a 2:1 first");
	add(f, SRMGAP_DIAG_ERROR, "a.csv", 10, 1, "a 10:1");
	add(f, SRMGAP_DIAG_ERROR, "a.csv", 1, 3, "a 1:3");
	add(f, SRMGAP_DIAG_ERROR, "a.csv", 2, 1, "a 2:1 second");
	add(f, SRMGAP_DIAG_ERROR, "b.csv", 0, 0, "b 0:0");
	add(f, SRMGAP_DIAG_ERROR, "a.csv", 1, 2, "a 1:2");
	add(f, SRMGAP_DIAG_WARNING, "a.csv", 2, 1, "a 2:1 third");
	srmgap_diags_sort(&f->d);
	assert_int_equal(f->d.count, 8);
	for (i = 0; i < 8; i++)
		assert_string_equal(f->d.items[i].msg, want[i]);
	/* nothing was a duplicate: the counts stay */
	assert_int_equal(f->d.errors, 6);
	assert_int_equal(f->d.warnings, 2);
	/* sorting again changes nothing */
	srmgap_diags_sort(&f->d);
	for (i = 0; i < 8; i++)
		assert_string_equal(f->d.items[i].msg, want[i]);
}

static void test_util_diags_sort_removes_duplicates(void **state)
{
	fixture *f = *state;

	add(f, SRMGAP_DIAG_ERROR, "q.csv", 5, 2, "invalid weight 'x'");
	add(f, SRMGAP_DIAG_WARNING, "q.csv", 9, 1, "unused column 'y'");
	add(f, SRMGAP_DIAG_ERROR, "q.csv", 5, 2, "invalid weight 'x'");
	add(f, SRMGAP_DIAG_WARNING, "q.csv", 9, 1, "unused column 'y'");
	add(f, SRMGAP_DIAG_ERROR, "q.csv", 5, 2, "invalid weight 'x'");
	/* same place and text, other severity: not a duplicate */
	add(f, SRMGAP_DIAG_WARNING, "q.csv", 5, 2, "invalid weight 'x'");
	/* same text, other place: not a duplicate */
	add(f, SRMGAP_DIAG_ERROR, "q.csv", 5, 3, "invalid weight 'x'");
	srmgap_diags_sort(&f->d);
	if (f->d.count != 4)
		dump_diags(&f->d);
	assert_int_equal(f->d.count, 4);
	assert_int_equal(f->d.errors, 2);
	assert_int_equal(f->d.warnings, 2);
	assert_int_equal(f->d.items[0].severity, SRMGAP_DIAG_ERROR);
	assert_int_equal(f->d.items[0].column, 2);
	assert_int_equal(f->d.items[1].severity, SRMGAP_DIAG_WARNING);
	assert_int_equal(f->d.items[1].column, 2);
	assert_int_equal(f->d.items[2].column, 3);
	assert_int_equal(f->d.items[3].line, 9);
}

/*
 * Checking one file twice (a model with two questionnaires) repeats every
 * finding in the same order. When one position holds two findings (the
 * model-level warnings are all at line 0, column 0), the repeats are not
 * next to each other after the stable sort: x y x y. They are exact
 * duplicates all the same and must go.
 */
static void test_util_diags_sort_removes_interleaved_duplicates(void **state)
{
	fixture *f = *state;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		add(f, SRMGAP_DIAG_WARNING, "controls/m", 0, 0,
			"area 'x' lists customer duties but has no customer or shared "
			"control");
		add(f, SRMGAP_DIAG_WARNING, "controls/m", 0, 0,
			"area 'y' lists customer duties but has no customer or shared "
			"control");
		add(f, SRMGAP_DIAG_ERROR, "controls/m/areas.csv", 3, 1,
			"empty area name");
	}
	srmgap_diags_sort(&f->d);
	if (f->d.count != 3)
		dump_diags(&f->d);
	assert_int_equal(f->d.count, 3);
	assert_int_equal(f->d.warnings, 2);
	assert_int_equal(f->d.errors, 1);
	/* first occurrences, in insertion order within the position */
	assert_non_null(strstr(f->d.items[0].msg, "area 'x'"));
	assert_non_null(strstr(f->d.items[1].msg, "area 'y'"));
	assert_string_equal(f->d.items[2].msg, "empty area name");
}

static void test_util_diags_sort_empty(void **state)
{
	fixture *f = *state;

	srmgap_diags_sort(&f->d);
	assert_int_equal(f->d.count, 0);
	add(f, SRMGAP_DIAG_ERROR, "a", 1, 1, "only");
	srmgap_diags_sort(&f->d);
	assert_int_equal(f->d.count, 1);
	assert_int_equal(f->d.errors, 1);
	assert_string_equal(f->d.items[0].msg, "only");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_util_utf8_valid),
		T(test_util_utf8_invalid),
		T(test_util_parse_decimal),
		T(test_util_parse_uint),
		T(test_util_parse_date_known_days),
		T(test_util_parse_date_rejects),
		T(test_util_date_round_trip),
		T(test_util_valid_id),
		T(test_util_trim),
		T(test_util_lower_and_strieq),
		T(test_util_strdup),
		T(test_util_buf),
		T(test_util_buf_detach_empty),
		T(test_util_map_put_get),
		T(test_util_map_growth),
		T(test_util_hash_known_values),
		T(test_util_hash_boundaries_count),
		T(test_util_error_set),
		T(test_util_error_at),
		T(test_util_diags_add),
		T(test_util_diags_cap),
		T(test_util_diags_sort_order),
		T(test_util_diags_sort_removes_duplicates),
		T(test_util_diags_sort_removes_interleaved_duplicates),
		T(test_util_diags_sort_empty),
#undef T
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
