#define G_LOG_DOMAIN "mp-combo-row"

#include "config.h"

#include "mp-combo-row.h"

static char *
item_text (AdwComboRow *row,
           gpointer     item)
{
  GtkExpression *expression = adw_combo_row_get_expression (row);
  g_auto(GValue) value = G_VALUE_INIT;

  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (item));
  if (expression != NULL && gtk_expression_evaluate (expression, item, &value) && G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);
  return g_strdup ("");
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  g_autofree char *text = item_text (row, gtk_list_item_get_item (list_item));

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), text);
  /* the chosen one ticked, as AdwComboRow's own list does */
  gtk_widget_set_opacity (gtk_widget_get_last_child (box),
                          gtk_list_item_get_position (list_item) == adw_combo_row_get_selected (row) ? 1 : 0);
}

void
mp_combo_row_list_whole (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), row, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), row, 0);
  adw_combo_row_set_list_factory (row, factory);
  adw_combo_row_set_use_subtitle (row, TRUE);
}
