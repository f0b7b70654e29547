/*
 * Shared CLI plumbing (cli.h): option tables, messages, exit codes,
 * catalog and database set-up, and atomic output files.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#include "config.h"

#define MAX_OPTS 32

static const cli_option common_options[] = {
	{ "db", 0, "FILE", "database (default $SRMGAP_DB, else ./srmgap.db)" },
	{ "catalog", 0, "DIR", "catalog folder(s), ':'-separated, searched first" },
	{ "actor", 0, "WHO", "who changes are recorded as (default "
		"$SRMGAP_ACTOR, else the login name)" },
	{ "help", 'h', NULL, "show this help" },
	{ NULL, 0, NULL, NULL }
};

static void print_options(FILE *fp, const cli_option *opts)
{
	size_t i;

	for (i = 0; opts != NULL && opts[i].name != NULL; i++) {
		char left[64];

		if (opts[i].short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", opts[i].short_name,
				opts[i].name, opts[i].arg ? " " : "",
				opts[i].arg ? opts[i].arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", opts[i].name,
				opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
		fprintf(fp, "  %-30s %s\n", left, opts[i].help);
	}
}

static void usage(FILE *fp, const cli *c, const cli_spec *spec, int full)
{
	fprintf(fp, "usage: srmgap %s%s%s\n", c->command,
		spec->synopsis[0] ? " " : "", spec->synopsis);
	if (!full) {
		fprintf(fp, "Try 'srmgap %s --help' for more.\n", c->command);
		return;
	}
	if (spec->description != NULL)
		fprintf(fp, "\n%s\n", spec->description);
	fprintf(fp, "\nOptions:\n");
	print_options(fp, spec->options);
	print_options(fp, common_options);
}

int cli_parse(cli *c, const cli_spec *spec, int argc, char **argv,
	const char **values, const char **args, size_t *nargs)
{
	struct option longopts[MAX_OPTS + 1];
	char shortopts[2 * MAX_OPTS + 2];
	const cli_option *all[MAX_OPTS];
	size_t n = 0, s = 0, i;
	int opt;

	shortopts[s++] = '+';
	shortopts[s++] = ':';
	for (i = 0; spec->options != NULL && spec->options[i].name; i++)
		all[n++] = &spec->options[i];
	for (i = 0; common_options[i].name != NULL; i++)
		all[n++] = &common_options[i];
	for (i = 0; i < n; i++) {
		longopts[i].name = all[i]->name;
		longopts[i].has_arg = all[i]->arg ? required_argument : no_argument;
		longopts[i].flag = NULL;
		longopts[i].val = 256 + (int)i;
		if (all[i]->short_name) {
			shortopts[s++] = all[i]->short_name;
			if (all[i]->arg)
				shortopts[s++] = ':';
		}
	}
	memset(&longopts[n], 0, sizeof(longopts[n]));
	shortopts[s] = '\0';

	*nargs = 0;
	optind = 1;
	opterr = 0;
	/* Options may come after arguments: parse in rounds. */
	while (optind < argc) {
		opt = getopt_long(argc, argv, shortopts, longopts, NULL);
		/* After "--" everything is an argument, even "-x". */
		if (opt == -1 && strcmp(argv[optind - 1], "--") == 0 &&
		    optind < argc) {
			opt = -2;
		}
		if (opt == -1 || opt == -2) {
			if (*nargs >= spec->max_args) {
				fprintf(stderr, "srmgap: %s: unexpected argument '%s'\n",
					c->command, argv[optind]);
				usage(stderr, c, spec, 0);
				return EXIT_INVALID;
			}
			args[(*nargs)++] = argv[optind++];
			while (opt == -2 && optind < argc) {
				if (*nargs >= spec->max_args) {
					fprintf(stderr, "srmgap: %s: unexpected argument "
						"'%s'\n", c->command, argv[optind]);
					usage(stderr, c, spec, 0);
					return EXIT_INVALID;
				}
				args[(*nargs)++] = argv[optind++];
			}
			continue;
		}
		if (opt == '?' || opt == ':') {
			if (opt == ':')
				fprintf(stderr, "srmgap: %s: option '%s' needs a value\n",
					c->command, argv[optind - 1]);
			else if (optopt != 0 && optopt < 256)
				fprintf(stderr, "srmgap: %s: unknown option '-%c'\n",
					c->command, optopt);
			else
				fprintf(stderr, "srmgap: %s: unknown option '%s'\n",
					c->command, argv[optind - 1]);
			usage(stderr, c, spec, 0);
			return EXIT_INVALID;
		}
		if (opt < 256) {
			for (i = 0; i < n; i++) {
				if (all[i]->short_name == opt)
					break;
			}
			opt = 256 + (int)i;
		}
		i = (size_t)(opt - 256);
		if (all[i] == &common_options[0])
			c->db = optarg;
		else if (all[i] == &common_options[1])
			c->catalog = optarg;
		else if (all[i] == &common_options[2])
			c->actor = optarg;
		else if (all[i] == &common_options[3]) {
			usage(stdout, c, spec, 1);
			return EXIT_OK;
		} else
			values[i] = all[i]->arg ? optarg : "1";
	}
	if (*nargs < spec->min_args) {
		fprintf(stderr, "srmgap: %s: missing argument\n", c->command);
		usage(stderr, c, spec, 0);
		return EXIT_INVALID;
	}
	return -1;
}

