/* Fuzz target: whatever a scanner may type, parsed as a ticket. */
#include "config.h"

#include <string.h>

#include "mp-ticket.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *token = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *again = NULL;

  /* Exactly @size bytes, not NUL-terminated: a read past the end shows. */
  token = mp_ticket_parse ((const char *) data, size);
  if (token != NULL)
    {
      g_autofree char *text = mp_ticket_text_for_token (token);
      g_autofree char *reparsed = mp_ticket_parse (text, -1);

      g_assert_true (mp_ticket_token_is_valid (token));
      g_assert_cmpstr (reparsed, ==, token);
    }

  /* The same as a C string: up to the first NUL. */
  copy = g_strndup ((const char *) data, size);
  again = mp_ticket_parse (copy, -1);
  if (memchr (data, '\0', size) == NULL)
    g_assert_cmpstr (again, ==, token);

  return 0;
}
