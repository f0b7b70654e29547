/*
 * srmgap signoff and srmgap reopen: an auditor freezes an assessment,
 * and unfreezes it only with a reason that stays in the trail.
 */
#include "cli.h"

enum { O_AUDITOR, O_STATEMENT };

static const cli_option signoff_options[] = {
	{ "auditor", 0, "WHO", "the auditor signing (required)" },
	{ "statement", 0, "TEXT", "the auditor's statement" },
	{ NULL, 0, NULL, NULL }
};

static const cli_spec signoff_spec = {
	"NAME --auditor WHO [--statement TEXT]",
	"Sign assessment NAME off. From then on nothing changes its answers or\n"
	"verdicts until 'srmgap reopen'. The sign-off is sealed in the trail:\n"
	"reports print who signed, when, and the seal.",
	signoff_options, 1, 1
};

int cmd_signoff(cli *c, int argc, char **argv)
{
	const char *values[4] = { NULL }, *args[1];
	srmgap_store *s = NULL;
	srmgap_error err;
	cli_scored sc;
	size_t nargs, carried = 0, i;
	int rc;

	rc = cli_parse(c, &signoff_spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	if (values[O_AUDITOR] == NULL || values[O_AUDITOR][0] == '\0')
		return cli_fail(EXIT_INVALID, "signoff: --auditor WHO is required");
	rc = cli_open_scored(c, args[0], srmgap_date_today(), &s, &sc);
	if (rc != EXIT_OK)
		return rc;
	srmgap_error_clear(&err);
	if (srmgap_store_signoff(s, sc.a->id, values[O_AUDITOR],
	    values[O_STATEMENT], &err) != SRMGAP_OK) {
		rc = cli_error(&err);
		goto done;
	}
	for (i = 0; i < sc.ans.count; i++)
		carried += sc.ans.items[i].value && sc.ans.items[i].carried;
	/* Allowed (an audit may be limited in scope), but said out loud. */
	if (sc.r->reviewed + sc.r->outdated < sc.r->applicable)
		fprintf(stderr, "srmgap: warning: %zu of %zu controls have no "
			"verdict: they count as unreviewed in the verified score\n",
			sc.r->applicable - sc.r->reviewed - sc.r->outdated,
			sc.r->applicable);
	if (sc.r->outdated > 0)
		fprintf(stderr, "srmgap: warning: %zu verdict%s %s given on answers "
			"that changed since: %s unreviewed in the verified score\n",
			sc.r->outdated, sc.r->outdated == 1 ? "" : "s",
			sc.r->outdated == 1 ? "was" : "were",
			sc.r->outdated == 1 ? "it counts as" : "they count as");
	if (carried > 0)
		cli_printf(stderr, "srmgap: warning: %zu answer%s carried over from "
			"'%s' %s not confirmed\n", carried, carried == 1 ? "" : "s",
			sc.a->parent ? sc.a->parent : "an earlier assessment",
			carried == 1 ? "was" : "were");
	srmgap_assessment_free(sc.a);
	sc.a = NULL;
	if (srmgap_store_get(&sc.a, s, args[0], &err) != SRMGAP_OK) {
		rc = cli_error(&err);
		goto done;
	}
	cli_printf(stdout, "signed off '%s' by %s at %s\nseal %s\n",
		sc.a->name, sc.a->signed_by, sc.a->signed_at, sc.a->seal);
	rc = EXIT_OK;
done:
	cli_close_scored(s, &sc);
	return rc;
}

enum { O_REASON };

static const cli_option reopen_options[] = {
	{ "reason", 0, "TEXT", "why the signed assessment must change (required)" },
	{ NULL, 0, NULL, NULL }
};

static const cli_spec reopen_spec = {
	"NAME --reason TEXT",
	"Reopen a signed-off assessment so it can change again. The reason and\n"
	"who reopened it are kept in the trail and the sign-off history.",
	reopen_options, 1, 1
};

int cmd_reopen(cli *c, int argc, char **argv)
{
	const char *values[2] = { NULL }, *args[1];
	srmgap_store *s = NULL;
	srmgap_assessment *a = NULL;
	srmgap_error err;
	size_t nargs;
	int rc;

	rc = cli_parse(c, &reopen_spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	if (values[O_REASON] == NULL || values[O_REASON][0] == '\0')
		return cli_fail(EXIT_INVALID, "reopen: --reason TEXT is required");
	rc = cli_open_store(c, &s, 0);
	if (rc != EXIT_OK)
		return rc;
	srmgap_error_clear(&err);
	if (srmgap_store_get(&a, s, args[0], &err) != SRMGAP_OK ||
	    srmgap_store_reopen(s, a->id, values[O_REASON], &err) != SRMGAP_OK) {
		rc = cli_error(&err);
	} else {
		cli_printf(stdout, "reopened '%s' (signed off by %s at %s)\n",
			a->name, a->signed_by, a->signed_at);
		rc = EXIT_OK;
	}
	srmgap_assessment_free(a);
	srmgap_store_close(s);
	return rc;
}
