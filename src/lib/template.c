/*
 * The report template language (report.h, report_int.h), and the values
 * both the HTML and the Markdown report fill a template with.
 *
 * A template is text with tags:
 *   {{name}}                 a placeholder: a value, escaped for the
 *                            format, or a fragment the format renders
 *   {{#name}}...{{/name}}    shown only when `name` has something to show
 *   {{^name}}...{{/name}}    shown only when it has not
 *   {{! comment }}           dropped (may span lines)
 *   \{{                      a literal "{{"
 * Names come from a fixed list (srmgap_report__vars); there are no
 * loops, no expressions and no raw output, so a template cannot reach
 * anything the report does not already show, and values are never read
 * as template text. A line that holds only a section or comment tag
 * disappears with its line end, as in Mustache, so templates stay
 * readable without leaving blank lines behind.
 *
 * Parsing checks everything before anything is written. Errors carry
 * the template's name, and the line and column (in characters) of the
 * tag at fault.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* Largest template read from a file. */
#define MAX_TEMPLATE (1024 * 1024)
/* Deepest nesting of sections. */
#define MAX_DEPTH 16

const char *const srmgap_report__vars[SRMGAP_TV_COUNT] = {
	"assessment", "org", "assessor", "model", "model_id", "questionnaire",
	"snapshot", "as_of", "score", "verified_score", "reviewed", "outdated",
	"applicable", "gap_count", "critical_gaps", "answered", "questions",
	"carried", "parent", "signed_by", "signed_at", "statement", "seal",
	"version",
	"header", "scores", "chart", "matrix", "gaps", "controls", "signoff"
};

enum { N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_CLOSE };

typedef struct tnode {
	int kind;
	size_t off, len;   /* N_TEXT: the text; tags: where the tag starts */
	int var;
	size_t end;        /* sections: index of the matching N_CLOSE */
} tnode;

struct srmgap_template {
	char *text;
	size_t len;
	tnode *nodes;
	size_t n, cap;
};

void srmgap_template_free(srmgap_template *t)
{
	if (t == NULL)
		return;
	free(t->text);
	free(t->nodes);
	free(t);
}

