/*
 * What the subcommands share: the global settings, option parsing from a
 * table that also prints the usage (so help and parsing cannot disagree),
 * and the one place that turns library errors into messages and exit
 * codes.
 */
#ifndef SRMGAP_CLI_H
#define SRMGAP_CLI_H

#include <stdarg.h>
#include <stdio.h>

#include "srmgap/srmgap.h"

enum {
	EXIT_OK = 0,
	EXIT_RUNTIME = 1,
	EXIT_INVALID = 2,
	EXIT_GATE = 3
};

typedef struct cli {
	const char *db;        /* --db, $SRMGAP_DB, ./srmgap.db */
	const char *catalog;   /* --catalog */
	const char *actor;     /* --actor, $SRMGAP_ACTOR, the login name */
	const char *command;
} cli;

typedef struct cli_option {
	const char *name;      /* long name without dashes; NULL ends the table */
	char short_name;       /* 0 when none */
	const char *arg;       /* argument placeholder, NULL for a flag */
	const char *help;
} cli_option;

typedef struct cli_command {
	const char *name;
	int (*run)(cli *c, int argc, char **argv);
	const char *summary;
} cli_command;

typedef struct cli_spec {
	const char *synopsis;  /* after "srmgap <command> " */
	const char *description;
	const cli_option *options;
	size_t min_args, max_args; /* positional arguments */
} cli_spec;

/*
 * Parse argv (argv[0] is the command name) against `spec` plus the common
 * options (--db, --catalog, --help). Option values land in `values`
 * (indexed like spec->options; flags get "1"), positional arguments in
 * args and *nargs. Returns -1 to go on, or an exit code to return at once
 * (0 after --help, 2 after a usage error, which it has printed).
 */
int cli_parse(cli *c, const cli_spec *spec, int argc, char **argv,
	const char **values, const char **args, size_t *nargs);

/*
 * The index of `value` in the NULL-terminated `names`, 0 when value is
 * NULL (the first name is the default), or -1 after printing an error
 * naming `command` and the formats it knows.
 */
int cli_format(const char *command, const char *value,
	const char *const *names);

/* Print "srmgap: message" (as cli_printf) to stderr and return `code`. */
int cli_fail(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print an error record and return the exit code for its code. */
int cli_error(const srmgap_error *err);
int cli_exit_code(int rc);

/*
 * Text from a database, a file or the command line on a terminal. The
 * bytes a terminal could take for a command are escaped, so that the
 * text shows on one line as what it is: line feed, tab and carriage
 * return become \n, \t and \r, the other C0 controls and DEL \xNN, a C1
 * control (U+0080 to U+009F, such as CSI, C2 9B) \u00NN, and each byte
 * that is not part of valid UTF-8 \xNN. Everything else, a backslash
 * included, is written as it is.
 */

/* Print `s` escaped (nothing for NULL). */
void cli_put_text(FILE *fp, const char *s);

/* `s` escaped, in a new string the caller frees; NULL if out of memory. */
char *cli_text(const char *s);

/* The longest escape of one character, with its NUL: "\u009b". */
#define CLI_ESC_MAX 8

/*
 * The character at `s`, of at most `n` (> 0) bytes: returns its length
 * in bytes (at least 1) and leaves in `esc` its escape, or "" when it is
 * written as it is.
 */
size_t cli_text_char(const char *s, size_t n, char esc[CLI_ESC_MAX]);

/*
 * fprintf(), with every %s and %c argument escaped (the width and the
 * precision of %s count bytes, as fprintf's do: the precision of the
 * text given, the width of the text escaped). Returns the bytes written.
 * Colour codes must not pass through it as arguments.
 */
int cli_printf(FILE *fp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cli_vprintf(FILE *fp, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Print diagnostics as FILE:LINE:COL: message, sorted. */
void cli_print_diags(srmgap_diags *d);

/*
 * 1 when this binary runs from inside the source tree it was built from:
 * only then may it read catalogs and templates from that tree.
 */
int cli_from_source_tree(void);

/* The catalog path: --catalog, $SRMGAP_CATALOG, installed, source tree. */
int cli_catalog(cli *c, srmgap_catalog *cat);

/* Open the database; without `create`, a missing one is an error (exit 2). */
int cli_open_store(cli *c, srmgap_store **s, int create);

/* Who changes are recorded as: --actor, $SRMGAP_ACTOR, the login name. */
const char *cli_actor(cli *c);

/* As-of date from an option value (NULL: today). Returns -1 or an exit code. */
int cli_asof(const char *value, long *asof);

/*
 * Output to `path` ("-" or NULL: stdout). A regular file is written to a
 * temporary name and renamed into place by cli_output_close(), so a
 * failed run never leaves half a report behind; a symbolic link is
 * followed to the file it names. A device or a pipe (/dev/stdout, a
 * FIFO) is written in place.
 */
typedef struct cli_output {
	FILE *fp;
	char *path, *tmp;
} cli_output;

int cli_output_open(cli_output *o, const char *path);
/* Returns EXIT_OK, or EXIT_RUNTIME after printing why. `ok` 0 discards. */
int cli_output_close(cli_output *o, int ok);

/*
 * Write through `fn` (which returns an SRMGAP_* code) to `path` as
 * cli_output does. Returns an exit code; a failed writer discards the
 * output and prints "cannot write the WHAT" (or "out of memory").
 */
typedef int (*cli_writer)(FILE *fp, void *ctx);
int cli_write(const char *path, cli_writer fn, void *ctx, const char *what);

/* 1 when colour may be used on `fp` (a terminal, NO_COLOR unset). */
int cli_color(FILE *fp);

/* An assessment loaded and scored: what score and report work from. */
typedef struct cli_scored {
	srmgap_assessment *a;
	srmgap_model *m;
	srmgap_answers ans;
	srmgap_reviews rv;
	srmgap_result *r;
} cli_scored;

/*
 * Load and score assessment `name` of the open database `s` as of
 * `asof`. Returns an exit code; `out` is the caller's to release with
 * cli_scored_release() after EXIT_OK, and holds nothing otherwise.
 */
int cli_load_scored(srmgap_store *s, const char *name, long asof,
	cli_scored *out);
void cli_scored_release(cli_scored *sc);

/*
 * Open the database (which must exist), then load and score assessment
 * `name` as of `asof`. Returns an exit code; after EXIT_OK the caller
 * closes both with cli_close_scored(), otherwise *s is NULL and `sc`
 * holds nothing. cli_close_scored() accepts what a failed open left.
 */
int cli_open_scored(cli *c, const char *name, long asof, srmgap_store **s,
	cli_scored *sc);
void cli_close_scored(srmgap_store *s, cli_scored *sc);

int cmd_models(cli *c, int argc, char **argv);
int cmd_validate(cli *c, int argc, char **argv);
int cmd_new(cli *c, int argc, char **argv);
int cmd_import(cli *c, int argc, char **argv);
int cmd_run(cli *c, int argc, char **argv);
int cmd_list(cli *c, int argc, char **argv);
int cmd_score(cli *c, int argc, char **argv);
int cmd_report(cli *c, int argc, char **argv);
int cmd_scenarios(cli *c, int argc, char **argv);
int cmd_checklist(cli *c, int argc, char **argv);
int cmd_review(cli *c, int argc, char **argv);
int cmd_signoff(cli *c, int argc, char **argv);
int cmd_reopen(cli *c, int argc, char **argv);
int cmd_log(cli *c, int argc, char **argv);
int cmd_verify(cli *c, int argc, char **argv);
int cmd_diff(cli *c, int argc, char **argv);

#endif
