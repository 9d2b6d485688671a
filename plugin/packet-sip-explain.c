/* packet-sip-explain.c
 * Post-dissector that adds an Explanation subtree to every SIP response:
 * class, meaning, when it is seen, how to fix it, the RFC, and expert info
 * with a severity judged per code.
 *
 * It reads each SIP message from the bytes the SIP dissector's top-level
 * item covers, so it needs no SIP field primed and asks for no protocol
 * tree: where nothing is shown (tshark -r without -V, -Y or -T fields) it
 * does no work at all. Where only taps listen and no tree is built
 * (tshark -z expert), it finds the messages in the frame's bytes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "context/sip_explain_context.h"
#include "parse/sip_locate.h"
#include "sip_explain.h"
#include "sip_explain_prefs.h"
#include "sip_explain_stats.h"
#include "sip_explain_uat.h"

/* Largest part of one SIP message that is read, in bytes. */
#define MAX_MESSAGE_BYTES (256 * 1024)
/* Most messages located in one data source when there is no tree. */
#define MAX_LOCATED_MESSAGES 1024

static int proto_sip_explain = -1;
static int proto_sip = -1;
static protocol_t *protocol_sip_explain;
static int sip_explain_tap = -1;

static int hf_code = -1;
static int hf_class = -1;
static int hf_registered = -1;
static int hf_reason = -1;
static int hf_description = -1;
static int hf_when = -1;
static int hf_fix = -1;
static int hf_rfc = -1;
static int hf_severity = -1;
static int hf_summary = -1;

static int hf_text_line = -1;

static gint ett_sip_explain = -1;
static gint ett_text_lines = -1;

/* Longest child line of a long text, in bytes. */
#define TEXT_LINE_BYTES 150

/* One expert field per registered code and one per class (for codes the
 * registry lacks), registered from the table: the Expert Information
 * dialog groups entries by them, so each group names its code. */
static expert_field *ei_codes;               /* parallel to sip_explain_responses[] */
static expert_field ei_classes[SIP_EXPLAIN_CLASS_COUNT];
static expert_field ei_code_malformed = EI_INIT;
static expert_field ei_reason_differs = EI_INIT;

static const value_string class_vals[] = {
    { SIP_EXPLAIN_CLASS_PROVISIONAL,    "Provisional" },
    { SIP_EXPLAIN_CLASS_SUCCESS,        "Success" },
    { SIP_EXPLAIN_CLASS_REDIRECTION,    "Redirection" },
    { SIP_EXPLAIN_CLASS_CLIENT_FAILURE, "Client Failure" },
    { SIP_EXPLAIN_CLASS_SERVER_FAILURE, "Server Failure" },
    { SIP_EXPLAIN_CLASS_GLOBAL_FAILURE, "Global Failure" },
    { 0, NULL }
};

static const value_string severity_vals[] = {
    { SIP_EXPLAIN_SEV_CHAT,    "Chat" },
    { SIP_EXPLAIN_SEV_NOTE,    "Note" },
    { SIP_EXPLAIN_SEV_WARNING, "Warning" },
    { SIP_EXPLAIN_SEV_ERROR,   "Error" },
    { 0, NULL }
};

/* The language the preferences ask for. */
static sip_explain_lang_t
shown_lang(void)
{
    return sip_explain_prefs_lang(sip_explain_prefs());
}

/* What the context needs of the preferences and the user's table. */
static sip_explain_context_opts_t
context_opts(void)
{
    sip_explain_context_opts_t opts;

    opts.lang = shown_lang();
    opts.findings = sip_explain_prefs()->context;
    opts.overrides = sip_explain_uat_overrides();
    return opts;
}

/* Summaries of the built-in entries, per language: made once, kept for the
 * program's life (as registrations are). */
static const char **summary_cache[SIP_EXPLAIN_LANG_COUNT];

