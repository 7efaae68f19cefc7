/* mp-scan-capture.h: what a keyboard-wedge barcode scanner types.
 *
 * A USB scanner pretends to be a keyboard: it types the QR code's text
 * a few milliseconds per key, then Return. A person types 80 ms or
 * more apart, nearly always. MpScanCapture watches a widget (normally the window) with
 * a GtkEventControllerKey in the capture phase, so it sees every key
 * before whatever has focus does, and recognises such a burst:
 *
 *  - a printable key starts a possible burst; it and the printable keys
 *    that follow it closer than the burst gap (default 50 ms, judged by
 *    the key events' own time stamps) are held back: they do not reach
 *    the focused widget yet. After 8 such characters (nobody types that
 *    fast by hand) a pause of up to 250 ms does not end the burst: a
 *    busy computer must not split a scan in two. Should a scanner stall
 *    earlier, and a burst of 8 or more fast characters start within
 *    a second after a pause typed out a few fast ones (or any burst
 *    after 8 or more), those are taken back out of the entry (if still
 *    there as typed) and put in front;
 *  - Return (KP_Enter, or a line feed) within the gap, after at least min-length
 *    (default 4) held characters, ends the burst: ::scanned is emitted
 *    with the text, and neither the characters nor Return reach the
 *    focused widget. A search entry that had focus is left as it was;
 *  - anything else (a pause longer than the gap, a key with Ctrl or Alt,
 *    a non-printable key, too short a burst) shows it was a person: the
 *    held characters are typed into the focused GtkEditable, in order,
 *    and the key goes on as usual. So typing by hand works normally
 *    (the letters appear a few tens of milliseconds late, unnoticeably).
 *    Held characters with no focused editable go to the type-ahead
 *    editable when one is set (the desk's name search), else are dropped
 *    (as GTK would have done). A space never starts a burst, so that it
 *    still presses the focused button at once.
 *
 * A dead key (or Compose) and the keys that complete it are never held:
 * they go to the input method as typed, so é and å still work by hand.
 *
 * While disabled (the "enabled" property) it passes every key through.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MP_TYPE_SCAN_CAPTURE (mp_scan_capture_get_type ())

G_DECLARE_FINAL_TYPE (MpScanCapture, mp_scan_capture, MP, SCAN_CAPTURE, GObject)

/* Attaches to widget (a GtkWindow, usually) until the capture is
 * disposed or the widget is destroyed. widget is not referenced. */
MpScanCapture *mp_scan_capture_new             (GtkWidget     *widget);

GtkWidget     *mp_scan_capture_get_widget      (MpScanCapture *self);

gboolean       mp_scan_capture_get_enabled     (MpScanCapture *self);
void           mp_scan_capture_set_enabled     (MpScanCapture *self,
                                                gboolean       enabled);

/* Longest pause between two keys of one burst, in milliseconds. */
guint          mp_scan_capture_get_burst_gap   (MpScanCapture *self);
void           mp_scan_capture_set_burst_gap   (MpScanCapture *self,
                                                guint          burst_gap_ms);

/* Fewest characters before Return that count as a scan. */
guint          mp_scan_capture_get_min_length  (MpScanCapture *self);
void           mp_scan_capture_set_min_length  (MpScanCapture *self,
                                                guint          min_length);

/* Where characters typed by hand go when no editable has focus: it is
 * focused and they are typed into it. NULL for none. Not referenced. */
void           mp_scan_capture_set_type_ahead  (MpScanCapture *self,
                                                GtkEditable   *editable);

/* Monotonic time (g_get_monotonic_time) of the Return key event that
 * ended the last burst; 0 before the first. For timing the answer. */
gint64         mp_scan_capture_get_last_scan_time (MpScanCapture *self);
/* The X server's time stamp (milliseconds) of that Return key event. */
guint32        mp_scan_capture_get_last_scan_key_time (MpScanCapture *self);

/* Signals:
 *   void scanned (MpScanCapture *self, const char *text, gpointer data)
 *     text is the burst without Return, UTF-8, as typed. */

G_END_DECLS
