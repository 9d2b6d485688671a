/* response_explain.c
 * Adds the Explanation subtree of a SIP response (see response_explain.h):
 * each field only where someone will read it, the summary formatted only
 * for a reader, long texts broken into child lines where a tree is shown.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "response_explain.h"

#include <string.h>

#include <epan/proto.h>
#include <epan/strutil.h>
#include <epan/tap.h>

#include "flows/flow_outcome.h"
#include "response_copies.h"
#include "response_experts.h"
#include "response_labels.h"
#include "sip_explain_prefs.h"
#include "sip_explain_shown.h"
#include "text_cut.h"
#include "label_text.h"
#include "text_lines.h"

static int proto_sip_explain = -1;
static int sip_explain_tap = -1;

static int hf_sip_explain_code = -1;
static int hf_sip_explain_class = -1;
static int hf_sip_explain_registered = -1;
static int hf_sip_explain_reason = -1;
static int hf_sip_explain_reason_found = -1;
static int hf_sip_explain_description = -1;
static int hf_sip_explain_when = -1;
static int hf_sip_explain_fix = -1;
static int hf_sip_explain_rfc = -1;
static int hf_sip_explain_severity = -1;
static int hf_sip_explain_code_severity = -1;
static int hf_sip_explain_summary = -1;
static int hf_sip_explain_copy_of = -1;

static gint ett_sip_explain = -1;

static expert_field ei_sip_explain_code_malformed = EI_INIT;
static expert_field ei_sip_explain_reason_differs = EI_INIT;

/* The names of hf_sip_explain_class and hf_sip_explain_severity: filled at
 * registration from the shared rules (sip_explain_rules.c), each ended by
 * { 0, NULL }. */
static value_string class_vals[SIP_EXPLAIN_CLASS_COUNT + 1];
static value_string severity_vals[SIP_EXPLAIN_SEV_COUNT + 1];

/* The texts for the method the response answers: the one in its CSeq
 * (RFC 3261 section 8.2.6.2), read only for a code with texts per method. */
static sip_explain_texts_t
texts_for_method(const sip_explain_message_t *msg, const sip_explain_entry_t *entry,
                 const sip_explain_response_context_t *ctx)
{
    sip_span_t method = { NULL, 0 };
    uint32_t number;
    gboolean found;

    if (entry->n_method_texts) {
        /* The context's read of the headers, where there is one. */
        if (ctx)
            found = sip_explain_context_cseq_method(ctx, &method);
        else
            found = sip_text_parse_cseq(sip_text_find_header(msg->text, &msg->start, "CSeq", 0), &number, &method);
        if (!found)
            method.p = NULL;
    }
    return sip_explain_entry_texts(entry, method.p, method.p ? method.len : 0);
}

/* Returns the status code's item, which the context's expert infos hang on. */
static proto_item *
explain_malformed_code(packet_info *pinfo, proto_tree *tree, proto_item *ti,
                       const sip_explain_message_t *msg, int min_severity, sip_explain_lang_t lang)
{
    const sip_start_line_t *st = &msg->start;
    proto_item *code_item;

    code_item = proto_tree_add_uint(tree, hf_sip_explain_code, msg->tvb, msg->offset + (int)st->code_offset,
                                    (int)st->code_len, st->code);
    proto_tree_add_boolean(tree, hf_sip_explain_registered, msg->tvb, 0, 0, FALSE);
    if (min_severity <= SIP_EXPLAIN_SEV_WARNING && !st->code_is_3digit)
        expert_add_info_format(pinfo, code_item, &ei_sip_explain_code_malformed, "%s",
                               sip_explain_label_text(pinfo->pool, lang, "expert.CodeNotDigits", "code",
                                                      wmem_strndup(pinfo->pool, msg->text + st->code_offset,
                                                                   MIN(st->code_len, 16)), NULL));
    else if (min_severity <= SIP_EXPLAIN_SEV_WARNING)
        expert_add_info_format(pinfo, code_item, &ei_sip_explain_code_malformed, "%s",
                               sip_explain_label_text(pinfo->pool, lang, "expert.CodeOutOfRange", "code",
                                                      wmem_strdup_printf(pinfo->pool, "%03u", st->code), NULL));
    proto_item_append_text(ti, ": %s", sip_explain_label_text(pinfo->pool, lang, "part.MalformedCode", NULL));
    return code_item;
}

