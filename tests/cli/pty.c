/*
 * pty: run a command on a pseudo-terminal, as a person at a terminal
 * would, for the CLI tests of interactive commands (srmgap run).
 *
 *   pty [-p PROMPT] [-t SECONDS] [-w COLUMNS] -- COMMAND [ARG...] <SCRIPT
 *
 * Each line of SCRIPT (standard input) is typed, followed by Enter, as
 * soon as PROMPT (default ": ") has appeared in what the terminal showed
 * since the line before. A line that is exactly ^C or ^D types that
 * control key instead (interrupt, end of input), without Enter.
 * Everything the terminal shows, typed lines included (the terminal
 * echoes them), is copied to standard output as it comes.
 *
 * Once the script is typed, pty waits for the command to end. Each wait
 * gives up after SECONDS (default 10): a command that hangs fails the
 * test instead of blocking it.
 *
 * Exit status: the command's own, 128 + N when signal N ended it, 124
 * after a timeout (the command is killed), 125 when the command ended
 * before a prompt that was waited for appeared, 126 on a usage or system
 * error.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_TIMEOUT = 124, EXIT_EARLY = 125, EXIT_ERROR = 126 };

typedef struct session {
	int fd;            /* the terminal's master side */
	pid_t pid;
	int closed;        /* the command's side of the terminal is gone */
	char *seen;        /* everything shown so far */
	size_t len, cap;
	size_t mark;       /* where the search for the next prompt starts */
	int timeout_ms;
} session;

static void usage(void)
{
	fprintf(stderr, "usage: pty [-p PROMPT] [-t SECONDS] [-w COLUMNS] -- "
		"COMMAND [ARG...] <SCRIPT\n");
	exit(EXIT_ERROR);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Append what the terminal shows; 0 when it has nothing more to show. */
static int take_output(session *s)
{
	char buf[4096];
	ssize_t n = read(s->fd, buf, sizeof(buf));

	if (n < 0 && errno == EINTR)
		return 1;
	/* Linux reports EIO once the command's side is closed. */
	if (n <= 0) {
		s->closed = 1;
		return 0;
	}
	if (s->len + (size_t)n + 1 > s->cap) {
		size_t cap = (s->len + (size_t)n + 1) * 2;
		char *p = realloc(s->seen, cap);

		if (p == NULL) {
			fprintf(stderr, "pty: out of memory\n");
			exit(EXIT_ERROR);
		}
		s->seen = p;
		s->cap = cap;
	}
	memcpy(s->seen + s->len, buf, (size_t)n);
	s->len += (size_t)n;
	s->seen[s->len] = '\0';
	fwrite(buf, 1, (size_t)n, stdout);
	fflush(stdout);
	return 1;
}

/* Offset of `what` in s->seen at or after s->mark, or -1. */
static long find(const session *s, const char *what)
{
	size_t n = strlen(what), i;

	for (i = s->mark; i + n <= s->len; i++) {
		if (memcmp(s->seen + i, what, n) == 0)
			return (long)i;
	}
	return -1;
}

/*
 * Wait until `what` (NULL: the end of the command's output) shows.
 * Returns 0, or EXIT_TIMEOUT / EXIT_EARLY after saying why.
 */
static int wait_for(session *s, const char *what)
{
	long deadline = now_ms() + s->timeout_ms;

	for (;;) {
		struct pollfd p = { s->fd, POLLIN, 0 };
		long left;
		int rc;

		if (what != NULL && find(s, what) >= 0)
			return 0;
		if (s->closed) {
			if (what == NULL)
				return 0;
			fprintf(stderr, "pty: the command ended before '%s' appeared\n",
				what);
			return EXIT_EARLY;
		}
		left = deadline - now_ms();
		if (left <= 0) {
			fprintf(stderr, "pty: timed out after %d s waiting for %s%s%s\n",
				s->timeout_ms / 1000, what ? "'" : "", what ? what :
				"the command to end", what ? "'" : "");
			return EXIT_TIMEOUT;
		}
		rc = poll(&p, 1, (int)left);
		if (rc < 0 && errno != EINTR) {
			perror("pty: poll");
			return EXIT_ERROR;
		}
		if (rc > 0)
			take_output(s);
	}
}

static int type(session *s, const char *text, size_t n)
{
	while (n > 0) {
		ssize_t w = write(s->fd, text, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			perror("pty: write");
			return EXIT_ERROR;
		}
		text += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The command's exit status as a shell reports it. */
static int reap(session *s, int kill_it)
{
	int status;

	if (kill_it)
		kill(s->pid, SIGKILL);
	while (waitpid(s->pid, &status, 0) < 0) {
		if (errno != EINTR) {
			perror("pty: waitpid");
			return EXIT_ERROR;
		}
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	const char *prompt = ": ";
	struct winsize ws = { 24, 80, 0, 0 };
	session s;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int opt, rc = 0;

	memset(&s, 0, sizeof(s));
	s.timeout_ms = 10000;
	while ((opt = getopt(argc, argv, "+p:t:w:")) != -1) {
		if (opt == 'p' && optarg[0] != '\0')
			prompt = optarg;
		else if (opt == 't' && atoi(optarg) > 0)
			s.timeout_ms = atoi(optarg) * 1000;
		else if (opt == 'w' && atoi(optarg) > 0)
			ws.ws_col = (unsigned short)atoi(optarg);
		else
			usage();
	}
	if (optind >= argc)
		usage();
	s.pid = forkpty(&s.fd, NULL, NULL, &ws);
	if (s.pid < 0) {
		perror("pty: forkpty");
		return EXIT_ERROR;
	}
	if (s.pid == 0) {
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "pty: cannot run '%s': %s\n", argv[optind],
			strerror(errno));
		_exit(127);
	}
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		rc = wait_for(&s, prompt);
		if (rc != 0)
			break;
		/* The next prompt must come after this line. */
		s.mark = s.len;
		if (strcmp(line, "^C") == 0)
			rc = type(&s, "\003", 1);
		else if (strcmp(line, "^D") == 0)
			rc = type(&s, "\004", 1);
		else if ((rc = type(&s, line, (size_t)n)) == 0)
			rc = type(&s, "\r", 1);
		if (rc != 0)
			break;
	}
	free(line);
	if (rc == 0)
		rc = wait_for(&s, NULL);
	if (rc == EXIT_EARLY) {
		reap(&s, 0);
	} else if (rc != 0) {
		reap(&s, 1);
	} else {
		rc = reap(&s, 0);
	}
	free(s.seen);
	close(s.fd);
	return rc;
}
