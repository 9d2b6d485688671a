/* sip_explain_shown.h
 * Will anyone read what the plugin adds to a frame? The plugin works only
 * for a reader: a shown tree, a filter, column or colouring rule naming its
 * fields, a tshark -e naming them, or a tap listening for its results.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_SHOWN_H
#define SIP_EXPLAIN_SHOWN_H

#include <epan/packet.h>
#include <epan/proto.h>

/* At hand-off, once every field is registered: reads what tshark will
 * print from its command line (see options/tshark_args.h). */
void sip_explain_shown_init(int proto_sip_explain, int sip_explain_tap);

/* Running in tshark, whose output is fixed for the run: it decides once
 * what it shows. FALSE in interactive programs, where a user may look at
 * any frame later. */
gboolean sip_explain_in_tshark(void);

/* Is this frame dissected in the first of tshark -2's two passes (nothing
 * printed yet: a pass that records what the second reads)? */
gboolean sip_explain_first_of_two_passes(packet_info *pinfo);

/* Will the field or protocol id added to this tree be seen: a visible tree
 * that is printed whole (in tshark -T fields: the -e fields only), or a
 * filter, column or colouring rule referring to it? */
gboolean sip_explain_field_shown(proto_tree *tree, int id);

/* Is the field or protocol id itself named: by a filter, column or
 * colouring rule, or (from Wireshark 4.4) a tshark -e? Not where only a
 * field below it is (a protocol is then primed too, indirectly). */
gboolean sip_explain_field_named(proto_tree *tree, int id);

/* Is this tree printed whole, labels and all (a GUI's details pane,
 * tshark -V), rather than not at all or field by field? */
gboolean sip_explain_tree_printed(proto_tree *tree);

/* Is the label of this field or protocol id printed: a tree printed whole,
 * or (from Wireshark 4.4) a tshark -e naming it? */
gboolean sip_explain_label_printed(proto_tree *tree, int id);

/* Will expert info added to this tree (NULL: no tree) be seen? */
gboolean sip_explain_expert_wanted(proto_tree *tree);

/* Do taps read our results even without a tree (tshark -z expert, the
 * sip_explain stats tree)? */
gboolean sip_explain_listeners_want_results(void);

/* Is anything going to look at what we add to this tree: our protocol's
 * item is shown, or taps read our results? */
gboolean sip_explain_output_wanted(proto_tree *tree);

/* Where an answer about what is read was last worked out. */
typedef struct {
    const tree_data_t *tree;        /* NULL: nowhere yet */
    guint32 frame;
    gboolean visited;
} sip_explain_reading_mark_t;

/* Is what is read in tree the same as where mark was set, so an answer
 * worked out there still holds? Then sets mark here. In tshark what marks
 * fields (filters, columns, -e, tap filters) and whether the tree is
 * printed are the same for every frame of a pass, and a pass ends when the
 * frame numbers start again or frames become visited (tshark -2): the same
 * for a whole pass. Elsewhere (the GUI, whose filters change at any time)
 * only for the rest of the same frame's tree. */
gboolean sip_explain_same_reading(sip_explain_reading_mark_t *mark, proto_tree *tree);

#endif /* SIP_EXPLAIN_SHOWN_H */
