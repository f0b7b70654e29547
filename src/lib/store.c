/*
 * The SQLite store (store.h): schema and migrations, snapshots of models,
 * assessments and answers. Every statement is prepared with bound
 * values; nothing from input is ever spliced into SQL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "srmgap/answer.h"
#include "srmgap/store.h"
#include "model_int.h"
#include "hash_int.h"
#include "store_int.h"
#include "util_int.h"

#define STMT_CACHE 48

struct srmgap_store {
	sqlite3 *db;
	int in_tx;
	/* Prepared statements kept for the life of the handle, by SQL text. */
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} cache[STMT_CACHE];
	size_t ncache;
	char *actor;         /* who changes are recorded as */
	/*
	 * The time of the open transaction: every row and trail event it
	 * writes carries this one time, so the trail and the tables agree.
	 */
	char tx_now[32];
	/* The batch that single answers (srmgap_store_put_answer) go into. */
	char *batch_source;
	int batch_uncommitted;   /* its row is in the open transaction */
	long long batch_id;
	/* Snapshot models loaded so far (srmgap_store__model). */
	struct {
		long long sid;
		srmgap_model *m;    /* NULL: the snapshot is damaged, see `problem` */
		char *problem;
	} *models;
	size_t nmodels;
};

/* Forward migrations: entry k brings schema version k to k + 1. */
static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE snapshots ("
	"  id INTEGER PRIMARY KEY,"
	"  model TEXT NOT NULL,"
	"  variant TEXT NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  version TEXT NOT NULL,"
	"  source TEXT,"
	"  description TEXT,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (hash, variant));"
	"CREATE TABLE snapshot_parties ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  ord INTEGER NOT NULL, party TEXT NOT NULL, name TEXT NOT NULL,"
	"  role TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_areas ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  ord INTEGER NOT NULL, area TEXT NOT NULL, name TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_duties ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  area_ord INTEGER NOT NULL, party_ord INTEGER NOT NULL,"
	"  duty TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, area_ord, party_ord)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_controls ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  ord INTEGER NOT NULL, control TEXT NOT NULL, area TEXT NOT NULL,"
	"  title TEXT NOT NULL, owner TEXT NOT NULL, severity TEXT NOT NULL,"
	"  weight TEXT NOT NULL, description TEXT NOT NULL,"
	"  remediation TEXT NOT NULL, refs TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_questions ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  ord INTEGER NOT NULL, question TEXT NOT NULL, control TEXT NOT NULL,"
	"  text TEXT NOT NULL, type TEXT NOT NULL, options TEXT NOT NULL,"
	"  weight TEXT NOT NULL, required TEXT NOT NULL,"
	"  depends_on TEXT NOT NULL, pattern TEXT NOT NULL, help TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_scenarios ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  ord INTEGER NOT NULL, scenario TEXT NOT NULL, owner TEXT NOT NULL,"
	"  provider_duty TEXT NOT NULL, customer_duty TEXT NOT NULL,"
	"  PRIMARY KEY (snapshot_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE assessments ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),"
	"  org TEXT, assessor TEXT,"
	"  created_at TEXT NOT NULL);"
	/* Each batch of answers: one import, one interactive session. */
	"CREATE TABLE imports ("
	"  id INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL);"
	/*
	 * One row per (assessment, question). The key is computed, assessment
	 * id * 2^20 + the question's place (ord) in the snapshot, so the
	 * answers of an assessment sit together in catalog order, are read by
	 * a range scan, and a bulk import appends instead of maintaining an
	 * index. The view answer_list shows them with their question ids.
	 */
	"CREATE TABLE answers ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id),"
	"  value TEXT NOT NULL,"
	"  evidence TEXT NOT NULL DEFAULT '',"
	"  note TEXT NOT NULL DEFAULT '',"
	"  import_id INTEGER NOT NULL REFERENCES imports(id));"
	"CREATE TABLE answer_history ("
	"  id INTEGER PRIMARY KEY,"
	"  answer_id INTEGER NOT NULL,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id),"
	"  question TEXT NOT NULL, value TEXT NOT NULL, evidence TEXT NOT NULL,"
	"  note TEXT NOT NULL,"
	"  import_id INTEGER NOT NULL REFERENCES imports(id),"
	"  replaced_by INTEGER NOT NULL REFERENCES imports(id));"
	"CREATE INDEX answer_history_by_answer ON answer_history (answer_id);"
	/* The history keeps every replaced answer, whoever replaces it. */
	"CREATE TRIGGER answers_keep_history BEFORE UPDATE ON answers BEGIN"
	"  INSERT INTO answer_history (answer_id, assessment_id, question, value,"
	"    evidence, note, import_id, replaced_by)"
	"  SELECT OLD.id, OLD.assessment_id, q.question, OLD.value, OLD.evidence,"
	"    OLD.note, OLD.import_id, NEW.import_id"
	"  FROM assessments a JOIN snapshot_questions q"
	"    ON q.snapshot_id = a.snapshot_id AND q.ord = (OLD.id & 1048575)"
	"  WHERE a.id = OLD.assessment_id;"
	"END;"
	/* For people reading the database with the sqlite3 shell. */
	"CREATE VIEW answer_list AS"
	"  SELECT a.name AS assessment, q.question, x.value, x.evidence, x.note,"
	"    i.recorded_at, i.source"
	"  FROM answers x JOIN assessments a ON a.id = x.assessment_id"
	"  JOIN snapshot_questions q"
	"    ON q.snapshot_id = a.snapshot_id AND q.ord = (x.id & 1048575)"
	"  JOIN imports i ON i.id = x.import_id;",
	/*
	 * 1 -> 2: evidence keeps its own as-of date; answers carried over
	 * from an earlier assessment stay marked until confirmed; auditors'
	 * verdicts, sign-offs, and the hash-chained trail of every change.
	 */
	"ALTER TABLE answers ADD COLUMN evidence_date TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE answers ADD COLUMN carried INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE answer_history ADD COLUMN evidence_date TEXT NOT NULL "
	"  DEFAULT '';"
	"ALTER TABLE answer_history ADD COLUMN carried INTEGER NOT NULL "
	"  DEFAULT 0;"
	"DROP TRIGGER answers_keep_history;"
	"CREATE TRIGGER answers_keep_history BEFORE UPDATE ON answers BEGIN"
	"  INSERT INTO answer_history (answer_id, assessment_id, question, value,"
	"    evidence, note, import_id, replaced_by, evidence_date, carried)"
	"  SELECT OLD.id, OLD.assessment_id, q.question, OLD.value, OLD.evidence,"
	"    OLD.note, OLD.import_id, NEW.import_id, OLD.evidence_date,"
	"    OLD.carried"
	"  FROM assessments a JOIN snapshot_questions q"
	"    ON q.snapshot_id = a.snapshot_id AND q.ord = (OLD.id & 1048575)"
	"  WHERE a.id = OLD.assessment_id;"
	"END;"
	"DROP VIEW answer_list;"
	"CREATE VIEW answer_list AS"
	"  SELECT a.name AS assessment, q.question, x.value, x.evidence,"
	"    x.evidence_date, x.note, x.carried, i.recorded_at, i.source"
	"  FROM answers x JOIN assessments a ON a.id = x.assessment_id"
	"  JOIN snapshot_questions q"
	"    ON q.snapshot_id = a.snapshot_id AND q.ord = (x.id & 1048575)"
	"  JOIN imports i ON i.id = x.import_id;"
	"ALTER TABLE assessments ADD COLUMN parent_id INTEGER"
	"  REFERENCES assessments(id);"
	"CREATE TABLE reviews ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id),"
	"  control TEXT NOT NULL,"
	"  verdict TEXT NOT NULL"
	"    CHECK (verdict IN ('verified', 'not-verified', 'needs-evidence')),"
	"  comment TEXT NOT NULL, auditor TEXT NOT NULL,"
	"  reviewed_at TEXT NOT NULL,"
	/* What the verdict was given on: a hash of the control's answers. */
	"  basis TEXT NOT NULL,"
	"  PRIMARY KEY (assessment_id, control)) WITHOUT ROWID;"
	/* Every sign-off; the open one (reopened_at NULL) freezes. */
	"CREATE TABLE signoffs ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id),"
	"  auditor TEXT NOT NULL, statement TEXT NOT NULL,"
	"  signed_at TEXT NOT NULL, seal TEXT NOT NULL,"
	"  reopened_at TEXT, reopened_by TEXT, reason TEXT);"
	"CREATE INDEX signoffs_by_assessment ON signoffs (assessment_id);"
	/*
	 * The trail: one chain over the whole database. hash = SHA-256 over
	 * the event's fields and prev, the hash of the event before it.
	 */
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL,"
	"  assessment TEXT NOT NULL,"
	"  at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL,"
	"  subject TEXT NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL,"
	"  prev TEXT NOT NULL, hash TEXT NOT NULL);"
	"CREATE INDEX events_by_assessment ON events (assessment_id);",
};

