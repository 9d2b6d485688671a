/* context_internal.h
 * What the files of plugin/context/ share and nothing outside uses: the
 * header values read from a message, the response being explained, and
 * the routines each file offers the others.
 *
 * The files, each one job:
 *   sip_explain_context.c   when to record a request and explain a response
 *   context_experts.def     the expert infos, one row each (name, group, severity, summary, template)
 *   context_register.c      the fields and expert infos, and their registration
 *   headers.c               reading a message's headers into slots
 *   value_text.c            header values and numbers as the user reads them
 *   transaction_keys.c      the keys that match a response to its request
 *   request_reading.c       what a request asked for, into its record
 *   request_records.c       the records, in file scope
 *   auth_attempts.c         credentials refused and accepted, per user, in file scope
 *   findings.c              adding findings and expert notes to a response
 *   conformance.c           the rules a response breaks
 *   explainers.c            which explainers a response code runs (add rules there)
 *   explain_*.c             the explainers, by topic (explain_causes.c: why
 *                           a call failed or ended, beyond the status code)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CONTEXT_INTERNAL_H
#define CONTEXT_INTERNAL_H

#include <epan/expert.h>
#include <epan/proto.h>
#include <wsutil/wmem/wmem.h>

#include "context/request_records.h"
#include "parse/sip_values.h"
#include "context/sip_explain_context.h"
#include "sip_explain_shown.h"

/* Longest value shown in a finding, in bytes, before an ellipsis. */
#define SPAN_TEXT_MAX 256
/* Most values of one header read per message (the rest are counted). */
#define MAX_REPEAT 16

/* ---- Fields and expert infos (context_register.c) ---- */

extern int hf_sip_explain_request_frame;
extern int hf_sip_explain_request_method;
extern int hf_sip_explain_context;

/* The fields of one cause (explain_causes.c fills them). */
extern int hf_sip_explain_cause, hf_sip_explain_cause_header, hf_sip_explain_cause_protocol;
extern int hf_sip_explain_cause_code, hf_sip_explain_cause_name, hf_sip_explain_cause_text;
extern int hf_sip_explain_cause_source, hf_sip_explain_cause_correlation_id, hf_sip_explain_sent_by;
extern gint ett_sip_explain_cause;

/* ei_sip_explain_context_<name>, one per row of context/context_experts.def. */
#define CONTEXT_EXPERT(name, group, severity, summary, template_id) extern expert_field ei_sip_explain_context_##name;
#include "context/context_experts.def"

/* ---- Header values (headers.c) ---- */

static inline sip_span_t
empty_span(void)
{
    sip_span_t s = { NULL, 0 };
    return s;
}

/* The values of one header name in a message: the first MAX_REPEAT, and
 * how many lines carried it in all. */
typedef struct {
    sip_span_t value[MAX_REPEAT];
    unsigned n, total;
} header_values_t;

/* The first value, or an empty span: what parsers of a single value read. */
static inline sip_span_t
header_values_first(const header_values_t *values)
{
    return values->n ? values->value[0] : empty_span();
}

/* The first Call-ID, CSeq and Via of a message: what matches a response to
 * its request. */
typedef struct {
    sip_span_t call_id, cseq, via;
} transaction_headers_t;

/* A set of header slots, as bits (slot i: bit i). */
typedef guint32 slot_mask_t;
#define SLOT_BIT(i) ((slot_mask_t)1 << (i))

/* What a request carries that its record keeps. */
typedef struct {
    transaction_headers_t ids;
    /* Read even for expert info alone: the re-challenge check and the
     * Reason of a CANCEL or BYE. */
    header_values_t authorization, proxy_authorization, reason;
    /* Read when the context is shown: Asterisk's cause on a BYE or CANCEL. */
    header_values_t asterisk_cause, asterisk_cause_code;
    /* Read when the context is shown. */
    header_values_t event, expires, contact, require, proxy_require, supported, session_expires, min_se;
    header_values_t content_type, content_encoding, suppress_if_match;
} request_headers_t;