/* "489 Bad Event (Client Failure): <first sentence>" */
static const char *
summary_line(wmem_allocator_t *scope, uint32_t code, const sip_explain_entry_t *entry)
{
    const char *klass = sip_explain_class_name((sip_explain_class_t)entry->klass);
    sip_explain_lang_t lang = shown_lang();

    if (entry == sip_explain_lookup_registered(code)) {  /* a built-in entry, not the user's */
        size_t i = (size_t)(entry - sip_explain_responses);
        if (!summary_cache[lang])
            summary_cache[lang] = g_new0(const char *, sip_explain_responses_count);
        if (!summary_cache[lang][i])
            summary_cache[lang][i] = g_strdup_printf("%u %s (%s): %s", code, entry->reason, klass,
                                                     sip_explain_text(entry->summary, lang));
        return summary_cache[lang][i];
    }
    if (entry->reason)
        return wmem_strdup_printf(scope, "%u %s (%s): %s", code, entry->reason, klass,
                                  sip_explain_text(entry->summary, lang));
    return wmem_strdup_printf(scope, "%u (unregistered %s code): %s", code, klass,
                              sip_explain_text(entry->summary, lang));
}

static void
explain_malformed_code(packet_info *pinfo, proto_tree *tree, proto_item *ti,
                       const sip_explain_message_t *msg)
{
    const sip_start_line_t *st = &msg->start;
    proto_item *code_item;

    code_item = proto_tree_add_uint(tree, hf_code, msg->tvb, msg->offset + (int)st->code_offset,
                                    (int)st->code_len, st->code);
    proto_tree_add_boolean(tree, hf_registered, msg->tvb, 0, 0, FALSE);
    if (!st->code_is_3digit)
        expert_add_info_format(pinfo, code_item, &ei_code_malformed,
                               "Status code '%.*s' is not three digits (RFC 3261 section 7.2)",
                               (int)MIN(st->code_len, 16), msg->text + st->code_offset);
    else
        expert_add_info_format(pinfo, code_item, &ei_code_malformed,
                               "Status code %03u is outside 100-699 (RFC 3261 section 7.2): it has no class",
                               st->code);
    proto_item_append_text(ti, ": malformed status code");
}

/* Wireshark cuts item labels at 240 bytes. Where a tree is shown, a long
 * text also gets child lines that hold all of it, broken at spaces. */
static void
add_text(proto_tree *tree, int hf, tvbuff_t *tvb, const char *text)
{
    proto_item *pi = proto_tree_add_string(tree, hf, tvb, 0, 0, text);
    proto_tree *lines;
    const char *p = text;

    proto_item_set_generated(pi);
    if (!sip_explain_tree_printed(tree) || strlen(text) <= TEXT_LINE_BYTES)
        return;
    /* The label names the field; the lines below carry the text. */
    proto_item_set_text(pi, "%s:", proto_registrar_get_name(hf));
    lines = proto_item_add_subtree(pi, ett_text_lines);
    while (*p) {
        size_t n = strlen(p);
        if (n > TEXT_LINE_BYTES) {
            n = TEXT_LINE_BYTES;
            while (n > 0 && p[n] != ' ')
                n--;
            if (n == 0) {                   /* one long word: cut between characters */
                n = TEXT_LINE_BYTES;
                while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
                    n--;
            }
        }
        proto_tree_add_none_format(lines, hf_text_line, tvb, 0, 0, "%.*s", (int)n, p);
        p += n;
        while (*p == ' ')
            p++;
    }
}

static void
add_texts(proto_tree *tree, tvbuff_t *tvb, const sip_explain_entry_t *entry)
{
    sip_explain_lang_t lang = shown_lang();
    proto_item *pi;

    if (sip_explain_field_shown(tree, hf_description))
        add_text(tree, hf_description, tvb, sip_explain_text(entry->description, lang));
    if (sip_explain_field_shown(tree, hf_when))
        add_text(tree, hf_when, tvb, sip_explain_text(entry->when, lang));
    if (sip_explain_field_shown(tree, hf_fix))
        add_text(tree, hf_fix, tvb, sip_explain_text(entry->fix, lang));
    if (entry->rfc && sip_explain_field_shown(tree, hf_rfc)) {
        pi = proto_tree_add_string(tree, hf_rfc, tvb, 0, 0, entry->rfc);
        proto_item_set_generated(pi);
    }
}

/* The expert field of a response: its code's, or its class's. */
static expert_field *
expert_field_of(uint32_t code, const sip_explain_entry_t *entry)
{
    const sip_explain_entry_t *registered = sip_explain_lookup_registered(code);

    if (registered)
        return &ei_codes[registered - sip_explain_responses];
    return &ei_classes[entry->klass - 1];
}

static int
pi_severity(uint8_t sev)
{
    static const int pi[SIP_EXPLAIN_SEV_COUNT] = { PI_CHAT, PI_NOTE, PI_WARN, PI_ERROR };

    return sev < SIP_EXPLAIN_SEV_COUNT ? pi[sev] : PI_WARN;
}

