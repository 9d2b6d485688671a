/* flow_records.h
 * The calls, registrations and other request chains of a capture, kept in
 * file scope so that every response can be judged in its whole flow.
 *
 * A flow is everything one Call-ID carries: a call's INVITEs (the first,
 * its retries after a challenge or a redirect, re-INVITEs), its CANCEL and
 * BYE; or a chain of REGISTER, SUBSCRIBE, PUBLISH, MESSAGE or OPTIONS
 * requests with their retries. Within it a transaction is told apart by
 * its CSeq number and method and by the From tag, so that the callee's
 * requests (their own CSeq numbers, tags swapped) are not taken for the
 * caller's. Each frame is recorded once, on the first pass over the file;
 * re-dissection (tshark -2, the GUI) reads what was recorded.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FLOW_RECORDS_H
#define FLOW_RECORDS_H

#include <epan/packet.h>

#include "sip_explain.h"

/* The methods a flow tells apart. */
typedef enum {
    FLOW_M_OTHER, FLOW_M_INVITE, FLOW_M_ACK, FLOW_M_CANCEL, FLOW_M_BYE, FLOW_M_REGISTER,
    FLOW_M_SUBSCRIBE, FLOW_M_NOTIFY, FLOW_M_PUBLISH, FLOW_M_MESSAGE, FLOW_M_OPTIONS, FLOW_M_REFER,
    FLOW_M_PRACK, FLOW_M_UPDATE, FLOW_M_INFO,
    FLOW_M_COUNT
} flow_method_t;

/* What a flow is, from its first request that starts one (an INVITE
 * anywhere in it makes it a call). */
typedef enum {
    FLOW_KIND_CALL, FLOW_KIND_REGISTRATION, FLOW_KIND_SUBSCRIPTION, FLOW_KIND_PUBLICATION,
    FLOW_KIND_MESSAGE, FLOW_KIND_OPTIONS, FLOW_KIND_REFER, FLOW_KIND_OTHER,
    FLOW_KIND_COUNT
} flow_kind_t;

/* Transaction flags. */
enum {
    FLOW_T_REQUEST_SEEN = 1 << 0,   /* the request is in the capture */
    FLOW_T_TO_TAG = 1 << 1,         /* the request's To had a tag: inside a dialog */
    FLOW_T_CREDENTIALS = 1 << 2,    /* the request carried credentials (a nonce or a response) */
    FLOW_T_UNREGISTER = 1 << 3,     /* a REGISTER asking to remove bindings (expires 0, Contact: *) */
    FLOW_T_FINAL_NO_CONTACT = 1 << 4, /* its 2xx to a REGISTER listed no binding */
    FLOW_T_RETRY_AFTER = 1 << 5,    /* the final response gave Retry-After */
    FLOW_T_STALE = 1 << 6,          /* its challenge said stale=true: the nonce, not the password */
    FLOW_T_QUERY = 1 << 7,          /* a REGISTER without Contact: asks what is bound (RFC 3261 section 10.2.3) */
    FLOW_T_SAME_NONCE = 1 << 8,     /* its challenge named the nonce its credentials answered: the
                                     * credentials were refused, not the nonce (RFC 7616 section 3.3) */
    FLOW_T_FINAL_OTHER_TAG = 1 << 9, /* an error final whose To tag is not the provisional's: another
                                      * element (a proxy, an SBC, another branch) answered */
    /* Call outcomes by the RFCs (flows/flow_verdict.c). */
    FLOW_T_FINAL_UNROUTED = 1 << 10, /* its final's reason phrase, or a Warning 399's text, names a failed
                                      * DNS lookup or route: the proxy could not route */
    FLOW_T_FINAL_TO_SENDER = 1 << 11, /* its final is the copy sent to the address the flow's first
                                       * request came from: what the sender received */
    /* How a call ended, and transfers (flows/flow_ending.h, flows/flow_transfer.h). */
    FLOW_T_ACKED = 1 << 12,         /* an INVITE: an ACK with its CSeq number and From tag was seen */
    FLOW_T_FRAG = 1 << 13,          /* a NOTIFY of Event: refer whose message/sipfrag gave frag_code */
    FLOW_T_ELSEWHERE = 1 << 14,     /* a CANCEL whose Reason is SIP cause 200: the call was answered
                                     * elsewhere (RFC 3326 section 2, its example) */
    FLOW_T_CAUSE_NOT_REASON = 1 << 15, /* a BYE or CANCEL: its cause in words is an Asterisk header's,
                                        * named in the words, not a Reason */
};

