/* The event page's cells show the attendee of their row: at once for
 * the rows in sight when a search or sort changes the list, and for all
 * the rows the view keeps (up to 200) soon after, without the rows out of
 * sight being filled before the frame (src/ui/mp-attendee-rows.h). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mp-test-util.h"
#include "mp-ui-test-util.h"

#include "mp-event-page.h"

static const char *given[] = {
  "Anne", "Bilal", "Camilla", "Dawit", "Emma", "Fatima", "Geir", "Hege", "Ingrid", "Jonas",
  "Kari", "Lars", "Mari", "Nils", "Ola", "Per", "Randi", "Siri", "Tor", "Åse",
};
static const char *family[] = {
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
  "Jensen", "Karlsen", "Sørensen", "Haugen", "Ahmed", "Ali", "Østby", "Aasen",
  "Berg", "Dahl", "Lie", "Moen", "Strand", "Bakke", "Eide", "Solberg", "Vik",
  "Lund", "Holm", "Ruud", "Nygård", "Ødegård",
};

typedef struct
{
  MpAttendeeList *list;
  GtkWidget      *viewport;   /* the scrolled window */
  guint           n_checked;
  guint           n_stale;
  guint           n_wrong;
  guint           n_in_sight;
  guint           n_rows_in_change;  /* what the view had to show then */
  gboolean        in_sight_only;
  gboolean        quiet;             /* while waiting for the view to settle */
} CellCheck;

static void
reset (CellCheck *check)
{
  check->n_checked = 0;
  check->n_stale = 0;
  check->n_wrong = 0;
  check->n_in_sight = 0;
  check->in_sight_only = FALSE;
}

static const char *
expected_text (MpAttendee *attendee,
               int         column)
{
  switch (column)
    {
    case 0: return mp_attendee_get_name (attendee);
    case 1: return mp_attendee_get_organisation (attendee);
    case 2: return mp_attendee_get_sector (attendee);
    case 3: return mp_registration_status_get_label (mp_attendee_get_status (attendee));
    default: g_assert_not_reached ();
    }
}

static gboolean
in_sight (GtkWidget *widget,
          GtkWidget *viewport)
{
  graphene_rect_t bounds;

  /* the view keeps rows out of sight unmapped */
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_compute_bounds (widget, viewport, &bounds))
    return FALSE;
  return bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (viewport);
}

static void
check_cells (GtkWidget *widget,
             CellCheck *check)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "mp-list-item");

  if (list_item != NULL && gtk_list_item_get_item (list_item) != NULL)
    {
      int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "mp-column"));
      guint position = gtk_list_item_get_position (list_item);
      g_autoptr(MpAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (check->list), position);
      const char *shown = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      const char *expected;

      g_assert_nonnull (attendee);
      expected = expected_text (attendee, column);
      if (in_sight (widget, check->viewport))
        check->n_in_sight++;
      if (g_strcmp0 (shown != NULL && *shown != '\0' ? shown : NULL,
                     expected != NULL && *expected != '\0' ? expected : NULL) == 0)
        check->n_checked++;
      else if (check->in_sight_only && !in_sight (widget, check->viewport))
        check->n_stale++;
      else
        {
          if (!check->quiet)
            g_test_message ("row %u column %d shows \"%s\", not \"%s\"", position, column, shown, expected);
          check->n_wrong++;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_cells (child, check);
}

/* Runs inside the list's change, after the rows have had theirs: what a
 * frame drawn now would show. */
static void
list_changed_cb (MpAttendeeList *list,
                 guint           position,
                 guint           removed,
                 guint           added,
                 CellCheck      *check)
{
  GtkWidget *page = g_object_get_data (G_OBJECT (list), "mp-test-page");

  check->in_sight_only = TRUE;
  check_cells (page, check);
  check->n_rows_in_change =
    g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (
      gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (check->viewport))))));
}

