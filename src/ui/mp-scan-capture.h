/* mp-scan-capture.h: what a keyboard-wedge barcode scanner types.
 *
 * A USB scanner pretends to be a keyboard: it types the QR code's text
 * a few milliseconds per key, then Return. A person, even a fast typist,
 * types 40 ms or more apart. MpScanCapture watches a widget (normally
 * the window) with a GtkEventControllerKey in the capture phase, so it
 * sees every key before whatever has focus does, and recognises such a
 * burst after the fact, so that a person's keys are never held back:
 *
 *  - every key goes where GTK would put it, at once: a person typing
 *    sees each letter as it is typed. Printable keys closer together
 *    than the burst gap (default 30 ms, judged by the key events' own
 *    time stamps) make a run; after 8 of them (nobody types that fast
 *    by hand) a pause of up to 250 ms does not end it: a busy computer
 *    or USB hub must not split a scan in two. A run of two or more that
 *    a pause ended is kept for a second: if a run of 8 or more starts in
 *    that time, the two are one scan that stalled;
 *  - Return (KP_Enter, or a line feed) within the gap, after a run of at
 *    least min-length (default 4) characters, ends a scan: what the run
 *    typed is taken back out of the editable it went into (the editable
 *    is left exactly as it was, text, cursor and selection, if nothing
 *    else changed it meanwhile), ::scanned is emitted with the text, and
 *    Return goes no further. A form being filled in stays as it was;
 *  - anything else (a pause, a key with Ctrl or Alt, a non-printable
 *    key, Return after too short a run) was a person: their keys stay
 *    where they went, and the key goes on as usual.
 *
 * Printable keys with no editable focused go to the type-ahead editable
 * when one is set (the desk's name search: it takes the focus), else
 * they are dropped (as GTK would have done; a space that starts nothing
 * still presses the focused button).
 *
 * A dead key (or Compose) and the keys that complete it are never part
 * of a run: they go to the input method as typed, so é and å work.
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

/* Longest pause between two keys of one run, in milliseconds. */
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
 * ended the last scan; 0 before the first. For timing the answer. */
gint64         mp_scan_capture_get_last_scan_time (MpScanCapture *self);
/* The X server's time stamp (milliseconds) of that Return key event. */
guint32        mp_scan_capture_get_last_scan_key_time (MpScanCapture *self);

/* Signals:
 *   void scanned (MpScanCapture *self, const char *text, gpointer data)
 *     text is the scan without Return, UTF-8, as typed. */

G_END_DECLS
