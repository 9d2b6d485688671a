/* response_labels.c
 * The Explanation's texts as Wireshark shows them (see response_labels.h):
 * the summary line and the subtree label's suffix, made once per code and
 * language for the built-in entries, and labels cut at a word where
 * Wireshark would cut them mid-character.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "response_labels.h"

#include <string.h>

#include <epan/proto.h>
#include <epan/strutil.h>

#include "label_text.h"
#include "text_cut.h"

/* Does Wireshark show the text byte for byte: printable ASCII without the
 * backslash that some versions escape? */
static gboolean
shown_as_is(const char *text)
{
    const unsigned char *p;

    for (p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20 || *p > 0x7e || *p == '\\')
            return FALSE;
    return TRUE;
}

/* Wireshark 4.0 cuts a label at ITEM_LABEL_LENGTH bytes wherever that
 * falls, mid-word. Where the label is read, a value too long for it gets a
 * label of its own, cut at a word with an ellipsis; the value stays whole
 * for filters, columns and -T fields. */
void
sip_explain_label_cut(packet_info *pinfo, gboolean label_printed, proto_item *pi, int hf, const char *value,
                      shown_form_t form)
{
    const char *name, *shown;
    size_t room;

    if (!label_printed)
        return;
    name = proto_registrar_get_name(hf);
    room = ITEM_LABEL_LENGTH - 1 - strlen(name) - strlen(": ");
    if (strlen(value) <= room / 4)
        return;
    /* As Wireshark shows a string: control characters escaped (to 4 bytes
     * at most). Printable ASCII is shown as it is, which most texts are.
     * void *: format_text() takes guchar * in 4.0, char * from 4.2. */
    if (form == SHOWN_UNKNOWN)
        form = shown_as_is(value) ? SHOWN_AS_IS : SHOWN_ESCAPED;
    shown = form == SHOWN_AS_IS ? value : format_text(pinfo->pool, (const void *)value, strlen(value));
    if (strlen(shown) <= room)
        return;
    proto_item_set_text(pi, "%s: %s", name, sip_explain_cut_text(pinfo->pool, shown, room));
}

/* Summaries of the built-in entries and then of their method texts, per
 * language, with how each is shown: made once, kept for the program's life
 * (as registrations are). */
static const char **summary_cache[SIP_EXPLAIN_LANG_COUNT];
static guint8 *summary_form[SIP_EXPLAIN_LANG_COUNT];

/* "489 Bad Event (Client Failure): <first sentence>"; *form: how it is
 * shown where that is known (a built-in entry's), else SHOWN_UNKNOWN. */
const char *
sip_explain_summary_line(wmem_allocator_t *scope, uint32_t code, const sip_explain_entry_t *entry,
                         const sip_explain_texts_t *texts, sip_explain_lang_t lang, shown_form_t *form)
{
    const char *klass = sip_explain_class_label(lang, entry->klass);

    *form = SHOWN_UNKNOWN;
    if (entry == sip_explain_lookup_registered(code)) {  /* a built-in entry, not the user's */
        size_t i = texts->variant ? sip_explain_responses_count + (size_t)(texts->variant - sip_explain_method_texts)
                                  : (size_t)(entry - sip_explain_responses);
        if (!summary_cache[lang]) {
            summary_cache[lang] = g_new0(const char *, sip_explain_responses_count + sip_explain_method_texts_count);
            summary_form[lang] = g_new0(guint8, sip_explain_responses_count + sip_explain_method_texts_count);
        }
        if (!summary_cache[lang][i]) {
            summary_cache[lang][i] = g_strdup_printf("%u %s (%s): %s", code, entry->reason, klass,
                                                     sip_explain_text(texts->summary, lang));
            summary_form[lang][i] = shown_as_is(summary_cache[lang][i]) ? SHOWN_AS_IS : SHOWN_ESCAPED;
        }
        *form = (shown_form_t)summary_form[lang][i];
        return summary_cache[lang][i];
    }
    if (entry->reason)
        return wmem_strdup_printf(scope, "%u %s (%s): %s", code, entry->reason, klass,
                                  sip_explain_text(texts->summary, lang));
    return sip_explain_label_text(scope, lang, "summary.Unregistered", "code", wmem_strdup_printf(scope, "%u", code),
                                  "class", klass, "summary", sip_explain_text(texts->summary, lang), NULL);
}

/* What the Explanation's own label adds: ": 489 Bad Event (Client
 * Failure)". A built-in entry's is made once per language. */
const char *
sip_explain_label_suffix(wmem_allocator_t *scope, uint32_t code, const sip_explain_entry_t *entry, sip_explain_lang_t lang)
{
    static const char **kept[SIP_EXPLAIN_LANG_COUNT];
    size_t i;

    if (entry != sip_explain_lookup_registered(code))   /* the user's row, or an unregistered code */
        return wmem_strdup_printf(scope, ": %u %s (%s)", code,
                                  entry->reason ? entry->reason
                                                : sip_explain_label_text(scope, lang, "part.UnregisteredCode", NULL),
                                  sip_explain_class_label(lang, entry->klass));
    i = (size_t)(entry - sip_explain_responses);
    if (!kept[lang])
        kept[lang] = g_new0(const char *, sip_explain_responses_count);
    if (!kept[lang][i])
        kept[lang][i] = g_strdup_printf(": %u %s (%s)", code, entry->reason, sip_explain_class_label(lang, entry->klass));
    return kept[lang][i];
}

