/*
 * Models: building them row by row with checks (model_int.h), lookups by
 * id, the content hash, and freeing. The rules a catalog file must follow
 * are enforced here, once, for files and snapshots alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "srmgap/answer.h"
#include "hash_int.h"
#include "model_int.h"
#include "util_int.h"

typedef struct model_index {
	srmgap_map parties, areas, controls, questions;
	int have_title, have_version;
} model_index;

#define IDX(m) ((model_index *)(m)->index)

static const char *severity_names[] = { "critical", "high", "medium", "low" };
static const double severity_weights[] = { 4, 3, 2, 1 };
static const char *qtype_names[] = {
	"yesno", "scale", "choice", "multi", "number", "date", "text"
};

const char *srmgap_severity_name(srmgap_severity s)
{
	return (unsigned)s < 4 ? severity_names[s] : "?";
}

const char *srmgap_qtype_name(srmgap_qtype t)
{
	return (unsigned)t < 7 ? qtype_names[t] : "?";
}

int srmgap_control_scored(const srmgap_control *c)
{
	return c->owner != SRMGAP_OWNER_PROVIDER;
}

int srmgap_model__new(srmgap_model **out, const char *id, const char *variant)
{
	srmgap_model *m = calloc(1, sizeof(*m));

	*out = NULL;
	if (m == NULL)
		return SRMGAP_ENOMEM;
	m->index = calloc(1, sizeof(model_index));
	m->id = srmgap_util__strdup(id);
	m->variant = srmgap_util__strdup(variant ? variant : "");
	if (m->index == NULL || m->id == NULL || m->variant == NULL) {
		srmgap_model_free(m);
		return SRMGAP_ENOMEM;
	}
	*out = m;
	return SRMGAP_OK;
}

void srmgap_model_free(srmgap_model *m)
{
	size_t i, k;

	if (m == NULL)
		return;
	for (i = 0; i < m->nparties; i++) {
		free(m->parties[i].id);
		free(m->parties[i].name);
	}
	for (i = 0; i < m->nareas; i++) {
		free(m->areas[i].id);
		free(m->areas[i].name);
		for (k = 0; m->areas[i].duties != NULL && k < m->nparties; k++)
			free(m->areas[i].duties[k]);
		free(m->areas[i].duties);
	}
	for (i = 0; i < m->ncontrols; i++) {
		srmgap_control *c = &m->controls[i];

		free(c->id);
		free(c->area_id);
		free(c->title);
		free(c->owner_id);
		free(c->description);
		free(c->remediation);
		free(c->references);
	}
	for (i = 0; i < m->nquestions; i++) {
		srmgap_question *q = &m->questions[i];

		free(q->id);
		free(q->control_id);
		free(q->text);
		free(q->type_name);
		free(q->options);
		free(q->depends_on);
		free(q->pattern);
		free(q->help);
		for (k = 0; k < q->nopts; k++)
			free(q->opts[k].value);
		free(q->opts);
		for (k = 0; k < q->ndep_values; k++)
			free(q->dep_values[k]);
		free(q->dep_values);
		srmgap_answer__pattern_free(q->re);
	}
	for (i = 0; i < m->nscenarios; i++) {
		free(m->scenarios[i].scenario);
		free(m->scenarios[i].owner);
		free(m->scenarios[i].provider_duty);
		free(m->scenarios[i].customer_duty);
	}
	free(m->parties);
	free(m->areas);
	free(m->controls);
	free(m->questions);
	free(m->scenarios);
	if (m->index != NULL) {
		srmgap_util__map_release(&IDX(m)->parties);
		srmgap_util__map_release(&IDX(m)->areas);
		srmgap_util__map_release(&IDX(m)->controls);
		srmgap_util__map_release(&IDX(m)->questions);
		free(m->index);
	}
	free(m->id);
	free(m->variant);
	free(m->title);
	free(m->version);
	free(m->source);
	free(m->description);
	free(m->dir);
	free(m->questionnaire_path);
	free(m);
}

long srmgap_model_question(const srmgap_model *m, const char *id)
{
	return srmgap_util__map_get(&IDX(m)->questions, id);
}

long srmgap_model_control(const srmgap_model *m, const char *id)
{
	return srmgap_util__map_get(&IDX(m)->controls, id);
}

long srmgap_model_control_named(const srmgap_model *m, const char *id)
{
	long found = srmgap_model_control(m, id);
	size_t i;

	if (found >= 0)
		return found;
	for (i = 0; i < m->ncontrols; i++) {
		if (strcasecmp(m->controls[i].id, id) != 0)
			continue;
		/* Two ids differing only in case: the person must say which. */
		if (found >= 0)
			return -1;
		found = (long)i;
	}
	return found;
}

