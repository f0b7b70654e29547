/*
 * Escaping for the report formats people open in browsers and wikis
 * (report_int.h). Text from catalogs and answers is UTF-8 already (the
 * readers check), but these writers do not rely on it: invalid UTF-8 is
 * never written raw. Each maximal ill-formed subpart becomes one U+FFFD
 * (srmgap_util__utf8_next), as in the CSV, XLSX and JSON exports.
 */
#include <string.h>

#include "report_int.h"

/*
 * Length of the character at `p`, setting *bad when it is written as one
 * U+FFFD: invalid UTF-8 (its maximal ill-formed subpart, as every export
 * replaces it), a C0 control other than tab, LF and CR, DEL, or a C1
 * control (U+0080 to U+009F, encoded as C2 80 to C2 9F).
 */
static size_t next_char(const unsigned char *p, int *bad)
{
	int valid;
	size_t n = srmgap_util__utf8_next((const char *)p, &valid);

	*bad = !valid || (srmgap_util__is_control((const char *)p, n) &&
		*p != '\t' && *p != '\n' && *p != '\r');
	return n;
}

void srmgap_report__html_escape(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p != '\0') {
		int bad;
		size_t n = next_char(p, &bad);

		if (bad) {
			fputs(SRMGAP_UTIL_REPLACEMENT, out);
			p += n;
			continue;
		}
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		case '\r':
			/* CRLF and a lone CR are line ends, as LF is. */
			if (p[1] != '\n')
				fputc('\n', out);
			break;
		default:
			fwrite(p, 1, n, out);
		}
		p += n;
	}
}

/* 1 when `c` ends a list or heading marker: a blank or the end. */
static int marker_end(char c)
{
	return c == ' ' || c == '\t' || c == '\0' || c == '\r' || c == '\n';
}

/*
 * Escape a start of `s` that would open a Markdown block: a heading, a
 * list item, a rule or setext underline, an indented code block. "2026.1"
 * or "-x" stay as they are. Returns where the rest of `s` begins.
 */
static const char *md_block_start(FILE *out, const char *p)
{
	size_t n;

	/* Four blanks would start a code block; &#32; is a space that does not. */
	while (*p == ' ' || *p == '\t') {
		fputs("&#32;", out);
		p++;
	}
	n = strspn(p, "0123456789");
	if (n > 0 && n <= 9 && (p[n] == '.' || p[n] == ')') &&
	    marker_end(p[n + 1])) {
		fwrite(p, 1, n, out);
		fprintf(out, "\\%c", p[n]);
		return p + n + 1;
	}
	if ((*p == '#' && marker_end(p[strspn(p, "#")])) ||
	    ((*p == '-' || *p == '+' || *p == '=') &&
	    (marker_end(p[1]) || p[1] == *p))) {
		fprintf(out, "\\%c", *p);
		return p + 1;
	}
	return p;
}

void srmgap_report__md_escape(FILE *out, const char *s)
{
	const unsigned char *p;

	p = (const unsigned char *)md_block_start(out, s ? s : "");
	while (*p != '\0') {
		int bad;
		size_t n = next_char(p, &bad);

		/*
		 * A cell is one line, and inline markup characters are literal
		 * (block markup such as lists and headings cannot start in a
		 * table cell).
		 */
		if (bad)
			fputs(SRMGAP_UTIL_REPLACEMENT, out);
		else if (*p == '\r' && p[1] == '\n')
			;
		else if (*p == '\n' || *p == '\r')
			fputs("<br>", out);
		else if (*p == '\t')
			fputc(' ', out);
		else if (*p == '<')
			fputs("&lt;", out);
		else if (*p == '>')
			fputs("&gt;", out);
		else if (*p == '&')
			fputs("&amp;", out);
		else if (strchr("\\|`*_[]~$", *p) != NULL)
			fprintf(out, "\\%c", *p);
		else
			fwrite(p, 1, n, out);
		p += n;
	}
}
