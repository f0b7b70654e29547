/*
 * The trail (store.h): every change to an assessment is appended to the
 * events table in the same transaction as the change itself, with the
 * old and the new value as JSON (jansson). Events form one hash chain
 * over the database: each event's hash is SHA-256 over its fields and
 * the previous event's hash, so editing, inserting or deleting an event
 * breaks the chain from there on.
 *
 * Verification recomputes the chain, then replays each assessment's
 * events and compares the result with the tables (answers, reviews,
 * sign-offs, the assessment and its snapshot): a change made behind
 * srmgap's back to those tables shows up even when the events were not
 * touched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "hash_int.h"
#include "store_int.h"
#include "util_int.h"

#define GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* Column `i` of the current row as text; NULL reads as "". */
static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* The hash of an event: its fields, length-prefixed, then prev. */
static int event_hash(long long id, long long aid, const char *assessment,
	const char *at, const char *actor, const char *kind, const char *subject,
	const char *old_value, const char *new_value, const char *prev,
	char out[65])
{
	srmgap_hash *h = srmgap_hash__new();
	char num[2][24];

	if (h == NULL)
		return -1;
	snprintf(num[0], sizeof(num[0]), "%lld", id);
	snprintf(num[1], sizeof(num[1]), "%lld", aid);
	srmgap_hash__str(h, "srmgap-event/1");
	srmgap_hash__str(h, num[0]);
	srmgap_hash__str(h, num[1]);
	srmgap_hash__str(h, assessment);
	srmgap_hash__str(h, at);
	srmgap_hash__str(h, actor);
	srmgap_hash__str(h, kind);
	srmgap_hash__str(h, subject);
	srmgap_hash__str(h, old_value);
	srmgap_hash__str(h, new_value);
	srmgap_hash__str(h, prev);
	return srmgap_hash__finish(h, out);
}

