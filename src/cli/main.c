/*
 * srmgap's entry point: global options, then the command table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_command commands[] = {
	{ "models", cmd_models, "list the responsibility models on the catalog path" },
	{ "validate", cmd_validate, "check model folders and questionnaires" },
	{ "scenarios", cmd_scenarios, "who is responsible when something happens" },
	{ "new", cmd_new, "create an assessment on a model" },
	{ "import", cmd_import, "import answers from CSV" },
	{ "run", cmd_run, "answer the questionnaire at a terminal" },
	{ "list", cmd_list, "list assessments with progress and score" },
	{ "score", cmd_score, "overall and per-area scores" },
	{ "report", cmd_report, "the gap report" },
	{ "checklist", cmd_checklist, "the auditor's checklist of customer controls" },
	{ "review", cmd_review, "record an auditor's verdict on controls" },
	{ "signoff", cmd_signoff, "sign an assessment off (freezes it)" },
	{ "reopen", cmd_reopen, "reopen a signed-off assessment, with a reason" },
	{ "log", cmd_log, "the trail of every change" },
	{ "verify", cmd_verify, "check the trail against the database" },
	{ "diff", cmd_diff, "compare two assessments" },
	{ NULL, NULL, NULL }
};

static void usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: srmgap [--db FILE] [--catalog DIR] [--actor WHO] "
		"<command> [<args>]\n       srmgap --version\n\nCommands:\n");
	for (i = 0; commands[i].name != NULL; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(fp, "\n'srmgap <command> --help' describes a command.\n");
}

int main(int argc, char **argv)
{
	cli c;
	int i = 1;
	size_t k;

	memset(&c, 0, sizeof(c));
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];

		if (strcmp(a, "--version") == 0) {
			printf("srmgap %s\n", SRMGAP_VERSION);
			return EXIT_OK;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--db") == 0 || strcmp(a, "--catalog") == 0 ||
		    strcmp(a, "--actor") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "srmgap: option '%s' needs a value\n", a);
				return EXIT_INVALID;
			}
			if (a[2] == 'd')
				c.db = argv[i + 1];
			else if (a[2] == 'c')
				c.catalog = argv[i + 1];
			else
				c.actor = argv[i + 1];
			i += 2;
		} else if (strncmp(a, "--actor=", 8) == 0) {
			c.actor = a + 8;
			i++;
		} else if (strncmp(a, "--db=", 5) == 0) {
			c.db = a + 5;
			i++;
		} else if (strncmp(a, "--catalog=", 10) == 0) {
			c.catalog = a + 10;
			i++;
		} else {
			fprintf(stderr, "srmgap: unknown option '%s'\n", a);
			usage(stderr);
			return EXIT_INVALID;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_INVALID;
	}
	for (k = 0; commands[k].name != NULL; k++) {
		if (strcmp(commands[k].name, argv[i]) == 0) {
			c.command = commands[k].name;
			return commands[k].run(&c, argc - i, argv + i);
		}
	}
	fprintf(stderr, "srmgap: unknown command '%s'\n", argv[i]);
	usage(stderr);
	return EXIT_INVALID;
}
