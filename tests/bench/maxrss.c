/*
 * maxrss: run a command and report its wall time and peak memory.
 *
 *   maxrss [-o FILE] COMMAND [ARG...]
 *
 * Runs COMMAND (searched on PATH) with the inherited standard streams,
 * waits for it with wait4() and writes one line
 *
 *   wall=SECONDS user=SECONDS sys=SECONDS maxrss_kb=KB status=N
 *
 * to FILE (appended), or to standard error without -o. Wall time is
 * measured with CLOCK_MONOTONIC from just before fork() to the return of
 * wait4(); maxrss_kb is the child's ru_maxrss (Linux: kilobytes). Exits
 * with the command's status (128 + signal number when it was killed), or
 * 127 when it could not be started, 125 on a usage error.
 *
 * Only POSIX and the Linux rusage fields are used, so the benchmark needs
 * nothing beyond a C compiler (no GNU time, no /usr/bin/time).
 */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	const char *outpath = NULL;
	struct rusage ru;
	double start, wall;
	int argi = 1, status = 0, code;
	pid_t pid, got;
	FILE *out;

	if (argi + 1 < argc && strcmp(argv[argi], "-o") == 0) {
		outpath = argv[argi + 1];
		argi += 2;
	}
	if (argi < argc && strcmp(argv[argi], "--") == 0)
		argi++;
	if (argi >= argc) {
		fprintf(stderr, "usage: maxrss [-o FILE] COMMAND [ARG...]\n");
		return 125;
	}
	start = now();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "maxrss: fork: %s\n", strerror(errno));
		return 125;
	}
	if (pid == 0) {
		execvp(argv[argi], argv + argi);
		fprintf(stderr, "maxrss: cannot run '%s': %s\n", argv[argi],
			strerror(errno));
		_exit(127);
	}
	memset(&ru, 0, sizeof(ru));
	do
		got = wait4(pid, &status, 0, &ru);
	while (got < 0 && errno == EINTR);
	wall = now() - start;
	if (got < 0) {
		fprintf(stderr, "maxrss: wait4: %s\n", strerror(errno));
		return 125;
	}
	if (WIFEXITED(status))
		code = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		code = 128 + WTERMSIG(status);
	else
		code = 125;

	out = outpath ? fopen(outpath, "a") : stderr;
	if (out == NULL) {
		fprintf(stderr, "maxrss: cannot write '%s': %s\n", outpath,
			strerror(errno));
		return 125;
	}
	fprintf(out, "wall=%.6f user=%.6f sys=%.6f maxrss_kb=%ld status=%d\n",
		wall, tv(ru.ru_utime), tv(ru.ru_stime), ru.ru_maxrss, code);
	if (out != stderr && fclose(out) != 0) {
		fprintf(stderr, "maxrss: cannot write '%s'\n", outpath);
		return 125;
	}
	return code;
}