/* Does the request carry any header expert info alone reads? */
gboolean request_carries_expert_headers(const sip_explain_message_t *msg);

/* expert_only: only the headers expert info reads (Authorization,
 * Proxy-Authorization, Reason). */
void read_request_headers(const sip_explain_message_t *msg, request_headers_t *headers, gboolean expert_only);

/* What a response carries that its findings and checks read. */
typedef struct {
    transaction_headers_t ids;
    header_values_t contact, www_auth, proxy_auth, allow, accept, accept_encoding, accept_language;
    header_values_t unsupported, require, min_se, min_expires, allow_events, expires;
    header_values_t retry_after, warning, reason;
    /* Causes vendors give (explain_causes.c) and who sent the response. */
    header_values_t ms_diagnostics, ms_diagnostics_public, asterisk_cause, asterisk_cause_code, twilio_error;
    header_values_t server, user_agent;
    slot_mask_t read;                   /* the slots read */
    gboolean too_many_lines;            /* the header-line limit cut the reading short */
} response_headers_t;

/* The slots of response_headers_t, in its order. */
enum {
    RESPONSE_SLOT_CONTACT, RESPONSE_SLOT_WWW_AUTH, RESPONSE_SLOT_PROXY_AUTH, RESPONSE_SLOT_ALLOW,
    RESPONSE_SLOT_ACCEPT, RESPONSE_SLOT_ACCEPT_ENCODING, RESPONSE_SLOT_ACCEPT_LANGUAGE,
    RESPONSE_SLOT_UNSUPPORTED, RESPONSE_SLOT_REQUIRE, RESPONSE_SLOT_MIN_SE, RESPONSE_SLOT_MIN_EXPIRES,
    RESPONSE_SLOT_ALLOW_EVENTS, RESPONSE_SLOT_EXPIRES, RESPONSE_SLOT_RETRY_AFTER, RESPONSE_SLOT_WARNING,
    RESPONSE_SLOT_REASON, RESPONSE_SLOT_MS_DIAGNOSTICS, RESPONSE_SLOT_MS_DIAGNOSTICS_PUBLIC,
    RESPONSE_SLOT_ASTERISK_CAUSE, RESPONSE_SLOT_ASTERISK_CAUSE_CODE, RESPONSE_SLOT_TWILIO_ERROR,
    RESPONSE_SLOT_SERVER, RESPONSE_SLOT_USER_AGENT,
    RESPONSE_SLOT_COUNT
};
#define RESPONSE_SLOTS_ALL ((slot_mask_t)(SLOT_BIT(RESPONSE_SLOT_COUNT) - 1))
/* Who sent the response: read for error responses only (explain_sent_by). */
#define RESPONSE_SLOTS_SENT_BY (SLOT_BIT(RESPONSE_SLOT_SERVER) | SLOT_BIT(RESPONSE_SLOT_USER_AGENT))
#define SENT_BY_FIRST_CODE 300

/* The slots of the headers the table requires for the entry's code (the
 * conformance check reads them). */
slot_mask_t response_required_slots(const sip_explain_entry_t *entry);

/* Are the slot tables' letter masks, made by the compiler, the ones
 * sip_header_letters() computes? A programming error if not, checked by
 * tests/unit/test_header_slots.c (the plugin must not abort Wireshark). */
gboolean header_slot_tables_right(void);

/* Reads the ids and the wanted slots; the others stay empty. */
void read_response_headers(const sip_explain_message_t *msg, response_headers_t *headers, slot_mask_t wanted);

/* Is the header in the response? requirement: a header name, or names
 * joined by '|' of which one will do (a Requires item of the table). From
 * the slots read where they hold the name, so most checks need no further
 * pass over the headers. */
gboolean response_has_header(const response_headers_t *headers, const sip_explain_message_t *msg,
                             const char *requirement);

/* ---- Values as the user reads them (value_text.c) ---- */

/* The value as found, printable, at most SPAN_TEXT_MAX bytes with an
 * ellipsis. */
const char *span_text(wmem_allocator_t *scope, sip_span_t s);

