#!/usr/bin/python3
"""Reads the messages the test SMTP server stored, as a mail reader would.

    check-mail.py counts MAILDIR
        {"address": number of messages, ...} as JSON

    check-mail.py tickets MAILDIR DB EVENT_ID WORKDIR [--refused ADDRESS]...
        Every registration of EVENT_ID that is registered, with an address
        and not --refused, has exactly one message; no one else has any.
        Each message parses with Python's email package into the structure
        of src/core/mp-mail-message.h with the right headers (RFC 2047
        decoded, Date, Message-ID, Auto-Submitted); its text names the
        registration's ticket; the inline PNG and the attached PDF (through
        pdftoppm) scan with zbarimg to that ticket; the .ics parses with
        icalendar, UID the registration's UUID, start and end as the event's
        in Europe/Oslo. Prints each ticket code on a line; exits 1 saying
        what is wrong.
"""

import collections
import datetime
import email
import email.policy
import email.utils
import glob
import json
import os
import sqlite3
import subprocess
import sys
import zoneinfo

import icalendar

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
problems = []


def problem(text):
    problems.append(text)


def load(maildir):
    messages = []
    for path in sorted(glob.glob(os.path.join(maildir, "*.eml"))):
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        messages.append((path, msg))
    return messages


def counts(maildir):
    c = collections.Counter()
    for _, msg in load(maildir):
        for a in msg["X-Envelope-To"].split(","):
            c[a.strip().lower()] += 1
    return c


def zbar(path):
    r = subprocess.run(["zbarimg", "--nodbus", "-q", "--raw", path],
                       capture_output=True, text=True)
    return r.stdout.split()


def check_structure(path, msg):
    """multipart/mixed [ alternative [ plain, related [ html, png ] ], pdf, ics ]"""
    shape = []

    def walk(part, depth):
        shape.append((depth, part.get_content_type()))
        if part.is_multipart():
            for p in part.iter_parts():
                walk(p, depth + 1)

    walk(msg, 0)
    want = [(0, "multipart/mixed"), (1, "multipart/alternative"), (2, "text/plain"),
            (2, "multipart/related"), (3, "text/html"), (3, "image/png"),
            (1, "application/pdf"), (1, "text/calendar")]
    if shape != want:
        problem("%s: structure %s" % (path, shape))
        return None
    return {p.get_content_type(): p for p in msg.walk()}


