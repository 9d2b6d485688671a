/* context_register.c
 * Routines for registering the context's fields and expert infos, and the
 * file-scope state of the request records and of the credentials' outcomes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"
#include "expert_severity.h"

int hf_sip_explain_request_frame = -1;
int hf_sip_explain_request_method = -1;
int hf_sip_explain_context = -1;
int hf_sip_explain_cause = -1;
int hf_sip_explain_cause_header = -1;
int hf_sip_explain_cause_protocol = -1;
int hf_sip_explain_cause_code = -1;
int hf_sip_explain_cause_name = -1;
int hf_sip_explain_cause_text = -1;
int hf_sip_explain_cause_source = -1;
int hf_sip_explain_cause_correlation_id = -1;
int hf_sip_explain_sent_by = -1;
gint ett_sip_explain_cause = -1;

/* The expert infos, one per row of context_experts.def. */
#define CONTEXT_EXPERT(name, group, severity, summary, template_id) expert_field ei_sip_explain_context_##name = EI_INIT;
#include "context/context_experts.def"

void
sip_explain_context_register(int proto, expert_module_t *expert)
{
    static hf_register_info hf[] = {
        { &hf_sip_explain_request_frame, { "Request in frame", "sip_explain.request_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The frame of the request this response answers (first copy of a retransmitted request)", HFILL } },
        { &hf_sip_explain_request_method, { "Request method", "sip_explain.request_method", FT_STRING, BASE_NONE, NULL, 0x0,
            "The method of the request this response answers", HFILL } },
        { &hf_sip_explain_context, { "Context", "sip_explain.context", FT_STRING, BASE_NONE, NULL, 0x0,
            "A finding from this response and its request, in plain words with the values found", HFILL } },
        { &hf_sip_explain_cause, { "Cause", "sip_explain.cause", FT_STRING, BASE_NONE, NULL, 0x0,
            "A cause the response, or the CANCEL or BYE it answers, gives: protocol, code and name", HFILL } },
        { &hf_sip_explain_cause_header, { "Header", "sip_explain.cause.header", FT_STRING, BASE_NONE, NULL, 0x0,
            "The header that carried the cause (Reason, ms-diagnostics, X-Asterisk-HangupCauseCode, X-Twilio-Error ...)", HFILL } },
        { &hf_sip_explain_cause_protocol, { "Protocol", "sip_explain.cause.protocol", FT_STRING, BASE_NONE, NULL, 0x0,
            "Whose code it is: Q.850, SIP, STIR, FreeSWITCH, ms-diagnostics, Twilio, or a Reason's protocol as found", HFILL } },
        { &hf_sip_explain_cause_code, { "Code", "sip_explain.cause.code", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The cause's number (Q.850 cause, status code, error id)", HFILL } },
        { &hf_sip_explain_cause_name, { "Name", "sip_explain.cause.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "The registry's or the vendor's name of the code", HFILL } },
        { &hf_sip_explain_cause_text, { "Text", "sip_explain.cause.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the message says of the cause (Reason text, ms-diagnostics reason, X-Twilio-Error message)", HFILL } },
        { &hf_sip_explain_cause_source, { "Source", "sip_explain.cause.source", FT_STRING, BASE_NONE, NULL, 0x0,
            "The server that gave the cause (ms-diagnostics source)", HFILL } },
        { &hf_sip_explain_cause_correlation_id, { "Correlation id", "sip_explain.cause.correlation_id", FT_STRING,
            BASE_NONE, NULL, 0x0, "The call's id at Microsoft Teams, from a Reason text \"<id>;<text>\"", HFILL } },
        { &hf_sip_explain_sent_by, { "Sent by", "sip_explain.sent_by", FT_STRING, BASE_NONE, NULL, 0x0,
            "The Server (else User-Agent) of an error response (3xx-6xx): the software that answered", HFILL } },
    };
    static gint *ett[] = { &ett_sip_explain_cause };
    static ei_register_info ei[] = {
#define CONTEXT_EXPERT(name, group, severity, summary, template_id) \
        { &ei_sip_explain_context_##name, { "sip_explain.context." #name, PI_##group, EXPERT_PI_SEVERITY(severity), \
                                            summary, EXPFILL } },
#include "context/context_experts.def"
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));
    /* The records live as long as the capture file. */
    register_init_routine(request_records_init);
    register_cleanup_routine(request_records_cleanup);
    register_init_routine(auth_attempts_init);
    register_cleanup_routine(auth_attempts_cleanup);
}
