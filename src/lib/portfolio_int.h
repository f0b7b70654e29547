/*
 * The JSON side of the portfolio writer (portfolio.c), kept in
 * report_json.c with the rest of the JSON layout. Internal to the library.
 */
#ifndef SRMGAP_PORTFOLIO_INT_H
#define SRMGAP_PORTFOLIO_INT_H

#include <stdio.h>

#include "srmgap/report.h"

/*
 * Write the portfolio entry of `a` (`m` and `r` NULL when its snapshot is
 * damaged) as an indented JSON object, each line starting with `indent`,
 * without a line end after it. SRMGAP_OK, SRMGAP_ENOMEM or SRMGAP_EIO.
 */
int srmgap_portfolio__json_entry(FILE *out, const char *indent,
	const srmgap_assessment *a, const srmgap_model *m,
	const srmgap_result *r, srmgap_error *err);

#endif
