/* response_experts.c
 * Generates the expert fields of explained responses from the table (see
 * response_experts.h): one per registered code, one per class, and one per
 * method whose texts have a severity other than their code's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "response_experts.h"

#include "expert_severity.h"

/* Parallel to sip_explain_responses[]. */
static expert_field *ei_sip_explain_codes;
/* [klass - 1]: for codes the registry lacks. */
static expert_field ei_sip_explain_classes[SIP_EXPLAIN_CLASS_COUNT];
/* Parallel to sip_explain_method_texts[]; registered only where the
 * method's severity is not the code's (an expert field has one severity). */
static expert_field *ei_sip_explain_methods;

/* Does a method's expert field exist: its severity differs from the code's? */
static gboolean
method_has_own_expert(const sip_explain_entry_t *entry, const sip_explain_method_texts_t *variant)
{
    return variant->severity != entry->severity;
}

expert_field *
sip_explain_response_expert(uint32_t code, const sip_explain_entry_t *entry,
                            const sip_explain_method_texts_t *variant)
{
    const sip_explain_entry_t *registered = sip_explain_lookup_registered(code);

    if (registered && variant && registered == entry && method_has_own_expert(entry, variant))
        return &ei_sip_explain_methods[variant - sip_explain_method_texts];
    if (registered)
        return &ei_sip_explain_codes[registered - sip_explain_responses];
    return &ei_sip_explain_classes[entry->klass - 1];
}

/* "sip_explain.response.481.bye": a field name is lower case, and a method
 * token may hold characters a field name may not. */
static char *
method_expert_name(const sip_explain_entry_t *e, const sip_explain_method_texts_t *v)
{
    char *method = g_ascii_strdown(v->method, -1);
    char *name;

    for (char *p = method; *p; p++)
        if (!g_ascii_isalnum(*p))
            *p = '_';
    name = g_strdup_printf("sip_explain.response.%u.%s", e->code, method);
    g_free(method);
    return name;
}

/* Registers the fields of the methods whose severity is not their code's. */
static void
register_method_experts(expert_module_t *expert, const ei_register_info *blank)
{
    ei_register_info *ei = g_new(ei_register_info, sip_explain_method_texts_count);
    size_t i, k;
    int n = 0;

    ei_sip_explain_methods = g_new(expert_field, sip_explain_method_texts_count);
    for (i = 0; i < sip_explain_responses_count; i++) {
        const sip_explain_entry_t *e = &sip_explain_responses[i];
        for (k = 0; k < e->n_method_texts; k++) {
            const sip_explain_method_texts_t *v = &e->method_texts[k];
            size_t at = (size_t)(v - sip_explain_method_texts);
            expert_field init = EI_INIT;

            ei_sip_explain_methods[at] = init;
            if (!method_has_own_expert(e, v))
                continue;
            ei[n] = *blank;
            ei[n].ids = &ei_sip_explain_methods[at];
            ei[n].eiinfo.name = method_expert_name(e, v);
            ei[n].eiinfo.severity = expert_pi_of((sip_explain_severity_t)v->severity);
            ei[n].eiinfo.summary = g_strdup_printf("%u %s (%s) to %s", e->code, e->reason,
                                                   sip_explain_class_name((sip_explain_class_t)e->klass), v->method);
            n++;
        }
    }
    if (n)
        expert_register_field_array(expert, ei, n);
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
    register_method_experts(expert, &blank);
}