/* A text of the Explanation, whole on child lines where it is long. */
static void
add_text(proto_tree *tree, int hf, tvbuff_t *tvb, const char *text)
{
    proto_item *pi = sip_explain_add_text(tree, hf, tvb, 0, 0, text, SIP_EXPLAIN_TEXT_LINE_BYTES);

    proto_item_set_generated(pi);
}

/* What of a response's Explanation someone reads in a tree. */
typedef struct {
    gboolean expert;                    /* expert info */
    gboolean code, klass, registered, reason, reason_found, summary;
    gboolean description, when, fix, rfc, code_severity, severity;
    gboolean label, summary_label, reason_found_label; /* the labels of the subtree, summary, phrase */
    gboolean copy_of;                   /* a copy told from its first: expert info, the subtree or
                                           sip_explain.copy_of read (response_copies.h) */
    gboolean subtree;                   /* the Explanation item itself (else the fields read hang on
                                           the frame's tree: a filter or -e field needs no parent) */
} response_reads_t;

/* Worked out once while what is read stays the same (in tshark: once a
 * pass; see sip_explain_same_reading()), not once per response. Without a
 * tree only expert info is read. */
static const response_reads_t *
reads_of(proto_tree *root)
{
    static const response_reads_t without_tree = { .expert = TRUE, .copy_of = TRUE };
    static sip_explain_reading_mark_t mark;
    static response_reads_t r;

    if (!root)
        return &without_tree;
    if (sip_explain_same_reading(&mark, root))
        return &r;
    r.expert = sip_explain_expert_wanted(root);
    r.code = sip_explain_field_shown(root, hf_sip_explain_code);
    r.klass = sip_explain_field_shown(root, hf_sip_explain_class);
    r.registered = sip_explain_field_shown(root, hf_sip_explain_registered);
    r.reason = sip_explain_field_shown(root, hf_sip_explain_reason);
    r.reason_found = sip_explain_field_shown(root, hf_sip_explain_reason_found);
    r.summary = sip_explain_field_shown(root, hf_sip_explain_summary);
    r.description = sip_explain_field_shown(root, hf_sip_explain_description);
    r.when = sip_explain_field_shown(root, hf_sip_explain_when);
    r.fix = sip_explain_field_shown(root, hf_sip_explain_fix);
    r.rfc = sip_explain_field_shown(root, hf_sip_explain_rfc);
    r.code_severity = sip_explain_field_shown(root, hf_sip_explain_code_severity);
    r.severity = sip_explain_field_shown(root, hf_sip_explain_severity);
    r.label = sip_explain_label_printed(root, proto_sip_explain);
    r.summary_label = sip_explain_label_printed(root, hf_sip_explain_summary);
    r.reason_found_label = sip_explain_label_printed(root, hf_sip_explain_reason_found);
    r.subtree = sip_explain_tree_printed(root) || sip_explain_field_named(root, proto_sip_explain);
    r.copy_of = r.expert || r.subtree || sip_explain_field_shown(root, hf_sip_explain_copy_of);
    return &r;
}

static void
add_texts(proto_tree *tree, tvbuff_t *tvb, const sip_explain_entry_t *entry, const sip_explain_texts_t *texts,
          const response_reads_t *shown, sip_explain_lang_t lang)
{
    proto_item *pi;

    if (shown->description)
        add_text(tree, hf_sip_explain_description, tvb, sip_explain_text(texts->description, lang));
    if (shown->when)
        add_text(tree, hf_sip_explain_when, tvb, sip_explain_text(texts->when, lang));
    if (shown->fix)
        add_text(tree, hf_sip_explain_fix, tvb, sip_explain_text(texts->fix, lang));
    if (entry->rfc && shown->rfc) {
        pi = proto_tree_add_string(tree, hf_sip_explain_rfc, tvb, 0, 0, entry->rfc);
        proto_item_set_generated(pi);
    }
}

