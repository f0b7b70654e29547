/*
 * CSV reading on top of libcsv, with the positions libcsv does not give:
 * this reader counts physical lines itself so that every record knows the
 * line it starts on, and field numbers serve as columns. It accepts a
 * UTF-8 byte order mark and CRLF line ends, rejects invalid UTF-8 and NUL
 * bytes, skips blank rows, and streams: memory stays bounded by the
 * longest record, whatever the size of the file.
 */
#ifndef SRMGAP_CSV_INT_H
#define SRMGAP_CSV_INT_H

#include <stdio.h>

#include "srmgap/common.h"

#define SRMGAP_CSV_FIELD_MAX (1024 * 1024)
#define SRMGAP_CSV_FIELDS_MAX 1024

typedef struct srmgap_csv_row {
	const char *path;
	unsigned long line;   /* line on which the record starts */
	unsigned long index;  /* 0 for the header row, then 1, 2, ... */
	size_t nfields;
	const char *const *fields; /* NUL-terminated, valid UTF-8 */
	const size_t *lens;
} srmgap_csv_row;

/*
 * Called once per non-blank record, header included. Return 0 to go on, a
 * negative code to stop the parse, which then returns that code.
 */
typedef int (*srmgap_csv_row_fn)(const srmgap_csv_row *row, void *ctx);

/*
 * Parse the file at `path` ("-" reads standard input). Syntax errors (bad
 * quoting, invalid UTF-8, over-long fields) stop the parse and are
 * reported in `err` with line and field number; returns SRMGAP_EINVALID
 * then, SRMGAP_EIO when the file cannot be read, or what `fn` returned.
 */
int srmgap_csv__parse_file(const char *path, srmgap_csv_row_fn fn, void *ctx,
	srmgap_error *err);

/*
 * As srmgap_csv__parse_file(), with reading and parsing on a second
 * thread: `fn` still runs on the calling thread, row after row in file
 * order, while the next rows are being parsed. For large imports, where
 * the caller's work per row (checks, database writes) is the other half
 * of the cost.
 */
int srmgap_csv__parse_file_threaded(const char *path, srmgap_csv_row_fn fn,
	void *ctx, srmgap_error *err);

/*
 * Parse the file of an import (threaded or not): a syntax error in the
 * file becomes one more problem in `d` and SRMGAP_OK (the caller lists
 * every problem before rejecting the file); a reader failure (I/O,
 * memory) is returned with its message in `err`; otherwise what `fn`
 * returned.
 */
int srmgap_csv__parse_into(const char *path, int threaded,
	srmgap_csv_row_fn fn, void *ctx, srmgap_diags *d, srmgap_error *err);

/* The same over a memory buffer; `name` is used in error positions. */
int srmgap_csv__parse_buffer(const char *name, const char *buf, size_t len,
	srmgap_csv_row_fn fn, void *ctx, srmgap_error *err);

/* Field `i` of `row`, or "" when the row is shorter or i < 0. */
const char *srmgap_csv__field(const srmgap_csv_row *row, int i);

typedef struct srmgap_csv_col {
	const char *name;
	int required;
} srmgap_csv_col;

/*
 * Match the header row against `cols` by name, case-insensitively and in
 * any order. `idx[k]` receives the field number of cols[k] or -1. Missing
 * required and duplicated columns are errors; unknown columns are
 * warnings. Returns SRMGAP_OK or SRMGAP_EINVALID (the problems are in `d`).
 */
int srmgap_csv__map_header(const srmgap_csv_row *hdr, const srmgap_csv_col *cols,
	size_t ncols, int *idx, srmgap_diags *d);

/*
 * Report every non-empty field past the last mapped column of a header of
 * `width` fields as an error. Returns the number reported.
 */
int srmgap_csv__check_width(const srmgap_csv_row *row, size_t width,
	srmgap_diags *d);

/* Write one CSV field to `out`, quoted when needed (RFC 4180). */
void srmgap_csv__write_field(FILE *out, const char *s);

#endif
