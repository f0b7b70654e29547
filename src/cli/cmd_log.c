/*
 * srmgap log and srmgap verify: the trail of every change, and the check
 * that it is intact and still describes what the database holds.
 */
#include <string.h>

#include <jansson.h>

#include "cli.h"

enum { O_FORMAT };

static const cli_option log_options[] = {
	{ "format", 'f', "FMT", "text (default) or csv" },
	{ NULL, 0, NULL, NULL }
};

static const char *const formats[] = { "text", "csv", NULL };

static const cli_spec log_spec = {
	"[NAME] [--format text|csv]",
	"Print the trail of assessment NAME (without NAME: of every assessment),\n"
	"oldest first: when, who, what changed, the old and the new value, and\n"
	"each event's hash. 'srmgap verify' checks it.",
	log_options, 0, 1
};

/* A value of the trail as people read it; "(none)" for nothing. */
static const char *str_of(json_t *obj, const char *key)
{
	const char *v = json_string_value(json_object_get(obj, key));

	return v != NULL && v[0] != '\0' ? v : NULL;
}

static void field_change(const char *label, json_t *o, json_t *n,
	const char *key, int always)
{
	const char *ov = str_of(o, key), *nv = str_of(n, key);

	if (!always && (ov == nv || (ov && nv && strcmp(ov, nv) == 0)))
		return;
	printf("      %s: ", label);
	if (o != NULL && !(ov == NULL && nv != NULL && !always)) {
		cli_put_text(stdout, ov ? ov : "(none)");
		fputs(" -> ", stdout);
	} else if (o != NULL) {
		fputs("(none) -> ", stdout);
	}
	cli_put_text(stdout, nv ? nv : "(none)");
	fputc('\n', stdout);
}

static void answers_text(json_t *o, json_t *n)
{
	const char *qid;
	json_t *nv;

	json_object_foreach(n, qid, nv) {
		json_t *ov = json_object_get(o, qid);
		const char *a = str_of(ov, "value"), *b = str_of(nv, "value");

		fputs("    ", stdout);
		cli_put_text(stdout, qid);
		fputs(": ", stdout);
		cli_put_text(stdout, a ? a : "(none)");
		fputs(" -> ", stdout);
		cli_put_text(stdout, b ? b : "(none)");
		if (json_is_true(json_object_get(nv, "carried")))
			fputs(" (carried over)", stdout);
		else if (json_is_true(json_object_get(ov, "carried")))
			fputs(" (confirmed)", stdout);
		fputc('\n', stdout);
		field_change("evidence", ov, nv, "evidence", 0);
		field_change("evidence as of", ov, nv, "evidence_date", 0);
		field_change("note", ov, nv, "note", 0);
	}
}

static void pairs_text(json_t *n)
{
	const char *key;
	json_t *v;

	json_object_foreach(n, key, v) {
		if (json_is_string(v) && json_string_length(v) == 0)
			continue;
		cli_printf(stdout, "    %s: %s\n", key, json_is_string(v) ?
			json_string_value(v) : "");
	}
}

static int print_event(const srmgap_event *e, void *ctx)
{
	int csv = *(int *)ctx;
	json_t *o, *n;

	if (csv) {
		const char *f[] = { e->at, e->actor, e->assessment, e->kind,
			e->subject, e->old_value, e->new_value, e->prev, e->hash };
		size_t i;

		printf("%lld", e->id);
		for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
			fputc(',', stdout);
			srmgap_csv_cell(stdout, f[i], 1);
		}
		fputs("\r\n", stdout);
		return 0;
	}
	cli_printf(stdout, "#%lld %s %s %s %s%s%s\n    hash %.16s\n", e->id,
		e->at, e->actor, e->kind, e->assessment, e->subject[0] != '\0' ?
		" " : "", e->subject, e->hash);
	o = json_loads(e->old_value, 0, NULL);
	n = json_loads(e->new_value, 0, NULL);
	if (n == NULL) {
		fputs("    (value unreadable: run 'srmgap verify')\n", stdout);
	} else if (strcmp(e->kind, "answers") == 0) {
		answers_text(o, n);
	} else if (strcmp(e->kind, "verdict") == 0) {
		field_change("verdict", o, n, "verdict", 1);
		field_change("comment", o, n, "comment", 0);
		field_change("auditor", o, n, "auditor", 0);
	} else {
		pairs_text(n);
	}
	json_decref(o);
	json_decref(n);
	return 0;
}

