# accusegraph - build, test and run. `make help` lists the targets.
CC      ?= cc
PREFIX  ?= /usr/local
BUILD   ?= build
PKGS    := igraph libcjson libutf8proc libgvc xlsxwriter minizip libxml-2.0
SHARED  ?= ../shared

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm

CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -Wall -Wextra -Wshadow -Wno-unused-parameter
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc $(PKG_CFLAGS) -MMD -MP
LDLIBS   += $(PKG_LIBS) -pthread

SRCS    := $(filter-out src/main.c,$(wildcard src/*.c))
OBJS    := $(SRCS:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/ag_data.o $(BUILD)/obj/ag_model.o
DATA    := $(sort $(wildcard src/data/*.tsv))
MODEL   := src/data/parser.model.gz
UD      := $(SHARED)/ud/en_ewt
BIN     := $(BUILD)/accusegraph
LIB     := $(BUILD)/libaccusegraph.a
UNIT    := $(BUILD)/unit_tests

.PHONY: all test check run install clean asan leakcheck lint format eval bench fuzz deps help symbols model

all: $(BIN)

help:
	@echo "make            build $(BIN)"
	@echo "make run        install missing packages, build, run on graphs/corpus into graphs/"
	@echo "make test       install missing packages, build, run the test suite"
	@echo "make check      the same as make test"
	@echo "make eval       score the extractor and the parser on ../shared"
	@echo "make model      train the tagger and parser on ../shared/ud/en_ewt into $(MODEL)"
	@echo "make bench      speed and memory on ../shared/corpus/bench, parser speed and model opening"
	@echo "make asan       build and test under AddressSanitizer + UBSan"
	@echo "make leakcheck  test suite's core commands under valgrind"
	@echo "make lint       clang-tidy and cppcheck"
	@echo "make fuzz       libFuzzer on the extractor and every input reader, FUZZ_SECONDS (60) each (needs clang)"
	@echo "make format     clang-format the lines changed since HEAD (FORMAT_BASE=REV: since REV)"
	@echo "make install    install binary and man page under PREFIX ($(PREFIX))"
	@echo "make clean      remove $(BUILD)/"

deps:
	@scripts/install-deps.sh --if-missing

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/gen/ag_data.c: $(DATA) scripts/embed.sh
	@mkdir -p $(dir $@)
	scripts/embed.sh $(DATA) > $@.tmp && mv $@.tmp $@

# The parser model is kept gzip-compressed in the repository, unpacked by the build and placed in the
# program as it is by the assembler (no C array to compile); the program reads it in place.
$(BUILD)/gen/parser.model: $(wildcard $(MODEL))
	@mkdir -p $(dir $@)
	if [ -f $(MODEL) ]; then gzip -dc $(MODEL) > $@.tmp && mv $@.tmp $@; else : > $@; fi

$(BUILD)/gen/ag_model.S: $(BUILD)/gen/parser.model scripts/embed-model.sh
	@mkdir -p $(dir $@)
	scripts/embed-model.sh $(BUILD)/gen/parser.model > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/ag_model.o: $(BUILD)/gen/ag_model.S
	@mkdir -p $(dir $@)
	$(CC) -c -o $@ $<

$(BUILD)/obj/ag_data.o: $(BUILD)/gen/ag_data.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIB): $(OBJS)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(UNIT): tests/unit.c $(LIB)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

test check: deps
	@$(MAKE) --no-print-directory $(BIN) $(UNIT)
	@BIN=$(BIN) UNIT=$(UNIT) SHARED=$(SHARED) tests/run.sh

run: deps
	@$(MAKE) --no-print-directory $(BIN)
	$(BIN) run graphs/corpus --actors graphs/actors-fictional.tsv -o graphs

# Trains the tagger and parser on UD English EWT (train; dev chooses the iterations) into src/data/.
model: $(BIN)
	@test -f $(UD)/en_ewt-ud-train.conllu || { echo "model: $(UD)/en_ewt-ud-train.conllu not found" >&2; exit 3; }
	$(BIN) train --train $(UD)/en_ewt-ud-train.conllu --dev $(UD)/en_ewt-ud-dev.conllu -o $(BUILD)/parser.model.new \
	  --info "UD English EWT 2.16 (UniversalDependencies/UD_English-EWT 15d613d8447b3478787d4c278730a1e48a945efb), CC BY-SA 4.0"
	gzip -9 -n -c $(BUILD)/parser.model.new > $(MODEL).tmp && mv $(MODEL).tmp $(MODEL)
	@$(MAKE) --no-print-directory $(BIN)
	@ls -l $(MODEL)

eval: $(BIN)
	@scripts/eval.sh $(BIN) $(SHARED)

bench: $(BIN)
	@scripts/bench.sh $(BIN) $(SHARED)

asan:
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	 $(MAKE) --no-print-directory BUILD=build/asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" test

leakcheck: $(BIN) $(UNIT)
	@BIN=$(BIN) UNIT=$(UNIT) SHARED=$(SHARED) VALGRIND=1 tests/run.sh

symbols: $(LIB)
	@bad=$$(nm -g --defined-only $(LIB) | awk 'NF==3 && $$3 !~ /^ag_/ {print $$3}'); \
	 if [ -n "$$bad" ]; then echo "exported symbols without the ag_ prefix:"; echo "$$bad"; exit 1; fi

lint: symbols
	clang-tidy --quiet -checks=-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling $(wildcard src/*.c) -- $(CPPFLAGS)
	cppcheck --quiet --enable=warning,performance,portability --error-exitcode=1 -Iinclude src

# make fuzz: the extractor, then every input reader (tests/fuzz_inputs.c), FUZZ_SECONDS each, each
# from its seeds in tests/fuzz/corpus/NAME (kept in the repository) and what it finds in build/.
FUZZ_SECONDS ?= 60
FUZZ_READERS := 1:docs-jsonl 2:docs-csv 3:docs-txt 4:triples 5:graphml 6:actors 7:conllu 8:xlsx
FUZZ_CC = clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION $(filter-out -MMD -MP,$(CPPFLAGS))
FUZZ_RUN = LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp
fuzz: $(BUILD)/gen/ag_data.c $(BUILD)/gen/ag_model.S
	@mkdir -p $(BUILD)/fuzz $(BUILD)/fuzz/corpus
	$(FUZZ_CC) -o $(BUILD)/fuzz/fuzz_extract tests/fuzz_extract.c $(SRCS) $(BUILD)/gen/ag_data.c $(BUILD)/gen/ag_model.S $(LDLIBS)
	$(FUZZ_RUN) $(BUILD)/fuzz/fuzz_extract -max_total_time=$(FUZZ_SECONDS) -max_len=4096 $(BUILD)/fuzz/corpus tests/extract
	@set -e; for t in $(FUZZ_READERS); do n=$${t%%:*}; name=$${t#*:}; \
	  mkdir -p $(BUILD)/fuzz/corpus-$$name; \
	  echo "fuzz: $$name"; \
	  $(FUZZ_CC) -DFUZZ_READER=$$n -o $(BUILD)/fuzz/fuzz_$$name tests/fuzz_inputs.c $(SRCS) $(BUILD)/gen/ag_data.c \
	    $(BUILD)/gen/ag_model.S $(LDLIBS); \
	  len=8192; [ $$name = xlsx ] && len=16384; \
	  $(FUZZ_RUN) $(BUILD)/fuzz/fuzz_$$name -max_total_time=$(FUZZ_SECONDS) -max_len=$$len \
	    $(BUILD)/fuzz/corpus-$$name tests/fuzz/corpus/$$name; \
	done

# Only the lines changed since FORMAT_BASE are formatted (.clang-format): the tree's hand-aligned
# tables stay as they are, and on a clean checkout this changes nothing.
FORMAT_BASE ?= HEAD
format:
	@git rev-parse --git-dir >/dev/null 2>&1 || { echo "format: needs a git checkout (it formats the lines changed since $(FORMAT_BASE))" >&2; exit 2; }
	git clang-format -f --binary clang-format --extensions c,h $(FORMAT_BASE) -- src include tests

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/accusegraph
	install -m 644 src/accusegraph.1 $(DESTDIR)$(PREFIX)/share/man/man1/accusegraph.1

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d) $(BUILD)/obj/main.d
