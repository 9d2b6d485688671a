/* explain.h
 * A page of sip-explain: one code, or two compared. Every sentence is
 * built here once, from the table's fields and the label templates, and then
 * written as text (render_text.c) or JSON (render_json.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_CLI_EXPLAIN_H
#define SIP_EXPLAIN_CLI_EXPLAIN_H

#include <glib.h>

#include "sip_explain_table.h"

#define CX_RFC_URL "https://www.rfc-editor.org/rfc/rfc%u"
#define CX_REGISTRY_URL "https://www.iana.org/assignments/sip-parameters/sip-parameters.xhtml#sip-parameters-7"

typedef struct {
    char *title;        /* "RFC 6665", or the label of the link */
    char *url;
} cx_link_t;

/* One code, registered or explained by its class. */
typedef struct {
    long code;
    const sip_explain_entry_t *entry;   /* the registered entry or the class fallback */
    gboolean registered;
    char *reason;           /* the registered phrase, or "(unregistered)" */
    char *class_full;       /* "Client Failure (4xx)" */
    char *note;             /* unregistered: what the page explains instead; else NULL */
    sip_explain_severity_t severity;    /* the facts shown: the method's where its texts are */
    sip_explain_actor_t actor_value;
    sip_explain_retry_t retry_value;
    char *signals;          /* severity phrase */
    char *actor;
    char *retry;
    char *methods;          /* "SUBSCRIBE, NOTIFY, PUBLISH" or "any method" */
    char *headers;          /* "Allow-Events" or "no header names one" */
    char *rfc;              /* "RFC 6665" or "no RFC (unregistered)" */
    const char *description, *summary, *when, *fix;
    const char *method;     /* --method: whose texts the page asked for, or NULL */
    gboolean method_own;    /* the code has texts of its own for that method */
    char *method_note;      /* with --method: which texts the page shows */
    GPtrArray *links;       /* cx_link_t * */
} cx_code_t;

enum {
    CX_DIFF_CLASS, CX_DIFF_SIGNALS, CX_DIFF_ACTOR, CX_DIFF_RETRY,
    CX_DIFF_HEADERS, CX_DIFF_METHODS, CX_DIFF_RFCS, CX_DIFF_COUNT
};
extern const char *const cx_diff_keys[CX_DIFF_COUNT];   /* JSON keys */

typedef struct {
    gboolean same_code, same_class;
    char *intro;
    char *diff[CX_DIFF_COUNT];
    char *use[3];               /* for a, for b, how to choose */
    GPtrArray *links;           /* both codes' links, without repeats */
} cx_compare_t;

typedef struct {
    cx_code_t code[2];
    int n_codes;
    cx_compare_t *compare;      /* NULL for one code */
} cx_page_t;

/* Checks a command-line code: 0 ok, 1 not a number, 2 not a code 100..699. */
int cx_parse_code(const char *arg, long *code);

/* Builds the page of one or two valid codes in the current language:
 * with method (a SIP method token, or NULL), the texts for a response to
 * that method where a code has them. */
cx_page_t *cx_page_new(const long *codes, int n, const char *method);
void cx_page_free(cx_page_t *page);

/* "Client Failure (4xx)" in the current language. */
char *cx_class_full(int klass);
const char *cx_class_label(int klass);

void cx_render_text(GString *out, const cx_page_t *page);
void cx_render_json(GString *out, const cx_page_t *page);
void cx_render_list_text(GString *out);
void cx_render_list_json(GString *out);

/* A paragraph wrapped at 78 columns, every line indented by at. */
void cx_text_paragraph(GString *out, const char *text, long at);

#endif /* SIP_EXPLAIN_CLI_EXPLAIN_H */
