/* fuzz_tablegen.c: libFuzzer harness of the table compiler's readers.
 * The fuzz input is written to a file and read by every reader of the
 * compiler in-process (responses, warn codes, Q.850 causes and, when
 * present, labels); what reads without error is emitted to /dev/null.
 * diag_error() is replaced by a quiet one that still formats each message
 * (a bad format argument is a finding).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "compiler/tablegen_model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

void
diag_error(diag_t *diag, int line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    FUZZ_CHECK(line >= 0);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (getenv("FUZZ_TABLEGEN_VERBOSE"))
        fprintf(stderr, "%s:%d: %s\n", diag->path, line > 0 ? line : 1, msg);
    diag->errors++;
}

static char path[64];
static FILE *devnull;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f;
    tg_source_t *src;

    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/fuzz_tablegen_%ld.ini", (long)getpid());
        devnull = fopen("/dev/null", "w");
    }
    f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);

    src = tg_source_open(path);
    if (src) {
        if (src->diag.errors == 0) {
            tg_responses_t responses;
            tg_read_responses(src, &responses);
            if (src->diag.errors == 0)
                tg_emit_c(devnull, &responses, NULL, NULL, NULL);
            tg_responses_clear(&responses);
        }
        tg_source_free(src);
    }
    src = tg_source_open(path);
    if (src) {
        if (src->diag.errors == 0) {
            tg_code_table_t warn, q850;
            tg_read_code_table(src, &tg_warn_kind, &warn);
            tg_read_code_table(src, &tg_q850_kind, &q850);
            if (src->diag.errors == 0)
                tg_emit_c(devnull, NULL, &warn, &q850, NULL);
            tg_code_table_clear(&warn);
            tg_code_table_clear(&q850);
        }
        tg_source_free(src);
    }
    /* The vendors' cause tables: ids, ranges [LOW-HIGH], optional fallback. */
    for (int t = 0; t < SIP_EXPLAIN_CAUSE_TABLE_COUNT; t++) {
        src = tg_source_open(path);
        if (!src)
            continue;
        if (src->diag.errors == 0) {
            tg_code_table_t table;
            const tg_code_table_t *causes[SIP_EXPLAIN_CAUSE_TABLE_COUNT] = { NULL };
            tg_read_code_table(src, &tg_cause_kinds[t], &table);
            causes[t] = &table;
            if (src->diag.errors == 0)
                tg_emit_c(devnull, NULL, NULL, NULL, causes);
            tg_code_table_clear(&table);
        }
        tg_source_free(src);
    }
#ifdef FUZZ_HAVE_LABELS
    src = tg_source_open(path);
    if (src) {
        if (src->diag.errors == 0) {
            tg_labels_t labels = { NULL };
            tg_read_labels(src, &labels);
            if (src->diag.errors == 0)
                tg_emit_labels_c(devnull, &labels);
            tg_labels_clear(&labels);
        }
        tg_source_free(src);
    }
#endif
    return 0;
}
