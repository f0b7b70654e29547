# srmgap: build, test, install.
#   make            build build/srmgap and build/libsrmgap.a
#   make demo       install missing Debian packages, build, run the demo
#   make test       unit and CLI tests
#   make check      the tests again under AddressSanitizer and UBSan
#   make office-test  CSV and XLSX exports opened by LibreOffice (installs it)
#   make browser-test  the HTML report rendered by headless Chromium (installs it)
#   make bench      import and scoring benchmark against sqlite3
#   make install    into $(DESTDIR)$(PREFIX)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/srmgap
INCLUDEDIR ?= $(PREFIX)/include
LIBDIR ?= $(PREFIX)/lib

CC ?= cc
PKG_CONFIG ?= pkg-config
BUILD ?= build
OPT ?= -O2 -g

PKGS = sqlite3 libpcre2-8 libcrypto jansson xlsxwriter
DEPS_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
DEPS_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lcsv -pthread
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
CFLAGS ?= $(OPT)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	$(CFLAGS) $(SAN) -pthread -Iinclude -Isrc/lib $(DEPS_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN)

# Debian packages needed to build and test; `make deps` installs the missing.
DEBIAN_PACKAGES = build-essential pkg-config sqlite3 libsqlite3-dev \
	libcsv-dev libpcre2-dev libssl-dev libcmocka-dev libjansson-dev \
	libxlsxwriter-dev zlib1g-dev

