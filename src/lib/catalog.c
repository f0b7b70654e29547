/*
 * Catalog folders: finding models on the catalog path, reading the CSV
 * files of a model and its questionnaire into a model (through the
 * checks of model.c), and validating folders and files.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "srmgap/catalog.h"
#include "csv_int.h"
#include "model_int.h"
#include "util_int.h"

#define MAX_COLS 64

void srmgap_catalog_init(srmgap_catalog *c)
{
	memset(c, 0, sizeof(*c));
}

void srmgap_catalog_release(srmgap_catalog *c)
{
	size_t i;

	for (i = 0; i < c->ndirs; i++)
		free(c->dirs[i]);
	free(c->dirs);
	memset(c, 0, sizeof(*c));
}

static int is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static char *join(const char *a, const char *b, const char *c)
{
	srmgap_buf buf;
	size_t n = strlen(a);

	/* "dir/" and "dir" name the same folder: no doubled slash. */
	while (n > 1 && a[n - 1] == '/')
		n--;
	srmgap_util__buf_init(&buf);
	/* "./x" is "x": one spelling per file, so messages de-duplicate. */
	if (b != NULL && n == 1 && a[0] == '.') {
		srmgap_util__buf_puts(&buf, b);
	} else {
		srmgap_util__buf_put(&buf, a, n);
		if (b != NULL) {
			srmgap_util__buf_puts(&buf, "/");
			srmgap_util__buf_puts(&buf, b);
		}
	}
	if (c != NULL) {
		srmgap_util__buf_puts(&buf, "/");
		srmgap_util__buf_puts(&buf, c);
	}
	return srmgap_util__buf_detach(&buf);
}

static char *catalog_root(const char *path);

/* Append the folders of `list`; with `strict`, a missing one is an error. */
static int add_list(srmgap_catalog *c, const char *list, int strict,
	srmgap_error *err)
{
	char *copy, *item, *save = NULL;
	int rc = SRMGAP_OK;

	if (list == NULL || list[0] == '\0')
		return SRMGAP_OK;
	copy = srmgap_util__strdup(list);
	if (copy == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	for (item = strtok_r(copy, ":", &save); item != NULL;
	     item = strtok_r(NULL, ":", &save)) {
		char real[PATH_MAX];
		char **dirs;
		size_t i;
		int dup = 0;

		if (!is_dir(item) || realpath(item, real) == NULL) {
			if (!strict)
				continue;
			rc = srmgap_error_set(err, SRMGAP_ENOTFOUND, "no catalog folder "
				"'%s'", item);
			break;
		}
		for (i = 0; i < c->ndirs && !dup; i++)
			dup = strcmp(c->dirs[i], real) == 0;
		if (dup)
			continue;
		dirs = realloc(c->dirs, (c->ndirs + 1) * sizeof(*dirs));
		if (dirs == NULL) {
			rc = SRMGAP_ENOMEM;
			break;
		}
		c->dirs = dirs;
		c->dirs[c->ndirs] = srmgap_util__strdup(real);
		if (c->dirs[c->ndirs] == NULL) {
			rc = SRMGAP_ENOMEM;
			break;
		}
		c->ndirs++;
	}
	free(copy);
	if (rc == SRMGAP_ENOMEM)
		srmgap_error_set(err, rc, "out of memory");
	return rc;
}

int srmgap_catalog_add(srmgap_catalog *c, const char *list)
{
	return add_list(c, list, 0, NULL);
}

int srmgap_catalog_require(srmgap_catalog *c, const char *list,
	srmgap_error *err)
{
	return add_list(c, list, 1, err);
}

void srmgap_catalog_entries_free(srmgap_catalog_entry *e, size_t count)
{
	size_t i, k;

	for (i = 0; e != NULL && i < count; i++) {
		free(e[i].id);
		free(e[i].dir);
		for (k = 0; k < e[i].nvariants; k++)
			free(e[i].variants[k]);
		free(e[i].variants);
	}
	free(e);
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const srmgap_catalog_entry *)a)->id,
		((const srmgap_catalog_entry *)b)->id);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n);

