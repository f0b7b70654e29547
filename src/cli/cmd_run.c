/*
 * srmgap run: answer an assessment's questionnaire at a terminal, one
 * question at a time, in catalog order and grouped by area. Each answer
 * is checked exactly as an import checks it (srmgap_answer_parse()). An
 * answer that scores above 0 is followed by a prompt for its evidence,
 * and evidence by a prompt for the date it is as of; the answer is
 * committed, with its evidence, when those prompts are done (at once when
 * there are none). So an interrupted session loses at most the answer in
 * hand; running it again resumes at the first unanswered question. The
 * keys (? s b q, or typed literally after a backslash) work at every
 * prompt, the evidence prompts included. Questions whose
 * depends_on is not met are left out, and come back when the answer they
 * depend on changes. The session ends with the scores and the top gaps.
 *
 * Without a terminal on standard input it reads one line per prompt, so
 * a session can be scripted: the prompts then go to standard error and
 * standard output carries only the closing summary.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

enum { O_AREA, O_UNANSWERED, O_REVIEW };

static const cli_option options[] = {
	{ "area", 0, "AREA", "only the questions of this area (its id or name)" },
	{ "unanswered", 0, NULL, "visit only the questions without an answer "
		"(or with a carried-over one not yet confirmed)" },
	{ "review", 0, NULL, "go through the answers given, for a second look" },
	{ NULL, 0, NULL, NULL }
};

static const cli_spec spec = {
	"NAME [--area AREA] [--unanswered] [--review]",
	"Answer the questionnaire of assessment NAME one question at a time, in\n"
	"catalog order. Each answer is checked as 'srmgap import' checks it.\n"
	"An answer that scores above 0 is followed by a prompt for its evidence,\n"
	"and evidence by a prompt for the date it is as of. The answer is stored\n"
	"when those are done, so an interrupted session loses at most the answer\n"
	"in hand; run it again to go on at the first unanswered question.\n"
	"At every prompt Enter keeps what is stored, ? shows help, s skips,\n"
	"b goes back and q quits (\\q types a q). Without a terminal, one line\n"
	"is read from standard input per prompt, and only the summary goes to\n"
	"standard output.",
	options, 1, 1
};

/* Which questions a session visits. */
enum { WALK_ALL, WALK_UNANSWERED, WALK_REVIEW };


/*
 * How a prompt was left. STEP_NEXT: on to the next question; STEP_BACK:
 * to the one before; STEP_QUIT: end the session; STEP_FAIL: an error,
 * r->rc set. Within a question, STEP_TAKE: an answer was accepted, its
 * evidence comes next; STEP_AGAIN: b at an evidence prompt, back to the
 * answer prompt of the same question with nothing stored.
 */
enum { STEP_NEXT, STEP_BACK, STEP_QUIT, STEP_FAIL, STEP_TAKE, STEP_AGAIN };

/* read_line(): a line to refuse whatever the prompt. */
#define READ_AGAIN 2

/* A prompt's keys; a backslash before one answers it literally. */
static const char keys[] = "?sbq";

typedef struct runner {
	srmgap_store *s;
	srmgap_assessment *a;
	srmgap_model *m;
	srmgap_answers ans;
	const char *db;          /* --db as given, for the closing hint */
	const char *area_arg;    /* --area as given, for the closing hint */
	FILE *out;               /* questions and prompts */
	int color;               /* ANSI colour on `out` */
	int tty;                 /* standard input is a terminal */
	size_t width;            /* wrap width of `out` */
	long area;               /* index of --area, -1 for every area */
	long shown_area;         /* area whose header was shown last */
	int mode;                /* WALK_* */
	unsigned char *chosen;   /* per question: part of this walk */
	unsigned char *state;    /* per question: SRMGAP_ASKED or why not */
	unsigned char *before;   /* scratch copy of `state` */
	long today;
	char *line;              /* the last line read (getline) */
	size_t cap;
	size_t stored, skipped;
	int rc;                  /* exit code after STEP_FAIL */
} runner;

#define BOLD(r) ((r)->color ? "\033[1m" : "")
#define DIM(r) ((r)->color ? "\033[2m" : "")
#define RED(r) ((r)->color ? "\033[31m" : "")
#define YELLOW(r) ((r)->color ? "\033[33m" : "")
#define RESET(r) ((r)->color ? "\033[0m" : "")

/* Columns of the terminal on `fp`, at most 80; 80 when it is none. */
static size_t term_width(FILE *fp)
{
	struct winsize ws;

	if (isatty(fileno(fp)) && ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40 && ws.ws_col < 80)
		return ws.ws_col;
	return 80;
}

