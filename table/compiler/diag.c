/* diag.c
 * Writes the table compiler's "FILE:LINE: message" diagnostics to stderr
 * and counts them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

void
diag_error(diag_t *diag, int line, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s:%d: ", diag->path, line > 0 ? line : 1);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    diag->errors++;
}
