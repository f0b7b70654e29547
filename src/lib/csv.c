/*
 * CSV reader (see csv_int.h). libcsv does the quoting; this file feeds it
 * one physical line at a time so that it always knows which line is being
 * parsed, collects the fields of a record into one buffer, checks them,
 * and hands complete records to the caller.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csv_int.h"
#include "util_int.h"

#define BLOCK_SIZE 65536

typedef struct reader {
	const char *path;
	struct csv_parser parser;
	unsigned long line;     /* physical line being fed, 1-based */
	unsigned long rec_line; /* first line of the record being built */
	int awaiting;           /* between records: nothing of one seen yet */
	int first_chunk;
	unsigned long index;
	srmgap_buf store;       /* fields of the current record, NUL-separated */
	size_t *offs, *lens;
	const char **ptrs;
	size_t nfields, cap;
	srmgap_csv_row_fn fn;
	void *ctx;
	int rc;                 /* first failure; parsing stops at it */
	srmgap_error *err;
} reader;

static void on_field(void *s, size_t len, void *data)
{
	reader *r = data;

	if (r->rc != SRMGAP_OK)
		return;
	if (r->awaiting) {
		r->rec_line = r->line;
		r->awaiting = 0;
	}
	if (r->nfields >= SRMGAP_CSV_FIELDS_MAX) {
		r->rc = srmgap_error_at(r->err, SRMGAP_EINVALID, r->path,
			r->rec_line, r->nfields + 1, "more than %d fields in a record",
			SRMGAP_CSV_FIELDS_MAX);
		return;
	}
	if (s == NULL)
		len = 0;
	if (len > SRMGAP_CSV_FIELD_MAX) {
		r->rc = srmgap_error_at(r->err, SRMGAP_EINVALID, r->path,
			r->rec_line, r->nfields + 1, "field longer than %d bytes",
			SRMGAP_CSV_FIELD_MAX);
		return;
	}
	if (len > 0 && !srmgap_util__utf8_valid(s, len)) {
		r->rc = srmgap_error_at(r->err, SRMGAP_EINVALID, r->path,
			r->rec_line, r->nfields + 1,
			memchr(s, '\0', len) ? "NUL byte in field" :
			"invalid UTF-8 in field (save the file as UTF-8)");
		return;
	}
	if (r->nfields == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		size_t *offs = realloc(r->offs, cap * sizeof(*offs));
		size_t *lens;
		const char **ptrs;

		if (offs != NULL)
			r->offs = offs;
		lens = realloc(r->lens, cap * sizeof(*lens));
		if (lens != NULL)
			r->lens = lens;
		ptrs = realloc(r->ptrs, cap * sizeof(*ptrs));
		if (ptrs != NULL)
			r->ptrs = ptrs;
		if (offs == NULL || lens == NULL || ptrs == NULL) {
			r->rc = srmgap_error_set(r->err, SRMGAP_ENOMEM, "out of memory");
			return;
		}
		r->cap = cap;
	}
	r->offs[r->nfields] = r->store.len;
	r->lens[r->nfields] = len;
	srmgap_util__buf_put(&r->store, len ? s : "", len);
	srmgap_util__buf_put(&r->store, "", 1);
	if (r->store.oom) {
		r->rc = srmgap_error_set(r->err, SRMGAP_ENOMEM, "out of memory");
		return;
	}
	r->nfields++;
}

static void on_row(int c, void *data)
{
	reader *r = data;
	srmgap_csv_row row;
	size_t i;
	int blank = 1;

	(void)c;
	if (r->rc == SRMGAP_OK) {
		for (i = 0; i < r->nfields; i++) {
			r->ptrs[i] = r->store.data + r->offs[i];
			if (r->lens[i] != 0)
				blank = 0;
		}
		/* Spreadsheets write rows of empty cells; they carry nothing. */
		if (!blank) {
			row.path = r->path;
			row.line = r->rec_line;
			row.index = r->index++;
			row.nfields = r->nfields;
			row.fields = r->ptrs;
			row.lens = r->lens;
			r->rc = r->fn(&row, r->ctx);
		}
	}
	r->nfields = 0;
	r->store.len = 0;
	r->awaiting = 1;
}

