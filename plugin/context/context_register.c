/* context_register.c
 * Routines for registering the context's fields and expert infos, and the
 * file-scope state of the request records.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

int hf_sip_explain_request_frame = -1;
int hf_sip_explain_request_method = -1;
int hf_sip_explain_context = -1;

expert_field ei_sip_explain_context_missing_header = EI_INIT;
expert_field ei_sip_explain_context_wrong_method = EI_INIT;
expert_field ei_sip_explain_context_no_contact = EI_INIT;
expert_field ei_sip_explain_context_malformed = EI_INIT;
expert_field ei_sip_explain_context_repeated = EI_INIT;
expert_field ei_sip_explain_context_rechallenge = EI_INIT;

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
        { &ei_sip_explain_context_missing_header, { "sip_explain.context.missing_header", PI_PROTOCOL, PI_WARN,
            "A header the RFC requires for this status code is missing", EXPFILL } },
        { &ei_sip_explain_context_wrong_method, { "sip_explain.context.wrong_method", PI_PROTOCOL, PI_WARN,
            "The status code answers a method that cannot receive it", EXPFILL } },
        { &ei_sip_explain_context_no_contact, { "sip_explain.context.no_contact", PI_PROTOCOL, PI_NOTE,
            "A redirection response without Contact", EXPFILL } },
        { &ei_sip_explain_context_malformed, { "sip_explain.context.malformed", PI_MALFORMED, PI_NOTE,
            "A header value is malformed; it is shown as found and not trusted", EXPFILL } },
        { &ei_sip_explain_context_repeated, { "sip_explain.context.repeated", PI_PROTOCOL, PI_NOTE,
            "A header is repeated more often than is explained", EXPFILL } },
        { &ei_sip_explain_context_rechallenge, { "sip_explain.context.rechallenge", PI_SEQUENCE, PI_WARN,
            "Challenged again after credentials were sent", EXPFILL } },
    };

    proto_register_field_array(proto, hf, array_length(hf));
    expert_register_field_array(expert, ei, array_length(ei));
    /* The records live as long as the capture file. */
    register_init_routine(request_records_init);
    register_cleanup_routine(request_records_cleanup);
}
