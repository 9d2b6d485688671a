/* sip_explain_stats.h
 * Statistics > SIP Explain, and tshark -z sip_explain,tree.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_STATS_H
#define SIP_EXPLAIN_STATS_H

void sip_explain_stats_register(void);

/* Does By outcome wait for the capture's clock (a flow without a final
 * response, judged again when its Timer B or F runs out)? Then every frame
 * queues the clock on the tap (sip_explain_response_queue_flow(NULL)). */
gboolean sip_explain_stats_wants_clock(void);

#endif /* SIP_EXPLAIN_STATS_H */
