/* frame_layers.h
 * Did a protocol dissect part of this frame? A look at the frame's layers
 * (pinfo->layers) by protocol id, where proto_is_frame_protocol() looks up
 * and compares each layer's name: the benchmark's floor plugin
 * (tests/bench/floor/) tests its frames so. The plugin walks the layers
 * the same way, once, for SIP and ICMP together (transport_error.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_FRAME_LAYERS_H
#define SIP_EXPLAIN_FRAME_LAYERS_H

#include <epan/packet.h>

static inline gboolean
sip_explain_frame_has_layer(packet_info *pinfo, int proto)
{
    wmem_list_frame_t *layer;

    for (layer = wmem_list_head(pinfo->layers); layer; layer = wmem_list_frame_next(layer))
        if (GPOINTER_TO_INT(wmem_list_frame_data(layer)) == proto)
            return TRUE;
    return FALSE;
}

#endif /* SIP_EXPLAIN_FRAME_LAYERS_H */
