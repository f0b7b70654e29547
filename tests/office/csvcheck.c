/*
 * csvcheck: compare a CSV file srmgap wrote (or one written by hand for
 * the test) with what LibreOffice made of it, cell by cell and by kind.
 * tests/office/run exports every sheet from LibreOffice with "quote all
 * text cells" set, so in its output a text cell is quoted and a number is
 * not: the quoting tells what LibreOffice took each cell for.
 *
 *   csvcheck [-d C] [-n NAMES] [-c N] [-o K] EXPECTED ACTUAL
 *
 * EXPECTED has delimiter C (',' by default; ';' or 't' for a tab) and may
 * start with a UTF-8 byte order mark; ACTUAL is comma-separated. The
 * columns named in NAMES (a comma-separated list of EXPECTED's header
 * names) hold numbers; without -n, an unquoted non-empty cell of EXPECTED
 * is a number and every other cell text. With -c only the first N
 * columns are compared, else both files must have the same columns;
 * with -o, EXPECTED's columns are those of ACTUAL from column K + 1 on.
 *
 * A text cell must come back quoted with the same text (so it was neither
 * run as a formula nor read as a number); a number must come back
 * unquoted with the same value (to 1e-9; "75%" is 0.75); an empty cell
 * must stay empty. The same number of rows is required. Each difference
 * is printed; exit 1 when there is one, 2 on a usage or read error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct field {
	char *text;
	int quoted;
} field;

typedef struct row {
	field *f;
	size_t n;
} row;

typedef struct table {
	row *rows;
	size_t n;
} table;

static void *grow(void *p, size_t n, size_t size)
{
	p = realloc(p, n * size);
	if (p == NULL) {
		fputs("csvcheck: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (fp == NULL) {
		perror(path);
		exit(2);
	}
	do {
		if (n + 4096 + 1 > cap) {
			cap = 2 * cap + 4096 + 1;
			buf = grow(buf, cap, 1);
		}
		got = fread(buf + n, 1, 4096, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void add_field(row *r, const char *s, size_t n, int quoted)
{
	field *f;

	r->f = grow(r->f, r->n + 1, sizeof(*r->f));
	f = &r->f[r->n++];
	f->text = grow(NULL, n + 1, 1);
	memcpy(f->text, s, n);
	f->text[n] = '\0';
	f->quoted = quoted;
}

/* RFC 4180, keeping whether each field was quoted. */
static table parse(const char *path, char delim)
{
	size_t len, i = 0, n = 0, cap = 0;
	char *buf = slurp(path, &len), *cell = NULL;
	table t = { NULL, 0 };
	row cur = { NULL, 0 };
	int quoted = 0, in_quotes = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i <= len; i++) {
		char c = i < len ? buf[i] : '\n';

		if (n + 2 > cap) {
			cap = 2 * cap + 64;
			cell = grow(cell, cap, 1);
		}
		if (in_quotes) {
			if (c == '"' && i + 1 < len && buf[i + 1] == '"') {
				cell[n++] = '"';
				i++;
			} else if (c == '"') {
				in_quotes = 0;
			} else if (i == len) {
				fprintf(stderr, "csvcheck: %s: unterminated quote\n", path);
				exit(2);
			} else {
				cell[n++] = c;
			}
			continue;
		}
		if (c == '"' && n == 0 && !quoted) {
			in_quotes = quoted = 1;
		} else if (c == delim) {
			add_field(&cur, cell, n, quoted);
			n = 0;
			quoted = 0;
		} else if (c == '\r' && i + 1 < len && buf[i + 1] == '\n') {
			continue;
		} else if (c == '\n') {
			if (i == len && n == 0 && !quoted && cur.n == 0)
				break;
			add_field(&cur, cell, n, quoted);
			t.rows = grow(t.rows, t.n + 1, sizeof(*t.rows));
			t.rows[t.n++] = cur;
			cur.f = NULL;
			cur.n = 0;
			n = 0;
			quoted = 0;
		} else {
			cell[n++] = c;
		}
	}
	free(cell);
	free(buf);
	return t;
}

