/* value_text.c
 * Routines for showing header values and numbers as the user reads them:
 * as found but printable and length-limited, since a value is never
 * trusted; seconds with a unit a person reads at a glance; table texts cut
 * to a sentence so that a finding stays one line.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <ws_version.h>
#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 2)
/* 4.2 moved format_text() to wsutil and made it take char. */
#include <wsutil/str_util.h>
#define SPAN_FORMAT_TEXT(scope, p, n) format_text((scope), (p), (n))
#else
#include <epan/strutil.h>
#define SPAN_FORMAT_TEXT(scope, p, n) format_text((scope), (const guchar *)(p), (n))
#endif

/* What ends a value cut at SPAN_TEXT_MAX bytes: U+2026 HORIZONTAL ELLIPSIS. */
#define ELLIPSIS "\xe2\x80\xa6"

const char *
span_text(wmem_allocator_t *scope, sip_span_t s)
{
    size_t n = MIN(s.len, (size_t)SPAN_TEXT_MAX);
    const char *text;

    if (!s.p || s.len == 0)
        return "";
    text = SPAN_FORMAT_TEXT(scope, s.p, n);
    if (s.len > SPAN_TEXT_MAX)
        return wmem_strconcat(scope, text, ELLIPSIS, NULL);
    return text;
}

const char *
header_values_joined(wmem_allocator_t *scope, const header_values_t *values)
{
    wmem_strbuf_t *buf;
    unsigned i;

    if (values->n == 1)
        return span_text(scope, values->value[0]);
    buf = wmem_strbuf_new(scope, "");
    for (i = 0; i < values->n && wmem_strbuf_get_len(buf) < SPAN_TEXT_MAX; i++) {
        if (i)
            wmem_strbuf_append(buf, ", ");
        wmem_strbuf_append(buf, span_text(scope, values->value[i]));
    }
    /* The whole stays within the limit of one value. */
    if (i < values->n || wmem_strbuf_get_len(buf) > SPAN_TEXT_MAX) {
        wmem_strbuf_truncate(buf, SPAN_TEXT_MAX);
        wmem_strbuf_append(buf, ELLIPSIS);
    }
    return wmem_strbuf_get_str(buf);
}

const char *
seconds_text(wmem_allocator_t *scope, guint32 s)
{
    if (s >= 86400 && s % 3600 == 0)
        return wmem_strdup_printf(scope, "%u s (%u h)", s, s / 3600);
    if (s >= 3600)
        return wmem_strdup_printf(scope, "%u s (%.1f h)", s, s / 3600.0);
    if (s >= 120)
        return wmem_strdup_printf(scope, "%u s (%.1f min)", s, s / 60.0);
    return wmem_strdup_printf(scope, "%u s", s);
}

const char *
first_sentence(wmem_allocator_t *scope, const char *text)
{
    /* The shared rule, by which a table entry's summary is made too. */
    return text ? wmem_strndup(scope, text, sip_explain_first_sentence_len(text)) : "";
}
