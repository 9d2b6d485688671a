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
    };
    static ei_register_info ei[] = {
#define CONTEXT_EXPERT(name, group, severity, summary, template_id) \
        { &ei_sip_explain_context_##name, { "sip_explain.context." #name, PI_##group, EXPERT_PI_SEVERITY(severity), \
                                            summary, EXPFILL } },
#include "context/context_experts.def"
    };

    proto_register_field_array(proto, hf, array_length(hf));
    expert_register_field_array(expert, ei, array_length(ei));
    /* The records live as long as the capture file. */
    register_init_routine(request_records_init);
    register_cleanup_routine(request_records_cleanup);
    register_init_routine(auth_attempts_init);
    register_cleanup_routine(auth_attempts_cleanup);
}