#define NMIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))
_Static_assert(NMIGRATIONS == SRMGAP_SCHEMA_VERSION,
	"one migration per schema version");

sqlite3 *srmgap_store__db(srmgap_store *s)
{
	return s->db;
}

int srmgap_store__in_tx(srmgap_store *s)
{
	return s->in_tx;
}

int srmgap_store__error(srmgap_store *s, srmgap_error *err, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);

	if (code == SQLITE_BUSY || (code & 0xff) == SQLITE_BUSY ||
	    (code & 0xff) == SQLITE_LOCKED)
		return srmgap_error_set(err, SRMGAP_EDB, "%s: the database is busy "
			"(another srmgap is writing); try again", what);
	return srmgap_error_set(err, SRMGAP_EDB, "%s: %s", what,
		sqlite3_errmsg(s->db));
}

void srmgap_store__set_time(srmgap_store *s, const char *t)
{
	snprintf(s->tx_now, sizeof(s->tx_now), "%s", t);
}

const char *srmgap_store__time(srmgap_store *s)
{
	if (!s->in_tx)
		srmgap_store__now(s->tx_now);
	return s->tx_now;
}

void srmgap_store__now(char *buf)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int exec(srmgap_store *s, const char *sql, srmgap_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return srmgap_store__error(s, err, "database");
	return SRMGAP_OK;
}

int srmgap_store__foreign_keys(srmgap_store *s, int on, srmgap_error *err)
{
	return exec(s, on ? "PRAGMA foreign_keys = ON" :
		"PRAGMA foreign_keys = OFF", err);
}

int srmgap_store_begin(srmgap_store *s, srmgap_error *err)
{
	/* IMMEDIATE takes the write lock now, so the busy timeout applies. */
	int rc = exec(s, "BEGIN IMMEDIATE", err);

	if (rc == SRMGAP_OK) {
		s->in_tx = 1;
		srmgap_store__now(s->tx_now);
	}
	return rc;
}

int srmgap_store_commit(srmgap_store *s, srmgap_error *err)
{
	int rc = exec(s, "COMMIT", err);

	if (rc != SRMGAP_OK) {
		srmgap_store_rollback(s);
		return rc;
	}
	s->in_tx = 0;
	s->batch_uncommitted = 0;
	return rc;
}

void srmgap_store_rollback(srmgap_store *s)
{
	if (s->in_tx && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
	/*
	 * A batch row written in the transaction is gone with it; one
	 * committed before stays the session's batch.
	 */
	if (s->batch_uncommitted) {
		free(s->batch_source);
		s->batch_source = NULL;
		s->batch_uncommitted = 0;
	}
}

static int user_version(srmgap_store *s, int *v, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return srmgap_store__error(s, err, "cannot read schema version");
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return srmgap_store__error(s, err, "cannot read schema version");
	return SRMGAP_OK;
}

static int migrate(srmgap_store *s, srmgap_error *err)
{
	char sql[64];
	int v, rc;

	rc = user_version(s, &v, err);
	if (rc != SRMGAP_OK)
		return rc;
	if (v == (int)NMIGRATIONS)
		return SRMGAP_OK;
	if (v > (int)NMIGRATIONS)
		return srmgap_error_set(err, SRMGAP_EDB, "the database has schema "
			"version %d, newer than this srmgap knows (%d); upgrade srmgap",
			v, (int)NMIGRATIONS);
	rc = srmgap_store_begin(s, err);
	if (rc != SRMGAP_OK)
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	rc = user_version(s, &v, err);
	while (rc == SRMGAP_OK && v < (int)NMIGRATIONS) {
		rc = exec(s, migrations[v], err);
		v++;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v);
		if (rc == SRMGAP_OK)
			rc = exec(s, sql, err);
		/* What was made before the trail existed enters it now. */
		if (rc == SRMGAP_OK && v == 2) {
			rc = srmgap_store_set_actor(s, "srmgap schema 2 migration", err);
			if (rc == SRMGAP_OK)
				rc = srmgap_store__baseline(s, err);
			free(s->actor);
			s->actor = NULL;
		}
	}
	if (rc != SRMGAP_OK) {
		srmgap_store_rollback(s);
		return rc;
	}
	return srmgap_store_commit(s, err);
}

int srmgap_store_open(srmgap_store **out, const char *path, srmgap_error *err)
{
	srmgap_store *s = calloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if (s == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = srmgap_error_set(err, SRMGAP_EDB, "cannot open database '%s': %s",
			path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	/*
	 * WAL with synchronous=NORMAL stays consistent through crashes; a
	 * power cut may lose the last commit but never corrupts.
	 */
	rc = exec(s, "PRAGMA page_size = 16384;PRAGMA foreign_keys = ON;"
		"PRAGMA journal_mode = WAL;"
		"PRAGMA synchronous = NORMAL;", err);
	if (rc != SRMGAP_OK) {
		srmgap_error_set(err, SRMGAP_EDB, "cannot open database '%s': %s",
			path, sqlite3_errmsg(s->db));
		goto fail;
	}
	rc = migrate(s, err);
	if (rc != SRMGAP_OK)
		goto fail;
	*out = s;
	return SRMGAP_OK;
fail:
	srmgap_store_close(s);
	return rc;
}

void srmgap_store_close(srmgap_store *s)
{
	size_t i;

	if (s == NULL)
		return;
	srmgap_store_rollback(s);
	for (i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	for (i = 0; i < s->nmodels; i++) {
		srmgap_model_free(s->models[i].m);
		free(s->models[i].problem);
	}
	free(s->models);
	sqlite3_close(s->db);
	free(s->batch_source);
	free(s->actor);
	free(s);
}

/* Binding helpers: text may be NULL, stored as "". */
static int bind_text(sqlite3_stmt *st, int i, const char *v)
{
	return sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return srmgap_util__strdup(t ? (const char *)t : "");
}

/* Run a prepared write statement to completion and reset it. */
static int step_done(srmgap_store *s, sqlite3_stmt *st, srmgap_error *err,
	const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE)
		return srmgap_store__error(s, err, what);
	sqlite3_reset(st);
	return SRMGAP_OK;
}

/*
 * A prepared statement for `sql`, which must be a string that lives as
 * long as the program (a literal): statements are cached by its address.
 * Hand it back with release(), never sqlite3_finalize().
 */
static int prepare(srmgap_store *s, const char *sql, sqlite3_stmt **st,
	srmgap_error *err)
{
	size_t i;

	for (i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			*st = s->cache[i].st;
			sqlite3_reset(*st);
			sqlite3_clear_bindings(*st);
			return SRMGAP_OK;
		}
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
	    NULL) != SQLITE_OK)
		return srmgap_store__error(s, err, "cannot prepare statement");
	if (s->ncache < STMT_CACHE) {
		s->cache[s->ncache].sql = sql;
		s->cache[s->ncache++].st = *st;
	}
	return SRMGAP_OK;
}