/* Names and summaries live as long as the program (as registrations do). */
static void
register_response_experts(expert_module_t *expert)
{
    static const ei_register_info blank = {
        NULL, { NULL, PI_RESPONSE_CODE, PI_CHAT, NULL, EXPFILL }
    };
    size_t n = sip_explain_responses_count, i;
    ei_register_info *ei = g_new(ei_register_info, n + 6);

    ei_codes = g_new(expert_field, n);
    for (i = 0; i < n; i++) {
        const sip_explain_entry_t *e = &sip_explain_responses[i];
        expert_field init = EI_INIT;

        ei_codes[i] = init;
        ei[i] = blank;
        ei[i].ids = &ei_codes[i];
        ei[i].eiinfo.name = g_strdup_printf("sip_explain.response.%u", e->code);
        ei[i].eiinfo.severity = pi_severity(e->severity);
        ei[i].eiinfo.summary = g_strdup_printf("%u %s (%s)", e->code, e->reason,
                                               sip_explain_class_name((sip_explain_class_t)e->klass));
    }
    for (i = 0; i < 6; i++) {
        const sip_explain_entry_t *e = &sip_explain_classes[i];
        expert_field init = EI_INIT;

        ei_classes[i] = init;
        ei[n + i] = blank;
        ei[n + i].ids = &ei_classes[i];
        ei[n + i].eiinfo.name = g_strdup_printf("sip_explain.response.%zuxx", i + 1);
        ei[n + i].eiinfo.severity = pi_severity(e->severity);
        ei[n + i].eiinfo.summary = g_strdup_printf("Unregistered %s code (%zuxx)",
                                                   sip_explain_class_name((sip_explain_class_t)(i + 1)), i + 1);
    }
    expert_register_field_array(expert, ei, (int)(n + 6));
}

static void
add_reason_note(packet_info *pinfo, proto_item *code_item, const sip_explain_message_t *msg,
                const sip_explain_entry_t *entry)
{
    const sip_start_line_t *st = &msg->start;

    if (sip_span_equals_nocase(st->reason, entry->reason))
        return;
    if (st->reason.len == 0)
        expert_add_info_format(pinfo, code_item, &ei_reason_differs,
                               "Empty reason phrase; %u is registered as \"%s\"", st->code, entry->reason);
    else
        expert_add_info_format(pinfo, code_item, &ei_reason_differs,
                               "Reason phrase \"%s\" differs from the registered \"%s\"",
                               tvb_format_text(pinfo->pool, msg->tvb,
                                               msg->offset + (int)(st->reason.p - msg->text),
                                               (int)MIN(st->reason.len, 128)),
                               entry->reason);
}

static void
queue_tap(packet_info *pinfo, uint32_t code, const sip_explain_entry_t *entry)
{
    sip_explain_tap_info_t *tap_info;

    if (!have_tap_listener(sip_explain_tap))
        return;
    tap_info = wmem_new0(pinfo->pool, sip_explain_tap_info_t);
    tap_info->code = code;
    tap_info->entry = entry;
    if (entry) {
        tap_info->summary = sip_explain_text(entry->summary, shown_lang());
        tap_info->klass = (sip_explain_class_t)entry->klass;
        tap_info->registered = entry->registered;
        tap_info->severity = (sip_explain_severity_t)entry->severity;
    } else {
        tap_info->klass = SIP_EXPLAIN_CLASS_NONE;
        tap_info->severity = SIP_EXPLAIN_SEV_WARNING;
    }
    tap_queue_packet(sip_explain_tap, pinfo, tap_info);
}

