/*
 * A small JSON Schema checker for the tests: enough of draft 2020-12 to
 * hold srmgap's JSON output to the schemas in reports/ (type, const,
 * enum, properties, required, additionalProperties, items, minimum,
 * maximum, exclusiveMinimum, minLength, pattern as a POSIX extended
 * regular expression, and $ref to "#/$defs/NAME"). A keyword it does not
 * know is itself an error, so a schema cannot quietly ask for a check
 * that is not made. Used by tests/unit/test_report_json.c and by the CLI
 * tests' helper tests/cli/jsoncheck.c. Everything is static inline so
 * each program takes only what it uses.
 */
#ifndef SRMGAP_TESTS_JSON_SCHEMA_H
#define SRMGAP_TESTS_JSON_SCHEMA_H

#include <regex.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

typedef struct schema_run {
	json_t *root;        /* the whole schema, for $ref */
	FILE *report;        /* where each problem is described (may be NULL) */
	size_t problems;
} schema_run;

static inline void schema_problem(schema_run *run, const char *path,
	const char *what, const char *detail)
{
	run->problems++;
	if (run->report != NULL)
		fprintf(run->report, "%s: %s%s%s\n", path[0] ? path : "/", what,
			detail ? " " : "", detail ? detail : "");
}

static inline int schema_is_type(json_t *v, const char *type)
{
	if (strcmp(type, "object") == 0)
		return json_is_object(v);
	if (strcmp(type, "array") == 0)
		return json_is_array(v);
	if (strcmp(type, "string") == 0)
		return json_is_string(v);
	if (strcmp(type, "number") == 0)
		return json_is_number(v);
	if (strcmp(type, "integer") == 0)
		return json_is_integer(v);
	if (strcmp(type, "boolean") == 0)
		return json_is_boolean(v);
	if (strcmp(type, "null") == 0)
		return json_is_null(v);
	return 0;
}

