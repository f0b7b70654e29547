/*
 * srmgap new: create an assessment on a snapshot of a catalog model,
 * empty or (--from) starting from an earlier assessment's answers, which
 * stay marked as carried over until someone confirms or changes them.
 */
#include "cli.h"

enum { O_MODEL, O_QUESTIONNAIRE, O_ORG, O_ASSESSOR, O_FROM };

static const cli_option options[] = {
	{ "model", 'm', "ID", "responsibility model (see 'srmgap models')" },
	{ "questionnaire", 'q', "VARIANT", "questionnaire variant (default: the "
		"model's own)" },
	{ "org", 0, "TEXT", "organisation assessed" },
	{ "assessor", 0, "TEXT", "who runs the assessment" },
	{ "from", 0, "OLD", "start from the answers of assessment OLD (its model, "
		"organisation and assessor are the defaults)" },
	{ NULL, 0, NULL, NULL }
};

static const cli_spec spec = {
	"NAME (--model ID | --from OLD) [--questionnaire VARIANT] [--org TEXT]\n"
	"       [--assessor TEXT]",
	"Create assessment NAME. The model and questionnaire are copied into the\n"
	"database (with their content hash), so later catalog changes do not\n"
	"change this assessment's results. With --from, the answers of OLD are\n"
	"copied (matched by question id, on the model as the catalog has it\n"
	"now) and marked as carried over until confirmed or changed.",
	options, 1, 1
};

int cmd_new(cli *c, int argc, char **argv)
{
	const char *values[8] = { NULL }, *args[1];
	srmgap_catalog cat;
	srmgap_store *s = NULL;
	srmgap_model *m = NULL;
	srmgap_assessment *from = NULL;
	const char *model, *variant, *org, *assessor;
	size_t copied = 0;
	srmgap_diags d;
	srmgap_error err;
	size_t nargs;
	long long id = 0;
	int rc;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	if (values[O_MODEL] == NULL && values[O_FROM] == NULL)
		return cli_fail(EXIT_INVALID, "new: --model ID is required (see "
			"'srmgap models'), or --from OLD");
	rc = cli_catalog(c, &cat);
	if (rc != EXIT_OK)
		return rc;
	srmgap_diags_init(&d);
	srmgap_error_clear(&err);
	model = values[O_MODEL];
	variant = values[O_QUESTIONNAIRE];
	org = values[O_ORG];
	assessor = values[O_ASSESSOR];
	/*
	 * --from reads the database (which must exist) before the catalog;
	 * otherwise a model that does not load must not leave a new, empty
	 * database behind, so the database comes after the catalog.
	 */
	if (values[O_FROM] != NULL) {
		rc = cli_open_store(c, &s, 0);
		if (rc != EXIT_OK)
			goto done;
		if (srmgap_store_get(&from, s, values[O_FROM], &err) != SRMGAP_OK) {
			rc = cli_error(&err);
			goto done;
		}
		if (model == NULL) {
			model = from->model_id;
			if (variant == NULL && from->variant[0] != '\0')
				variant = from->variant;
		}
		if (org == NULL && from->org[0] != '\0')
			org = from->org;
		if (assessor == NULL && from->assessor[0] != '\0')
			assessor = from->assessor;
	}
	rc = srmgap_catalog_load(&m, &cat, model, variant, &d, &err);
	/*
	 * OLD's model gone from the catalog path: carry on with the snapshot
	 * OLD was made on, which the database still holds.
	 */
	if (rc == SRMGAP_ENOTFOUND && from != NULL && values[O_MODEL] == NULL &&
	    values[O_QUESTIONNAIRE] == NULL) {
		cli_printf(stderr, "srmgap: model '%s' is not on the catalog path: "
			"'%s' uses the snapshot '%s' was made on\n", model, args[0],
			from->name);
		srmgap_error_clear(&err);
		rc = srmgap_store_load_model(&m, s, from->snapshot_id, &err);
	}
	if (rc != SRMGAP_OK) {
		cli_print_diags(&d);
		rc = cli_error(&err);
		goto done;
	}
	if (s == NULL) {
		rc = cli_open_store(c, &s, 1);
		if (rc != EXIT_OK)
			goto done;
	}
	if (from != NULL)
		rc = srmgap_store_create_from(&id, &copied, s, args[0], m, org,
			assessor, from, &err);
	else
		rc = srmgap_store_create(&id, s, args[0], m, org, assessor, &err);
	if (rc != SRMGAP_OK) {
		rc = cli_error(&err);
		goto done;
	}
	cli_printf(stdout, "created assessment '%s' on %s %s (%zu questions, "
		"snapshot %.12s)\n", args[0], m->id, m->version, m->nquestions,
		m->hash);
	if (from != NULL)
		cli_printf(stdout, "carried over %zu of %ld answers from '%s': each "
			"stays marked until it is confirmed or changed\n", copied,
			from->answered, from->name);
	if (from != NULL && copied < (size_t)from->answered)
		cli_printf(stderr, "srmgap: warning: %ld answers of '%s' were not "
			"carried over: their questions are not in %s %s, or it no "
			"longer accepts their values\n", from->answered - (long)copied,
			from->name, m->id, m->version);
	rc = EXIT_OK;
done:
	srmgap_store_close(s);
	srmgap_assessment_free(from);
	srmgap_model_free(m);
	srmgap_diags_release(&d);
	srmgap_catalog_release(&cat);
	return rc;
}
