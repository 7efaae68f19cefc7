/* Helpers shared by the tests that drive a GTK window from inside. */
#pragma once

#include <gtk/gtk.h>

/* The first widget of @type in @widget's tree (@widget itself first),
 * depth first; NULL if there is none. */
static inline GtkWidget *
mp_test_find_of_type (GtkWidget *widget,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mp_test_find_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}