/* RFC 3261 section 7.2 lets a UA choose its own reason phrase, so one that
 * is not the registered text is information, not a fault: a field with the
 * phrase as found, and an expert chat. Compared with the registered phrase
 * only (a user's row for an unregistered code has nothing to differ from). */
static gboolean
reason_differs(const sip_start_line_t *st, const sip_explain_entry_t *entry)
{
    return entry->registered && entry->reason && !sip_span_equals_nocase(st->reason, entry->reason);
}

static void
add_reason_found(packet_info *pinfo, const response_reads_t *reads, proto_tree *tree, const sip_explain_message_t *msg)
{
    const sip_start_line_t *st = &msg->start;
    int offset = msg->offset + (int)(st->reason.p - msg->text);
    /* Not UTF-8 in the packet becomes U+FFFD here, so the value is text. */
    const char *found = (const char *)tvb_get_string_enc(pinfo->pool, msg->tvb, offset, (int)st->reason.len,
                                                         ENC_UTF_8);
    proto_item *pi;

    pi = proto_tree_add_string(tree, hf_sip_explain_reason_found, msg->tvb, offset, (int)st->reason.len, found);
    sip_explain_label_cut(pinfo, reads->reason_found_label, pi, hf_sip_explain_reason_found, found, SHOWN_UNKNOWN);
}

static void
add_reason_note(packet_info *pinfo, proto_item *code_item, const sip_explain_message_t *msg,
                const sip_explain_entry_t *entry, sip_explain_lang_t lang)
{
    const sip_start_line_t *st = &msg->start;
    const char *text;

    if (st->reason.len == 0)
        text = sip_explain_label_text(pinfo->pool, lang, "expert.ReasonEmpty",
                                      "code", wmem_strdup_printf(pinfo->pool, "%u", st->code),
                                      "registered", entry->reason, NULL);
    else
        text = sip_explain_label_text(pinfo->pool, lang, "expert.ReasonDiffers",
                                      "found", tvb_format_text(pinfo->pool, msg->tvb,
                                                               msg->offset + (int)(st->reason.p - msg->text),
                                                               (int)MIN(st->reason.len, 128)),
                                      "registered", entry->reason, NULL);
    expert_add_info_format(pinfo, code_item, &ei_sip_explain_reason_differs, "%s",
                           sip_explain_cut_text(pinfo->pool, text, SIP_EXPLAIN_EXPERT_MSG_MAX));
}

/* Queues the response on the "sip_explain" tap (entry NULL: a malformed
 * code), with the severity of its whole explanation. */
static void
queue_tap(packet_info *pinfo, uint32_t code, const sip_explain_entry_t *entry, sip_explain_lang_t lang,
          sip_explain_severity_t severity, flow_outcome_t outcome)
{
    sip_explain_tap_info_t *tap_info;

    if (!have_tap_listener(sip_explain_tap))
        return;
    tap_info = wmem_new0(pinfo->pool, sip_explain_tap_info_t);
    tap_info->code = code;
    tap_info->entry = entry;
    if (entry) {
        tap_info->summary = sip_explain_text(entry->summary, lang);
        tap_info->klass = (sip_explain_class_t)entry->klass;
        tap_info->registered = entry->registered;
    } else {
        tap_info->klass = SIP_EXPLAIN_CLASS_NONE;
    }
    tap_info->severity = severity;
    tap_info->outcome = (int)outcome;
    tap_queue_packet(sip_explain_tap, pinfo, tap_info);
}

/* The code's own severity (code_sev: for the request's method where its
 * texts are that method's), then, after the context judged its findings,
 * the severity of the whole explanation: the highest of both. Queues the
 * tap record with that. */
