/* tablegen_model.h
 * The checked contents of the data files, as the emitter writes them out.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TABLEGEN_MODEL_H
#define TABLEGEN_MODEL_H

#include <stdio.h>

#include <glib.h>

#include "sip_explain_table.h"
#include "tablegen_source.h"

#define TG_LANGS SIP_EXPLAIN_LANG_COUNT     /* texts per entry, in sip_explain_lang_t order */
#define TG_MAX_RFCS 8

/* The texts of a code for one request method: Description@REFER= ...,
 * and their facts: Severity@REFER= ... or the code's (Facts@REFER=same). */
typedef struct {
    char *method;
    int line;               /* where the first of its text keys stands */
    int fact_line;          /* where the first of its fact keys stands; 0: none */
    const char *fact_key;   /* that key's base ("Severity"), for messages */
    gboolean has_texts;     /* a Description, When or Fix for the method */
    int severity, actor, retry;
    char *description[TG_LANGS];
    char *when[TG_LANGS];
    char *fix[TG_LANGS];
} tg_method_texts_t;

typedef struct {
    long code;              /* 100..699, or N00 for a class group */
    int klass;              /* sip_explain_class_t, 1..SIP_EXPLAIN_CLASS_COUNT */
    gboolean is_class;
    char *reason;
    long rfcs[TG_MAX_RFCS];
    int n_rfcs;
    int severity, actor, retry;
    char **methods;
    char *methods_ref[TG_LANGS];    /* where the RFC limits the code to Methods */
    char **headers;
    char **requires;        /* headers the RFC requires in this response */
    char *requires_ref[TG_LANGS];
    char *description[TG_LANGS];
    char *when[TG_LANGS];
    char *fix[TG_LANGS];
    GPtrArray *method_texts; /* tg_method_texts_t *, in file order; NULL when none */
} tg_response_t;

typedef struct {
    GPtrArray *codes;               /* tg_response_t *, sorted by code */
    tg_response_t *classes[SIP_EXPLAIN_CLASS_COUNT];   /* [klass - 1] */
} tg_responses_t;

typedef struct {
    long code;
    long last;                      /* a range group's last code; code otherwise */
    char *reason;
    char *rfc;
    long sip;
    char *description[TG_LANGS];    /* every language required */
} tg_code_row_t;

typedef struct {
    const char *what;               /* "warn-code", "cause" */
    long min, max;
    const char *fallback_group;     /* "3xx", "default"; NULL: none (an unknown code is not explained) */
    gboolean has_rfc;               /* RFC= required on every row */
    gboolean has_sip;               /* SIP= allowed */
    gboolean ranges;                /* groups [LOW-HIGH] allowed, none overlapping */
} tg_code_kind_t;

typedef struct {
    GPtrArray *rows;                /* tg_code_row_t *, sorted by code */
    tg_code_row_t *fallback;
} tg_code_table_t;

/* data/labels.ini: the sip-explain command's words and sentence templates. */
typedef struct {
    char *id;                       /* "group.Key" */
    char *text[TG_LANGS];
} tg_label_t;

typedef struct {
    GPtrArray *labels;              /* tg_label_t *, sorted by id */
} tg_labels_t;

/* data/glossary.<lang>.ini: terms a translation must not use (read_glossary.c). */
typedef struct {
    int lang;                       /* 1 ru, 2 vi: the order of sip_explain_lang_t */
    const char *path;               /* as given on the command line */
    GPtrArray *entries;
} tg_glossary_t;

extern const tg_code_kind_t tg_warn_kind;
extern const tg_code_kind_t tg_q850_kind;
/* The vendors' cause tables, in sip_explain_cause_table_t order. */
extern const tg_code_kind_t tg_cause_kinds[SIP_EXPLAIN_CAUSE_TABLE_COUNT];

/* Reads and checks; every problem is reported on src->diag. */
void tg_read_responses(tg_source_t *src, tg_responses_t *out);
void tg_read_code_table(tg_source_t *src, const tg_code_kind_t *kind, tg_code_table_t *out);

void tg_read_labels(tg_source_t *src, tg_labels_t *out);

void tg_read_glossary(tg_source_t *src, int lang, tg_glossary_t *out);
/* Reports, on src->diag, every text translated into the glossary's language
 * that contains one of its avoided forms. */
void tg_check_glossary(tg_source_t *src, const tg_glossary_t *glossary);
void tg_glossary_clear(tg_glossary_t *g);

void tg_responses_clear(tg_responses_t *t);
void tg_labels_clear(tg_labels_t *t);
void tg_code_table_clear(tg_code_table_t *t);

/* Writes the C source of all tables; an absent table (NULL) is written
 * empty. Returns FALSE on an I/O error. */
gboolean tg_emit_c(FILE *out, const tg_responses_t *responses,
                   const tg_code_table_t *warn, const tg_code_table_t *q850,
                   const tg_code_table_t *const causes[SIP_EXPLAIN_CAUSE_TABLE_COUNT]);

/* The labels table (read_labels.c); NULL writes it empty. */
void tg_emit_labels_c(FILE *out, const tg_labels_t *labels);
/* A C string literal, or NULL, as emit_c.c writes them. */
void tg_emit_c_string(FILE *out, const char *s);

#endif /* TABLEGEN_MODEL_H */
