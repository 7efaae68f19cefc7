#define G_LOG_DOMAIN "mp-consent-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-consent-group.h"
#include "mp-privacy.h"
#include "mp-time.h"
#include "mp-toast.h"

#define N_KINDS 2

typedef struct
{
  MpConsentGroup *group;     /* not a reference */
  MpConsentKind   kind;
  AdwExpanderRow *row;
  GtkSwitch      *toggle;
  GPtrArray      *history;   /* the rows added to @row */
  const char     *state;     /* "given", "withdrawn", "none" */
  guint           n_acts;
} KindRows;

struct _MpConsentGroup
{
  AdwPreferencesGroup  parent_instance;

  MpStore             *store;
  gint64               person_id;
  KindRows             kinds[N_KINDS];
  gboolean             updating;   /* setting the switches from the store */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MpConsentGroup, mp_consent_group, ADW_TYPE_PREFERENCES_GROUP)

/* How a consent came: the registration's source, in words. */
static const char *
source_words (const char *source)
{
  if (g_strcmp0 (source, "kiosk") == 0)
    return _("at the kiosk");
  if (g_strcmp0 (source, "desk") == 0)
    return _("at the check-in desk");
  if (g_strcmp0 (source, "import") == 0)
    return _("in an imported registration");
  return _("by hand");
}

typedef struct
{
  gint64      at;
  const char *icon;
  char       *title;
  char       *subtitle;
} Act;

static void
act_clear (gpointer data)
{
  Act *act = data;

  g_free (act->title);
  g_free (act->subtitle);
}

static int
compare_acts (gconstpointer a,
              gconstpointer b)
{
  const Act *x = a, *y = b;

  return (x->at > y->at) - (x->at < y->at);
}

static void
add_act (GArray     *acts,
         gint64      at,
         const char *icon,
         const char *title,
         char       *subtitle)
{
  Act act = { at, icon, g_strdup (title), subtitle };

  g_array_append_val (acts, act);
}

/* The acts of one kind, oldest first: each consent given, its
 * withdrawal, and each "yes" that did not give it again. */
static GArray *
acts_of_kind (GPtrArray     *records,
              MpConsentKind  kind,
              const char   **out_state,
              char         **out_state_line)
{
  GArray *acts = g_array_new (FALSE, FALSE, sizeof (Act));

  g_array_set_clear_func (acts, act_clear);
  *out_state = "none";
  *out_state_line = g_strdup (_("Not given"));

  for (guint i = 0; i < records->len; i++)
    {
      MpConsentRecord *record = g_ptr_array_index (records, i);
      g_autofree char *when = NULL;
      GString *how;

      if (record->kind != kind)
        continue;

      when = mp_time_format_long (record->given_at);
      how = g_string_new (when);
      g_string_append (how, _(" · "));
      g_string_append (how, source_words (record->source));
      if (record->event_title != NULL)
        {
          g_string_append (how, _(" · "));
          g_string_append (how, record->event_title);
        }

      if (record->not_granted != NULL)
        {
          g_string_append (how, "\n");
          g_string_append (how, mp_consent_record_get_not_granted_reason (record));
          add_act (acts, record->given_at, "dialog-information-symbolic",
                   C_("consent", "Not given again"), g_string_free (how, FALSE));
          continue;
        }

      add_act (acts, record->given_at, "object-select-symbolic", C_("consent", "Given"),
               g_string_free (how, FALSE));
      g_free (*out_state_line);
      if (record->withdrawn_at != 0)
        {
          g_autofree char *withdrawn = mp_time_format_long (record->withdrawn_at);

          add_act (acts, record->withdrawn_at, "action-unavailable-symbolic", C_("consent", "Withdrawn"),
                   g_strdup (withdrawn));
          *out_state = "withdrawn";
          /* Translators: a consent's state: "Withdrawn tirsdag 8. mars 2022 kl. 09.00" */
          *out_state_line = g_strdup_printf (_("Withdrawn %s"), withdrawn);
        }
      else
        {
          *out_state = "given";
          /* Translators: a consent's state: "Given tirsdag 8. mars 2022 kl. 09.00, at the kiosk" */
          *out_state_line = g_strdup_printf (_("Given %s, %s"), when, source_words (record->source));
        }
    }

  g_array_sort (acts, compare_acts);
  return acts;
}

static void
kind_rows_fill (KindRows  *k,
                GPtrArray *records)
{
  g_autoptr(GArray) acts = NULL;
  g_autofree char *state_line = NULL;

  for (guint i = 0; i < k->history->len; i++)
    adw_expander_row_remove (k->row, g_ptr_array_index (k->history, i));
  g_ptr_array_set_size (k->history, 0);

  acts = acts_of_kind (records, k->kind, &k->state, &state_line);
  k->n_acts = acts->len;
  adw_expander_row_set_subtitle (k->row, state_line);
  adw_expander_row_set_enable_expansion (k->row, acts->len > 0);

  k->group->updating = TRUE;
  gtk_switch_set_active (k->toggle, g_str_equal (k->state, "given"));
  gtk_switch_set_state (k->toggle, g_str_equal (k->state, "given"));
  k->group->updating = FALSE;

  for (guint i = 0; i < acts->len; i++)
    {
      Act *act = &g_array_index (acts, Act, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), act->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), act->subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (act->icon));
      adw_expander_row_add_row (k->row, row);
      g_ptr_array_add (k->history, row);
    }
}

