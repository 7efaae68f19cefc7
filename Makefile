# Møteplass: the two commands of the README.
#
#   make run    build and start Møteplass on a ready demo database
#   make test   build and run every test (also the core under ASan+UBSan)
#   make test-interop  LibreOffice opens every CSV Møteplass writes with
#               no live formula (a large install of its own)
#
# Both install the Debian packages they need when any is missing
# (apt-get, as root or through sudo).

BUILD      ?= build
ASAN_BUILD ?= build-asan
DEMO_DB    ?= $(BUILD)/demo.db

# Build and run-time packages (Debian 12). Keep README.md in step.
PACKAGES = \
	build-essential meson ninja-build pkg-config gettext \
	libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev \
	libsqlite3-dev sqlite3 libqrencode-dev libcairo2-dev libpango1.0-dev \
	libcsv-dev libjson-glib-dev libxlsxwriter-dev libsodium-dev libcups2-dev \
	libcurl4-gnutls-dev libarchive-dev libxml2-dev libsecret-1-dev \
	libgtk-4-media-gstreamer gstreamer1.0-plugins-good \
	fonts-cantarell fonts-dejavu-core fonts-noto-core \
	desktop-file-utils appstream-util libpq-dev librsvg2-dev

# What the tests use besides: sanitizer runtime, a QR reader, PDF to
# PNG, a screen that is not there, a keyboard that is not there, a
# print server with a printer that writes PDF files (badge tests), an
# SMTP server with a certificate made on the spot and a calendar parser
# (tickets by e-mail), workbooks written by openpyxl (import tests), and
# a PostgreSQL for the hub's tests (pg_virtualenv starts a throw-away one)
# and a GNOME keyring for the window's e-mail test (the password).
TEST_PACKAGES = \
	clang libclang-rt-14-dev zbar-tools poppler-utils \
	xvfb xauth xdotool imagemagick \
	cups printer-driver-cups-pdf \
	libatspi2.0-dev at-spi2-core dbus x11-utils \
	python3 python3-aiosmtpd python3-icalendar openssl python3-openpyxl \
	postgresql-15 postgresql-common gnome-keyring libsecret-tools

# What make test-interop needs besides: LibreOffice Calc without its
# window (several hundred MB, so not part of make test).
INTEROP_PACKAGES = libreoffice-calc-nogui

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps build run test test-asan test-interop bench fuzz clean

all: build

# $(call install-missing,PACKAGES): apt-get install those not installed.
define install-missing
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install-missing,$(PACKAGES))

test-deps: deps
	$(call install-missing,$(TEST_PACKAGES))

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	@[ -f $(DEMO_DB) ] || MP_LOCALEDIR=$(CURDIR)/$(BUILD)/po ./$(BUILD)/src/cli/moteplass-cli --db $(DEMO_DB) demo
	@if [ -x ./$(BUILD)/src/ui/moteplass ]; then \
	  MP_LOCALEDIR=$(CURDIR)/$(BUILD)/po GSETTINGS_SCHEMA_DIR=$(CURDIR)/$(BUILD)/data \
	    ./$(BUILD)/src/ui/moteplass --db $(DEMO_DB); \
	else \
	  ./$(BUILD)/src/cli/moteplass-cli --db $(DEMO_DB) event list; \
	fi

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false -Dgui=false -Dbuildtype=debug

test: test-deps build $(ASAN_BUILD)/build.ninja
	meson test -C $(BUILD) --print-errorlogs --num-processes 2
	ninja -C $(ASAN_BUILD)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  meson test -C $(ASAN_BUILD) --print-errorlogs --num-processes 2 --suite core --suite fuzz --suite cli

test-interop: build
	$(call install-missing,$(INTEROP_PACKAGES) python3)
	./tests/interop/test-libreoffice-csv.sh $(BUILD)/src/cli/moteplass-cli

bench: build
	./bench/run-all.sh $(BUILD)

fuzz: test-deps
	./tests/fuzz/run-fuzzers.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