long srmgap_model_area(const srmgap_model *m, const char *id)
{
	return srmgap_util__map_get(&IDX(m)->areas, id);
}

static unsigned long col_of(const srmgap_src *src, int field)
{
	return src->col != NULL ? src->col[field] : 0;
}

static void problem(srmgap_diags *d, const srmgap_src *src, int field,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(srmgap_diags *d, const srmgap_src *src, int field,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	srmgap_diags_vadd(d, SRMGAP_DIAG_ERROR, src->path, src->line,
		field >= 0 ? col_of(src, field) : 0, fmt, ap);
	va_end(ap);
}

static void warning(srmgap_diags *d, const srmgap_src *src, int field,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void warning(srmgap_diags *d, const srmgap_src *src, int field,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	srmgap_diags_vadd(d, SRMGAP_DIAG_WARNING, src->path, src->line,
		field >= 0 ? col_of(src, field) : 0, fmt, ap);
	va_end(ap);
}

/* Trimmed copy; NULL input gives "". */
static char *field_dup(const char *s)
{
	char *p = srmgap_util__strdup(s ? s : "");

	return p ? srmgap_util__trim(p) : NULL;
}

/*
 * Trimmed copies of the n fields of a row, and room for one more element
 * of `size` bytes in *arr (of `count`). All or nothing.
 */
static int take_row(char **fields, const char *const *f, int n, void **arr,
	size_t count, size_t size);

static int grow(void **arr, size_t count, size_t size)
{
	/* Grow by doubling at powers of two so appends stay amortised O(1). */
	void *p;
	size_t cap = 8;

	if (count != 0 && (count & (count - 1)) == 0 && count >= 8)
		cap = count * 2;
	else if (count >= 8 || *arr != NULL)
		return SRMGAP_OK;
	p = realloc(*arr, cap * size);
	if (p == NULL)
		return SRMGAP_ENOMEM;
	*arr = p;
	return SRMGAP_OK;
}

static int take_row(char **fields, const char *const *f, int n, void **arr,
	size_t count, size_t size)
{
	int i;

	for (i = 0; i < n; i++) {
		fields[i] = field_dup(f[i]);
		if (fields[i] == NULL)
			break;
	}
	if (i == n && grow(arr, count, size) == SRMGAP_OK)
		return SRMGAP_OK;
	while (i-- > 0)
		free(fields[i]);
	return SRMGAP_ENOMEM;
}

static int check_id(srmgap_diags *d, const srmgap_src *src, int field,
	const char *what, const char *id)
{
	if (id[0] == '\0') {
		problem(d, src, field, "empty %s id", what);
		return 0;
	}
	if (!srmgap_util__valid_id(id)) {
		problem(d, src, field, "invalid %s id '%.64s' (letters, digits, "
			"'.', '_' and '-', at most 64, starting with a letter or digit)",
			what, id);
		return 0;
	}
	return 1;
}

int srmgap_model__meta(srmgap_model *m, const char *key, const char *value,
	const srmgap_src *src, srmgap_diags *d)
{
	char *k = srmgap_util__lower_trim(key);
	char **slot = NULL;
	int rc = SRMGAP_OK;

	if (k == NULL)
		return SRMGAP_ENOMEM;
	if (strcmp(k, "title") == 0)
		slot = &m->title;
	else if (strcmp(k, "version") == 0)
		slot = &m->version;
	else if (strcmp(k, "source") == 0)
		slot = &m->source;
	else if (strcmp(k, "description") == 0)
		slot = &m->description;
	if (slot == NULL) {
		warning(d, src, 0, "unknown key '%.64s' ignored", k);
	} else if (*slot != NULL) {
		problem(d, src, 0, "duplicate key '%s'", k);
	} else {
		*slot = field_dup(value);
		if (*slot == NULL)
			rc = SRMGAP_ENOMEM;
		else if ((*slot)[0] == '\0' && (slot == &m->title || slot == &m->version))
			problem(d, src, 1, "empty value for '%s'", k);
	}
	free(k);
	return rc;
}

int srmgap_model__party(srmgap_model *m, const char *const *f,
	const srmgap_src *src, srmgap_diags *d)
{
	srmgap_party *p;
	char *role;
	int put;

	/* Areas hold one duty per party: parties come first. */
	if (m->nareas > 0)
		return SRMGAP_EUSAGE;
	if (grow((void **)&m->parties, m->nparties, sizeof(*p)) != SRMGAP_OK)
		return SRMGAP_ENOMEM;
	p = &m->parties[m->nparties];
	memset(p, 0, sizeof(*p));
	p->id = field_dup(f[F_PARTY_ID]);
	p->name = field_dup(f[F_PARTY_NAME]);
	role = srmgap_util__lower_trim(f[F_PARTY_ROLE] ? f[F_PARTY_ROLE] : "");
	if (p->id == NULL || p->name == NULL || role == NULL) {
		free(p->id);
		free(p->name);
		free(role);
		return SRMGAP_ENOMEM;
	}
	m->nparties++;
	if (check_id(d, src, F_PARTY_ID, "party", p->id)) {
		put = srmgap_util__map_put(&IDX(m)->parties, p->id, m->nparties - 1);
		if (put < 0) {
			free(role);
			return SRMGAP_ENOMEM;
		}
		if (put == 1)
			problem(d, src, F_PARTY_ID, "duplicate party '%s'", p->id);
	}
	if (p->name[0] == '\0')
		problem(d, src, F_PARTY_NAME, "empty party name");
	if (strcmp(role, "customer") == 0) {
		p->is_customer = 1;
		if (m->has_customer)
			problem(d, src, F_PARTY_ROLE, "second customer '%s': exactly "
				"one party has role customer (the first is '%s')", p->id,
				m->parties[m->customer].id);
		else
			m->customer = m->nparties - 1;
		m->has_customer = 1;
	} else if (strcmp(role, "provider") == 0) {
		if (strcmp(p->id, "shared") == 0 || strcmp(p->id, "customer") == 0)
			problem(d, src, F_PARTY_ID, "a provider cannot be called '%s'",
				p->id);
	} else {
		problem(d, src, F_PARTY_ROLE,
			"invalid role '%.64s' (expected customer or provider)", role);
	}
	free(role);
	return SRMGAP_OK;
}

static int is_none(const char *s)
{
	return s[0] == '\0' || srmgap_util__strieq(s, "n/a");
}

int srmgap_model__area(srmgap_model *m, const char *id, const char *name,
	const char *const *duties, const srmgap_src *src, srmgap_diags *d)
{
	srmgap_area *a;
	size_t k;
	int put;

	if (grow((void **)&m->areas, m->nareas, sizeof(*a)) != SRMGAP_OK)
		return SRMGAP_ENOMEM;
	a = &m->areas[m->nareas];
	memset(a, 0, sizeof(*a));
	a->id = field_dup(id);
	a->name = field_dup(name);
	a->duties = calloc(m->nparties ? m->nparties : 1, sizeof(char *));
	if (a->id == NULL || a->name == NULL || a->duties == NULL) {
		free(a->id);
		free(a->name);
		free(a->duties);
		return SRMGAP_ENOMEM;
	}
	m->nareas++;
	for (k = 0; k < m->nparties; k++) {
		char *duty = field_dup(duties[k]);

		if (duty == NULL)
			return SRMGAP_ENOMEM;
		if (is_none(duty)) {
			free(duty);
			duty = NULL;
		}
		a->duties[k] = duty;
	}
	if (check_id(d, src, 0, "area", a->id)) {
		put = srmgap_util__map_put(&IDX(m)->areas, a->id, m->nareas - 1);
		if (put < 0)
			return SRMGAP_ENOMEM;
		if (put == 1)
			problem(d, src, 0, "duplicate area '%s'", a->id);
	}
	if (a->name[0] == '\0')
		problem(d, src, 1, "empty area name");
	return SRMGAP_OK;
}

static int parse_severity(const char *s, srmgap_severity *out)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (srmgap_util__strieq(s, severity_names[i])) {
			*out = (srmgap_severity)i;
			return 0;
		}
	}
	return -1;
}

