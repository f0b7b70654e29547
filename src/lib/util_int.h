/*
 * Small helpers every library module uses: owned strings, a growable
 * buffer, case-insensitive comparison, UTF-8 checks, number and date
 * parsing. Internal to the library.
 */
#ifndef SRMGAP_UTIL_INT_H
#define SRMGAP_UTIL_INT_H

#include <stddef.h>
#include <stdint.h>

/* strdup that accepts NULL (returns NULL). */
char *srmgap_util__strdup(const char *s);
char *srmgap_util__strndup(const char *s, size_t n);

/* ASCII case-insensitive equality. */
int srmgap_util__strieq(const char *a, const char *b);

/* Lowercase ASCII letters in place; returns `s`. */
char *srmgap_util__lower(char *s);

/* Copy of `s` without leading and trailing blanks, lowercased ASCII. */
char *srmgap_util__lower_trim(const char *s);

/* Trim blanks in place; returns `s`. */
char *srmgap_util__trim(char *s);

/*
 * The one UTF-8 decoder of the library. Returns the length in bytes of
 * what starts at `s` (a NUL-terminated string, not at its NUL): with
 * *valid 1, a well-formed character (RFC 3629: no overlong forms,
 * surrogates or values past U+10FFFF); with *valid 0, the maximal
 * ill-formed subpart (at least one byte), which every writer replaces
 * as a whole by one U+FFFD (Unicode's "substitution of maximal
 * subparts"). Reads nothing past the string's NUL.
 */
size_t srmgap_util__utf8_next(const char *s, int *valid);

/*
 * 1 when the well-formed character of `n` bytes at `p` is a control
 * character: C0 (tab, LF and CR included), DEL or C1 (U+0080 to U+009F,
 * which terminals take as commands too). Callers decide which of tab,
 * LF and CR they allow.
 */
int srmgap_util__is_control(const char *p, size_t n);

/* U+FFFD REPLACEMENT CHARACTER in UTF-8: what replaces invalid input. */
#define SRMGAP_UTIL_REPLACEMENT "\xef\xbf\xbd"

/*
 * A copy of `s` that is valid UTF-8: each maximal ill-formed subpart
 * becomes U+FFFD (the rule every writer applies). NULL on ENOMEM; the
 * caller frees it.
 */
char *srmgap_util__utf8_clean(const char *s);

/*
 * 1 when `s` (of length n) is valid UTF-8 without NUL bytes. `s` need
 * not be NUL-terminated at n.
 */
int srmgap_util__utf8_valid(const char *s, size_t n);

/* 1 when s matches [A-Za-z0-9][A-Za-z0-9._-]* and is at most 64 bytes. */
int srmgap_util__valid_id(const char *s);

/*
 * Strict decimal: optional sign, digits, optional fraction, optional
 * exponent; no hex, inf or nan. Returns 0 and sets *out, or -1.
 */
int srmgap_util__parse_decimal(const char *s, double *out);

/* Non-negative integer without sign, at most 9 digits. */
int srmgap_util__parse_uint(const char *s, long *out);

/*
 * YYYY-MM-DD to days since 1970-01-01 (a real calendar date, years
 * 1900..9999). Returns 0 or -1.
 */
int srmgap_util__parse_date(const char *s, long *days);

/* Days since epoch to YYYY-MM-DD (buf of at least 11 bytes). */
void srmgap_util__format_date(long days, char *buf);

/* Today (UTC) in days since epoch. */
long srmgap_util__today(void);

/* Growable byte buffer, always NUL-terminated once used. */
typedef struct srmgap_buf {
	char *data;
	size_t len, cap;
	int oom;
} srmgap_buf;

void srmgap_util__buf_init(srmgap_buf *b);
void srmgap_util__buf_release(srmgap_buf *b);
void srmgap_util__buf_put(srmgap_buf *b, const char *s, size_t n);
void srmgap_util__buf_puts(srmgap_buf *b, const char *s);
void srmgap_util__buf_printf(srmgap_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hand the string over to the caller (who frees it); NULL on OOM. */
char *srmgap_util__buf_detach(srmgap_buf *b);

/*
 * Append the `n` bytes of `s` (valid UTF-8) as a JSON string, quotes
 * included: " and \ are escaped, control characters become \uXXXX.
 */
void srmgap_util__buf_json(srmgap_buf *b, const char *s, size_t n);

/*
 * String-keyed hash map to indexes. Keys are borrowed: they must outlive
 * the map. Lookups return -1 when absent.
 */
typedef struct srmgap_map {
	const char **keys;
	size_t *vals;
	size_t cap, count;
} srmgap_map;

void srmgap_util__map_init(srmgap_map *m);
void srmgap_util__map_release(srmgap_map *m);
/* Returns 0, 1 when the key was present already (not replaced), -1 on OOM. */
int srmgap_util__map_put(srmgap_map *m, const char *key, size_t val);
long srmgap_util__map_get(const srmgap_map *m, const char *key);
long srmgap_util__map_getn(const srmgap_map *m, const char *key, size_t n);

#endif
