/*
 * srmgap import: answers from CSV, for one assessment or many (--bulk).
 */
#include <string.h>

#include "cli.h"

enum { O_BULK, O_MODEL, O_QUESTIONNAIRE };

static const cli_option options[] = {
	{ "bulk", 0, "FILE", "many assessments in one file ('assessment' column)" },
	{ "model", 'm', "ID", "with --bulk: model of assessments to create" },
	{ "questionnaire", 'q', "VARIANT", "with --bulk: questionnaire variant" },
	{ NULL, 0, NULL, NULL }
};

static const cli_spec spec = {
	"NAME FILE.csv | --bulk FILE.csv --model ID [--questionnaire VARIANT]",
	"Import answers (columns question,answer[,evidence,evidence_date,note]).\n"
	"An import is\n"
	"all or nothing: any invalid row rejects the whole file, every problem\n"
	"is listed as FILE:LINE:COL, and the database is left as it was. An\n"
	"answer imported again replaces the old one, which is kept in history.\n"
	"FILE may be '-' for standard input.",
	options, 0, 2
};

int cmd_import(cli *c, int argc, char **argv)
{
	const char *values[8] = { NULL }, *args[2];
	srmgap_catalog cat;
	srmgap_store *s = NULL;
	srmgap_model *m = NULL;
	srmgap_import_stats st;
	srmgap_diags d;
	srmgap_error err;
	const char *file, *shown;
	size_t nargs;
	int rc;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	if (values[O_BULK] != NULL ? nargs != 0 : nargs != 2)
		return cli_fail(EXIT_INVALID, "import: expected NAME FILE.csv, or "
			"--bulk FILE.csv --model ID");
	if (values[O_BULK] == NULL &&
	    (values[O_MODEL] != NULL || values[O_QUESTIONNAIRE] != NULL))
		return cli_fail(EXIT_INVALID, "import: --model and --questionnaire go "
			"with --bulk (an assessment keeps the model it was created on)");
	file = values[O_BULK] ? values[O_BULK] : args[1];
	shown = strcmp(file, "-") == 0 ? "<stdin>" : file;
	srmgap_catalog_init(&cat);
	srmgap_diags_init(&d);
	srmgap_error_clear(&err);
	if (values[O_MODEL] != NULL) {
		rc = cli_catalog(c, &cat);
		if (rc != EXIT_OK)
			goto done;
		if (srmgap_catalog_load(&m, &cat, values[O_MODEL],
		    values[O_QUESTIONNAIRE], &d, &err) != SRMGAP_OK) {
			cli_print_diags(&d);
			rc = cli_error(&err);
			goto done;
		}
	}
	rc = cli_open_store(c, &s, values[O_BULK] != NULL);
	if (rc != EXIT_OK)
		goto done;
	rc = srmgap_import(s, file, values[O_BULK] ? NULL : args[0], m, &d, &st,
		&err);
	cli_print_diags(&d);
	if (rc != SRMGAP_OK) {
		if (rc == SRMGAP_EINVALID && d.errors > 0)
			fprintf(stderr, "srmgap: %zu error%s in '%s'; nothing was "
				"imported\n", d.errors, d.errors == 1 ? "" : "s", shown);
		else
			cli_error(&err);
		rc = cli_exit_code(rc);
		goto done;
	}
	printf("imported %zu row%s from '%s': %zu new, %zu replaced, %zu "
		"unchanged, %zu empty", st.rows, st.rows == 1 ? "" : "s", shown,
		st.inserted, st.replaced, st.unchanged, st.empty);
	if (values[O_BULK] != NULL)
		printf("; %zu assessment%s, %zu created", st.assessments,
			st.assessments == 1 ? "" : "s", st.created);
	printf("\n");
	rc = EXIT_OK;
done:
	srmgap_store_close(s);
	srmgap_model_free(m);
	srmgap_diags_release(&d);
	srmgap_catalog_release(&cat);
	return rc;
}