static void
explain_response(packet_info *pinfo, proto_tree *root, const sip_explain_message_t *msg)
{
    const sip_start_line_t *st = &msg->start;
    const sip_explain_entry_t *entry;
    proto_item *ti, *pi, *code_item;
    proto_tree *tree;
    const char *summary = NULL;
    gboolean expert_wanted;
    const sip_explain_prefs_t *prefs = sip_explain_prefs();
    sip_explain_context_opts_t opts = context_opts();

    entry = st->code_is_3digit ? sip_explain_resolve(opts.overrides, st->code) : NULL;
    if (entry && entry->klass <= SIP_EXPLAIN_CLASS_SUCCESS && !prefs->explain_1xx_2xx)
        return;

    ti = proto_tree_add_item(root, proto_sip_explain, msg->tvb, msg->offset, (int)msg->len, ENC_NA);
    tree = proto_item_add_subtree(ti, ett_sip_explain);

    if (!entry) {
        explain_malformed_code(pinfo, tree, ti, msg);
        queue_tap(pinfo, st->code, NULL);
        sip_explain_context_response(pinfo, tree, NULL, msg, NULL, &opts);
        return;
    }

    /* Each field only where it will be seen (in tshark -T fields: the -e
     * fields only); the code also as the item expert info hangs on. */
    expert_wanted = sip_explain_expert_wanted(root);
    code_item = NULL;
    if (expert_wanted || sip_explain_field_shown(root, hf_code))
        code_item = proto_tree_add_uint(tree, hf_code, msg->tvb, msg->offset + (int)st->code_offset, 3, st->code);
    if (sip_explain_field_shown(root, hf_class)) {
        pi = proto_tree_add_uint(tree, hf_class, msg->tvb, 0, 0, entry->klass);
        proto_item_set_generated(pi);
    }
    if (sip_explain_field_shown(root, hf_registered)) {
        pi = proto_tree_add_boolean(tree, hf_registered, msg->tvb, 0, 0, entry->registered);
        proto_item_set_generated(pi);
    }
    if (entry->reason && sip_explain_field_shown(root, hf_reason)) {
        pi = proto_tree_add_string(tree, hf_reason, msg->tvb, 0, 0, entry->reason);
        proto_item_set_generated(pi);
    }
    if (sip_explain_field_shown(root, hf_severity)) {
        pi = proto_tree_add_uint(tree, hf_severity, msg->tvb, 0, 0, entry->severity);
        proto_item_set_generated(pi);
    }
    /* The summary is formatted only for someone who reads it. */
    if (expert_wanted || sip_explain_field_shown(root, hf_summary)) {
        summary = summary_line(pinfo->pool, st->code, entry);
        pi = proto_tree_add_string(tree, hf_summary, msg->tvb, 0, 0, summary);
        proto_item_set_generated(pi);
    }
    add_texts(tree, msg->tvb, entry);

    if (sip_explain_tree_printed(root))
        proto_item_append_text(ti, ": %u %s (%s)", st->code,
                               entry->reason ? entry->reason : "unregistered",
                               sip_explain_class_name((sip_explain_class_t)entry->klass));

    if (expert_wanted && entry->severity >= prefs->min_severity)
        expert_add_info_format(pinfo, code_item, expert_field_of(st->code, entry), "%s", summary);
    if (expert_wanted && entry->registered && entry->reason)
        add_reason_note(pinfo, code_item, msg, entry);
    queue_tap(pinfo, st->code, entry);
    sip_explain_context_response(pinfo, tree, code_item, msg, entry, &opts);
}

/* Reads the SIP message behind one top-level "sip" item. */
static gboolean
message_from_item(packet_info *pinfo, field_info *fi, sip_explain_message_t *msg)
{
    tvbuff_t *tvb = fi->ds_tvb;
    gint available;
    int len;

    if (!tvb || fi->start < 0)
        return FALSE;
    available = tvb_reported_length_remaining(tvb, fi->start);
    len = fi->length > 0 ? fi->length : available;
    len = MIN(len, tvb_captured_length_remaining(tvb, fi->start));
    len = MIN(len, MAX_MESSAGE_BYTES);
    if (len <= 0)
        return FALSE;
    (void)pinfo;
    msg->tvb = tvb;
    msg->offset = fi->start;
    msg->len = (size_t)len;
    msg->text = (const char *)tvb_get_ptr(tvb, fi->start, len);
    return sip_text_parse_start_line(msg->text, msg->len, &msg->start);
}

/* Does the SIP item start with a status line ("SIP/2.0 ")? A quick look
 * that spares reading requests nobody records. */
static gboolean
is_response_item(field_info *fi)
{
    static const char status[] = "SIP/2.0 ";

    return fi->ds_tvb && fi->start >= 0
        && tvb_memeql(fi->ds_tvb, fi->start, (const guint8 *)status, sizeof status - 1) == 0;
}

/* Is anything going to look at what we add to this tree? */
static gboolean
output_wanted(proto_tree *tree)
{
    return sip_explain_field_shown(tree, proto_sip_explain) || sip_explain_listeners_want_results();
}

