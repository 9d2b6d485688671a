/* sip_explain_shown.c
 * Will anyone read what the plugin adds to a frame (see sip_explain_shown.h)?
 *
 * Filters, custom columns and colouring rules prime the fields they name
 * (their ref_type is set), and taps say whether they listen. What Wireshark
 * 4.0 does not tell a dissector is which fields tshark -T fields prints: it
 * builds the whole visible tree, as for -V, and picks the -e fields out of
 * it afterwards. So tshark's command line is read once here; in that mode
 * only the fields it names (and what is primed) are added.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_explain_shown.h"

#include <string.h>

#include <epan/tap.h>

#include "options/tshark_args.h"
#include "ws_compat.h"

static int proto_ws_expert = -1;
static int expert_tap = -1;
static int sip_explain_tap = -1;

/* See sip_explain_in_tshark(). */
static gboolean in_tshark;
/* tshark -2: see sip_explain_first_of_two_passes(). */
static gboolean two_pass;

/* tshark -T fields|json|ek|pdml with -e: only these of our fields. */
static int proto_explain = -1;
static gboolean named_fields_only;
static int named_ids[TSHARK_ARGS_MAX_FIELDS];
static size_t n_named_ids;

/* The command line as the kernel gives it: NUL-separated words. Kept for
 * the program's life (tshark_args_t points into it). */
static gchar *cmdline;

/* One -e name: one of our fields, or another protocol's (ignored). FALSE
 * when it needs our whole subtree: -e sip_explain, or expert info, which
 * hangs on our items (-e _ws.expert..., or one of our expert infos, which
 * are registered as FT_NONE fields of ours). */
static gboolean
note_named_field(const char *name)
{
    header_field_info *hfinfo;

    if (g_str_has_prefix(name, "_ws.expert"))
        return FALSE;
    hfinfo = proto_registrar_get_byname(name);
    if (!hfinfo)
        return TRUE;                    /* tshark refuses it before any packet */
    if (hfinfo->id == proto_explain)
        return FALSE;
    if (hfinfo->parent != proto_explain)
        return TRUE;
    if (hfinfo->type == FT_NONE)
        return FALSE;
    named_ids[n_named_ids++] = hfinfo->id;
    return TRUE;
}

static void
read_tshark_command_line(void)
{
    gsize len = 0;
    GPtrArray *words;
    tshark_args_t args;
    gsize i;

    memset(&args, 0, sizeof args);
    if (!g_file_get_contents("/proc/self/cmdline", &cmdline, &len, NULL) || len == 0)
        return;                         /* unknown: the whole tree is printed */
    words = g_ptr_array_new();
    for (i = 0; i < len; i += strlen(cmdline + i) + 1)
        g_ptr_array_add(words, cmdline + i);
    if (cmdline[len - 1] == '\0' && words->len <= G_MAXINT
        && tshark_args_parse((int)words->len, (char *const *)words->pdata, &args))
        two_pass = args.two_pass;
    if (args.named_fields_only) {
        named_fields_only = TRUE;
        for (i = 0; i < args.n_fields && named_fields_only; i++)
            named_fields_only = note_named_field(args.fields[i]);
    }
    g_ptr_array_free(words, TRUE);
}

void
sip_explain_shown_init(int proto_sip_explain, int tap)
{
    proto_explain = proto_sip_explain;
    sip_explain_tap = tap;
    in_tshark = g_strcmp0(g_get_prgname(), "tshark") == 0;
    if (in_tshark)
        read_tshark_command_line();
}

gboolean
sip_explain_in_tshark(void)
{
    return in_tshark;
}

gboolean
sip_explain_first_of_two_passes(packet_info *pinfo)
{
    return two_pass && !PINFO_FD_VISITED(pinfo);
}

static gboolean
named(int id)
{
    size_t i;

    for (i = 0; i < n_named_ids; i++)
        if (named_ids[i] == id)
            return TRUE;
    return FALSE;
}

gboolean
sip_explain_tree_printed(proto_tree *tree)
{
    return tree && PTREE_DATA(tree)->visible && !named_fields_only;
}

/* Is the field printed: a visible tree printed whole, or one of the fields
 * tshark -T fields and kin print? */
static gboolean
printed(proto_tree *tree, int id)
{
    if (!PTREE_DATA(tree)->visible)
        return FALSE;
    if (!named_fields_only)
        return TRUE;
    return id == proto_explain ? n_named_ids > 0 : named(id);
}

gboolean
sip_explain_field_shown(proto_tree *tree, int id)
{
    header_field_info *hfinfo;

    if (!tree || id < 0)
        return FALSE;
    if (printed(tree, id))
        return TRUE;
    hfinfo = proto_registrar_get_nth((guint)id);
    return hfinfo && hfinfo->ref_type != HF_REF_TYPE_NONE;
}

