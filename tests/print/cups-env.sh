# Sourced by the tests that print through a real CUPS server: starts a
# private cupsd (its own configuration, spool and socket in a temporary
# folder; the system's cupsd, if any, is not touched) with one cups-pdf
# queue, MoteplassPDF, whose PDFs land in $MP_TEST_CUPS_OUT.
#
# cups-pdf reads its settings only from /etc/cups, so the queue gets an
# instance of its own (cups-pdf:/NAME reads /etc/cups/cups-pdf-NAME.conf)
# that is removed again on exit. cups-pdf must run as root, so this needs
# root; mp_cups_start returns 77 (skip) otherwise.
#
# After mp_cups_start: CUPS_SERVER, MP_TEST_CUPS_PRINTER, MP_TEST_CUPS_OUT
# are exported. Call mp_cups_stop from an EXIT trap.

mp_cups_skip_reason=

mp_cups_start ()
{
  if [ "$(id -u)" != 0 ]; then
    mp_cups_skip_reason="cups-pdf prints only when cupsd runs as root (run make test as root)"
    return 77
  fi
  for tool in /usr/sbin/cupsd lpadmin cupsenable cupsdisable; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      mp_cups_skip_reason="$tool is missing (Debian package cups)"
      return 77
    fi
  done
  if [ ! -x /usr/lib/cups/backend/cups-pdf ] || [ ! -f /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd ]; then
    mp_cups_skip_reason="cups-pdf is missing (Debian package printer-driver-cups-pdf)"
    return 77
  fi

  MP_CUPS_DIR=$(mktemp -d /tmp/mp-cups-XXXXXX)
  chmod 755 "$MP_CUPS_DIR"
  MP_CUPS_INSTANCE="moteplass-test-$$"
  mkdir -p "$MP_CUPS_DIR/etc/ppd" "$MP_CUPS_DIR/spool/tmp" "$MP_CUPS_DIR/cache" \
           "$MP_CUPS_DIR/state" "$MP_CUPS_DIR/log" "$MP_CUPS_DIR/out" "$MP_CUPS_DIR/pdf-spool"
  chmod 1777 "$MP_CUPS_DIR/out"

  cat > "$MP_CUPS_DIR/etc/cups-files.conf" <<CONF
ServerRoot $MP_CUPS_DIR/etc
RequestRoot $MP_CUPS_DIR/spool
TempDir $MP_CUPS_DIR/spool/tmp
CacheDir $MP_CUPS_DIR/cache
StateDir $MP_CUPS_DIR/state
AccessLog $MP_CUPS_DIR/log/access_log
ErrorLog $MP_CUPS_DIR/log/error_log
PageLog $MP_CUPS_DIR/log/page_log
Printcap $MP_CUPS_DIR/printcap
User lp
Group lp
SystemGroup root
CONF

  cat > "$MP_CUPS_DIR/etc/cupsd.conf" <<CONF
LogLevel info
Listen $MP_CUPS_DIR/cups.sock
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF

  cat > "/etc/cups/cups-pdf-$MP_CUPS_INSTANCE.conf" <<CONF
Out $MP_CUPS_DIR/out
AnonDirName $MP_CUPS_DIR/out
Spool $MP_CUPS_DIR/pdf-spool
Label 1
UserUMask 0022
Grp root
CONF

  /usr/sbin/cupsd -f -c "$MP_CUPS_DIR/etc/cupsd.conf" -s "$MP_CUPS_DIR/etc/cups-files.conf" &
  MP_CUPS_PID=$!

  export CUPS_SERVER="$MP_CUPS_DIR/cups.sock"
  export MP_TEST_CUPS_OUT="$MP_CUPS_DIR/out"
  export MP_TEST_CUPS_PRINTER=MoteplassPDF

  for _ in $(seq 100); do
    [ -S "$CUPS_SERVER" ] && lpstat -r >/dev/null 2>&1 && break
    sleep 0.1
  done
  if ! lpadmin -p MoteplassPDF -v "cups-pdf:/$MP_CUPS_INSTANCE" \
         -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd -E 2>"$MP_CUPS_DIR/log/lpadmin"; then
    mp_cups_skip_reason="the private cupsd did not start (see $MP_CUPS_DIR/log/error_log)"
    return 1
  fi
  return 0
}

# For a TAP test that needs the queue: mp_cups_start, and when it
# cannot, the whole test skips (77: not root, a package missing) or
# bails out (cupsd failed; its error log on stderr).
mp_cups_start_or_skip ()
{
  mp_cups_start
  case $? in
    0) return 0 ;;
    77) echo "1..0 # SKIP $mp_cups_skip_reason"; exit 0 ;;
    *) echo "Bail out! $mp_cups_skip_reason"
       cat "$MP_CUPS_DIR/log/error_log" >&2 2>/dev/null
       exit 1 ;;
  esac
}

mp_cups_stop ()
{
  if [ -n "${MP_CUPS_PID:-}" ]; then
    kill "$MP_CUPS_PID" 2>/dev/null
    wait "$MP_CUPS_PID" 2>/dev/null
    MP_CUPS_PID=
  fi
  if [ -n "${MP_CUPS_INSTANCE:-}" ]; then
    rm -f "/etc/cups/cups-pdf-$MP_CUPS_INSTANCE.conf"
  fi
  if [ -n "${MP_CUPS_DIR:-}" ] && [ -z "${MP_CUPS_KEEP:-}" ]; then
    rm -rf "$MP_CUPS_DIR"
  fi
}
