/*
 * Escaping for the report formats people open in browsers and wikis
 * (report_int.h). Text from catalogs and answers is UTF-8 already (the
 * readers check), but these writers do not rely on it: a byte that does
 * not start a valid UTF-8 sequence is written as U+FFFD, never raw.
 */
#include <string.h>

#include "report_int.h"

/* Length of the valid UTF-8 sequence at `s`, or 0 when it is invalid. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

#define REPLACEMENT "\xef\xbf\xbd"

/* A C1 control (U+0080 to U+009F), encoded as C2 80 to C2 9F. */
static int is_c1(const unsigned char *p, size_t n)
{
	return n == 2 && p[0] == 0xc2 && p[1] <= 0x9f;
}

void srmgap_report__html_escape(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p != '\0') {
		size_t n = utf8_len(p);

		if (n == 0 || is_c1(p, n)) {
			fputs(REPLACEMENT, out);
			p += n ? n : 1;
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
			if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
				fputs(REPLACEMENT, out);
			else
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
		size_t n = utf8_len(p);

		if (n == 0 || is_c1(p, n)) {
			fputs(REPLACEMENT, out);
			p += n ? n : 1;
			continue;
		}
		/*
		 * A cell is one line, and inline markup characters are literal
		 * (block markup such as lists and headings cannot start in a
		 * table cell).
		 */
		if (*p == '\r' && p[1] == '\n')
			;
		else if (*p == '\n' || *p == '\r')
			fputs("<br>", out);
		else if (*p == '\t')
			fputc(' ', out);
		else if (*p < 0x20 || *p == 0x7f)
			fputs(REPLACEMENT, out);
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