gboolean
sip_explain_field_named(proto_tree *tree, int id)
{
    header_field_info *hfinfo;

    if (!tree || id < 0)
        return FALSE;
    hfinfo = proto_registrar_get_nth((guint)id);
    return hfinfo && hfinfo->ref_type != HF_REF_TYPE_NONE && hfinfo->ref_type != HF_REF_TYPE_INDIRECT;
}

gboolean
sip_explain_label_printed(proto_tree *tree, int id)
{
    header_field_info *hfinfo;

    if (sip_explain_tree_printed(tree))
        return TRUE;
    if (!tree || id < 0)
        return FALSE;
    hfinfo = proto_registrar_get_nth((guint)id);
    return hfinfo && SIP_EXPLAIN_WS_LABEL_PRINTED(hfinfo);
}

/* Does tshark -z expert (or another expert listener) listen? */
static gboolean
expert_tap_listens(void)
{
    if (expert_tap < 0)
        expert_tap = find_tap_id("expert");
    return expert_tap >= 0 && have_tap_listener(expert_tap);
}

gboolean
sip_explain_listeners_want_results(void)
{
    return expert_tap_listens() || have_tap_listener(sip_explain_tap);
}

gboolean
sip_explain_output_wanted(proto_tree *tree)
{
    /* Expert info counts: from Wireshark 4.4, tshark -T fields -e
     * _ws.expert.message builds no visible tree and primes no field of ours. */
    return sip_explain_field_shown(tree, proto_explain) || sip_explain_listeners_want_results()
        || sip_explain_expert_wanted(tree);
}

/* Our expert fields as display-filter fields: Wireshark registers each
 * under our protocol, with no type of its own (FT_NONE). Collected once, at
 * the first look, when every field is registered, into a plain array of
 * the fields themselves: a look at all of them is a load and a test each,
 * as it is made for every frame a filter naming our protocol sees. */
static header_field_info **own_expert_fields;
static guint n_own_expert_fields;

static void
collect_own_expert_fields(void)
{
    void *cookie = NULL;
    header_field_info *hfinfo;
    GPtrArray *found = g_ptr_array_new();

    for (hfinfo = proto_get_first_protocol_field(proto_explain, &cookie); hfinfo;
         hfinfo = proto_get_next_protocol_field(proto_explain, &cookie))
        if (hfinfo->type == FT_NONE && g_str_has_prefix(hfinfo->abbrev, "sip_explain.")
            && strcmp(hfinfo->abbrev, "sip_explain.text_line") != 0)
            g_ptr_array_add(found, hfinfo);
    n_own_expert_fields = found->len;
    own_expert_fields = (header_field_info **)g_ptr_array_free(found, FALSE);
}

gboolean
sip_explain_same_reading(sip_explain_reading_mark_t *mark, proto_tree *tree)
{
    const tree_data_t *data = PTREE_DATA(tree);
    const packet_info *pinfo = data->pinfo;
    gboolean same = mark->tree
        && (in_tshark ? PINFO_FD_VISITED(pinfo) == mark->visited && pinfo->num >= mark->frame
                      : data == mark->tree && pinfo->num == mark->frame);

    mark->tree = data;
    mark->frame = pinfo->num;
    mark->visited = PINFO_FD_VISITED(pinfo);
    return same;
}

/* Does a filter, column or -e name one of our expert fields
 * (sip_explain.context.missing_header, say)? Naming one also marks our
 * protocol, so most trees are answered by that single test; the answer is
 * kept while the reading stays the same (sip_explain_same_reading). */
static gboolean
own_expert_field_named(proto_tree *tree)
{
    static sip_explain_reading_mark_t mark;
    static gboolean answer;
    header_field_info *proto_hfinfo = proto_registrar_get_nth((guint)proto_explain);
    header_field_info **field, **end;

    if (!proto_hfinfo || proto_hfinfo->ref_type == HF_REF_TYPE_NONE)
        return FALSE;
    if (sip_explain_same_reading(&mark, tree))
        return answer;
    if (!own_expert_fields)
        collect_own_expert_fields();
    answer = FALSE;
    for (field = own_expert_fields, end = field + n_own_expert_fields; field < end; field++)
        if ((*field)->ref_type != HF_REF_TYPE_NONE) {
            answer = TRUE;
            break;
        }
    return answer;
}

gboolean
sip_explain_expert_wanted(proto_tree *tree)
{
    if (!tree || expert_tap_listens() || sip_explain_tree_printed(tree))
        return TRUE;
    if (proto_ws_expert < 0)
        proto_ws_expert = proto_get_id_by_filter_name("_ws.expert");
    return sip_explain_field_shown(tree, proto_ws_expert) || own_expert_field_named(tree);
}
