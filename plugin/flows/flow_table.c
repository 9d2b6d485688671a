/* flow_table.c
 * The table of flows: one row per call, registration or other request
 * chain, with its outcome in words. A stat tap table (epan/stat_tap_ui.h),
 * so tshark prints it for -z sip_explain,calls and Wireshark lists it under
 * Statistics > SIP Explain, as it does its own tables.
 *
 * In Wireshark a row is made or brought up to date whenever a message of
 * its flow is tapped, judged with everything read so far; a flow still
 * waiting for a final response is judged again once the capture's clock
 * (every frame is tapped) passes its Timer B or F (flows/flow_waiting.h).
 * In tshark nobody reads a row before the table is printed at the end: a
 * row is only marked when its flow changes, and every marked row is filled
 * once, with the capture's last time, by a listener that tshark draws just
 * before the table (see flush_rows()).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flows/flow_table.h"

#include <string.h>

#include <epan/packet.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "flows/flow_ending_text.h"
#include "flows/flow_text.h"
#include "flows/flow_waiting.h"
#include "sip_explain_prefs.h"
#include "sip_explain_shown.h"

enum {
    COL_FRAME, COL_METHOD, COL_CALL_ID, COL_FROM, COL_TO, COL_START, COL_TO_18X, COL_TO_FINAL,
    COL_CHALLENGES, COL_FINAL, COL_OUTCOME, COL_TEXT, COL_ENDED_BY, COL_DURATION, COL_TRANSFER,
    COL_COUNT
};

static stat_tap_table_item calls_fields[COL_COUNT] = {
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Frame", "%5u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Method", "%-9s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call-ID", "%-30s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "From", "%-26s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "To", "%-26s" },
    { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Start (s)", "%9.3f" },
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "To 18x (s)", "%7s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "To final (s)", "%7s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Challenges", "%2u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Final", "%3s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outcome", "%-20s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outcome in words", "%s" },
    /* How an answered call ended (flows/flow_ending.h), its transfer or a
     * REFER's result (flows/flow_transfer.h): last, so that the columns
     * before keep their places for whoever reads them by position. */
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Ended by", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Duration (s)", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Transfer", "%s" },
};

static const char table_name[] = "Calls and registrations";

/* Row of each flow (index + 1), and the flows the clock can still judge;
 * in tshark, the flow of each row, the rows to fill (their flows changed)
 * and the table they belong to. */
static GHashTable *rows;
static flow_waiting_t *waiting;
static GPtrArray *row_flows;
static GByteArray *row_marked;
static stat_tap_table *marked_table;

static void
forget_rows(void)
{
    if (rows)
        g_hash_table_remove_all(rows);
    else
        rows = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (waiting)
        flow_waiting_clear(waiting);
    else
        waiting = flow_waiting_new();
    if (row_flows)
        g_ptr_array_set_size(row_flows, 0);
    else
        row_flows = g_ptr_array_new();
    if (row_marked)
        g_byte_array_set_size(row_marked, 0);
    else
        row_marked = g_byte_array_new();
    marked_table = NULL;
}

static void
free_item(stat_tap_table *table _U_, guint row _U_, guint column _U_, stat_tap_table_item_type *field)
{
    if (field->type == TABLE_ITEM_STRING) {
        g_free((char *)field->value.string_value);
        field->value.string_value = NULL;
    }
}

static void
reset_table(stat_tap_table *table)
{
    guint i, j;

    for (i = 0; i < table->num_elements; i++) {
        for (j = 0; j < table->num_fields; j++)
            free_item(table, i, j, &table->elements[i][j]);
        g_free(table->elements[i]);
    }
    g_free(table->elements);
    table->elements = NULL;
    table->num_elements = 0;
    forget_rows();
}

static void
init_table(stat_tap_table_ui *ui)
{
    stat_tap_table *table = stat_tap_find_table(ui, table_name);

    if (table) {
        reset_table(table);
        return;
    }
    table = stat_tap_init_table(table_name, COL_COUNT, 0, NULL);
    stat_tap_add_table(ui, table);
    forget_rows();
}

