/* diag.h
 * "FILE:LINE: message" diagnostics of the table compiler.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef DIAG_H
#define DIAG_H

#include <glib.h>

typedef struct {
    const char *path;     /* as given on the command line */
    int errors;
} diag_t;

void diag_error(diag_t *diag, int line, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

#endif /* DIAG_H */
