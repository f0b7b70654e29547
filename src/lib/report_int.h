/*
 * What the HTML and Markdown report writers share, and nobody outside
 * the library may use: the two escapers (which also make invalid UTF-8
 * and control characters harmless), the template engine, the
 * vocabulary of placeholders both formats fill a template with, and
 * (report_view.c) what both formats show, apart from its markup.
 *
 * A template (template.c) is parsed once, before anything is written:
 * an unknown placeholder or a broken tag is an error with the
 * template's path, line and column. Rendering writes the template's
 * text and asks the format for each placeholder. Values are written
 * straight to the output and are never parsed as template text, so an
 * answer that contains "{{" stays text.
 *
 * The escapers are shared by every writer of HTML or Markdown (reports,
 * the auditor's checklist).
 */
#ifndef SRMGAP_REPORT_INT_H
#define SRMGAP_REPORT_INT_H

#include <stdio.h>

#include "srmgap/report.h"
#include "util_int.h"

/*
 * Write `s` (NULL: "") as HTML text that is also safe inside a quoted
 * attribute: & < > " ' become character references, CRLF and a lone CR
 * become LF, and invalid UTF-8 (each maximal ill-formed subpart, as
 * srmgap_util__utf8_next finds it), a C0 control other than tab and LF,
 * DEL or a C1 control becomes one U+FFFD. (escape.c)
 */
void srmgap_report__html_escape(FILE *out, const char *s);

/*
 * Write `s` (NULL: "") as inline Markdown (GitHub-flavoured), safe in a
 * table cell, a list item, a heading or a paragraph: \ | ` * _ [ ] ~ $
 * get a backslash; & < > become &amp; &lt; &gt; (so no HTML, no
 * <script>, reaches a wiki); a start that would open a block (heading,
 * list item, rule, code block) is escaped; a line end (LF, CR or CRLF)
 * becomes <br>, a tab a space; invalid UTF-8 and control characters
 * become U+FFFD, as in HTML. (escape.c)
 */
void srmgap_report__md_escape(FILE *out, const char *s);

/* Placeholders of the report templates; names in srmgap_report__vars. */
enum {
	/* text values, escaped for the format */
	SRMGAP_TV_ASSESSMENT = 0,
	SRMGAP_TV_ORG,
	SRMGAP_TV_ASSESSOR,
	SRMGAP_TV_MODEL,
	SRMGAP_TV_MODEL_ID,
	SRMGAP_TV_QUESTIONNAIRE,
	SRMGAP_TV_SNAPSHOT,
	SRMGAP_TV_AS_OF,
	SRMGAP_TV_SCORE,
	SRMGAP_TV_VERIFIED_SCORE,
	SRMGAP_TV_REVIEWED,
	SRMGAP_TV_OUTDATED,
	SRMGAP_TV_APPLICABLE,
	SRMGAP_TV_GAP_COUNT,
	SRMGAP_TV_CRITICAL_GAPS,
	SRMGAP_TV_ANSWERED,
	SRMGAP_TV_QUESTIONS,
	SRMGAP_TV_CARRIED,
	SRMGAP_TV_PARENT,
	SRMGAP_TV_SIGNED_BY,
	SRMGAP_TV_SIGNED_AT,
	SRMGAP_TV_STATEMENT,
	SRMGAP_TV_SEAL,
	SRMGAP_TV_VERSION,
	/* fragments, rendered by the format */
	SRMGAP_TV_HEADER,
	SRMGAP_TV_SCORES,
	SRMGAP_TV_CHART,
	SRMGAP_TV_MATRIX,
	SRMGAP_TV_GAPS,
	SRMGAP_TV_CONTROLS,
	SRMGAP_TV_SIGNOFF,
	SRMGAP_TV_COUNT
};
#define SRMGAP_TV_FIRST_FRAGMENT SRMGAP_TV_HEADER

/* The names, indexed by the enum above. */
extern const char *const srmgap_report__vars[SRMGAP_TV_COUNT];

struct srmgap_report__format;

/* Everything a report shows; all borrowed. `rv` may be NULL. */
typedef struct srmgap_report__doc {
	const srmgap_assessment *a;
	const srmgap_model *m;
	const srmgap_answers *ans;
	const srmgap_reviews *rv;
	const srmgap_result *r;
	int gaps_only;
	const struct srmgap_report__format *format; /* HTML or Markdown */
} srmgap_report__doc;

/* Append the text of value `var` (< SRMGAP_TV_FIRST_FRAGMENT) to `b`. */
void srmgap_report__scalar(srmgap_buf *b, const srmgap_report__doc *d,
	int var);