/* Names in folder `dir`, sorted, without dot files; none if it is absent. */
static int dir_names(const char *dir, char ***out, size_t *count)
{
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	DIR *dh = opendir(dir);
	int rc = SRMGAP_OK;

	*out = NULL;
	*count = 0;
	if (dh == NULL)
		return SRMGAP_OK;
	for (;;) {
		char **grown;

		de = readdir(dh);
		if (de == NULL)
			break;
		if (de->d_name[0] == '.')
			continue;
		grown = realloc(names, (n + 1) * sizeof(*names));
		if (grown == NULL) {
			rc = SRMGAP_ENOMEM;
			break;
		}
		names = grown;
		names[n] = srmgap_util__strdup(de->d_name);
		if (names[n] == NULL) {
			rc = SRMGAP_ENOMEM;
			break;
		}
		n++;
	}
	closedir(dh);
	if (rc == SRMGAP_OK && n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	if (rc != SRMGAP_OK) {
		free_names(names, n);
		return rc;
	}
	*out = names;
	*count = n;
	return SRMGAP_OK;
}

static void free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Questionnaire variants of model `id` in catalog folder `dir`. */
static int find_variants(srmgap_catalog_entry *e, const char *dir)
{
	char *qdir = join(dir, "questionnaires", NULL);
	size_t idlen = strlen(e->id), n = 0, i;
	char **names = NULL;
	int rc;

	if (qdir == NULL)
		return SRMGAP_ENOMEM;
	rc = dir_names(qdir, &names, &n);
	free(qdir);
	for (i = 0; i < n && rc == SRMGAP_OK; i++) {
		const char *name = names[i];
		size_t len = strlen(name);
		char **v;
		char *variant;

		if (len < idlen + 4 || strncmp(name, e->id, idlen) != 0 ||
		    strcmp(name + len - 4, ".csv") != 0)
			continue;
		if (len == idlen + 4)
			variant = srmgap_util__strdup("");
		else if (name[idlen] == '.' && len > idlen + 5)
			variant = srmgap_util__strndup(name + idlen + 1, len - idlen - 5);
		else
			continue;
		if (variant == NULL) {
			rc = SRMGAP_ENOMEM;
			break;
		}
		if (variant[0] && (strchr(variant, '.') ||
		    !srmgap_util__valid_id(variant))) {
			free(variant);
			continue;
		}
		v = realloc(e->variants, (e->nvariants + 1) * sizeof(*v));
		if (v == NULL) {
			free(variant);
			rc = SRMGAP_ENOMEM;
			break;
		}
		e->variants = v;
		e->variants[e->nvariants++] = variant;
	}
	free_names(names, n);
	return rc;
}

int srmgap_catalog_list(srmgap_catalog_entry **out, size_t *count,
	const srmgap_catalog *c, srmgap_error *err)
{
	srmgap_catalog_entry *list = NULL;
	size_t n = 0, i, k, j;
	int rc = SRMGAP_OK;

	*out = NULL;
	*count = 0;
	for (i = 0; i < c->ndirs && rc == SRMGAP_OK; i++) {
		char *cdir = join(c->dirs[i], "controls", NULL);
		char **names = NULL;
		size_t nn = 0;

		rc = cdir ? dir_names(cdir, &names, &nn) : SRMGAP_ENOMEM;
		for (j = 0; j < nn && rc == SRMGAP_OK; j++) {
			char *mfile;
			int seen = 0, ok;
			srmgap_catalog_entry *e;

			if (strchr(names[j], '.') != NULL ||
			    !srmgap_util__valid_id(names[j]))
				continue;
			mfile = join(cdir, names[j], "model.csv");
			if (mfile == NULL) {
				rc = SRMGAP_ENOMEM;
				break;
			}
			ok = is_file(mfile);
			free(mfile);
			/* An earlier folder on the path has it already. */
			for (k = 0; k < n && !seen; k++)
				seen = strcmp(list[k].id, names[j]) == 0;
			if (!ok || seen)
				continue;
			e = realloc(list, (n + 1) * sizeof(*list));
			if (e == NULL) {
				rc = SRMGAP_ENOMEM;
				break;
			}
			list = e;
			memset(&list[n], 0, sizeof(list[n]));
			list[n].id = srmgap_util__strdup(names[j]);
			list[n].dir = srmgap_util__strdup(c->dirs[i]);
			n++;
			if (list[n - 1].id == NULL || list[n - 1].dir == NULL ||
			    find_variants(&list[n - 1], c->dirs[i]) != SRMGAP_OK)
				rc = SRMGAP_ENOMEM;
		}
		free_names(names, nn);
		free(cdir);
	}
	if (rc != SRMGAP_OK) {
		srmgap_catalog_entries_free(list, n);
		return srmgap_error_set(err, rc, "out of memory");
	}
	if (n > 1)
		qsort(list, n, sizeof(*list), cmp_entry);
	*out = list;
	*count = n;
	return SRMGAP_OK;
}

/* Reading one CSV table of a model. */
enum table { T_META, T_PARTIES, T_AREAS, T_CONTROLS, T_QUESTIONS, T_SCENARIOS };

typedef struct table_ctx {
	srmgap_model *m;
	enum table kind;
	srmgap_csv_col cols[MAX_COLS];
	size_t ncols;
	int idx[MAX_COLS];
	size_t width;
	int skip, header_seen;
	srmgap_diags *d;
} table_ctx;

static const srmgap_csv_col meta_cols[] = { { "key", 1 }, { "value", 1 } };
static const srmgap_csv_col party_cols[] = {
	{ "party", 1 }, { "name", 1 }, { "role", 1 }
};
static const srmgap_csv_col control_cols[] = {
	{ "control", 1 }, { "area", 1 }, { "title", 1 }, { "owner", 1 },
	{ "severity", 1 }, { "weight", 0 }, { "description", 0 },
	{ "remediation", 0 }, { "references", 0 }
};
static const srmgap_csv_col question_cols[] = {
	{ "question", 1 }, { "control", 1 }, { "text", 1 }, { "type", 1 },
	{ "options", 0 }, { "weight", 0 }, { "required", 0 },
	{ "depends_on", 0 }, { "pattern", 0 }, { "help", 0 }
};
static const srmgap_csv_col scenario_cols[] = {
	{ "scenario", 1 }, { "owner", 1 }, { "provider_duty", 0 },
	{ "customer_duty", 0 }
};

static int table_row(const srmgap_csv_row *row, void *vctx)
{
	table_ctx *t = vctx;
	const char *f[MAX_COLS];
	unsigned long col[MAX_COLS];
	srmgap_src src;
	size_t k;

	if (row->index == 0) {
		t->header_seen = 1;
		if (srmgap_csv__map_header(row, t->cols, t->ncols, t->idx, t->d) !=
		    SRMGAP_OK)
			t->skip = 1;
		t->width = row->nfields;
		return SRMGAP_OK;
	}
	if (t->skip)
		return SRMGAP_OK;
	srmgap_csv__check_width(row, t->width, t->d);
	for (k = 0; k < t->ncols; k++) {
		const char *p;

		f[k] = srmgap_csv__field(row, t->idx[k]);
		col[k] = t->idx[k] >= 0 ? (unsigned long)t->idx[k] + 1 : 0;
		/* Catalog text reaches terminals: no escape sequences. */
		for (p = f[k]; *p != '\0'; p++) {
			unsigned char ch = (unsigned char)*p;

			if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') ||
			    ch == 0x7f) {
				srmgap_diags_add(t->d, SRMGAP_DIAG_ERROR, row->path,
					row->line, col[k], "control character 0x%02x in field",
					ch);
				break;
			}
		}
	}
	src.path = row->path;
	src.line = row->line;
	src.col = col;
	switch (t->kind) {
	case T_META:
		return srmgap_model__meta(t->m, f[0], f[1], &src, t->d);
	case T_PARTIES:
		return srmgap_model__party(t->m, f, &src, t->d);
	case T_AREAS:
		return srmgap_model__area(t->m, f[0], f[1], f + 2, &src, t->d);
	case T_CONTROLS:
		return srmgap_model__control(t->m, f, &src, t->d);
	case T_QUESTIONS:
		return srmgap_model__question(t->m, f, &src, t->d);
	case T_SCENARIOS:
		return srmgap_model__scenario(t->m, f, &src, t->d);
	}
	return SRMGAP_OK;
}