int srmgap_model__control(srmgap_model *m, const char *const *f,
	const srmgap_src *src, srmgap_diags *d)
{
	srmgap_control *c;
	char *fields[F_CTL_N];
	long ix;
	int put, rc = SRMGAP_OK;

	if (take_row(fields, f, F_CTL_N, (void **)&m->controls, m->ncontrols,
	    sizeof(*c)) != SRMGAP_OK)
		return SRMGAP_ENOMEM;
	c = &m->controls[m->ncontrols++];
	memset(c, 0, sizeof(*c));
	c->id = fields[F_CTL_ID];
	c->area_id = fields[F_CTL_AREA];
	c->title = fields[F_CTL_TITLE];
	c->owner_id = fields[F_CTL_OWNER];
	c->description = fields[F_CTL_DESCRIPTION];
	c->remediation = fields[F_CTL_REMEDIATION];
	c->references = fields[F_CTL_REFERENCES];

	if (check_id(d, src, F_CTL_ID, "control", c->id)) {
		put = srmgap_util__map_put(&IDX(m)->controls, c->id, m->ncontrols - 1);
		if (put < 0) {
			rc = SRMGAP_ENOMEM;
			goto done;
		}
		if (put == 1)
			problem(d, src, F_CTL_ID, "duplicate control '%s'", c->id);
	}
	ix = srmgap_util__map_get(&IDX(m)->areas, c->area_id);
	if (ix < 0)
		problem(d, src, F_CTL_AREA, "unknown area '%.64s'", c->area_id);
	else
		c->area = (size_t)ix;
	if (c->title[0] == '\0')
		problem(d, src, F_CTL_TITLE, "empty control title");

	/* The owner is a role word (any case) or a party id (exact). */
	ix = srmgap_util__map_get(&IDX(m)->parties, c->owner_id);
	c->owner_party = m->customer;
	if (ix < 0 && srmgap_util__strieq(c->owner_id, "customer")) {
		memcpy(c->owner_id, "customer", 8);
		c->owner = SRMGAP_OWNER_CUSTOMER;
	} else if (srmgap_util__strieq(c->owner_id, "shared")) {
		memcpy(c->owner_id, "shared", 6);
		c->owner = SRMGAP_OWNER_SHARED;
	} else if (ix >= 0) {
		c->owner_party = (size_t)ix;
		c->owner = m->parties[ix].is_customer ? SRMGAP_OWNER_CUSTOMER :
			SRMGAP_OWNER_PROVIDER;
	} else {
		problem(d, src, F_CTL_OWNER, "unknown owner '%.64s' (expected "
			"customer, shared or a provider's party id)", c->owner_id);
	}

	if (parse_severity(fields[F_CTL_SEVERITY], &c->severity) != 0)
		problem(d, src, F_CTL_SEVERITY, "invalid severity '%.64s' (expected "
			"critical, high, medium or low)", fields[F_CTL_SEVERITY]);
	c->weight = severity_weights[c->severity];
	if (fields[F_CTL_WEIGHT][0] != '\0') {
		double w;

		if (srmgap_util__parse_decimal(fields[F_CTL_WEIGHT], &w) != 0 || w <= 0 ||
		    w > 1e6)
			problem(d, src, F_CTL_WEIGHT, "invalid weight '%.64s' (expected "
				"a positive number)", fields[F_CTL_WEIGHT]);
		else {
			c->weight = w;
			c->weight_given = 1;
		}
	}
done:
	free(fields[F_CTL_SEVERITY]);
	free(fields[F_CTL_WEIGHT]);
	return rc;
}