/* Code points of a UTF-8 string. */
static inline size_t schema_length(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static inline void schema_validate(schema_run *run, json_t *schema, json_t *v,
	const char *path);

static inline void schema_ref(schema_run *run, json_t *ref, json_t *v,
	const char *path)
{
	const char *r = json_string_value(ref);
	json_t *defs = json_object_get(run->root, "$defs"), *target;

	if (r == NULL || strncmp(r, "#/$defs/", 8) != 0) {
		schema_problem(run, path, "schema: unsupported $ref", r);
		return;
	}
	target = json_object_get(defs, r + 8);
	if (target == NULL) {
		schema_problem(run, path, "schema: no definition for", r);
		return;
	}
	schema_validate(run, target, v, path);
}

static inline void schema_type(schema_run *run, json_t *type, json_t *v,
	const char *path)
{
	size_t i;
	json_t *t;

	if (json_is_string(type)) {
		if (!schema_is_type(v, json_string_value(type)))
			schema_problem(run, path, "is not of type",
				json_string_value(type));
		return;
	}
	json_array_foreach(type, i, t) {
		if (schema_is_type(v, json_string_value(t)))
			return;
	}
	schema_problem(run, path, "is not of any type the schema allows", NULL);
}

static inline void schema_object(schema_run *run, json_t *schema, json_t *v,
	const char *path)
{
	json_t *props = json_object_get(schema, "properties");
	json_t *req = json_object_get(schema, "required");
	json_t *extra = json_object_get(schema, "additionalProperties");
	json_t *sub, *x;
	const char *key;
	char sub_path[1024];
	size_t i;

	json_array_foreach(req, i, x) {
		if (json_object_get(v, json_string_value(x)) == NULL)
			schema_problem(run, path, "lacks the key", json_string_value(x));
	}
	json_object_foreach(v, key, sub) {
		json_t *ps = props != NULL ? json_object_get(props, key) : NULL;

		snprintf(sub_path, sizeof(sub_path), "%s/%s", path, key);
		if (ps != NULL)
			schema_validate(run, ps, sub, sub_path);
		else if (json_is_false(extra))
			schema_problem(run, sub_path, "is a key the schema does not "
				"list", NULL);
		else if (json_is_object(extra))
			schema_validate(run, extra, sub, sub_path);
	}
}

static inline void schema_validate(schema_run *run, json_t *schema, json_t *v,
	const char *path)
{
	const char *key;
	json_t *kw;

	if (json_is_true(schema))
		return;
	if (!json_is_object(schema)) {
		schema_problem(run, path, "schema: not an object", NULL);
		return;
	}
	json_object_foreach(schema, key, kw) {
		if (strcmp(key, "$schema") == 0 || strcmp(key, "$id") == 0 ||
		    strcmp(key, "title") == 0 || strcmp(key, "description") == 0 ||
		    strcmp(key, "$defs") == 0 || strcmp(key, "$comment") == 0 ||
		    strcmp(key, "required") == 0 ||
		    strcmp(key, "additionalProperties") == 0) {
			continue;
		} else if (strcmp(key, "$ref") == 0) {
			schema_ref(run, kw, v, path);
		} else if (strcmp(key, "type") == 0) {
			schema_type(run, kw, v, path);
		} else if (strcmp(key, "const") == 0) {
			if (!json_equal(kw, v))
				schema_problem(run, path, "is not the constant the schema "
					"requires", NULL);
		} else if (strcmp(key, "enum") == 0) {
			size_t i;
			json_t *x;
			int found = 0;

			json_array_foreach(kw, i, x)
				found |= json_equal(x, v);
			if (!found)
				schema_problem(run, path, "is none of the values allowed",
					json_string_value(v));
		} else if (strcmp(key, "properties") == 0) {
			if (json_is_object(v))
				schema_object(run, schema, v, path);
		} else if (strcmp(key, "items") == 0) {
			size_t i;
			json_t *x;
			char sub_path[1024];

			json_array_foreach(v, i, x) {
				snprintf(sub_path, sizeof(sub_path), "%s/%zu", path, i);
				schema_validate(run, kw, x, sub_path);
			}
		} else if (strcmp(key, "minimum") == 0) {
			if (json_is_number(v) && json_number_value(v) <
			    json_number_value(kw))
				schema_problem(run, path, "is below the minimum", NULL);
		} else if (strcmp(key, "maximum") == 0) {
			if (json_is_number(v) && json_number_value(v) >
			    json_number_value(kw))
				schema_problem(run, path, "is above the maximum", NULL);
		} else if (strcmp(key, "exclusiveMinimum") == 0) {
			if (json_is_number(v) && json_number_value(v) <=
			    json_number_value(kw))
				schema_problem(run, path, "is not above the minimum", NULL);
		} else if (strcmp(key, "minLength") == 0) {
			if (json_is_string(v) && schema_length(json_string_value(v)) <
			    (size_t)json_integer_value(kw))
				schema_problem(run, path, "is too short", NULL);
		} else if (strcmp(key, "pattern") == 0) {
			regex_t re;

			if (regcomp(&re, json_string_value(kw), REG_EXTENDED |
			    REG_NOSUB) != 0) {
				schema_problem(run, path, "schema: bad pattern",
					json_string_value(kw));
				continue;
			}
			if (json_is_string(v) && regexec(&re, json_string_value(v), 0,
			    NULL, 0) != 0)
				schema_problem(run, path, "does not match",
					json_string_value(kw));
			regfree(&re);
		} else {
			schema_problem(run, path, "schema: unsupported keyword", key);
		}
	}
	/* "required" and "additionalProperties" work without "properties". */
	if (json_is_object(v) && json_object_get(schema, "properties") == NULL &&
	    (json_object_get(schema, "required") != NULL ||
	     json_object_get(schema, "additionalProperties") != NULL))
		schema_object(run, schema, v, path);
}

/*
 * Check `doc` against `schema`; each problem is described on `report`
 * (may be NULL). Returns the number of problems.
 */
static inline size_t schema_check(json_t *schema, json_t *doc, FILE *report)
{
	schema_run run;

	run.root = schema;
	run.report = report;
	run.problems = 0;
	schema_validate(&run, schema, doc, "");
	return run.problems;
}

/* Call `fn` for every key named in a "properties" of `schema`. */
static inline void schema_keys(json_t *schema, void (*fn)(const char *key,
	void *ctx), void *ctx)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_array(schema)) {
		json_array_foreach(schema, i, v)
			schema_keys(v, fn, ctx);
		return;
	}
	if (!json_is_object(schema))
		return;
	json_object_foreach(schema, key, v) {
		if (strcmp(key, "properties") == 0 && json_is_object(v)) {
			const char *name;
			json_t *sub;

			json_object_foreach(v, name, sub) {
				fn(name, ctx);
				schema_keys(sub, fn, ctx);
			}
		} else {
			schema_keys(v, fn, ctx);
		}
	}
}

#endif