/* Line and column (characters, 1-based) of byte `off`. */
static void position(const srmgap_template *t, size_t off,
	unsigned long *line, unsigned long *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && i < t->len; i++) {
		if (t->text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)t->text[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

static int fail_at(const srmgap_template *t, const char *name, size_t off,
	srmgap_error *err, const char *msg)
{
	unsigned long line, col;

	position(t, off, &line, &col);
	return srmgap_error_at(err, SRMGAP_EINVALID, name, line, col, "%s", msg);
}

static int add_node(srmgap_template *t, int kind, size_t off, size_t len,
	int var)
{
	tnode *nd;

	if (kind == N_TEXT && len == 0)
		return SRMGAP_OK;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		tnode *p = realloc(t->nodes, cap * sizeof(*p));

		if (p == NULL)
			return SRMGAP_ENOMEM;
		t->nodes = p;
		t->cap = cap;
	}
	nd = &t->nodes[t->n++];
	nd->kind = kind;
	nd->off = off;
	nd->len = len;
	nd->var = var;
	nd->end = 0;
	return SRMGAP_OK;
}

static int lookup(const char *s, size_t n)
{
	int i;

	for (i = 0; i < SRMGAP_TV_COUNT; i++) {
		if (strlen(srmgap_report__vars[i]) == n &&
		    memcmp(srmgap_report__vars[i], s, n) == 0)
			return i;
	}
	return -1;
}

/*
 * For a section or comment tag from `start` to `end` (just past "}}"):
 * when it is alone on its line, set *from to the line's start and *to
 * past its line end, and return 1.
 */
static int standalone(const srmgap_template *t, size_t start, size_t end,
	size_t *from, size_t *to)
{
	const char *s = t->text;
	size_t ls = start, e = end;

	while (ls > 0 && (s[ls - 1] == ' ' || s[ls - 1] == '\t'))
		ls--;
	if (ls > 0 && s[ls - 1] != '\n')
		return 0;
	while (e < t->len && (s[e] == ' ' || s[e] == '\t'))
		e++;
	if (e + 1 < t->len && s[e] == '\r' && s[e + 1] == '\n')
		e += 2;
	else if (e < t->len && s[e] == '\n')
		e++;
	else if (e < t->len)
		return 0;
	*from = ls;
	*to = e;
	return 1;
}

/* "Name" of a tag for messages: at most 48 bytes, cut on a character. */
static void tag_name(char *buf, size_t size, const char *s, size_t n)
{
	if (n > 48) {
		n = 48;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

static int parse(srmgap_template *t, const char *name, srmgap_error *err)
{
	const char *s = t->text;
	size_t i = 0, lit = 0, stack[MAX_DEPTH], depth = 0;
	char nbuf[64], msg[200];
	int rc;

	/* Whole-file checks first, so positions below are in valid text. */
	while (i < t->len) {
		size_t k;
		int valid;

		if (s[i] == '\0')
			return fail_at(t, name, i, err, "NUL byte in template");
		/* The text ends with a NUL (srmgap_template_parse). */
		k = srmgap_util__utf8_next(s + i, &valid);
		if (!valid)
			return fail_at(t, name, i, err, "invalid UTF-8 in template");
		i += k;
	}
	i = 0;
	while (i + 1 < t->len) {
		size_t start, end, a, b, from, to;
		int kind, var = -1;

		if (s[i] == '\\' && s[i + 1] == '{' && i + 2 < t->len &&
		    s[i + 2] == '{') {
			/* Keep "{{" as text: the literal restarts after the '\'. */
			if ((rc = add_node(t, N_TEXT, lit, i - lit, -1)) != SRMGAP_OK)
				return rc;
			lit = i + 1;
			i += 3;
			continue;
		}
		if (s[i] != '{' || s[i + 1] != '{') {
			i++;
			continue;
		}
		start = i;
		a = i + 2;
		if (a < t->len && s[a] == '!') {
			const char *close = NULL;
			size_t j;

			for (j = a; j + 1 < t->len; j++) {
				if (s[j] == '}' && s[j + 1] == '}') {
					close = s + j;
					break;
				}
			}
			if (close == NULL)
				return fail_at(t, name, start, err, "unterminated "
					"comment: '{{!' without '}}'");
			end = (size_t)(close - s) + 2;
			kind = -1;
		} else {
			b = a;
			while (b + 1 < t->len && s[b] != '\n' &&
			    !(s[b] == '}' && s[b + 1] == '}'))
				b++;
			if (b + 1 >= t->len || s[b] == '\n')
				return fail_at(t, name, start, err, "unterminated "
					"placeholder: '{{' without '}}' on its line");
			end = b + 2;
			kind = N_VAR;
			while (a < b && (s[a] == ' ' || s[a] == '\t'))
				a++;
			if (a < b && (s[a] == '#' || s[a] == '^' || s[a] == '/')) {
				kind = s[a] == '#' ? N_SECTION : s[a] == '^' ?
					N_INVERTED : N_CLOSE;
				a++;
				while (a < b && (s[a] == ' ' || s[a] == '\t'))
					a++;
			}
			while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			if (a == b)
				return fail_at(t, name, start, err, "empty placeholder "
					"'{{}}'");
			var = lookup(s + a, b - a);
			tag_name(nbuf, sizeof(nbuf), s + a, b - a);
			if (var < 0) {
				snprintf(msg, sizeof(msg), "unknown placeholder '%s' "
					"(reports/README.md lists them)", nbuf);
				return fail_at(t, name, start, err, msg);
			}
		}
		from = start;
		to = end;
		if (kind != N_VAR)
			standalone(t, start, end, &from, &to);
		if ((rc = add_node(t, N_TEXT, lit, from - lit, -1)) != SRMGAP_OK)
			return rc;
		if (kind == N_VAR || kind == N_SECTION || kind == N_INVERTED) {
			if ((rc = add_node(t, kind, start, 0, var)) != SRMGAP_OK)
				return rc;
		}
		if (kind == N_SECTION || kind == N_INVERTED) {
			if (depth == MAX_DEPTH)
				return fail_at(t, name, start, err, "sections nested "
					"more than 16 deep");
			stack[depth++] = t->n - 1;
		} else if (kind == N_CLOSE) {
			tnode *open;

			if (depth == 0) {
				snprintf(msg, sizeof(msg), "'{{/%s}}' closes no section",
					nbuf);
				return fail_at(t, name, start, err, msg);
			}
			open = &t->nodes[stack[depth - 1]];
			if (open->var != var) {
				unsigned long l, c;

				position(t, open->off, &l, &c);
				snprintf(msg, sizeof(msg), "'{{/%s}}' does not close "
					"section '%s' (opened at line %lu, column %lu)", nbuf,
					srmgap_report__vars[open->var], l, c);
				return fail_at(t, name, start, err, msg);
			}
			if ((rc = add_node(t, N_CLOSE, start, 0, var)) != SRMGAP_OK)
				return rc;
			open = &t->nodes[stack[--depth]];
			open->end = t->n - 1;
		}
		lit = to;
		i = to;
	}
	if (depth > 0) {
		const tnode *open = &t->nodes[stack[depth - 1]];

		snprintf(msg, sizeof(msg), "section '%s' is not closed",
			srmgap_report__vars[open->var]);
		return fail_at(t, name, open->off, err, msg);
	}
	return add_node(t, N_TEXT, lit, t->len - lit, -1);
}

int srmgap_template_parse(srmgap_template **out, const char *text,
	size_t len, const char *name, srmgap_error *err)
{
	srmgap_template *t = calloc(1, sizeof(*t));
	int rc;

	*out = NULL;
	if (t == NULL || (t->text = malloc(len + 1)) == NULL) {
		free(t);
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	}
	memcpy(t->text, text, len);
	t->text[len] = '\0';
	t->len = len;
	rc = parse(t, name != NULL ? name : "<template>", err);
	if (rc == SRMGAP_ENOMEM)
		srmgap_error_set(err, rc, "out of memory");
	if (rc != SRMGAP_OK) {
		srmgap_template_free(t);
		return rc;
	}
	*out = t;
	return SRMGAP_OK;
}

int srmgap_template_load(srmgap_template **out, const char *path,
	srmgap_error *err)
{
	srmgap_buf b;
	char block[8192];
	FILE *fp;
	size_t n;
	int rc;

	*out = NULL;
	fp = fopen(path, "rb");
	/* A misnamed template is invalid input (exit 2), as for every file. */
	if (fp == NULL)
		return srmgap_error_at(err, errno == ENOENT || errno == ENOTDIR ?
			SRMGAP_ENOTFOUND : SRMGAP_EIO, path, 0, 0, "cannot open: %s",
			strerror(errno));
	srmgap_util__buf_init(&b);
	rc = SRMGAP_OK;
	while ((n = fread(block, 1, sizeof(block), fp)) > 0) {
		if (b.len + n > MAX_TEMPLATE) {
			rc = srmgap_error_at(err, SRMGAP_EINVALID, path, 0, 0,
				"a template is at most 1 MiB");
			break;
		}
		srmgap_util__buf_put(&b, block, n);
	}
	if (rc == SRMGAP_OK && ferror(fp))
		rc = srmgap_error_at(err, SRMGAP_EIO, path, 0, 0, "read error: %s",
			strerror(errno));
	else if (rc == SRMGAP_OK && b.oom)
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	fclose(fp);
	if (rc == SRMGAP_OK)
		rc = srmgap_template_parse(out, b.data ? b.data : "", b.len, path,
			err);
	srmgap_util__buf_release(&b);
	return rc;
}

int srmgap_template__render(FILE *out, const srmgap_template *t,
	const srmgap_report__doc *d, srmgap_report__emit_fn emit)
{
	size_t i;
	int rc;

	for (i = 0; i < t->n; i++) {
		const tnode *nd = &t->nodes[i];
		int show;

		switch (nd->kind) {
		case N_TEXT:
			fwrite(t->text + nd->off, 1, nd->len, out);
			break;
		case N_VAR:
			rc = emit(out, d, nd->var);
			if (rc != SRMGAP_OK)
				return rc;
			break;
		case N_SECTION:
		case N_INVERTED:
			show = srmgap_report__present(d, nd->var);
			if (nd->kind == N_INVERTED)
				show = !show;
			if (!show)
				i = nd->end;
			break;
		default:
			break;
		}
	}
	return ferror(out) ? SRMGAP_EIO : SRMGAP_OK;
}

/* What both formats show ------------------------------------------- */

static const char *opt(const char *s)
{
	return s != NULL ? s : "";
}

void srmgap_report__when(srmgap_buf *b, const char *t)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? t[i] < '0' || t[i] > '9' : t[i] != shape[i])
			break;
	}
	if (shape[i] != '\0' || t[i] != '\0') {
		srmgap_util__buf_puts(b, t);
		return;
	}
	srmgap_util__buf_printf(b, "%.10s %.5s UTC", t, t + 11);
}

