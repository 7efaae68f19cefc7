#!/usr/bin/python3
"""Writes the workbooks of tests/cli/test-import-platforms.sh into DIR.

openpyxl (python3-openpyxl) writes them as Excel does: shared strings,
dates as serial numbers with a date format, numbers as numbers. Their
shapes follow the platforms (see README.md beside this file):

- microsoft-forms.xlsx: Microsoft Forms' "Open in Excel" of a form that
  anyone can answer: ID, Start time, Completion time, Email ("anonymous"),
  Name (empty), Last modified time, then one column per question. A
  second sheet, as people add.
- pretix.xlsx: pretix's "Order data" as one Excel file: the sheets
  Orders, Order positions and Order fees, in that order; the people are
  in the second.
- nettskjema.xlsx: Nettskjema's Excel export with the codebook on:
  $submission_id, $created, the questions by their codebook names and
  the answers by their codebook values, $answer_time_ms.
"""
import datetime
import sys

import openpyxl

out = sys.argv[1] if len(sys.argv) > 1 else "."

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Form1"
ws.append(["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
           "Hva heter du?", "E-postadresse", "Hvilken organisasjon representerer du?", "Sektor",
           "Samtykker du til at vi kontakter deg etter møtet?", "Kan vi ta bilder av deg?",
           "Har du allergier eller behov for spesiell mat?"])
start = datetime.datetime(2026, 2, 3, 10, 14, 22)
rows = [
    ("Kari Nordmann", "kari.nordmann@bergen.kommune.no", "Bergen kommune", "Kommune", "Samtykker", "Ja", "Ingen"),
    ("أحمد حسن", "ahmed.hassan@nav.no", "NAV Årstad", "NAV", "Godtar", "Nei", "Halal\nIngen nøtter"),
    ("Олена Коваленко", "olena.k@gmail.com", "Ukrainsk forening i Bergen", "Innvandrerorganisasjon", "", "Ja", "-"),
]
for i, (name, email, org, sector, followup, photo, diet) in enumerate(rows):
    t = start + datetime.timedelta(minutes=37 * i)
    ws.append([i + 1, t, t + datetime.timedelta(minutes=2), "anonymous", None, None,
               name, email, org, sector, followup or None, photo, diet])
wb.create_sheet("Ark2").append(["Notater"])
wb.save(f"{out}/microsoft-forms.xlsx")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Svar"
ws.append(["$submission_id", "$created", "fornavn", "etternavn", "epost", "org", "sektor",
           "samtykke", "$answer_time_ms"])
ws.append([27685292, "2026-02-03T10:14:22+01:00", "Kari", "Nordmann", "kari@bergen.kommune.no",
           "Bergen kommune", "kommune", 1, 74630])
ws.append([27685302, "2026-02-03T10:58:33+01:00", "Mykola", "Shevchenko", "mykola@ukr.net",
           "Ukrainsk forening i Bergen", "innvandrer_org", 0, 71313])
ws.append([27685319, "2026-02-03T11:59:50+01:00", "Amina", "Yusuf", "amina@frivillig.no",
           "Frivilligsentralen i Årstad", "frivilligsentral", 1, 70230])
wb.save(f"{out}/nettskjema.xlsx")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Orders"
ws.append(["Event slug", "Order code", "Order total", "Status", "Email", "Phone number", "Order date",
           "Order time", "Company", "Name"])
ws.append(["dialogmote-2026", "Q7HX3", 0, "paid", "post@bergen.kommune.no", "", "2026-02-03", "10:14:22",
           "Bergen kommune", "Servicetorget Bergen"])
ws = wb.create_sheet("Order positions")
ws.append(["Event slug", "Order code", "Position ID", "Status", "Email", "Phone number", "Order date",
           "Order time", "Product", "Price", "Attendee name", "Attendee email", "Company",
           "Invoice address name"])
ws.append(["dialogmote-2026", "Q7HX3", 1, "paid", "post@bergen.kommune.no", "", "2026-02-03", "10:14:22",
           "Dialogmøte", 0, "Kari Nordmann", "kari.nordmann@bergen.kommune.no", "Bergen kommune",
           "Servicetorget Bergen"])
ws.append(["dialogmote-2026", "Q7HX3", 2, "paid", "post@bergen.kommune.no", "", "2026-02-03", "10:14:22",
           "Dialogmøte", 0, "Yusuf Ali", "", "Bergen kommune", "Servicetorget Bergen"])
wb.create_sheet("Order fees").append(["Event slug", "Order code", "Status"])
wb.save(f"{out}/pretix.xlsx")
