/*
 * jsoncheck: what the CLI tests need to look into srmgap's JSON output
 * without python or jq (neither is on a fresh Debian machine). The
 * Makefile builds it beside the tests' binaries as $(BUILD)/tests/jsoncheck.
 *
 *   jsoncheck validate SCHEMA FILE   FILE ("-": stdin) parses and follows
 *                                    SCHEMA (tests/unit/json_schema.h);
 *                                    each problem on stdout, exit 1
 *   jsoncheck get FILE POINTER...    the value at each JSON pointer
 *                                    (RFC 6901), one per line: a string as
 *                                    it is, a number with up to 15
 *                                    significant digits, anything else as
 *                                    compact JSON; exit 1 when one is
 *                                    missing
 *   jsoncheck keys SCHEMA            every key the schema names, sorted,
 *                                    one per line
 *
 * Exit 2 on a usage error or a file that is not JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../unit/json_schema.h"

static json_t *load(const char *path)
{
	json_error_t e;
	json_t *v;

	if (strcmp(path, "-") == 0)
		v = json_loadf(stdin, JSON_REJECT_DUPLICATES, &e);
	else
		v = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
	if (v == NULL)
		fprintf(stderr, "jsoncheck: %s:%d:%d: %s\n", path, e.line, e.column,
			e.text);
	return v;
}

/* The value at JSON pointer `ptr` in `v`, or NULL. */
static json_t *pointer(json_t *v, const char *ptr)
{
	char token[512];

	if (ptr[0] == '\0')
		return v;
	if (ptr[0] != '/')
		return NULL;
	while (v != NULL && *ptr == '/') {
		size_t n = 0;

		ptr++;
		while (*ptr != '\0' && *ptr != '/' && n + 1 < sizeof(token)) {
			if (ptr[0] == '~' && (ptr[1] == '0' || ptr[1] == '1')) {
				token[n++] = ptr[1] == '0' ? '~' : '/';
				ptr += 2;
			} else {
				token[n++] = *ptr++;
			}
		}
		token[n] = '\0';
		if (json_is_object(v)) {
			v = json_object_get(v, token);
		} else if (json_is_array(v)) {
			char *end;
			unsigned long i = strtoul(token, &end, 10);

			v = token[0] != '\0' && *end == '\0' ? json_array_get(v, i) :
				NULL;
		} else {
			v = NULL;
		}
	}
	return v;
}

static void print_value(json_t *v)
{
	char *s;

	if (json_is_string(v)) {
		fwrite(json_string_value(v), 1, json_string_length(v), stdout);
	} else if (json_is_integer(v)) {
		printf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	} else if (json_is_real(v)) {
		printf("%.15g", json_real_value(v));
	} else {
		s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
			JSON_REAL_PRECISION(15));
		fputs(s != NULL ? s : "?", stdout);
		free(s);
	}
	putchar('\n');
}

typedef struct keys {
	char **names;
	size_t n, cap;
} keys;

static void add_key(const char *key, void *ctx)
{
	keys *k = ctx;

	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->names = realloc(k->names, k->cap * sizeof(*k->names));
		if (k->names == NULL)
			exit(2);
	}
	k->names[k->n++] = strdup(key);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	json_t *schema = NULL, *doc = NULL;
	int rc = 0, i;

	if (argc >= 4 && strcmp(argv[1], "validate") == 0 && argc == 4) {
		schema = load(argv[2]);
		doc = schema != NULL ? load(argv[3]) : NULL;
		if (doc == NULL)
			rc = 2;
		else if (schema_check(schema, doc, stdout) > 0)
			rc = 1;
	} else if (argc >= 4 && strcmp(argv[1], "get") == 0) {
		doc = load(argv[2]);
		if (doc == NULL)
			return 2;
		for (i = 3; i < argc; i++) {
			json_t *v = pointer(doc, argv[i]);

			if (v == NULL) {
				fprintf(stderr, "jsoncheck: no value at '%s'\n", argv[i]);
				rc = 1;
				continue;
			}
			print_value(v);
		}
	} else if (argc == 3 && strcmp(argv[1], "keys") == 0) {
		keys k = { NULL, 0, 0 };
		size_t j;

		schema = load(argv[2]);
		if (schema == NULL)
			return 2;
		schema_keys(schema, add_key, &k);
		qsort(k.names, k.n, sizeof(*k.names), by_name);
		for (j = 0; j < k.n; j++) {
			if (j == 0 || strcmp(k.names[j], k.names[j - 1]) != 0)
				puts(k.names[j]);
		}
		for (j = 0; j < k.n; j++)
			free(k.names[j]);
		free(k.names);
	} else {
		fprintf(stderr, "usage: jsoncheck validate SCHEMA FILE\n"
			"       jsoncheck get FILE POINTER...\n"
			"       jsoncheck keys SCHEMA\n");
		return 2;
	}
	json_decref(schema);
	json_decref(doc);
	return rc;
}
