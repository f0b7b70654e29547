/*
 * Error records and diagnostics lists (see include/srmgap/common.h).
 * Formatting truncates rather than allocates, so an error can be recorded
 * even when memory has run out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srmgap/common.h"

void srmgap_error_clear(srmgap_error *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
}

static void set_path(char *dst, size_t size, const char *path)
{
	if (path == NULL)
		path = "";
	snprintf(dst, size, "%s", path);
}

int srmgap_error_set(srmgap_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	srmgap_error_clear(err);
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

int srmgap_error_at(srmgap_error *err, int code, const char *path,
	unsigned long line, unsigned long column, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	srmgap_error_clear(err);
	err->code = code;
	set_path(err->path, sizeof(err->path), path);
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void srmgap_diags_init(srmgap_diags *d)
{
	memset(d, 0, sizeof(*d));
}

void srmgap_diags_release(srmgap_diags *d)
{
	if (d == NULL)
		return;
	free(d->items);
	memset(d, 0, sizeof(*d));
}

int srmgap_diags_vadd(srmgap_diags *d, int severity, const char *path,
	unsigned long line, unsigned long column, const char *fmt, va_list ap)
{
	srmgap_diag *item;

	if (d == NULL)
		return SRMGAP_OK;
	if (severity == SRMGAP_DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->count >= SRMGAP_DIAGS_MAX) {
		d->dropped++;
		return SRMGAP_OK;
	}
	if (d->count == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		srmgap_diag *items = realloc(d->items, cap * sizeof(*items));

		if (items == NULL) {
			d->dropped++;
			return SRMGAP_ENOMEM;
		}
		d->items = items;
		d->cap = cap;
	}
	item = &d->items[d->count++];
	memset(item, 0, sizeof(*item));
	item->severity = severity;
	set_path(item->path, sizeof(item->path), path);
	item->line = line;
	item->column = column;
	vsnprintf(item->msg, sizeof(item->msg), fmt, ap);
	return SRMGAP_OK;
}

int srmgap_diags_add(srmgap_diags *d, int severity, const char *path,
	unsigned long line, unsigned long column, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = srmgap_diags_vadd(d, severity, path, line, column, fmt, ap);
	va_end(ap);
	return rc;
}

int srmgap_diags_add_error(srmgap_diags *d, const srmgap_error *err)
{
	return srmgap_diags_add(d, SRMGAP_DIAG_ERROR, err->path, err->line,
		err->column, "%s", err->msg);
}

static int diag_before(const srmgap_diag *a, const srmgap_diag *b)
{
	int c = strcmp(a->path, b->path);

	if (c != 0)
		return c < 0;
	if (a->line != b->line)
		return a->line < b->line;
	return a->column < b->column;
}

static int same_position(const srmgap_diag *a, const srmgap_diag *b)
{
	return a->line == b->line && a->column == b->column &&
		strcmp(a->path, b->path) == 0;
}

void srmgap_diags_sort(srmgap_diags *d)
{
	size_t i, j;

	/* Insertion sort: stable, and lists are short and nearly sorted. */
	for (i = 1; i < d->count; i++) {
		srmgap_diag tmp = d->items[i];

		for (j = i; j > 0 && diag_before(&tmp, &d->items[j - 1]); j--)
			d->items[j] = d->items[j - 1];
		d->items[j] = tmp;
	}
	/*
	 * Checking one file twice (for two questionnaires) repeats findings.
	 * Twins share a position, so they are in the same run after sorting.
	 */
	for (i = 0, j = 0; i < d->count; i++) {
		size_t k = j;
		int twin = 0;

		while (k > 0 && !twin && same_position(&d->items[k - 1], &d->items[i])) {
			twin = memcmp(&d->items[k - 1], &d->items[i],
				sizeof(d->items[i])) == 0;
			k--;
		}
		if (twin) {
			if (d->items[i].severity == SRMGAP_DIAG_ERROR)
				d->errors--;
			else
				d->warnings--;
			continue;
		}
		d->items[j++] = d->items[i];
	}
	d->count = j;
}
