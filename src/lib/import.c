/*
 * Answer import (import.h). One pass over the file: each row is checked
 * against the snapshot of its assessment and written at once inside a
 * single transaction; after the first problem nothing more is written but
 * checking goes on, so the user sees every problem, and the transaction is
 * rolled back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "srmgap/answer.h"
#include "srmgap/import.h"
#include "csv_int.h"
#include "store_int.h"
#include "util_int.h"

enum {
	C_ASSESSMENT, C_QUESTION, C_ANSWER, C_EVIDENCE, C_EVIDENCE_DATE, C_NOTE,
	C_N
};

static const srmgap_csv_col answer_cols[] = {
	{ "assessment", 0 }, { "question", 1 }, { "answer", 1 },
	{ "evidence", 0 }, { "evidence_date", 0 }, { "note", 0 }
};

/* An assessment touched by this import. */
typedef struct target {
	char *name;
	long long id;
	const srmgap_model *model;
	int created;        /* created by this import: nothing to replace */
	/*
	 * Questions answered so far in this file: a bit each, and for a
	 * single-assessment import also the line, to name it in a message.
	 * Bulk files stay at 1 bit per answer however many assessments.
	 */
	unsigned char *seen;
	uint32_t *lines;
} target;

typedef struct import_ctx {
	srmgap_store *s;
	const char *assessment;
	const srmgap_model *model;
	srmgap_diags *d;
	srmgap_error *err;
	srmgap_import_stats stats;
	int idx[C_N];
	size_t width;
	int header_bad, header_seen;
	size_t errors_at_start;
	target *targets;
	size_t ntargets;
	srmgap_map by_name;
	target *last;
	sqlite3_stmt *put, *put_new;
	long long batch;
	const char *source;
	size_t written;     /* answers inserted or replaced */
	/*
	 * The trail event of the answers being written to a new assessment,
	 * built as they are written (rereading them costs as much as the
	 * import): JSON members, their count, the target and the last id.
	 */
	srmgap_buf pending;
	char batch_json[48];   /* the start of each answer's JSON */
	size_t npending;
	target *pending_t;
	const char *pending_q;
	long today;         /* for warnings about dates in the future */
} import_ctx;

static int failing(const import_ctx *c)
{
	return c->d->errors > c->errors_at_start;
}

static int load_target(import_ctx *c, const char *name, unsigned long line,
	unsigned long col, target **out)
{
	srmgap_assessment *a = NULL;
	const srmgap_model *m = NULL;
	int created = 0;
	target *t;
	long ix = srmgap_util__map_get(&c->by_name, name);
	long long id = 0;
	int rc;

	*out = NULL;
	if (ix >= 0) {
		*out = &c->targets[ix];
		return SRMGAP_OK;
	}
	rc = srmgap_store_get(&a, c->s, name, c->err);
	if (rc == SRMGAP_ENOTFOUND && c->assessment == NULL) {
		/* Not an error in bulk: it is created. */
		srmgap_error_clear(c->err);
		if (c->model == NULL)
			return srmgap_error_set(c->err, SRMGAP_EUSAGE, "no assessment "
				"'%.64s': bulk import needs --model to create assessments",
				name);
		rc = srmgap_store_create(&id, c->s, name, c->model, NULL, NULL,
			c->err);
		if (rc == SRMGAP_EUSAGE) {
			srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, c->source, line, col,
				"%s", c->err->msg);
			return SRMGAP_EINVALID;
		}
		if (rc != SRMGAP_OK)
			return rc;
		m = c->model;
		created = 1;
		c->stats.created++;
	} else if (rc != SRMGAP_OK) {
		return rc;
	} else {
		id = a->id;
		/* A signed-off assessment takes no answers: the file is refused. */
		if (a->signed_by != NULL) {
			/*
			 * Named on the command line, it is not a problem of the
			 * file: the error says it; in a bulk file, the row's line.
			 */
			rc = srmgap_store_writable(c->s, a->id, name, c->err);
			if (rc == SRMGAP_EFROZEN && line != 0) {
				srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, c->source, line,
					col, "%s", c->err->msg);
				srmgap_error_clear(c->err);
				rc = SRMGAP_EINVALID;
			}
			srmgap_assessment_free(a);
			return rc;
		}
		if (c->model != NULL && strcmp(a->model_id, c->model->id) != 0)
			srmgap_diags_add(c->d, SRMGAP_DIAG_WARNING, c->source, line, col,
				"assessment '%.64s' exists on model '%s', not '%s': its rows "
				"are checked against its own model", name, a->model_id,
				c->model->id);
		rc = srmgap_store__model(c->s, a->snapshot_id, &m, c->err);
		srmgap_assessment_free(a);
		if (rc != SRMGAP_OK)
			return rc;
	}
	/* Map keys are the name strings, which do not move with the array. */
	if ((c->ntargets & (c->ntargets - 1)) == 0) {
		target *grown = realloc(c->targets,
			(c->ntargets ? c->ntargets * 2 : 1) * sizeof(*grown));

		if (grown == NULL)
			return srmgap_error_set(c->err, SRMGAP_ENOMEM, "out of memory");
		c->targets = grown;
	}
	t = &c->targets[c->ntargets];
	memset(t, 0, sizeof(*t));
	t->name = srmgap_util__strdup(name);
	t->id = id;
	t->model = m;
	t->created = created;
	t->seen = calloc(m->nquestions / 8 + 1, 1);
	if (c->assessment != NULL)
		t->lines = calloc(m->nquestions + 1, sizeof(*t->lines));
	if (t->name == NULL || t->seen == NULL ||
	    (c->assessment != NULL && t->lines == NULL) ||
	    srmgap_util__map_put(&c->by_name, t->name, c->ntargets) < 0) {
		free(t->name);
		free(t->seen);
		free(t->lines);
		return srmgap_error_set(c->err, SRMGAP_ENOMEM, "out of memory");
	}
	c->ntargets++;
	c->stats.assessments++;
	*out = t;
	return SRMGAP_OK;
}