static int is_blank_line(const char *s, size_t n)
{
	return (n == 1 && s[0] == '\n') || (n == 2 && s[0] == '\r' && s[1] == '\n');
}

/* Feed one piece of input; pieces never span a line feed. */
static void feed(reader *r, const char *s, size_t n)
{
	size_t done;

	if (r->first_chunk) {
		r->first_chunk = 0;
		if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			n -= 3;
		}
	}
	if (n == 0)
		return;
	if (r->awaiting && !is_blank_line(s, n)) {
		r->rec_line = r->line;
		r->awaiting = 0;
	}
	done = csv_parse(&r->parser, s, n, on_field, on_row, r);
	if (r->rc == SRMGAP_OK && done != n) {
		if (csv_error(&r->parser) == CSV_EPARSE)
			r->rc = srmgap_error_at(r->err, SRMGAP_EINVALID, r->path,
				r->line, r->nfields + 1, "malformed quoting (a quote inside "
				"a field must be doubled and the field quoted)");
		else
			r->rc = srmgap_error_set(r->err, SRMGAP_ENOMEM, "out of memory");
	}
	if (r->rc == SRMGAP_OK && csv_get_buffer_size(&r->parser) >
	    SRMGAP_CSV_FIELD_MAX + 4096)
		r->rc = srmgap_error_at(r->err, SRMGAP_EINVALID, r->path,
			r->rec_line, r->nfields + 1, "field longer than %d bytes",
			SRMGAP_CSV_FIELD_MAX);
}

/* Split a block into line pieces and feed them. */
static void feed_block(reader *r, const char *s, size_t n)
{
	while (n > 0 && r->rc == SRMGAP_OK) {
		const char *nl = memchr(s, '\n', n);
		size_t piece = nl ? (size_t)(nl - s) + 1 : n;

		feed(r, s, piece);
		if (nl != NULL)
			r->line++;
		s += piece;
		n -= piece;
	}
}

static int reader_init(reader *r, const char *path, srmgap_csv_row_fn fn,
	void *ctx, srmgap_error *err)
{
	memset(r, 0, sizeof(*r));
	r->path = path;
	r->line = 1;
	r->rec_line = 1;
	r->awaiting = 1;
	r->first_chunk = 1;
	r->fn = fn;
	r->ctx = ctx;
	r->err = err;
	srmgap_util__buf_init(&r->store);
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	return SRMGAP_OK;
}

static int reader_finish(reader *r)
{
	if (r->rc == SRMGAP_OK &&
	    csv_fini(&r->parser, on_field, on_row, r) != 0 && r->rc == SRMGAP_OK)
		r->rc = srmgap_error_at(r->err, SRMGAP_EINVALID, r->path,
			r->rec_line, r->nfields + 1,
			"unterminated quoted field (the record starts here)");
	csv_free(&r->parser);
	srmgap_util__buf_release(&r->store);
	free(r->offs);
	free(r->lens);
	free(r->ptrs);
	return r->rc;
}

int srmgap_csv__parse_buffer(const char *name, const char *buf, size_t len,
	srmgap_csv_row_fn fn, void *ctx, srmgap_error *err)
{
	reader r;
	int rc = reader_init(&r, name, fn, ctx, err);

	if (rc != SRMGAP_OK)
		return rc;
	feed_block(&r, buf, len);
	return reader_finish(&r);
}

