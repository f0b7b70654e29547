/*
 * srmgap review: an auditor's verdict on a control, one at a time or
 * taken back from the filled-in checklist CSV (all or nothing).
 */
#include <string.h>

#include "cli.h"

enum { O_VERDICT, O_COMMENT, O_AUDITOR, O_IMPORT };

static const cli_option options[] = {
	{ "verdict", 0, "VERDICT", "verified, not-verified or needs-evidence" },
	{ "comment", 0, "TEXT", "the finding behind the verdict" },
	{ "auditor", 0, "WHO", "who reviewed (default: the actor)" },
	{ "import", 0, "FILE", "take the verdicts of a filled-in checklist CSV "
		"('-': standard input)" },
	{ NULL, 0, NULL, NULL }
};

static const cli_spec spec = {
	"NAME CONTROL --verdict VERDICT [--comment TEXT] [--auditor WHO]\n"
	"       srmgap review NAME --import FILE.csv [--auditor WHO]",
	"Record an auditor's verdict on a customer control. A control counts in\n"
	"the verified score only when it is verified; not-verified and\n"
	"needs-evidence count as not met. With --import, the verdict and comment\n"
	"columns of the checklist ('srmgap checklist NAME --format csv') are\n"
	"recorded; rows with an empty verdict stay unreviewed.",
	options, 1, 2
};

static int import_reviews(srmgap_store *s, const cli_scored *sc,
	const char *path, const char *auditor)
{
	srmgap_review_stats st;
	srmgap_diags d;
	srmgap_error err;
	int rc;

	srmgap_diags_init(&d);
	srmgap_error_clear(&err);
	rc = srmgap_review_import(s, path, sc->a, sc->m, auditor, &d, &st, &err);
	cli_print_diags(&d);
	srmgap_diags_release(&d);
	if (rc != SRMGAP_OK)
		return cli_error(&err);
	cli_printf(stdout, "recorded %zu verdict%s from '%s' on '%s': %zu "
		"unchanged, %zu row%s without a verdict\n", st.recorded,
		st.recorded == 1 ? "" : "s", path, sc->a->name, st.unchanged,
		st.empty, st.empty == 1 ? "" : "s");
	return EXIT_OK;
}

int cmd_review(cli *c, int argc, char **argv)
{
	const char *values[8] = { NULL }, *args[2];
	srmgap_store *s = NULL;
	srmgap_verdict v = SRMGAP_VERDICT_NONE;
	srmgap_error err;
	cli_scored sc;
	size_t nargs;
	long ci;
	int rc;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	if (values[O_IMPORT] != NULL) {
		if (nargs != 1 || values[O_VERDICT] || values[O_COMMENT])
			return cli_fail(EXIT_INVALID, "review: --import takes the "
				"verdicts from the file: no CONTROL, --verdict or "
				"--comment");
	} else if (nargs != 2 || values[O_VERDICT] == NULL) {
		return cli_fail(EXIT_INVALID, "review: give CONTROL and --verdict "
			"(or --import FILE)");
	} else if (srmgap_verdict_parse(&v, values[O_VERDICT]) != SRMGAP_OK) {
		return cli_fail(EXIT_INVALID, "review: invalid verdict '%s' "
			"(expected verified, not-verified or needs-evidence)",
			values[O_VERDICT]);
	}
	rc = cli_open_scored(c, args[0], srmgap_date_today(), &s, &sc);
	if (rc != EXIT_OK)
		return rc;
	if (values[O_IMPORT] != NULL) {
		rc = import_reviews(s, &sc, values[O_IMPORT], values[O_AUDITOR]);
		goto done;
	}
	ci = srmgap_model_control_named(sc.m, args[1]);
	if (ci < 0) {
		rc = cli_fail(EXIT_INVALID, "review: no control '%s' in model '%s' "
			"of '%s'", args[1], sc.m->id, sc.a->name);
		goto done;
	}
	if (!srmgap_control_scored(&sc.m->controls[ci])) {
		rc = cli_fail(EXIT_INVALID, "review: control '%s' belongs to the "
			"provider: it takes no verdict", args[1]);
		goto done;
	}
	srmgap_error_clear(&err);
	if (srmgap_store_put_review(s, sc.a->id, sc.m, (size_t)ci, v,
	    values[O_COMMENT], values[O_AUDITOR], &err) != SRMGAP_OK) {
		rc = cli_error(&err);
		goto done;
	}
	cli_printf(stdout, "%s: %s is %s\n", sc.a->name, sc.m->controls[ci].id,
		srmgap_verdict_name(v));
	rc = EXIT_OK;
done:
	cli_close_scored(s, &sc);
	return rc;
}
