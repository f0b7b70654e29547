/*
 * srmgap scenarios: the model's scenario table (who is responsible when
 * something happens), filtered by words.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { O_MODEL };

static const cli_option options[] = {
	{ "model", 'm', "ID", "responsibility model (see 'srmgap models')" },
	{ NULL, 0, NULL, NULL }
};

static const cli_spec spec = {
	"--model ID [WORDS...]",
	"List the model's scenarios: what happens, who is responsible, and what\n"
	"the provider and the customer each have to do. With WORDS, only the\n"
	"scenarios whose text contains every word (case-insensitive).",
	options, 0, 64
};

static int contains_word(const char *hay, const char *word)
{
	size_t n = strlen(word), i, k;

	for (i = 0; hay[i] != '\0'; i++) {
		for (k = 0; k < n && hay[i + k] != '\0'; k++) {
			if (tolower((unsigned char)hay[i + k]) !=
			    tolower((unsigned char)word[k]))
				break;
		}
		if (k == n)
			return 1;
	}
	return n == 0;
}

static const char *party_name(const srmgap_model *m, const char *id)
{
	size_t i;

	for (i = 0; i < m->nparties; i++) {
		if (strcmp(m->parties[i].id, id) == 0)
			return m->parties[i].name;
	}
	return strcmp(id, "shared") == 0 ? "Shared" : id;
}

int cmd_scenarios(cli *c, int argc, char **argv)
{
	const char *values[4] = { NULL }, *args[64];
	srmgap_catalog cat;
	srmgap_model *m = NULL;
	srmgap_diags d;
	srmgap_error err;
	char *dir = NULL;
	size_t nargs, i, k, shown = 0;
	int rc;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	if (values[O_MODEL] == NULL)
		return cli_fail(EXIT_INVALID, "scenarios: --model ID is required");
	rc = cli_catalog(c, &cat);
	if (rc != EXIT_OK)
		return rc;
	srmgap_diags_init(&d);
	srmgap_error_clear(&err);
	/* Scenarios belong to the model: no questionnaire needed. */
	if (srmgap_catalog_find(&dir, &cat, values[O_MODEL], &err) != SRMGAP_OK ||
	    srmgap_model_load_files(&m, dir, NULL, &d, &err) != SRMGAP_OK) {
		cli_print_diags(&d);
		rc = cli_error(&err);
		goto done;
	}
	for (i = 0; i < m->nscenarios; i++) {
		const srmgap_scenario *sc = &m->scenarios[i];
		int match = 1;

		for (k = 0; k < nargs && match; k++)
			match = contains_word(sc->scenario, args[k]) ||
				contains_word(sc->provider_duty, args[k]) ||
				contains_word(sc->customer_duty, args[k]) ||
				contains_word(party_name(m, sc->owner), args[k]);
		if (!match)
			continue;
		if (shown++ > 0)
			printf("\n");
		srmgap_report_wrap(stdout, sc->scenario, 0, 2, 80);
		printf("  responsible: %s\n", party_name(m, sc->owner));
		if (sc->provider_duty[0] != '\0') {
			printf("  provider:    ");
			srmgap_report_wrap(stdout, sc->provider_duty, 15, 15, 80);
		}
		if (sc->customer_duty[0] != '\0') {
			printf("  customer:    ");
			srmgap_report_wrap(stdout, sc->customer_duty, 15, 15, 80);
		}
	}
	if (m->nscenarios == 0)
		fprintf(stderr, "srmgap: model '%s' has no scenarios\n", m->id);
	else if (shown == 0)
		fprintf(stderr, "srmgap: no scenario matches\n");
	rc = EXIT_OK;
done:
	free(dir);
	srmgap_model_free(m);
	srmgap_diags_release(&d);
	srmgap_catalog_release(&cat);
	return rc;
}
