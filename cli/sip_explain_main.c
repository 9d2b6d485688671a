/* sip_explain_main.c
 * sip-explain: the reference page of a SIP response code, or a comparison
 * of two, from the same compiled table as the Wireshark plugin.
 *
 *   sip-explain [--lang en|ru|vi] [--json] [--method METHOD] CODE [CODE]
 *   sip-explain [--lang en|ru|vi] [--json] --list
 *
 * Exit status: 0 success, 1 an argument is not a SIP response code,
 * 2 usage error. Every word it prints comes from data/labels.ini or
 * data/responses.ini (see sip-explain(1)).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "explain.h"
#include "labels.h"

#define PROG "sip-explain"

enum { EXIT_BAD_CODE = 1, EXIT_USAGE = 2 };

static void
print_error(const char *id, const char *arg)
{
    char *msg = cx_fill(id, "prog", PROG, "arg", arg, NULL);

    fprintf(stderr, "%s\n", msg);
    g_free(msg);
}

static int
usage_error(const char *id, const char *arg)
{
    char *hint = cx_fill("error.TryHelp", "prog", PROG, NULL);

    print_error(id, arg);
    fprintf(stderr, "%s\n", hint);
    g_free(hint);
    return EXIT_USAGE;
}

static void
help(GString *out)
{
    const char *code = cx_label("help.Code");
    struct { const char *opt, *id; } opts[] = {
        { "--lang LANG", "help.Lang" },
        { "--json", "help.Json" },
        { "--method M", "help.Method" },
        { "--list", "help.List" },
        { "-h, --help", "help.Help" },
    };

    g_string_append_printf(out, "%s: " PROG " [--lang en|ru|vi] [--json] [--method M] %s [%s]\n",
                           cx_label("help.Usage"), code, code);
    g_string_append_printf(out, "%*s  " PROG " [--lang en|ru|vi] [--json] --list\n",
                           (int)g_utf8_strlen(cx_label("help.Usage"), -1), "");
    cx_text_paragraph(out, cx_label("help.Purpose"), 0);
    g_string_append_printf(out, "\n%s:\n", cx_label("help.Options"));
    for (size_t i = 0; i < G_N_ELEMENTS(opts); i++)
        g_string_append_printf(out, "  %-12s  %s\n", opts[i].opt, cx_label(opts[i].id));
    g_string_append_c(out, '\n');
    cx_text_paragraph(out, cx_label("help.Exit"), 0);
}

/* OPTION VALUE or OPTION=VALUE at argv[*i]: the value, or NULL when it is
 * not that option. Sets *missing when the value is absent. */
static const char *
option_value(const char *option, int argc, char **argv, int *i, gboolean *missing)
{
    size_t n = strlen(option);

    *missing = FALSE;
    if (strncmp(argv[*i], option, n) == 0 && argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (strcmp(argv[*i], option) != 0)
        return NULL;
    if (*i + 1 >= argc) {
        *missing = TRUE;
        return NULL;
    }
    return argv[++*i];
}

/* A '-' followed by a digit is a (negative, so bad) code, not an option. */
static gboolean
is_option(const char *arg)
{
    return arg[0] == '-' && arg[1] != '\0' && !g_ascii_isdigit(arg[1]);
}

int
main(int argc, char **argv)
{
    gboolean json = FALSE, list = FALSE, want_help = FALSE, options_done = FALSE;
    const char *codes_arg[3];
    const char *method = NULL;
    int n_codes = 0;
    long codes[2];
    int status = 0;
    int i;
    GString *out;

    /* The language first, so that every message is in it. */
    for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        gboolean missing;
        const char *v = option_value("--lang", argc, argv, &i, &missing);
        int lang;
        if (!v)
            continue;
        lang = sip_explain_lang_from_name(v);
        if (lang < 0)
            return usage_error("error.BadLang", v);
        cx_labels_set_lang((sip_explain_lang_t)lang);
    }

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value;
        gboolean missing;

        if (!options_done && is_option(arg)) {
            if (strcmp(arg, "--") == 0)
                options_done = TRUE;
            else if (strcmp(arg, "--json") == 0)
                json = TRUE;
            else if (strcmp(arg, "--list") == 0)
                list = TRUE;
            else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
                want_help = TRUE;
            else if (option_value("--lang", argc, argv, &i, &missing) || missing) {
                if (missing)
                    return usage_error("error.MissingValue", arg);
            } else if ((value = option_value("--method", argc, argv, &i, &missing)) || missing) {
                if (missing)
                    return usage_error("error.MissingValue", arg);
                /* A method is a token (RFC 3261 section 25.1), as in CSeq. */
                if (!sip_explain_is_method_token(value, strlen(value)))
                    return usage_error("error.BadMethod", value);
                method = value;
            } else
                return usage_error("error.UnknownOption", arg);
            continue;
        }
        if (n_codes == 2)
            return usage_error("error.TooMany", arg);
        codes_arg[n_codes++] = arg;
    }

    out = g_string_new(NULL);
    if (want_help) {
        help(out);
    } else if (list) {
        if (n_codes) {
            g_string_free(out, TRUE);
            return usage_error("error.ListWithCodes", codes_arg[0]);
        }
        if (json)
            cx_render_list_json(out);
        else
            cx_render_list_text(out);
    } else if (n_codes == 0) {
        g_string_free(out, TRUE);
        return usage_error("error.NoCode", "");
    } else {
        for (i = 0; i < n_codes; i++) {
            int bad = cx_parse_code(codes_arg[i], &codes[i]);
            if (bad) {
                print_error(bad == 1 ? "error.NotNumber" : "error.OutOfRange", codes_arg[i]);
                status = EXIT_BAD_CODE;
            }
        }
        if (status == 0) {
            cx_page_t *page = cx_page_new(codes, n_codes, method);
            if (json)
                cx_render_json(out, page);
            else
                cx_render_text(out, page);
            cx_page_free(page);
        }
    }
    fwrite(out->str, 1, out->len, stdout);
    g_string_free(out, TRUE);
    if (fflush(stdout) != 0 || ferror(stdout))
        return 1;
    return status;
}
