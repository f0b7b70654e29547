/*
 * Helpers the cmocka binaries share: a tolerant comparison for scores,
 * printing diagnostics when a check fails, and removing a test's scratch
 * folder. Included after <cmocka.h>; everything is static inline so each
 * binary takes only what it uses.
 */
#ifndef SRMGAP_TESTS_UNIT_H
#define SRMGAP_TESTS_UNIT_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "srmgap/common.h"

/*
 * cmocka 1.1's assert_float_equal compares as float; scores are doubles
 * and are compared to 1e-9 here.
 */
static inline void assert_near_(double got, double want, const char *expr,
	const char *file, int line)
{
	if (got - want > 1e-9 || want - got > 1e-9) {
		print_error("%s is %.17g, expected %.17g\n", expr, got, want);
		_fail(file, line);
	}
}
#define assert_near(got, want) \
	assert_near_((got), (want), #got, __FILE__, __LINE__)

/* Print every diagnostic, to explain a failed check. */
static inline void dump_diags(const srmgap_diags *d)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		print_error("diag %s: %s:%lu:%lu: %s\n",
			d->items[i].severity == SRMGAP_DIAG_ERROR ? "error" : "warning",
			d->items[i].path, d->items[i].line, d->items[i].column,
			d->items[i].msg);
}

/* Remove a scratch folder and the files in it (no subfolders). */
static inline void remove_dir(const char *dir)
{
	char path[512];
	struct dirent *de;
	DIR *dh = opendir(dir);

	for (;;) {
		de = dh != NULL ? readdir(dh) : NULL;
		if (de == NULL)
			break;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	if (dh != NULL)
		closedir(dh);
	rmdir(dir);
}

#endif