static int parse_type(const char *s, srmgap_qtype *out)
{
	int i;

	for (i = 0; i < 7; i++) {
		if (srmgap_util__strieq(s, qtype_names[i])) {
			*out = (srmgap_qtype)i;
			return 0;
		}
	}
	return -1;
}

static int valid_option_value(const char *s)
{
	size_t i;

	if (s[0] == '\0' || strlen(s) > 64)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
		      c == '-' || c == '.'))
			return 0;
	}
	return 1;
}

/* Options of choice and multi: value=score|value=score|... */
static int parse_choice_options(srmgap_question *q, const srmgap_src *src,
	srmgap_diags *d)
{
	char *copy = srmgap_util__strdup(q->options), *item, *save = NULL;
	size_t n = 1, k;
	const char *p;

	if (copy == NULL)
		return SRMGAP_ENOMEM;
	for (p = q->options; *p != '\0'; p++)
		n += *p == '|';
	q->opts = calloc(n, sizeof(*q->opts));
	if (q->opts == NULL) {
		free(copy);
		return SRMGAP_ENOMEM;
	}
	if (q->options[0] == '\0')
		problem(d, src, F_Q_OPTIONS, "type '%s' needs options "
			"'value=score|value=score|...'", q->type_name);
	for (item = strtok_r(copy, "|", &save); item != NULL;
	     item = strtok_r(NULL, "|", &save)) {
		char *eq = strchr(item, '=');
		srmgap_option *o = &q->opts[q->nopts];
		char *score;

		if (eq == NULL) {
			problem(d, src, F_Q_OPTIONS, "option '%.64s' has no '=score'",
				srmgap_util__trim(item));
			continue;
		}
		*eq = '\0';
		o->value = srmgap_util__lower_trim(item);
		if (o->value == NULL) {
			free(copy);
			return SRMGAP_ENOMEM;
		}
		score = srmgap_util__trim(eq + 1);
		if (!valid_option_value(o->value)) {
			problem(d, src, F_Q_OPTIONS, "invalid option value '%.64s' "
				"(lowercase letters, digits, '.', '_' and '-')", o->value);
			free(o->value);
			o->value = NULL;
			continue;
		}
		for (k = 0; k < q->nopts; k++) {
			if (strcmp(q->opts[k].value, o->value) == 0)
				problem(d, src, F_Q_OPTIONS, "duplicate option '%s'",
					o->value);
		}
		if (srmgap_util__strieq(score, "na")) {
			o->na = 1;
		} else if (srmgap_util__parse_decimal(score, &o->score) != 0 ||
			   o->score < 0 || o->score > 1) {
			problem(d, src, F_Q_OPTIONS, "invalid score '%.64s' for option "
				"'%s' (expected a number from 0 to 1, or na)", score,
				o->value);
		}
		q->nopts++;
	}
	free(copy);
	return SRMGAP_OK;
}

