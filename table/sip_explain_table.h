/* sip_explain_table.h
 * Types and lookups of the explanation tables that the table compiler
 * (table/compiler) generates from data/<name>.ini at build time. Shared by the
 * Wireshark plugin and the sip-explain command; needs only the C library.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_TABLE_H
#define SIP_EXPLAIN_TABLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SIP_EXPLAIN_CODE_MIN 100
#define SIP_EXPLAIN_CODE_MAX 699

typedef enum {
    SIP_EXPLAIN_LANG_EN = 0,
    SIP_EXPLAIN_LANG_RU,
    SIP_EXPLAIN_LANG_VI,
    SIP_EXPLAIN_LANG_COUNT
} sip_explain_lang_t;

/* Classes are numbered by the first digit of the code: 1 = Provisional. */
typedef enum {
    SIP_EXPLAIN_CLASS_NONE = 0,
    SIP_EXPLAIN_CLASS_PROVISIONAL = 1,
    SIP_EXPLAIN_CLASS_SUCCESS,
    SIP_EXPLAIN_CLASS_REDIRECTION,
    SIP_EXPLAIN_CLASS_CLIENT_FAILURE,
    SIP_EXPLAIN_CLASS_SERVER_FAILURE,
    SIP_EXPLAIN_CLASS_GLOBAL_FAILURE
} sip_explain_class_t;

/* Number of classes (1xx to 6xx). */
#define SIP_EXPLAIN_CLASS_COUNT 6

/* In rising order, as Wireshark's expert severities. */
typedef enum {
    SIP_EXPLAIN_SEV_CHAT = 0,
    SIP_EXPLAIN_SEV_NOTE,
    SIP_EXPLAIN_SEV_WARNING,
    SIP_EXPLAIN_SEV_ERROR,
    SIP_EXPLAIN_SEV_COUNT
} sip_explain_severity_t;

typedef enum {
    SIP_EXPLAIN_ACTOR_NONE = 0,
    SIP_EXPLAIN_ACTOR_CLIENT,
    SIP_EXPLAIN_ACTOR_USER,
    SIP_EXPLAIN_ACTOR_SERVER,
    SIP_EXPLAIN_ACTOR_NETWORK,
    SIP_EXPLAIN_ACTOR_COUNT
} sip_explain_actor_t;

typedef enum {
    SIP_EXPLAIN_RETRY_NA = 0,
    SIP_EXPLAIN_RETRY_NEVER,
    SIP_EXPLAIN_RETRY_AFTER_CHANGE,
    SIP_EXPLAIN_RETRY_LATER,
    SIP_EXPLAIN_RETRY_ELSEWHERE,
    SIP_EXPLAIN_RETRY_COUNT
} sip_explain_retry_t;

/* The texts of a code when it answers one request method (data keys
 * Description@REFER= ...): where the method changes what the code means,
 * with the facts that go with them (Severity@REFER= ..., or the code's
 * where the data says Facts@REFER=same). NULL where the data has no
 * translation. */
typedef struct {
    const char *method;            /* as in CSeq, case-sensitive: "REFER" */
    uint8_t severity;              /* sip_explain_severity_t */
    uint8_t actor;                 /* sip_explain_actor_t */
    uint8_t retry;                 /* sip_explain_retry_t */
    const char *description[SIP_EXPLAIN_LANG_COUNT];
    const char *summary[SIP_EXPLAIN_LANG_COUNT];   /* first sentence of description */
    const char *when[SIP_EXPLAIN_LANG_COUNT];
    const char *fix[SIP_EXPLAIN_LANG_COUNT];
} sip_explain_method_texts_t;