static void
finish_severity(packet_info *pinfo, proto_tree *tree, proto_item *code_item, const sip_explain_message_t *msg,
                const sip_explain_entry_t *entry, sip_explain_severity_t code_sev,
                const sip_explain_context_opts_t *opts, sip_explain_response_context_t *ctx,
                const response_reads_t *reads)
{
    sip_explain_severity_t sev = code_sev, judged;
    flow_outcome_t outcome;
    proto_item *pi;

    if (tree && reads->code_severity) {
        pi = proto_tree_add_uint(tree, hf_sip_explain_code_severity, msg->tvb, 0, 0, code_sev);
        proto_item_set_generated(pi);
    }
    judged = sip_explain_context_response(ctx, code_item);
    if (judged > sev)
        sev = judged;
    if (tree && reads->severity) {
        pi = proto_tree_add_uint(tree, hf_sip_explain_severity, msg->tvb, 0, 0, sev);
        proto_item_set_generated(pi);
    }
    /* What the response means for its call or registration, where flows
     * are recorded. */
    outcome = msg->flow ? sip_explain_outcome_response(pinfo, tree, code_item, msg, opts) : FLOW_OUTCOME_NONE;
    queue_tap(pinfo, msg->start.code, entry, opts->lang, sev, outcome);
}

/* A retransmission of the final response in frame first (response_copies.h):
 * explained there. Here its code, the frame it repeats, no expert info of
 * its own; on the tap with the code's severity, deciding nothing. */
static void
explain_copy(packet_info *pinfo, proto_tree *root, const sip_explain_message_t *msg,
             const sip_explain_entry_t *entry, guint32 first, const sip_explain_context_opts_t *opts,
             const response_reads_t *reads)
{
    const char *copy = sip_explain_label_text(pinfo->pool, opts->lang, "part.CopyOf",
                                              "frame", wmem_strdup_printf(pinfo->pool, "%u", first), NULL);
    proto_item *ti, *pi;
    proto_tree *tree;

    ti = root && reads->subtree ? proto_tree_add_item(root, proto_sip_explain, msg->tvb, msg->offset,
                                                      (int)msg->len, ENC_NA) : NULL;
    tree = ti ? proto_item_add_subtree(ti, ett_sip_explain) : root;
    if (ti && reads->label)
        proto_item_append_text(ti, ": %u, %s", msg->start.code, copy);
    if (tree && reads->code)
        proto_tree_add_uint(tree, hf_sip_explain_code, msg->tvb, msg->offset + (int)msg->start.code_offset, 3,
                            msg->start.code);
    if (tree) {
        pi = proto_tree_add_uint(tree, hf_sip_explain_copy_of, msg->tvb, 0, 0, first);
        proto_item_set_generated(pi);
    }
    queue_tap(pinfo, msg->start.code, entry, opts->lang,
              entry ? (sip_explain_severity_t)entry->severity : SIP_EXPLAIN_SEV_WARNING, FLOW_OUTCOME_NONE);
}

void
sip_explain_response_queue_flow(packet_info *pinfo, const struct flow *flow)
{
    sip_explain_tap_info_t *tap_info;

    if (!have_tap_listener(sip_explain_tap))
        return;
    tap_info = wmem_new0(pinfo->pool, sip_explain_tap_info_t);
    tap_info->flow_note = TRUE;
    tap_info->flow = flow;
    tap_queue_packet(sip_explain_tap, pinfo, tap_info);
}

gboolean
sip_explain_response_severity_read(proto_tree *tree)
{
    return sip_explain_field_shown(tree, hf_sip_explain_severity) || have_tap_listener(sip_explain_tap);
}