/* Options of number (min=N|max=N) and date (max_age_days=N). */
static int parse_bound_options(srmgap_question *q, const srmgap_src *src,
	srmgap_diags *d)
{
	char *copy = srmgap_util__strdup(q->options), *item, *save = NULL;

	if (copy == NULL)
		return SRMGAP_ENOMEM;
	for (item = strtok_r(copy, "|", &save); item != NULL;
	     item = strtok_r(NULL, "|", &save)) {
		char *eq = strchr(item, '='), *key, *val;
		double v;

		if (eq == NULL) {
			problem(d, src, F_Q_OPTIONS, "option '%.64s' has no '='",
				srmgap_util__trim(item));
			continue;
		}
		*eq = '\0';
		key = srmgap_util__trim(item);
		val = srmgap_util__trim(eq + 1);
		if (q->type == SRMGAP_Q_NUMBER &&
		    (strcmp(key, "min") == 0 || strcmp(key, "max") == 0)) {
			int is_min = key[1] == 'i';

			if (srmgap_util__parse_decimal(val, &v) != 0) {
				problem(d, src, F_Q_OPTIONS, "invalid %s '%.64s' (expected "
					"a number)", key, val);
			} else if (is_min ? q->has_min : q->has_max) {
				problem(d, src, F_Q_OPTIONS, "duplicate option '%s'", key);
			} else if (is_min) {
				q->has_min = 1;
				q->min = v;
			} else {
				q->has_max = 1;
				q->max = v;
			}
		} else if (q->type == SRMGAP_Q_DATE &&
			   strcmp(key, "max_age_days") == 0) {
			if (srmgap_util__parse_uint(val, &q->max_age_days) != 0)
				problem(d, src, F_Q_OPTIONS, "invalid max_age_days "
					"'%.64s' (expected a whole number of days)", val);
		} else {
			problem(d, src, F_Q_OPTIONS, "unknown option '%.64s' for type "
				"'%s' (expected %s)", key, q->type_name,
				q->type == SRMGAP_Q_NUMBER ? "min=N and/or max=N" :
				"max_age_days=N");
		}
	}
	if (q->has_min && q->has_max && q->min > q->max)
		problem(d, src, F_Q_OPTIONS, "min is greater than max");
	free(copy);
	return SRMGAP_OK;
}