static int read_table(srmgap_model *m, enum table kind, const char *path,
	int optional, srmgap_diags *d)
{
	table_ctx t;
	srmgap_error err;
	size_t k;
	int rc;

	memset(&t, 0, sizeof(t));
	t.m = m;
	t.kind = kind;
	t.d = d;
	switch (kind) {
	case T_META:
		memcpy(t.cols, meta_cols, sizeof(meta_cols));
		t.ncols = 2;
		break;
	case T_PARTIES:
		memcpy(t.cols, party_cols, sizeof(party_cols));
		t.ncols = F_PARTY_N;
		break;
	case T_AREAS:
		t.cols[0].name = "area";
		t.cols[0].required = 1;
		t.cols[1].name = "name";
		t.cols[1].required = 1;
		if (m->nparties > MAX_COLS - 2) {
			srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0,
				"more than %d parties", MAX_COLS - 2);
			return SRMGAP_OK;
		}
		for (k = 0; k < m->nparties; k++) {
			t.cols[k + 2].name = m->parties[k].id;
			t.cols[k + 2].required = 1;
		}
		t.ncols = m->nparties + 2;
		break;
	case T_CONTROLS:
		memcpy(t.cols, control_cols, sizeof(control_cols));
		t.ncols = F_CTL_N;
		break;
	case T_QUESTIONS:
		memcpy(t.cols, question_cols, sizeof(question_cols));
		t.ncols = F_Q_N;
		break;
	case T_SCENARIOS:
		memcpy(t.cols, scenario_cols, sizeof(scenario_cols));
		t.ncols = F_SC_N;
		break;
	}
	if (optional && !is_file(path))
		return SRMGAP_OK;
	srmgap_error_clear(&err);
	rc = srmgap_csv__parse_file(path, table_row, &t, &err);
	if (rc == SRMGAP_ENOMEM)
		return rc;
	if (rc != SRMGAP_OK)
		srmgap_diags_add_error(d, &err);
	else if (!t.header_seen)
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 1, 1, "empty file: "
			"expected a header row");
	return SRMGAP_OK;
}