int srmgap_csv__parse_file(const char *path, srmgap_csv_row_fn fn, void *ctx,
	srmgap_error *err)
{
	char *block = NULL;
	FILE *fp = NULL;
	reader r;
	int rc;
	size_t n;

	if (strcmp(path, "-") == 0) {
		fp = stdin;
	} else {
		fp = fopen(path, "rb");
		/* A file that is not there was misnamed: invalid input (exit 2). */
		if (fp == NULL)
			return srmgap_error_at(err, errno == ENOENT ||
				errno == ENOTDIR ? SRMGAP_ENOTFOUND : SRMGAP_EIO, path, 0, 0,
				"cannot open: %s", strerror(errno));
	}
	block = malloc(BLOCK_SIZE);
	if (block == NULL) {
		rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
		goto done;
	}
	rc = reader_init(&r, fp == stdin ? "<stdin>" : path, fn, ctx, err);
	if (rc != SRMGAP_OK)
		goto done;
	while (r.rc == SRMGAP_OK) {
		n = fread(block, 1, BLOCK_SIZE, fp);
		if (n == 0)
			break;
		feed_block(&r, block, n);
	}
	/* A folder named as the file is invalid input (exit 2). */
	if (r.rc == SRMGAP_OK && ferror(fp))
		r.rc = srmgap_error_at(err, errno == EISDIR ? SRMGAP_EINVALID :
			SRMGAP_EIO, path, 0, 0, "read error: %s", strerror(errno));
	rc = reader_finish(&r);
done:
	free(block);
	if (fp != NULL && fp != stdin)
		fclose(fp);
	return rc;
}

const char *srmgap_csv__field(const srmgap_csv_row *row, int i)
{
	if (i < 0 || (size_t)i >= row->nfields)
		return "";
	return row->fields[i];
}

int srmgap_csv__map_header(const srmgap_csv_row *hdr, const srmgap_csv_col *cols,
	size_t ncols, int *idx, srmgap_diags *d)
{
	size_t i, k;
	int rc = SRMGAP_OK;

	for (k = 0; k < ncols; k++)
		idx[k] = -1;
	for (i = 0; i < hdr->nfields; i++) {
		char *name = srmgap_util__lower_trim(hdr->fields[i]);
		int found = 0;

		if (name == NULL)
			return SRMGAP_ENOMEM;
		for (k = 0; k < ncols; k++) {
			if (!srmgap_util__strieq(name, cols[k].name))
				continue;
			found = 1;
			if (idx[k] >= 0) {
				srmgap_diags_add(d, SRMGAP_DIAG_ERROR, hdr->path, hdr->line,
					i + 1, "duplicate column '%s'", name);
				rc = SRMGAP_EINVALID;
			} else {
				idx[k] = (int)i;
			}
		}
		if (!found)
			srmgap_diags_add(d, SRMGAP_DIAG_WARNING, hdr->path, hdr->line,
				i + 1, name[0] ? "unknown column '%s' ignored" :
				"column without a name ignored%s", name);
		free(name);
	}
	/* Spreadsheets in many locales separate with ';'. */
	if (hdr->nfields == 1 && strchr(hdr->fields[0], ';') != NULL) {
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, hdr->path, hdr->line, 1,
			"the header is separated by ';': srmgap reads comma-separated "
			"CSV (export again with ',' as the separator)");
		return SRMGAP_EINVALID;
	}
	for (k = 0; k < ncols; k++) {
		if (cols[k].required && idx[k] < 0) {
			srmgap_diags_add(d, SRMGAP_DIAG_ERROR, hdr->path, hdr->line, 1,
				"missing required column '%s'", cols[k].name);
			rc = SRMGAP_EINVALID;
		}
	}
	return rc;
}

int srmgap_csv__check_width(const srmgap_csv_row *row, size_t width,
	srmgap_diags *d)
{
	size_t i;
	int n = 0;

	for (i = width; i < row->nfields; i++) {
		if (row->lens[i] == 0)
			continue;
		srmgap_diags_add(d, SRMGAP_DIAG_ERROR, row->path, row->line, i + 1,
			"value '%.40s' beyond the last column of the header",
			row->fields[i]);
		n++;
	}
	return n;
}

