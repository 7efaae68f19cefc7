#define G_LOG_DOMAIN "mp-enums"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-enums.h"
#include "mp-text.h"

G_DEFINE_ENUM_TYPE (MpEventKind, mp_event_kind,
  G_DEFINE_ENUM_VALUE (MP_EVENT_KIND_DIALOGUE_MEETING, "dialogue-meeting"),
  G_DEFINE_ENUM_VALUE (MP_EVENT_KIND_BREAKFAST_MEETING, "breakfast-meeting"),
  G_DEFINE_ENUM_VALUE (MP_EVENT_KIND_CONFERENCE, "conference"),
  G_DEFINE_ENUM_VALUE (MP_EVENT_KIND_SEMINAR, "seminar"),
  G_DEFINE_ENUM_VALUE (MP_EVENT_KIND_WEBINAR, "webinar"),
  G_DEFINE_ENUM_VALUE (MP_EVENT_KIND_WORKSHOP, "workshop"))

G_DEFINE_ENUM_TYPE (MpRegistrationStatus, mp_registration_status,
  G_DEFINE_ENUM_VALUE (MP_REGISTRATION_STATUS_REGISTERED, "registered"),
  G_DEFINE_ENUM_VALUE (MP_REGISTRATION_STATUS_WAITLISTED, "waitlisted"),
  G_DEFINE_ENUM_VALUE (MP_REGISTRATION_STATUS_CANCELLED, "cancelled"))

G_DEFINE_ENUM_TYPE (MpRegistrationSource, mp_registration_source,
  G_DEFINE_ENUM_VALUE (MP_REGISTRATION_SOURCE_IMPORT, "import"),
  G_DEFINE_ENUM_VALUE (MP_REGISTRATION_SOURCE_KIOSK, "kiosk"),
  G_DEFINE_ENUM_VALUE (MP_REGISTRATION_SOURCE_DESK, "desk"),
  G_DEFINE_ENUM_VALUE (MP_REGISTRATION_SOURCE_MANUAL, "manual"))

G_DEFINE_ENUM_TYPE (MpCheckInOutcome, mp_check_in_outcome,
  G_DEFINE_ENUM_VALUE (MP_CHECK_IN_CHECKED_IN, "checked-in"),
  G_DEFINE_ENUM_VALUE (MP_CHECK_IN_ALREADY, "already"),
  G_DEFINE_ENUM_VALUE (MP_CHECK_IN_WRONG_EVENT, "wrong-event"),
  G_DEFINE_ENUM_VALUE (MP_CHECK_IN_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (MP_CHECK_IN_WAITLISTED, "waitlisted"),
  G_DEFINE_ENUM_VALUE (MP_CHECK_IN_NOT_A_TICKET, "not-a-ticket"),
  G_DEFINE_ENUM_VALUE (MP_CHECK_IN_NOT_VALID, "not-valid"))

static const struct {
  const char *code;
  const char *words[7]; /* folded synonyms: nb, nn, en */
} event_kinds[] = {
  [MP_EVENT_KIND_DIALOGUE_MEETING] = { "dialogue_meeting", { "dialogmote", "dialogue meeting", "dialogue", "dialog", NULL } },
  [MP_EVENT_KIND_BREAKFAST_MEETING] = { "breakfast_meeting", { "frokostmote", "frukostmote", "breakfast meeting", "breakfast seminar", "frokostseminar", "breakfast", NULL } },
  [MP_EVENT_KIND_CONFERENCE] = { "conference", { "konferanse", "conference", NULL } },
  [MP_EVENT_KIND_SEMINAR] = { "seminar", { "seminar", NULL } },
  [MP_EVENT_KIND_WEBINAR] = { "webinar", { "webinar", "nettmote", NULL } },
  [MP_EVENT_KIND_WORKSHOP] = { "workshop", { "verksted", "verkstad", "workshop", NULL } },
};

const char *
mp_event_kind_to_string (MpEventKind kind)
{
  g_return_val_if_fail (kind < MP_N_EVENT_KINDS, NULL);
  return event_kinds[kind].code;
}

gboolean
mp_event_kind_from_string (const char  *text,
                           MpEventKind *out_kind)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = mp_text_fold (text);

  for (guint i = 0; i < G_N_ELEMENTS (event_kinds); i++)
    {
      g_autofree char *code = mp_text_fold (event_kinds[i].code);

      if (g_str_equal (folded, code))
        goto found;
      for (guint j = 0; event_kinds[i].words[j] != NULL; j++)
        if (g_str_equal (folded, event_kinds[i].words[j]))
          goto found;
      continue;

    found:
      if (out_kind != NULL)
        *out_kind = i;
      return TRUE;
    }

  return FALSE;
}