/* Last path component without trailing slashes. */
static char *base_name(const char *path)
{
	size_t n = strlen(path), start;

	while (n > 1 && path[n - 1] == '/')
		n--;
	start = n;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return srmgap_util__strndup(path + start, n - start);
}

/* The model id is the folder's name, also when it is given as "." */
static char *model_id_of(const char *model_dir)
{
	char real[PATH_MAX];
	char *id = base_name(model_dir);

	if (id != NULL && (strcmp(id, ".") == 0 || strcmp(id, "..") == 0)) {
		free(id);
		id = realpath(model_dir, real) ? base_name(real) : NULL;
	}
	return id;
}

/* The questionnaire variant named by file `questionnaire` of model `id`. */
static int variant_of(const char *id, const char *questionnaire, char **out)
{
	char *qbase = base_name(questionnaire);
	size_t idlen = strlen(id), qlen;

	*out = NULL;
	if (qbase == NULL)
		return SRMGAP_ENOMEM;
	qlen = strlen(qbase);
	if (qlen > idlen + 5 && strncmp(qbase, id, idlen) == 0 &&
	    qbase[idlen] == '.') {
		*out = srmgap_util__strndup(qbase + idlen + 1, qlen - idlen - 5);
		if (*out == NULL) {
			free(qbase);
			return SRMGAP_ENOMEM;
		}
	}
	free(qbase);
	return SRMGAP_OK;
}

