#!/usr/bin/env bash
# Writes the seed corpus of each harness into DIR/<harness>/: inputs taken from the tests
# (Tests/*Tests), so fuzzing starts from the shapes the code is known to accept and refuse.
set -euo pipefail
DIR=${1:?usage: seeds.sh DIR}
rm -rf "$DIR"
mkdir -p "$DIR"/{http_request,json_body,csv_etl,csv_fields,prediction_log,model_file}
seed() { printf "$2" >"$DIR/$1/$(printf '%03d' "$(ls "$DIR/$1" | wc -l)")"; }

# RequestDecoderTests, HTTPServerTests.
seed http_request 'GET /health?x=1 HTTP/1.1\r\nHost: a\r\nX-Thing:  v  \r\n\r\n'
seed http_request 'POST /predict HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\nHost: a\r\n\r\n'
seed http_request 'POST /p HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\nab'
seed http_request 'GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n'
seed http_request '\r\n\nGET /x HTTP/1.1\nHost: a\n\n'
seed http_request 'GET http://example.com/health?a HTTP/1.1\r\nHost: a\r\n\r\n'
seed http_request 'OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n'
seed http_request 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\n\r\nab'
seed http_request 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc'
seed http_request 'POST /predict/batch HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: 45\r\n\r\n{"items":[{"ca_total":1200,"nb_commandes":8}]}'

# JSONParserTests, PredictHandlersTests.
seed json_body '{"ca_total": 1200.5, "nb_commandes": 8}'
seed json_body '{"items": [{"ca_total": 0, "nb_commandes": 0}, {"ca_total": 1e3, "nb_commandes": 2.0}]}'
seed json_body '[{"ca_total": -1, "nb_commandes": 3}, {"ca_total": 1e999, "nb_commandes": 1}]'
seed json_body '{"a":1,"a":2,"s":"caf\\u00e9 \\ud83d\\ude00 \\n\\t\\"","n":null,"b":[true,false],"z":-0.0,"e":1E-400}'
seed json_body '{"ca_total": 12, "nb_commandes": 9007199254740993}'
seed json_body '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'
