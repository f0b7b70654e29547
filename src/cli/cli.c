/*
 * Shared CLI plumbing (cli.h): option tables, messages, exit codes,
 * catalog and database set-up, atomic output files, and the one way
 * text from a database or a file reaches a terminal (cli_put_text(),
 * cli_text(), cli_printf()).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/types.h>
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
				cli_printf(stderr, "srmgap: %s: unexpected argument '%s'\n",
					c->command, argv[optind]);
				usage(stderr, c, spec, 0);
				return EXIT_INVALID;
			}
			args[(*nargs)++] = argv[optind++];
			while (opt == -2 && optind < argc) {
				if (*nargs >= spec->max_args) {
					cli_printf(stderr, "srmgap: %s: unexpected argument "
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
				cli_printf(stderr, "srmgap: %s: option '%s' needs a value\n",
					c->command, argv[optind - 1]);
			else if (optopt != 0 && optopt < 256)
				cli_printf(stderr, "srmgap: %s: unknown option '-%c'\n",
					c->command, optopt);
			else
				cli_printf(stderr, "srmgap: %s: unknown option '%s'\n",
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
	cli_printf(stderr, "srmgap: %s: unknown format '%s' (expected ", command,
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
	cli_vprintf(stderr, fmt, ap);
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

size_t cli_text_char(const char *s, size_t n, char esc[CLI_ESC_MAX])
{
	const unsigned char *p = (const unsigned char *)s;
	int valid;
	size_t len = srmgap_utf8_next(s, &valid);

	/* 0: escape this one byte (not valid, or past the first n). */
	if (!valid || len > n)
		len = 0;

	esc[0] = '\0';
	if (len == 0)
		snprintf(esc, CLI_ESC_MAX, "\\x%02x", p[0]);
	else if (p[0] == '\n' || p[0] == '\t' || p[0] == '\r')
		snprintf(esc, CLI_ESC_MAX, "\\%c", p[0] == '\n' ? 'n' :
			p[0] == '\t' ? 't' : 'r');
	else if (p[0] < 0x20 || p[0] == 0x7f)
		snprintf(esc, CLI_ESC_MAX, "\\x%02x", p[0]);
	/* C1 controls: C2 9B is CSI, as ESC [ is. */
	else if (len == 2 && p[0] == 0xc2 && p[1] <= 0x9f)
		snprintf(esc, CLI_ESC_MAX, "\\u%04x", p[1]);
	return len > 0 ? len : 1;
}

/*
 * Write the first `n` bytes of `s` as cli_put_text() does (to nowhere
 * when `fp` is NULL); returns how many bytes that is.
 */
static size_t put_text(FILE *fp, const char *s, size_t n)
{
	size_t out = 0, len;

	while (n > 0) {
		char esc[CLI_ESC_MAX];

		len = cli_text_char(s, n, esc);
		if (esc[0] != '\0') {
			if (fp != NULL)
				fputs(esc, fp);
			out += strlen(esc);
		} else {
			if (fp != NULL)
				fwrite(s, 1, len, fp);
			out += len;
		}
		s += len;
		n -= len;
	}
	return out;
}

void cli_put_text(FILE *fp, const char *s)
{
	if (s != NULL)
		put_text(fp, s, strlen(s));
}

