/*
 * transfer_out.c — side payments written out (transfer_out.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "transfer_out.h"

static const char *aid(const parley_scenario_t *s, size_t i)
{
    return parley_scenario_actor(s, i)->id;
}

void transfer_payments_text(parley_buf_t *b, const parley_scenario_t *s,
                            const parley_transfer_plan_t *p, const char *indent)
{
    for (size_t k = 0; k < p->channels; k++) {
        if (!(p->units[k] > 0.0))
            continue;
        const parley_transfer_t *t = parley_scenario_transfer(s, k);
        char u[32];
        snprintf(u, sizeof u, "%.6g", p->units[k]);
        int whole = strchr(p->units_exact[k], '/') == NULL;
        parley_buf_printf(b, "%s%s pays %s %s %s%s%s%s (%s: %s %+.4g, %s %+.4g)\n", indent,
                          aid(s, t->from), aid(s, t->to), u, t->unit, whole ? "" : " (exactly ",
                          whole ? "" : p->units_exact[k], whole ? "" : ")", t->id,
                          aid(s, t->from), -t->cost * p->units[k], aid(s, t->to),
                          t->value * p->units[k]);
    }
}

void transfer_plan_text(parley_buf_t *b, const parley_scenario_t *s,
                        const parley_transfer_plan_t *p, const double *before, const char *indent,
                        const app_style_t *sty)
{
    switch (p->status) {
    case PARLEY_TRANSFER_FOUND:
        if (p->cost == 0.0 && p->total_units == 0.0) {
            parley_buf_printf(b, "%sno transfer needed\n", indent);
            return;
        }
        parley_buf_printf(b, "%s%scheapest transfer%s: costs the payers %.4g utility in all "
                             "(%s exactly), %.6g units\n",
                          indent, sty->green, sty->reset, p->cost, p->cost_exact, p->total_units);
        break;
    case PARLEY_TRANSFER_NONE:
        parley_buf_printf(b, "%s%sno transfer within the channels' limits%s makes it acceptable "
                             "to every actor (a payer would fall below its BATNA, or a limit is "
                             "too small)\n",
                          indent, sty->red, sty->reset);
        return;
    case PARLEY_TRANSFER_RED_LINE:
        parley_buf_printf(b, "%sit crosses a red line or breaks a constraint: no transfer "
                             "buys that\n",
                          indent);
        return;
    case PARLEY_TRANSFER_OPEN:
        parley_buf_printf(b, "%sit leaves issues open: the transfer needed depends on how they "
                             "are settled\n",
                          indent);
        return;
    default:
        parley_buf_printf(b, "%s%snot decided%s: the exact arithmetic of the transfer does not "
                             "fit 128 bits\n",
                          indent, sty->yellow, sty->reset);
        return;
    }
    char in2[64];
    snprintf(in2, sizeof in2, "%s  ", indent);
    transfer_payments_text(b, s, p, in2);
    if (!before)
        return;
    parley_buf_printf(b, "%sutilities after it:", in2);
    for (size_t i = 0; i < parley_scenario_actor_count(s); i++)
        if (!isnan(before[i]))
            parley_buf_printf(b, " %s %.3f", aid(s, i), before[i] + parley_transfer_net(s, p, i));
    parley_buf_puts(b, "\n");
}

void transfer_plan_json(parley_json_t *js, const parley_scenario_t *s,
                        const parley_transfer_plan_t *p, const double *before)
{
    parley_json_object_begin(js);
    parley_json_key(js, "status");
    parley_json_string(js, parley_transfer_status_name(p->status));
    int found = p->status == PARLEY_TRANSFER_FOUND;
    parley_json_key(js, "cost");
    if (found)
        parley_json_number(js, p->cost);
    else
        parley_json_null(js);
    parley_json_key(js, "cost_exact");
    parley_json_string(js, found ? p->cost_exact : NULL);
    parley_json_key(js, "units");
    if (found)
        parley_json_number(js, p->total_units);
    else
        parley_json_null(js);
    parley_json_key(js, "units_exact");
    parley_json_string(js, found ? p->total_units_exact : NULL);
    parley_json_key(js, "payments");
    parley_json_array_begin(js);
    for (size_t k = 0; found && k < p->channels; k++) {
        if (!(p->units[k] > 0.0))
            continue;
        const parley_transfer_t *t = parley_scenario_transfer(s, k);
        parley_json_object_begin(js);
        parley_json_key(js, "channel");
        parley_json_string(js, t->id);
        parley_json_key(js, "from");
        parley_json_string(js, aid(s, t->from));
        parley_json_key(js, "to");
        parley_json_string(js, aid(s, t->to));
        parley_json_key(js, "units");
        parley_json_number(js, p->units[k]);
        parley_json_key(js, "units_exact");
        parley_json_string(js, p->units_exact[k]);
        parley_json_key(js, "unit");
        parley_json_string(js, t->unit);
        parley_json_key(js, "payer_loses");
        parley_json_number(js, round(t->cost * p->units[k] * 1e12) / 1e12);
        parley_json_key(js, "receiver_gains");
        parley_json_number(js, round(t->value * p->units[k] * 1e12) / 1e12);
        parley_json_object_end(js);
    }
    parley_json_array_end(js);
    if (before && found) {
        parley_json_key(js, "utilities_after");
        parley_json_object_begin(js);
        for (size_t i = 0; i < parley_scenario_actor_count(s); i++)
            if (!isnan(before[i])) {
                parley_json_key(js, aid(s, i));
                double v = before[i] + parley_transfer_net(s, p, i);
                parley_json_number(js, round(v * 1e12) / 1e12);
            }
        parley_json_object_end(js);
    }
    parley_json_object_end(js);
}

void transfer_channels_json(parley_json_t *js, const parley_scenario_t *s)
{
    parley_json_array_begin(js);
    for (size_t k = 0; k < parley_scenario_transfer_count(s); k++) {
        const parley_transfer_t *t = parley_scenario_transfer(s, k);
        parley_json_object_begin(js);
        parley_json_key(js, "id");
        parley_json_string(js, t->id);
        parley_json_key(js, "from");
        parley_json_string(js, aid(s, t->from));
        parley_json_key(js, "to");
        parley_json_string(js, aid(s, t->to));
        parley_json_key(js, "unit");
        parley_json_string(js, t->unit);
        parley_json_key(js, "max");
        parley_json_number(js, t->max);
        parley_json_key(js, "cost");
        parley_json_number(js, t->cost);
        parley_json_key(js, "value");
        parley_json_number(js, t->value);
        parley_json_key(js, "source");
        parley_json_string(js, t->source);
        parley_json_object_end(js);
    }
    parley_json_array_end(js);
}