/* The value of a number cell ("0.75", "-2", "75%"); 0 when it is none. */
static int number(const char *s, double *v)
{
	char *end;

	if (s[0] == '\0')
		return 0;
	*v = strtod(s, &end);
	if (*end == '%') {
		*v /= 100;
		end++;
	}
	return *end == '\0';
}

static int listed(const char *names, const char *name)
{
	size_t n = strlen(name);
	const char *p = names;

	while (p != NULL && *p != '\0') {
		size_t k = strcspn(p, ",");

		if (k == n && strncmp(p, name, n) == 0)
			return 1;
		p += k;
		if (*p == ',')
			p++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *numeric = NULL;
	char delim = ',';
	long ncols = -1, skip = 0;
	table e, a;
	size_t r, c, bad = 0;
	int opt_i = 1;

	while (opt_i + 1 < argc && argv[opt_i][0] == '-' && argv[opt_i][1] != '\0') {
		if (strcmp(argv[opt_i], "-d") == 0) {
			delim = argv[opt_i + 1][0] == 't' ? '\t' : argv[opt_i + 1][0];
		} else if (strcmp(argv[opt_i], "-n") == 0) {
			numeric = argv[opt_i + 1];
		} else if (strcmp(argv[opt_i], "-c") == 0) {
			ncols = strtol(argv[opt_i + 1], NULL, 10);
		} else if (strcmp(argv[opt_i], "-o") == 0) {
			skip = strtol(argv[opt_i + 1], NULL, 10);
		} else {
			break;
		}
		opt_i += 2;
	}
	if (argc - opt_i != 2) {
		fputs("usage: csvcheck [-d C] [-n NAMES] [-c N] [-o K] EXPECTED "
			"ACTUAL\n", stderr);
		return 2;
	}
	e = parse(argv[opt_i], delim);
	a = parse(argv[opt_i + 1], ',');
	if (e.n != a.n) {
		printf("%s: %zu rows, expected %zu\n", argv[opt_i + 1], a.n, e.n);
		bad++;
	}
	for (r = 0; r < e.n && r < a.n; r++) {
		const row *er = &e.rows[r], *ar = &a.rows[r];
		size_t want = ncols >= 0 ? (size_t)ncols : er->n;

		if ((ncols < 0 && ar->n != er->n + (size_t)skip) ||
		    ar->n < want + (size_t)skip || er->n < want) {
			printf("%s: row %zu has %zu columns, expected %zu\n",
				argv[opt_i + 1], r + 1, ar->n, er->n);
			bad++;
			continue;
		}
		for (c = 0; c < want; c++) {
			const field *ef = &er->f[c], *af = &ar->f[c + (size_t)skip];
			const char *name = c < e.rows[0].n ? e.rows[0].f[c].text : "?";
			int is_num = numeric != NULL ? r > 0 && listed(numeric, name) :
				!ef->quoted && ef->text[0] != '\0';
			double ev, av;

			if (ef->text[0] == '\0') {
				if (af->text[0] != '\0') {
					printf("row %zu, column %zu (%s): expected an empty "
						"cell, got '%s'\n", r + 1, c + 1, name, af->text);
					bad++;
				}
			} else if (is_num) {
				if (!number(ef->text, &ev)) {
					printf("row %zu, column %zu (%s): expected file holds "
						"no number: '%s'\n", r + 1, c + 1, name, ef->text);
					bad++;
				} else if (af->quoted || !number(af->text, &av)) {
					printf("row %zu, column %zu (%s): expected the number "
						"%s, got text '%s'\n", r + 1, c + 1, name, ef->text,
						af->text);
					bad++;
				} else if (fabs(av - ev) > 1e-9 * fmax(1, fabs(ev))) {
					printf("row %zu, column %zu (%s): expected %s, got "
						"%s\n", r + 1, c + 1, name, ef->text, af->text);
					bad++;
				}
			} else if (!af->quoted || strcmp(af->text, ef->text) != 0) {
				printf("row %zu, column %zu (%s): expected the text '%s', "
					"got %s '%s'\n", r + 1, c + 1, name, ef->text,
					af->quoted ? "text" : "the value", af->text);
				bad++;
			}
		}
	}
	if (bad > 0)
		printf("%s: %zu difference%s from %s\n", argv[opt_i + 1], bad,
			bad == 1 ? "" : "s", argv[opt_i]);
	return bad > 0;
}
