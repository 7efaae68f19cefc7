#!/bin/sh
# Badges through a real print server: a private cupsd with a cups-pdf
# queue (tests/print/cups-env.sh), then the core's badge tests against it
# (tests/test-badge-print.c: a badge printed through CUPS scans to the
# attendee's ticket; a stopped, rejecting or missing queue is
# MP_ERROR_PRINTER) and the CLI's badge and printers verbs.
#
# Usage: test-badge-cups.sh TEST-BADGE-PRINT [MOTEPLASS-CLI]
set -u

here=$(dirname "$0")
. "$here/cups-env.sh"
trap mp_cups_stop EXIT

mp_cups_start_or_skip

# The C tests speak TAP themselves.
"$1" -p /badge-print/cups