/* With a tree: SIP puts one top-level item per message (several over TCP).
 * Only the children present now are SIP's: ours are appended after `last`.
 * Returns whether the frame had SIP messages to work on. */
static gboolean
explain_tree_messages(packet_info *pinfo, proto_tree *tree, gboolean wanted)
{
    proto_node *node, *last = tree->last_child;
    /* In tshark, requests are recorded only for a context someone reads. */
    sip_explain_context_opts_t opts = context_opts();
    gboolean record = !sip_explain_output_fixed() || (wanted && sip_explain_context_needed(tree, &opts));
    gboolean found = FALSE;

    if (!wanted && !record)
        return FALSE;
    for (node = tree->first_child; node; node = node->next) {
        field_info *fi = PNODE_FINFO(node);
        sip_explain_message_t msg;

        if (fi && fi->hfinfo->id == proto_sip && (record || is_response_item(fi))
            && message_from_item(pinfo, fi, &msg)) {
            found = TRUE;
            if (!msg.start.is_response) {
                if (record)
                    sip_explain_context_request(pinfo, tree, &msg);
            }
            else if (wanted)
                explain_response(pinfo, tree, &msg);
        }
        if (node == last)
            break;
    }
    return found;
}

/* Without a tree: find the messages in the frame's data sources ourselves.
 * Responses are explained when taps listen; requests are recorded. */
static void
explain_located_messages(packet_info *pinfo, gboolean explain)
{
    GSList *src;
    /* Over UDP a datagram holds one message (RFC 3261 section 18.3). */
    gboolean one_message = pinfo->ptype == PT_UDP;

    for (src = pinfo->data_src; src; src = src->next) {
        tvbuff_t *tvb = get_data_source_tvb((const struct data_source *)src->data);
        gint len = tvb ? tvb_captured_length(tvb) : 0;
        sip_locate_iter_t it;
        sip_msg_range_t range;
        sip_explain_message_t msg;
        const char *bytes;
        unsigned n = 0;

        if (len <= 0)
            continue;
        bytes = (const char *)tvb_get_ptr(tvb, 0, len);
        sip_locate_init(&it, bytes, (size_t)len, one_message);
        while (n++ < MAX_LOCATED_MESSAGES && sip_locate_next(&it, &range, &msg.start)) {
            msg.tvb = tvb;
            msg.offset = (int)range.offset;
            msg.text = bytes + range.offset;
            msg.len = MIN(range.len, MAX_MESSAGE_BYTES);
            if (msg.start.headers_offset > msg.len)
                continue;                   /* a start line longer than we read */
            msg.start.len = msg.len;
            if (!msg.start.is_response)
                sip_explain_context_request(pinfo, NULL, &msg);
            else if (explain)
                explain_response(pinfo, NULL, &msg);
        }
    }
}

static int
dissect_sip_explain(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    if (tree) {
        /* Requests are recorded whenever a tree shows where they are (in
         * tshark: when our output is wanted), so a response explained later
         * (a GUI click) finds what it answers. */
        if (!explain_tree_messages(pinfo, tree, output_wanted(tree)))
            return 0;
    } else {
        /* Wireshark's first pass may build no tree (no colouring rules):
         * it still records requests, for the response a user clicks later. */
        explain_located_messages(pinfo, sip_explain_listeners_want_results());
    }
    return tvb_captured_length(tvb);
}

/* Did SIP dissect part of this frame? Compares protocol ids, where
 * proto_is_frame_protocol() looks up and compares each layer's name. */
static gboolean
frame_has_sip(packet_info *pinfo)
{
    wmem_list_frame_t *layer;

    for (layer = wmem_list_head(pinfo->layers); layer; layer = wmem_list_frame_next(layer))
        if (GPOINTER_TO_INT(wmem_list_frame_data(layer)) == proto_sip)
            return TRUE;
    return FALSE;
}

/* Is there anything for us in this frame: SIP, and someone who reads what
 * we add (or, in interactive programs, requests to record)? */
static gboolean
frame_has_work(packet_info *pinfo, proto_tree *tree)
{
    proto_node *node;

    if (!tree) {
        if (sip_explain_output_fixed() && !sip_explain_listeners_want_results())
            return FALSE;
        return frame_has_sip(pinfo);
    }
    if (sip_explain_output_fixed() && !output_wanted(tree))
        return FALSE;
    for (node = tree->first_child; node; node = node->next)
        if (PNODE_FINFO(node) && PNODE_FINFO(node)->hfinfo->id == proto_sip)
            return TRUE;
    return FALSE;
}

