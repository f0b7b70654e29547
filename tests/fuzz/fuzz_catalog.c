/*
 * libFuzzer target: arbitrary bytes as a questionnaire CSV for a small
 * fixed model, then every field of every row as an answer to every
 * question built. Exercises the CSV reader (quoting, line counting,
 * UTF-8 checks), the question builder (options, depends_on, PCRE2
 * patterns under limits) and answer parsing and scoring.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "srmgap/answer.h"
#include "csv_int.h"
#include "model_int.h"

static const srmgap_csv_col cols[] = {
	{ "question", 1 }, { "control", 1 }, { "text", 1 }, { "type", 1 },
	{ "options", 0 }, { "weight", 0 }, { "required", 0 },
	{ "depends_on", 0 }, { "pattern", 0 }, { "help", 0 }
};

typedef struct fuzz_ctx {
	srmgap_model *m;
	srmgap_diags d;
	int idx[F_Q_N];
	int bad;
} fuzz_ctx;

static int on_row(const srmgap_csv_row *row, void *vctx)
{
	fuzz_ctx *c = vctx;
	const char *f[F_Q_N];
	srmgap_src src = { "fuzz.csv", row->line, NULL };
	size_t k, q;

	if (row->index == 0) {
		c->bad = srmgap_csv__map_header(row, cols, F_Q_N, c->idx, &c->d) != 0;
		return 0;
	}
	if (c->bad)
		return 0;
	for (k = 0; k < F_Q_N; k++)
		f[k] = srmgap_csv__field(row, c->idx[k]);
	if (srmgap_model__question(c->m, f, &src, &c->d) != SRMGAP_OK)
		return SRMGAP_ENOMEM;
	/* Every field of the row as an answer to every question so far. */
	for (q = 0; q < c->m->nquestions && q < 8; q++) {
		for (k = 0; k < row->nfields && k < 12; k++) {
			srmgap_error err;
			char *canon = NULL;
			double s;

			if (row->fields[k][0] == '\0')
				continue;
			if (srmgap_answer_parse(&canon, &c->m->questions[q],
				row->fields[k], &err) == SRMGAP_OK) {
				(void)srmgap_answer_score(&c->m->questions[q], canon, 20000,
					&s);
				(void)srmgap_answer_enables(&c->m->questions[q], canon);
			}
			free(canon);
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const party[] = { "customer", "Customer", "customer" };
	static const char *const prov[] = { "cloud", "Cloud", "provider" };
	static const char *const duties[] = { "keep users", "run it" };
	static const char *const ctl[] = {
		"C1", "a1", "Control", "customer", "high", "", "", "", ""
	};
	srmgap_src src = { "fuzz", 1, NULL };
	srmgap_error err;
	fuzz_ctx c;

	memset(&c, 0, sizeof(c));
	srmgap_diags_init(&c.d);
	if (srmgap_model__new(&c.m, "fuzz", "") != SRMGAP_OK)
		return 0;
	srmgap_model__meta(c.m, "title", "Fuzz", &src, &c.d);
	srmgap_model__meta(c.m, "version", "1", &src, &c.d);
	srmgap_model__party(c.m, party, &src, &c.d);
	srmgap_model__party(c.m, prov, &src, &c.d);
	srmgap_model__area(c.m, "a1", "Area", duties, &src, &c.d);
	srmgap_model__control(c.m, ctl, &src, &c.d);
	c.m->questionnaire_path = strdup("fuzz.csv");
	(void)srmgap_csv__parse_buffer("fuzz.csv", (const char *)data, size,
		on_row, &c, &err);
	(void)srmgap_model__finish(c.m, "fuzz", &c.d, 0);
	srmgap_model_free(c.m);
	srmgap_diags_release(&c.d);
	return 0;
}
