/* tshark_args.c
 * Which fields a tshark 4.0 command line prints (see tshark_args.h).
 *
 * tshark reads its options with getopt_long and the option string
 * "+2a:b:B:c:Df:i:ILps:y:d:K:nN:t:u:M:C:e:E:F:gG:hH:j:J:lo:O:PqQr:R:S:T:U:
 * vVw:W:xX:Y:z:" (the leading '+': options end at the first non-option,
 * the rest is a filter). The same rules are followed here: an option that
 * takes a value takes the rest of its word or the next word, whatever it
 * looks like; short options may be grouped (-qe X).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "options/tshark_args.h"

#include <string.h>

/* Short options that take a value, and those that take none. */
static const char short_with_value[] = "abBcfisydKNtuMCeEFHjJoOrRSTUwWXYz";
static const char short_without_value[] = "2DILpnghlPqQvVx";

/* Long options of tshark 4.0 (getopt_long also accepts unambiguous
 * abbreviations; those are not understood here, so they answer unknown). */
static const char *const long_with_value[] = {
    "interface", "snapshot-length", "buffer-size", "linktype", "time-stamp-type",
    "autostop", "ring-buffer", "read-file", "read-filter", "display-filter",
    "enable-protocol", "disable-protocol", "enable-heuristic", "disable-heuristic",
    "capture-comment", "hexdump", "export-objects", "export-tls-session-keys",
    "elastic-mapping-filter", "temp-dir", "log-level", "log-fatal", "log-domains",
    "log-fatal-domains", "log-debug", "log-noisy", "log-file",
};
static const char *const long_without_value[] = {
    "no-promiscuous-mode", "monitor-mode", "list-interfaces", "list-data-link-types",
    "list-time-stamp-types", "print", "color", "no-duplicate-keys", "help", "version",
};

/* Output formats that print only the -e fields when some are given. */
static const char *const field_list_formats[] = { "fields", "json", "jsonraw", "ek", "pdml" };

static bool
in_list(const char *word, size_t len, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], word, len) == 0)
            return true;
    return false;
}

/* --name or --name=value. Returns the number of extra words used (0 or 1),
 * or -1 when the option is not understood. */
static int
long_option(const char *arg, bool has_next)
{
    const char *name = arg + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);

    if (in_list(name, len, long_with_value, sizeof long_with_value / sizeof *long_with_value)) {
        if (eq)
            return 0;
        return has_next ? 1 : -1;
    }
    if (!eq && in_list(name, len, long_without_value, sizeof long_without_value / sizeof *long_without_value))
        return 0;
    return -1;
}

/* One short option and its value. false: not understood. */
static bool
take_short(char opt, const char *value, tshark_args_t *out, const char **format)
{
    switch (opt) {
    case 'G':
        return false;                   /* a report, not a dissection */
    case 'T':
        *format = value;
        return true;
    case 'e':
        if (out->n_fields == TSHARK_ARGS_MAX_FIELDS)
            return false;
        out->fields[out->n_fields++] = value;
        return true;
    default:
        return true;
    }
}

static bool
parse(int argc, char *const argv[], tshark_args_t *out)
{
    const char *format = NULL;
    int i;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        size_t k;

        if (!arg)
            return false;
        if (strcmp(arg, "--") == 0 || arg[0] != '-' || arg[1] == '\0')
            break;                      /* the options end here */
        if (arg[1] == '-') {
            int used = long_option(arg, i + 1 < argc);
            if (used < 0)
                return false;
            i += used;
            continue;
        }
        for (k = 1; arg[k]; k++) {
            char opt = arg[k];
            const char *value = NULL;

            if (opt == 'G' || strchr(short_with_value, opt)) {
                if (arg[k + 1])
                    value = arg + k + 1;
                else if (i + 1 < argc)
                    value = argv[++i];
                else
                    return false;
                if (!value || !take_short(opt, value, out, &format))
                    return false;
                break;                  /* the value was the rest of the word */
            }
            if (!strchr(short_without_value, opt))
                return false;
            if (opt == '2')
                out->two_pass = true;
        }
    }
    out->named_fields_only = out->n_fields > 0 && format
        && in_list(format, strlen(format), field_list_formats,
                   sizeof field_list_formats / sizeof *field_list_formats);
    return true;
}

bool
tshark_args_parse(int argc, char *const argv[], tshark_args_t *out)
{
    memset(out, 0, sizeof *out);
    if (argc < 1 || !argv)
        return false;
    if (parse(argc, argv, out))
        return true;
    memset(out, 0, sizeof *out);
    return false;
}