static unsigned long colno(const import_ctx *c, int k)
{
	return c->idx[k] >= 0 ? (unsigned long)c->idx[k] + 1 : 0;
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Bind field `i` of `row` (lengths are known: no strlen). */
static void bind_field(sqlite3_stmt *st, int param, const srmgap_csv_row *row,
	int i)
{
	if (i < 0 || (size_t)i >= row->nfields)
		sqlite3_bind_text(st, param, "", 0, SQLITE_STATIC);
	else
		sqlite3_bind_text(st, param, row->fields[i], (int)row->lens[i],
			SQLITE_STATIC);
}

/* Write the pending event of a new assessment's answers, if any. */
static int flush_pending(import_ctx *c)
{
	int rc;

	if (c->npending == 0)
		return SRMGAP_OK;
	srmgap_util__buf_put(&c->pending, "}", 1);
	if (c->pending.oom)
		return srmgap_error_set(c->err, SRMGAP_ENOMEM, "out of memory");
	rc = srmgap_store__event(c->s, c->pending_t->id, c->pending_t->name,
		"answers", c->npending == 1 ? c->pending_q : "", "{}",
		c->pending.data, NULL, c->err);
	c->pending.len = 0;
	c->npending = 0;
	c->pending_t = NULL;
	return rc;
}

/* Field `i` of `row` as a JSON member "key":"value" unless it is empty. */
static void pending_field(import_ctx *c, const char *key,
	const srmgap_csv_row *row, int i)
{
	if (i < 0 || (size_t)i >= row->nfields || row->lens[i] == 0)
		return;
	srmgap_util__buf_printf(&c->pending, ",\"%s\":", key);
	srmgap_util__buf_json(&c->pending, row->fields[i], row->lens[i]);
}

/*
 * Add an answer written to a new assessment to its pending event, in
 * the form the trail uses everywhere (empty fields left out).
 */
static int pend(import_ctx *c, target *t, size_t qi, const char *value,
	const srmgap_csv_row *row)
{
	const char *qid = t->model->questions[qi].id;
	int rc;

	if (c->pending_t != t) {
		rc = flush_pending(c);
		if (rc != SRMGAP_OK)
			return rc;
		c->pending_t = t;
	}
	srmgap_util__buf_put(&c->pending, c->npending ? "," : "{", 1);
	srmgap_util__buf_json(&c->pending, qid, strlen(qid));
	/* Formatted once per import: this runs for every row. */
	if (c->batch_json[0] == '\0')
		snprintf(c->batch_json, sizeof(c->batch_json),
			":{\"batch\":%lld,\"value\":", c->batch);
	srmgap_util__buf_puts(&c->pending, c->batch_json);
	srmgap_util__buf_json(&c->pending, value, strlen(value));
	pending_field(c, "evidence", row, c->idx[C_EVIDENCE]);
	pending_field(c, "evidence_date", row, c->idx[C_EVIDENCE_DATE]);
	pending_field(c, "note", row, c->idx[C_NOTE]);
	srmgap_util__buf_put(&c->pending, "}", 1);
	c->npending++;
	c->pending_q = qid;
	return SRMGAP_OK;
}

static int put_answer(import_ctx *c, target *t, size_t qi, const char *value,
	const srmgap_csv_row *row)
{
	/* A new assessment has nothing to replace: a plain append. */
	sqlite3_stmt *st = t->created ? c->put_new : c->put;
	int rc;

	/* The batch is recorded with the first answer written, not before. */
	if (c->batch == 0) {
		rc = srmgap_store__new_batch(c->s, strcmp(c->source, "-") == 0 ?
			"<stdin>" : base_of(c->source), &c->batch, c->err);
		if (rc != SRMGAP_OK)
			return rc;
	}

	sqlite3_bind_int64(st, 1, SRMGAP_ANSWER_KEY(t->id, qi));
	sqlite3_bind_int64(st, 2, t->id);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	bind_field(st, 4, row, c->idx[C_EVIDENCE]);
	bind_field(st, 5, row, c->idx[C_NOTE]);
	sqlite3_bind_int64(st, 6, c->batch);
	bind_field(st, 7, row, c->idx[C_EVIDENCE_DATE]);
	if (!t->created) {
		sqlite3_bind_int(st, 8, c->idx[C_EVIDENCE] >= 0);
		sqlite3_bind_int(st, 9, c->idx[C_NOTE] >= 0);
		sqlite3_bind_int(st, 10, c->idx[C_EVIDENCE_DATE] >= 0);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return srmgap_store__error(c->s, c->err, "cannot store answer");
	if (sqlite3_changes(srmgap_store__db(c->s)) == 0)
		c->stats.unchanged++;
	else
		c->written++;
	return t->created ? pend(c, t, qi, value, row) : SRMGAP_OK;
}

static int import_row(const srmgap_csv_row *row, void *vctx)
{
	import_ctx *c = vctx;
	const char *name, *qid, *raw, *evidence, *note, *edate;
	const srmgap_question *q;
	srmgap_error aerr;
	target *t = c->last;
	char *canon = NULL;
	long qi, days;
	int rc;

	if (row->index == 0) {
		c->header_seen = 1;
		if (srmgap_csv__map_header(row, answer_cols, C_N, c->idx, c->d) !=
		    SRMGAP_OK)
			c->header_bad = 1;
		if (c->assessment == NULL && c->idx[C_ASSESSMENT] < 0) {
			srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line, 1,
				"missing required column 'assessment' (needed by --bulk)");
			c->header_bad = 1;
		}
		if (c->assessment != NULL && c->idx[C_ASSESSMENT] >= 0)
			srmgap_diags_add(c->d, SRMGAP_DIAG_WARNING, row->path, row->line,
				colno(c, C_ASSESSMENT), "column 'assessment' ignored: every "
				"row answers '%s' (use --bulk for many assessments)",
				c->assessment);
		c->width = row->nfields;
		return SRMGAP_OK;
	}
	if (c->header_bad)
		return SRMGAP_OK;
	c->stats.rows++;
	srmgap_csv__check_width(row, c->width, c->d);
	name = c->assessment ? c->assessment :
		srmgap_csv__field(row, c->idx[C_ASSESSMENT]);
	qid = srmgap_csv__field(row, c->idx[C_QUESTION]);
	raw = srmgap_csv__field(row, c->idx[C_ANSWER]);
	evidence = srmgap_csv__field(row, c->idx[C_EVIDENCE]);
	note = srmgap_csv__field(row, c->idx[C_NOTE]);
	edate = srmgap_csv__field(row, c->idx[C_EVIDENCE_DATE]);

	if (name[0] == '\0') {
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			colno(c, C_ASSESSMENT), "empty assessment name");
		return SRMGAP_OK;
	}
	if (t == NULL || strcmp(t->name, name) != 0) {
		/* The last assessment's answers are complete for now: log them. */
		rc = failing(c) ? SRMGAP_OK : flush_pending(c);
		if (rc != SRMGAP_OK)
			return rc;
		rc = load_target(c, name, row->line, colno(c, C_ASSESSMENT), &t);
		if (rc == SRMGAP_EINVALID)
			return SRMGAP_OK;
		if (rc != SRMGAP_OK)
			return rc;
		c->last = t;
	}
	if (qid[0] == '\0') {
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			colno(c, C_QUESTION), "empty question id");
		return SRMGAP_OK;
	}
	qi = srmgap_model_question(t->model, qid);
	if (qi < 0) {
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			colno(c, C_QUESTION), "unknown question '%.64s' in model '%s'",
			qid, t->model->id);
		return SRMGAP_OK;
	}
	q = &t->model->questions[qi];
	if (t->seen[qi / 8] & (1u << (qi % 8))) {
		if (t->lines != NULL)
			srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
				colno(c, C_QUESTION), "duplicate answer to '%s' (first on "
				"line %lu)", qid, (unsigned long)t->lines[qi]);
		else
			srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
				colno(c, C_QUESTION), "duplicate answer to '%s' for '%s' "
				"(answered above in this file)", qid, name);
		return SRMGAP_OK;
	}
	t->seen[qi / 8] |= (unsigned char)(1u << (qi % 8));
	if (t->lines != NULL)
		t->lines[qi] = row->line > UINT32_MAX ? UINT32_MAX :
			(uint32_t)row->line;
	if (edate[0] != '\0' &&
	    srmgap_evidence_date_check(edate, c->today, &aerr) != SRMGAP_OK)
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			colno(c, C_EVIDENCE_DATE), "%s: %s", qid, aerr.msg);
	if (edate[0] != '\0' && c->idx[C_EVIDENCE] >= 0 && evidence[0] == '\0')
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			colno(c, C_EVIDENCE_DATE), "%s: an evidence date without "
			"evidence", qid);
	/* The rules srmgap_store_put_answer() applies: one rule everywhere. */
	if (srmgap_text_check("evidence", evidence, SRMGAP_TEXT_MAX, 1,
	    &aerr) != SRMGAP_OK)
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			colno(c, C_EVIDENCE), "%s: %s", qid, aerr.msg);
	if (srmgap_text_check("note", note, SRMGAP_TEXT_MAX, 1, &aerr) != SRMGAP_OK)
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			colno(c, C_NOTE), "%s: %s", qid, aerr.msg);
	if (raw[0] == '\0') {
		c->stats.empty++;
		if (evidence[0] != '\0' || note[0] != '\0' || edate[0] != '\0')
			srmgap_diags_add(c->d, SRMGAP_DIAG_WARNING, row->path, row->line,
				colno(c, C_ANSWER), "no answer to '%s': its evidence and "
				"note are not stored", qid);
		return SRMGAP_OK;
	}
	rc = srmgap_answer_parse(&canon, q, raw, &aerr);
	if (rc == SRMGAP_ENOMEM)
		return srmgap_error_set(c->err, rc, "out of memory");
	if (rc != SRMGAP_OK) {
		srmgap_diags_add(c->d, SRMGAP_DIAG_ERROR, row->path, row->line,
			colno(c, C_ANSWER), "%s: %s", qid, aerr.msg);
		return SRMGAP_OK;
	}
	if (q->type == SRMGAP_Q_DATE && c->today > 0 &&
	    srmgap_util__parse_date(canon, &days) == 0 && days > c->today)
		srmgap_diags_add(c->d, SRMGAP_DIAG_WARNING, row->path, row->line,
			colno(c, C_ANSWER), "%s: %s is after today: it counts as current "
			"evidence only from that day", qid, canon);
	if (!failing(c))
		rc = put_answer(c, t, (size_t)qi, canon, row);
	free(canon);
	return rc;
}