int cli_format(const char *command, const char *value,
	const char *const *names)
{
	size_t i;

	if (value == NULL)
		return 0;
	for (i = 0; names[i] != NULL; i++) {
		if (strcmp(value, names[i]) == 0)
			return (int)i;
	}
	fprintf(stderr, "srmgap: %s: unknown format '%s' (expected ", command,
		value);
	for (i = 0; names[i] != NULL; i++)
		fprintf(stderr, "%s%s", i == 0 ? "" : names[i + 1] ? ", " : " or ",
			names[i]);
	fprintf(stderr, ")\n");
	return -1;
}

int cli_fail(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("srmgap: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int cli_exit_code(int rc)
{
	switch (rc) {
	case SRMGAP_OK:
		return EXIT_OK;
	case SRMGAP_EINVALID:
	case SRMGAP_EUSAGE:
	case SRMGAP_ENOTFOUND:
	case SRMGAP_EEXISTS:
	case SRMGAP_EFROZEN:
		return EXIT_INVALID;
	default:
		return EXIT_RUNTIME;
	}
}

void cli_put_text(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '\n')
			fputs("\\n", fp);
		else if (ch == '\r')
			fputs("\\r", fp);
		else if (ch == '\t')
			fputs("\\t", fp);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(fp, "\\x%02x", ch);
		else
			fputc(ch, fp);
	}
}

/* A message on one line: control characters (from input) are escaped. */
static void put_msg(FILE *fp, const char *s)
{
	cli_put_text(fp, s);
	fputc('\n', fp);
}

int cli_error(const srmgap_error *err)
{
	if (err->path[0] != '\0' && err->line > 0)
		fprintf(stderr, "srmgap: %s:%lu:%lu: ", err->path, err->line,
			err->column);
	else if (err->path[0] != '\0')
		fprintf(stderr, "srmgap: %s: ", err->path);
	else
		fputs("srmgap: ", stderr);
	put_msg(stderr, err->msg[0] ? err->msg : "failed");
	return cli_exit_code(err->code);
}

void cli_print_diags(srmgap_diags *d)
{
	size_t i;

	srmgap_diags_sort(d);
	for (i = 0; i < d->count; i++) {
		const srmgap_diag *g = &d->items[i];
		const char *kind = g->severity == SRMGAP_DIAG_WARNING ? "warning: " : "";

		if (g->line > 0)
			fprintf(stderr, "%s:%lu:%lu: %s", g->path, g->line, g->column,
				kind);
		else
			fprintf(stderr, "%s: %s", g->path, kind);
		put_msg(stderr, g->msg);
	}
	if (d->dropped > 0)
		fprintf(stderr, "srmgap: %zu more problems not shown\n", d->dropped);
}

/*
 * 1 when this binary runs from inside the tree it was built from: only
 * then does the source tree join the catalog path, so an installed
 * srmgap never reads catalogs from a build folder someone else may own.
 */