/* What a change showed while it ran: every cell in sight right, and
 * rows out of sight left for later (else nothing was saved). */
static void
assert_in_sight_first (CellCheck *check)
{
  g_assert_cmpuint (check->n_wrong, ==, 0);
  g_assert_cmpuint (check->n_checked, >, 0);
  g_assert_cmpuint (check->n_stale, >, 0);
}

typedef struct
{
  CellCheck  *check;
  GtkWidget  *page;
  GListModel *shown;   /* what the column view shows */
} Settling;

/* The view shows every row of the list, and each cell it keeps the
 * attendee of its row. */
static gboolean
settled (gpointer data)
{
  Settling *s = data;

  if (g_list_model_get_n_items (s->shown) != g_list_model_get_n_items (G_LIST_MODEL (s->check->list)))
    return FALSE;
  reset (s->check);
  check_cells (s->page, s->check);
  return s->check->n_wrong == 0 && s->check->n_stale == 0 && s->check->n_checked > 4 * 60;
}

/* Soon after a change: every cell the view keeps shows its row. */
static void
assert_settled (CellCheck *check,
                GtkWidget *page)
{
  GtkWidget *view = mp_test_find_of_type (page, GTK_TYPE_COLUMN_VIEW);
  Settling s = { check, page, G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view))) };

  /* (a list that grows gets its rows after a frame) */
  mp_test_wait_for_frame (view);
  check->quiet = TRUE;
  mp_test_wait_until (settled, &s, 5000);
  check->quiet = FALSE;
  reset (check);
  check_cells (page, check);
  g_assert_cmpuint (check->n_wrong, ==, 0);
  g_assert_cmpuint (check->n_stale, ==, 0);
  g_assert_cmpuint (check->n_checked, >, 4 * 60);
}

typedef struct
{
  MpAttendeeList *list;
  const char     *query;
} QueryWait;

/* The list searches for what the entry says (its search-changed comes
 * from the main loop). */
static gboolean
searching (gpointer data)
{
  QueryWait *w = data;
  const char *query = mp_attendee_list_get_query (w->list);

  return g_strcmp0 (query != NULL ? query : "", w->query) == 0;
}

static void
search_for (GtkWidget      *search,
            MpAttendeeList *list,
            const char     *query)
{
  QueryWait w = { list, query };

  gtk_editable_set_text (GTK_EDITABLE (search), query);
  g_assert_true (mp_test_wait_until (searching, &w, 5000));
}

static gboolean
shows_all (gpointer data)
{
  GListModel **models = data;

  return g_list_model_get_n_items (models[0]) == g_list_model_get_n_items (models[1]);
}

