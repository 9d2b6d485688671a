/* tshark_args.h
 * Which fields a tshark command line prints.
 *
 * Wireshark 4.0 gives a post-dissector no way to tell `tshark -T fields
 * -e X` (only the named fields are printed) from `tshark -V` (the whole
 * tree is): both build a visible tree and prime nothing. The command line
 * tells. This reader understands tshark 4.0's options; anything it does not
 * understand makes it answer "unknown", and the caller then assumes the
 * whole tree is printed (all work done, nothing missing).
 *
 * No Wireshark, no allocation: unit tests and fuzzers use it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TSHARK_ARGS_H
#define TSHARK_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Most -e fields kept; a command line with more answers "unknown". */
#define TSHARK_ARGS_MAX_FIELDS 64

typedef struct {
    /* -T fields|json|jsonraw|ek|pdml with at least one -e: only the named
     * fields are printed (and what filters, columns and taps ask for). */
    bool named_fields_only;
    /* -2: two passes, the first dissecting every frame before any is printed. */
    bool two_pass;
    size_t n_fields;
    const char *fields[TSHARK_ARGS_MAX_FIELDS];   /* pointers into argv */
} tshark_args_t;

/* Reads argv[1..argc-1]. false: something was not understood (an unknown
 * option, too many fields, -G); *out then says nothing is known. */
bool tshark_args_parse(int argc, char *const argv[], tshark_args_t *out);

#ifdef __cplusplus
}
#endif

#endif /* TSHARK_ARGS_H */
