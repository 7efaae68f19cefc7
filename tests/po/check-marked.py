#!/usr/bin/env python3
"""Every string a person reads is marked for translation.

Fails (TAP "not ok") when a user-visible string is left out of gettext:

- in ui/*.ui: a property or menu attribute that people read (label,
  title, subtitle, tooltip-text, placeholder-text, text, description,
  heading, body, ... and accessible labels and descriptions) holding
  words without translatable="yes" (translatable="no" is a decision and
  is accepted);
- in src/**/*.c: a string literal with words handed straight to a call
  whose text people read (GTK/libadwaita setters, toasts, dialogs,
  g_set_error and g_printerr messages, the CLI's error and help output)
  instead of through _(), N_(), C_() or ngettext.

A string with no letters ("0", "—", "%s", "·") needs no translation.
Lines may opt out with a comment "/* not translated: why */" on the
same line, for text that is not language (a file name, a MIME type).

    tests/po/check-marked.py SOURCE_DIR
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")

READ_PROPERTIES = {
    "label", "title", "subtitle", "tooltip-text", "tooltip-markup",
    "placeholder-text", "text", "description", "heading", "body",
    "button-label", "secondary-text", "primary-text", "message",
    "accept-label", "cancel-label", "placeholder",
}
LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def has_words(text):
    if text is None:
        return False
    text = text.strip()
    if not text or not LETTERS.search(text):
        return False
    # format directives, escapes and the program's own name are not words
    stripped = re.sub(r"%[-+ #0'*.\d]*[a-zA-Z]|\\[ntr]|moteplass-cli|Møteplass", "", text)
    return bool(LETTERS.search(stripped))


def check_ui(path, problems):
    tree = ET.parse(path)
    for element in tree.iter():
        if element.tag not in ("property", "attribute", "item"):
            continue
        name = element.get("name")
        if element.tag != "item" and name not in READ_PROPERTIES:
            continue
        if element.tag == "item" and (element.text is None or not element.text.strip()):
            continue
        if element.get("translatable") in ("yes", "no"):
            continue
        if list(element):      # an object inside, not text
            continue
        if has_words(element.text):
            problems.append(f"{path.relative_to(src)}: <{element.tag} name=\"{name}\"> "
                            f"“{element.text.strip()}” is not translatable=\"yes\"")


# Calls whose string argument people read. The pattern finds the call and
# then the first string literal among its arguments on the same line.
CALLS = [
    r"gtk_label_set_(?:text|label|markup)",
    r"gtk_button_set_label",
    r"gtk_widget_set_tooltip_(?:text|markup)",
    r"gtk_window_set_title",
    r"gtk_entry_set_placeholder_text",
    r"gtk_editable_set_text",
    r"gtk_inscription_set_text",
    r"gtk_progress_bar_set_text",
    r"gtk_check_button_set_label",
    r"adw_toast_new(?:_format)?",
    r"adw_toast_set_(?:title|button_label)",
    r"adw_preferences_(?:row|group|page)_set_(?:title|description)",
    r"adw_action_row_set_subtitle",
    r"adw_window_title_set_(?:title|subtitle)",
    r"adw_status_page_set_(?:title|description)",
    r"adw_message_dialog_(?:new|set_heading|set_body|format_heading|format_body|add_response)",
    r"adw_button_content_set_label",
    r"adw_expander_row_set_subtitle",
    r"g_set_error(?:_literal)?",
    r"g_printerr",
    r"mp_window_show_error_text",
]
CALL = re.compile(r"\b(" + "|".join(CALLS) + r")\s*\(([^;]*)")
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
MARKED = re.compile(r"\b(?:_|N_|C_|NC_|g_dngettext|ngettext|g_dpgettext2)\s*\($")


def check_c(path, problems):
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if "not translated:" in line:
            continue
        stripped = line.strip()
        if stripped.startswith(("*", "/*", "//", "#")):
            continue
        for call in CALL.finditer(line):
            args = call.group(2)
            for literal in LITERAL.finditer(args):
                text = literal.group(1)
                before = args[:literal.start()].rstrip()
                if MARKED.search(before) or before.endswith(("_ (", "_(")):
                    continue
                # inside a gettext call with more arguments (plural forms)
                if re.search(r"\b(?:g_dngettext|ngettext|g_dpgettext2|NC_)\s*\(", before):
                    continue
                # a response's id, not its label
                if call.group(1) == "adw_message_dialog_add_response" and before.count(",") == 1:
                    continue
                # C_("context", "text"): the second literal follows a marked context
                if re.search(r"\bC_\s*\(\s*$", before) or re.search(r'\bC_\s*\(\s*"[^"]*"\s*,\s*$', before):
                    continue
                # g_set_error (error, DOMAIN, CODE, "...") formats only: "%s"
                if not has_words(text):
                    continue
                problems.append(f"{path.relative_to(src)}:{number}: “{text}” reaches "
                                f"{call.group(1)} () without gettext")
                break


def self_test():
    """The checks catch what they are for (and let marked strings be)."""
    import tempfile
    global src
    real_src = src
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp)
        (src / "ui").mkdir()
        (src / "src").mkdir()
        ui = src / "ui" / "bad.ui"
        ui.write_text("""<interface><object class="GtkButton">
<property name="label">Check In</property>
<property name="tooltip-text" translatable="yes">Fine</property>
<property name="icon-name">edit-undo-symbolic</property>
<property name="title">—</property></object>
<menu id="m"><section><item><attribute name="label">Quit</attribute></item></section></menu>
</interface>""")
        c = src / "src" / "bad.c"
        c.write_text("""void f (void) {
  gtk_label_set_text (label, "Welcome back");
  gtk_label_set_text (label, _("Marked"));
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID, "No such event %d", n);
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID, _("No such event %d"), n);
  adw_message_dialog_add_response (dialog, "cancel", _("Cancel"));
  adw_toast_new_format (g_dngettext (NULL, "%u person", "%u people", n), n);
  gtk_label_set_text (label, "%s");
}
""")
        found = []
        check_ui(ui, found)
        check_c(c, found)
    src = real_src
    want = ["“Check In”", "“Quit”", "“Welcome back”", "“No such event %d”"]
    missing = [w for w in want if not any(w in f for f in found)]
    extra = [f for f in found if not any(w in f for w in want)]
    for m in missing:
        print(f"# not caught: {m}")
    for e in extra:
        print(f"# caught by mistake: {e}")
    return not missing and not extra


print("1..2")
if self_test():
    print("ok 1 - the check catches unmarked strings and passes marked ones")
else:
    print("not ok 1 - the check catches unmarked strings and passes marked ones")
    sys.exit(1)

problems = []
for ui in sorted((src / "ui").rglob("*.ui")):
    check_ui(ui, problems)
for c in sorted((src / "src").rglob("*.c")):
    check_c(c, problems)

if problems:
    for p in problems:
        print(f"# {p}")
    print("not ok 2 - every user-visible string in ui/ and src/ is marked for translation")
    sys.exit(1)
print("ok 2 - every user-visible string in ui/ and src/ is marked for translation")
