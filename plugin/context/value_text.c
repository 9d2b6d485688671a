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
seconds_text(response_ctx_t *rc, guint32 s)
{
    wmem_allocator_t *scope = rc->pinfo->pool;
    const char *secs = ctx_num(rc, s);
    char *part;

    if (s >= 86400 && s % 3600 == 0)
        return ctx_text(rc, "part.SecondsHours", "s", secs, "h", ctx_num(rc, s / 3600), NULL);
    if (s < 120)
        return ctx_text(rc, "part.Seconds", "s", secs, NULL);
    part = wmem_strdup_printf(scope, "%.1f", s >= 3600 ? s / 3600.0 : s / 60.0);
    /* A decimal comma where the language writes one. */
    if (rc->opts->lang != SIP_EXPLAIN_LANG_EN)
        g_strdelimit(part, ".", ',');
    return ctx_text(rc, s >= 3600 ? "part.SecondsHours" : "part.SecondsMinutes", "s", secs,
                    s >= 3600 ? "h" : "min", part, NULL);
}

const char *
first_sentence(wmem_allocator_t *scope, const char *text)
{
    /* The shared rule, by which a table entry's summary is made too. */
    return text ? wmem_strndup(scope, text, sip_explain_first_sentence_len(text)) : "";
}
