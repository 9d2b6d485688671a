/* response_labels.h
 * The Explanation's texts as Wireshark shows them: the summary line, the
 * label of the subtree, and labels too long for Wireshark cut at a word.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_RESPONSE_LABELS_H
#define SIP_EXPLAIN_RESPONSE_LABELS_H

#include <epan/packet.h>

#include "sip_explain.h"

/* Whether Wireshark shows a text byte for byte: not known yet, yes (it is
 * printable ASCII without a backslash), or no (it escapes some of it). */
typedef enum { SHOWN_UNKNOWN, SHOWN_AS_IS, SHOWN_ESCAPED } shown_form_t;

/* "489 Bad Event (Client Failure): <first sentence>" in lang, the texts
 * those of the request's method. *form: how it is shown where that is
 * known (a built-in entry's summary, made once), else SHOWN_UNKNOWN. */
const char *sip_explain_summary_line(wmem_allocator_t *scope, uint32_t code, const sip_explain_entry_t *entry,
                                     const sip_explain_texts_t *texts, sip_explain_lang_t lang,
                                     shown_form_t *form);

/* What the Explanation's own label adds: ": 489 Bad Event (Client
 * Failure)". A built-in entry's is made once per language. */
const char *sip_explain_label_suffix(wmem_allocator_t *scope, uint32_t code, const sip_explain_entry_t *entry,
                                     sip_explain_lang_t lang);

/* Where the label of pi (field hf, value value) is printed and Wireshark
 * would cut it mid-word or mid-character: a label of its own, cut at a word
 * with an ellipsis; the value stays whole. */
void sip_explain_label_cut(packet_info *pinfo, gboolean label_printed, proto_item *pi, int hf, const char *value,
                           shown_form_t form);

#endif /* SIP_EXPLAIN_RESPONSE_LABELS_H */
