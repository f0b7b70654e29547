/*
 * The small helpers every library module leans on (util_int.h): owned and
 * trimmed strings, strict parsing of the numbers and dates that answers
 * and catalogs hold, UTF-8 checks, a growable buffer and a string map.
 * They exist so that each module parses input the same way.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "srmgap/common.h"
#include "util_int.h"

char *srmgap_util__strdup(const char *s)
{
	return s == NULL ? NULL : srmgap_util__strndup(s, strlen(s));
}

char *srmgap_util__strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int srmgap_util__strieq(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
	return *a == *b;
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *srmgap_util__trim(char *s)
{
	size_t n;
	char *p = s;

	while (is_blank((unsigned char)*p))
		p++;
	n = strlen(p);
	while (n > 0 && is_blank((unsigned char)p[n - 1]))
		n--;
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

char *srmgap_util__lower(char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
	return s;
}

char *srmgap_util__lower_trim(const char *s)
{
	char *p = srmgap_util__strdup(s);

	return p ? srmgap_util__lower(srmgap_util__trim(p)) : NULL;
}

size_t srmgap_util__utf8_next(const char *str, int *valid)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, i;

	*valid = 1;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 1;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 2;
		/* No overlong forms, no surrogates. */
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3;
		/* No overlong forms, nothing past U+10FFFF. */
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else {
		*valid = 0;
		return 1;
	}
	/*
	 * The ill-formed part ends at the first byte that cannot continue
	 * the sequence (Unicode's "maximal subpart"): only the second byte
	 * has narrower bounds. A NUL is never a continuation byte, so
	 * nothing past the end of the string is read.
	 */
	for (i = 1; i <= need; i++) {
		if (s[i] < lo || s[i] > hi) {
			*valid = 0;
			return i;
		}
		lo = 0x80;
		hi = 0xbf;
	}
	return need + 1;
}

int srmgap_util__utf8_valid(const char *str, size_t n)
{
	char tail[4];
	size_t i = 0;
	int valid;

	while (i < n) {
		const char *p = str + i;

		/* ASCII, which most text is, needs no decoding. */
		if ((unsigned char)*p < 0x80) {
			if (*p == '\0')
				return 0;
			i++;
			continue;
		}
		/*
		 * `str` need not end at n: a sequence that starts in the last
		 * three bytes is decoded from a copy that does.
		 */
		if (n - i < sizeof(tail)) {
			memset(tail, 0, sizeof(tail));
			memcpy(tail, p, n - i);
			p = tail;
		}
		i += srmgap_util__utf8_next(p, &valid);
		if (!valid)
			return 0;
	}
	return 1;
}

