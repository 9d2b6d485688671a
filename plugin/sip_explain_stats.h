/* sip_explain_stats.h
 * Statistics > SIP Explain, and tshark -z sip_explain,tree.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_STATS_H
#define SIP_EXPLAIN_STATS_H

void sip_explain_stats_register(void);

#endif /* SIP_EXPLAIN_STATS_H */