LIB_SRC = $(wildcard src/lib/*.c)
CLI_SRC = $(wildcard src/cli/*.c)
TEST_SRC = $(wildcard tests/unit/test_*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo test unit cli-test check office-test browser-test \
	coverage bench fuzz install uninstall clean FORCE

# Keep object files of the test binaries between runs.
.SECONDARY:

all: $(BUILD)/srmgap

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Where the binary looks for catalogs; rewritten (and cli.o rebuilt) only
# when PREFIX, DATADIR or the tree's place change.
$(BUILD)/config.h: FORCE
	@mkdir -p $(@D)
	@printf '#define SRMGAP_DATADIR "%s"\n#define SRMGAP_SRCDIR "%s"\n' \
	  '$(DATADIR)' '$(CURDIR)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/src/cli/cli.o: $(BUILD)/config.h
$(BUILD)/src/cli/cli.o: ALL_CFLAGS += -I$(BUILD)
# cmd_report.c finds the default report templates the same way.
$(BUILD)/src/cli/cmd_report.o: $(BUILD)/config.h
$(BUILD)/src/cli/cmd_report.o: ALL_CFLAGS += -I$(BUILD)

FORCE:

$(BUILD)/libsrmgap.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/srmgap: $(CLI_OBJ) $(BUILD)/libsrmgap.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libsrmgap.a $(DEPS_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libsrmgap.a
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libsrmgap.a $(DEPS_LIBS) $(CMOCKA_LIBS)

deps:
	@missing=; for p in $(DEBIAN_PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing \
	    >/dev/null || { echo "could not install:$$missing" >&2; exit 1; }; \
	fi

DEMO_DB = $(BUILD)/demo.db
# The example answers are dated for this day; a fixed date keeps the demo
# the same whenever it runs.
DEMO_ASOF = 2026-11-29
demo: deps
	@$(MAKE) --no-print-directory all >/dev/null
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(BUILD)/srmgap --db $(DEMO_DB) new acme-2026 --model cloudbees-unify \
	  --org "Acme Corp" --assessor "Self-assessment"
	@$(BUILD)/srmgap --db $(DEMO_DB) import acme-2026 \
	  questionnaires/examples/cloudbees-unify.csv
	@echo
	@$(BUILD)/srmgap --db $(DEMO_DB) report acme-2026 --as-of $(DEMO_ASOF)

test: deps
	@$(MAKE) --no-print-directory unit cli-test

unit: $(TEST_BIN) $(BUILD)/srmgap
	@failed=0; for t in $(TEST_BIN); do \
	  (cd tests/unit && ../../$$t) || failed=1; done; exit $$failed

# Runs a command on a pseudo-terminal for the tests of `srmgap run`; the
# tests find it beside the binary, as $(BUILD)/tests/pty.
$(BUILD)/tests/pty: tests/cli/pty.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< -lutil

# Reads srmgap's JSON output for the CLI tests (no python or jq needed).
$(BUILD)/tests/jsoncheck: tests/cli/jsoncheck.c tests/unit/json_schema.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(DEPS_LIBS)

cli-test: $(BUILD)/srmgap $(BUILD)/tests/pty $(BUILD)/tests/jsoncheck
	@tests/cli/run $(BUILD)/srmgap

SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
check: deps
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g" \
	  SAN="$(SAN_FLAGS)" unit cli-test

# The CSV and XLSX exports opened by LibreOffice Calc (headless), which
# is installed first: same cells, numbers as numbers, no formula run.
$(BUILD)/tests/csvcheck: tests/office/csvcheck.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< -lm

office-test:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="libreoffice-calc"
	@$(MAKE) --no-print-directory $(BUILD)/srmgap $(BUILD)/tests/csvcheck
	@tests/office/run $(BUILD)/srmgap

# The HTML report rendered by headless Chromium (installed first) to a
# PNG and to PDFs on A4 and Letter, offline; files stay in build/render.
browser-test:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES=chromium
	@$(MAKE) --no-print-directory $(BUILD)/srmgap
	@tests/render/run_html.sh $(BUILD)/srmgap

# Line coverage of the library and the CLI by the unit and CLI tests.
coverage: deps
	@rm -rf build/cov
	@$(MAKE) --no-print-directory BUILD=build/cov OPT="-O0 -g" SAN="--coverage" \
	  unit cli-test >build/cov.log 2>&1 || { tail -20 build/cov.log; exit 1; }
	@for d in lib cli; do gcov -n -o build/cov/src/$$d src/$$d/*.c; done | \
	  awk '/^File/ { f = $$2 } /^Lines/ { print (f != "" ? f : "total"), $$2, $$3, $$4; f = "" }'

bench: deps all
	@tests/bench/run $(BUILD)/srmgap

# Coverage-guided fuzzing (clang libFuzzer), FUZZ_SECONDS per target:
#   fuzz_catalog   questionnaire CSV, question building, patterns, answers
#   fuzz_template  report templates, the HTML and Markdown renderers and
#                  escapers (seeded with the templates in reports/)
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZERS = catalog template
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
	  -fsanitize=fuzzer,address,undefined -Iinclude -Isrc/lib $(DEPS_CFLAGS) \
	  -o $@ $^ $(DEPS_LIBS)

fuzz:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES=clang
	@$(MAKE) --no-print-directory $(FUZZERS:%=$(BUILD)/fuzz/fuzz_%)
	@mkdir -p $(FUZZERS:%=$(BUILD)/fuzz/corpus-%)
	$(BUILD)/fuzz/fuzz_catalog -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	  -timeout=5 $(BUILD)/fuzz/corpus-catalog tests/fuzz/corpus
	$(BUILD)/fuzz/fuzz_template -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=65536 -timeout=10 $(BUILD)/fuzz/corpus-template reports

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(INCLUDEDIR)/srmgap $(DESTDIR)$(LIBDIR)
	install -m 755 $(BUILD)/srmgap $(DESTDIR)$(BINDIR)/srmgap
	install -m 644 $(BUILD)/libsrmgap.a $(DESTDIR)$(LIBDIR)/libsrmgap.a
	install -m 644 include/srmgap/*.h $(DESTDIR)$(INCLUDEDIR)/srmgap/
	cp -R controls questionnaires $(DESTDIR)$(DATADIR)/
	if [ -n "$$(ls reports 2>/dev/null)" ]; then \
	  cp -R reports $(DESTDIR)$(DATADIR)/; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/srmgap $(DESTDIR)$(LIBDIR)/libsrmgap.a
	rm -rf $(DESTDIR)$(INCLUDEDIR)/srmgap $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