/* The values joined with ", ", as found, length-limited. */
const char *header_values_joined(wmem_allocator_t *scope, const header_values_t *values);

/* The first sentence of a table text (NULL: ""): findings stay one line. */
const char *first_sentence(wmem_allocator_t *scope, const char *text);

/* ---- Transaction keys (transaction_keys.c) ---- */

/* A nonce as a record keeps it: 32 bits of its hash. Two nonces that
 * differ but hash alike (one chance in 2^32) read as the same nonce. */
static inline guint32
nonce_hash(sip_span_t nonce)
{
    guint64 h = sip_span_hash(SIP_SPAN_HASH_START, nonce);
    return (guint32)(h ^ (h >> 32));
}

/* Where a request stands: FALSE when it has no Call-ID or no valid CSeq. */
gboolean request_id_of(packet_info *pinfo, const sip_explain_message_t *msg,
                       const transaction_headers_t *ids, request_id_t *id);

/* The request a response answers (see request_records_find). via: the
 * response's top Via, or empty. NULL when none is recorded. */
const recorded_request_t *find_request(packet_info *pinfo, sip_span_t call_id, guint32 cseq,
                                       sip_span_t method, sip_span_t via);

/* ---- Requests (request_reading.c) ---- */

/* Records what the request asked for, unless it is recorded already.
 * expert_only: only what expert info reads. */
void record_request(packet_info *pinfo, const sip_explain_message_t *msg, gboolean expert_only);

/* ---- The response being explained ---- */

/* What every check and explainer of one response reads, made once per
 * response in pinfo->pool (sip_explain_response_context_t outside). */
struct sip_explain_response_context {
    packet_info *pinfo;
    proto_tree *tree;
    proto_item *anchor;                 /* item expert infos hang on */
    const sip_explain_message_t *msg;
    const sip_explain_entry_t *entry;
    const sip_explain_context_opts_t *opts;
    const recorded_request_t *request; /* the request answered; NULL when not in the capture */
    uint32_t code;
    guint32 cseq;
    sip_span_t cseq_method;             /* empty when CSeq is missing or malformed */
    gboolean have_cseq;                 /* the CSeq read: number and method */
    gboolean judge;                     /* findings and checks are read (or make the severity) */
    gboolean show_findings;             /* FALSE: only expert info is read */
    sip_explain_severity_t highest;     /* of the expert infos judged so far */
    response_headers_t headers;         /* last: not zeroed with the rest */
};
typedef struct sip_explain_response_context response_ctx_t;

/* ---- Findings and expert notes (findings.c) ---- */

/* Every text below is a template of data/findings.ini ("finding.Key",
 * "expert.Key", "part.Key") in the language preference, its {placeholders}
 * filled from NULL-terminated name, value pairs ({code} is the response's
 * code unless given); values found in the packet are shown as found. */
const char *ctx_text(response_ctx_t *rc, const char *id, ...) G_GNUC_NULL_TERMINATED;

/* n as decimal text, for a placeholder. */
const char *ctx_num(response_ctx_t *rc, guint64 n);

/* Why a number did not read ("not a number"), in the language (findings.c). */
const char *num_status_text(response_ctx_t *rc, sip_num_status_t st);

/* "90 s", "600 s (10.0 min)", "172800 s (48 h)", in the language (value_text.c). */
const char *seconds_text(response_ctx_t *rc, guint32 s);

/* One finding. span: the header value it is about (its bytes are
 * highlighted), or empty for a generated item. Returns the item (NULL
 * when findings are not shown). A long one is also shown whole on child
 * lines where the tree is printed. */
proto_item *add_finding(response_ctx_t *rc, sip_span_t span, const char *id, ...) G_GNUC_NULL_TERMINATED;

/* Every expert info of the context (a row of context_experts.def): judged
 * (rc->highest), and raised only when its severity reaches the
 * min_severity preference, with its template filled. pi: the item it
 * hangs on (NULL: the status code's). */
void add_expert(response_ctx_t *rc, proto_item *pi, expert_field *ei, ...) G_GNUC_NULL_TERMINATED;

