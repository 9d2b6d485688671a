/* sip_explain.h
 * Declarations shared by the files of the sip_explain plugin.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_H
#define SIP_EXPLAIN_H

#include <epan/packet.h>

#include "parse/sip_text.h"
#include "sip_explain_shown.h"
#include "table/sip_explain_table.h"

void proto_register_sip_explain(void);
void proto_reg_handoff_sip_explain(void);

/* One SIP message found in the frame, as the post-dissector hands it on. */
typedef struct {
    tvbuff_t *tvb;                /* the data source holding the message */
    int offset;                   /* of the message in tvb */
    const char *text;             /* the message's bytes (not NUL-terminated) */
    size_t len;
    sip_start_line_t start;
} sip_explain_message_t;

/* What the tap "sip_explain" delivers, one per explained response. */
typedef struct {
    uint32_t code;
    sip_explain_class_t klass;          /* NONE for a code outside 100..699 */
    gboolean registered;
    sip_explain_severity_t severity;
    const sip_explain_entry_t *entry;   /* NULL for a code outside 100..699 */
} sip_explain_tap_info_t;

/* ---- Preferences (packet-sip-explain.c), read by every part ---- */
extern gboolean sip_explain_pref_explain_1xx_2xx;  /* explain provisional and success */
extern gint sip_explain_pref_min_severity;         /* sip_explain_severity_t */
extern gboolean sip_explain_pref_context;          /* show context findings */
extern gint sip_explain_pref_lang;                 /* sip_explain_lang_t */

/* Text in the language the preferences ask for (English where untranslated). */
const char *sip_explain_pref_text(const char *const texts[SIP_EXPLAIN_LANG_COUNT]);

/* The explanation of a code: a row of the user's table (sip_explain_uat.c)
 * where there is one, else the built-in entry or class. NULL outside
 * 100..699. */
const sip_explain_entry_t *sip_explain_resolve(uint32_t code);

#endif /* SIP_EXPLAIN_H */