static void say(runner *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(runner *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(r->out, fmt, ap);
	va_end(ap);
}

/*
 * The strings given, up to a NULL, in one new string (the caller frees
 * it); NULL when memory ran out.
 */
static char *join(const char *first, ...)
{
	va_list ap;
	const char *p;
	size_t n = 0;
	char *out;

	va_start(ap, first);
	for (p = first; p != NULL; p = va_arg(ap, const char *))
		n += strlen(p);
	va_end(ap);
	out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	out[0] = '\0';
	va_start(ap, first);
	for (p = first; p != NULL; p = va_arg(ap, const char *))
		strcat(out, p);
	va_end(ap);
	return out;
}

/*
 * `text` made safe (cli_text()), wrapped on `fp` from column `col` at
 * `width`; then a line end.
 */
static void wrap_to(FILE *fp, const char *text, size_t col, size_t indent,
	size_t width)
{
	char *t = cli_text(text);

	srmgap_report_wrap(fp, t != NULL ? t : "(out of memory)", col, indent,
		width);
	free(t);
}

/* `text`, made safe, wrapped on the session from column `col`. */
static void wrap(runner *r, size_t col, size_t indent, const char *text)
{
	wrap_to(r->out, text, col, indent, r->width);
}

/* 1 when `s` holds text (a stored field may be NULL or empty). */
static int filled(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* Display columns of UTF-8 text: code points, not bytes. */
static size_t cols(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* `s` made safe on the session; returns the columns it took. */
static size_t put(runner *r, const char *s)
{
	char *t = cli_text(s);
	size_t n;

	fputs(t != NULL ? t : "(out of memory)", r->out);
	n = cols(t != NULL ? t : "(out of memory)");
	free(t);
	return n;
}

/*
 * A line of the session: `lead` (plain text), then `text` wrapped under
 * it; a lead that is itself indented belongs to the question above.
 */
static void line(runner *r, const char *lead, const char *text)
{
	fputs(lead, r->out);
	wrap(r, cols(lead), lead[0] == ' ' ? 4 : 2, text);
}

/* A passing remark (dim) or a reason to answer again (red), indented. */
static void note(runner *r, int bad, const char *text)
{
	fprintf(r->out, "  %s", bad ? RED(r) : DIM(r));
	wrap(r, 2, 2, text);
	fputs(RESET(r), r->out);
}

static int in_area(const runner *r, size_t i)
{
	const srmgap_question *q = &r->m->questions[i];

	return r->area < 0 || r->m->controls[q->control].area == (size_t)r->area;
}

/* Q_* of every question, with the rules srmgap_score() uses. */
static int visible(const runner *r, size_t i)
{
	return in_area(r, i) && r->chosen[i] && r->state[i] == SRMGAP_ASKED;
}

/* The first visible question at or after `i`; nquestions when none. */
static size_t next_visible(const runner *r, size_t i)
{
	while (i < r->m->nquestions && !visible(r, i))
		i++;
	return i;
}

/* The last visible question before `i`; -1 when none. */
static long prev_visible(const runner *r, size_t i)
{
	while (i-- > 0) {
		if (visible(r, i))
			return (long)i;
	}
	return -1;
}

/*
 * An answer that still needs someone: none yet, or one carried over from
 * an earlier assessment and not confirmed.
 */
static int open_answer(const runner *r, size_t i)
{
	return r->ans.items[i].value == NULL || r->ans.items[i].carried;
}

/* The questions asked in the area(s) of this session. */
typedef struct tally {
	size_t asked;
	size_t answered;         /* with an answer, carried over or not */
	size_t carried;          /* carried over, not yet confirmed */
	long first_open;         /* the first open_answer(), or -1 */
} tally;

static void count_asked(const runner *r, tally *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->first_open = -1;
	for (i = 0; i < r->m->nquestions; i++) {
		if (!in_area(r, i) || r->state[i] != SRMGAP_ASKED)
			continue;
		t->asked++;
		t->answered += r->ans.items[i].value != NULL;
		t->carried += r->ans.items[i].value != NULL &&
			r->ans.items[i].carried;
		if (t->first_open < 0 && open_answer(r, i))
			t->first_open = (long)i;
	}
}

/*
 * Read one line into r->line, without its line end. 1: a line; 0: end of
 * input; -1: a read error (printed); READ_AGAIN: a line that cannot be
 * an answer (its reason printed), so the prompt is shown again. Without
 * a terminal the line is echoed after its prompt, so the transcript
 * reads like a session.
 */
static int read_line(runner *r)
{
	ssize_t n;

	fflush(r->out);
	errno = 0;
	n = getline(&r->line, &r->cap, stdin);
	if (n < 0) {
		if (ferror(stdin)) {
			r->rc = cli_fail(EXIT_RUNTIME, "cannot read standard input: %s",
				strerror(errno));
			return -1;
		}
		/* The terminal's cursor is still after the prompt. */
		fputc('\n', r->out);
		return 0;
	}
	while (n > 0 && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
		r->line[--n] = '\0';
	if (!r->tty)
		cli_printf(r->out, "%s\n", r->line);
	/* A NUL byte would cut the line short without a word: refuse it. */
	if (memchr(r->line, '\0', (size_t)n) != NULL) {
		note(r, 1, "a NUL byte is not accepted: type the line again");
		return READ_AGAIN;
	}
	return 1;
}

/* r->line without blanks at either end (in place). */
static char *trimmed(runner *r)
{
	char *s = r->line, *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/*
 * The key that the line *t is: '?', 's', 'b' or 'q', or 0 for a line that
 * is none. A key typed after a backslash (\q) is text: *t then points past
 * the backslash.
 */
static int key(char **t)
{
	char *s = *t;

	if (s[0] != '\0' && s[1] == '\0' && strchr(keys, s[0]) != NULL)
		return s[0];
	if (s[0] == '\\' && s[1] != '\0' && s[2] == '\0' &&
	    strchr(keys, s[1]) != NULL)
		*t = s + 1;
	return 0;
}

/*
 * Show a prompt (`fmt` and its arguments, as say() takes them) and read
 * the reply: the key it is ('?', 's', 'b' or 'q'; the end of input is
 * 'q'), or 0 with *t the text typed, without blanks at either end (a key
 * after a backslash is text). A line that cannot be an answer is refused
 * and the prompt shown again. -1 after a read error (r->rc set).
 */
static int prompt(runner *r, char **t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int prompt(runner *r, char **t, const char *fmt, ...)
{
	va_list ap;
	int got;

	do {
		va_start(ap, fmt);
		vfprintf(r->out, fmt, ap);
		va_end(ap);
		got = read_line(r);
	} while (got == READ_AGAIN);
	if (got < 0)
		return -1;
	if (got == 0) {
		*t = "";
		return 'q';
	}
	*t = trimmed(r);
	return key(t);
}

static void area_header(runner *r, size_t ai)
{
	const srmgap_area *ar = &r->m->areas[ai];
	size_t k, n;
	int any = 0;

	r->shown_area = (long)ai;
	say(r, "\n%s== ", BOLD(r));
	put(r, ar->name);
	say(r, " ==%s\n", RESET(r));
	for (k = 0; k < r->m->nparties; k++) {
		const srmgap_party *p = &r->m->parties[k];

		if (p->is_customer || ar->duties[k] == NULL)
			continue;
		n = put(r, p->name);
		say(r, " covers: ");
		wrap(r, n + 9, 2, ar->duties[k]);
		any = 1;
	}
	if (!any)
		say(r, "The providers list no duties here\n");
	if (r->m->has_customer && ar->duties[r->m->customer] != NULL)
		line(r, "Your part: ", ar->duties[r->m->customer]);
}

/* The stored answer, its evidence and note, under the question. */
static void show_current(runner *r, const srmgap_answer *cur)
{
	char *t = join(cur->value, cur->carried ?
		" (carried over; Enter confirms)" : "", (char *)NULL);

	fprintf(r->out, "  Current: %s", YELLOW(r));
	wrap(r, 11, 4, t != NULL ? t : cur->value);
	fputs(RESET(r), r->out);
	free(t);
	if (filled(cur->evidence)) {
		t = filled(cur->evidence_date) ? join(cur->evidence, " (as of ",
			cur->evidence_date, ")", (char *)NULL) : NULL;
		line(r, "  Evidence: ", t != NULL ? t : cur->evidence);
		free(t);
	}
	if (filled(cur->note))
		line(r, "  Note: ", cur->note);
}

static void show_question(runner *r, size_t i)
{
	const srmgap_question *q = &r->m->questions[i];
	const srmgap_control *c = &r->m->controls[q->control];
	const srmgap_answer *cur = &r->ans.items[i];
	char accepts[256], lead[64], *t;
	size_t pos = 0, total = 0, k, n, id_cols;

	if (r->shown_area != (long)c->area)
		area_header(r, c->area);
	for (k = 0; k < r->m->nquestions; k++) {
		if (!visible(r, k))
			continue;
		total++;
		pos += k <= i;
	}
	n = (size_t)snprintf(lead, sizeof(lead), "[%zu/%zu] ", pos, total);
	say(r, "\n%s%s", lead, BOLD(r));
	id_cols = put(r, q->id);
	say(r, "%s  ", RESET(r));
	t = join(c->title, " (", srmgap_severity_name(c->severity),
		q->required ? "" : ", optional", ")", (char *)NULL);
	wrap(r, n + id_cols + 2, n, t != NULL ? t : c->title);
	free(t);
	wrap(r, 0, 0, q->text);
	line(r, "  Answers: ", srmgap_question_accepts(q, accepts,
		sizeof(accepts)));
	if (cur->value != NULL)
		show_current(r, cur);
}

static void help(runner *r, size_t i)
{
	const srmgap_question *q = &r->m->questions[i];
	const srmgap_control *c = &r->m->controls[q->control];
	char *t;

	say(r, "\n");
	if (q->help != NULL && q->help[0] != '\0')
		line(r, "Help: ", q->help);
	else
		say(r, "Help: none for this question\n");
	t = join(c->id, ", ", c->title, ": ", c->description[0] ?
		c->description : "(no description)", (char *)NULL);
	line(r, "Control ", t != NULL ? t : c->id);
	free(t);
	if (c->remediation[0] != '\0')
		line(r, "If it is missing: ", c->remediation);
	if (q->has_dep) {
		const char *dv = r->ans.items[q->dep].value;

		cli_printf(r->out, "Asked because %s is %s\n",
			r->m->questions[q->dep].id, dv != NULL ? dv : "");
	}
	if (q->type == SRMGAP_Q_MULTI && q->nopts >= 2)
		cli_printf(r->out, "Several answers: separate them with |, e.g. "
			"%s|%s\n", q->opts[0].value, q->opts[1].value);
	line(r, "Keys: ", "Enter keeps the current answer (and confirms one "
		"carried over from an earlier assessment), s skips the question, "
		"b goes back one, q quits (every answer given so far is saved), "
		"? shows this help. To answer s, b, q or ? itself, type \\s, \\b, "
		"\\q or \\?.");
	line(r, "Evidence: ", "after an answer that scores above 0, you are "
		"asked for its evidence (a link, a ticket id, a document name) and, "
		"when there is evidence, for the date it is as of. Both are "
		"optional, and the same keys work there. The answer is stored when "
		"they are done. To change only the evidence, type the answer again.");
}

/* Help at the Evidence prompt; `have`: evidence is stored. */
static void evidence_help(runner *r, int have)
{
	say(r, "\n");
	line(r, "Evidence: ", "what shows that the answer is true, such as a "
		"link, a ticket id or a document name, on one line of at most 4096 "
		"bytes. It is optional. After evidence, you are asked for the date "
		"it is as of.");
	line(r, "Keys: ", have ? "Enter keeps the stored evidence (its date is "
		"asked next), - clears the evidence and its date, s stores the "
		"answer without new evidence (what is stored stays), b goes back to "
		"the answer, q does what s does and then quits, ? shows this help. "
		"To give s, b, q or ? as the evidence, type \\s, \\b, \\q or \\?." :
		"Enter stores the answer without evidence, as s does; b goes back "
		"to the answer, q does what s does and then quits, ? shows this "
		"help. To give s, b, q or ? as the evidence, type \\s, \\b, \\q or "
		"\\?.");
}

/*
 * Help at the Evidence as of prompt; `keep`: the date that Enter keeps,
 * NULL when there is none to keep; `drops`: a stored date that new
 * evidence drops, or NULL.
 */
static void date_help(runner *r, const char *keep, const char *drops)
{
	char msg[400];

	say(r, "\n");
	line(r, "Evidence as of: ", "the day the evidence shows things as they "
		"were (the date of the document, the export or the ticket), as "
		"YYYY-MM-DD: a real date, not in the future. It is optional.");
	if (keep != NULL)
		snprintf(msg, sizeof(msg), "Enter keeps %s, - clears it", keep);
	else if (drops != NULL)
		snprintf(msg, sizeof(msg), "Enter gives no date (%s, the date of "
			"the evidence this replaces, is not kept)", drops);
	else
		snprintf(msg, sizeof(msg), "Enter gives no date");
	strcat(msg, ", s stores the answer without new evidence (what is stored "
		"stays), b goes back to the answer, q does what Enter does and then "
		"quits, ? shows this help.");
	line(r, "Keys: ", msg);
}

/* Remarks on an accepted answer that will not count as met. */
static void answer_remarks(runner *r, const srmgap_question *q,
	const char *canon, int counts, double score)
{
	char msg[256];
	long days;

	if (q->type == SRMGAP_Q_DATE &&
	    srmgap_date_parse(canon, &days, NULL) == SRMGAP_OK && days > r->today) {
		snprintf(msg, sizeof(msg), "%s is after today: it counts as current "
			"evidence only from that day", canon);
		note(r, 0, msg);
		return;
	}
	if (!counts || score > 0)
		return;
	if (q->type == SRMGAP_Q_NUMBER) {
		double v = strtod(canon, NULL);

		if (q->has_min && v < q->min)
			snprintf(msg, sizeof(msg), "%s is below %g: this counts as "
				"not met", canon, q->min);
		else
			snprintf(msg, sizeof(msg), "%s is above %g: this counts as "
				"not met", canon, q->max);
		note(r, 0, msg);
	} else if (q->type == SRMGAP_Q_DATE) {
		snprintf(msg, sizeof(msg), "%s is more than %ld days old: this "
			"counts as not met", canon, q->max_age_days);
		note(r, 0, msg);
	}
}

/* *out = a copy of `s`; -1 when memory ran out. */
static int set(char **out, const char *s)
{
	free(*out);
	*out = strdup(s);
	return *out != NULL ? 0 : -1;
}

/* Out of memory: r->rc set, STEP_FAIL. */
static int out_of_memory(runner *r)
{
	r->rc = cli_fail(EXIT_RUNTIME, "out of memory");
	return STEP_FAIL;
}

/*
 * Ask for the date the evidence of `cur` is as of: the new evidence *ev
 * when `fresh`, else the stored one. *date as ask_evidence() says; b and
 * s drop the new evidence (*ev back to NULL). Returns as ask_evidence().
 */
static int ask_date(runner *r, const srmgap_answer *cur, int fresh,
	char **ev, char **date)
{
	int have_date = cur->value != NULL && filled(cur->evidence_date);
	srmgap_error err;
	char *kept = NULL, *t;
	int k, step;

	/* The stored date, shown in the prompt that offers to keep it. */
	if (!fresh && have_date) {
		kept = cli_text(cur->evidence_date);
		if (kept == NULL)
			return out_of_memory(r);
	}
	for (;;) {
		if (kept != NULL)
			k = prompt(r, &t, "Evidence as of YYYY-MM-DD (Enter keeps %s, - "
				"clears, ? for help): ", kept);
		else
			k = prompt(r, &t, "Evidence as of YYYY-MM-DD (Enter for none, ? "
				"for help): ");
		if (k < 0) {
			step = STEP_FAIL;
			break;
		}
		if (k == '?') {
			date_help(r, !fresh && have_date ? cur->evidence_date : NULL,
				fresh && have_date ? cur->evidence_date : NULL);
			continue;
		}
		if (k == 's' || k == 'b') {
			/* Drop the new evidence: what is stored stays. */
			free(*ev);
			*ev = NULL;
			step = k == 's' ? STEP_NEXT : STEP_AGAIN;
			break;
		}
		/* q stores what Enter would: the evidence, with no new date. */
		if (k == 'q' || t[0] == '\0' || strcmp(t, "-") == 0) {
			step = k == 'q' ? STEP_QUIT : STEP_NEXT;
			if ((fresh || strcmp(t, "-") == 0) && have_date &&
			    set(date, "") != 0)
				step = out_of_memory(r);
			break;
		}
		if (srmgap_evidence_date_check(t, r->today, &err) != SRMGAP_OK) {
			note(r, 1, err.msg);
			continue;
		}
		step = set(date, t) == 0 ? STEP_NEXT : out_of_memory(r);
		break;
	}
	free(kept);
	return step;
}

/*
 * Ask for the evidence of answer `i` and, when it then has evidence, for
 * the date that evidence is as of. *ev and *date stay NULL to keep what
 * is stored, become "" to clear it, or a new value (the caller frees
 * both, whatever the outcome). New evidence never keeps the stored date,
 * which was the old evidence's. Returns STEP_NEXT (store the answer),
 * STEP_QUIT (store it with what is complete, then end the session: q or
 * the end of input), STEP_AGAIN (b: back to the answer prompt, store
 * nothing) or STEP_FAIL (a read error, or memory ran out: r->rc set).
 */
static int ask_evidence(runner *r, size_t i, char **ev, char **date)
{
	const srmgap_answer *cur = &r->ans.items[i];
	int have = cur->value != NULL && filled(cur->evidence);
	srmgap_error err;
	char *t;

	*ev = *date = NULL;
	for (;;) {
		switch (prompt(r, &t, "%s", have ? "Evidence (Enter keeps it, - "
		    "clears, ? for help): " : "Evidence: link, ticket id or "
		    "document (Enter for none, ? for help): ")) {
		case -1:
			return STEP_FAIL;
		case '?':
			evidence_help(r, have);
			continue;
		case 's':
			return STEP_NEXT;
		case 'b':
			return STEP_AGAIN;
		case 'q':
			return STEP_QUIT;
		}
		if (t[0] == '\0' || (have && strcmp(t, cur->evidence) == 0))
			break;
		if (strcmp(t, "-") == 0) {
			/* No evidence: no date either. */
			if (set(ev, "") != 0 || set(date, "") != 0)
				return out_of_memory(r);
			return STEP_NEXT;
		}
		if (srmgap_text_check("evidence", t, 4096, 0, &err) == SRMGAP_OK) {
			if (set(ev, t) != 0)
				return out_of_memory(r);
			break;
		}
		note(r, 1, err.msg);
	}
	if (!have && *ev == NULL)
		return STEP_NEXT;
	return ask_date(r, cur, *ev != NULL, ev, date);
}

/* Tell which later questions of the session came or went with a change. */
static void report_changes(runner *r, size_t from)
{
	size_t j;
	char msg[160];

	for (j = from + 1; j < r->m->nquestions; j++) {
		int was = r->before[j] == SRMGAP_ASKED, is = r->state[j] == SRMGAP_ASKED;

		if (!in_area(r, j) || was == is)
			continue;
		/* An unanswered question that a change brings in is asked. */
		if (is && r->ans.items[j].value == NULL)
			r->chosen[j] = 1;
		if (!r->chosen[j])
			continue;
		snprintf(msg, sizeof(msg), is ? "%s now applies" :
			"%s no longer applies: it is skipped", r->m->questions[j].id);
		note(r, 0, msg);
	}
}

/*
 * Store `canon` as the answer to question `i`, after asking for its
 * evidence when it scores above 0: the answer is committed only once
 * those prompts are done. Returns STEP_NEXT, STEP_QUIT (stored, then q or
 * the end of input at an evidence prompt), STEP_AGAIN (b at an evidence
 * prompt: nothing stored) or STEP_FAIL.
 */
static int take(runner *r, size_t i, const char *canon)
{
	const srmgap_question *q = &r->m->questions[i];
	srmgap_answer_input in;
	srmgap_error err;
	char *ev = NULL, *date = NULL;
	double score = 0;
	int counts, got = STEP_NEXT, step = STEP_NEXT;

	counts = srmgap_answer_score(q, canon, r->today, &score);
	answer_remarks(r, q, canon, counts, score);
	if (counts && score > 0) {
		got = ask_evidence(r, i, &ev, &date);
		if (got == STEP_FAIL || got == STEP_AGAIN) {
			step = got;
			goto done;
		}
	}
	memset(&in, 0, sizeof(in));
	in.value = canon;
	in.evidence = ev;
	in.evidence_date = date;
	srmgap_error_clear(&err);
	if (srmgap_store_put_answer(r->s, r->a->id, r->m, i, &in, "run", &err) !=
	    SRMGAP_OK) {
		r->rc = cli_error(&err);
		step = STEP_FAIL;
		goto done;
	}
	r->stored++;
	memcpy(r->before, r->state, r->m->nquestions);
	srmgap_answers_release(&r->ans);
	if (srmgap_store_load_answers(&r->ans, r->s, r->a->id, r->m, &err) !=
	    SRMGAP_OK) {
		r->rc = cli_error(&err);
		step = STEP_FAIL;
		goto done;
	}
	srmgap_questions_asked(r->state, r->m, &r->ans);
	report_changes(r, i);
	step = got;
done:
	free(ev);
	free(date);
	return step;
}

/*
 * Read the answer to question `i` or a key at its answer prompt. Returns
 * STEP_TAKE with *canon set to the accepted answer (the caller frees it),
 * or another STEP_* with *canon NULL.
 */
static int read_answer(runner *r, size_t i, char **canon)
{
	const srmgap_question *q = &r->m->questions[i];
	const srmgap_answer *cur = &r->ans.items[i];
	srmgap_error err;
	char *t;
	int got;

	*canon = NULL;
	for (;;) {
		switch (prompt(r, &t, "%sAnswer%s (%s? for help): ", BOLD(r),
		    RESET(r), cur->value == NULL ? "" : cur->carried ?
		    "Enter confirms, " : "Enter keeps, ")) {
		case -1:
			return STEP_FAIL;
		case '?':
			help(r, i);
			continue;
		case 's':
			r->skipped++;
			return STEP_NEXT;
		case 'q':
			return STEP_QUIT;
		case 'b':
			if (prev_visible(r, i) >= 0)
				return STEP_BACK;
			note(r, 1, "this is the first question");
			continue;
		}
		if (t[0] == '\0') {
			if (cur->value == NULL) {
				note(r, 1, "no answer yet: type one, or s to skip");
				continue;
			}
			if (!cur->carried)
				return STEP_NEXT;
			/* Storing it again confirms a carried-over answer. */
			*canon = strdup(cur->value);
			return *canon != NULL ? STEP_TAKE : out_of_memory(r);
		}
		srmgap_error_clear(&err);
		got = srmgap_answer_parse(canon, q, t, &err);
		if (got == SRMGAP_OK)
			return STEP_TAKE;
		if (got == SRMGAP_ENOMEM)
			return out_of_memory(r);
		note(r, 1, err.msg);
	}
}

/*
 * Show question `i` and take its answer, with its evidence, or a key.
 * Returns STEP_NEXT, STEP_BACK, STEP_QUIT or STEP_FAIL.
 */
static int ask(runner *r, size_t i)
{
	char *canon;
	int step;

	show_question(r, i);
	for (;;) {
		step = read_answer(r, i, &canon);
		if (step != STEP_TAKE)
			return step;
		step = take(r, i, canon);
		free(canon);
		if (step != STEP_AGAIN)
			return step;
	}
}

/* Where the session starts; nquestions when there is nothing to visit. */
static size_t first_question(runner *r)
{
	size_t i = next_visible(r, 0);
	tally t;

	count_asked(r, &t);
	fputs(BOLD(r), r->out);
	put(r, r->a->name);
	fputs(RESET(r), r->out);
	cli_printf(r->out, ": %s %s, %zu of %zu question%s answered%s",
		r->m->title, r->m->version, t.answered, t.asked,
		t.asked == 1 ? "" : "s", r->area >= 0 ? " in this area" : "");
	if (t.carried > 0)
		say(r, " (%zu carried over, not yet confirmed)", t.carried);
	say(r, "\n");
	if (i < r->m->nquestions)
		wrap(r, 0, 0, "Enter keeps an answer; ? shows help, s skips, b goes "
			"back, q quits");
	if (r->mode != WALK_ALL || i >= r->m->nquestions)
		return i;
	/* Resume at the first answer that still needs someone. */
	if (t.first_open < 0)
		return r->m->nquestions;
	if ((size_t)t.first_open > i)
		cli_printf(r->out, "Going on at %s, the first %s (b goes back)\n",
			r->m->questions[t.first_open].id,
			r->ans.items[t.first_open].value == NULL ?
			"unanswered question" : "carried-over answer to confirm");
	return (size_t)t.first_open;
}

static int walk(runner *r)
{
	size_t i, n = r->m->nquestions;
	tally t;
	int step;

	i = first_question(r);
	if (i >= n) {
		count_asked(r, &t);
		if (t.asked == 0)
			say(r, "Nothing to ask here: the providers cover it\n");
		else if (r->mode == WALK_REVIEW)
			say(r, "No answers to review yet\n");
		else if (r->mode == WALK_ALL)
			say(r, "Every question is answered; --review goes through the "
				"answers again\n");
		else
			say(r, "Every question is answered\n");
		return EXIT_OK;
	}
	while (i < n) {
		step = ask(r, i);
		if (step == STEP_FAIL)
			return r->rc;
		if (step == STEP_QUIT)
			return EXIT_OK;
		if (step == STEP_BACK)
			i = (size_t)prev_visible(r, i);
		else
			i = next_visible(r, i + 1);
	}
	say(r, "\nThat was the last question\n");
	return EXIT_OK;
}

/* 1 when cli_put_text() would show `s` as it is. */
static int plain_text(const char *s)
{
	size_t n = strlen(s), len;
	char esc[CLI_ESC_MAX];

	for (; n > 0; s += len, n -= len) {
		len = cli_text_char(s, n, esc);
		if (esc[0] != '\0')
			return 0;
	}
	return 1;
}

/*
 * `s` as one shell word, so the hint can be copied as it is. A word
 * with a byte that a terminal must not get raw is written as $'...',
 * where such a byte is \xNN, which the shell reads back as the byte.
 */
static void put_word(FILE *fp, const char *s)
{
	const char *p;

	if (s[0] != '\0' && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+-,") == strlen(s)) {
		fputs(s, fp);
		return;
	}
	if (plain_text(s)) {
		fputc('\'', fp);
		for (p = s; *p != '\0'; p++) {
			if (*p == '\'')
				fputs("'\\''", fp);
			else
				fputc(*p, fp);
		}
		fputc('\'', fp);
		return;
	}
	fputs("$'", fp);
	for (p = s; *p != '\0'; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch == '\'' || ch == '\\')
			fprintf(fp, "\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			fprintf(fp, "\\x%02x", ch);
		else
			fputc(ch, fp);
	}
	fputc('\'', fp);
}

/* The command that runs srmgap `verb` on this assessment. */
static void put_command(runner *r, FILE *fp, const char *verb, int area)
{
	fputs("srmgap ", fp);
	if (r->db != NULL) {
		fputs("--db ", fp);
		put_word(fp, r->db);
		fputc(' ', fp);
	}
	fprintf(fp, "%s ", verb);
	if (area && r->area_arg != NULL) {
		fputs("--area ", fp);
		put_word(fp, r->area_arg);
		fputc(' ', fp);
	}
	if (r->a->name[0] == '-')
		fputs("-- ", fp);
	put_word(fp, r->a->name);
}

/*
 * The closing summary on standard output: what the session did, the
 * scores as 'srmgap score' shows them, the top five gaps, and how to go
 * on.
 */
static int summary(runner *r)
{
	srmgap_report_opts o;
	cli_scored sc;
	size_t i;
	tally t;
	int rc;

	rc = cli_load_scored(r->s, r->a->name, srmgap_date_today(), &sc);
	if (rc != EXIT_OK)
		return rc;
	memset(&o, 0, sizeof(o));
	o.color = cli_color(stdout);
	o.width = (int)term_width(stdout);
	printf("stored %zu answer%s, skipped %zu question%s\n\n", r->stored,
		r->stored == 1 ? "" : "s", r->skipped, r->skipped == 1 ? "" : "s");
	srmgap_score_text(stdout, sc.a, sc.m, sc.r, &o);
	printf("\n%sTop gaps (%zu of %zu)%s\n", o.color ? "\033[1m" : "",
		sc.r->ngaps < 5 ? sc.r->ngaps : 5, sc.r->ngaps,
		o.color ? "\033[0m" : "");
	if (sc.r->ngaps == 0)
		printf("  none: every applicable customer control is met\n");
	for (i = 0; i < sc.r->ngaps && i < 5; i++) {
		const srmgap_control *c = &sc.m->controls[sc.r->gaps[i]];
		const srmgap_control_result *cr = &sc.r->controls[sc.r->gaps[i]];
		char text[512], pct[32];
		int n;

		srmgap_report_percent(pct, sizeof(pct), cr->score);
		n = cli_printf(stdout, "%3zu. %s  ", i + 1, c->id);
		snprintf(text, sizeof(text), "%s (%s, %s%s%s)", c->title,
			srmgap_severity_name(c->severity),
			srmgap_status_name(cr->status),
			cr->status == SRMGAP_PARTIAL ? " " : "",
			cr->status == SRMGAP_PARTIAL ? pct : "");
		wrap_to(stdout, text, n > 0 ? (size_t)n : 0, 5, (size_t)o.width);
	}
	count_asked(r, &t);
	printf("\n");
	if (t.first_open >= 0) {
		char text[320];
		size_t n = 0;

		if (t.asked > t.answered)
			n += (size_t)snprintf(text, sizeof(text), "%zu question%s still "
				"unanswered%s", t.asked - t.answered, t.asked - t.answered ==
				1 ? " is" : "s are", t.carried > 0 ? " and " : "");
		if (t.carried > 0)
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%zu "
				"carried-over answer%s not yet confirmed", t.carried,
				t.carried == 1 ? " is" : "s are");
		snprintf(text + n, sizeof(text) - n, "; to go on at %s:",
			r->m->questions[t.first_open].id);
		wrap_to(stdout, text, 0, 0, (size_t)o.width);
		printf("  ");
		put_command(r, stdout, "run", 1);
		printf("\n");
	}
	printf("The full report:\n  ");
	put_command(r, stdout, "report", 0);
	printf("\n");
	cli_scored_release(&sc);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_fail(EXIT_RUNTIME, "cannot write output: %s",
			strerror(errno));
	return EXIT_OK;
}

/* The area named by --area (id, or name in any case); -1 after an error. */
static long find_area(const srmgap_model *m, const char *arg)
{
	long ai = srmgap_model_area(m, arg);
	size_t k;

	/* Ids and names in any case: controls are named IAM-03, the area iam. */
	for (k = 0; ai < 0 && k < m->nareas; k++) {
		if (strcasecmp(m->areas[k].id, arg) == 0 ||
		    strcasecmp(m->areas[k].name, arg) == 0)
			ai = (long)k;
	}
	if (ai >= 0)
		return ai;
	cli_printf(stderr, "srmgap: run: unknown area '%s' in model '%s' "
		"(expected ", arg, m->id);
	for (k = 0; k < m->nareas; k++)
		cli_printf(stderr, "%s%s", k == 0 ? "" : k + 1 < m->nareas ? ", " :
			" or ", m->areas[k].id);
	fprintf(stderr, ")\n");
	return -1;
}

static int setup(runner *r, cli *c, const char *name, const char **values)
{
	srmgap_error err;
	size_t n;
	int rc;

	srmgap_error_clear(&err);
	rc = cli_open_store(c, &r->s, 0);
	if (rc != EXIT_OK)
		return rc;
	if (srmgap_store_get(&r->a, r->s, name, &err) != SRMGAP_OK ||
	    srmgap_store_load_model(&r->m, r->s, r->a->snapshot_id, &err) !=
	    SRMGAP_OK)
		return cli_error(&err);
	/* A signed-off assessment cannot change: say so before any question. */
	if (r->a->signed_by != NULL) {
		if (srmgap_store_writable(r->s, r->a->id, r->a->name, &err) ==
		    SRMGAP_OK)
			return cli_fail(EXIT_INVALID, "assessment '%s' is signed off: "
				"it cannot change", r->a->name);
		return cli_error(&err);
	}
	if (values[O_AREA] != NULL) {
		r->area = find_area(r->m, values[O_AREA]);
		if (r->area < 0)
			return EXIT_INVALID;
	}
	if (srmgap_store_load_answers(&r->ans, r->s, r->a->id, r->m, &err) !=
	    SRMGAP_OK)
		return cli_error(&err);
	n = r->m->nquestions ? r->m->nquestions : 1;
	r->chosen = calloc(n, 1);
	r->state = calloc(n, 1);
	r->before = calloc(n, 1);
	if (r->chosen == NULL || r->state == NULL || r->before == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	srmgap_questions_asked(r->state, r->m, &r->ans);
	for (n = 0; n < r->m->nquestions; n++) {
		int answered = r->ans.items[n].value != NULL;

		r->chosen[n] = r->mode == WALK_ALL ||
			(r->mode == WALK_UNANSWERED && open_answer(r, n)) ||
			(r->mode == WALK_REVIEW && answered);
	}
	return EXIT_OK;
}

int cmd_run(cli *c, int argc, char **argv)
{
	const char *values[8] = { NULL }, *args[1];
	runner r;
	size_t nargs;
	int rc;

	rc = cli_parse(c, &spec, argc, argv, values, args, &nargs);
	if (rc >= 0)
		return rc;
	if (values[O_UNANSWERED] != NULL && values[O_REVIEW] != NULL)
		return cli_fail(EXIT_INVALID, "run: --unanswered and --review do not "
			"go together");
	memset(&r, 0, sizeof(r));
	r.db = c->db;
	r.area_arg = values[O_AREA];
	r.area = -1;
	r.shown_area = -1;
	r.mode = values[O_UNANSWERED] ? WALK_UNANSWERED :
		values[O_REVIEW] ? WALK_REVIEW : WALK_ALL;
	r.tty = isatty(STDIN_FILENO);
	/* Questions share the terminal; otherwise stdout stays clean. */
	r.out = r.tty && isatty(STDOUT_FILENO) ? stdout : stderr;
	r.color = cli_color(r.out);
	r.width = term_width(r.out);
	r.today = srmgap_date_today();
	rc = setup(&r, c, args[0], values);
	if (rc == EXIT_OK)
		rc = walk(&r);
	fflush(r.out);
	if (rc == EXIT_OK)
		rc = summary(&r);
	free(r.line);
	free(r.chosen);
	free(r.state);
	free(r.before);
	srmgap_answers_release(&r.ans);
	srmgap_model_free(r.m);
	srmgap_assessment_free(r.a);
	srmgap_store_close(r.s);
	return rc;
}
