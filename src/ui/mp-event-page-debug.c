/* The event page's test and timing hooks: what it shows, for
 * MP_DEBUG_STATE, and with MP_DEBUG_TIMING how long a search keystroke
 * took until its frame was painted (mp-frame-timing.h). */
#define G_LOG_DOMAIN "mp-event-page"

#include "config.h"

#include "mp-event-page-private.h"
#include "mp-frame-timing.h"
#include "mp-time.h"

/* The search entry's text changed: a keystroke, the start of what is timed. */
void
_mp_event_page_timing_edited (MpEventPage *self)
{
  if (mp_frame_timing_enabled ())
    self->key_time = g_get_monotonic_time ();
}

/* The list shows the search: timed from the keystroke to its frame. */
void
_mp_event_page_timing_searched (MpEventPage *self,
                                gint64       started_us)
{
  mp_frame_timing_log (GTK_WIDGET (self->attendee_view), "search",
                       self->key_time != 0 ? self->key_time : started_us,
                       (g_get_monotonic_time () - started_us) / 1000.0);
  self->key_time = 0;
}

void
mp_event_page_describe (MpEventPage *self,
                        GString     *out)
{
  guint n;

  g_return_if_fail (MP_IS_EVENT_PAGE (self));

  if (self->event == NULL)
    return;

  g_string_append_printf (out, "event=%" G_GINT64_FORMAT "|%s\n",
                          mp_event_get_id (self->event), mp_event_get_title (self->event));
  g_string_append_printf (out, "counts=%u|%u\n", self->counts.registered, self->counts.arrived);
  g_string_append_printf (out, "summary=%s\n", gtk_label_get_label (self->summary_label));
  g_string_append_printf (out, "arrived.shown=%d\n", gtk_widget_get_visible (self->arrived_box));
  g_string_append_printf (out, "query=%s\n", gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_string_append_printf (out, "view=%s\n", gtk_stack_get_visible_child_name (self->list_stack));
  g_string_append_printf (out, "matches=%s\n", gtk_label_get_label (self->matches_label));
  if (self->attendees != NULL)
    {
      static const char *sort_names[] = { "name", "organisation", "sector", "status", "arrived", "given-name" };
      gboolean descending = FALSE;
      MpAttendeeSort sort = mp_attendee_list_get_sort (self->attendees, &descending);
      g_autofree char *filter = mp_attendee_filter_describe (self->filter);

      g_string_append_printf (out, "sort=%s|%s\n", sort_names[sort], descending ? "descending" : "ascending");
      g_string_append_printf (out, "filter=%s\n", filter);
    }
  if (self->import_dialog != NULL)
    mp_import_dialog_describe (self->import_dialog, out);
  if (self->registration_editor != NULL)
    mp_registration_editor_describe (self->registration_editor, out);
  if (self->send_tickets_dialog != NULL)
    mp_send_tickets_dialog_describe (self->send_tickets_dialog, out);
  if (self->export_dialog != NULL)
    mp_export_dialog_describe (self->export_dialog, out);
  if (self->mailing_dialog != NULL)
    mp_mailing_dialog_describe (self->mailing_dialog, out);
  g_string_append_printf (out, "selected=%u\n", mp_attendee_view_get_n_selected (self->attendee_view));
  g_string_append_printf (out, "move-up=%d\n", gtk_widget_get_visible (self->move_up_button));
  /* where it is, for a test to click (as a person sees it) */
  if (gtk_widget_get_mapped (self->move_up_button))
    {
      graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (self->move_up_button) / 2.0f,
                                                     gtk_widget_get_height (self->move_up_button) / 2.0f);
      graphene_point_t at;

      if (gtk_widget_compute_point (self->move_up_button, GTK_WIDGET (gtk_widget_get_root (self->move_up_button)),
                                    &centre, &at))
        g_string_append_printf (out, "move-up.at=%d,%d\n", (int) at.x, (int) at.y);
    }
  g_string_append_printf (out, "admitted_twice=%u\n", self->n_twice);

  /* The rows of the model the column view shows, as far as a screen goes. */
  n = self->attendees != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->attendees)) : 0;
  for (guint i = 0; i < n && i < 40; i++)
    {
      g_autoptr(MpAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);
      g_autofree char *clock = mp_attendee_get_arrived (attendee)
                               ? mp_time_format_clock (mp_attendee_get_checked_in_at (attendee))
                               : g_strdup ("");

      g_string_append_printf (out, "row=%s|%s|%s|%s|%s\n",
                              mp_attendee_get_name (attendee),
                              mp_attendee_get_organisation (attendee),
                              mp_attendee_get_sector (attendee),
                              mp_registration_status_to_string (mp_attendee_get_status (attendee)),
                              clock);
      if (mp_attendee_get_ticket_mail (attendee) != MP_ATTENDEE_TICKET_MAIL_NONE)
        {
          static const char *marks[] = { "none", "failed", "address-changed", "unconfirmed", "sent" };

          g_string_append_printf (out, "mail=%s|%s\n", mp_attendee_get_name (attendee),
                                  marks[MIN (mp_attendee_get_ticket_mail (attendee), G_N_ELEMENTS (marks) - 1)]);
        }
      /* let in anyway by a desk: the arrival cell marks it */
      if (mp_attendee_get_arrived (attendee)
          && mp_attendee_get_checkin_exception (attendee) != MP_CHECK_IN_EXCEPTION_NONE)
        g_string_append_printf (out, "row-exception=%s|%s\n", mp_attendee_get_name (attendee),
                                mp_check_in_exception_to_string (mp_attendee_get_checkin_exception (attendee)));
      if (mp_attendee_view_is_admitted_twice (self->attendee_view, mp_attendee_get_registration_id (attendee)))
        g_string_append_printf (out, "row_admitted_twice=%s\n", mp_attendee_get_name (attendee));
    }
}
