/* response_experts.c
 * Generates the expert fields of explained responses from the table (see
 * response_experts.h): one per registered code, one per class.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "response_experts.h"

#include "expert_severity.h"

/* Parallel to sip_explain_responses[]. */
static expert_field *ei_sip_explain_codes;
/* [klass - 1]: for codes the registry lacks. */
static expert_field ei_sip_explain_classes[SIP_EXPLAIN_CLASS_COUNT];

expert_field *
sip_explain_response_expert(uint32_t code, const sip_explain_entry_t *entry)
{
    const sip_explain_entry_t *registered = sip_explain_lookup_registered(code);

    if (registered)
        return &ei_sip_explain_codes[registered - sip_explain_responses];
    return &ei_sip_explain_classes[entry->klass - 1];
}

/* Names and summaries live as long as the program (as registrations do). */
void
sip_explain_response_experts_register(expert_module_t *expert)
{
    static const ei_register_info blank = {
        NULL, { NULL, PI_RESPONSE_CODE, PI_CHAT, NULL, EXPFILL }
    };
    size_t n = sip_explain_responses_count, i;
    ei_register_info *ei = g_new(ei_register_info, n + SIP_EXPLAIN_CLASS_COUNT);

    ei_sip_explain_codes = g_new(expert_field, n);
    for (i = 0; i < n; i++) {
        const sip_explain_entry_t *e = &sip_explain_responses[i];
        expert_field init = EI_INIT;

        ei_sip_explain_codes[i] = init;
        ei[i] = blank;
        ei[i].ids = &ei_sip_explain_codes[i];
        ei[i].eiinfo.name = g_strdup_printf("sip_explain.response.%u", e->code);
        ei[i].eiinfo.severity = expert_pi_of((sip_explain_severity_t)e->severity);
        ei[i].eiinfo.summary = g_strdup_printf("%u %s (%s)", e->code, e->reason,
                                               sip_explain_class_name((sip_explain_class_t)e->klass));
    }
    for (i = 0; i < SIP_EXPLAIN_CLASS_COUNT; i++) {
        const sip_explain_entry_t *e = &sip_explain_classes[i];
        expert_field init = EI_INIT;

        ei_sip_explain_classes[i] = init;
        ei[n + i] = blank;
        ei[n + i].ids = &ei_sip_explain_classes[i];
        ei[n + i].eiinfo.name = g_strdup_printf("sip_explain.response.%zuxx", i + 1);
        ei[n + i].eiinfo.severity = expert_pi_of((sip_explain_severity_t)e->severity);
        ei[n + i].eiinfo.summary = g_strdup_printf("Unregistered %s code (%zuxx)",
                                                   sip_explain_class_name((sip_explain_class_t)(i + 1)), i + 1);
    }
    expert_register_field_array(expert, ei, (int)(n + SIP_EXPLAIN_CLASS_COUNT));
}
