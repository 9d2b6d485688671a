/* translation_sums.h
 * Which English text each translation was made from (data/translations.sums),
 * so that a changed English sentence cannot leave its translations stale
 * without anyone noticing.
 *
 * Each line of the sums file stamps one translated text of a data file:
 *   FILE [GROUP] KEY[LANG] ENGLISH TRANSLATION
 * ENGLISH and TRANSLATION are short hashes of the English value (KEY=) and of
 * the translation (KEY[LANG]=) when the translation was last stamped. Both
 * are kept: a stamp says "this translation was made from this English", so
 * stamping can tell a translation someone updated from one nobody touched.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRANSLATION_SUMS_H
#define TRANSLATION_SUMS_H

#include <glib.h>

#include "tablegen_source.h"

/* What the compiler does with the sums file (--translations MODE). */
typedef enum {
    TG_SUMS_WARN,       /* report out-of-date stamps, build anyway (the build) */
    TG_SUMS_REQUIRE,    /* report them as errors (ctest tablegen.translations_current) */
    TG_SUMS_STAMP,      /* rewrite the file for translations that changed or are new */
    TG_SUMS_CONFIRM     /* rewrite the file for every translation as it stands */
} tg_sums_mode_t;

/* The mode named MODE ("warn", "require", "stamp", "confirm"), or -1. */
int tg_sums_mode_from_name(const char *name);

typedef struct tg_translations tg_translations_t;

tg_translations_t *tg_translations_new(void);
void tg_translations_free(tg_translations_t *t);

/* Notes every translated text (KEY[LANG]= beside KEY=) of a data file that
 * GKeyFile could read. */
void tg_translations_note(tg_translations_t *t, const tg_source_t *src);

/* Compares the noted translations with the sums file and reports, as
 * "FILE:LINE: message", each one whose English changed since it was
 * stamped, each one without a stamp and each stamp without a translation.
 * Returns how many were reported. */
int tg_translations_check(const tg_translations_t *t, const char *sums_path);

/* Rewrites the sums file (TG_SUMS_STAMP or TG_SUMS_CONFIRM) and prints what
 * it stamped. STAMP refuses, and reports, a translation whose English
 * changed while it did not; CONFIRM stamps it as still right. Returns the
 * number of problems (refusals, an unreadable sums file), 0 on success. */
int tg_translations_stamp(const tg_translations_t *t, const char *sums_path, tg_sums_mode_t mode);

#endif /* TRANSLATION_SUMS_H */
