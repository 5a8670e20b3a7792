/*
 * respond.c — the bodies the server answers with: an analysis's result and
 * charts in one JSON object, or an error object with its HTTP status.
 */
#include "serve.h"

void serve_error_json(parley_buf_t *out, int status, const char *msg)
{
    parley_json_t j;
    parley_json_init(&j, out, 0);
    parley_json_object_begin(&j);
    parley_json_key(&j, "error");
    parley_json_object_begin(&j);
    parley_json_key(&j, "status");
    parley_json_int(&j, status);
    parley_json_key(&j, "message");
    parley_json_string(&j, msg);
    parley_json_object_end(&j);
    parley_json_object_end(&j);
    parley_buf_puts(out, "\n");
}

void serve_response_json(const app_result_t *r, parley_buf_t *out)
{
    if (r->status != 200) {
        serve_error_json(out, r->status, r->error.data ? r->error.data : "");
        return;
    }
    parley_buf_puts(out, "{\"result\": ");
    parley_buf_append(out, r->result.data ? r->result.data : "null", r->result.len ? r->result.len : 4);
    parley_buf_puts(out, ",\n\"charts\": ");
    parley_buf_append(out, r->charts.data ? r->charts.data : "{}", r->charts.len ? r->charts.len : 2);
    parley_buf_puts(out, "}\n");
}