/* "0.208": seconds from one message to another; "" when the second is
 * not later (messages reassembled out of order). */
static char *
seconds_between(guint32 from_ms, guint32 to_ms)
{
    return to_ms >= from_ms ? g_strdup_printf("%.3f", (double)(to_ms - from_ms) / 1000.0) : g_strdup("");
}

/* Ended by, Duration and Transfer: how an answered call ended and its
 * transfer, or a REFER's result (am: flow_aftermath_of()). */
static void
fill_ending(stat_tap_table_item_type *items, const flow_aftermath_t *am)
{
    const flow_ending_t *e = &am->ending;
    const flow_transfer_t *x = &am->transfer;

    items[COL_ENDED_BY].value.string_value = g_strdup(e->bye >= 0 ? flow_ending_by(e) : "");
    items[COL_DURATION].value.string_value = e->bye >= 0 ? g_strdup_printf("%.3f", (double)e->duration_ms / 1000.0)
                                                         : g_strdup("");
    items[COL_TRANSFER].value.string_value = x->outcome == FLOW_OUTCOME_NONE ? g_strdup("")
                                           : x->frag_code ? g_strdup_printf("%s %u", flow_outcome_keyword(x->outcome),
                                                                            x->frag_code)
                                                          : g_strdup(flow_outcome_keyword(x->outcome));
}

/* scope: for the texts while the row is made (freed by the caller). */
static void
fill_row(wmem_allocator_t *scope, stat_tap_table *table, guint row, const flow_t *f)
{
    stat_tap_table_item_type items[COL_COUNT];
    flow_verdict_t v;
    const flow_attempt_t *a;
    const flow_txn_t *first = NULL, *last = NULL;
    gint64 end_ms = flow_records_capture_end_ms();
    flow_aftermath_t am;
    guint i;

    flow_judge(f, TRUE, end_ms, &v);
    a = &v.last;
    if (a->first >= 0) {
        first = &f->txns[a->first];
        last = &f->txns[a->last];
    }
    memset(items, 0, sizeof items);
    for (i = 0; i < COL_COUNT; i++)
        items[i].type = calls_fields[i].type;
    items[COL_FRAME].value.uint_value = f->first_frame;
    items[COL_METHOD].value.string_value =
        g_strdup(flow_method_name((flow_method_t)(first ? first->method : f->n_txns ? f->txns[0].method : 0)));
    items[COL_CALL_ID].value.string_value = g_strdup(f->call_id);
    items[COL_FROM].value.string_value = g_strdup(f->from);
    items[COL_TO].value.string_value = g_strdup(f->to);
    items[COL_START].value.float_value = (double)f->start_rel_ms / 1000.0;
    items[COL_TO_18X].value.string_value = last && last->ringing_code >= 180 && first->request_frame
                                               ? seconds_between(first->request_ms, last->ringing_ms) : g_strdup("");
    items[COL_TO_FINAL].value.string_value = last && last->final_frame && first->request_frame
                                                 ? seconds_between(first->request_ms, last->final_ms) : g_strdup("");
    items[COL_CHALLENGES].value.uint_value = a->challenges;
    items[COL_FINAL].value.string_value = last && last->final_frame ? g_strdup_printf("%u", last->final_code)
                                                                     : g_strdup("");
    flow_aftermath_of(f, v.kind, a, end_ms, &am);
    fill_ending(items, &am);
    items[COL_OUTCOME].value.string_value = g_strdup(flow_outcome_keyword(a->outcome));
    items[COL_TEXT].value.string_value = g_strdup(
        flow_full_outcome_text(scope, sip_explain_prefs_lang(sip_explain_prefs()), f, a, &am));

    if (row < table->num_elements)
        for (i = 0; i < COL_COUNT; i++)
            free_item(table, row, i, &table->elements[row][i]);
    stat_tap_init_table_row(table, row, COL_COUNT, items);
    /* Waiting for a final response (to its main request, or to the BYE
     * of an answered call): judged again when its timer runs out. */
    flow_waiting_note(waiting, f, flow_verdict_deadline(f, &v, &am));
}