/* Read the files of a model folder (and a questionnaire) into `m`. */
static int read_model(srmgap_model *m, const char *model_dir,
	const char *questionnaire, srmgap_diags *d)
{
	static const struct {
		enum table kind;
		const char *file;
		int optional;
	} files[] = {
		{ T_META, "model.csv", 0 }, { T_PARTIES, "parties.csv", 0 },
		{ T_AREAS, "areas.csv", 0 }, { T_CONTROLS, "controls.csv", 0 },
		{ T_QUESTIONS, NULL, 0 }, { T_SCENARIOS, "scenarios.csv", 1 },
	};
	size_t i;
	int rc = SRMGAP_OK;

	for (i = 0; i < sizeof(files) / sizeof(files[0]) && rc == SRMGAP_OK;
	     i++) {
		char *path;

		if (files[i].kind == T_QUESTIONS) {
			if (questionnaire != NULL)
				rc = read_table(m, T_QUESTIONS, questionnaire, 0, d);
			continue;
		}
		path = join(model_dir, files[i].file, NULL);
		rc = path ? read_table(m, files[i].kind, path, files[i].optional, d) :
			SRMGAP_ENOMEM;
		free(path);
	}
	return rc;
}

int srmgap_model_load_files(srmgap_model **out, const char *model_dir,
	const char *questionnaire, srmgap_diags *d, srmgap_error *err)
{
	srmgap_model *m = NULL;
	char *id = model_id_of(model_dir), *variant = NULL;
	size_t errors = d->errors;
	int rc;

	*out = NULL;
	if (id == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	if (!is_dir(model_dir)) {
		rc = srmgap_error_set(err, SRMGAP_ENOTFOUND, "no model folder '%s'",
			model_dir);
		goto done;
	}
	rc = questionnaire ? variant_of(id, questionnaire, &variant) : SRMGAP_OK;
	if (rc == SRMGAP_OK)
		rc = srmgap_model__new(&m, id, variant);
	if (rc == SRMGAP_OK) {
		m->dir = srmgap_util__strdup(model_dir);
		if (questionnaire != NULL)
			m->questionnaire_path = srmgap_util__strdup(questionnaire);
		if (m->dir == NULL || (questionnaire && !m->questionnaire_path))
			rc = SRMGAP_ENOMEM;
	}
	if (rc == SRMGAP_OK) {
		if (strchr(id, '.') != NULL || !srmgap_util__valid_id(id))
			srmgap_diags_add(d, SRMGAP_DIAG_ERROR, model_dir, 0, 0,
				"invalid model id '%.64s' (letters, digits, '_' and '-')", id);
		rc = read_model(m, model_dir, questionnaire, d);
	}
	if (rc == SRMGAP_OK)
		rc = srmgap_model__finish(m, model_dir, d, errors);
	if (rc != SRMGAP_OK) {
		rc = srmgap_error_set(err, rc, "out of memory");
		goto done;
	}
	if (d->errors > errors) {
		rc = srmgap_error_set(err, SRMGAP_EINVALID, "model '%s' is invalid",
			id);
		goto done;
	}
	*out = m;
	m = NULL;
done:
	srmgap_model_free(m);
	free(id);
	free(variant);
	return rc;
}

static char *questionnaire_file(const char *dir, const char *id,
	const char *variant)
{
	srmgap_buf b;

	/* "./questionnaires/x.csv" is "questionnaires/x.csv", as typed. */
	srmgap_util__buf_init(&b);
	srmgap_util__buf_printf(&b, "%s%squestionnaires/%s%s%s.csv",
		strcmp(dir, ".") == 0 ? "" : dir, strcmp(dir, ".") == 0 ? "" : "/",
		id, variant && variant[0] ? "." : "", variant ? variant : "");
	return srmgap_util__buf_detach(&b);
}

int srmgap_catalog_find(char **dir, const srmgap_catalog *c, const char *id,
	srmgap_error *err)
{
	size_t i;

	*dir = NULL;
	if (strchr(id, '/') != NULL || strchr(id, '.') != NULL ||
	    !srmgap_util__valid_id(id))
		return srmgap_error_set(err, SRMGAP_EUSAGE, "invalid model id '%.64s'",
			id);
	for (i = 0; i < c->ndirs; i++) {
		char *mdir = join(c->dirs[i], "controls", id);
		char *mfile = mdir ? join(mdir, "model.csv", NULL) : NULL;
		int found = mfile != NULL && is_file(mfile);

		free(mfile);
		if (mdir == NULL || mfile == NULL) {
			free(mdir);
			return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		}
		if (found) {
			*dir = mdir;
			return SRMGAP_OK;
		}
		free(mdir);
	}
	return srmgap_error_set(err, SRMGAP_ENOTFOUND, "unknown model '%.64s' "
		"(see 'srmgap models')", id);
}

int srmgap_catalog_load(srmgap_model **out, const srmgap_catalog *c,
	const char *id, const char *variant, srmgap_diags *d, srmgap_error *err)
{
	char *mdir = NULL, *root = NULL, *qfile = NULL;
	int rc;

	*out = NULL;
	if (variant != NULL && variant[0] != '\0' &&
	    (strchr(variant, '.') || !srmgap_util__valid_id(variant)))
		return srmgap_error_set(err, SRMGAP_EUSAGE,
			"invalid questionnaire variant '%.64s'", variant);
	rc = srmgap_catalog_find(&mdir, c, id, err);
	if (rc != SRMGAP_OK)
		return rc;
	/* The questionnaire comes from the catalog folder the model is in. */
	root = catalog_root(mdir);
	qfile = root ? questionnaire_file(root, id, variant) : NULL;
	if (qfile == NULL)
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	else if (!is_file(qfile))
		rc = srmgap_error_set(err, SRMGAP_ENOTFOUND, "model '%s' has no "
			"questionnaire%s%s%s (no file '%s')", id,
			variant && variant[0] ? " '" : "", variant ? variant : "",
			variant && variant[0] ? "'" : "", qfile);
	else
		rc = srmgap_model_load_files(out, mdir, qfile, d, err);
	free(mdir);
	free(root);
	free(qfile);
	return rc;
}

/*
 * The catalog folder two levels above `path` (<catalog>/controls/<id> or
 * <catalog>/questionnaires/<file>), spelled the way the user spelled
 * `path` so that messages name files as the user knows them.
 */
static char *catalog_root(const char *path)
{
	char real[PATH_MAX];
	size_t n = strlen(path);
	int up;

	/* "dir/." is "dir". */
	while (n > 2 && path[n - 1] == '.' && path[n - 2] == '/') {
		n -= 2;
		while (n > 1 && path[n - 1] == '/')
			n--;
	}
	if (n < strlen(path)) {
		char *trimmed = srmgap_util__strndup(path, n), *root;

		if (trimmed == NULL)
			return NULL;
		root = catalog_root(trimmed);
		free(trimmed);
		return root;
	}
	while (n > 1 && path[n - 1] == '/')
		n--;
	for (up = 0; up < 2; up++) {
		while (n > 0 && path[n - 1] != '/')
			n--;
		while (n > 1 && path[n - 1] == '/')
			n--;
		if (n == 0)
			break;
	}
	if (up == 2 && n > 0)
		return srmgap_util__strndup(path, n);
	if (up == 1 && n == 0)
		return srmgap_util__strdup(".");
	/* "." or a bare name: ask the file system. */
	if (realpath(path, real) == NULL)
		return NULL;
	return catalog_root(real);
}

/* Validate a model folder and every questionnaire for it beside it. */
static int validate_model_dir(const char *mdir, srmgap_diags *d,
	srmgap_error *err)
{
	char *root = NULL, *id = NULL;
	srmgap_catalog_entry e;
	srmgap_model *m = NULL;
	size_t k;
	int rc;

	memset(&e, 0, sizeof(e));
	id = model_id_of(mdir);
	root = catalog_root(mdir);
	if (id == NULL || root == NULL) {
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		goto done;
	}
	e.id = id;
	rc = find_variants(&e, root);
	if (rc != SRMGAP_OK) {
		rc = srmgap_error_set(err, rc, "out of memory");
		goto done;
	}
	if (e.nvariants == 0) {
		rc = srmgap_model_load_files(&m, mdir, NULL, d, err);
		srmgap_model_free(m);
		m = NULL;
		if (rc == SRMGAP_ENOMEM || rc == SRMGAP_ENOTFOUND)
			goto done;
	}
	for (k = 0; k < e.nvariants; k++) {
		char *q = questionnaire_file(root, id, e.variants[k]);
		int r;

		if (q == NULL) {
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			goto done;
		}
		r = srmgap_model_load_files(&m, mdir, q, d, err);
		free(q);
		srmgap_model_free(m);
		m = NULL;
		if (r == SRMGAP_ENOMEM || r == SRMGAP_ENOTFOUND) {
			rc = r;
			goto done;
		}
	}
	rc = SRMGAP_OK;
done:
	for (k = 0; k < e.nvariants; k++)
		free(e.variants[k]);
	free(e.variants);
	free(root);
	free(id);
	return rc;
}

/* A questionnaire file: <catalog>/questionnaires/<id>[.<variant>].csv */
static int validate_questionnaire(const srmgap_catalog *c, const char *path,
	srmgap_diags *d, srmgap_error *err)
{
	char *base = NULL, *root = NULL, *mdir = NULL;
	char *dot;
	srmgap_model *m = NULL;
	size_t i;
	int rc;

	base = base_name(path);
	root = catalog_root(path);
	if (base == NULL || root == NULL) {
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		goto done;
	}
	dot = strchr(base, '.');
	if (dot != NULL)
		*dot = '\0';
	mdir = join(root, "controls", base);
	if (mdir == NULL) {
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; !is_dir(mdir) && i < c->ndirs; i++) {
		free(mdir);
		mdir = join(c->dirs[i], "controls", base);
		if (mdir == NULL) {
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			goto done;
		}
	}
	if (!is_dir(mdir)) {
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0, "no model '%s' "
			"for this questionnaire (looked beside it and on the catalog "
			"path)", base);
		rc = SRMGAP_EINVALID;
		goto done;
	}
	rc = srmgap_model_load_files(&m, mdir, path, d, err);
	if (rc == SRMGAP_EINVALID)
		rc = SRMGAP_OK;
done:
	srmgap_model_free(m);
	free(base);
	free(root);
	free(mdir);
	return rc;
}