def tickets(maildir, db, event_id, workdir, refused):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    event = con.execute("SELECT title, starts_at, ends_at FROM event WHERE id = ?", (event_id,)).fetchone()
    title, starts_at, ends_at = event
    regs = {}
    for rid, uuid, token, status, name, addr in con.execute(
            "SELECT r.id, r.uuid, r.token, r.status, p.name, p.email FROM registration r"
            " JOIN person p ON p.id = r.person_id WHERE r.event_id = ?", (event_id,)):
        if addr:
            regs[addr.lower()] = dict(id=rid, uuid=uuid, ticket="MP1" + token, status=status, name=name)

    by_address = collections.defaultdict(list)
    for path, msg in load(maildir):
        to = msg["X-Envelope-To"].strip().lower()
        if to in regs:
            by_address[to].append((path, msg))

    for addr, reg in regs.items():
        n = len(by_address.get(addr, []))
        want = 1 if reg["status"] == "registered" and addr not in refused else 0
        if n != want:
            problem("%s (%s, %s) got %d messages, not %d" % (addr, reg["name"], reg["status"], n, want))

    message_ids = set()
    for addr, found in by_address.items():
        reg = regs[addr]
        for path, msg in found:
            parts = check_structure(path, msg)
            if parts is None:
                continue
            # headers, decoded as a reader decodes them
            if str(msg["Subject"]) != "Billetten din til " + title:
                problem("%s: subject %r" % (path, str(msg["Subject"])))
            to = msg["To"].addresses[0]
            if to.display_name != reg["name"] or to.addr_spec.lower() != addr:
                problem("%s: To %r" % (path, str(msg["To"])))
            if msg["From"].addresses[0].display_name != "Kari Nordmann (Bergen kommune)":
                problem("%s: From %r" % (path, str(msg["From"])))
            if msg["Auto-Submitted"] != "auto-generated":
                problem("%s: Auto-Submitted %r" % (path, msg["Auto-Submitted"]))
            if email.utils.parsedate_to_datetime(msg["Date"]) is None:
                problem("%s: Date %r" % (path, msg["Date"]))
            mid = msg["Message-ID"]
            if not mid or not mid.startswith("<") or mid in message_ids:
                problem("%s: Message-ID %r" % (path, mid))
            message_ids.add(mid)
            raw = open(path, "rb").read()
            head = raw.split(b"\r\n\r\n", 1)[0]
            if any(b > 127 for b in head):
                problem("%s: 8-bit bytes in the header" % path)

            plain = parts["text/plain"].get_content()
            if reg["ticket"] not in plain or ("Hei %s," % reg["name"]) not in plain:
                problem("%s: plain text lacks the ticket or greeting" % path)
            html = parts["text/html"].get_content()
            png = parts["image/png"]
            cid = png["Content-ID"].strip("<>")
            if ("cid:" + cid) not in html or png.get_content_disposition() != "inline":
                problem("%s: the HTML does not show the inline code" % path)

            base = os.path.join(workdir, os.path.basename(path)[:-4])
            with open(base + "-qr.png", "wb") as f:
                f.write(png.get_payload(decode=True))
            if zbar(base + "-qr.png") != [reg["ticket"]]:
                problem("%s: the inline PNG does not scan to %s" % (path, reg["ticket"]))

            pdf = parts["application/pdf"]
            if pdf.get_filename() != "billett.pdf" or pdf.get_content_disposition() != "attachment":
                problem("%s: PDF attachment %r" % (path, pdf.get_filename()))
            with open(base + ".pdf", "wb") as f:
                f.write(pdf.get_payload(decode=True))
            subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", base + ".pdf", base + "-pdf"], check=True)
            if zbar(base + "-pdf.png") != [reg["ticket"]]:
                problem("%s: the PDF does not scan to %s" % (path, reg["ticket"]))

            ics = parts["text/calendar"]
            data = ics.get_payload(decode=True)
            if b"\n" in data.replace(b"\r\n", b"") or any(len(l) > 75 for l in data.split(b"\r\n")):
                problem("%s: .ics lines not CRLF or longer than 75 octets" % path)
            cal = icalendar.Calendar.from_ical(data)
            events = [c for c in cal.walk() if c.name == "VEVENT"]
            zones = [c for c in cal.walk() if c.name == "VTIMEZONE"]
            if len(events) != 1 or len(zones) != 1 or str(zones[0]["TZID"]) != "Europe/Oslo":
                problem("%s: .ics has %d events, %d time zones" % (path, len(events), len(zones)))
                continue
            ev = events[0]
            start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
            want_start = datetime.datetime.fromtimestamp(starts_at, OSLO)
            want_end = datetime.datetime.fromtimestamp(ends_at, OSLO)
            if start != want_start or end != want_end or ev["DTSTART"].params.get("TZID") != "Europe/Oslo":
                problem("%s: .ics %s–%s, not %s–%s" % (path, start, end, want_start, want_end))
            if start.utcoffset() != want_start.utcoffset():
                problem("%s: .ics offset %s" % (path, start.utcoffset()))
            if str(ev["UID"]) != reg["uuid"] or str(ev["SUMMARY"]) != title:
                problem("%s: .ics UID %s / SUMMARY %s" % (path, ev["UID"], ev["SUMMARY"]))
            if "DTSTAMP" not in ev:
                problem("%s: .ics without DTSTAMP" % path)
            print(reg["ticket"])


def main():
    if sys.argv[1] == "counts":
        print(json.dumps(counts(sys.argv[2])))
        return 0
    if sys.argv[1] == "tickets":
        maildir, db, event_id, workdir = sys.argv[2:6]
        refused = set()
        rest = sys.argv[6:]
        while rest:
            if rest[0] == "--refused":
                refused.add(rest[1].lower())
                rest = rest[2:]
            else:
                raise SystemExit("unknown argument " + rest[0])
        tickets(maildir, db, int(event_id), workdir, refused)
    for p in problems:
        print("# " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