void
mp_consent_group_reload (MpConsentGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_return_if_fail (MP_IS_CONSENT_GROUP (self));

  if (self->store == NULL)
    return;
  records = mp_store_list_consents (self->store, self->person_id, &error);
  if (records == NULL)
    {
      mp_toast_add_error (GTK_WIDGET (self), error);
      records = g_ptr_array_new ();
    }
  for (guint i = 0; i < N_KINDS; i++)
    kind_rows_fill (&self->kinds[i], records);
}

/* The switch moved: the act, now. */
static gboolean
state_set_cb (GtkSwitch *toggle,
              gboolean   state,
              KindRows  *k)
{
  MpConsentGroup *self = k->group;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->updating)
    return FALSE;

  if (state)
    done = mp_store_give_consent (self->store, self->person_id, k->kind, "manual", &error);
  else
    done = mp_store_withdraw_consent (self->store, self->person_id, k->kind, &error);

  if (!done)
    mp_toast_add_error (GTK_WIDGET (self), error);
  else
    {
      AdwToast *toast = adw_toast_new (state ? _("Consent given") : _("Consent withdrawn"));

      mp_toast_add (GTK_WIDGET (self), toast);
    }

  /* what the store now says, whatever happened */
  mp_consent_group_reload (self);
  if (done)
    g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
kind_rows_init (MpConsentGroup *self,
                KindRows       *k,
                MpConsentKind   kind,
                const char     *title)
{
  k->group = self;
  k->kind = kind;
  k->history = g_ptr_array_new ();
  k->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (k->row), title);
  k->toggle = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (k->toggle), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (k->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_expander_row_add_action (k->row, GTK_WIDGET (k->toggle));
  g_signal_connect (k->toggle, "state-set", G_CALLBACK (state_set_cb), k);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (k->row));
}

static void
mp_consent_group_dispose (GObject *object)
{
  MpConsentGroup *self = MP_CONSENT_GROUP (object);

  for (guint i = 0; i < N_KINDS; i++)
    g_clear_pointer (&self->kinds[i].history, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mp_consent_group_parent_class)->dispose (object);
}

static void
mp_consent_group_class_init (MpConsentGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mp_consent_group_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mp_consent_group_init (MpConsentGroup *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Consents"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Giving or withdrawing a consent here is recorded at once, with its time"));
  kind_rows_init (self, &self->kinds[MP_CONSENT_KIND_FOLLOWUP], MP_CONSENT_KIND_FOLLOWUP,
                  _("Follow-up After the Event"));
  kind_rows_init (self, &self->kinds[MP_CONSENT_KIND_PHOTO], MP_CONSENT_KIND_PHOTO,
                  _("May Appear in Photos"));
}

void
mp_consent_group_set_person (MpConsentGroup *self,
                             MpStore        *store,
                             gint64          person_id)
{
  g_return_if_fail (MP_IS_CONSENT_GROUP (self));
  g_return_if_fail (MP_IS_STORE (store));

  g_set_object (&self->store, store);
  self->person_id = person_id;
  mp_consent_group_reload (self);
}

GtkWidget *
mp_consent_group_new (MpStore *store,
                      gint64   person_id)
{
  MpConsentGroup *self = g_object_new (MP_TYPE_CONSENT_GROUP, NULL);

  mp_consent_group_set_person (self, store, person_id);
  return GTK_WIDGET (self);
}

void
mp_consent_group_describe (MpConsentGroup *self,
                           GString        *out)
{
  g_return_if_fail (MP_IS_CONSENT_GROUP (self));

  for (guint i = 0; i < N_KINDS; i++)
    {
      KindRows *k = &self->kinds[i];
      const char *kind = mp_consent_kind_to_string (k->kind);
      GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (k->toggle)));
      graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (k->toggle)) / 2.0f,
                                                     gtk_widget_get_height (GTK_WIDGET (k->toggle)) / 2.0f);
      graphene_point_t at;

      g_string_append_printf (out, "consent.%s=%s|%u\n", kind, k->state, k->n_acts);
      if (root != NULL && gtk_widget_get_mapped (GTK_WIDGET (k->toggle)) &&
          gtk_widget_compute_point (GTK_WIDGET (k->toggle), root, &centre, &at))
        g_string_append_printf (out, "consent.%s.switch=%d,%d\n", kind, (int) at.x, (int) at.y);
    }
}
