/*
 * srmgap models: the models on the catalog path, with their parties,
 * areas and the size of each questionnaire.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_option options[] = {
	{ NULL, 0, NULL, NULL }
};

static const cli_spec spec = {
	"[--catalog DIR]",
	"List the responsibility models found on the catalog path: --catalog,\n"
	"then $SRMGAP_CATALOG, then the installed share folder, then the source\n"
	"tree. The first folder that has a model id wins.",
	options, 0, 0
};

int cmd_models(cli *c, int argc, char **argv)
{
	const char *values[8] = { NULL }, *args[1];
	srmgap_catalog cat;
	srmgap_catalog_entry *list = NULL;
	srmgap_error err;
	size_t nargs, n = 0, i, k, p;
	int rc;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	rc = cli_catalog(c, &cat);
	if (rc != EXIT_OK)
		return rc;
	srmgap_error_clear(&err);
	if (srmgap_catalog_list(&list, &n, &cat, &err) != SRMGAP_OK) {
		srmgap_catalog_release(&cat);
		return cli_error(&err);
	}
	if (n == 0)
		fprintf(stderr, "srmgap: no models on the catalog path\n");
	for (i = 0; i < n; i++) {
		srmgap_model *m = NULL;
		srmgap_diags d;
		char dir[4096];

		srmgap_diags_init(&d);
		srmgap_error_clear(&err);
		if (i > 0)
			printf("\n");
		printf("%s  (%s/controls/%s)\n", list[i].id, list[i].dir, list[i].id);
		snprintf(dir, sizeof(dir), "%s/controls/%s", list[i].dir, list[i].id);
		if (srmgap_model_load_files(&m, dir, NULL, &d, &err) != SRMGAP_OK) {
			printf("  invalid: %s (run 'srmgap validate %s/controls/%s')\n",
				err.msg, list[i].dir, list[i].id);
			srmgap_diags_release(&d);
			continue;
		}
		printf("  %s, version %s\n", m->title, m->version);
		printf("  parties:  ");
		for (p = 0; p < m->nparties; p++)
			printf("%s%s (%s)", p ? ", " : "", m->parties[p].id,
				m->parties[p].is_customer ? "customer" : "provider");
		printf("\n  areas:    %zu\n", m->nareas);
		printf("  controls: %zu (%zu customer or shared)\n", m->ncontrols,
			srmgap_model_scored_controls(m));
		if (m->nscenarios > 0)
			printf("  scenarios: %zu\n", m->nscenarios);
		srmgap_model_free(m);
		for (k = 0; k < list[i].nvariants; k++) {
			const char *v = list[i].variants[k];

			srmgap_diags_release(&d);
			srmgap_diags_init(&d);
			m = NULL;
			if (srmgap_catalog_load(&m, &cat, list[i].id, v, &d, &err) ==
			    SRMGAP_OK)
				printf("  questionnaire %-10s %zu questions\n",
					v[0] ? v : "(default)", m->nquestions);
			else
				printf("  questionnaire %-10s invalid\n",
					v[0] ? v : "(default)");
			srmgap_model_free(m);
		}
		srmgap_diags_release(&d);
	}
	srmgap_catalog_entries_free(list, n);
	srmgap_catalog_release(&cat);
	return EXIT_OK;
}