/*
 * Open the database and, when `name` is given, check that there is such
 * an assessment: an unknown name is an error, not an empty trail.
 * Returns an exit code; after EXIT_OK the caller closes *s.
 */
static int open_trail(cli *c, const char *name, srmgap_store **s)
{
	srmgap_assessment *a = NULL;
	srmgap_error err;
	int rc;

	rc = cli_open_store(c, s, 0);
	if (rc != EXIT_OK || name == NULL)
		return rc;
	srmgap_error_clear(&err);
	if (srmgap_store_get(&a, *s, name, &err) != SRMGAP_OK) {
		srmgap_store_close(*s);
		*s = NULL;
		return cli_error(&err);
	}
	srmgap_assessment_free(a);
	return EXIT_OK;
}

int cmd_log(cli *c, int argc, char **argv)
{
	const char *values[2] = { NULL }, *args[1] = { NULL };
	srmgap_store *s = NULL;
	srmgap_error err;
	size_t nargs;
	int rc, csv;

	rc = cli_parse(c, &log_spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	csv = cli_format("log", values[O_FORMAT], formats);
	if (csv < 0)
		return EXIT_INVALID;
	rc = open_trail(c, args[0], &s);
	if (rc != EXIT_OK)
		return rc;
	srmgap_error_clear(&err);
	if (csv)
		fputs("event,at,actor,assessment,kind,subject,old,new,prev,hash\r\n",
			stdout);
	if (srmgap_store_events(s, args[0], print_event, &csv, &err) !=
	    SRMGAP_OK)
		rc = cli_error(&err);
	else
		rc = fflush(stdout) == 0 ? EXIT_OK : cli_fail(EXIT_RUNTIME,
			"cannot write the trail");
	srmgap_store_close(s);
	return rc;
}

enum { O_HEAD };

static const cli_option verify_options[] = {
	{ "head", 0, "HASH", "also check that the event with this hash (a head "
		"printed earlier, a sign-off's seal) is still in the trail" },
	{ NULL, 0, NULL, NULL }
};

static const cli_spec verify_spec = {
	"[NAME] [--head HASH]",
	"Recompute the hash chain of the trail, then replay the events of\n"
	"assessment NAME (without NAME: of every assessment) and compare them\n"
	"with the answers, verdicts and sign-off the database holds. Exit 2 and\n"
	"the first event or record that does not match when something was\n"
	"changed outside srmgap. Removing the newest events leaves no trace in\n"
	"the database: keep the head printed here (or a sign-off's seal) and\n"
	"check it later with --head.",
	verify_options, 0, 1
};

int cmd_verify(cli *c, int argc, char **argv)
{
	const char *values[2] = { NULL }, *args[1] = { NULL };
	srmgap_store *s = NULL;
	srmgap_verify_result vr;
	srmgap_error err;
	long long event = 0;
	size_t nargs;
	int rc;

	rc = cli_parse(c, &verify_spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	rc = open_trail(c, args[0], &s);
	if (rc != EXIT_OK)
		return rc;
	srmgap_error_clear(&err);
	rc = srmgap_store_verify(&vr, s, args[0], &err);
	if (rc == SRMGAP_EINVALID) {
		cli_printf(stderr, "srmgap: verify: %s\n", vr.problem);
		/* Only a break in the chain leaves events it cannot vouch for. */
		if (vr.bad_event > vr.intact_to && vr.intact_to > 0)
			fprintf(stderr, "srmgap: the trail is intact up to event "
				"%lld\n", vr.intact_to);
		rc = EXIT_INVALID;
		goto done;
	}
	if (rc == SRMGAP_OK && values[O_HEAD] != NULL)
		rc = srmgap_store_verify_head(&event, s, values[O_HEAD], &err);
	if (rc == SRMGAP_EINVALID) {
		cli_printf(stderr, "srmgap: verify: %s\n", err.msg);
		rc = EXIT_INVALID;
		goto done;
	}
	if (rc != SRMGAP_OK) {
		rc = cli_error(&err);
		goto done;
	}
	printf("trail intact: %zu event%s, %zu assessment%s match%s it\n",
		vr.events, vr.events == 1 ? "" : "s", vr.assessments,
		vr.assessments == 1 ? "" : "s", vr.assessments == 1 ? "es" : "");
	if (vr.head[0] != '\0')
		cli_printf(stdout, "head %s\n", vr.head);
	if (event > 0)
		printf("the kept hash is event %lld's, still in the trail\n", event);
	rc = EXIT_OK;
done:
	srmgap_store_close(s);
	return rc;
}