/* One response code, or one class fallback (registered == 0, code = N00). */
typedef struct {
    uint16_t code;
    uint8_t klass;                 /* sip_explain_class_t */
    uint8_t registered;            /* 1: listed in the IANA registry */
    uint8_t severity;              /* sip_explain_severity_t */
    uint8_t actor;                 /* sip_explain_actor_t */
    uint8_t retry;                 /* sip_explain_retry_t */
    const char *reason;            /* registered phrase; NULL for a class */
    const char *rfc;               /* "RFC 6665 (replaces RFC 3265)"; NULL for a class */
    const uint16_t *rfcs;          /* RFC numbers, first is the registry's */
    size_t n_rfcs;
    const char *const *methods;    /* "*" alone means any method */
    size_t n_methods;
    /* The RFC section limiting the code to methods, per language; NULL
     * (every language) when the code answers any method. */
    const char *methods_ref[SIP_EXPLAIN_LANG_COUNT];
    const char *const *headers;    /* headers carrying the next step */
    size_t n_headers;
    const char *const *requires;   /* headers the RFC requires in this response */
    size_t n_requires;
    const char *requires_ref[SIP_EXPLAIN_LANG_COUNT];   /* the RFC section that requires them */
    /* Per language; NULL where the data has no translation. */
    const char *description[SIP_EXPLAIN_LANG_COUNT];
    const char *summary[SIP_EXPLAIN_LANG_COUNT];   /* first sentence of description */
    const char *when[SIP_EXPLAIN_LANG_COUNT];
    const char *fix[SIP_EXPLAIN_LANG_COUNT];
    /* Texts for particular request methods, in data order; they replace
     * the four above for a response to that method. */
    const sip_explain_method_texts_t *method_texts;
    size_t n_method_texts;
} sip_explain_entry_t;

/* The texts to show for a response, each an array per language, and the
 * facts that go with them: an entry's general ones or those of one of its
 * methods, so that what is shown never contradicts what is said. */
typedef struct {
    const sip_explain_method_texts_t *variant;     /* NULL: the general texts */
    const char *const *description, *const *summary, *const *when, *const *fix;
    sip_explain_severity_t severity;
    sip_explain_actor_t actor;
    sip_explain_retry_t retry;
} sip_explain_texts_t;

/* One row of a small code table: Warning warn-codes, Q.850 causes, a
 * vendor's causes. */
typedef struct {
    int code;                      /* -1 for the fallback row */
    const char *reason;            /* registered text; NULL for the fallback */
    const char *rfc;               /* may be NULL */
    int sip;                       /* mapped SIP code, 0 if none */
    const char *description[SIP_EXPLAIN_LANG_COUNT];   /* every language */
    int last;                      /* a range row's last code; code otherwise */
} sip_explain_code_text_t;

/* The vendors' cause tables (data/<file>.ini), one kind of cause each. */
typedef enum {
    SIP_EXPLAIN_CAUSES_FREESWITCH,      /* data/freeswitch_causes.ini: hangup causes >= 128 */
    SIP_EXPLAIN_CAUSES_MS_DIAGNOSTICS,  /* data/ms_diagnostics.ini: ids and id ranges */
    SIP_EXPLAIN_CAUSES_TWILIO,          /* data/twilio_errors.ini: X-Twilio-Error codes */
    SIP_EXPLAIN_CAUSE_TABLE_COUNT
} sip_explain_cause_table_t;

/* A vendor's rows, sorted by code (a range row by its first code). */
typedef struct {
    const sip_explain_code_text_t *rows;
    size_t count;
    const sip_explain_code_text_t *fallback;   /* NULL: an unknown code is not explained */
} sip_explain_cause_rows_t;

/* ---- Generated by the table compiler (sip_explain_tables.c) ---- */
extern const sip_explain_entry_t sip_explain_responses[];
extern const size_t sip_explain_responses_count;
extern const sip_explain_entry_t *const sip_explain_response_by_code[SIP_EXPLAIN_CODE_MAX - SIP_EXPLAIN_CODE_MIN + 1];
extern const sip_explain_entry_t sip_explain_classes[SIP_EXPLAIN_CLASS_COUNT];
/* Every entry's method texts, in code order (entries point into it). */
extern const sip_explain_method_texts_t sip_explain_method_texts[];
extern const size_t sip_explain_method_texts_count;