char *cli_text(const char *s)
{
	char *out = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&out, &size);

	if (fp == NULL)
		return NULL;
	cli_put_text(fp, s);
	if (fclose(fp) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* One printf directive, as cli_vprintf() takes it apart. */
typedef struct directive {
	char spec[32];         /* for fprintf(), each '*' replaced by its value */
	size_t n;              /* length of spec */
	int left;              /* the '-' flag */
	int width, prec;       /* -1 when not given */
	char len[3];           /* the length modifier: "", "l", "ll", "z"... */
	char conv;             /* the conversion; 0 for a format cut short */
} directive;

static void spec_add(directive *d, const char *s)
{
	size_t n = strlen(s);

	if (d->n + n < sizeof(d->spec)) {
		memcpy(d->spec + d->n, s, n + 1);
		d->n += n;
	}
}

/*
 * A width or a precision at *p: digits, or '*' and the next argument, in
 * *v. 0 when there is neither.
 */
static int spec_number(const char **p, va_list *ap, int *v)
{
	if (**p == '*') {
		(*p)++;
		*v = va_arg(*ap, int);
		return 1;
	}
	if (**p < '0' || **p > '9')
		return 0;
	for (*v = 0; **p >= '0' && **p <= '9'; (*p)++) {
		if (*v < 100000)
			*v = *v * 10 + (**p - '0');
	}
	return 1;
}

/* Parse the directive at `fmt` (at its '%'); returns what follows it. */
static const char *directive_parse(directive *d, const char *fmt, va_list *ap)
{
	const char *p = fmt + 1;
	char c[2] = { 0, 0 }, num[16];
	size_t k = 0;
	int v;

	memset(d, 0, sizeof(*d));
	d->width = d->prec = -1;
	spec_add(d, "%");
	for (; *p != '\0' && strchr("-+ #0", *p) != NULL; p++) {
		d->left |= *p == '-';
		c[0] = *p;
		spec_add(d, c);
	}
	if (spec_number(&p, ap, &v)) {
		/* A negative width (from '*') is the '-' flag. */
		if (v < 0) {
			d->left = 1;
			spec_add(d, "-");
			v = v == INT_MIN ? INT_MAX : -v;
		}
		d->width = v;
		snprintf(num, sizeof(num), "%d", v);
		spec_add(d, num);
	}
	if (*p == '.') {
		p++;
		/* No digits is a precision of 0; a negative '*' is none. */
		d->prec = spec_number(&p, ap, &v) ? v : 0;
		if (d->prec < 0)
			d->prec = -1;
		if (d->prec >= 0) {
			snprintf(num, sizeof(num), ".%d", d->prec);
			spec_add(d, num);
		}
	}
	while (*p != '\0' && strchr("hlLzjt", *p) != NULL && k < 2) {
		d->len[k++] = *p;
		c[0] = *p++;
		spec_add(d, c);
	}
	d->conv = *p;
	if (*p != '\0') {
		c[0] = *p++;
		spec_add(d, c);
	}
	return p;
}

/*
 * Print `n` bytes of `s` as cli_put_text() does, padded to d->width;
 * returns how many bytes that is.
 */
static int put_padded(FILE *fp, const directive *d, const char *s, size_t n)
{
	size_t len = put_text(NULL, s, n);
	int pad = d->width > 0 && (size_t)d->width > len ?
		d->width - (int)len : 0;

	if (!d->left)
		fprintf(fp, "%*s", pad, "");
	put_text(fp, s, n);
	if (d->left)
		fprintf(fp, "%*s", pad, "");
	return (int)len + pad;
}

/* Print one directive with its argument; returns how many bytes. */
static int put_directive(FILE *fp, const directive *d, va_list *ap)
{
	const char *s;
	char ch;

	switch (d->conv) {
	case 's':
		s = va_arg(*ap, const char *);
		if (s == NULL)
			s = "(null)";
		return put_padded(fp, d, s, d->prec >= 0 ?
			strnlen(s, (size_t)d->prec) : strlen(s));
	case 'c':
		ch = (char)va_arg(*ap, int);
		return put_padded(fp, d, &ch, 1);
	case 'd':
	case 'i':
		if (strcmp(d->len, "l") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, long));
		if (strcmp(d->len, "ll") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, long long));
		if (strcmp(d->len, "z") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, ssize_t));
		if (strcmp(d->len, "j") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, intmax_t));
		if (strcmp(d->len, "t") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, ptrdiff_t));
		return fprintf(fp, d->spec, va_arg(*ap, int));
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		if (strcmp(d->len, "l") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, unsigned long));
		if (strcmp(d->len, "ll") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, unsigned long long));
		if (strcmp(d->len, "z") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, size_t));
		if (strcmp(d->len, "j") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, uintmax_t));
		if (strcmp(d->len, "t") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, ptrdiff_t));
		return fprintf(fp, d->spec, va_arg(*ap, unsigned));
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		if (strcmp(d->len, "L") == 0)
			return fprintf(fp, d->spec, va_arg(*ap, long double));
		return fprintf(fp, d->spec, va_arg(*ap, double));
	case 'p':
		return fprintf(fp, d->spec, va_arg(*ap, void *));
	case '%':
		fputc('%', fp);
		return 1;
	default:
		/* Not a directive the CLI uses (%n among them): shown as it is. */
		fputs(d->spec, fp);
		return (int)d->n;
	}
}

int cli_vprintf(FILE *fp, const char *fmt, va_list ap)
{
	va_list args;
	directive d;
	int total = 0;

	va_copy(args, ap);
	while (*fmt != '\0') {
		size_t n = strcspn(fmt, "%");

		fwrite(fmt, 1, n, fp);
		total += (int)n;
		fmt += n;
		if (*fmt == '\0')
			break;
		fmt = directive_parse(&d, fmt, &args);
		total += put_directive(fp, &d, &args);
	}
	va_end(args);
	return total;
}

int cli_printf(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = cli_vprintf(fp, fmt, ap);
	va_end(ap);
	return n;
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
		cli_printf(stderr, "srmgap: %s:%lu:%lu: ", err->path, err->line,
			err->column);
	else if (err->path[0] != '\0')
		cli_printf(stderr, "srmgap: %s: ", err->path);
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
			cli_printf(stderr, "%s:%lu:%lu: %s", g->path, g->line, g->column,
				kind);
		else
			cli_printf(stderr, "%s: %s", g->path, kind);
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

int cli_open_scored(cli *c, const char *name, long asof, srmgap_store **s,
	cli_scored *sc)
{
	int rc;

	memset(sc, 0, sizeof(*sc));
	*s = NULL;
	rc = cli_open_store(c, s, 0);
	if (rc != EXIT_OK)
		return rc;
	rc = cli_load_scored(*s, name, asof, sc);
	if (rc != EXIT_OK) {
		srmgap_store_close(*s);
		*s = NULL;
	}
	return rc;
}

void cli_close_scored(srmgap_store *s, cli_scored *sc)
{
	cli_scored_release(sc);
	srmgap_store_close(s);
}
