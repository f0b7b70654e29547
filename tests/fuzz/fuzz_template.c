/*
 * libFuzzer target: arbitrary bytes as an HTML or Markdown report
 * template. A template that parses is rendered in both formats for a
 * fixed assessment (the bundled cloudbees-unify model with its example
 * answers), whose text the first input bytes also seed into an answer's
 * evidence, so the escapers see hostile bytes too. Exercises the
 * template parser (tags, sections, positions, UTF-8 checks), the
 * renderers and the HTML and Markdown escapers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srmgap/srmgap.h"

static srmgap_model *model;
static srmgap_answers answers;
static srmgap_assessment assessment;
static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	srmgap_catalog cat;
	srmgap_diags d;
	srmgap_error err;

	(void)argc;
	(void)argv;
	srmgap_catalog_init(&cat);
	srmgap_diags_init(&d);
	if (srmgap_catalog_add(&cat, ".") != SRMGAP_OK ||
	    srmgap_catalog_load(&model, &cat, "cloudbees-unify", NULL, &d,
	    &err) != SRMGAP_OK || srmgap_answers_init(&answers, model) !=
	    SRMGAP_OK) {
		fprintf(stderr, "fuzz_template: run from the source tree (%s)\n",
			err.msg);
		exit(1);
	}
	srmgap_diags_release(&d);
	srmgap_catalog_release(&cat);
	assessment.name = "fuzz";
	assessment.org = "Org";
	assessment.assessor = "";
	assessment.created_at = "2026-11-29T00:00:00Z";
	assessment.model_id = model->id;
	assessment.variant = "";
	assessment.hash = model->hash;
	assessment.model_title = model->title;
	assessment.model_version = model->version;
	sink = fopen("/dev/null", "w");
	return sink ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	srmgap_template *t = NULL;
	srmgap_result *r = NULL;
	srmgap_report_opts o = { 0, 0, 80 };
	srmgap_error err;
	char *text = malloc(size + 1);

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* The input as evidence too (up to its first NUL). */
	answers.items[0].value = "yes";
	answers.items[0].evidence = text;
	answers.items[0].evidence_date = "";
	answers.items[0].note = text;
	if (srmgap_score(&r, model, &answers, NULL, 20786) == SRMGAP_OK &&
	    srmgap_template_parse(&t, (const char *)data, size, "fuzz", &err) ==
	    SRMGAP_OK) {
		srmgap_report_html(sink, t, &assessment, model, &answers, NULL, r,
			&o);
		srmgap_report_markdown(sink, t, &assessment, model, &answers, NULL,
			r, &o);
	}
	answers.items[0].value = NULL;
	answers.items[0].evidence = NULL;
	answers.items[0].evidence_date = NULL;
	answers.items[0].note = NULL;
	srmgap_template_free(t);
	srmgap_result_free(r);
	free(text);
	return 0;
}
