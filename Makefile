# segindex: PGXS build, plus the two entry points the README documents.
EXTENSION = segindex
EXTVERSION = 0.1.0

MODULE_big = segindex
OBJS = $(patsubst %.c,%.o,$(wildcard src/*.c))

# The install script is assembled from one SQL file per module, in this order.
# Modules not yet written are simply absent from the wildcard.
SQL_MODULES = $(wildcard sql/official.sql sql/segtable.sql sql/indices.sql sql/income.sql \
	sql/segspace.sql sql/spatial.sql sql/egohood.sql sql/geographies.sql sql/areatype.sql \
	sql/decompose.sql sql/inference.sql sql/cluster.sql sql/schema.sql)
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql

REGRESS = $(patsubst test/sql/%.sql,%,$(sort $(wildcard test/sql/*.sql)))
# pg_regress creates the database with both extensions, so test files need no set-up.
REGRESS_OPTS = --inputdir=test --outputdir=test --load-extension=postgis --load-extension=segindex

PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror=implicit-function-declaration

EXTRA_CLEAN = test/results test/regression.diffs test/regression.out

# Debian's versioned pg_config first; the PATH one otherwise.
PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
endif

# Every object depends on every header: PGXS tracks no header dependencies.
$(OBJS): $(wildcard src/*.h)

sql/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_MODULES)
	cat $^ > $@

.PHONY: deps demo test prove load

# Installs the Debian packages segindex needs, when they are missing.
deps:
	@scripts/deps

# README command 1: build, install, run the demo in a throwaway cluster.
demo: deps
	@scripts/build-install
	@demo/run $(LAN)

# Loads SCB's files from DATA into the scb schema of the database DB
# (a libpq conninfo); LAN keeps only that län's polygons.  doc/loading.md.
load:
	@test -n "$(DB)" -a -n "$(DATA)" || { echo "usage: make load DB=<conninfo> DATA=<dir> [LAN=<code>]" >&2; exit 2; }
	@scripts/load-scb $(if $(LAN),--lan $(LAN)) "$(DB)" "$(DATA)"

# README command 2: the whole test suite (pg_regress + pgTAP) in a throwaway cluster.
test: deps
	@scripts/build-install
	@scripts/run-tests

# pgTAP tests against the server in the environment (used by scripts/run-tests).
prove:
	pg_prove --ext .sql -v test/t/ 2>&1 | tail -n +1

# Test-only C modules (test/fncall): never part of the extension; scripts/run-tests
# installs them into the same PostgreSQL before the suites.
.PHONY: install-test-modules
install-test-modules:
	$(MAKE) -C test/fncall PG_CONFIG=$(PG_CONFIG) install