int cli_from_source_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t len = strlen(SRMGAP_SRCDIR);

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	return strncmp(exe, SRMGAP_SRCDIR, len) == 0 && exe[len] == '/';
}

int cli_catalog(cli *c, srmgap_catalog *cat)
{
	srmgap_error err;

	srmgap_catalog_init(cat);
	/* A folder the user named must exist: a typo must not fall back. */
	srmgap_error_clear(&err);
	if (srmgap_catalog_require(cat, c->catalog, &err) != SRMGAP_OK) {
		srmgap_catalog_release(cat);
		return cli_error(&err);
	}
	if (srmgap_catalog_require(cat, getenv("SRMGAP_CATALOG"), &err) !=
	    SRMGAP_OK) {
		srmgap_catalog_release(cat);
		return cli_fail(cli_exit_code(err.code), "%s (named in "
			"$SRMGAP_CATALOG)", err.msg);
	}
	if (srmgap_catalog_add(cat, SRMGAP_DATADIR) != SRMGAP_OK ||
	    srmgap_catalog_add(cat, cli_from_source_tree() ? SRMGAP_SRCDIR : NULL) !=
	    SRMGAP_OK) {
		srmgap_catalog_release(cat);
		return cli_fail(EXIT_RUNTIME, "out of memory");
	}
	return EXIT_OK;
}

int cli_open_store(cli *c, srmgap_store **s, int create)
{
	srmgap_error err;
	const char *path = c->db;
	struct stat st;

	if (path == NULL)
		path = getenv("SRMGAP_DB");
	if (path == NULL || path[0] == '\0')
		path = "srmgap.db";
	/* Commands that only read must not leave an empty database behind. */
	if (!create && stat(path, &st) != 0)
		return cli_fail(EXIT_INVALID, "no database '%s' (create an "
			"assessment with 'srmgap new', or name one with --db)", path);
	srmgap_error_clear(&err);
	if (srmgap_store_open(s, path, &err) != SRMGAP_OK)
		return cli_error(&err);
	if (srmgap_store_set_actor(*s, cli_actor(c), &err) != SRMGAP_OK) {
		srmgap_store_close(*s);
		*s = NULL;
		return cli_error(&err);
	}
	return EXIT_OK;
}

const char *cli_actor(cli *c)
{
	const char *v = c->actor;
	struct passwd *pw;

	if (v == NULL || v[0] == '\0')
		v = getenv("SRMGAP_ACTOR");
	if (v != NULL && v[0] != '\0')
		return v;
	pw = getpwuid(geteuid());
	if (pw != NULL && pw->pw_name != NULL && pw->pw_name[0] != '\0')
		return pw->pw_name;
	v = getenv("LOGNAME");
	return v != NULL && v[0] != '\0' ? v : "unknown";
}

int cli_asof(const char *value, long *asof)
{
	srmgap_error err;

	if (value == NULL) {
		*asof = srmgap_date_today();
		return -1;
	}
	if (srmgap_date_parse(value, asof, &err) != SRMGAP_OK)
		return cli_fail(EXIT_INVALID, "--as-of: %s", err.msg);
	return -1;
}

/*
 * Where an output named `path` really goes: a symbolic link is followed
 * (the report replaces the file it points to, not the link). Sets
 * *direct when that is not a regular file (a device such as /dev/stdout,
 * a pipe): it is written in place, as a temporary file renamed over it
 * would replace it. Returns a copy to free, or NULL (ENOMEM).
 */