extern const sip_explain_code_text_t sip_explain_warn_codes[];
extern const size_t sip_explain_warn_codes_count;
extern const sip_explain_code_text_t *const sip_explain_warn_by_code[100];   /* 300..399 */
extern const sip_explain_code_text_t sip_explain_warn_fallback;

extern const sip_explain_code_text_t sip_explain_q850_causes[];
extern const size_t sip_explain_q850_causes_count;
extern const sip_explain_code_text_t *const sip_explain_q850_by_cause[128];  /* 0..127 */
extern const sip_explain_code_text_t sip_explain_q850_fallback;

extern const sip_explain_cause_rows_t sip_explain_cause_tables[SIP_EXPLAIN_CAUSE_TABLE_COUNT];

/* One word or sentence template of the sip-explain command, from
 * data/labels.ini: id is "group.Key"; every language is present. */
typedef struct {
    const char *id;
    const char *text[SIP_EXPLAIN_LANG_COUNT];
} sip_explain_label_t;

extern const sip_explain_label_t sip_explain_labels[];    /* sorted by id (strcmp) */
extern const size_t sip_explain_labels_count;

/* ---- Lookups (sip_explain_lookup.c) ---- */

/* The class of a code: its first digit for 100..699, else NONE. */
sip_explain_class_t sip_explain_class_of(long code);

/* Registered entry for the code, or NULL. O(1). */
const sip_explain_entry_t *sip_explain_lookup_registered(long code);

/* Registered entry, else the class fallback, else NULL (code outside
 * 100..699). O(1). */
const sip_explain_entry_t *sip_explain_lookup(long code);

/* ---- Shared rules (sip_explain_rules.c; the compiler uses them too) ---- */

/* "Client Failure" etc.; NULL for SIP_EXPLAIN_CLASS_NONE. */
const char *sip_explain_class_name(sip_explain_class_t klass);
const char *sip_explain_severity_name(sip_explain_severity_t sev);
const char *sip_explain_actor_name(sip_explain_actor_t actor);
const char *sip_explain_retry_name(sip_explain_retry_t retry);

/* Length of a text's first sentence: up to and including the first ". ",
 * or all of it. The summary of an entry is its description's first
 * sentence. */
size_t sip_explain_first_sentence_len(const char *text);

/* Is s a SIP method: a token of RFC 3261 section 25.1 (alphanumerics and
 * -.!%*_+`'~), not empty? */
int sip_explain_is_method_token(const char *s, size_t len);

/* Parses "en", "ru", "vi"; returns -1 for anything else. */
int sip_explain_lang_from_name(const char *name);
const char *sip_explain_lang_name(sip_explain_lang_t lang);

/* ---- More lookups (sip_explain_lookup.c) ---- */

/* Text in the language asked for, or English where it is not translated. */
const char *sip_explain_text(const char *const texts[SIP_EXPLAIN_LANG_COUNT], sip_explain_lang_t lang);

/* Does the entry list this method (or "*")? Case-sensitive, as SIP methods are. */
int sip_explain_entry_answers_method(const sip_explain_entry_t *entry, const char *method, size_t method_len);

/* The texts and facts for a response to this method, the method of its
 * CSeq (RFC 3261 sections 8.2.6.2 and 20.16): the entry's for that method
 * where it has texts for it, else its general ones. method may be NULL
 * (len 0). */
sip_explain_texts_t sip_explain_entry_texts(const sip_explain_entry_t *entry, const char *method, size_t method_len);

/* Warn-code row (300..399, registered or the fallback); NULL outside 300..399. */
const sip_explain_code_text_t *sip_explain_lookup_warn(long code);
/* Q.850 cause row (registered or the fallback); NULL outside 0..127. */
const sip_explain_code_text_t *sip_explain_lookup_q850(long cause);
/* A vendor's row for the code: its own row, else the range row holding
 * it, else the table's fallback; NULL when none. */
const sip_explain_code_text_t *sip_explain_lookup_cause(sip_explain_cause_table_t table, long code);

#ifdef __cplusplus
}
#endif

#endif /* SIP_EXPLAIN_TABLE_H */