void
sip_explain_response(packet_info *pinfo, proto_tree *root, const sip_explain_message_t *msg,
                     const sip_explain_context_opts_t *opts)
{
    const sip_start_line_t *st = &msg->start;
    const sip_explain_entry_t *entry;
    proto_item *ti, *pi, *code_item;
    proto_tree *tree;
    const char *summary = NULL;
    sip_explain_texts_t texts;
    gboolean summary_wanted, differs;
    shown_form_t summary_form = SHOWN_UNKNOWN;
    const response_reads_t *reads = reads_of(root);
    sip_explain_response_context_t *ctx;
    guint32 first;

    entry = st->code_is_3digit ? sip_explain_resolve(opts->overrides, st->code) : NULL;
    if (entry && entry->klass <= SIP_EXPLAIN_CLASS_SUCCESS && !sip_explain_prefs()->explain_1xx_2xx)
        return;
    /* Where only fields are read, a copy shows them as the first does,
     * and no header pass tells it apart. */
    first = reads->copy_of ? sip_explain_response_copy_of(pinfo, msg) : 0;
    if (first && first != pinfo->num) {
        explain_copy(pinfo, root, msg, entry, first, opts, reads);
        return;
    }

    /* Without a tree (tshark -z expert) no item is made at all; where
     * nobody sees the subtree or names our protocol (a filter or -e naming
     * our fields only) the fields read are made without it. */
    ti = root && reads->subtree ? proto_tree_add_item(root, proto_sip_explain, msg->tvb, msg->offset,
                                                      (int)msg->len, ENC_NA) : NULL;
    tree = ti ? proto_item_add_subtree(ti, ett_sip_explain) : root;
    /* The context reads the headers first: the texts per method use its
     * CSeq rather than reading the headers again. (The severity shown or
     * tapped is that of the findings too: opts->judge, set by the caller
     * from sip_explain_response_severity_read(), has them judged even where
     * none is shown.) */
    ctx = sip_explain_context_read(pinfo, tree, msg, entry, opts);

    if (!entry) {
        code_item = explain_malformed_code(pinfo, tree, ti, msg, opts->min_severity, opts->lang);
        finish_severity(pinfo, tree, code_item, msg, NULL, SIP_EXPLAIN_SEV_WARNING, opts, ctx, reads);
        return;
    }

    /* Each field only where it will be seen (in tshark -T fields: the -e
     * fields only); the code also as the item expert info hangs on. */
    differs = (reads->reason_found || reads->expert) && reason_differs(st, entry);
    code_item = NULL;
    if (tree && (reads->expert || reads->code))
        code_item = proto_tree_add_uint(tree, hf_sip_explain_code, msg->tvb,
                                        msg->offset + (int)st->code_offset, 3, st->code);
    if (tree && reads->klass) {
        pi = proto_tree_add_uint(tree, hf_sip_explain_class, msg->tvb, 0, 0, entry->klass);
        proto_item_set_generated(pi);
    }
    if (tree && reads->registered) {
        pi = proto_tree_add_boolean(tree, hf_sip_explain_registered, msg->tvb, 0, 0, entry->registered);
        proto_item_set_generated(pi);
    }
    if (entry->reason && tree && reads->reason) {
        pi = proto_tree_add_string(tree, hf_sip_explain_reason, msg->tvb, 0, 0, entry->reason);
        proto_item_set_generated(pi);
    }
    if (differs && tree && reads->reason_found)
        add_reason_found(pinfo, reads, tree, msg);
    /* The summary is formatted only for someone who reads it, and the
     * request's method is read only for a text or severity someone reads
     * (a method's texts come with their own facts). */
    summary_wanted = reads->expert || reads->summary;
    if (summary_wanted || reads->description || reads->when || reads->fix || reads->code_severity ||
        reads->severity || have_tap_listener(sip_explain_tap))
        texts = texts_for_method(msg, entry, ctx);
    else
        texts = sip_explain_entry_texts(entry, NULL, 0);
    if (summary_wanted)
        summary = sip_explain_summary_line(pinfo->pool, st->code, entry, &texts, opts->lang, &summary_form);
    if (summary_wanted && tree) {
        pi = proto_tree_add_string(tree, hf_sip_explain_summary, msg->tvb, 0, 0, summary);
        proto_item_set_generated(pi);
        sip_explain_label_cut(pinfo, reads->summary_label, pi, hf_sip_explain_summary, summary, summary_form);
    }
    add_texts(tree, msg->tvb, entry, &texts, reads, opts->lang);

    if (reads->label)
        proto_item_append_text(ti, "%s", sip_explain_label_suffix(pinfo->pool, st->code, entry, opts->lang));

    /* Cut here, not by Wireshark 4.0, which cuts mid-character. */
    if (reads->expert && (int)texts.severity >= opts->min_severity)
        expert_add_info_format(pinfo, code_item, sip_explain_response_expert(st->code, entry, texts.variant), "%s",
                               sip_explain_cut_text(pinfo->pool, summary, SIP_EXPLAIN_EXPERT_MSG_MAX));
    if (reads->expert && differs && SIP_EXPLAIN_SEV_CHAT >= opts->min_severity)
        add_reason_note(pinfo, code_item, msg, entry, opts->lang);
    finish_severity(pinfo, tree, code_item, msg, entry, texts.severity, opts, ctx, reads);
}