/* depends_on: QUESTION=value|value, QUESTION defined earlier. */
static int parse_depends(srmgap_model *m, srmgap_question *q,
	const srmgap_src *src, srmgap_diags *d)
{
	char *eq = strchr(q->depends_on, '='), *copy = NULL, *item, *save = NULL;
	const srmgap_question *dep;
	long ix;
	size_t n = 1, given = 0;
	const char *p;
	int rc = SRMGAP_OK;

	if (eq == NULL) {
		problem(d, src, F_Q_DEPENDS, "invalid depends_on '%.64s' (expected "
			"QUESTION=value|value)", q->depends_on);
		return SRMGAP_OK;
	}
	ix = srmgap_util__map_getn(&IDX(m)->questions, q->depends_on,
		(size_t)(eq - q->depends_on));
	if (ix < 0) {
		problem(d, src, F_Q_DEPENDS, "depends_on names '%.*s', which is not "
			"a question defined above this one",
			(int)(eq - q->depends_on > 64 ? 64 : eq - q->depends_on),
			q->depends_on);
		return SRMGAP_OK;
	}
	if (&m->questions[ix] == q) {
		problem(d, src, F_Q_DEPENDS, "question '%s' depends on itself", q->id);
		return SRMGAP_OK;
	}
	dep = &m->questions[ix];
	q->dep = (size_t)ix;
	q->has_dep = 1;
	q->dep_multi = dep->type == SRMGAP_Q_MULTI;
	for (p = eq + 1; *p != '\0'; p++)
		n += *p == '|';
	q->dep_values = calloc(n, sizeof(char *));
	copy = srmgap_util__strdup(eq + 1);
	if (q->dep_values == NULL || copy == NULL) {
		rc = SRMGAP_ENOMEM;
		goto done;
	}
	for (item = strtok_r(copy, "|", &save); item != NULL;
	     item = strtok_r(NULL, "|", &save)) {
		srmgap_error err;
		char *canon = NULL;
		int prc;

		if (srmgap_util__trim(item)[0] == '\0')
			continue;
		given++;

		prc = srmgap_answer_parse(&canon, dep, srmgap_util__trim(item),
			&err);
		if (prc == SRMGAP_ENOMEM) {
			rc = prc;
			goto done;
		}
		if (prc != SRMGAP_OK) {
			problem(d, src, F_Q_DEPENDS, "depends_on value '%.64s' is not a "
				"valid answer to '%s': %s", item, dep->id, err.msg);
			continue;
		}
		q->dep_values[q->ndep_values++] = canon;
	}
	if (given == 0)
		problem(d, src, F_Q_DEPENDS, "depends_on lists no value");
done:
	free(copy);
	return rc;
}

int srmgap_model__question(srmgap_model *m, const char *const *f,
	const srmgap_src *src, srmgap_diags *d)
{
	srmgap_question *q;
	char *fields[F_Q_N];
	long ix;
	int put, rc = SRMGAP_OK;

	if (take_row(fields, f, F_Q_N, (void **)&m->questions, m->nquestions,
	    sizeof(*q)) != SRMGAP_OK)
		return SRMGAP_ENOMEM;
	q = &m->questions[m->nquestions++];
	memset(q, 0, sizeof(*q));
	q->id = fields[F_Q_ID];
	q->control_id = fields[F_Q_CONTROL];
	q->text = fields[F_Q_TEXT];
	q->type_name = fields[F_Q_TYPE];
	q->options = fields[F_Q_OPTIONS];
	q->depends_on = fields[F_Q_DEPENDS];
	q->pattern = fields[F_Q_PATTERN];
	q->help = fields[F_Q_HELP];
	q->max_age_days = -1;
	q->weight = 1;
	q->required = 1;

	if (check_id(d, src, F_Q_ID, "question", q->id)) {
		put = srmgap_util__map_put(&IDX(m)->questions, q->id, m->nquestions - 1);
		if (put < 0) {
			rc = SRMGAP_ENOMEM;
			goto done;
		}
		if (put == 1)
			problem(d, src, F_Q_ID, "duplicate question '%s'", q->id);
	}
	ix = srmgap_util__map_get(&IDX(m)->controls, q->control_id);
	if (ix < 0) {
		problem(d, src, F_Q_CONTROL, "unknown control '%.64s'", q->control_id);
	} else {
		q->control = (size_t)ix;
		if (!srmgap_control_scored(&m->controls[ix]))
			warning(d, src, F_Q_CONTROL, "control '%s' is owned by provider "
				"'%s': this question is never scored", q->control_id,
				m->controls[ix].owner_id);
	}
	if (q->text[0] == '\0')
		problem(d, src, F_Q_TEXT, "empty question text");

	srmgap_util__lower(q->type_name);
	if (parse_type(q->type_name, &q->type) != 0) {
		problem(d, src, F_Q_TYPE, "invalid type '%.64s' (expected yesno, "
			"scale, choice, multi, number, date or text)", q->type_name);
		q->type = SRMGAP_Q_TEXT;
	} else if (q->type == SRMGAP_Q_CHOICE || q->type == SRMGAP_Q_MULTI) {
		rc = parse_choice_options(q, src, d);
	} else if (q->type == SRMGAP_Q_NUMBER || q->type == SRMGAP_Q_DATE) {
		rc = parse_bound_options(q, src, d);
	} else if (q->options[0] != '\0') {
		problem(d, src, F_Q_OPTIONS, "type '%s' takes no options",
			q->type_name);
	}
	if (rc != SRMGAP_OK)
		goto done;

	if (fields[F_Q_WEIGHT][0] != '\0') {
		if (srmgap_util__parse_decimal(fields[F_Q_WEIGHT], &q->weight) != 0 ||
		    q->weight <= 0 || q->weight > 1e6) {
			problem(d, src, F_Q_WEIGHT, "invalid weight '%.64s' (expected "
				"a positive number)", fields[F_Q_WEIGHT]);
			q->weight = 1;
		} else {
			q->weight_given = 1;
		}
	}
	if (srmgap_util__strieq(fields[F_Q_REQUIRED], "no")) {
		q->required = 0;
	} else if (fields[F_Q_REQUIRED][0] != '\0' &&
		   !srmgap_util__strieq(fields[F_Q_REQUIRED], "yes")) {
		problem(d, src, F_Q_REQUIRED, "invalid required '%.64s' (expected "
			"yes or no)", fields[F_Q_REQUIRED]);
	}
	if (q->pattern[0] != '\0') {
		char msg[200];

		rc = srmgap_answer__pattern_compile(&q->re, q->pattern, msg, sizeof(msg));
		if (rc == SRMGAP_EINVALID) {
			problem(d, src, F_Q_PATTERN, "invalid pattern: %s", msg);
			rc = SRMGAP_OK;
		}
		if (rc != SRMGAP_OK)
			goto done;
	}
	if (q->depends_on[0] != '\0')
		rc = parse_depends(m, q, src, d);
done:
	free(fields[F_Q_WEIGHT]);
	free(fields[F_Q_REQUIRED]);
	return rc;
}