/* The same for an item whose message varies (its row's template is NULL):
 * id names the template. */
void add_expert_as(response_ctx_t *rc, proto_item *pi, expert_field *ei, const char *id, ...) G_GNUC_NULL_TERMINATED;

/* A malformed value: a finding saying so and an expert note. */
void add_malformed(response_ctx_t *rc, sip_span_t span, const char *id, ...) G_GNUC_NULL_TERMINATED;

/* One finding listing the header's values (template id with {list}), or,
 * when the header is absent, the template none_id (NULL: no finding). */
void add_list_finding(response_ctx_t *rc, const header_values_t *values, const char *id, const char *none_id);

/* An expert note when the header carried more values than are explained. */
void note_repeated_header(response_ctx_t *rc, const header_values_t *values, const char *name);

/* A delta-seconds header: its value, or a malformed note. */
gboolean read_delta_header(response_ctx_t *rc, const header_values_t *values, const char *name, guint32 *out);

/* ---- Conformance (conformance.c) ---- */

/* Expert info for each rule of the table or of the RFC the response
 * breaks. */
void check_conformance(response_ctx_t *rc);

/* ---- Explainers (explainers.c runs them; explain_*.c) ---- */

/* Runs the explainers of the response's code, in the table's order. */
void explain_response(response_ctx_t *rc);

/* The slots the explainers of a code read for their expert notes. */
slot_mask_t explainer_expert_slots(uint32_t code);

/* explain_redirect.c */
void explain_redirect(response_ctx_t *rc);

/* explain_challenge.c: 401 and 407, 403 after credentials, and the 2xx
 * that accepts credentials (which ends a run of refusals) */
void explain_challenge(response_ctx_t *rc);
void explain_403(response_ctx_t *rc);
void note_credentials_accepted(response_ctx_t *rc);

/* ---- Credentials refused and accepted (auth_attempts.c) ---- */

typedef enum { AUTH_REFUSED, AUTH_ACCEPTED } auth_outcome_t;

/* The key of one user's attempts: Call-ID, user, realm and which header
 * (WWW or Proxy) carried the credentials. */
guint64 auth_attempts_key(sip_span_t call_id, const char *user, const char *realm, gboolean proxy);

/* Notes the outcome of the response at (frame, offset), once. */
void auth_attempts_note(guint64 key, guint32 frame, gint offset, auth_outcome_t outcome);

/* How many refusals in a row, up to and including the response at (frame,
 * offset), since the last acceptance before it. Counts only the responses
 * dissected so far (tshark: all before this one). */
unsigned auth_attempts_refused_in_row(guint64 key, guint32 frame, gint offset);

void auth_attempts_init(void);
void auth_attempts_cleanup(void);

/* explain_negotiation.c */
void explain_405(response_ctx_t *rc);
void explain_415(response_ctx_t *rc);
void explain_420(response_ctx_t *rc);
void explain_421(response_ctx_t *rc);
void explain_422(response_ctx_t *rc);
void explain_423(response_ctx_t *rc);

/* explain_events.c */
void explain_489(response_ctx_t *rc);
void explain_204(response_ctx_t *rc);

/* explain_any_code.c (the first for 487 only: the CANCEL that ended an
 * INVITE) */
void explain_cancel_reason(response_ctx_t *rc);
void explain_retry_after(response_ctx_t *rc);
void explain_warnings(response_ctx_t *rc);
void explain_unrouted(response_ctx_t *rc);

/* explain_causes.c: every cause the response and the CANCEL or BYE it
 * answers give (Reason values, ms-diagnostics, X-Asterisk-HangupCause,
 * X-Twilio-Error), and who sent a final response */
void explain_reasons(response_ctx_t *rc);
void explain_vendor_causes(response_ctx_t *rc);
void explain_sent_by(response_ctx_t *rc);  /* SENT_BY_FIRST_CODE and above */
/* The Reason values and Asterisk causes a recorded request carried. */
void explain_request_causes(response_ctx_t *rc, const recorded_request_t *req, const char *method);

#endif /* CONTEXT_INTERNAL_H */
