/* text_cut.c
 * Cuts texts to a byte limit at a character or word boundary, with an
 * ellipsis (see text_cut.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "text_cut.h"

#include <stdarg.h>
#include <string.h>

/* A UTF-8 continuation byte (10xxxxxx): not where a character starts. */
#define IS_CONTINUATION(c) ((((unsigned char)(c)) & 0xC0) == 0x80)

/* Longest UTF-8 character, in bytes. */
#define UTF8_MAX_BYTES 4

size_t
sip_explain_cut_len(const char *text, size_t max_bytes)
{
    size_t len = strnlen(text, max_bytes + 1);
    size_t cut, space;

    if (len <= max_bytes)
        return len;
    /* text[cut] starts a character, so text[0..cut) ends with a whole one. */
    cut = max_bytes;
    while (cut > 0 && max_bytes - cut < UTF8_MAX_BYTES - 1 && IS_CONTINUATION(text[cut]))
        cut--;
    if (IS_CONTINUATION(text[cut]))
        cut = max_bytes;                /* not UTF-8 here: no boundary to find */
    /* A word boundary, unless the last word is longer than half the text. */
    space = cut;
    while (space > 0 && text[space] != ' ')
        space--;
    if (text[space] == ' ' && space >= cut / 2)
        cut = space;
    while (cut > 0 && text[cut - 1] == ' ')
        cut--;
    return cut;
}

/* Where text (longer than max_bytes) is cut so that the ellipsis still
 * fits; a comma or colon left at the end reads as if the text went on. */
static size_t
cut_before_ellipsis(const char *text, size_t max_bytes)
{
    size_t cut;

    if (max_bytes < SIP_EXPLAIN_ELLIPSIS_BYTES)
        return sip_explain_cut_len(text, max_bytes);
    cut = sip_explain_cut_len(text, max_bytes - SIP_EXPLAIN_ELLIPSIS_BYTES);
    while (cut > 0 && strchr(" ,;:", text[cut - 1]))
        cut--;
    return cut;
}

/* Writes into dst (at least cut + ellipsis + 1 bytes) the first cut bytes
 * of src and the ellipsis when max_bytes leaves room for it. src may be dst. */
static void
write_cut(char *dst, const char *src, size_t cut, size_t max_bytes)
{
    memmove(dst, src, cut);
    if (max_bytes >= SIP_EXPLAIN_ELLIPSIS_BYTES) {
        memcpy(dst + cut, SIP_EXPLAIN_ELLIPSIS, SIP_EXPLAIN_ELLIPSIS_BYTES);
        cut += SIP_EXPLAIN_ELLIPSIS_BYTES;
    }
    dst[cut] = '\0';
}

const char *
sip_explain_cut_text(wmem_allocator_t *scope, const char *text, size_t max_bytes)
{
    size_t cut;
    char *out;

    if (strnlen(text, max_bytes + 1) <= max_bytes)
        return text;
    cut = cut_before_ellipsis(text, max_bytes);
    out = (char *)wmem_alloc(scope, cut + SIP_EXPLAIN_ELLIPSIS_BYTES + 1);
    write_cut(out, text, cut, max_bytes);
    return out;
}

char *
sip_explain_cut_printf(wmem_allocator_t *scope, size_t max_bytes, const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = wmem_strdup_vprintf(scope, fmt, ap);
    va_end(ap);
    /* Longer than max_bytes, and the cut plus ellipsis is at most
     * max_bytes: it fits where the text was. */
    if (strlen(text) > max_bytes)
        write_cut(text, text, cut_before_ellipsis(text, max_bytes), max_bytes);
    return text;
}
