/*
 * The portfolio writer (report.h): one CSV row or one JSON entry per
 * assessment, written as the caller walks the store, so that memory stays
 * the same whatever the number of assessments. The JSON frame (format,
 * generator, as-of date, the array) is written here; each entry is
 * built by report_json.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srmgap/report.h"
#include "portfolio_int.h"

struct srmgap_portfolio {
	FILE *fp;
	int format;
	srmgap_csv_dialect dialect;
	size_t entries;
	int finished;
};

static int written(srmgap_portfolio *p, srmgap_error *err)
{
	if (ferror(p->fp))
		return srmgap_error_set(err, SRMGAP_EIO, "cannot write the "
			"portfolio");
	return SRMGAP_OK;
}

/*
 * The error for `rc`, what a CSV header or row writer returned: its own
 * code, also when the stream shows no error.
 */
static int csv_written(int rc, srmgap_error *err)
{
	if (rc == SRMGAP_OK)
		return SRMGAP_OK;
	if (rc == SRMGAP_EUSAGE)
		return srmgap_error_set(err, rc, "invalid CSV delimiter");
	return srmgap_error_set(err, rc, "cannot write the portfolio");
}

int srmgap_portfolio_new(srmgap_portfolio **out, FILE *fp, int format,
	const srmgap_csv_dialect *d, long asof, srmgap_error *err)
{
	srmgap_portfolio *p;
	char date[16];
	int rc;

	*out = NULL;
	if (format != SRMGAP_PORTFOLIO_CSV && format != SRMGAP_PORTFOLIO_JSON)
		return srmgap_error_set(err, SRMGAP_EUSAGE, "unknown portfolio "
			"format %d", format);
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	p->fp = fp;
	p->format = format;
	if (d != NULL)
		p->dialect = *d;
	if (format == SRMGAP_PORTFOLIO_CSV) {
		rc = csv_written(srmgap_portfolio_csv_header(fp, &p->dialect),
			err);
	} else {
		srmgap_date_format(asof, date);
		fprintf(fp, "{\n  \"format\": \"%s\",\n  \"generator\": \"srmgap "
			"%s\",\n  \"as_of\": \"%s\",\n  \"assessments\": [",
			SRMGAP_PORTFOLIO_JSON_FORMAT, SRMGAP_VERSION, date);
		rc = written(p, err);
	}
	if (rc != SRMGAP_OK) {
		free(p);
		return rc;
	}
	*out = p;
	return SRMGAP_OK;
}

int srmgap_portfolio_add(srmgap_portfolio *p, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_result *r, srmgap_error *err)
{
	int rc;

	if (p->finished)
		return srmgap_error_set(err, SRMGAP_EUSAGE, "the portfolio is "
			"finished");
	if (p->format == SRMGAP_PORTFOLIO_CSV) {
		return csv_written(srmgap_portfolio_csv_row(p->fp, a, m, r,
			&p->dialect), err);
	}
	fputs(p->entries > 0 ? ",\n" : "\n", p->fp);
	rc = srmgap_portfolio__json_entry(p->fp, "    ", a, m, r, err);
	if (rc == SRMGAP_OK)
		p->entries++;
	return rc;
}

int srmgap_portfolio_finish(srmgap_portfolio *p, srmgap_error *err)
{
	if (p->finished)
		return srmgap_error_set(err, SRMGAP_EUSAGE, "the portfolio is "
			"finished");
	p->finished = 1;
	if (p->format == SRMGAP_PORTFOLIO_JSON)
		fputs(p->entries > 0 ? "\n  ]\n}\n" : "]\n}\n", p->fp);
	return written(p, err);
}

void srmgap_portfolio_free(srmgap_portfolio *p)
{
	free(p);
}