int srmgap_store__event(srmgap_store *s, long long assessment_id,
	const char *assessment, const char *kind, const char *subject,
	const char *old_value, const char *new_value, char *hash,
	srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	char prev[65] = GENESIS, h[65], now[32];
	const char *actor = srmgap_store__actor(s);
	long long id = 1;
	int rc;

	if (old_value == NULL)
		old_value = "";
	if (new_value == NULL)
		new_value = "";
	if (subject == NULL)
		subject = "";
	rc = srmgap_store__prepare(s, "SELECT id, hash FROM events "
		"ORDER BY id DESC LIMIT 1", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0) + 1;
		snprintf(prev, sizeof(prev), "%s",
			(const char *)sqlite3_column_text(st, 1));
		rc = SRMGAP_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SRMGAP_OK;
	} else {
		rc = srmgap_store__error(s, err, "cannot read the trail");
	}
	srmgap_store__release(s, st);
	st = NULL;
	if (rc != SRMGAP_OK)
		return rc;
	snprintf(now, sizeof(now), "%s", srmgap_store__time(s));
	if (event_hash(id, assessment_id, assessment, now, actor, kind, subject,
	    old_value, new_value, prev, h) != 0)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	rc = srmgap_store__prepare(s, "INSERT INTO events (id, assessment_id, "
		"assessment, at, actor, kind, subject, old, new, prev, hash) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, assessment_id);
	sqlite3_bind_text(st, 3, assessment, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, old_value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, new_value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, h, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	srmgap_store__release(s, st);
	if (rc != SQLITE_DONE)
		return srmgap_store__error(s, err, "cannot write the trail");
	if (hash != NULL)
		memcpy(hash, h, 65);
	return SRMGAP_OK;
}

/* Serialise `j` (stolen) compactly with sorted keys; NULL on ENOMEM. */
static char *dump(json_t *j)
{
	char *out;

	if (j == NULL)
		return NULL;
	out = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	return out;
}

/* Append an event whose old and new values are JSON (both stolen). */
static int event_json(srmgap_store *s, long long aid, const char *name,
	const char *kind, const char *subject, json_t *old_value,
	json_t *new_value, char *hash, srmgap_error *err)
{
	char *o = old_value ? dump(old_value) : NULL;
	char *n = new_value ? dump(new_value) : NULL;
	int rc;

	if ((old_value && o == NULL) || (new_value && n == NULL))
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	else
		rc = srmgap_store__event(s, aid, name, kind, subject, o, n, hash,
			err);
	free(o);
	free(n);
	return rc;
}

/*
 * A JSON string of `v`. Text srmgap stores is UTF-8, but a database from
 * before that was checked may hold other bytes: they are replaced as
 * every writer replaces them (srmgap_util__utf8_clean()).
 */
static json_t *jstring(const char *v)
{
	json_t *j = json_string(v);
	char *clean;

	if (j != NULL || v == NULL)
		return j;
	clean = srmgap_util__utf8_clean(v);
	j = clean ? json_string(clean) : NULL;
	free(clean);
	return j;
}

/* A JSON string, or nothing when it would be "" (so objects stay small). */
static int set_text(json_t *obj, const char *key, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return 0;
	return json_object_set_new(obj, key, jstring(v));
}

/*
 * The JSON form of an answer in the trail, built by SQLite from the
 * columns of answers (or answer_history) row `t`: value, evidence,
 * evidence date, note (empty ones left out: a merge patch drops nulls),
 * "batch", the import or session that wrote it, and "carried" only when
 * set. Logging and verification both use it; the import's pend() writes
 * the same form for new assessments, and a unit test holds the two
 * together.
 */
#define ANSWER_JSON(t) \
	"json_patch('{}', json_object('value', " t ".value, " \
	"'evidence', nullif(" t ".evidence, ''), " \
	"'evidence_date', nullif(" t ".evidence_date, ''), " \
	"'note', nullif(" t ".note, ''), 'batch', " t ".import_id, " \
	"'carried', CASE WHEN " t ".carried THEN json('true') END))"

int srmgap_store__log_answers(srmgap_store *s, long long id,
	const char *assessment, long long batch, long long lo, long long hi,
	int replaced, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, step;

	/*
	 * One query builds both values: what the batch wrote, and what each
	 * of those rows replaced (the newest history row this batch made).
	 * SQLite builds the JSON, which for a large import costs a fraction
	 * of building it row by row here.
	 */
	rc = srmgap_store__prepare(s, "SELECT count(*), "
		"json_group_object(q.question, " ANSWER_JSON("x") "), "
		"json_group_object(q.question, " ANSWER_JSON("h") ") "
		"FILTER (WHERE h.id IS NOT NULL), max(q.question) "
		"FROM answers x JOIN snapshot_questions q ON q.snapshot_id = "
		"(SELECT snapshot_id FROM assessments WHERE id = ?4) "
		"AND q.ord = (x.id & 1048575) "
		"LEFT JOIN answer_history h ON ?5 AND h.id = "
		"(SELECT max(id) FROM answer_history WHERE answer_id = x.id "
		"AND replaced_by = ?3) "
		"WHERE x.id BETWEEN ?1 AND ?2 AND (?3 = 0 OR x.import_id = ?3)",
		&st, err);
	if (rc != SRMGAP_OK)
		return rc;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	sqlite3_bind_int64(st, 3, batch);
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int(st, 5, replaced);
	step = sqlite3_step(st);
	if (step != SQLITE_ROW) {
		rc = srmgap_store__error(s, err, "cannot read answers");
	} else if (sqlite3_column_int64(st, 0) > 0) {
		long long n = sqlite3_column_int64(st, 0);
		const char *o = (const char *)sqlite3_column_text(st, 2);

		rc = srmgap_store__event(s, id, assessment, "answers", n == 1 ?
			(const char *)sqlite3_column_text(st, 3) : "", o ? o : "{}",
			(const char *)sqlite3_column_text(st, 1), NULL, err);
	}
	srmgap_store__release(s, st);
	return rc;
}

/* What an assessment is created as: model, snapshot, org, assessor. */
static json_t *created_json(const char *model, const char *variant,
	const char *hash, const char *org, const char *assessor,
	const char *from)
{
	json_t *n = json_object();

	if (n == NULL || json_object_set_new(n, "model", jstring(model)) ||
	    json_object_set_new(n, "variant", jstring(variant)) ||
	    json_object_set_new(n, "snapshot", jstring(hash)) ||
	    set_text(n, "org", org) || set_text(n, "assessor", assessor) ||
	    set_text(n, "from", from)) {
		json_decref(n);
		return NULL;
	}
	return n;
}

int srmgap_store__log_created(srmgap_store *s, long long id,
	const char *name, const srmgap_model *m, const char *org,
	const char *assessor, const char *from, srmgap_error *err)
{
	json_t *n = created_json(m->id, m->variant, m->hash, org, assessor,
		from);

	if (n == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	return event_json(s, id, name, "created", NULL, NULL, n, NULL, err);
}

/* A verdict in the trail; `basis` is the hash of the answers it was on. */
static json_t *review_json(const char *verdict, const char *comment,
	const char *auditor, const char *basis)
{
	json_t *o = json_object();

	if (o == NULL || json_object_set_new(o, "verdict", jstring(verdict)) ||
	    set_text(o, "comment", comment) || set_text(o, "auditor", auditor) ||
	    set_text(o, "basis", basis)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int srmgap_store__log_review(srmgap_store *s, long long id, const char *name,
	const char *control, const char *verdict, const char *comment,
	const char *auditor, const char *basis, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	json_t *o = NULL, *n = NULL;
	int rc, step;

	rc = srmgap_store__prepare(s, "SELECT verdict, comment, auditor, basis "
		"FROM reviews WHERE assessment_id = ? AND control = ?", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, control, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const char *ov = (const char *)sqlite3_column_text(st, 0);
		const char *oc = (const char *)sqlite3_column_text(st, 1);
		const char *oa = (const char *)sqlite3_column_text(st, 2);
		const char *ob = (const char *)sqlite3_column_text(st, 3);

		/* Nothing changes: no event. */
		if (strcmp(ov, verdict) == 0 && strcmp(oc, comment) == 0 &&
		    strcmp(oa, auditor) == 0 && strcmp(ob, basis) == 0)
			goto done;
		o = review_json(ov, oc, oa, ob);
		if (o == NULL) {
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			goto done;
		}
	} else if (step != SQLITE_DONE) {
		rc = srmgap_store__error(s, err, "cannot read reviews");
		goto done;
	}
	n = review_json(verdict, comment, auditor, basis);
	if (n == NULL) {
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		goto done;
	}
	srmgap_store__release(s, st);
	st = NULL;
	rc = event_json(s, id, name, "verdict", control, o, n, NULL, err);
	o = n = NULL;
done:
	srmgap_store__release(s, st);
	json_decref(o);
	json_decref(n);
	return rc;
}

int srmgap_store__log_signoff(srmgap_store *s, long long id, const char *name,
	const char *auditor, const char *statement, char seal[65],
	srmgap_error *err)
{
	json_t *n = json_object();

	if (n == NULL || json_object_set_new(n, "auditor", jstring(auditor)) ||
	    set_text(n, "statement", statement)) {
		json_decref(n);
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	}
	return event_json(s, id, name, "signoff", NULL, NULL, n, seal, err);
}

int srmgap_store__log_batch(srmgap_store *s, long long batch,
	const char *source, srmgap_error *err)
{
	json_t *n = json_object();

	if (n == NULL || json_object_set_new(n, "id", json_integer(batch)) ||
	    json_object_set_new(n, "source", jstring(source))) {
		json_decref(n);
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	}
	/* Of no one assessment: a bulk import's batch spans many. */
	return event_json(s, 0, "", "batch", NULL, NULL, n, NULL, err);
}

int srmgap_store__log_reopen(srmgap_store *s, long long id, const char *name,
	const char *reason, srmgap_error *err)
{
	json_t *n = json_object();

	if (n == NULL || json_object_set_new(n, "reason", jstring(reason))) {
		json_decref(n);
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	}
	return event_json(s, id, name, "reopen", NULL, NULL, n, NULL, err);
}

int srmgap_store__baseline(srmgap_store *s, srmgap_error *err)
{
	sqlite3_stmt *st = NULL, *b = NULL;
	int rc, step;

	/*
	 * What predates the trail enters it as it is now, each event with
	 * the time its rows carry: every batch, then for each assessment
	 * how it was created and all its answers. Only stored rows are read
	 * (no model is rebuilt), so a damaged snapshot does not stop the
	 * database from opening. The actor says who wrote these events.
	 */
	rc = srmgap_store__prepare(s, "SELECT id, source, recorded_at FROM "
		"imports ORDER BY id", &st, err);
	while (rc == SRMGAP_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		long long bid = sqlite3_column_int64(st, 0);
		char *clean = srmgap_util__utf8_clean(col(st, 1));

		/* A source that is not UTF-8 is stored as it is logged. */
		if (clean == NULL)
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		if (rc == SRMGAP_OK && strcmp(clean, col(st, 1)) != 0) {
			rc = srmgap_store__prepare(s, "UPDATE imports SET source = ? "
				"WHERE id = ?", &b, err);
			if (rc == SRMGAP_OK) {
				sqlite3_bind_text(b, 1, clean, -1, SQLITE_STATIC);
				sqlite3_bind_int64(b, 2, bid);
				if (sqlite3_step(b) != SQLITE_DONE)
					rc = srmgap_store__error(s, err, "cannot migrate");
				srmgap_store__release(s, b);
				b = NULL;
			}
		}
		srmgap_store__set_time(s, col(st, 2));
		if (rc == SRMGAP_OK)
			rc = srmgap_store__log_batch(s, bid, clean, err);
		free(clean);
	}
	srmgap_store__release(s, st);
	st = NULL;
	if (rc == SRMGAP_OK)
		rc = srmgap_store__prepare(s, "SELECT a.id, a.name, s.model, "
			"s.variant, s.hash, a.org, a.assessor, a.created_at "
			"FROM assessments a JOIN snapshots s ON s.id = a.snapshot_id "
			"ORDER BY a.id", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	while (rc == SRMGAP_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		json_t *n = created_json(col(st, 2), col(st, 3), col(st, 4),
			col(st, 5), col(st, 6), NULL);

		if (n == NULL) {
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			break;
		}
		srmgap_store__set_time(s, col(st, 7));
		rc = event_json(s, id, col(st, 1), "created", NULL, NULL, n, NULL,
			err);
		/* Its answers as of the newest batch that wrote one of them. */
		if (rc == SRMGAP_OK)
			rc = srmgap_store__prepare(s, "SELECT max(i.recorded_at) FROM "
				"answers x JOIN imports i ON i.id = x.import_id "
				"WHERE x.id BETWEEN ?1 AND ?1 + 1048575", &b, err);
		if (rc == SRMGAP_OK) {
			sqlite3_bind_int64(b, 1, SRMGAP_ANSWER_KEY(id, 0));
			if (sqlite3_step(b) == SQLITE_ROW &&
			    sqlite3_column_type(b, 0) != SQLITE_NULL)
				srmgap_store__set_time(s, col(b, 0));
			srmgap_store__release(s, b);
			b = NULL;
		}
		if (rc == SRMGAP_OK)
			rc = srmgap_store__log_answers(s, id, col(st, 1), 0,
				SRMGAP_ANSWER_KEY(id, 0),
				SRMGAP_ANSWER_KEY(id, SRMGAP_ANSWER_ORD_MASK), 0, err);
	}
	srmgap_store__release(s, st);
	return rc;
}

int srmgap_store_events(srmgap_store *s, const char *name,
	srmgap_store_event_fn fn, void *ctx, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, step;

	rc = srmgap_store__prepare(s, "SELECT id, assessment, at, actor, kind, "
		"subject, old, new, prev, hash FROM events "
		"WHERE ?1 IS NULL OR assessment = ?1 ORDER BY id", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	if (name != NULL)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		srmgap_event e;

		e.id = sqlite3_column_int64(st, 0);
		e.assessment = (const char *)sqlite3_column_text(st, 1);
		e.at = (const char *)sqlite3_column_text(st, 2);
		e.actor = (const char *)sqlite3_column_text(st, 3);
		e.kind = (const char *)sqlite3_column_text(st, 4);
		e.subject = (const char *)sqlite3_column_text(st, 5);
		e.old_value = (const char *)sqlite3_column_text(st, 6);
		e.new_value = (const char *)sqlite3_column_text(st, 7);
		e.prev = (const char *)sqlite3_column_text(st, 8);
		e.hash = (const char *)sqlite3_column_text(st, 9);
		if (!e.assessment || !e.at || !e.actor || !e.kind || !e.subject ||
		    !e.old_value || !e.new_value || !e.prev || !e.hash) {
			rc = srmgap_error_set(err, SRMGAP_EDB, "event %lld has empty "
				"fields: the trail was changed outside srmgap", e.id);
			break;
		}
		rc = fn(&e, ctx);
		if (rc != SRMGAP_OK)
			break;
	}
	if (rc == SRMGAP_OK && step != SQLITE_DONE)
		rc = srmgap_store__error(s, err, "cannot read the trail");
	srmgap_store__release(s, st);
	return rc;
}

/* Verification ------------------------------------------------------- */

static int found(srmgap_verify_result *out, long long event,
	const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int found(srmgap_verify_result *out, long long event,
	const char *fmt, ...)
{
	va_list ap;

	if (out->problem[0] != '\0')
		return SRMGAP_EINVALID;
	out->bad_event = event;
	va_start(ap, fmt);
	vsnprintf(out->problem, sizeof(out->problem), fmt, ap);
	va_end(ap);
	return SRMGAP_EINVALID;
}


/* Recompute every event's hash and its link to the one before. */
static int verify_chain(srmgap_store *s, srmgap_verify_result *out,
	srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	char prev[65] = GENESIS, h[65];
	long long expect = 1;
	int rc, step;

	rc = srmgap_store__prepare(s, "SELECT id, assessment_id, assessment, at, "
		"actor, kind, subject, old, new, prev, hash FROM events ORDER BY id",
		&st, err);
	if (rc != SRMGAP_OK)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);

		out->events++;
		if (id != expect) {
			rc = found(out, id, "event %lld follows event %lld: events "
				"were deleted from the trail", id, expect - 1);
			break;
		}
		if (strcmp(col(st, 9), prev) != 0) {
			rc = found(out, id, "event %lld does not link to the event "
				"before it: the trail was changed outside srmgap", id);
			break;
		}
		if (event_hash(id, sqlite3_column_int64(st, 1), col(st, 2),
		    col(st, 3), col(st, 4), col(st, 5), col(st, 6), col(st, 7),
		    col(st, 8), prev, h) != 0) {
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			break;
		}
		if (strcmp(h, col(st, 10)) != 0) {
			rc = found(out, id, "event %lld (%s of '%s') does not match "
				"its hash: it was changed outside srmgap", id, col(st, 5),
				col(st, 2));
			break;
		}
		memcpy(prev, h, sizeof(prev));
		out->intact_to = id;
		expect++;
	}
	if (rc == SRMGAP_OK && step != SQLITE_DONE)
		rc = srmgap_store__error(s, err, "cannot read the trail");
	if (out->events > 0)
		memcpy(out->head, prev, sizeof(prev));
	srmgap_store__release(s, st);
	return rc;
}

/* What an assessment's events say it should be. */
typedef struct replay {
	json_t *created;       /* how it was created, with "created_at" */
	json_t *answers;       /* question id -> answer object */
	json_t *reviews;       /* control id -> review, with "reviewed_at" */
	json_t *signoffs;      /* every sign-off, in order, with its reopening */
} replay;

static void replay_release(replay *r)
{
	json_decref(r->created);
	json_decref(r->answers);
	json_decref(r->reviews);
	json_decref(r->signoffs);
	memset(r, 0, sizeof(*r));
}

/*
 * Apply one event (columns: id, kind, subject, new, hash, assessment,
 * at, actor) to `r`. Every table row carries the time of the
 * transaction that wrote it, which is its event's time.
 */
static int replay_event(replay *r, sqlite3_stmt *st, srmgap_verify_result *out,
	const char *name)
{
	long long id = sqlite3_column_int64(st, 0);
	const char *kind = col(st, 1), *subject = col(st, 2), *at = col(st, 6);
	json_t *n = json_loads(col(st, 3), 0, NULL), *last;
	const char *key;
	json_t *v;
	int rc = SRMGAP_OK, bad = 0;

	if (n == NULL || !json_is_object(n)) {
		json_decref(n);
		return found(out, id, "event %lld of '%s' has a value that is not "
			"a JSON object", id, name);
	}
	last = json_array_get(r->signoffs, json_array_size(r->signoffs) - 1);
	if (last != NULL && json_object_get(last, "reopened_at") == NULL &&
	    strcmp(kind, "reopen") != 0) {
		json_decref(n);
		return found(out, id, "event %lld changes '%s' while it is signed "
			"off: it was added outside srmgap", id, name);
	}
	if (strcmp(kind, "created") == 0) {
		if (r->created != NULL) {
			rc = found(out, id, "assessment '%s' was created twice "
				"(event %lld)", name, id);
		} else {
			r->created = json_incref(n);
			bad = json_object_set_new(n, "created_at", json_string(at));
		}
	} else if (strcmp(kind, "answers") == 0) {
		json_object_foreach(n, key, v)
			bad |= json_object_set(r->answers, key, v);
	} else if (strcmp(kind, "verdict") == 0) {
		bad = json_object_set_new(n, "reviewed_at", json_string(at)) ||
			json_object_set(r->reviews, subject, n);
	} else if (strcmp(kind, "signoff") == 0) {
		bad = json_object_set_new(n, "seal", jstring(col(st, 4))) ||
			json_object_set_new(n, "signed_at", json_string(at)) ||
			json_array_append(r->signoffs, n);
	} else if (strcmp(kind, "reopen") == 0) {
		last = json_array_get(r->signoffs, json_array_size(r->signoffs) - 1);
		if (last == NULL || json_object_get(last, "reopened_at") != NULL)
			rc = found(out, id, "event %lld reopens '%s', which was not "
				"signed off", id, name);
		else
			bad = json_object_set_new(last, "reopened_at", json_string(at)) ||
				json_object_set_new(last, "reopened_by",
				jstring(col(st, 7))) ||
				json_object_set(last, "reason", json_object_get(n, "reason"));
	} else {
		rc = found(out, id, "event %lld of '%s' has an unknown kind '%s'",
			id, name, kind);
	}
	json_decref(n);
	if (bad)
		rc = found(out, id, "event %lld of '%s' cannot be replayed: its "
			"value is not what srmgap writes", id, name);
	if (rc == SRMGAP_OK && r->created == NULL)
		rc = found(out, id, "event %lld of '%s' comes before the "
			"assessment was created", id, name);
	return rc;
}

/* A stored row compared with what the trail says. */
static int differs(json_t *want, json_t *have)
{
	return want == NULL || !json_equal(want, have);
}

/* The assessment row and its snapshot, as its created event says it. */
static int check_created(replay *r, sqlite3_stmt *a,
	srmgap_verify_result *out, srmgap_error *err)
{
	const char *name = col(a, 1);
	json_t *have;
	int rc = SRMGAP_OK;

	have = created_json(col(a, 2), col(a, 3), col(a, 4), col(a, 5),
		col(a, 6), col(a, 7));
	if (have == NULL || json_object_set_new(have, "created_at",
	    jstring(col(a, 9))))
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	else if (differs(r->created, have))
		rc = found(out, 0, "assessment '%s' no longer matches how it was "
			"created (model, snapshot, organisation, assessor or time "
			"changed outside srmgap)", name);
	json_decref(have);
	return rc;
}

static int check_answers(srmgap_store *s, replay *r, long long aid,
	const char *name, const srmgap_model *m, srmgap_verify_result *out,
	srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	int rc, step;

	rc = srmgap_store__prepare(s, "SELECT x.id, " ANSWER_JSON("x") " FROM "
		"answers x WHERE x.id BETWEEN ?1 AND ?1 + 1048575 ORDER BY x.id", &st,
		err);
	if (rc != SRMGAP_OK)
		return rc;
	sqlite3_bind_int64(st, 1, SRMGAP_ANSWER_KEY(aid, 0));
	while (rc == SRMGAP_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		long long ord = sqlite3_column_int64(st, 0) & SRMGAP_ANSWER_ORD_MASK;
		const char *qid;
		json_t *have;

		if ((size_t)ord >= m->nquestions) {
			rc = found(out, 0, "assessment '%s' has an answer to no "
				"question of its model: added outside srmgap", name);
			break;
		}
		qid = m->questions[ord].id;
		/* A row SQLite cannot make JSON of is not one srmgap wrote. */
		have = json_loads(col(st, 1), 0, NULL);
		if (differs(json_object_get(r->answers, qid), have))
			rc = found(out, 0, "assessment '%s': the answer to '%s' is not "
				"what the trail recorded: it was changed outside srmgap",
				name, qid);
		json_decref(have);
		n++;
	}
	srmgap_store__release(s, st);
	if (rc == SRMGAP_OK && n != json_object_size(r->answers))
		rc = found(out, 0, "assessment '%s' has %zu answers where the trail "
			"recorded %zu: answers were deleted outside srmgap", name, n,
			json_object_size(r->answers));
	return rc;
}

static int check_reviews(srmgap_store *s, replay *r, long long aid,
	const char *name, srmgap_verify_result *out, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	int rc, step;

	rc = srmgap_store__prepare(s, "SELECT control, verdict, comment, "
		"auditor, reviewed_at, basis FROM reviews WHERE assessment_id = ?",
		&st, err);
	if (rc != SRMGAP_OK)
		return rc;
	sqlite3_bind_int64(st, 1, aid);
	while (rc == SRMGAP_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *have = review_json(col(st, 1), col(st, 2), col(st, 3),
			col(st, 5));

		if (have == NULL || json_object_set_new(have, "reviewed_at",
		    jstring(col(st, 4))))
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		else if (differs(json_object_get(r->reviews, col(st, 0)), have))
			rc = found(out, 0, "assessment '%s': the verdict on '%s' is "
				"not what the trail recorded: it was changed outside "
				"srmgap", name, col(st, 0));
		json_decref(have);
		n++;
	}
	srmgap_store__release(s, st);
	if (rc == SRMGAP_OK && n != json_object_size(r->reviews))
		rc = found(out, 0, "assessment '%s' has %zu verdicts where the "
			"trail recorded %zu: verdicts were deleted outside srmgap", name,
			n, json_object_size(r->reviews));
	return rc;
}

/* Every sign-off and its reopening, against the trail's. */
static int check_signoffs(srmgap_store *s, replay *r, long long aid,
	const char *name, srmgap_verify_result *out, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	json_t *have = json_array();
	int rc, step;

	if (have == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	rc = srmgap_store__prepare(s, "SELECT auditor, statement, seal, "
		"signed_at, reopened_at, reopened_by, reason FROM signoffs "
		"WHERE assessment_id = ? ORDER BY id", &st, err);
	if (rc == SRMGAP_OK)
		sqlite3_bind_int64(st, 1, aid);
	while (rc == SRMGAP_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *g = json_object();

		if (g == NULL ||
		    json_object_set_new(g, "auditor", jstring(col(st, 0))) ||
		    json_object_set_new(g, "seal", jstring(col(st, 2))) ||
		    json_object_set_new(g, "signed_at", jstring(col(st, 3))) ||
		    set_text(g, "statement", col(st, 1)) ||
		    /* NULL, not "", is what keeps a sign-off open. */
		    (sqlite3_column_type(st, 4) != SQLITE_NULL &&
		    json_object_set_new(g, "reopened_at", jstring(col(st, 4)))) ||
		    (sqlite3_column_type(st, 5) != SQLITE_NULL &&
		    json_object_set_new(g, "reopened_by", jstring(col(st, 5)))) ||
		    (sqlite3_column_type(st, 6) != SQLITE_NULL &&
		    json_object_set_new(g, "reason", jstring(col(st, 6)))) ||
		    json_array_append_new(have, g))
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	}
	srmgap_store__release(s, st);
	if (rc == SRMGAP_OK && !json_equal(have, r->signoffs))
		rc = found(out, 0, "assessment '%s': its sign-offs are not what the "
			"trail recorded: they were changed outside srmgap", name);
	json_decref(have);
	return rc;
}

static int verify_assessment(srmgap_store *s, sqlite3_stmt *a,
	srmgap_verify_result *out, srmgap_error *err)
{
	long long aid = sqlite3_column_int64(a, 0);
	const char *name = col(a, 1);
	sqlite3_stmt *st = NULL;
	const srmgap_model *m = NULL;
	replay r;
	int rc, step;

	memset(&r, 0, sizeof(r));
	r.answers = json_object();
	r.reviews = json_object();
	r.signoffs = json_array();
	if (r.answers == NULL || r.reviews == NULL || r.signoffs == NULL) {
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		goto done;
	}
	rc = srmgap_store__prepare(s, "SELECT id, kind, subject, new, hash, "
		"assessment, at, actor FROM events WHERE assessment_id = ? "
		"ORDER BY id", &st, err);
	if (rc != SRMGAP_OK)
		goto done;
	sqlite3_bind_int64(st, 1, aid);
	while (rc == SRMGAP_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (strcmp(col(st, 5), name) != 0)
			rc = found(out, sqlite3_column_int64(st, 0), "event %lld names "
				"assessment '%s', but assessment %lld is '%s': it was "
				"renamed outside srmgap", sqlite3_column_int64(st, 0),
				col(st, 5), aid, name);
		else
			rc = replay_event(&r, st, out, name);
	}
	srmgap_store__release(s, st);
	st = NULL;
	if (rc != SRMGAP_OK)
		goto done;
	if (r.created == NULL) {
		rc = found(out, 0, "assessment '%s' has no trail: it was added "
			"outside srmgap", name);
		goto done;
	}
	if (sqlite3_column_type(a, 10) == SQLITE_NULL) {
		rc = found(out, 0, "assessment '%s' has no snapshot: it was "
			"changed outside srmgap", name);
		goto done;
	}
	rc = check_created(&r, a, out, err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store__model(s, sqlite3_column_int64(a, 8), &m, err);
	if (rc == SRMGAP_OK)
		rc = check_answers(s, &r, aid, name, m, out, err);
	if (rc == SRMGAP_OK)
		rc = check_reviews(s, &r, aid, name, out, err);
	if (rc == SRMGAP_OK)
		rc = check_signoffs(s, &r, aid, name, out, err);
	if (rc == SRMGAP_OK)
		out->assessments++;
done:
	srmgap_store__release(s, st);
	replay_release(&r);
	return rc;
}

/*
 * The batches (imports, sessions): each row of `imports` has its batch
 * event with the same id, source and time, and no event lacks its row.
 */
static int verify_batches(srmgap_store *s, srmgap_verify_result *out,
	srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, step;

	/* Both directions in one query: rows of either side without a match. */
	rc = srmgap_store__prepare(s, "SELECT e.id, i.id FROM events e "
		"LEFT JOIN imports i ON i.id = json_extract(e.new, '$.id') "
		"AND i.source = json_extract(e.new, '$.source') "
		"AND i.recorded_at = e.at WHERE e.kind = 'batch' AND i.id IS NULL "
		"UNION ALL SELECT NULL, i.id FROM imports i WHERE NOT EXISTS "
		"(SELECT 1 FROM events e WHERE e.kind = 'batch' "
		"AND json_extract(e.new, '$.id') = i.id) LIMIT 1", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		rc = found(out, sqlite3_column_int64(st, 0), "the import that event "
			"%lld records is gone or changed: it was changed outside "
			"srmgap", sqlite3_column_int64(st, 0));
	else if (step == SQLITE_ROW)
		rc = found(out, 0, "import %lld is not in the trail: it was added "
			"outside srmgap", sqlite3_column_int64(st, 1));
	else if (step != SQLITE_DONE)
		rc = srmgap_store__error(s, err, "cannot read the imports");
	srmgap_store__release(s, st);
	return rc;
}

/*
 * Rows that belong to no assessment, or to another than their key says:
 * planted, they would pass to the next assessment created with that id.
 */
static int verify_orphans(srmgap_store *s, srmgap_verify_result *out,
	srmgap_error *err)
{
	static const char *const sql =
		"SELECT 'answer', id FROM answers WHERE assessment_id <> (id >> 20) "
		"OR assessment_id NOT IN (SELECT id FROM assessments) "
		"UNION ALL SELECT 'verdict', assessment_id FROM reviews "
		"WHERE assessment_id NOT IN (SELECT id FROM assessments) "
		"UNION ALL SELECT 'sign-off', assessment_id FROM signoffs "
		"WHERE assessment_id NOT IN (SELECT id FROM assessments) LIMIT 1";
	sqlite3_stmt *st = NULL;
	int rc, step;

	rc = srmgap_store__prepare(s, sql, &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		rc = found(out, 0, "a %s (row %lld) belongs to no assessment: it "
			"was added outside srmgap", col(st, 0),
			sqlite3_column_int64(st, 1));
	else if (step != SQLITE_DONE)
		rc = srmgap_store__error(s, err, "cannot read the database");
	srmgap_store__release(s, st);
	return rc;
}

int srmgap_store_verify_head(long long *event, srmgap_store *s,
	const char *hash, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, step;

	*event = 0;
	rc = srmgap_store__prepare(s, "SELECT id FROM events WHERE hash = ?",
		&st, err);
	if (rc != SRMGAP_OK)
		return rc;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*event = sqlite3_column_int64(st, 0);
	else if (step == SQLITE_DONE)
		rc = srmgap_error_set(err, SRMGAP_EINVALID, "no event of the trail "
			"has the hash %.64s: the events up to it were removed or "
			"changed", hash);
	else
		rc = srmgap_store__error(s, err, "cannot read the trail");
	srmgap_store__release(s, st);
	return rc;
}

int srmgap_store_verify(srmgap_verify_result *out, srmgap_store *s,
	const char *name, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, step;

	memset(out, 0, sizeof(*out));
	rc = verify_chain(s, out, err);
	if (rc == SRMGAP_OK)
		rc = verify_batches(s, out, err);
	if (rc == SRMGAP_OK)
		rc = verify_orphans(s, out, err);
	if (rc != SRMGAP_OK)
		return rc;
	/* Events of assessments that are gone. */
	if (name == NULL) {
		rc = srmgap_store__prepare(s, "SELECT e.id, e.assessment FROM "
			"events e WHERE e.kind <> 'batch' AND NOT EXISTS (SELECT 1 "
			"FROM assessments a WHERE a.id = e.assessment_id) "
			"ORDER BY e.id LIMIT 1", &st, err);
		if (rc != SRMGAP_OK)
			return rc;
		if (sqlite3_step(st) == SQLITE_ROW)
			rc = found(out, sqlite3_column_int64(st, 0), "assessment '%s' "
				"is in the trail but not in the database: it was deleted "
				"outside srmgap", col(st, 1));
		srmgap_store__release(s, st);
		st = NULL;
		if (rc != SRMGAP_OK)
			return rc;
	}
	rc = srmgap_store__prepare(s, "SELECT a.id, a.name, s.model, s.variant, "
		"s.hash, a.org, a.assessor, p.name, a.snapshot_id, a.created_at, "
		"s.id FROM assessments a LEFT JOIN snapshots s "
		"ON s.id = a.snapshot_id "
		"LEFT JOIN assessments p ON p.id = a.parent_id "
		"WHERE ?1 IS NULL OR a.name = ?1 ORDER BY a.id", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	if (name != NULL)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	while (rc == SRMGAP_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = verify_assessment(s, st, out, err);
	srmgap_store__release(s, st);
	if (rc == SRMGAP_EDB && out->problem[0] == '\0')
		found(out, 0, "%s", err->msg);
	return rc == SRMGAP_EDB ? SRMGAP_EINVALID : rc;
}