/*
 * 1 when a {{#var}} section shows: a text value that is neither empty
 * nor "0"; for fragments, when they have something to show (gaps: there
 * are gaps; controls: not --gaps-only; signoff: signed off).
 */
int srmgap_report__present(const srmgap_report__doc *d, int var);

/*
 * Write template `t`, calling `emit` for each placeholder. Returns
 * SRMGAP_OK, the first error `emit` returned, or SRMGAP_EIO when the
 * stream failed.
 */
typedef int (*srmgap_report__emit_fn)(FILE *out, const srmgap_report__doc *d,
	int var);
int srmgap_template__render(FILE *out, const srmgap_template *t,
	const srmgap_report__doc *d, srmgap_report__emit_fn emit);

/*
 * How the customer column of the matrix reads for area `i`: SRMGAP_MET
 * (every applicable control met), SRMGAP_PARTIAL, SRMGAP_NOT_MET,
 * SRMGAP_UNANSWERED (nothing answered), SRMGAP_NOT_APPLICABLE, or
 * SRMGAP_INHERITED (no customer or shared control: the providers').
 */
srmgap_status srmgap_report__area_status(const srmgap_result *r, size_t i);

/* The review of control `c`, or NULL when it has no verdict. */
const srmgap_review *srmgap_report__review(const srmgap_report__doc *d,
	size_t c);

/*
 * Words for what happened to a question that did not score ("skipped",
 * "n/a", ...); NULL for a scored one.
 */
const char *srmgap_report__qstate_words(srmgap_qstate s);

/*
 * A stored time as people read it: "2026-11-29T10:05:31Z" becomes
 * "2026-11-29 10:05 UTC"; anything else is appended as it is. NULL
 * appends nothing.
 */
void srmgap_report__when(srmgap_buf *b, const char *t);

/* "Title version" of the model. */
void srmgap_report__model_line(srmgap_buf *b, const srmgap_model *m);

/* What both formats show (report_view.c) ------------------------------- */

/*
 * The HTML and Markdown reports show the same things in the same order;
 * they differ in markup. report_view.c holds what they share: which
 * answers and evidence marks show, the words for statuses and verdicts,
 * score strings, the customer's cell of the matrix, the auditor's notes,
 * and the dispatch of placeholders. A format gives its escaper and what
 * it writes around each inline piece (srmgap_report__marks); its writer
 * keeps the block structure (tables, lists, sections, the SVG).
 */

/* An escaper: srmgap_report__html_escape or srmgap_report__md_escape. */
typedef void (*srmgap_report__esc_fn)(FILE *out, const char *s);

/* What a format writes before and after a piece. */
typedef struct srmgap_report__wrap {
	const char *before, *after;
} srmgap_report__wrap;

/* How one format marks up the inline pieces both formats show. */
typedef struct srmgap_report__marks {
	srmgap_report__esc_fn esc;  /* every text from the data */
	srmgap_report__wrap answer; /* the answer given */
	srmgap_report__wrap qscore; /* what it scored, "75.0%" */
	srmgap_report__wrap qstate; /* why it did not score, "no answer" */
	const char *ev_label;       /* before evidence in the gap list */
	srmgap_report__wrap evidence;
	srmgap_report__wrap as_of;  /* around "as of 2025-01-31" */
	srmgap_report__wrap carried; /* around "carried over from ..." */
	srmgap_report__wrap note;
	const char *note_sep;       /* before a note that follows evidence */
	srmgap_report__wrap outdated; /* around srmgap_report__outdated_words */
	srmgap_report__wrap comment; /* the auditor's comment */
	srmgap_report__wrap by;     /* around "auditor, when" */
	srmgap_report__wrap ref;    /* one reference of a control */
	const char *ref_sep;        /* between references */
} srmgap_report__marks;

/* 1 when `s` is neither NULL nor "". */
int srmgap_report__has_text(const char *s);

/* Words for people: "not met", not "not-met"; static strings. */
const char *srmgap_report__status_words(srmgap_status s);
/* The matrix's words for an area: "partly met", "providers", ... */
const char *srmgap_report__area_status_words(srmgap_status s);
const char *srmgap_report__verdict_words(srmgap_verdict v);
/* "shared" or "customer": who owns a scored control. */
const char *srmgap_report__owner_words(const srmgap_control *c);

/* A score as shown, "72.4%", or "n/a" when not `scored`; n >= 16. */
void srmgap_report__score_text(char *buf, size_t n, int scored, double v);

/* A status as shown, "not met" or "partial 75.0%"; n >= 32. */
void srmgap_report__status_text(char *buf, size_t n, srmgap_status s,
	double score);