static char *output_target(const char *path, int *direct)
{
	char *real = realpath(path, NULL);
	struct stat st;

	*direct = 0;
	if (real != NULL) {
		if (stat(real, &st) == 0 && !S_ISREG(st.st_mode))
			*direct = 1;
		return real;
	}
	/* A link to a file not there yet: create that file through it. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		*direct = 1;
	return strdup(path);
}

int cli_output_open(cli_output *o, const char *path)
{
	int fd, direct;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return EXIT_OK;
	}
	o->path = output_target(path, &direct);
	if (o->path != NULL && direct) {
		o->fp = fopen(path, "w");
		if (o->fp == NULL) {
			int e = errno;

			free(o->path);
			o->path = NULL;
			return cli_fail(EXIT_RUNTIME, "cannot write '%s': %s", path,
				strerror(e));
		}
		return EXIT_OK;
	}
	if (o->path == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	o->tmp = malloc(strlen(o->path) + 16);
	if (o->path == NULL || o->tmp == NULL) {
		free(o->path);
		free(o->tmp);
		return cli_fail(EXIT_RUNTIME, "out of memory");
	}
	sprintf(o->tmp, "%s.tmp-XXXXXX", o->path);
	fd = mkstemp(o->tmp);
	/* mkstemp makes 0600; a report is an ordinary file: 0666 & ~umask. */
	if (fd >= 0) {
		mode_t mask = umask(0);

		umask(mask);
		if (fchmod(fd, 0666 & ~mask) != 0) {
			close(fd);
			unlink(o->tmp);
			fd = -1;
		}
	}
	if (fd < 0 || (o->fp = fdopen(fd, "w")) == NULL) {
		int e = errno;

		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->path);
		free(o->tmp);
		return cli_fail(EXIT_RUNTIME, "cannot write '%s': %s", path,
			strerror(e));
	}
	return EXIT_OK;
}

int cli_output_close(cli_output *o, int ok)
{
	int rc = EXIT_OK;

	if (o->fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = cli_fail(EXIT_RUNTIME, "cannot write output: %s",
				strerror(errno));
		return rc;
	}
	if (fclose(o->fp) != 0 && ok)
		rc = cli_fail(EXIT_RUNTIME, "cannot write '%s': %s", o->path,
			strerror(errno));
	/* Written in place: nothing to rename (or to take back). */
	if (o->tmp == NULL) {
		free(o->path);
		return rc;
	}
	if (ok && rc == EXIT_OK && rename(o->tmp, o->path) != 0)
		rc = cli_fail(EXIT_RUNTIME, "cannot write '%s': %s", o->path,
			strerror(errno));
	if (!ok || rc != EXIT_OK)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	return rc;
}

int cli_write(const char *path, cli_writer fn, void *ctx, const char *what)
{
	cli_output out;
	int rc, wrc;

	rc = cli_output_open(&out, path);
	if (rc != EXIT_OK)
		return rc;
	wrc = fn(out.fp, ctx);
	rc = cli_output_close(&out, wrc == SRMGAP_OK);
	if (rc == EXIT_OK && wrc != SRMGAP_OK)
		rc = cli_fail(EXIT_RUNTIME, wrc == SRMGAP_ENOMEM ? "out of memory" :
			"cannot write the %s", what);
	return rc;
}

int cli_color(FILE *fp)
{
	const char *nc = getenv("NO_COLOR");

	if (nc != NULL && nc[0] != '\0')
		return 0;
	return isatty(fileno(fp));
}

int cli_load_scored(srmgap_store *s, const char *name, long asof,
	cli_scored *out)
{
	srmgap_error err;

	memset(out, 0, sizeof(*out));
	srmgap_error_clear(&err);
	if (srmgap_store_get(&out->a, s, name, &err) != SRMGAP_OK ||
	    srmgap_store_load_model(&out->m, s, out->a->snapshot_id, &err) !=
	    SRMGAP_OK ||
	    srmgap_store_load_answers(&out->ans, s, out->a->id, out->m, &err) !=
	    SRMGAP_OK ||
	    srmgap_store_load_reviews(&out->rv, s, out->a->id, out->m, &err) !=
	    SRMGAP_OK) {
		cli_scored_release(out);
		return cli_error(&err);
	}
	if (srmgap_score(&out->r, out->m, &out->ans, &out->rv, asof) !=
	    SRMGAP_OK) {
		cli_scored_release(out);
		return cli_fail(EXIT_RUNTIME, "out of memory");
	}
	return EXIT_OK;
}

void cli_scored_release(cli_scored *sc)
{
	srmgap_result_free(sc->r);
	srmgap_answers_release(&sc->ans);
	srmgap_reviews_release(&sc->rv);
	srmgap_model_free(sc->m);
	srmgap_assessment_free(sc->a);
	memset(sc, 0, sizeof(*sc));
}
