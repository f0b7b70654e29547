/*
 * srmgap validate: check model folders, questionnaires or whole catalogs
 * and print every problem as FILE:LINE:COL: message.
 */
#include "cli.h"

static const cli_option options[] = {
	{ NULL, 0, NULL, NULL }
};

static const cli_spec spec = {
	"PATH...",
	"Validate a model folder (controls/<id>, with its questionnaires), a\n"
	"questionnaire file (questionnaires/<id>[.<variant>].csv, with its model)\n"
	"or a catalog folder (every model in it). Exit 2 if any error is found.",
	options, 1, 256
};

int cmd_validate(cli *c, int argc, char **argv)
{
	const char *values[4] = { NULL }, *args[256];
	srmgap_catalog cat;
	srmgap_diags d;
	srmgap_error err;
	size_t nargs, i;
	int rc, exit_code = EXIT_OK;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	rc = cli_catalog(c, &cat);
	if (rc != EXIT_OK)
		return rc;
	srmgap_diags_init(&d);
	for (i = 0; i < nargs; i++) {
		srmgap_error_clear(&err);
		rc = srmgap_catalog_validate(&cat, args[i], &d, &err);
		if (rc == SRMGAP_EINVALID || rc == SRMGAP_OK)
			continue;
		if (rc == SRMGAP_ENOTFOUND) {
			srmgap_diags_add(&d, SRMGAP_DIAG_ERROR, args[i], 0, 0, "%s",
				err.msg);
			continue;
		}
		exit_code = cli_error(&err);
	}
	cli_print_diags(&d);
	if (d.errors > 0) {
		fprintf(stderr, "srmgap: %zu error%s, %zu warning%s\n", d.errors,
			d.errors == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
		/* A runtime failure (exit 1) outranks invalid input. */
		if (exit_code == EXIT_OK)
			exit_code = EXIT_INVALID;
	} else if (exit_code == EXIT_OK) {
		printf("ok: %zu path%s valid", nargs, nargs == 1 ? "" : "s");
		if (d.warnings > 0)
			printf(", %zu warning%s", d.warnings, d.warnings == 1 ? "" : "s");
		printf("\n");
	}
	srmgap_diags_release(&d);
	srmgap_catalog_release(&cat);
	return exit_code;
}