static void release(srmgap_store *s, sqlite3_stmt *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < s->ncache; i++) {
		if (s->cache[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

int srmgap_store__prepare(srmgap_store *s, const char *sql,
	sqlite3_stmt **st, srmgap_error *err)
{
	return prepare(s, sql, st, err);
}

void srmgap_store__release(srmgap_store *s, sqlite3_stmt *st)
{
	release(s, st);
}

int srmgap_store_set_actor(srmgap_store *s, const char *actor,
	srmgap_error *err)
{
	char *copy;
	int rc;

	if (actor == NULL || actor[0] == '\0')
		return srmgap_error_set(err, SRMGAP_EUSAGE, "the actor is empty");
	rc = srmgap_text_check("actor", actor, SRMGAP_NAME_MAX, 0, err);
	if (rc != SRMGAP_OK)
		return rc;
	copy = srmgap_util__strdup(actor);
	if (copy == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	free(s->actor);
	s->actor = copy;
	return SRMGAP_OK;
}

const char *srmgap_store__actor(srmgap_store *s)
{
	return s->actor ? s->actor : "unknown";
}

/*
 * One snapshot row: (snapshot id, ord, texts...). With n = -1, a duty
 * row: the party is bound by the caller as ?3 and the one text goes to ?4.
 */
static int put_row(srmgap_store *s, sqlite3_stmt *st, long long sid,
	long long ord, const char *const *f, int n, srmgap_error *err)
{
	int i;

	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, ord);
	if (n < 0)
		bind_text(st, 4, f[0]);
	for (i = 0; i < n; i++)
		bind_text(st, 3 + i, f[i]);
	return step_done(s, st, err, "cannot store snapshot");
}

static int insert_snapshot(srmgap_store *s, const srmgap_model *m,
	long long *out, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	char now[32], num[64];
	size_t i, k;
	long long sid;
	int rc;

	rc = prepare(s, "SELECT id FROM snapshots WHERE hash = ? AND variant = ?",
		&st, err);
	if (rc != SRMGAP_OK)
		return rc;
	bind_text(st, 1, m->hash);
	bind_text(st, 2, m->variant);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		release(s, st);
		return SRMGAP_OK;
	}
	release(s, st);
	st = NULL;
	if (rc != SQLITE_DONE)
		return srmgap_store__error(s, err, "cannot look up snapshot");

	snprintf(now, sizeof(now), "%s", srmgap_store__time(s));
	rc = prepare(s, "INSERT INTO snapshots (model, variant, hash, title, "
		"version, source, description, created_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	bind_text(st, 1, m->id);
	bind_text(st, 2, m->variant);
	bind_text(st, 3, m->hash);
	bind_text(st, 4, m->title);
	bind_text(st, 5, m->version);
	bind_text(st, 6, m->source);
	bind_text(st, 7, m->description);
	bind_text(st, 8, now);
	rc = step_done(s, st, err, "cannot store snapshot");
	release(s, st);
	st = NULL;
	if (rc != SRMGAP_OK)
		return rc;
	sid = sqlite3_last_insert_rowid(s->db);

	rc = prepare(s, "INSERT INTO snapshot_parties VALUES (?, ?, ?, ?, ?)",
		&st, err);
	for (i = 0; rc == SRMGAP_OK && i < m->nparties; i++) {
		const char *f[] = { m->parties[i].id, m->parties[i].name,
			m->parties[i].is_customer ? "customer" : "provider" };

		rc = put_row(s, st, sid, (long long)i, f, 3, err);
	}
	release(s, st);
	st = NULL;
	if (rc == SRMGAP_OK)
		rc = prepare(s, "INSERT INTO snapshot_areas VALUES (?, ?, ?, ?)",
			&st, err);
	for (i = 0; rc == SRMGAP_OK && i < m->nareas; i++) {
		const char *f[] = { m->areas[i].id, m->areas[i].name };

		rc = put_row(s, st, sid, (long long)i, f, 2, err);
	}
	release(s, st);
	st = NULL;
	if (rc == SRMGAP_OK)
		rc = prepare(s, "INSERT INTO snapshot_duties VALUES (?, ?, ?, ?)",
			&st, err);
	for (i = 0; rc == SRMGAP_OK && i < m->nareas; i++) {
		for (k = 0; rc == SRMGAP_OK && k < m->nparties; k++) {
			if (m->areas[i].duties[k] == NULL)
				continue;
			/* Key (snapshot, area, party), then the duty. */
			sqlite3_bind_int64(st, 3, (long long)k);
			rc = put_row(s, st, sid, (long long)i,
				(const char *const *)&m->areas[i].duties[k], -1, err);
		}
	}
	release(s, st);
	st = NULL;
	if (rc == SRMGAP_OK)
		rc = prepare(s, "INSERT INTO snapshot_controls VALUES "
			"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, err);
	for (i = 0; rc == SRMGAP_OK && i < m->ncontrols; i++) {
		const srmgap_control *c = &m->controls[i];
		/* A default weight is stored empty: it follows the severity. */
		const char *f[] = { c->id, c->area_id, c->title, c->owner_id,
			srmgap_severity_name(c->severity), c->weight_given ? num : "",
			c->description, c->remediation, c->references };

		snprintf(num, sizeof(num), "%.17g", c->weight); /* f[5] points here */
		rc = put_row(s, st, sid, (long long)i, f, 9, err);
	}
	release(s, st);
	st = NULL;
	if (rc == SRMGAP_OK)
		rc = prepare(s, "INSERT INTO snapshot_questions VALUES "
			"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, err);
	for (i = 0; rc == SRMGAP_OK && i < m->nquestions; i++) {
		const srmgap_question *q = &m->questions[i];
		const char *f[] = { q->id, q->control_id, q->text, q->type_name,
			q->options, q->weight_given ? num : "",
			q->required ? "yes" : "no", q->depends_on, q->pattern,
			q->help };

		snprintf(num, sizeof(num), "%.17g", q->weight); /* f[5] points here */
		rc = put_row(s, st, sid, (long long)i, f, 10, err);
	}
	release(s, st);
	st = NULL;
	if (rc == SRMGAP_OK)
		rc = prepare(s, "INSERT INTO snapshot_scenarios VALUES "
			"(?, ?, ?, ?, ?, ?)", &st, err);
	for (i = 0; rc == SRMGAP_OK && i < m->nscenarios; i++) {
		const srmgap_scenario *sc = &m->scenarios[i];
		const char *f[] = { sc->scenario, sc->owner, sc->provider_duty,
			sc->customer_duty };

		rc = put_row(s, st, sid, (long long)i, f, 4, err);
	}
	release(s, st);
	if (rc == SRMGAP_OK)
		*out = sid;
	return rc;
}

static int copy_answers(srmgap_store *s, long long to, const char *name,
	const srmgap_model *m, const srmgap_assessment *from, size_t *copied,
	srmgap_error *err);

/*
 * A new assessment's id must fit the answer key and own nothing yet:
 * rows left for that id (planted with the sqlite3 shell) would become
 * its answers, verdicts or sign-off.
 */
static int check_new_id(srmgap_store *s, long long id, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (id < 1 || id > SRMGAP_MAX_ASSESSMENT_ID)
		return srmgap_error_set(err, SRMGAP_EDB, "assessment ids are used "
			"up to %lld: the database was changed outside srmgap", id);
	rc = prepare(s, "SELECT (SELECT count(*) FROM answers WHERE id BETWEEN "
		"?1 << 20 AND (?1 << 20) + 1048575) + "
		"(SELECT count(*) FROM reviews WHERE assessment_id = ?1) + "
		"(SELECT count(*) FROM signoffs WHERE assessment_id = ?1) + "
		"(SELECT count(*) FROM events WHERE assessment_id = ?1)", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = srmgap_store__error(s, err, "cannot create assessment");
	else if (sqlite3_column_int64(st, 0) != 0)
		rc = srmgap_error_set(err, SRMGAP_EDB, "the database holds rows for "
			"assessment id %lld, which is new: it was changed outside "
			"srmgap (see 'srmgap verify')", id);
	release(s, st);
	return rc;
}

static int create(long long *id, size_t *copied, srmgap_store *s,
	const char *name, const srmgap_model *m, const char *org,
	const char *assessor, const srmgap_assessment *from, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	long long sid = 0, newid = 0;
	int own_tx = !s->in_tx, rc;

	if (name[0] == '\0' || srmgap_text_check("name", name, SRMGAP_NAME_MAX,
	    0, NULL) != SRMGAP_OK)
		return srmgap_error_set(err, SRMGAP_EUSAGE, "invalid assessment name "
			"'%.64s' (1 to 128 characters, no tabs, line breaks or other "
			"control characters)", name);
	rc = srmgap_text_check("organisation", org, SRMGAP_LABEL_MAX, 0, err);
	if (rc == SRMGAP_OK)
		rc = srmgap_text_check("assessor", assessor, SRMGAP_LABEL_MAX, 0, err);
	if (rc != SRMGAP_OK)
		return rc;
	if (own_tx) {
		rc = srmgap_store_begin(s, err);
		if (rc != SRMGAP_OK)
			return rc;
	}
	rc = prepare(s, "SELECT 1 FROM assessments WHERE name = ?", &st, err);
	if (rc != SRMGAP_OK)
		goto done;
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	release(s, st);
	st = NULL;
	if (rc == SQLITE_ROW) {
		rc = srmgap_error_set(err, SRMGAP_EEXISTS, "assessment '%.64s' "
			"exists already", name);
		goto done;
	}
	if (rc != SQLITE_DONE) {
		rc = srmgap_store__error(s, err, "cannot look up assessment");
		goto done;
	}
	rc = insert_snapshot(s, m, &sid, err);
	if (rc != SRMGAP_OK)
		goto done;
	snprintf(now, sizeof(now), "%s", srmgap_store__time(s));
	rc = prepare(s, "INSERT INTO assessments (name, snapshot_id, org, "
		"assessor, created_at, parent_id) VALUES (?, ?, ?, ?, ?, ?)", &st,
		err);
	if (rc != SRMGAP_OK)
		goto done;
	bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, sid);
	bind_text(st, 3, org);
	bind_text(st, 4, assessor);
	bind_text(st, 5, now);
	if (from != NULL)
		sqlite3_bind_int64(st, 6, from->id);
	else
		sqlite3_bind_null(st, 6);
	rc = step_done(s, st, err, "cannot create assessment");
	if (rc != SRMGAP_OK)
		goto done;
	newid = sqlite3_last_insert_rowid(s->db);
	rc = check_new_id(s, newid, err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store__log_created(s, newid, name, m, org, assessor,
			from ? from->name : NULL, err);
	if (rc == SRMGAP_OK && from != NULL)
		rc = copy_answers(s, newid, name, m, from, copied, err);
	if (rc == SRMGAP_OK && id != NULL)
		*id = newid;
done:
	release(s, st);
	if (own_tx) {
		if (rc == SRMGAP_OK)
			rc = srmgap_store_commit(s, err);
		else
			srmgap_store_rollback(s);
	}
	return rc;
}

int srmgap_store_create(long long *id, srmgap_store *s, const char *name,
	const srmgap_model *m, const char *org, const char *assessor,
	srmgap_error *err)
{
	return create(id, NULL, s, name, m, org, assessor, NULL, err);
}

int srmgap_store_create_from(long long *id, size_t *copied, srmgap_store *s,
	const char *name, const srmgap_model *m, const char *org,
	const char *assessor, const srmgap_assessment *from, srmgap_error *err)
{
	*copied = 0;
	return create(id, copied, s, name, m, org, assessor, from, err);
}

/*
 * Carry the answers of `from` over to the new assessment `to` (model
 * `m`): matched by question id, kept only when `m` still accepts the
 * value, marked carried until stored again.
 */
static int copy_answers(srmgap_store *s, long long to, const char *name,
	const srmgap_model *m, const srmgap_assessment *from, size_t *copied,
	srmgap_error *err)
{
	const srmgap_model *fm = NULL;
	srmgap_answers old;
	sqlite3_stmt *st = NULL;
	char source[160];
	long long batch = 0;
	size_t i;
	long qi;
	int rc;

	memset(&old, 0, sizeof(old));
	rc = srmgap_store__model(s, from->snapshot_id, &fm, err);
	if (rc == SRMGAP_OK)
		rc = srmgap_store_load_answers(&old, s, from->id, fm, err);
	if (rc != SRMGAP_OK)
		goto done;
	snprintf(source, sizeof(source), "carried over from %.128s", from->name);
	rc = srmgap_store__new_batch(s, source, &batch, err);
	if (rc == SRMGAP_OK)
		rc = prepare(s, "INSERT INTO answers (id, assessment_id, value, "
			"evidence, note, import_id, evidence_date, carried) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, 1)", &st, err);
	for (i = 0; rc == SRMGAP_OK && i < old.count; i++) {
		const srmgap_answer *a = &old.items[i];
		char *canon = NULL;

		if (a->value == NULL)
			continue;
		qi = srmgap_model_question(m, fm->questions[i].id);
		if (qi < 0 || srmgap_answer_parse(&canon, &m->questions[qi],
		    a->value, NULL) != SRMGAP_OK) {
			free(canon);
			continue;
		}
		sqlite3_bind_int64(st, 1, SRMGAP_ANSWER_KEY(to, qi));
		sqlite3_bind_int64(st, 2, to);
		bind_text(st, 3, canon);
		/*
		 * What no import would take now (an older database's text) is
		 * not carried: the answer comes over without it.
		 */
		bind_text(st, 4, srmgap_text_check("evidence", a->evidence,
			SRMGAP_TEXT_MAX, 1, NULL) == SRMGAP_OK ? a->evidence : "");
		bind_text(st, 5, srmgap_text_check("note", a->note, SRMGAP_TEXT_MAX,
			1, NULL) == SRMGAP_OK ? a->note : "");
		sqlite3_bind_int64(st, 6, batch);
		bind_text(st, 7, srmgap_evidence_date_check(a->evidence_date,
			srmgap_util__today(), NULL) == SRMGAP_OK ? a->evidence_date : "");
		free(canon);
		rc = step_done(s, st, err, "cannot copy answers");
		if (rc == SRMGAP_OK)
			(*copied)++;
	}
	if (rc == SRMGAP_OK)
		rc = srmgap_store__log_answers(s, to, name, batch,
			SRMGAP_ANSWER_KEY(to, 0), SRMGAP_ANSWER_KEY(to,
			SRMGAP_ANSWER_ORD_MASK), 0, err);
done:
	release(s, st);
	srmgap_answers_release(&old);
	return rc;
}

void srmgap_assessment_free(srmgap_assessment *a)
{
	if (a == NULL)
		return;
	free(a->name);
	free(a->org);
	free(a->assessor);
	free(a->created_at);
	free(a->model_id);
	free(a->variant);
	free(a->hash);
	free(a->model_title);
	free(a->model_version);
	free(a->problem);
	free(a->parent);
	free(a->signed_by);
	free(a->signed_at);
	free(a->statement);
	free(a->seal);
	free(a);
}

void srmgap_assessment_list_free(srmgap_assessment **list, size_t count)
{
	size_t i;

	for (i = 0; list != NULL && i < count; i++)
		srmgap_assessment_free(list[i]);
	free(list);
}

#define ASSESSMENT_COLS \
	"a.id, a.name, a.org, a.assessor, a.created_at, a.snapshot_id, " \
	"s.model, s.variant, s.hash, s.title, s.version, p.name, g.auditor, " \
	"g.signed_at, g.statement, g.seal "
#define ASSESSMENT_NCOLS 16
/* The open sign-off, if any: the newest not reopened. */
#define ASSESSMENT_FROM \
	"FROM assessments a JOIN snapshots s ON s.id = a.snapshot_id " \
	"LEFT JOIN assessments p ON p.id = a.parent_id " \
	"LEFT JOIN signoffs g ON g.id = (SELECT max(id) FROM signoffs " \
	"WHERE assessment_id = a.id AND reopened_at IS NULL) "

/* A text column that may be NULL: NULL stays NULL. *ok = 0 on ENOMEM. */
static char *col_opt(sqlite3_stmt *st, int i, int *ok)
{
	char *v;

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	v = col_dup(st, i);
	if (v == NULL)
		*ok = 0;
	return v;
}

static srmgap_assessment *row_assessment(sqlite3_stmt *st)
{
	srmgap_assessment *a = calloc(1, sizeof(*a));
	int ok = 1;

	if (a == NULL)
		return NULL;
	a->id = sqlite3_column_int64(st, 0);
	/* Ids beyond what the answer key holds exist only if edited in. */
	if (a->id < 1 || a->id > SRMGAP_MAX_ASSESSMENT_ID)
		a->id = 0;
	a->name = col_dup(st, 1);
	a->org = col_dup(st, 2);
	a->assessor = col_dup(st, 3);
	a->created_at = col_dup(st, 4);
	a->snapshot_id = sqlite3_column_int64(st, 5);
	a->model_id = col_dup(st, 6);
	a->variant = col_dup(st, 7);
	a->hash = col_dup(st, 8);
	a->model_title = col_dup(st, 9);
	a->model_version = col_dup(st, 10);
	a->parent = col_opt(st, 11, &ok);
	a->signed_by = col_opt(st, 12, &ok);
	a->signed_at = col_opt(st, 13, &ok);
	a->statement = col_opt(st, 14, &ok);
	a->seal = col_opt(st, 15, &ok);
	if (!ok || !a->name || !a->org || !a->assessor || !a->created_at ||
	    !a->model_id || !a->variant || !a->hash || !a->model_title ||
	    !a->model_version) {
		srmgap_assessment_free(a);
		return NULL;
	}
	return a;
}

int srmgap_store_get(srmgap_assessment **out, srmgap_store *s, const char *name,
	srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	rc = prepare(s, "SELECT " ASSESSMENT_COLS ", (SELECT count(*) FROM "
		"answers WHERE id BETWEEN a.id << 20 AND (a.id << 20) + 1048575), "
		"(SELECT count(*) FROM answers WHERE id BETWEEN a.id << 20 AND "
		"(a.id << 20) + 1048575 AND carried) " ASSESSMENT_FROM
		"WHERE a.name = ?", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = row_assessment(st);
		if (*out != NULL) {
			(*out)->answered = (long)sqlite3_column_int64(st,
				ASSESSMENT_NCOLS);
			(*out)->carried = (long)sqlite3_column_int64(st,
				ASSESSMENT_NCOLS + 1);
		}
		rc = *out ? SRMGAP_OK : srmgap_error_set(err, SRMGAP_ENOMEM,
			"out of memory");
		if (*out != NULL && (*out)->id == 0) {
			srmgap_assessment_free(*out);
			*out = NULL;
			rc = srmgap_error_set(err, SRMGAP_EDB, "assessment '%.64s' has "
				"an id out of range: the database was changed outside "
				"srmgap", name);
		}
	} else if (rc == SQLITE_DONE) {
		rc = srmgap_error_set(err, SRMGAP_ENOTFOUND, "no assessment "
			"'%.64s' (see 'srmgap list')", name);
	} else {
		rc = srmgap_store__error(s, err, "cannot read assessment");
	}
	release(s, st);
	return rc;
}

int srmgap_store_list(srmgap_assessment ***out, size_t *count, srmgap_store *s,
	srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	srmgap_assessment **list = NULL;
	size_t n = 0;
	int rc, step;

	*out = NULL;
	*count = 0;
	rc = prepare(s, "SELECT " ASSESSMENT_COLS ", (SELECT count(*) "
		"FROM answers WHERE id BETWEEN a.id << 20 AND (a.id << 20) + 1048575) "
		ASSESSMENT_FROM "ORDER BY a.name", &st, err);
	while (rc == SRMGAP_OK) {
		srmgap_assessment **grown;

		step = sqlite3_step(st);
		if (step == SQLITE_DONE)
			break;
		if (step != SQLITE_ROW) {
			rc = srmgap_store__error(s, err, "cannot list assessments");
			break;
		}
		grown = realloc(list, (n + 1) * sizeof(*list));
		if (grown == NULL) {
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			break;
		}
		list = grown;
		list[n] = row_assessment(st);
		if (list[n] == NULL) {
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			break;
		}
		list[n++]->answered = (long)sqlite3_column_int64(st,
			ASSESSMENT_NCOLS);
	}
	release(s, st);
	if (rc != SRMGAP_OK) {
		srmgap_assessment_list_free(list, n);
		return rc;
	}
	*out = list;
	*count = n;
	return SRMGAP_OK;
}


/* One area row of a snapshot, with its duties (copied: step reuses memory). */
static int load_area(srmgap_store *s, srmgap_model *m, long long sid,
	sqlite3_stmt *area, const char *const *f, const srmgap_src *src,
	srmgap_diags *d, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	char **duties = calloc(m->nparties + 1, sizeof(*duties));
	size_t k;
	int rc;

	if (duties == NULL)
		return SRMGAP_ENOMEM;
	rc = prepare(s, "SELECT party_ord, duty FROM snapshot_duties "
		"WHERE snapshot_id = ? AND area_ord = ?", &st, err);
	if (rc != SRMGAP_OK)
		goto done;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, sqlite3_column_int64(area, 2));
	while (rc == SRMGAP_OK && sqlite3_step(st) == SQLITE_ROW) {
		long long p = sqlite3_column_int64(st, 0);

		if (p < 0 || (size_t)p >= m->nparties || duties[p] != NULL)
			continue;
		duties[p] = col_dup(st, 1);
		if (duties[p] == NULL)
			rc = SRMGAP_ENOMEM;
	}
	if (rc == SRMGAP_OK)
		rc = srmgap_model__area(m, f[0], f[1], (const char *const *)duties,
			src, d);
done:
	release(s, st);
	for (k = 0; k < m->nparties; k++)
		free(duties[k]);
	free(duties);
	return rc;
}

/* Rebuild a snapshot through the same checks as catalog files. */
int srmgap_store_load_model(srmgap_model **out, srmgap_store *s, long long sid,
	srmgap_error *err)
{
	static const char *const queries[] = {
		"SELECT model, variant, title, version, source, description, hash "
		"FROM snapshots WHERE id = ?",
		"SELECT party, name, role FROM snapshot_parties "
		"WHERE snapshot_id = ? ORDER BY ord",
		"SELECT area, name, ord FROM snapshot_areas "
		"WHERE snapshot_id = ? ORDER BY ord",
		"SELECT control, area, title, owner, severity, weight, description, "
		"remediation, refs FROM snapshot_controls "
		"WHERE snapshot_id = ? ORDER BY ord",
		"SELECT question, control, text, type, options, weight, required, "
		"depends_on, pattern, help, ord FROM snapshot_questions "
		"WHERE snapshot_id = ? ORDER BY ord",
		"SELECT scenario, owner, provider_duty, customer_duty "
		"FROM snapshot_scenarios WHERE snapshot_id = ? ORDER BY ord",
	};
	sqlite3_stmt *st = NULL;
	srmgap_model *m = NULL;
	srmgap_diags d;
	srmgap_src src = { "snapshot", 0, NULL };
	char stored_hash[65] = "";
	const char *f[16];
	size_t q, i;
	int rc = SRMGAP_OK, step;

	*out = NULL;
	srmgap_diags_init(&d);
	for (q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		rc = prepare(s, queries[q], &st, err);
		if (rc != SRMGAP_OK)
			goto done;
		sqlite3_bind_int64(st, 1, sid);
		for (;;) {
			int ncol = sqlite3_column_count(st);

			step = sqlite3_step(st);
			if (step != SQLITE_ROW)
				break;

			src.line++;
			for (i = 0; i < (size_t)ncol && i < 16; i++) {
				const unsigned char *t = sqlite3_column_text(st, (int)i);

				f[i] = t ? (const char *)t : "";
			}
			switch (q) {
			case 0:
				snprintf(stored_hash, sizeof(stored_hash), "%s", f[6]);
				rc = srmgap_model__new(&m, f[0], f[1]);
				if (rc == SRMGAP_OK)
					rc = srmgap_model__meta(m, "title", f[2], &src, &d);
				if (rc == SRMGAP_OK)
					rc = srmgap_model__meta(m, "version", f[3], &src, &d);
				if (rc == SRMGAP_OK && f[4][0])
					rc = srmgap_model__meta(m, "source", f[4], &src, &d);
				if (rc == SRMGAP_OK && f[5][0])
					rc = srmgap_model__meta(m, "description", f[5], &src, &d);
				break;
			case 1:
				rc = srmgap_model__party(m, f, &src, &d);
				break;
			case 2:
				rc = load_area(s, m, sid, st, f, &src, &d, err);
				if (rc != SRMGAP_OK && rc != SRMGAP_ENOMEM)
					goto done;
				break;
			case 3:
				rc = srmgap_model__control(m, f, &src, &d);
				break;
			case 4:
				if (m->questionnaire_path == NULL) {
					m->questionnaire_path = srmgap_util__strdup("snapshot");
					if (m->questionnaire_path == NULL)
						rc = SRMGAP_ENOMEM;
				}
				/*
				 * Answers are keyed by a question's place: the places
				 * must be 0, 1, 2, ... as they were stored.
				 */
				if (rc == SRMGAP_OK && sqlite3_column_int64(st, 10) !=
				    (long long)m->nquestions) {
					rc = srmgap_error_set(err, SRMGAP_EDB, "snapshot %lld "
						"is damaged: question '%.64s' is out of place", sid,
						f[0]);
					goto done;
				}
				if (rc == SRMGAP_OK)
					rc = srmgap_model__question(m, f, &src, &d);
				break;
			case 5:
				rc = srmgap_model__scenario(m, f, &src, &d);
				break;
			}
			if (rc != SRMGAP_OK) {
				rc = srmgap_error_set(err, rc, "out of memory");
				goto done;
			}
		}
		if (step != SQLITE_DONE) {
			rc = srmgap_store__error(s, err, "cannot read snapshot");
			goto done;
		}
		release(s, st);
		st = NULL;
		if (m == NULL) {
			rc = srmgap_error_set(err, SRMGAP_ENOTFOUND, "no snapshot %lld",
				sid);
			goto done;
		}
	}
	rc = srmgap_model__finish(m, "snapshot", &d, 0);
	if (rc == SRMGAP_OK && d.errors > 0) {
		const char *why = "invalid";

		for (i = 0; i < d.count; i++) {
			if (d.items[i].severity == SRMGAP_DIAG_ERROR) {
				why = d.items[i].msg;
				break;
			}
		}
		rc = srmgap_error_set(err, SRMGAP_EDB, "snapshot %lld is damaged: %s",
			sid, why);
	}
	/* The rows must still be what was hashed when they were stored. */
	if (rc == SRMGAP_OK && strcmp(m->hash, stored_hash) != 0)
		rc = srmgap_error_set(err, SRMGAP_EDB, "snapshot %lld of model '%s' "
			"no longer matches its content hash: it was changed outside "
			"srmgap", sid, m->id);
	if (rc == SRMGAP_OK) {
		*out = m;
		m = NULL;
	}
done:
	release(s, st);
	srmgap_model_free(m);
	srmgap_diags_release(&d);
	return rc;
}

int srmgap_answers_init(srmgap_answers *a, const srmgap_model *m)
{
	a->count = m->nquestions;
	a->unknown = 0;
	a->items = calloc(m->nquestions ? m->nquestions : 1, sizeof(*a->items));
	return a->items ? SRMGAP_OK : SRMGAP_ENOMEM;
}

static void answers_clear(srmgap_answers *a)
{
	size_t i;

	for (i = 0; i < a->count; i++) {
		free(a->items[i].value);
		free(a->items[i].evidence);
		free(a->items[i].note);
		free(a->items[i].recorded_at);
		free(a->items[i].evidence_date);
		memset(&a->items[i], 0, sizeof(a->items[i]));
	}
	a->unknown = 0;
}

void srmgap_answers_release(srmgap_answers *a)
{
	if (a == NULL || a->items == NULL)
		return;
	answers_clear(a);
	free(a->items);
	memset(a, 0, sizeof(*a));
}

/*
 * Fill the slot of the answer in row `st`: key, value, and with `full`
 * also evidence, note, recorded_at. The question is the one at the key's
 * place in the snapshot.
 */
static int take_answer(srmgap_answers *a, const srmgap_model *m,
	sqlite3_stmt *st, int full)
{
	long long ord = sqlite3_column_int64(st, 0) & SRMGAP_ANSWER_ORD_MASK;
	srmgap_answer *slot;

	if ((size_t)ord >= m->nquestions) {
		a->unknown++;
		return SRMGAP_OK;
	}
	slot = &a->items[ord];
	slot->value = col_dup(st, 1);
	if (slot->value == NULL)
		return SRMGAP_ENOMEM;
	if (!full)
		return SRMGAP_OK;
	slot->evidence = col_dup(st, 2);
	slot->note = col_dup(st, 3);
	slot->recorded_at = col_dup(st, 4);
	slot->evidence_date = col_dup(st, 5);
	slot->carried = sqlite3_column_int(st, 6) != 0;
	if (!slot->evidence || !slot->note || !slot->recorded_at ||
	    !slot->evidence_date)
		return SRMGAP_ENOMEM;
	return SRMGAP_OK;
}

int srmgap_store_load_answers(srmgap_answers *out, srmgap_store *s,
	long long assessment_id, const srmgap_model *m, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, step;

	rc = srmgap_answers_init(out, m);
	if (rc != SRMGAP_OK)
		return srmgap_error_set(err, rc, "out of memory");
	rc = prepare(s, "SELECT x.id, x.value, x.evidence, x.note, "
		"i.recorded_at, x.evidence_date, x.carried "
		"FROM answers x JOIN imports i ON i.id = x.import_id "
		"WHERE x.id BETWEEN ?1 AND ?1 + 1048575 ORDER BY x.id", &st, err);
	if (rc == SRMGAP_OK)
		sqlite3_bind_int64(st, 1, SRMGAP_ANSWER_KEY(assessment_id, 0));
	while (rc == SRMGAP_OK) {
		step = sqlite3_step(st);
		if (step == SQLITE_DONE)
			break;
		if (step != SQLITE_ROW)
			rc = srmgap_store__error(s, err, "cannot read answers");
		else if (take_answer(out, m, st, 1) != SRMGAP_OK)
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	}
	release(s, st);
	if (rc != SRMGAP_OK)
		srmgap_answers_release(out);
	return rc;
}

int srmgap_store__new_batch(srmgap_store *s, const char *source,
	long long *id, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	/* A file name need not be UTF-8; what is stored and logged is. */
	char *clean = srmgap_util__utf8_clean(source);
	int rc;

	if (clean == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	snprintf(now, sizeof(now), "%s", srmgap_store__time(s));
	rc = prepare(s, "INSERT INTO imports (source, recorded_at) VALUES (?, ?)",
		&st, err);
	if (rc == SRMGAP_OK) {
		bind_text(st, 1, clean);
		bind_text(st, 2, now);
		rc = step_done(s, st, err, "cannot record the import");
		release(s, st);
	}
	if (rc == SRMGAP_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		rc = srmgap_store__log_batch(s, *id, clean, err);
	}
	free(clean);
	return rc;
}

int srmgap_store_writable(srmgap_store *s, long long id, const char *name,
	srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = prepare(s, "SELECT auditor, signed_at FROM signoffs WHERE "
		"assessment_id = ? AND reopened_at IS NULL ORDER BY id DESC LIMIT 1",
		&st, err);
	if (rc != SRMGAP_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = srmgap_error_set(err, SRMGAP_EFROZEN, "assessment '%.64s' was "
			"signed off by %.64s at %.24s: it cannot change until "
			"'srmgap reopen' (with a reason)", name,
			(const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1));
	else if (rc == SQLITE_DONE)
		rc = SRMGAP_OK;
	else
		rc = srmgap_store__error(s, err, "cannot read sign-off");
	release(s, st);
	return rc;
}

/* The name of assessment `id`, into buf. */
static int assessment_name(srmgap_store *s, long long id, char *buf,
	size_t n, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = prepare(s, "SELECT name FROM assessments WHERE id = ?", &st, err);
	if (rc != SRMGAP_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
		rc = SRMGAP_OK;
	} else if (rc == SQLITE_DONE) {
		rc = srmgap_error_set(err, SRMGAP_ENOTFOUND, "no assessment %lld",
			id);
	} else {
		rc = srmgap_store__error(s, err, "cannot read assessment");
	}
	release(s, st);
	return rc;
}

/* Begin a write to assessment `id` (in the caller's transaction or one
 * of its own) after checking it is not signed off. */
/* Begin a write to assessment `id` and read its name into `name`. */
static int write_open(srmgap_store *s, long long id, char *name, size_t n,
	int *own_tx, srmgap_error *err)
{
	int rc;

	*own_tx = !s->in_tx;
	if (*own_tx) {
		rc = srmgap_store_begin(s, err);
		if (rc != SRMGAP_OK)
			return rc;
	}
	return assessment_name(s, id, name, n, err);
}

/* As write_open(), for a change a sign-off forbids. */
static int write_begin(srmgap_store *s, long long id, char *name, size_t n,
	int *own_tx, srmgap_error *err)
{
	int rc = write_open(s, id, name, n, own_tx, err);

	if (rc == SRMGAP_OK)
		rc = srmgap_store_writable(s, id, name, err);
	return rc;
}

static int write_end(srmgap_store *s, int own_tx, int rc, srmgap_error *err)
{
	if (!own_tx)
		return rc;
	if (rc == SRMGAP_OK)
		return srmgap_store_commit(s, err);
	srmgap_store_rollback(s);
	return rc;
}

/*
 * What the store takes as an answer: a canonical value the question
 * accepts, evidence and a note of plain text, a valid evidence date.
 * Callers check input with srmgap_answer_parse() first; this keeps a
 * library caller from storing what no import would.
 */
static int check_input(const srmgap_model *m, size_t question,
	const srmgap_answer_input *in, srmgap_error *err)
{
	char *canon = NULL;
	int rc;

	rc = srmgap_answer_parse(&canon, &m->questions[question], in->value,
		err);
	if (rc == SRMGAP_OK && strcmp(canon, in->value) != 0)
		rc = srmgap_error_set(err, SRMGAP_EUSAGE, "'%.64s' is not the "
			"canonical form of an answer to '%s' ('%.64s')", in->value,
			m->questions[question].id, canon);
	free(canon);
	if (rc == SRMGAP_EINVALID)
		rc = SRMGAP_EUSAGE;
	if (rc == SRMGAP_OK)
		rc = srmgap_text_check("evidence", in->evidence,
			SRMGAP_TEXT_MAX, 1, err);
	if (rc == SRMGAP_OK)
		rc = srmgap_text_check("note", in->note, SRMGAP_TEXT_MAX, 1,
			err);
	if (rc == SRMGAP_OK && in->evidence_date != NULL &&
	    in->evidence_date[0] != '\0' &&
	    srmgap_evidence_date_check(in->evidence_date, srmgap_util__today(),
	    err) != SRMGAP_OK)
		rc = SRMGAP_EUSAGE;
	return rc;
}

int srmgap_store_put_answer(srmgap_store *s, long long assessment_id,
	const srmgap_model *m, size_t question, const srmgap_answer_input *in,
	const char *source, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	char name[160];
	long long key = SRMGAP_ANSWER_KEY(assessment_id, question);
	int own_tx, rc;

	if (question >= m->nquestions)
		return srmgap_error_set(err, SRMGAP_EUSAGE, "no question %zu",
			question);
	if (in->value == NULL || in->value[0] == '\0')
		return srmgap_error_set(err, SRMGAP_EUSAGE, "empty answer to '%s'",
			m->questions[question].id);
	rc = check_input(m, question, in, err);
	if (rc != SRMGAP_OK)
		return rc;
	rc = write_begin(s, assessment_id, name, sizeof(name), &own_tx, err);
	if (rc != SRMGAP_OK)
		goto done;
	/* One batch per source for the life of the handle (one session). */
	if (s->batch_source == NULL || strcmp(s->batch_source, source) != 0) {
		free(s->batch_source);
		s->batch_source = NULL;
		rc = srmgap_store__new_batch(s, source, &s->batch_id, err);
		if (rc != SRMGAP_OK)
			goto done;
		s->batch_source = srmgap_util__strdup(source);
		s->batch_uncommitted = 1;
		if (s->batch_source == NULL) {
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			goto done;
		}
	}
	rc = prepare(s, SRMGAP_UPSERT_ANSWER_SQL, &st, err);
	if (rc != SRMGAP_OK)
		goto done;
	sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_int64(st, 2, assessment_id);
	bind_text(st, 3, in->value);
	bind_text(st, 4, in->evidence);
	bind_text(st, 5, in->note);
	sqlite3_bind_int64(st, 6, s->batch_id);
	bind_text(st, 7, in->evidence_date);
	sqlite3_bind_int(st, 8, in->evidence != NULL);
	sqlite3_bind_int(st, 9, in->note != NULL);
	sqlite3_bind_int(st, 10, in->evidence_date != NULL);
	rc = step_done(s, st, err, "cannot store answer");
	if (rc == SRMGAP_OK && sqlite3_changes(s->db) > 0)
		rc = srmgap_store__log_answers(s, assessment_id, name,
			s->batch_id, key, key, 1, err);
done:
	release(s, st);
	return write_end(s, own_tx, rc, err);
}

static const char *const verdict_names[] = {
	"unreviewed", "verified", "not-verified", "needs-evidence"
};

const char *srmgap_verdict_name(srmgap_verdict v)
{
	return (unsigned)v < 4 ? verdict_names[v] : "?";
}

int srmgap_verdict_parse(srmgap_verdict *out, const char *s)
{
	int i;

	for (i = 1; i < 4; i++) {
		if (strcasecmp(s, verdict_names[i]) == 0) {
			*out = (srmgap_verdict)i;
			return SRMGAP_OK;
		}
	}
	return SRMGAP_EINVALID;
}

void srmgap_reviews_release(srmgap_reviews *rv)
{
	size_t i;

	if (rv == NULL || rv->items == NULL)
		return;
	for (i = 0; i < rv->count; i++) {
		free(rv->items[i].comment);
		free(rv->items[i].auditor);
		free(rv->items[i].reviewed_at);
		free(rv->items[i].basis);
	}
	free(rv->items);
	memset(rv, 0, sizeof(*rv));
}

/*
 * The basis of a verdict on control `control`: SHA-256 over the id,
 * value, evidence, evidence date and note of each of its questions'
 * stored answers, in catalog order. A verdict whose basis no longer
 * matches was given on other answers: it is outdated.
 */
static int control_basis(srmgap_store *s, long long aid,
	const srmgap_model *m, size_t control, char out[65], srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	srmgap_hash *h = srmgap_hash__new();
	size_t i;
	int rc;

	if (h == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	srmgap_hash__str(h, "srmgap-basis/1");
	rc = prepare(s, "SELECT value, evidence, evidence_date, note FROM "
		"answers WHERE id = ?", &st, err);
	for (i = 0; rc == SRMGAP_OK && i < m->nquestions; i++) {
		int k;

		if (m->questions[i].control != control)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, SRMGAP_ANSWER_KEY(aid, i));
		if (sqlite3_step(st) != SQLITE_ROW)
			continue;
		srmgap_hash__str(h, m->questions[i].id);
		for (k = 0; k < 4; k++)
			srmgap_hash__str(h, (const char *)sqlite3_column_text(st, k));
	}
	release(s, st);
	if (srmgap_hash__finish(h, out) != 0 && rc == SRMGAP_OK)
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	return rc;
}

int srmgap_store_load_reviews(srmgap_reviews *out, srmgap_store *s,
	long long assessment_id, const srmgap_model *m, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, step;

	memset(out, 0, sizeof(*out));
	out->count = m->ncontrols;
	out->items = calloc(m->ncontrols ? m->ncontrols : 1, sizeof(*out->items));
	if (out->items == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	rc = prepare(s, "SELECT control, verdict, comment, auditor, reviewed_at, "
		"basis FROM reviews WHERE assessment_id = ?", &st, err);
	if (rc == SRMGAP_OK)
		sqlite3_bind_int64(st, 1, assessment_id);
	while (rc == SRMGAP_OK) {
		srmgap_review *r;
		srmgap_verdict v;
		long c;

		step = sqlite3_step(st);
		if (step == SQLITE_DONE)
			break;
		if (step != SQLITE_ROW) {
			rc = srmgap_store__error(s, err, "cannot read reviews");
			break;
		}
		c = srmgap_model_control(m,
			(const char *)sqlite3_column_text(st, 0));
		/* Verdicts on controls the snapshot lacks are the trail's concern. */
		if (c < 0 || srmgap_verdict_parse(&v,
		    (const char *)sqlite3_column_text(st, 1)) != SRMGAP_OK)
			continue;
		r = &out->items[c];
		r->verdict = v;
		r->comment = col_dup(st, 2);
		r->auditor = col_dup(st, 3);
		r->reviewed_at = col_dup(st, 4);
		r->basis = col_dup(st, 5);
		if (!r->comment || !r->auditor || !r->reviewed_at || !r->basis)
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		out->reviewed++;
	}
	release(s, st);
	st = NULL;
	/* A verdict given on answers that have changed since is outdated. */
	for (size_t c = 0; rc == SRMGAP_OK && c < out->count; c++) {
		char now_basis[65];

		if (out->items[c].verdict == SRMGAP_VERDICT_NONE)
			continue;
		rc = control_basis(s, assessment_id, m, c, now_basis, err);
		if (rc == SRMGAP_OK &&
		    strcmp(now_basis, out->items[c].basis) != 0) {
			out->items[c].outdated = 1;
			out->outdated++;
		}
	}
	if (rc != SRMGAP_OK)
		srmgap_reviews_release(out);
	return rc;
}

int srmgap_store_put_review(srmgap_store *s, long long assessment_id,
	const srmgap_model *m, size_t control, srmgap_verdict verdict,
	const char *comment, const char *auditor, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	char name[160], now[32], basis[65];
	char *kept = NULL;
	const char *cid;
	int own_tx, rc;

	if (control >= m->ncontrols || verdict == SRMGAP_VERDICT_NONE ||
	    (unsigned)verdict > SRMGAP_VERDICT_NEEDS_EVIDENCE)
		return srmgap_error_set(err, SRMGAP_EUSAGE, "invalid review");
	if (!srmgap_control_scored(&m->controls[control]))
		return srmgap_error_set(err, SRMGAP_EUSAGE, "control '%s' belongs "
			"to the provider: it takes no verdict", m->controls[control].id);
	rc = srmgap_text_check("comment", comment, SRMGAP_REMARK_MAX, 1, err);
	if (rc == SRMGAP_OK)
		rc = srmgap_text_check("auditor", auditor, SRMGAP_NAME_MAX, 0, err);
	if (rc != SRMGAP_OK)
		return rc;
	if (auditor == NULL || auditor[0] == '\0')
		auditor = srmgap_store__actor(s);
	cid = m->controls[control].id;
	rc = write_begin(s, assessment_id, name, sizeof(name), &own_tx, err);
	if (rc != SRMGAP_OK)
		goto done;
	rc = control_basis(s, assessment_id, m, control, basis, err);
	if (rc != SRMGAP_OK)
		goto done;
	/* No comment given: the one recorded stays. */
	if (comment == NULL) {
		rc = prepare(s, "SELECT comment FROM reviews WHERE assessment_id = ? "
			"AND control = ?", &st, err);
		if (rc != SRMGAP_OK)
			goto done;
		sqlite3_bind_int64(st, 1, assessment_id);
		bind_text(st, 2, cid);
		if (sqlite3_step(st) == SQLITE_ROW) {
			kept = col_dup(st, 0);
			if (kept == NULL) {
				rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
				goto done;
			}
			comment = kept;
		}
		release(s, st);
		st = NULL;
	}
	snprintf(now, sizeof(now), "%s", srmgap_store__time(s));
	rc = prepare(s, "INSERT INTO reviews (assessment_id, control, verdict, "
		"comment, auditor, reviewed_at, basis) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		"ON CONFLICT (assessment_id, control) DO UPDATE SET "
		"verdict = excluded.verdict, comment = excluded.comment, "
		"auditor = excluded.auditor, reviewed_at = excluded.reviewed_at, "
		"basis = excluded.basis "
		"WHERE verdict IS NOT excluded.verdict OR comment IS NOT "
		"excluded.comment OR auditor IS NOT excluded.auditor OR basis IS NOT "
		"excluded.basis", &st, err);
	if (rc != SRMGAP_OK)
		goto done;
	sqlite3_bind_int64(st, 1, assessment_id);
	bind_text(st, 2, cid);
	bind_text(st, 3, srmgap_verdict_name(verdict));
	bind_text(st, 4, comment);
	bind_text(st, 5, auditor);
	bind_text(st, 6, now);
	bind_text(st, 7, basis);
	/* The trail needs the old verdict: read before writing. */
	rc = srmgap_store__log_review(s, assessment_id, name, cid,
		srmgap_verdict_name(verdict), comment ? comment : "", auditor, basis,
		err);
	if (rc == SRMGAP_OK)
		rc = step_done(s, st, err, "cannot store review");
done:
	release(s, st);
	free(kept);
	return write_end(s, own_tx, rc, err);
}

int srmgap_store_signoff(srmgap_store *s, long long assessment_id,
	const char *auditor, const char *statement, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	char name[160], now[32], seal[65];
	int own_tx, rc;

	rc = srmgap_text_check("statement", statement,
		SRMGAP_REMARK_MAX, 1, err);
	if (rc == SRMGAP_OK)
		rc = srmgap_text_check("auditor", auditor, SRMGAP_NAME_MAX, 0, err);
	if (rc != SRMGAP_OK)
		return rc;
	if (auditor == NULL || auditor[0] == '\0')
		return srmgap_error_set(err, SRMGAP_EUSAGE, "a sign-off needs the "
			"auditor's name");
	rc = write_begin(s, assessment_id, name, sizeof(name), &own_tx, err);
	if (rc != SRMGAP_OK)
		goto done;
	snprintf(now, sizeof(now), "%s", srmgap_store__time(s));
	rc = srmgap_store__log_signoff(s, assessment_id, name, auditor,
		statement ? statement : "", seal, err);
	if (rc == SRMGAP_OK)
		rc = prepare(s, "INSERT INTO signoffs (assessment_id, auditor, "
			"statement, signed_at, seal) VALUES (?, ?, ?, ?, ?)", &st, err);
	if (rc != SRMGAP_OK)
		goto done;
	sqlite3_bind_int64(st, 1, assessment_id);
	bind_text(st, 2, auditor);
	bind_text(st, 3, statement);
	bind_text(st, 4, now);
	bind_text(st, 5, seal);
	rc = step_done(s, st, err, "cannot store sign-off");
done:
	release(s, st);
	return write_end(s, own_tx, rc, err);
}

int srmgap_store_reopen(srmgap_store *s, long long assessment_id,
	const char *reason, srmgap_error *err)
{
	sqlite3_stmt *st = NULL;
	char name[160], now[32];
	int own_tx, rc;

	rc = srmgap_text_check("reason", reason, SRMGAP_REMARK_MAX, 1, err);
	if (rc != SRMGAP_OK)
		return rc;
	if (reason == NULL || reason[0] == '\0')
		return srmgap_error_set(err, SRMGAP_EUSAGE, "reopening needs a "
			"reason");
	rc = write_open(s, assessment_id, name, sizeof(name), &own_tx, err);
	if (rc != SRMGAP_OK)
		goto done;
	/* Only a signed-off assessment can be reopened. */
	rc = srmgap_store_writable(s, assessment_id, name, err);
	if (rc == SRMGAP_OK) {
		rc = srmgap_error_set(err, SRMGAP_EUSAGE, "assessment '%.64s' is "
			"not signed off", name);
		goto done;
	}
	if (rc != SRMGAP_EFROZEN)
		goto done;
	snprintf(now, sizeof(now), "%s", srmgap_store__time(s));
	rc = srmgap_store__log_reopen(s, assessment_id, name, reason, err);
	if (rc == SRMGAP_OK)
		rc = prepare(s, "UPDATE signoffs SET reopened_at = ?, "
			"reopened_by = ?, reason = ? WHERE assessment_id = ? AND "
			"reopened_at IS NULL", &st, err);
	if (rc != SRMGAP_OK)
		goto done;
	bind_text(st, 1, now);
	bind_text(st, 2, srmgap_store__actor(s));
	bind_text(st, 3, reason);
	sqlite3_bind_int64(st, 4, assessment_id);
	rc = step_done(s, st, err, "cannot reopen");
done:
	release(s, st);
	return write_end(s, own_tx, rc, err);
}

int srmgap_store__model(srmgap_store *s, long long sid,
	const srmgap_model **out, srmgap_error *err)
{
	srmgap_model *m = NULL;
	void *grown;
	size_t i;
	int rc;

	/* Snapshots are few, even in a large portfolio. */
	for (i = 0; i < s->nmodels; i++) {
		if (s->models[i].sid != sid)
			continue;
		*out = s->models[i].m;
		if (*out == NULL)
			return srmgap_error_set(err, SRMGAP_EDB, "%s",
				s->models[i].problem);
		return SRMGAP_OK;
	}
	grown = realloc(s->models, (s->nmodels + 1) * sizeof(*s->models));
	if (grown == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	s->models = grown;
	rc = srmgap_store_load_model(&m, s, sid, err);
	if (rc != SRMGAP_OK && rc != SRMGAP_EDB)
		return rc;
	/* A damaged snapshot is remembered too: it is not read again. */
	s->models[s->nmodels].sid = sid;
	s->models[s->nmodels].m = m;
	s->models[s->nmodels].problem = NULL;
	if (rc == SRMGAP_EDB) {
		s->models[s->nmodels].problem = srmgap_util__strdup(err->msg);
		if (s->models[s->nmodels].problem == NULL)
			return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	}
	s->nmodels++;
	*out = m;
	return rc;
}

int srmgap_store_each(srmgap_store *s, srmgap_store_each_fn fn, void *ctx,
	srmgap_error *err)
{
	sqlite3_stmt *as = NULL, *st = NULL;
	srmgap_answers ans;
	srmgap_assessment *a = NULL;
	int rc, step;

	memset(&ans, 0, sizeof(ans));
	/* Two cursors: assessments by id, and each one's answers by key range. */
	rc = prepare(s, "SELECT " ASSESSMENT_COLS ASSESSMENT_FROM
		"ORDER BY a.id", &as, err);
	if (rc != SRMGAP_OK)
		return rc;
	rc = prepare(s, "SELECT id, value FROM answers "
		"WHERE id BETWEEN ?1 AND ?1 + 1048575", &st, err);
	if (rc != SRMGAP_OK)
		goto done;
	for (;;) {
		const srmgap_model *m = NULL;

		step = sqlite3_step(as);
		if (step == SQLITE_DONE)
			break;
		if (step != SQLITE_ROW) {
			rc = srmgap_store__error(s, err, "cannot read assessments");
			goto done;
		}
		a = row_assessment(as);
		if (a == NULL) {
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			goto done;
		}
		if (a->id == 0) {
			rc = srmgap_error_set(err, SRMGAP_EDB, "assessment '%.64s' has "
				"an id out of range: the database was changed outside "
				"srmgap", a->name);
			goto done;
		}
		rc = srmgap_store__model(s, a->snapshot_id, &m, err);
		if (rc == SRMGAP_EDB) {
			a->problem = srmgap_util__strdup(err->msg);
			rc = a->problem ? fn(a, NULL, NULL, ctx) :
				srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			srmgap_assessment_free(a);
			a = NULL;
			if (rc != SRMGAP_OK)
				goto done;
			continue;
		}
		if (rc != SRMGAP_OK)
			goto done;
		srmgap_answers_release(&ans);
		if (srmgap_answers_init(&ans, m) != SRMGAP_OK) {
			rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
			goto done;
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, SRMGAP_ANSWER_KEY(a->id, 0));
		for (;;) {
			step = sqlite3_step(st);
			if (step != SQLITE_ROW)
				break;
			if (take_answer(&ans, m, st, 0) != SRMGAP_OK) {
				rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
				goto done;
			}
			a->answered++;
		}
		if (step != SQLITE_DONE) {
			rc = srmgap_store__error(s, err, "cannot read answers");
			goto done;
		}
		rc = fn(a, m, &ans, ctx);
		srmgap_assessment_free(a);
		a = NULL;
		if (rc != SRMGAP_OK)
			goto done;
	}
done:
	release(s, st);
	release(s, as);
	srmgap_assessment_free(a);
	srmgap_answers_release(&ans);
	return rc;
}