/* The registered post-dissector, a handle without a protocol. Frames with
 * nothing for us stop at its first test. The others are dissected here
 * rather than through a protocol handle: Wireshark 4.0 lists protocols in
 * frame.protocols before post-dissectors run, so of what
 * call_dissector_only() does (a layer added to pinfo->layers: a map insert
 * and list updates, 400 to 700 instructions a frame) only two things
 * matter, and they are done here: a protocol the user disabled does
 * nothing, and expert info records our protocol's name. */
static int
dissect_sip_explain_gate(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    const char *saved_proto;
    int ret;

    if (!proto_is_protocol_enabled(protocol_sip_explain) || !frame_has_work(pinfo, tree))
        return 0;
    saved_proto = pinfo->current_proto;
    pinfo->current_proto = proto_get_protocol_short_name(protocol_sip_explain);
    ret = dissect_sip_explain(tvb, pinfo, tree, data);
    pinfo->current_proto = saved_proto;
    return ret;
}

void
proto_register_sip_explain(void)
{
    static hf_register_info hf[] = {
        { &hf_code, { "Status code", "sip_explain.code", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The response's status code as found in its status line", HFILL } },
        { &hf_class, { "Class", "sip_explain.class", FT_UINT8, BASE_DEC, VALS(class_vals), 0x0,
            "The response class, from the first digit of the code", HFILL } },
        { &hf_registered, { "Registered", "sip_explain.registered", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "Whether the code is listed in the IANA SIP Response Codes registry", HFILL } },
        { &hf_reason, { "Registered reason phrase", "sip_explain.reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase registered for the code", HFILL } },
        { &hf_description, { "Description", "sip_explain.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the code means", HFILL } },
        { &hf_when, { "When you see it", "sip_explain.when", FT_STRING, BASE_NONE, NULL, 0x0,
            "When the code is typically seen", HFILL } },
        { &hf_fix, { "How to fix it", "sip_explain.fix", FT_STRING, BASE_NONE, NULL, 0x0,
            "Who must act and what to change", HFILL } },
        { &hf_rfc, { "Defined in", "sip_explain.rfc", FT_STRING, BASE_NONE, NULL, 0x0,
            "The RFC that the IANA registry cites for the code", HFILL } },
        { &hf_severity, { "Severity", "sip_explain.severity", FT_UINT8, BASE_DEC, VALS(severity_vals), 0x0,
            "Expert severity judged for this code", HFILL } },
        { &hf_summary, { "Summary", "sip_explain.summary", FT_STRING, BASE_NONE, NULL, 0x0,
            "One line per response, for a custom column", HFILL } },
        { &hf_text_line, { "Text", "sip_explain.text_line", FT_NONE, BASE_NONE, NULL, 0x0,
            "One line of a long text, as shown in the details pane", HFILL } },
    };
    static gint *ett[] = { &ett_sip_explain, &ett_text_lines };
    static ei_register_info ei[] = {
        { &ei_code_malformed, { "sip_explain.code.malformed", PI_MALFORMED, PI_WARN,
            "Status code outside 100-699 or not three digits", EXPFILL } },
        { &ei_reason_differs, { "sip_explain.reason.differs", PI_RESPONSE_CODE, PI_NOTE,
            "Reason phrase differs from the registered one", EXPFILL } },
    };
    expert_module_t *expert;
    module_t *module;

    proto_sip_explain = proto_register_protocol("SIP Response Explanation", "SIP Explain", "sip_explain");
    protocol_sip_explain = find_protocol_by_id(proto_sip_explain);
    proto_register_field_array(proto_sip_explain, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto_sip_explain);
    expert_register_field_array(expert, ei, array_length(ei));
    register_response_experts(expert);

    sip_explain_tap = register_tap("sip_explain");

    module = sip_explain_prefs_register(proto_sip_explain);
    sip_explain_uat_register(module);

    sip_explain_context_register(proto_sip_explain, expert);
    sip_explain_stats_register();
}

void
proto_reg_handoff_sip_explain(void)
{
    register_postdissector(create_dissector_handle(dissect_sip_explain_gate, -1));
    proto_sip = proto_get_id_by_filter_name("sip");
    sip_explain_shown_init(proto_sip_explain, sip_explain_tap);
}