/* The value_strings of the class and severity fields, from the rules. */
static void
fill_value_strings(void)
{
    int i;

    for (i = 0; i < SIP_EXPLAIN_CLASS_COUNT; i++) {
        class_vals[i].value = (guint32)(i + 1);
        class_vals[i].strptr = sip_explain_class_name((sip_explain_class_t)(i + 1));
    }
    for (i = 0; i < SIP_EXPLAIN_SEV_COUNT; i++) {
        severity_vals[i].value = (guint32)i;
        severity_vals[i].strptr = sip_explain_severity_name((sip_explain_severity_t)i);
    }
}

void
sip_explain_response_register(int proto, int tap, expert_module_t *expert)
{
    static hf_register_info hf[] = {
        { &hf_sip_explain_code, { "Status code", "sip_explain.code", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The response's status code as found in its status line", HFILL } },
        { &hf_sip_explain_class, { "Class", "sip_explain.class", FT_UINT8, BASE_DEC, VALS(class_vals), 0x0,
            "The response class, from the first digit of the code", HFILL } },
        { &hf_sip_explain_registered, { "Registered", "sip_explain.registered", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "Whether the code is listed in the IANA SIP Response Codes registry", HFILL } },
        { &hf_sip_explain_reason, { "Registered reason phrase", "sip_explain.reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase registered for the code", HFILL } },
        { &hf_sip_explain_reason_found, { "Reason phrase found", "sip_explain.reason_found", FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase of the status line, where it is not the registered one (RFC 3261 section 7.2 lets the UA choose it)", HFILL } },
        { &hf_sip_explain_description, { "Description", "sip_explain.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the code means", HFILL } },
        { &hf_sip_explain_when, { "When you see it", "sip_explain.when", FT_STRING, BASE_NONE, NULL, 0x0,
            "When the code is typically seen", HFILL } },
        { &hf_sip_explain_fix, { "How to fix it", "sip_explain.fix", FT_STRING, BASE_NONE, NULL, 0x0,
            "Who must act and what to change", HFILL } },
        { &hf_sip_explain_rfc, { "Defined in", "sip_explain.rfc", FT_STRING, BASE_NONE, NULL, 0x0,
            "The RFC that the IANA registry cites for the code", HFILL } },
        { &hf_sip_explain_severity, { "Severity", "sip_explain.severity", FT_UINT8, BASE_DEC, VALS(severity_vals), 0x0,
            "The highest expert severity of the explanation: the code's and every finding's", HFILL } },
        { &hf_sip_explain_code_severity, { "Code severity", "sip_explain.code_severity", FT_UINT8, BASE_DEC, VALS(severity_vals), 0x0,
            "Expert severity judged for the status code alone (the request method's, where the code has texts for it)", HFILL } },
        { &hf_sip_explain_summary, { "Summary", "sip_explain.summary", FT_STRING, BASE_NONE, NULL, 0x0,
            "One line per response, for a custom column", HFILL } },
        { &hf_sip_explain_copy_of, { "Retransmission of", "sip_explain.copy_of", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_RETRANS_PREV), 0x0,
            "The first copy of this final response (same transaction, code, To tag, addresses and ports), "
            "explained there (RFC 3261 sections 13.3.1.4 and 17.2.1)", HFILL } },
    };
    static gint *ett[] = { &ett_sip_explain };
    static ei_register_info ei[] = {
        { &ei_sip_explain_code_malformed, { "sip_explain.code.malformed", PI_MALFORMED, PI_WARN,
            "Status code outside 100-699 or not three digits", EXPFILL } },
        { &ei_sip_explain_reason_differs, { "sip_explain.reason.differs", PI_RESPONSE_CODE, PI_CHAT,
            "Reason phrase differs from the registered one (the UA may choose its own)", EXPFILL } },
    };

    proto_sip_explain = proto;
    sip_explain_tap = tap;
    fill_value_strings();
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));
    sip_explain_response_experts_register(expert);
    sip_explain_text_lines_register(proto);
}
