/* context_register.c
 * Routines for registering the context's fields and expert infos, and the
 * file-scope state of the request records and of the credentials' outcomes.
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
expert_field ei_sip_explain_context_nonce_refused = EI_INIT;
expert_field ei_sip_explain_context_nonce_changed = EI_INIT;
expert_field ei_sip_explain_context_nonce_refresh = EI_INIT;
expert_field ei_sip_explain_context_aka_resync = EI_INIT;
expert_field ei_sip_explain_context_forbidden_user = EI_INIT;
expert_field ei_sip_explain_context_callee_rejected = EI_INIT;
expert_field ei_sip_explain_context_allow_contradicts = EI_INIT;

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
        /* The severities here and in findings.c's table go together. */
        { &ei_sip_explain_context_rechallenge, { "sip_explain.context.rechallenge", PI_SEQUENCE, PI_WARN,
            "Credentials refused: challenged again on the nonce they answered, or again and again", EXPFILL } },
        { &ei_sip_explain_context_nonce_refused, { "sip_explain.context.nonce_refused", PI_SEQUENCE, PI_NOTE,
            "Challenged again with a new nonce: the nonce or the credentials were refused", EXPFILL } },
        { &ei_sip_explain_context_nonce_changed, { "sip_explain.context.nonce_changed", PI_SEQUENCE, PI_NOTE,
            "Challenged again with a reason phrase that blames the nonce, not the credentials", EXPFILL } },
        { &ei_sip_explain_context_nonce_refresh, { "sip_explain.context.nonce_refresh", PI_SEQUENCE, PI_CHAT,
            "Challenged again with stale=true: the nonce expired, the credentials were right", EXPFILL } },
        { &ei_sip_explain_context_aka_resync, { "sip_explain.context.aka_resync", PI_SEQUENCE, PI_CHAT,
            "Challenged again after an AKA resynchronisation (auts): the normal next step", EXPFILL } },
        { &ei_sip_explain_context_forbidden_user, { "sip_explain.context.forbidden_user", PI_SEQUENCE, PI_WARN,
            "403 to a request with credentials: the user is refused", EXPFILL } },
        { &ei_sip_explain_context_callee_rejected, { "sip_explain.context.callee_rejected", PI_RESPONSE_CODE, PI_NOTE,
            "403 with Reason Q.850 cause 21: the callee rejected the call", EXPFILL } },
        { &ei_sip_explain_context_allow_contradicts, { "sip_explain.context.allow_contradicts", PI_PROTOCOL, PI_NOTE,
            "405 whose Allow lists the method it refuses", EXPFILL } },
    };

    /* A programming error, found by every test that loads the plugin. */
    if (!header_slot_tables_right())
        g_error("sip_explain: a header slot's letters differ from sip_header_letters()");
    proto_register_field_array(proto, hf, array_length(hf));
    expert_register_field_array(expert, ei, array_length(ei));
    /* The records live as long as the capture file. */
    register_init_routine(request_records_init);
    register_cleanup_routine(request_records_cleanup);
    register_init_routine(auth_attempts_init);
    register_cleanup_routine(auth_attempts_cleanup);
}