int srmgap_model__scenario(srmgap_model *m, const char *const *f,
	const srmgap_src *src, srmgap_diags *d)
{
	srmgap_scenario *s;
	char *fields[F_SC_N];

	if (take_row(fields, f, F_SC_N, (void **)&m->scenarios, m->nscenarios,
	    sizeof(*s)) != SRMGAP_OK)
		return SRMGAP_ENOMEM;
	s = &m->scenarios[m->nscenarios++];
	s->scenario = fields[F_SC_SCENARIO];
	s->owner = fields[F_SC_OWNER];
	s->provider_duty = fields[F_SC_PROVIDER];
	s->customer_duty = fields[F_SC_CUSTOMER];
	if (s->scenario[0] == '\0')
		problem(d, src, F_SC_SCENARIO, "empty scenario");
	if (srmgap_util__strieq(s->owner, "shared"))
		memcpy(s->owner, "shared", 6);
	else if (srmgap_util__map_get(&IDX(m)->parties, s->owner) < 0)
		problem(d, src, F_SC_OWNER, "unknown owner '%.64s' (expected shared "
			"or a party id)", s->owner);
	return SRMGAP_OK;
}

static void hash_model(srmgap_model *m, srmgap_hash *h)
{
	char num[64];
	size_t i, k;

	srmgap_hash__str(h, "srmgap-model/1");
	srmgap_hash__str(h, m->id);
	srmgap_hash__str(h, m->title);
	srmgap_hash__str(h, m->version);
	srmgap_hash__str(h, m->source);
	srmgap_hash__str(h, m->description);
	snprintf(num, sizeof(num), "%zu", m->nparties);
	srmgap_hash__str(h, num);
	for (i = 0; i < m->nparties; i++) {
		srmgap_hash__str(h, m->parties[i].id);
		srmgap_hash__str(h, m->parties[i].name);
		srmgap_hash__str(h, m->parties[i].is_customer ? "customer" : "provider");
	}
	snprintf(num, sizeof(num), "%zu", m->nareas);
	srmgap_hash__str(h, num);
	for (i = 0; i < m->nareas; i++) {
		srmgap_hash__str(h, m->areas[i].id);
		srmgap_hash__str(h, m->areas[i].name);
		for (k = 0; k < m->nparties; k++)
			srmgap_hash__str(h, m->areas[i].duties[k]);
	}
	snprintf(num, sizeof(num), "%zu", m->ncontrols);
	srmgap_hash__str(h, num);
	for (i = 0; i < m->ncontrols; i++) {
		srmgap_control *c = &m->controls[i];

		srmgap_hash__str(h, c->id);
		srmgap_hash__str(h, c->area_id);
		srmgap_hash__str(h, c->title);
		srmgap_hash__str(h, c->owner_id);
		srmgap_hash__str(h, srmgap_severity_name(c->severity));
		snprintf(num, sizeof(num), "%.17g", c->weight_given ? c->weight : 0);
		srmgap_hash__str(h, num);
		srmgap_hash__str(h, c->description);
		srmgap_hash__str(h, c->remediation);
		srmgap_hash__str(h, c->references);
	}
	snprintf(num, sizeof(num), "%zu", m->nquestions);
	srmgap_hash__str(h, num);
	for (i = 0; i < m->nquestions; i++) {
		srmgap_question *q = &m->questions[i];

		srmgap_hash__str(h, q->id);
		srmgap_hash__str(h, q->control_id);
		srmgap_hash__str(h, q->text);
		srmgap_hash__str(h, q->type_name);
		srmgap_hash__str(h, q->options);
		snprintf(num, sizeof(num), "%.17g", q->weight);
		srmgap_hash__str(h, num);
		srmgap_hash__str(h, q->required ? "yes" : "no");
		srmgap_hash__str(h, q->depends_on);
		srmgap_hash__str(h, q->pattern);
		srmgap_hash__str(h, q->help);
	}
	snprintf(num, sizeof(num), "%zu", m->nscenarios);
	srmgap_hash__str(h, num);
	for (i = 0; i < m->nscenarios; i++) {
		srmgap_hash__str(h, m->scenarios[i].scenario);
		srmgap_hash__str(h, m->scenarios[i].owner);
		srmgap_hash__str(h, m->scenarios[i].provider_duty);
		srmgap_hash__str(h, m->scenarios[i].customer_duty);
	}
}

