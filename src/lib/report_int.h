/*
 * What the HTML and Markdown report writers share, and nobody outside
 * the library may use: the two escapers (which also make invalid UTF-8
 * and control characters harmless), the template engine, and the
 * vocabulary of placeholders both formats fill a template with.
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
 * become LF, and a byte that is not valid UTF-8, a C0 control other
 * than tab and LF, DEL or a C1 control becomes U+FFFD. (escape.c)
 */
void srmgap_report__html_escape(FILE *out, const char *s);

/*
 * Write `s` (NULL: "") as inline Markdown (GitHub-flavoured), safe in a
 * table cell, a list item, a heading or a paragraph: \ | ` * _ [ ] ~ $
 * get a backslash; & < > become &amp; &lt; &gt; (so no HTML, no
 * <script>, reaches a wiki); a start that would open a block (heading,
 * list item, rule, code block) is escaped; a line end (LF, CR or CRLF)
 * becomes <br>, a tab a space; invalid UTF-8 and control characters
 * become U+FFFD. (escape.c)
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

/* Everything a report shows; all borrowed. `rv` may be NULL. */
typedef struct srmgap_report__doc {
	const srmgap_assessment *a;
	const srmgap_model *m;
	const srmgap_answers *ans;
	const srmgap_reviews *rv;
	const srmgap_result *r;
	int gaps_only;
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

#endif