int srmgap_util__valid_id(const char *s)
{
	size_t i;

	if (!isalnum((unsigned char)s[0]) || (unsigned char)s[0] >= 0x80)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i >= 64)
			return 0;
		if (c >= 0x80 || !(isalnum(c) || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

int srmgap_util__parse_decimal(const char *s, double *out)
{
	const char *p = s;
	char *end = NULL;
	int digits = 0;
	double v;

	if (*p == '+' || *p == '-')
		p++;
	while (isdigit((unsigned char)*p)) {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			p++;
			digits++;
		}
	}
	if (digits == 0)
		return -1;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end != p || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int srmgap_util__parse_uint(const char *s, long *out)
{
	long v = 0;
	size_t i;

	if (s[0] == '\0')
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (i >= 9 || !isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Days from civil date (proleptic Gregorian), after H. Hinnant. */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int srmgap_util__parse_date(const char *s, long *days)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long y, m, d;
	int i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (!isdigit((unsigned char)s[i])) {
			return -1;
		}
	}
	if (s[10] != '\0')
		return -1;
	y = strtol(s, NULL, 10);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return -1;
	if (d > mdays[m - 1] + (m == 2 && leap(y)))
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

void srmgap_util__format_date(long z, char *buf)
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
		(unsigned)m % 100u, (unsigned)d % 100u);
}

long srmgap_util__today(void)
{
	return (long)(time(NULL) / 86400);
}

void srmgap_util__buf_init(srmgap_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void srmgap_util__buf_release(srmgap_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

static int buf_grow(srmgap_buf *b, size_t extra)
{
	size_t cap;
	char *p;

	if (b->oom)
		return -1;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	p = realloc(b->data, cap);
	if (p == NULL) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void srmgap_util__buf_put(srmgap_buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n) != 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void srmgap_util__buf_puts(srmgap_buf *b, const char *s)
{
	srmgap_util__buf_put(b, s, strlen(s));
}

void srmgap_util__buf_printf(srmgap_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void srmgap_util__buf_json(srmgap_buf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	srmgap_util__buf_put(b, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		char esc[8];

		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		/* Copy the plain run before this byte, then its escape. */
		srmgap_util__buf_put(b, s + run, i - run);
		if (ch == '"' || ch == '\\')
			snprintf(esc, sizeof(esc), "\\%c", ch);
		else
			snprintf(esc, sizeof(esc), "\\u%04x", ch);
		srmgap_util__buf_puts(b, esc);
		run = i + 1;
	}
	srmgap_util__buf_put(b, s + run, n - run);
	srmgap_util__buf_put(b, "\"", 1);
}

char *srmgap_util__buf_detach(srmgap_buf *b)
{
	char *p;

	if (b->oom) {
		srmgap_util__buf_release(b);
		return NULL;
	}
	if (b->data == NULL && buf_grow(b, 0) != 0)
		return NULL;
	b->data[b->len] = '\0';
	p = b->data;
	memset(b, 0, sizeof(*b));
	return p;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void srmgap_util__map_init(srmgap_map *m)
{
	memset(m, 0, sizeof(*m));
}

void srmgap_util__map_release(srmgap_map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static int map_grow(srmgap_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64, i;
	const char **keys = calloc(cap, sizeof(*keys));
	size_t *vals = calloc(cap, sizeof(*vals));

	if (keys == NULL || vals == NULL) {
		free(keys);
		free(vals);
		return -1;
	}
	for (i = 0; i < m->cap; i++) {
		size_t j;

		if (m->keys[i] == NULL)
			continue;
		j = hash_bytes(m->keys[i], strlen(m->keys[i])) & (cap - 1);
		while (keys[j] != NULL)
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return 0;
}

int srmgap_util__map_put(srmgap_map *m, const char *key, size_t val)
{
	size_t j;

	if ((m->count + 1) * 2 > m->cap && map_grow(m) != 0)
		return -1;
	j = hash_bytes(key, strlen(key)) & (m->cap - 1);
	while (m->keys[j] != NULL) {
		if (strcmp(m->keys[j], key) == 0)
			return 1;
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->vals[j] = val;
	m->count++;
	return 0;
}

long srmgap_util__map_getn(const srmgap_map *m, const char *key, size_t n)
{
	size_t j;

	if (m->cap == 0)
		return -1;
	j = hash_bytes(key, n) & (m->cap - 1);
	while (m->keys[j] != NULL) {
		if (strncmp(m->keys[j], key, n) == 0 && m->keys[j][n] == '\0')
			return (long)m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	return -1;
}

long srmgap_util__map_get(const srmgap_map *m, const char *key)
{
	return srmgap_util__map_getn(m, key, strlen(key));
}

int srmgap_util__is_control(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;

	return u[0] < 0x20 || u[0] == 0x7f ||
		(n == 2 && u[0] == 0xc2 && u[1] <= 0x9f);
}

int srmgap_text_check(const char *what, const char *s, size_t max, int lines,
	srmgap_error *err)
{
	const char *p;

	if (s == NULL)
		return SRMGAP_OK;
	/* One pass: length, UTF-8, control characters (C1 too). */
	for (p = s; *p != '\0'; ) {
		unsigned char ch = (unsigned char)*p;
		size_t len = 1;
		int valid = 1;

		if (ch >= 0x80)
			len = srmgap_util__utf8_next(p, &valid);
		if (!valid)
			return srmgap_error_set(err, SRMGAP_EUSAGE, "invalid %s: not "
				"valid UTF-8", what);
		if (srmgap_util__is_control(p, len) &&
		    !(lines && (ch == '\n' || ch == '\t' || ch == '\r')))
			return srmgap_error_set(err, SRMGAP_EUSAGE, "invalid %s: "
				"control characters are not allowed", what);
		p += len;
		if ((size_t)(p - s) > max)
			return srmgap_error_set(err, SRMGAP_EUSAGE, "invalid %s: longer "
				"than %zu bytes", what, max);
	}
	return SRMGAP_OK;
}

char *srmgap_util__utf8_clean(const char *s)
{
	srmgap_buf b;
	int valid;

	srmgap_util__buf_init(&b);
	while (*s != '\0') {
		size_t n = srmgap_util__utf8_next(s, &valid);

		if (valid)
			srmgap_util__buf_put(&b, s, n);
		else
			srmgap_util__buf_puts(&b, SRMGAP_UTIL_REPLACEMENT);
		s += n;
	}
	if (b.oom) {
		srmgap_util__buf_release(&b);
		return NULL;
	}
	return b.data ? srmgap_util__buf_detach(&b) : srmgap_util__strdup("");
}

size_t srmgap_utf8_next(const char *s, int *valid)
{
	return srmgap_util__utf8_next(s, valid);
}