const char *
mp_event_kind_get_label (MpEventKind kind)
{
  switch (kind)
    {
    case MP_EVENT_KIND_DIALOGUE_MEETING: return _("Dialogue meeting");
    case MP_EVENT_KIND_BREAKFAST_MEETING: return _("Breakfast meeting");
    case MP_EVENT_KIND_CONFERENCE: return _("Conference");
    case MP_EVENT_KIND_SEMINAR: return _("Seminar");
    case MP_EVENT_KIND_WEBINAR: return _("Webinar");
    case MP_EVENT_KIND_WORKSHOP: return _("Workshop");
    case MP_N_EVENT_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}

/* @folded begins with @word, and a word ends there */
static gboolean
begins_with_word (const char *folded,
                  const char *word)
{
  gsize n = strlen (word);
  gunichar next;

  if (n == 0 || strncmp (folded, word, n) != 0)
    return FALSE;
  next = g_utf8_get_char (folded + n);
  return next == 0 || !g_unichar_isalnum (next);
}

gboolean
mp_event_kind_begins_text (MpEventKind  kind,
                           const char  *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (kind < MP_N_EVENT_KINDS, FALSE);

  if (text == NULL)
    return FALSE;

  folded = mp_text_fold (text);
  label = mp_text_fold (mp_event_kind_get_label (kind));
  if (begins_with_word (folded, label))
    return TRUE;
  for (guint j = 0; event_kinds[kind].words[j] != NULL; j++)
    if (begins_with_word (folded, event_kinds[kind].words[j]))
      return TRUE;
  return FALSE;
}

/* A stable code name, as stored, and the label a person reads. */
typedef struct
{
  const char *code;
  const char *label;   /* N_() */
} Code;

static const Code status_codes[] = {
  [MP_REGISTRATION_STATUS_REGISTERED] = { "registered", N_("Registered") },
  [MP_REGISTRATION_STATUS_WAITLISTED] = { "waitlisted", N_("Waiting list") },
  [MP_REGISTRATION_STATUS_CANCELLED] = { "cancelled", N_("Cancelled") },
};

static const Code source_codes[] = {
  [MP_REGISTRATION_SOURCE_IMPORT] = { "import", N_("Imported") },
  [MP_REGISTRATION_SOURCE_KIOSK] = { "kiosk", N_("Kiosk") },
  [MP_REGISTRATION_SOURCE_DESK] = { "desk", N_("Check-in desk") },
  [MP_REGISTRATION_SOURCE_MANUAL] = { "manual", N_("Added by hand") },
};

static const Code exception_codes[] = {
  [MP_CHECK_IN_EXCEPTION_NONE] = { NULL, "" },
  /* Translators: why a person was admitted by exception: "admitted by
   * exception (waiting list)" */
  [MP_CHECK_IN_EXCEPTION_WAITLISTED] = { "waitlisted", N_("waiting list") },
  /* Translators: "admitted by exception (cancelled)" */
  [MP_CHECK_IN_EXCEPTION_CANCELLED] = { "cancelled", N_("cancelled") },
};

static const char *
code_to_string (const Code *codes,
                guint       n_codes,
                guint       value)
{
  g_return_val_if_fail (value < n_codes, NULL);
  return codes[value].code;
}

static gboolean
code_from_string (const Code *codes,
                  guint       n_codes,
                  const char *text,
                  guint      *out)
{
  for (guint i = 0; i < n_codes; i++)
    if (g_strcmp0 (codes[i].code, text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static const char *
code_get_label (const Code *codes,
                guint       n_codes,
                guint       value)
{
  g_return_val_if_fail (value < n_codes, "");
  return _(codes[value].label);
}

const char *
mp_registration_status_to_string (MpRegistrationStatus status)
{
  return code_to_string (status_codes, G_N_ELEMENTS (status_codes), status);
}

gboolean
mp_registration_status_from_string (const char           *text,
                                    MpRegistrationStatus *out_status)
{
  G_STATIC_ASSERT (sizeof (MpRegistrationStatus) == sizeof (guint));
  return code_from_string (status_codes, G_N_ELEMENTS (status_codes), text, (guint *) out_status);
}

const char *
mp_registration_status_get_label (MpRegistrationStatus status)
{
  return code_get_label (status_codes, G_N_ELEMENTS (status_codes), status);
}

const char *
mp_registration_source_to_string (MpRegistrationSource source)
{
  return code_to_string (source_codes, G_N_ELEMENTS (source_codes), source);
}

gboolean
mp_registration_source_from_string (const char           *text,
                                    MpRegistrationSource *out_source)
{
  G_STATIC_ASSERT (sizeof (MpRegistrationSource) == sizeof (guint));
  return code_from_string (source_codes, G_N_ELEMENTS (source_codes), text, (guint *) out_source);
}

const char *
mp_registration_source_get_label (MpRegistrationSource source)
{
  return code_get_label (source_codes, G_N_ELEMENTS (source_codes), source);
}

gboolean
mp_registration_source_is_walk_in (MpRegistrationSource source)
{
  /* The counts' triggers say the same (mp-schema.h, migration 6). */
  return source == MP_REGISTRATION_SOURCE_DESK || source == MP_REGISTRATION_SOURCE_KIOSK;
}

const char *
mp_check_in_outcome_to_string (MpCheckInOutcome outcome)
{
  static const char *codes[] = {
    "checked-in", "already", "wrong-event", "cancelled", "waitlisted", "not-a-ticket", "not-valid",
  };

  g_return_val_if_fail (outcome < G_N_ELEMENTS (codes), NULL);
  return codes[outcome];
}

const char *
mp_check_in_exception_to_string (MpCheckInException exception)
{
  return code_to_string (exception_codes, G_N_ELEMENTS (exception_codes), exception);
}

gboolean
mp_check_in_exception_from_string (const char         *text,
                                   MpCheckInException *out_exception)
{
  G_STATIC_ASSERT (sizeof (MpCheckInException) == sizeof (guint));
  if (text == NULL || text[0] == '\0')
    {
      *out_exception = MP_CHECK_IN_EXCEPTION_NONE;
      return TRUE;
    }
  return code_from_string (exception_codes, G_N_ELEMENTS (exception_codes), text, (guint *) out_exception);
}

const char *
mp_check_in_exception_get_label (MpCheckInException exception)
{
  if (exception == MP_CHECK_IN_EXCEPTION_NONE)
    return "";
  return code_get_label (exception_codes, G_N_ELEMENTS (exception_codes), exception);
}
