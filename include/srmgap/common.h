/*
 * Shared vocabulary of the srmgap library: result codes, the error record
 * every fallible call fills in, and the diagnostics list used where one
 * input can have many problems (validation, imports).
 *
 * Recording an error never allocates: the record has fixed buffers. A
 * diagnostics list does allocate, but stops storing after a bound so a huge
 * bad file cannot exhaust memory.
 */
#ifndef SRMGAP_COMMON_H
#define SRMGAP_COMMON_H

#include <stdarg.h>
#include <stddef.h>

#define SRMGAP_VERSION "0.1.0"

enum {
	SRMGAP_OK = 0,
	SRMGAP_ERROR = -1,    /* runtime failure not covered below */
	SRMGAP_ENOMEM = -2,   /* out of memory */
	SRMGAP_EIO = -3,      /* file could not be read or written */
	SRMGAP_EINVALID = -4, /* invalid input: a file or a value is wrong */
	SRMGAP_ENOTFOUND = -5,/* a named thing does not exist */
	SRMGAP_EEXISTS = -6,  /* a named thing exists already */
	SRMGAP_EDB = -7,      /* the database failed */
	SRMGAP_EUSAGE = -8,   /* the caller asked for something impossible */
	SRMGAP_EFROZEN = -9   /* the assessment is signed off: no changes */
};

/*
 * Error record. `path`, `line` and `column` are set when the error comes
 * from an input file (line and column are 1-based; column is the CSV field
 * number); otherwise path is empty and line and column are 0.
 */
typedef struct srmgap_error {
	int code;
	char path[256];
	unsigned long line, column;
	char msg[256];
} srmgap_error;

/* Clear `err` (NULL is accepted). */
void srmgap_error_clear(srmgap_error *err);

/*
 * Fill `err` (which may be NULL) and return `code`, so a failure is one
 * line: `return srmgap_error_set(err, SRMGAP_EIO, "cannot read '%s'", p);`
 */
int srmgap_error_set(srmgap_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The length of the UTF-8 character at `s` (not at its NUL): with *valid
 * 1 a well-formed one (RFC 3629), with *valid 0 the ill-formed bytes a
 * writer replaces by one U+FFFD. The one decoder srmgap uses.
 */
size_t srmgap_utf8_next(const char *s, int *valid);

/* The longest evidence or note (as the longest CSV field). */
#define SRMGAP_TEXT_MAX (1024 * 1024)
/* The longest comment, statement or reason an auditor writes. */
#define SRMGAP_REMARK_MAX 4096
/* The longest name of a person (actor, auditor) or assessment. */
#define SRMGAP_NAME_MAX 128
/* The longest organisation or assessor of an assessment. */
#define SRMGAP_LABEL_MAX 256

/*
 * Check free text people give (evidence, comments, names): valid UTF-8,
 * at most `max` bytes, no control characters except, with `lines`, line
 * breaks and tabs. SRMGAP_OK, or SRMGAP_EUSAGE with a message naming
 * `what`. NULL is accepted.
 */
int srmgap_text_check(const char *what, const char *s, size_t max, int lines,
	srmgap_error *err);

/* As srmgap_error_set(), with a file position. `path` may be NULL. */
int srmgap_error_at(srmgap_error *err, int code, const char *path,
	unsigned long line, unsigned long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

enum { SRMGAP_DIAG_ERROR = 0, SRMGAP_DIAG_WARNING = 1 };

typedef struct srmgap_diag {
	int severity;
	char path[256];
	unsigned long line, column;
	char msg[256];
} srmgap_diag;

/*
 * A list of problems found in input. At most SRMGAP_DIAGS_MAX entries are
 * stored; `errors` and `warnings` keep counting past that, and `dropped`
 * says how many were not stored.
 */
#define SRMGAP_DIAGS_MAX 1000
typedef struct srmgap_diags {
	srmgap_diag *items;
	size_t count, cap;
	size_t errors, warnings, dropped;
} srmgap_diags;

void srmgap_diags_init(srmgap_diags *d);
void srmgap_diags_release(srmgap_diags *d);

/*
 * Append a diagnostic. Returns SRMGAP_OK, or SRMGAP_ENOMEM when the entry
 * could not be stored (it is still counted). `d` may be NULL.
 */
int srmgap_diags_add(srmgap_diags *d, int severity, const char *path,
	unsigned long line, unsigned long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
int srmgap_diags_vadd(srmgap_diags *d, int severity, const char *path,
	unsigned long line, unsigned long column, const char *fmt, va_list ap);

/* Append the error record as a diagnostic of severity error. */
int srmgap_diags_add_error(srmgap_diags *d, const srmgap_error *err);

/* Stable sort by path, line, column (insertion order within a position). */
void srmgap_diags_sort(srmgap_diags *d);

#endif