/*
 * What the foreign keys of answers would check, once per assessment:
 * every assessment written to and the batch exist.
 */
static int check_references(import_ctx *c)
{
	sqlite3_stmt *st = NULL;
	size_t k;
	int rc = SRMGAP_OK;

	if (sqlite3_prepare_v2(srmgap_store__db(c->s), "SELECT (SELECT count(*) "
	    "FROM assessments WHERE id = ?1) + (SELECT count(*) FROM imports "
	    "WHERE id = ?2)", -1, &st, NULL) != SQLITE_OK)
		return srmgap_store__error(c->s, c->err, "cannot check the import");
	for (k = 0; k < c->ntargets && rc == SRMGAP_OK; k++) {
		sqlite3_bind_int64(st, 1, c->targets[k].id);
		sqlite3_bind_int64(st, 2, c->batch);
		if (sqlite3_step(st) != SQLITE_ROW)
			rc = srmgap_store__error(c->s, c->err, "cannot check the import");
		else if (sqlite3_column_int(st, 0) != (c->batch ? 2 : 1))
			rc = srmgap_error_set(c->err, SRMGAP_EDB, "assessment '%s' or "
				"the import record vanished during the import",
				c->targets[k].name);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

static long long history_mark(srmgap_store *s)
{
	sqlite3_stmt *st = NULL;
	long long v = 0;

	if (sqlite3_prepare_v2(srmgap_store__db(s),
	    "SELECT coalesce(max(id), 0) FROM answer_history", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int srmgap_import(srmgap_store *s, const char *path, const char *assessment,
	const srmgap_model *model, srmgap_diags *d, srmgap_import_stats *stats,
	srmgap_error *err)
{
	import_ctx c;
	sqlite3 *db = srmgap_store__db(s);
	long long mark;
	int rc;
	size_t k;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.assessment = assessment;
	c.model = model;
	c.d = d;
	c.err = err;
	c.errors_at_start = d->errors;
	c.source = path;
	c.today = srmgap_util__today();
	srmgap_util__map_init(&c.by_name);
	srmgap_util__buf_init(&c.pending);

	/*
	 * Every answer row refers to an assessment this import looked up or
	 * created, and to its own batch: checked once per assessment below
	 * instead of once per row by SQLite, which would cost a quarter of a
	 * bulk import.
	 */
	rc = srmgap_store__foreign_keys(s, 0, err);
	if (rc != SRMGAP_OK)
		return rc;
	rc = srmgap_store_begin(s, err);
	if (rc != SRMGAP_OK) {
		srmgap_store__foreign_keys(s, 1, NULL);
		return rc;
	}
	if (assessment != NULL) {
		target *t;

		rc = load_target(&c, assessment, 0, 0, &t);
		if (rc != SRMGAP_OK)
			goto done;
	}
	/* Replace only what changed, so re-importing a file adds no history. */
	if (sqlite3_prepare_v2(db, SRMGAP_UPSERT_ANSWER_SQL, -1, &c.put, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(db, SRMGAP_INSERT_ANSWER_SQL, -1, &c.put_new,
	    NULL) != SQLITE_OK) {
		rc = srmgap_store__error(s, err, "cannot prepare import");
		goto done;
	}
	mark = history_mark(s);

	rc = srmgap_csv__parse_into(path, 1, import_row, &c, d, err);
	if (rc != SRMGAP_OK)
		goto done;
	if (!c.header_seen && !failing(&c)) {
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, path, 1, 1, "empty file: "
			"expected a header row (question,answer[,evidence,"
			"evidence_date,note])");
		c.header_bad = 1;
	}
	if (c.stats.rows == 0 && !failing(&c) && !c.header_bad)
		srmgap_diags_add(d, SRMGAP_DIAG_WARNING, path, 0, 0, "no answers "
			"in the file");
	if (failing(&c) || c.header_bad) {
		rc = srmgap_error_set(err, SRMGAP_EINVALID, "'%s' rejected: nothing "
			"was imported", path);
		goto done;
	}
	rc = check_references(&c);
	/*
	 * The trail: new assessments' answers are logged as they were
	 * written; for existing ones, one event each with what changed.
	 */
	if (rc == SRMGAP_OK)
		rc = flush_pending(&c);
	for (k = 0; rc == SRMGAP_OK && c.batch != 0 && k < c.ntargets; k++) {
		if (!c.targets[k].created)
			rc = srmgap_store__log_answers(s, c.targets[k].id,
				c.targets[k].name, c.batch,
				SRMGAP_ANSWER_KEY(c.targets[k].id, 0),
				SRMGAP_ANSWER_KEY(c.targets[k].id, SRMGAP_ANSWER_ORD_MASK),
				1, err);
	}
	if (rc != SRMGAP_OK)
		goto done;
	c.stats.replaced = (size_t)(history_mark(s) - mark);
	c.stats.inserted = c.written - c.stats.replaced;
done:
	sqlite3_finalize(c.put);
	sqlite3_finalize(c.put_new);
	/* A file that changes nothing writes nothing, not even its batch. */
	if (rc == SRMGAP_OK && (c.written > 0 || c.stats.created > 0))
		rc = srmgap_store_commit(s, err);
	else
		srmgap_store_rollback(s);
	if (srmgap_store__foreign_keys(s, 1, rc == SRMGAP_OK ? err : NULL) !=
	    SRMGAP_OK && rc == SRMGAP_OK)
		rc = SRMGAP_EDB;
	for (k = 0; k < c.ntargets; k++) {
		free(c.targets[k].name);
		free(c.targets[k].seen);
		free(c.targets[k].lines);
	}
	free(c.targets);
	srmgap_util__map_release(&c.by_name);
	srmgap_util__buf_release(&c.pending);
	if (stats != NULL)
		*stats = c.stats;
	return rc;
}