static void
update_flow(packet_info *pinfo, stat_tap_table *table, const flow_t *f, gboolean later)
{
    gpointer found = g_hash_table_lookup(rows, f);
    guint row;

    if (found) {
        row = GPOINTER_TO_UINT(found) - 1;
    } else {
        row = row_flows->len;
        g_hash_table_insert(rows, (gpointer)f, GUINT_TO_POINTER(row + 1));
        g_ptr_array_add(row_flows, (gpointer)f);
        g_byte_array_set_size(row_marked, row_flows->len);
        row_marked->data[row] = 0;
    }
    if (later) {
        row_marked->data[row] = 1;
        marked_table = table;
    } else {
        fill_row(pinfo->pool, table, row, f);
    }
}

/* tshark: the marked rows filled, in row order, just before the table is
 * printed. tshark draws its tap listeners newest first (epan/tap.c), and
 * this one is registered on the table's first packet, after the table's
 * own listener: so it is drawn first. */
static void
flush_rows(void *tapdata _U_)
{
    wmem_allocator_t *scope;
    guint row;

    if (!marked_table)
        return;
    scope = wmem_allocator_new(WMEM_ALLOCATOR_BLOCK);
    for (row = 0; row < row_flows->len; row++) {
        if (!row_marked->data[row])
            continue;
        fill_row(scope, marked_table, row, (const flow_t *)g_ptr_array_index(row_flows, row));
        row_marked->data[row] = 0;
        wmem_free_all(scope);
    }
    wmem_destroy_allocator(scope);
}

static tap_packet_status
flush_packet(void *tapdata _U_, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data _U_,
             tap_flags_t flags _U_)
{
    return TAP_PACKET_DONT_REDRAW;
}

/* The listener that fills the marked rows, once per run. */
static gboolean
listen_for_flush(void)
{
    static int flush_tapdata;
    static gboolean registered, failed;
    GString *error;

    if (registered || failed)
        return registered;
    error = register_tap_listener("sip_explain_calls", &flush_tapdata, NULL, 0, NULL, flush_packet, flush_rows, NULL);
    if (error) {
        g_string_free(error, TRUE);
        failed = TRUE;                  /* the rows are then filled as they change */
    } else {
        registered = TRUE;
    }
    return registered;
}

/* The clock passed a deadline: the waiting flows are judged again. */
static void
judge_waiting(packet_info *pinfo, stat_tap_table *table)
{
    GList *again = flow_waiting_due(waiting, flow_records_capture_end_ms()), *l;

    for (l = again; l; l = l->next)
        update_flow(pinfo, table, (const flow_t *)l->data, FALSE);
    g_list_free(again);
}

static tap_packet_status
calls_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
             tap_flags_t flags _U_)
{
    stat_data_t *stat_data = (stat_data_t *)tapdata;
    stat_tap_table *table = g_array_index(stat_data->stat_tap_data->tables, stat_tap_table *, 0);
    /* In tshark the rows are filled once, at the end, with the capture's
     * last time: no clock to follow meanwhile. */
    gboolean later = sip_explain_in_tshark() && listen_for_flush();

    if (!rows)
        forget_rows();
    if (data)
        update_flow(pinfo, table, (const flow_t *)data, later);
    if (!later)
        judge_waiting(pinfo, table);
    return data ? TAP_PACKET_REDRAW : TAP_PACKET_DONT_REDRAW;
}

void
sip_explain_flow_table_register(void)
{
    static stat_tap_table_ui ui = {
        REGISTER_PACKET_STAT_GROUP_UNSORTED,
        "SIP Explain/Calls and registrations",
        "sip_explain_calls",
        "sip_explain,calls",
        init_table,
        calls_packet,
        reset_table,
        free_item,
        NULL,
        G_N_ELEMENTS(calls_fields), calls_fields,
        0, NULL,
        NULL,
        0
    };

    register_stat_tap_table_ui(&ui);
}