/*
 * What srmgap_catalog_list() passes over in a catalog folder because it
 * cannot be a model or a questionnaire: report it, since the author
 * meant it to be one.
 */
static int validate_catalog_names(const char *root,
	const srmgap_catalog_entry *list, size_t n, srmgap_diags *d)
{
	static const char *const sub[] = { "controls", "questionnaires" };
	size_t s, k, j;
	int rc = SRMGAP_OK;

	for (s = 0; s < 2 && rc == SRMGAP_OK; s++) {
		char *dir = join(root, sub[s], NULL);
		char **names = NULL;
		size_t nn = 0;

		rc = dir ? dir_names(dir, &names, &nn) : SRMGAP_ENOMEM;
		for (j = 0; j < nn && rc == SRMGAP_OK; j++) {
			const char *name = names[j];
			size_t len = strlen(name), idlen;
			char *path = join(dir, name, NULL);
			int known = 0;

			if (path == NULL) {
				rc = SRMGAP_ENOMEM;
				break;
			}
			if (s == 0 && is_dir(path) && (strchr(name, '.') != NULL ||
			    !srmgap_util__valid_id(name)))
				srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0,
					"invalid model id '%.64s' (letters, digits, '_' and '-', "
					"no '.')", name);
			if (s == 1 && is_file(path) && len > 4 &&
			    strcmp(name + len - 4, ".csv") == 0) {
				idlen = strcspn(name, ".");
				for (k = 0; k < n && !known; k++)
					known = strlen(list[k].id) == idlen &&
						strncmp(list[k].id, name, idlen) == 0;
				if (!known)
					srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0,
						"no model '%.*s' in this catalog for this "
						"questionnaire", (int)(idlen > 64 ? 64 : idlen), name);
				else if (idlen + 4 < len && (strchr(name + idlen + 1, '.') !=
				    name + len - 4 || idlen + 5 == len))
					srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0,
						"invalid questionnaire name (expected <model>.csv or "
						"<model>.<variant>.csv, the variant without '.')");
			}
			free(path);
		}
		free_names(names, nn);
		free(dir);
	}
	return rc;
}

