#!/bin/bash
# moteplass-cli checkin at the door (issue 16): what the volunteer needs
# to know, printed and in --json; a ticket for another event named (its
# title and date, nothing of its holder); --admit-anyway for the waiting
# list and the cancelled, recorded as an exception and counted in the
# report. Prints TAP.
#
#   test-door.sh MOTEPLASS_CLI
. "$(dirname "$(realpath "$0")")/../tap.sh"
CLI=${1:?usage: test-door.sh MOTEPLASS_CLI}
tap_tmpdir
export LANGUAGE=en LC_ALL=C.UTF-8 TZ=Europe/Oslo

db=$tmp/door.db
c () { "$CLI" --db "$db" "$@"; }
sql () { sqlite3 -batch "$db" "$1"; }
ticket () { sql "SELECT 'MP1' || r.token FROM registration r JOIN person p ON p.id = r.person_id WHERE p.name = '$1';"; }

c event add --title "Dialogmøte" --kind dialogmøte --starts 2026-03-10T09:00 >/dev/null
c event add --title "Frokostmøte" --kind frokostmøte --starts 2026-12-08T08:00 >/dev/null
c register 1 --name "Kari Nordmann" --organisation "NAV Vestland" --dietary Halal \
  --accessibility "Rullestol" --interpreter Arabisk --note $'Holder innlegg\nHent Anne' >/dev/null
c register 1 --name "Vera Venter" >/dev/null
c register 1 --name "Per Avlyst" >/dev/null
c register 2 --name "Nora Annen" --email nora@example.org >/dev/null
sql "UPDATE registration SET status = 'waitlisted' WHERE person_id = 2; UPDATE registration SET status = 'cancelled' WHERE person_id = 3;"

ok "a check-in prints the welcome and every need, a line each" \
  status_is 0 c checkin 1 "$(ticket 'Kari Nordmann')" --desk "Inngang 2"
ok "… dietary, accessibility, interpreter, the note (its second line indented)" \
  eval 'out_has "Welcome, Kari Nordmann (NAV Vestland)" && out_has "  Dietary needs: Halal" && out_has "  Accessibility needs: Rullestol" \
        && out_has "  Interpreter: Arabisk" && out_has "  Note: Holder innlegg" && out_has "    Hent Anne"'
ok "--json has the needs" \
  eval 'status_is 3 c --json checkin 1 "$(ticket "Kari Nordmann")" && out_has "\"dietary\" : \"Halal\"" && out_has "\"note\" : \"Holder innlegg\\nHent Anne\""'

ok "a ticket for another event: exit 4, named with its date" \
  eval 'status_is 4 c checkin 1 "$(ticket "Nora Annen")" && out_has "This ticket is for Frokostmøte, Tuesday 8 December 2026"'
ok "--json names it too, and nothing about its holder" \
  eval 'status_is 4 c --json checkin 1 "$(ticket "Nora Annen")" && out_has "\"title\" : \"Frokostmøte\"" \
        && out_has "\"starts_at\" : \"2026-12-08T08:00:00+01:00\"" && out_has "\"attendee\" : null" \
        && ! grep -q -e Nora -e nora@ "$tmp/out"'

ok "the waiting list: exit 4, nothing recorded, and how to let her in" \
  eval 'status_is 4 c checkin 1 "$(ticket "Vera Venter")" && out_has "Vera Venter is on the waiting list" && err_has "--admit-anyway" \
        && [ "$(sql "SELECT count(*) FROM checkin WHERE registration_id = 2")" = 0 ]'
ok "--admit-anyway lets her in: exit 0, said so, recorded as an exception with the desk" \
  eval 'status_is 0 c checkin 1 "$(ticket "Vera Venter")" --admit-anyway --desk "Inngang 2" \
        && out_has "Welcome, Vera Venter. Admitted by exception (waiting list)." \
        && [ "$(sql "SELECT exception, desk FROM checkin WHERE registration_id = 2")" = "waitlisted|Inngang 2" ]'
ok "a cancelled one says when, and --json says it can be admitted anyway" \
  eval 'status_is 4 c --json checkin 1 "$(ticket "Per Avlyst")" && out_has "was cancelled on " && out_has "\"can_admit_anyway\" : true"'
ok "--admit-anyway --json: the exception named" \
  eval 'status_is 0 c --json checkin 1 "$(ticket "Per Avlyst")" --admit-anyway && out_has "\"exception\" : \"cancelled\""'
ok "--admit-anyway does not reach another event's ticket" \
  eval 'status_is 4 c checkin 1 "$(ticket "Nora Annen")" --admit-anyway && [ "$(sql "SELECT count(*) FROM checkin WHERE registration_id = 4")" = 0 ]'

ok "the report counts the exceptions among the arrived" \
  eval 'status_is 0 c report 1 && grep -qE "^Arrived +3$" "$tmp/out" && grep -qE "^Admitted by exception +2$" "$tmp/out"'
ok "… and so does its --json" \
  eval 'status_is 0 c --json report 1 && out_has "\"admitted_by_exception\" : 2"'
ok "the person's export has the note and the exception" \
  eval 'status_is 0 c person export 2 && out_has "\"exception\" : \"waitlisted\""'

tap_done
