/*
 * srmgap new: create an assessment on a snapshot of a catalog model.
 */
#include "cli.h"

enum { O_MODEL, O_QUESTIONNAIRE, O_ORG, O_ASSESSOR };

static const cli_option options[] = {
	{ "model", 'm', "ID", "responsibility model (see 'srmgap models')" },
	{ "questionnaire", 'q', "VARIANT", "questionnaire variant (default: the "
		"model's own)" },
	{ "org", 0, "TEXT", "organisation assessed" },
	{ "assessor", 0, "TEXT", "who runs the assessment" },
	{ NULL, 0, NULL, NULL }
};

static const cli_spec spec = {
	"NAME --model ID [--questionnaire VARIANT] [--org TEXT] [--assessor TEXT]",
	"Create assessment NAME. The model and questionnaire are copied into the\n"
	"database (with their content hash), so later catalog changes do not\n"
	"change this assessment's results.",
	options, 1, 1
};

int cmd_new(cli *c, int argc, char **argv)
{
	const char *values[8] = { NULL }, *args[1];
	srmgap_catalog cat;
	srmgap_store *s = NULL;
	srmgap_model *m = NULL;
	srmgap_diags d;
	srmgap_error err;
	size_t nargs;
	long long id = 0;
	int rc;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	if (values[O_MODEL] == NULL)
		return cli_fail(EXIT_INVALID, "new: --model ID is required (see "
			"'srmgap models')");
	rc = cli_catalog(c, &cat);
	if (rc != EXIT_OK)
		return rc;
	srmgap_diags_init(&d);
	srmgap_error_clear(&err);
	if (srmgap_catalog_load(&m, &cat, values[O_MODEL],
	    values[O_QUESTIONNAIRE], &d, &err) != SRMGAP_OK) {
		cli_print_diags(&d);
		rc = cli_error(&err);
		goto done;
	}
	rc = cli_open_store(c, &s, 1);
	if (rc != EXIT_OK)
		goto done;
	if (srmgap_store_create(&id, s, args[0], m, values[O_ORG],
		values[O_ASSESSOR], &err) != SRMGAP_OK) {
		rc = cli_error(&err);
		goto done;
	}
	printf("created assessment '%s' on %s %s (%zu questions, snapshot %.12s)\n",
		args[0], m->id, m->version, m->nquestions, m->hash);
	rc = EXIT_OK;
done:
	srmgap_store_close(s);
	srmgap_model_free(m);
	srmgap_diags_release(&d);
	srmgap_catalog_release(&cat);
	return rc;
}