/* A folder of model folders (a catalog's controls/): each of them. */
static int validate_models_in(const char *path, srmgap_diags *d,
	srmgap_error *err)
{
	char **names = NULL;
	size_t n = 0, i, models = 0;
	int rc = dir_names(path, &names, &n);

	for (i = 0; i < n && rc == SRMGAP_OK; i++) {
		char *mdir = join(path, names[i], NULL);
		char *mfile = mdir ? join(mdir, "model.csv", NULL) : NULL;

		if (mfile == NULL)
			rc = SRMGAP_ENOMEM;
		else if (is_file(mfile)) {
			models++;
			rc = validate_model_dir(mdir, d, err);
		}
		free(mfile);
		free(mdir);
	}
	free_names(names, n);
	if (rc == SRMGAP_ENOMEM)
		return srmgap_error_set(err, rc, "out of memory");
	if (rc == SRMGAP_OK && models == 0)
		rc = srmgap_error_set(err, SRMGAP_ENOTFOUND, "'%s' is not a model "
			"folder, a questionnaire or a catalog", path);
	return rc;
}

int srmgap_catalog_validate(const srmgap_catalog *c, const char *path,
	srmgap_diags *d, srmgap_error *err)
{
	size_t errors = d->errors;
	char *probe = NULL;
	int rc = SRMGAP_OK;

	if (is_file(path)) {
		/* One file of a model folder: check the whole model. */
		char *dir = srmgap_util__strdup(path), *slash, *mfile;

		if (dir == NULL)
			return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		slash = strrchr(dir, '/');
		if (slash != NULL)
			*slash = '\0';
		else
			strcpy(dir, ".");
		mfile = join(dir, "model.csv", NULL);
		if (mfile != NULL && is_file(mfile))
			rc = validate_model_dir(dir, d, err);
		else if (mfile != NULL)
			rc = validate_questionnaire(c, path, d, err);
		else
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		free(mfile);
		free(dir);
	} else if (is_dir(path)) {
		probe = join(path, "model.csv", NULL);
		if (probe == NULL)
			return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		if (is_file(probe)) {
			rc = validate_model_dir(path, d, err);
		} else {
			srmgap_catalog one;
			srmgap_catalog_entry *list = NULL;
			size_t n = 0, i;

			one.dirs = (char **)&path;
			one.ndirs = 1;
			rc = srmgap_catalog_list(&list, &n, &one, err);
			if (rc == SRMGAP_OK && n > 0 &&
			    validate_catalog_names(path, list, n, d) != SRMGAP_OK)
				rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			for (i = 0; rc == SRMGAP_OK && i < n; i++) {
				char *mdir = join(list[i].dir, "controls", list[i].id);

				if (mdir == NULL) {
					rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
					break;
				}
				rc = validate_model_dir(mdir, d, err);
				free(mdir);
			}
			srmgap_catalog_entries_free(list, n);
			if (rc == SRMGAP_OK && n == 0)
				rc = validate_models_in(path, d, err);
		}
	} else {
		rc = srmgap_error_set(err, SRMGAP_ENOTFOUND, "cannot open '%s': %s",
			path, strerror(errno));
	}
	free(probe);
	if (rc == SRMGAP_OK && d->errors > errors)
		rc = SRMGAP_EINVALID;
	return rc;
}