void srmgap_csv__write_field(FILE *out, const char *s)
{
	size_t n = strlen(s);

	/* Unquoted blanks at either end would be trimmed when read back. */
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && s[0] != '\t' &&
	    (n == 0 || (s[n - 1] != ' ' && s[n - 1] != '\t'))) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/*
 * The threaded reader: a parsing thread fills batches of rows (their
 * fields copied into one buffer) and queues them; the calling thread
 * takes them in order and runs the callback. A few batches circulate, so
 * memory stays bounded whatever the file size.
 */
#define BATCH_ROWS 512
#define NBATCHES 4

typedef struct batch_row {
	unsigned long line, index;
	size_t first, nfields;
} batch_row;

typedef struct batch {
	srmgap_buf data;
	size_t *off, *len;
	size_t nf, capf;
	batch_row rows[BATCH_ROWS];
	size_t nrows;
} batch;

typedef struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	batch batches[NBATCHES];
	batch *full[NBATCHES], *empty[NBATCHES];
	size_t nfull, fullhead, nempty;
	batch *cur;          /* the batch the parser is filling */
	int finished;        /* parser done; rc and err are final */
	int stop;            /* consumer gave up: parser should stop */
	int rc;
	srmgap_error err;
	const char *path;
} pipeline;

/* Hand the current batch over and take an empty one (parser side). */
static int pipe_push(pipeline *p)
{
	int rc = SRMGAP_OK;

	pthread_mutex_lock(&p->mu);
	p->full[(p->fullhead + p->nfull++) % NBATCHES] = p->cur;
	p->cur = NULL;
	pthread_cond_broadcast(&p->cv);
	while (p->nempty == 0 && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	if (p->stop)
		rc = SRMGAP_ERROR;
	else
		p->cur = p->empty[--p->nempty];
	pthread_mutex_unlock(&p->mu);
	return rc;
}

static int pipe_row(const srmgap_csv_row *row, void *vctx)
{
	pipeline *p = vctx;
	batch *b = p->cur;
	batch_row *br;
	size_t i;

	if (b->nf + row->nfields > b->capf) {
		size_t cap = b->capf ? b->capf : 1024;
		size_t *off, *len;

		while (cap < b->nf + row->nfields)
			cap *= 2;
		off = realloc(b->off, cap * sizeof(*off));
		if (off == NULL)
			return srmgap_error_set(&p->err, SRMGAP_ENOMEM, "out of memory");
		b->off = off;
		len = realloc(b->len, cap * sizeof(*len));
		if (len == NULL)
			return srmgap_error_set(&p->err, SRMGAP_ENOMEM, "out of memory");
		b->len = len;
		b->capf = cap;
	}
	/* Copy the fields first: a row is queued only once it is whole. */
	for (i = 0; i < row->nfields; i++) {
		b->off[b->nf + i] = b->data.len;
		b->len[b->nf + i] = row->lens[i];
		srmgap_util__buf_put(&b->data, row->fields[i], row->lens[i] + 1);
	}
	if (b->data.oom)
		return srmgap_error_set(&p->err, SRMGAP_ENOMEM, "out of memory");
	br = &b->rows[b->nrows++];
	br->line = row->line;
	br->index = row->index;
	br->first = b->nf;
	br->nfields = row->nfields;
	b->nf += row->nfields;
	if (b->nrows == BATCH_ROWS)
		return pipe_push(p);
	return SRMGAP_OK;
}

static void *pipe_main(void *vctx)
{
	pipeline *p = vctx;
	srmgap_error err;
	int rc;

	srmgap_error_clear(&err);
	rc = srmgap_csv__parse_file(p->path, pipe_row, p, &err);
	pthread_mutex_lock(&p->mu);
	/* Rows are queued whole, so those before a failure still count. */
	if (p->cur != NULL && p->cur->nrows > 0) {
		p->full[(p->fullhead + p->nfull++) % NBATCHES] = p->cur;
		p->cur = NULL;
	}
	if (rc != SRMGAP_OK && !p->stop) {
		p->rc = rc;
		/* Errors of pipe_row itself are already in p->err. */
		if (err.code != 0)
			p->err = err;
	}
	p->finished = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int srmgap_csv__parse_file_threaded(const char *path, srmgap_csv_row_fn fn,
	void *ctx, srmgap_error *err)
{
	pipeline *p = calloc(1, sizeof(*p));
	const char **ptrs = NULL;
	size_t nptrs = 0, i, k;
	pthread_t th;
	int rc = SRMGAP_OK;

	if (p == NULL)
		return srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->path = path;
	for (i = 0; i < NBATCHES; i++)
		srmgap_util__buf_init(&p->batches[i].data);
	p->cur = &p->batches[0];
	for (i = 1; i < NBATCHES; i++)
		p->empty[p->nempty++] = &p->batches[i];
	if (pthread_create(&th, NULL, pipe_main, p) != 0) {
		/* No second thread to be had: parse on this one. */
		rc = srmgap_csv__parse_file(path, fn, ctx, err);
		goto out;
	}
	for (;;) {
		batch *b;

		pthread_mutex_lock(&p->mu);
		while (p->nfull == 0 && !p->finished)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->nfull == 0) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		b = p->full[p->fullhead];
		p->fullhead = (p->fullhead + 1) % NBATCHES;
		p->nfull--;
		pthread_mutex_unlock(&p->mu);

		for (i = 0; i < b->nrows && rc == SRMGAP_OK; i++) {
			batch_row *br = &b->rows[i];
			srmgap_csv_row row;

			if (br->nfields > nptrs) {
				const char **grown = realloc(ptrs, br->nfields * sizeof(*ptrs));

				if (grown == NULL) {
					rc = srmgap_error_set(err, SRMGAP_ENOMEM, "out of memory");
					break;
				}
				ptrs = grown;
				nptrs = br->nfields;
			}
			for (k = 0; k < br->nfields; k++)
				ptrs[k] = b->data.data + b->off[br->first + k];
			row.path = strcmp(path, "-") == 0 ? "<stdin>" : path;
			row.line = br->line;
			row.index = br->index;
			row.nfields = br->nfields;
			row.fields = ptrs;
			row.lens = b->len + br->first;
			rc = fn(&row, ctx);
		}
		b->nrows = 0;
		b->nf = 0;
		b->data.len = 0;
		pthread_mutex_lock(&p->mu);
		p->empty[p->nempty++] = b;
		if (rc != SRMGAP_OK)
			p->stop = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (rc != SRMGAP_OK)
			break;
	}
	pthread_join(th, NULL);
	if (rc == SRMGAP_OK && p->rc != SRMGAP_OK) {
		rc = p->rc;
		*err = p->err;
	}
out:
	for (i = 0; i < NBATCHES; i++) {
		srmgap_util__buf_release(&p->batches[i].data);
		free(p->batches[i].off);
		free(p->batches[i].len);
	}
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(ptrs);
	free(p);
	return rc;
}

int srmgap_csv__parse_into(const char *path, int threaded,
	srmgap_csv_row_fn fn, void *ctx, srmgap_diags *d, srmgap_error *err)
{
	srmgap_error perr;
	int rc;

	srmgap_error_clear(&perr);
	rc = threaded ? srmgap_csv__parse_file_threaded(path, fn, ctx, &perr) :
		srmgap_csv__parse_file(path, fn, ctx, &perr);
	if (rc == SRMGAP_EINVALID) {
		srmgap_diags_add_error(d, &perr);
		return SRMGAP_OK;
	}
	/* The reader failed: its message is the one. */
	if (rc != SRMGAP_OK && perr.code != 0)
		*err = perr;
	return rc;
}