int srmgap_model__finish(srmgap_model *m, const char *path, srmgap_diags *d,
	size_t errors_before)
{
	srmgap_hash *h;
	size_t i, k, customers = 0;

	if (m->title == NULL || m->title[0] == '\0')
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0,
			"model has no title");
	if (m->version == NULL || m->version[0] == '\0')
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0,
			"model has no version");
	for (i = 0; i < m->nparties; i++)
		customers += m->parties[i].is_customer;
	/* A second customer was reported on its row. */
	if (customers == 0)
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0,
			"no party has role 'customer' (exactly one must)");
	if (m->nareas == 0)
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0, "model has no area");
	if (m->ncontrols == 0)
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0,
			"model has no control");
	if (m->nquestions >= SRMGAP_MAX_QUESTIONS)
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, m->questionnaire_path, 0, 0,
			"more than %d questions", SRMGAP_MAX_QUESTIONS - 1);

	/* Every customer duty should be tested by some customer control. */
	for (i = 0; i < m->nareas && customers == 1 && m->questionnaire_path &&
	     d->errors <= errors_before; i++) {
		int covered = 0;

		if (m->areas[i].duties[m->customer] == NULL)
			continue;
		for (k = 0; k < m->ncontrols && !covered; k++)
			covered = m->controls[k].area == i &&
				srmgap_control_scored(&m->controls[k]);
		if (!covered)
			srmgap_diags_add(d, SRMGAP_DIAG_WARNING, path, 0, 0,
				"area '%s' lists customer duties but has no customer or "
				"shared control", m->areas[i].id);
	}
	/* A variant may ask about a subset on purpose. */
	for (k = 0; k < m->ncontrols && m->questionnaire_path &&
	     m->variant[0] == '\0' && d->errors <= errors_before; k++) {
		int asked = 0;

		if (!srmgap_control_scored(&m->controls[k]))
			continue;
		for (i = 0; i < m->nquestions && !asked; i++)
			asked = m->questions[i].control == k;
		if (!asked)
			srmgap_diags_add(d, SRMGAP_DIAG_WARNING, m->questionnaire_path,
				0, 0, "control '%s' has no question: it will always be "
				"not-applicable", m->controls[k].id);
	}

	h = srmgap_hash__new();
	if (h == NULL)
		return SRMGAP_ENOMEM;
	hash_model(m, h);
	if (srmgap_hash__finish(h, m->hash) != 0) {
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 0, 0,
			"cannot compute the content hash");
		return SRMGAP_ERROR;
	}
	return SRMGAP_OK;
}
