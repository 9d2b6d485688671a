/* expert_severity.h
 * A severity written once in a row of an expert info list (CHAT, NOTE,
 * WARNING or ERROR: context_experts.def, flows/flow_outcomes.def), as the
 * two things made of it: the PI_* severity the expert info is registered
 * with, and the sip_explain_severity_t the min_severity preference and the
 * response's severity compare. A word other than these four does not
 * compile.
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

#endif /* EXPERT_SEVERITY_H */