void srmgap_report__model_line(srmgap_buf *b, const srmgap_model *m)
{
	srmgap_util__buf_printf(b, "%s %s", m->title, m->version);
}

void srmgap_report__scalar(srmgap_buf *b, const srmgap_report__doc *d,
	int var)
{
	const srmgap_assessment *a = d->a;
	const srmgap_result *r = d->r;
	char tmp[32];

	switch (var) {
	case SRMGAP_TV_ASSESSMENT:
		srmgap_util__buf_puts(b, opt(a->name));
		break;
	case SRMGAP_TV_ORG:
		srmgap_util__buf_puts(b, opt(a->org));
		break;
	case SRMGAP_TV_ASSESSOR:
		srmgap_util__buf_puts(b, opt(a->assessor));
		break;
	case SRMGAP_TV_MODEL:
		srmgap_report__model_line(b, d->m);
		break;
	case SRMGAP_TV_MODEL_ID:
		srmgap_util__buf_puts(b, d->m->id);
		break;
	case SRMGAP_TV_QUESTIONNAIRE:
		srmgap_util__buf_puts(b, opt(d->m->variant));
		break;
	case SRMGAP_TV_SNAPSHOT:
		srmgap_util__buf_printf(b, "%.12s", d->m->hash);
		break;
	case SRMGAP_TV_AS_OF:
		srmgap_util__format_date(r->asof, tmp);
		srmgap_util__buf_puts(b, tmp);
		break;
	case SRMGAP_TV_SCORE:
	case SRMGAP_TV_VERIFIED_SCORE:
		if (r->scored)
			srmgap_report_percent(tmp, sizeof(tmp), var == SRMGAP_TV_SCORE ?
				r->overall : r->verified_overall);
		else
			strcpy(tmp, "n/a");
		srmgap_util__buf_puts(b, tmp);
		break;
	case SRMGAP_TV_REVIEWED:
		srmgap_util__buf_printf(b, "%zu", r->reviewed);
		break;
	case SRMGAP_TV_OUTDATED:
		srmgap_util__buf_printf(b, "%zu", r->outdated);
		break;
	case SRMGAP_TV_APPLICABLE:
		srmgap_util__buf_printf(b, "%zu", r->applicable);
		break;
	case SRMGAP_TV_GAP_COUNT:
		srmgap_util__buf_printf(b, "%zu", r->ngaps);
		break;
	case SRMGAP_TV_CRITICAL_GAPS:
		srmgap_util__buf_printf(b, "%zu", r->critical_gaps);
		break;
	case SRMGAP_TV_ANSWERED:
		srmgap_util__buf_printf(b, "%zu", r->answered);
		break;
	case SRMGAP_TV_QUESTIONS:
		srmgap_util__buf_printf(b, "%zu", r->nquestions);
		break;
	case SRMGAP_TV_CARRIED:
		srmgap_util__buf_printf(b, "%ld", a->carried);
		break;
	case SRMGAP_TV_PARENT:
		srmgap_util__buf_puts(b, opt(a->parent));
		break;
	case SRMGAP_TV_SIGNED_BY:
		srmgap_util__buf_puts(b, opt(a->signed_by));
		break;
	case SRMGAP_TV_SIGNED_AT:
		srmgap_report__when(b, a->signed_at);
		break;
	case SRMGAP_TV_STATEMENT:
		srmgap_util__buf_puts(b, opt(a->statement));
		break;
	case SRMGAP_TV_SEAL:
		srmgap_util__buf_puts(b, opt(a->seal));
		break;
	case SRMGAP_TV_VERSION:
		srmgap_util__buf_puts(b, SRMGAP_VERSION);
		break;
	default:
		break;
	}
}