/* The customer's cell of the responsibility matrix for one area. */
typedef struct srmgap_report__area_cell {
	srmgap_status status;  /* srmgap_report__area_status() */
	const char *words;     /* srmgap_report__area_status_words() */
	int scored;            /* 0: no score and no counts */
	char score[32];        /* "79.5%" when scored */
	char counts[128];      /* "1 met, 2 partial" when scored; may be "" */
	const char *note;      /* "no customer controls" for the providers' */
} srmgap_report__area_cell;

void srmgap_report__area_cell_init(srmgap_report__area_cell *cell,
	const srmgap_result *r, size_t i);

/*
 * Which questions of control `c` are listed: in the gap list, those
 * answered and those with a missing answer; in the list of controls,
 * all but the provider's. Either needs an answer slot for `q`.
 */
int srmgap_report__gap_shows(const srmgap_report__doc *d, size_t c,
	size_t q);
int srmgap_report__control_shows(const srmgap_report__doc *d, size_t c,
	size_t q);

/* A stored time as people read it (srmgap_report__when), escaped. */
void srmgap_report__put_when(FILE *out, const srmgap_report__marks *mk,
	const char *t);

/* The answer to question `q`, then what it scored or why it did not. */
void srmgap_report__put_answer(FILE *out, const srmgap_report__marks *mk,
	const srmgap_report__doc *d, size_t q);

/*
 * The evidence of answer `a` (after mk->ev_label when `label`), its date,
 * the carried-over mark and the note, each in its marks.
 */
void srmgap_report__put_evidence(FILE *out, const srmgap_report__marks *mk,
	const srmgap_report__doc *d, const srmgap_answer *a, int label);

/*
 * What follows a verdict: that it is outdated (in mk->outdated) when the
 * control's answers changed after it, the comment, then who reviewed it
 * and when.
 */
void srmgap_report__put_review(FILE *out, const srmgap_report__marks *mk,
	const srmgap_review *rv);

/* Next to an outdated verdict: "outdated: the answers changed since". */
extern const char srmgap_report__outdated_words[];

/*
 * 1 once an auditor has given any verdict, current or outdated: the
 * verified score is then worth showing beside the self-assessed one.
 */
int srmgap_report__any_verdict(const srmgap_result *r);

/*
 * How many controls an auditor reviewed, under the verified score:
 * "2 of 5 controls reviewed by an auditor", then ", 1 outdated" when
 * verdicts are outdated (they are not counted as reviewed).
 */
void srmgap_report__put_reviewed(FILE *out, const srmgap_result *r);

/* The '|'-separated references of a control, each in mk->ref. */
void srmgap_report__put_refs(FILE *out, const srmgap_report__marks *mk,
	const char *refs);

/*
 * Who owns control `c`: "aws (provider), not scored", or
 * "shared · weight 3 · gap 2".
 */
void srmgap_report__put_owner(FILE *out, const srmgap_report__marks *mk,
	const srmgap_report__doc *d, size_t c);

/* "2 answers from acme-2025, not yet confirmed" */
void srmgap_report__put_carried(FILE *out, const srmgap_report__marks *mk,
	const srmgap_assessment *a);

/* What the seal of a signed-off report means, one paragraph. */
extern const char srmgap_report__seal_note[];

/* Placeholders --------------------------------------------------------- */

#define SRMGAP_REPORT__NFRAGMENTS (SRMGAP_TV_COUNT - SRMGAP_TV_FIRST_FRAGMENT)

typedef void (*srmgap_report__fragment_fn)(FILE *out,
	const srmgap_report__doc *d);

/* A report format as the placeholders see it. */
typedef struct srmgap_report__format {
	const srmgap_report__marks *marks;
	/* the writers of SRMGAP_TV_HEADER ... SRMGAP_TV_SIGNOFF, in order */
	srmgap_report__fragment_fn fragment[SRMGAP_REPORT__NFRAGMENTS];
	/*
	 * 1: a fragment's final line ends are dropped, so that the template
	 * decides the blank lines around it (Markdown).
	 */
	int trim;
} srmgap_report__format;

/*
 * Write a report in format `f` through template `t`: each text value
 * escaped, each fragment by f's writer (the list of controls only
 * without o->gaps_only). `rv` and `o` may be NULL. SRMGAP_OK,
 * SRMGAP_ENOMEM or SRMGAP_EIO.
 */
int srmgap_report__render(FILE *out, const srmgap_template *t,
	const srmgap_report__format *f, const srmgap_assessment *a,
	const srmgap_model *m, const srmgap_answers *ans,
	const srmgap_reviews *rv, const srmgap_result *r,
	const srmgap_report_opts *o);

#endif
