/* expert_severity.h
 * The one correspondence between our severities and Wireshark's. A
 * severity written once in a row of an expert info list (CHAT, NOTE,
 * WARNING or ERROR: context/context_experts.def, flows/flow_outcomes.def)
 * gives the two things made of it: the PI_* severity the expert info is
 * registered with, and the sip_explain_severity_t the min_severity
 * preference and the response's severity compare. A word other than these
 * four does not compile. A severity read at run time (a code's, from the
 * table) is turned into PI_* by expert_pi_of(), from the same words.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EXPERT_SEVERITY_H
#define EXPERT_SEVERITY_H

#include <epan/expert.h>

#include "sip_explain_table.h"

#define EXPERT_SEVERITY_PI_CHAT PI_CHAT
#define EXPERT_SEVERITY_PI_NOTE PI_NOTE
#define EXPERT_SEVERITY_PI_WARNING PI_WARN
#define EXPERT_SEVERITY_PI_ERROR PI_ERROR

/* EXPERT_PI_SEVERITY(NOTE): PI_NOTE. */
#define EXPERT_PI_SEVERITY(severity) EXPERT_SEVERITY_PI_##severity
/* EXPERT_SEVERITY(NOTE): SIP_EXPLAIN_SEV_NOTE. */
#define EXPERT_SEVERITY(severity) SIP_EXPLAIN_SEV_##severity

/* The four words, for tables over all of them. */
#define EXPERT_SEVERITY_WORDS(X) X(CHAT) X(NOTE) X(WARNING) X(ERROR)

/* The PI_* severity of one of ours; PI_WARN for a value out of range. */
static inline int
expert_pi_of(sip_explain_severity_t sev)
{
    static const int pi[SIP_EXPLAIN_SEV_COUNT] = {
#define EXPERT_SEVERITY_PI_ENTRY(word) [EXPERT_SEVERITY(word)] = EXPERT_PI_SEVERITY(word),
        EXPERT_SEVERITY_WORDS(EXPERT_SEVERITY_PI_ENTRY)
#undef EXPERT_SEVERITY_PI_ENTRY
    };

    return (unsigned)sev < SIP_EXPLAIN_SEV_COUNT ? pi[sev] : PI_WARN;
}

#endif /* EXPERT_SEVERITY_H */