int srmgap_report__present(const srmgap_report__doc *d, int var)
{
	srmgap_buf b;
	int yes;

	switch (var) {
	case SRMGAP_TV_GAPS:
		return d->r->ngaps > 0;
	case SRMGAP_TV_CONTROLS:
		return !d->gaps_only;
	case SRMGAP_TV_SIGNOFF:
		return d->a->signed_by != NULL && d->a->signed_by[0] != '\0';
	default:
		if (var >= SRMGAP_TV_FIRST_FRAGMENT)
			return 1;
		break;
	}
	srmgap_util__buf_init(&b);
	srmgap_report__scalar(&b, d, var);
	yes = b.len > 0 && strcmp(b.data, "0") != 0;
	srmgap_util__buf_release(&b);
	return yes;
}

srmgap_status srmgap_report__area_status(const srmgap_result *r, size_t i)
{
	const srmgap_area_result *ar = &r->areas[i];

	if (!ar->scored)
		return ar->not_applicable > 0 ? SRMGAP_NOT_APPLICABLE :
			SRMGAP_INHERITED;
	if (ar->partial + ar->not_met + ar->unanswered == 0)
		return SRMGAP_MET;
	if (ar->met + ar->partial == 0)
		return ar->not_met > 0 ? SRMGAP_NOT_MET : SRMGAP_UNANSWERED;
	return SRMGAP_PARTIAL;
}

const srmgap_review *srmgap_report__review(const srmgap_report__doc *d,
	size_t c)
{
	if (d->rv == NULL || c >= d->rv->count ||
	    d->rv->items[c].verdict == SRMGAP_VERDICT_NONE)
		return NULL;
	return &d->rv->items[c];
}

const char *srmgap_report__qstate_words(srmgap_qstate s)
{
	switch (s) {
	case SRMGAP_Q_MISSING:
		return "no answer";
	case SRMGAP_Q_NA:
		return "not applicable";
	case SRMGAP_Q_SKIPPED:
		return "not asked (depends on an earlier answer)";
	case SRMGAP_Q_INFO:
		return "for information, not scored";
	case SRMGAP_Q_OPTIONAL:
		return "optional, not answered";
	case SRMGAP_Q_PROVIDER:
		return "the provider's";
	default:
		return NULL;
	}
}
