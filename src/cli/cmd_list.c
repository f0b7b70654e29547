/*
 * srmgap list: every assessment with its model, progress and score.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_option options[] = {
	{ NULL, 0, NULL, NULL }
};

static const cli_spec spec = {
	"",
	"List the assessments in the database: model, questions answered, the\n"
	"overall score as of today, and whether it is signed off.",
	options, 0, 0
};

typedef struct row {
	char *name, *model;
	int damaged, signed_off;
	size_t answered, total;
	int scored;
	double score;
} row;

typedef struct list_ctx {
	row *rows;
	size_t n, damaged;
	long asof;
} list_ctx;

static int collect(const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_answers *ans, void *vctx)
{
	list_ctx *l = vctx;
	srmgap_result *r = NULL;
	row *grown = realloc(l->rows, (l->n + 1) * sizeof(*grown));

	if (grown == NULL)
		return SRMGAP_ENOMEM;
	l->rows = grown;
	memset(&grown[l->n], 0, sizeof(grown[l->n]));
	if (m == NULL) {
		/* A damaged snapshot: listed, not scored. */
		cli_printf(stderr, "srmgap: %s: %s\n", a->name, a->problem);
		l->damaged++;
		grown[l->n].damaged = 1;
		grown[l->n].name = strdup(a->name);
		grown[l->n].model = strdup(a->model_id);
		l->n++;
		return grown[l->n - 1].name && grown[l->n - 1].model ? SRMGAP_OK :
			SRMGAP_ENOMEM;
	}
	if (srmgap_score(&r, m, ans, NULL, l->asof) != SRMGAP_OK)
		return SRMGAP_ENOMEM;
	grown[l->n].name = strdup(a->name);
	grown[l->n].model = strdup(m->id);
	grown[l->n].signed_off = a->signed_by != NULL;
	grown[l->n].answered = r->answered;
	grown[l->n].total = r->nquestions;
	grown[l->n].scored = r->scored;
	grown[l->n].score = r->overall;
	srmgap_result_free(r);
	l->n++;
	if (grown[l->n - 1].name == NULL || grown[l->n - 1].model == NULL)
		return SRMGAP_ENOMEM;
	return SRMGAP_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const row *)a)->name, ((const row *)b)->name);
}

int cmd_list(cli *c, int argc, char **argv)
{
	const char *values[4] = { NULL }, *args[1];
	srmgap_store *s = NULL;
	srmgap_error err;
	list_ctx l;
	size_t nargs, i;
	int rc;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	rc = cli_open_store(c, &s, 0);
	if (rc != EXIT_OK)
		return rc;
	memset(&l, 0, sizeof(l));
	l.asof = srmgap_date_today();
	srmgap_error_clear(&err);
	rc = srmgap_store_each(s, collect, &l, &err);
	if (rc == SRMGAP_ENOMEM)
		rc = cli_fail(EXIT_RUNTIME, "out of memory");
	else if (rc != SRMGAP_OK)
		rc = cli_error(&err);
	if (rc == EXIT_OK) {
		if (l.n > 1)
			qsort(l.rows, l.n, sizeof(*l.rows), by_name);
		if (l.n == 0)
			fprintf(stderr, "srmgap: no assessments yet (create one with "
				"'srmgap new NAME --model ID')\n");
		else
			printf("%-28s %-20s %9s %7s  %s\n", "ASSESSMENT", "MODEL",
				"ANSWERED", "SCORE", "STATE");
		for (i = 0; i < l.n; i++) {
			char prog[32], pct[16];

			snprintf(prog, sizeof(prog), "%zu/%zu", l.rows[i].answered,
				l.rows[i].total);
			if (l.rows[i].damaged) {
				snprintf(prog, sizeof(prog), "-");
				snprintf(pct, sizeof(pct), "damaged");
			} else if (l.rows[i].scored) {
				srmgap_report_percent(pct, sizeof(pct), l.rows[i].score);
			} else {
				snprintf(pct, sizeof(pct), "n/a");
			}
			cli_printf(stdout, "%-28s %-20s %9s %7s  %s\n",
				l.rows[i].name, l.rows[i].model, prog, pct,
				l.rows[i].damaged ? "-" : l.rows[i].signed_off ?
				"signed off" : "open");
		}
	}
	/* Listed, but the database needs attention: a runtime failure. */
	if (rc == EXIT_OK && l.damaged > 0)
		rc = cli_fail(EXIT_RUNTIME, "%zu assessment%s could not be scored",
			l.damaged, l.damaged == 1 ? "" : "s");
	for (i = 0; i < l.n; i++) {
		free(l.rows[i].name);
		free(l.rows[i].model);
	}
	free(l.rows);
	srmgap_store_close(s);
	return rc;
}