/* One transaction of a flow: a request, its copies and its responses. */
typedef struct {
    guint32 cseq;
    guint32 from_tag;                   /* hash of the From tag (0: none) */
    guint16 flags;
    guint16 copies;                     /* of the request (retransmissions, hops) */
    guint8 method;                      /* flow_method_t */
    guint32 first_frame;                /* first message of the transaction */
    guint32 request_frame, last_request_frame;  /* first and last copy; 0: not seen */
    guint32 cancel_frame;               /* the CANCEL of this INVITE; 0: none */
    guint32 ringing_frame;              /* first 1xx other than 100 (a 100 until one comes) */
    guint32 final_frame;                /* the final response that counts; 0: none yet */
    guint16 final_code;
    guint16 q850_cause;                 /* of the final's Reason; 0: none */
    guint16 warn_code;                  /* of its first Warning; 0: none */
    guint16 ringing_code;
    guint32 final_tag;                  /* hash of the final's To tag */
    guint32 retry_after;                /* seconds (FLOW_T_RETRY_AFTER) */
    guint32 request_ms, ringing_ms, final_ms;   /* since the flow began */
    guint32 credentials_nonce;          /* hash of the nonce its credentials answered (0: none) */
    /* How a call ended, and transfers. */
    guint16 final_copies;               /* of the final response that counts (same code and To tag) */
    guint16 frag_code;                  /* a NOTIFY (FLOW_T_FRAG): the status code of its sipfrag */
    guint32 final_last_ms;              /* the last copy of the final response, since the flow began */
    const char *reason;                 /* a BYE or CANCEL: its cause in words (interned); NULL: none */
    const char *final_cause;            /* the final's cause beyond a bare Q.850 cause, in words; NULL: none */
    guint32 ringing_tag;                /* hash of the To tag of ringing_frame (0: none) */
    guint32 unreachable_frame;          /* an ICMP error quoting the request (transport_error.h); 0: none */
} flow_txn_t;

/* One flow. */
typedef struct flow {
    const char *call_id, *from, *to;    /* as found, length-limited, interned */
    gint64 start_ms;                    /* of its first message (absolute) */
    gint64 start_rel_ms;                /* the same, relative to the capture's first frame */
    guint32 first_frame;
    guint16 n_txns, cap_txns;           /* at most 512: a longer flow keeps its first ones */
    flow_txn_t *txns;                   /* in the order they began */
    /* Who sent the flow's first request seen: the From tag hash and the
     * source address and port hash. A final response to a request with that
     * tag sent back to that address is the copy the sender received (a
     * proxy relays responses towards the sender, RFC 3261 section 16.7). */
    guint32 origin_tag, origin_addr;    /* origin_addr 0: no request seen */
} flow_t;

/* Created and freed with the capture file. */
void flow_records_init(void);
void flow_records_cleanup(void);

/* Called once per frame before its messages are noted: a frame is
 * recorded the first time it is dissected (frames after the last one
 * recorded: the first pass, or a second pass whose first recorded
 * nothing), never again. */
void flow_records_begin_frame(packet_info *pinfo);

/* Are the Call-ID, From and To of new flows kept (the table shows them)?
 * Not where only outcomes are read: they cost a copy each. Default TRUE. */
void flow_records_keep_names(gboolean keep);

/* Is every frame up to the end of the capture recorded? FALSE while
 * frames are being recorded (one pass: only the past is known). */
gboolean flow_records_complete(void);

/* Records the message (if its frame is being recorded, see
 * flow_records_begin_frame) and returns its flow, with *txn the index of
 * its transaction; NULL when the message names no Call-ID or valid CSeq. */
const flow_t *flow_records_note(packet_info *pinfo, const sip_explain_message_t *msg, guint *txn);

/* A copy of a request quoted in an ICMP error (RFC 3261 section 18.4): its
 * transaction, if recorded, failed to send (recorded once, the first pass).
 * Returns its flow and *txn as flow_records_note() does; NULL: none. */
const flow_t *flow_records_note_unreachable(packet_info *pinfo, const sip_explain_message_t *msg, guint *txn);

/* The time of the last frame the plugin saw, in ms since the epoch: how far
 * the capture goes (a Timer B or F runs out only if it goes far enough). */
void flow_records_note_time(packet_info *pinfo);
gint64 flow_records_capture_end_ms(void);

/* The method's name ("INVITE"), and its flow_method_t. */
const char *flow_method_name(flow_method_t m);

#endif /* FLOW_RECORDS_H */