static void
test_cells_follow_the_list (MpTestFixture *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte om frivillighet");
  GtkWidget *window = gtk_window_new ();
  MpEventPage *page = g_object_new (MP_TYPE_EVENT_PAGE, NULL);
  CellCheck check = { 0 };
  GtkWidget *search;
  GtkColumnView *view;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    for (guint j = 0; j < G_N_ELEMENTS (given); j++)
      {
        g_autofree char *name = g_strdup_printf ("%s %s", given[j], family[i]);
        g_autofree char *email = g_strdup_printf ("p%u@example.no", n++);
        g_autofree char *org = g_strdup_printf ("%s kommune", family[(i + j) % G_N_ELEMENTS (family)]);
        g_autoptr(MpAttendee) attendee = mp_test_register (f->store, event_id, name, email, org,
                                                           j % 2 ? "Kommune" : "NAV");
      }

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  mp_event_page_set_store (page, f->store);
  g_assert_true (mp_event_page_load (page, event_id, &error));
  g_assert_no_error (error);
  /* Until its first frame is drawn, the page shows the rows in sight
   * only (src/ui/mp-event-page.c, FIRST_ROWS); then all of them. */
  view = GTK_COLUMN_VIEW (mp_test_find_of_type (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 48);
  gtk_window_present (GTK_WINDOW (window));
  check.list = mp_event_page_get_attendees (page);
  {
    GListModel *models[] = { G_LIST_MODEL (gtk_column_view_get_model (view)), G_LIST_MODEL (check.list) };

    g_assert_true (mp_test_wait_until (shows_all, models, 5000));
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, n);

  /* the list's own scrolled window (a status page has one too) */
  check.viewport = mp_test_find_of_type (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (check.viewport);
  check.viewport = gtk_widget_get_parent (check.viewport);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (check.viewport));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (check.list)), ==, n);

  /* Settled: every cell the view keeps shows its row; the view keeps
   * far more rows than it shows: the case that matters. */
  assert_settled (&check, GTK_WIDGET (page));
  g_test_message ("settled: %u cells, %u in sight", check.n_checked, check.n_in_sight);
  /* 700 pixels show about fifteen rows, four text cells each */
  g_assert_cmpuint (check.n_in_sight, >=, 4 * 10);
  g_assert_cmpuint (check.n_in_sight, <, 4 * 40);

  g_object_set_data (G_OBJECT (check.list), "mp-test-page", page);
  reset (&check);
  g_signal_connect_after (check.list, "items-changed", G_CALLBACK (list_changed_cb), &check);

  /* A search that keeps many rows but moves every one of them. */
  search = mp_test_find_of_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  for (guint round = 0; round < 3; round++)
    {
      const char *queries[] = { "a", "an", "e" };

      reset (&check);
      search_for (search, check.list, queries[round]);

      g_test_message ("query %s: in the change %u right, %u stale, %u wrong", queries[round], check.n_checked, check.n_stale, check.n_wrong);
      assert_in_sight_first (&check);
      assert_settled (&check, GTK_WIDGET (page));
    }

  /* A search cleared: the list grows back to everyone, by the rows in
   * sight first (else the view would make up to 200 rows of widgets
   * before the frame that answers the key), by the rest a frame later. */
  {
    GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (view));
    guint before;
    GListModel *models[] = { shown, G_LIST_MODEL (check.list) };

    search_for (search, check.list, "åse ødegård");
    g_assert_true (mp_test_wait_until (shows_all, models, 5000));
    /* the frame that answers the search, after which the list may grow */
    mp_test_wait_for_frame (GTK_WIDGET (view));
    before = g_list_model_get_n_items (shown);
    g_assert_cmpuint (before, >, 0);
    g_assert_cmpuint (before, <, 48);
    reset (&check);
    search_for (search, check.list, "");
    g_test_message ("cleared: %u rows in the change", check.n_rows_in_change);
    g_assert_cmpuint (check.n_wrong, ==, 0);
    g_assert_cmpuint (check.n_rows_in_change, ==, 48);
    assert_settled (&check, GTK_WIDGET (page));
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  }

  /* A sort keeps the number of rows: the view is not told of a change
   * and asks for nothing, so the rows in sight must have been given
   * their attendee by the list itself. */
  {
    GListModel *columns = gtk_column_view_get_columns (view);
    guint n_before = g_list_model_get_n_items (G_LIST_MODEL (check.list));

    for (guint round = 0; round < 2; round++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, round == 0 ? 1 : 0);

        reset (&check);
        gtk_column_view_sort_by_column (view, column, round == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
        g_test_message ("sort %u: in the change %u right, %u stale, %u wrong", round, check.n_checked, check.n_stale, check.n_wrong);
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (check.list)), ==, n_before);
        assert_in_sight_first (&check);
        assert_settled (&check, GTK_WIDGET (page));
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mp_test_wait_until (mp_test_nothing_pending, NULL, 1000);
}

int
main (int   argc,
      char *argv[])
{
  mp_test_bind_textdomain ();
  if (!mp_test_init_gtk (&argc, &argv))
    return g_test_run ();

  MP_TEST_ADD ("/event-page/cells-follow-the-list", test_cells_follow_the_list);

  return g_test_run ();
}
