#!/usr/bin/env bash
# Writes the seed corpus of each harness into DIR/<harness>/: inputs taken from the tests
# (Tests/*Tests), so fuzzing starts from the shapes the code is known to accept and refuse.
set -euo pipefail
DIR=${1:?usage: seeds.sh DIR}
rm -rf "$DIR"
mkdir -p "$DIR"/{http_request,json_body,csv_etl,csv_fields,prediction_log,explanations_log,model_file}
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
seed json_body '{"ca_total": 15000.0, "nb_commandes": 320, "date": "2025-12-31", "history": [{"date": "2025-12-29", "ca_total": 1}, {"date": "2025-12-30", "ca_total": 2.5}]}'
seed json_body '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'
# Bare numbers: the parser's own conversion must give Double(text)'s bits (JSONParserTests).
seed json_body '9007199254740993'
seed json_body ' -0.000123e+22 '
seed json_body '1234567890123456789.5e-3'

# ETL tests (DailyFeaturesETLTests, ChunkScannerTests, FieldParsersTests). csv_etl: first byte
# = options (bit 0 month-first), then the file.
seed csv_etl '\000date,amount,order_id\n2024-01-01,10.5,A\n2024-01-01,3,B\n2024-01-02,"1,5",C\n2024-01-03,-2,D\n2024-01-05,7e1,A\n'
seed csv_etl '\001\357\273\277Date;Montant;Quantite;Prix\r\n01/02/2024;"10,5";2;3,5\r\n03/02/2024 10:00;5;1;1\r\n\r\n'
seed csv_etl '\000InvoiceNo\tQuantity\tUnitPrice\tInvoiceDate\n536365\t6\t2.55\t2024-12-01T08:26:00Z\n536366\t-1\t$1,234.50\t2024-12-02 08:28\n'
seed csv_etl '\000amount,order\n1,a\n2,b\n"3\n",c\n4,"d""e"\n'
seed csv_etl '\000date,total,id\n20240101,1,x\n2024/1/2,2,y\n31.12.2023,3,z\n2024-02-30,4,w\n,5,v\n2024-01-03,,u\n'
# csv_fields: first byte = options (bit 0 month-first, bit 1 decimal comma), then a field or a file's start.
seed csv_fields '\0001234.5'
seed csv_fields '\000 -0.000000000000000000000001234567890123e-5 '
seed csv_fields '\002 1.234,50 \342\202\254'
seed csv_fields '\000$1,234.50'
seed csv_fields '\0032024-02-29 10:00:00.123+05:30'
seed csv_fields '\00112/31/2024T23:59Z'
seed csv_fields '\000\357\273\277"Date";"Montant ""TTC""";Qty\r\n2024-01-01;1\n'

# Prediction logs (PredictionLogTests, MonitoringTests): both shapes, quoted versions, torn lines.
seed prediction_log 'timestamp,ca_total,nb_commandes,prediction,model_version\n2026-11-22T10:15:30.123Z,1200.5,8,1300.25,v20261122-101530\n2026-11-22T10:15:31.000Z,0,0,0.0,"v,1 ""x"""\n2026-11-22T10:15:3'
seed prediction_log 'timestamp,ca_total,nb_commandes,prediction,model_version,date,forecast_date,lower,upper,request_id\n2026-11-22T10:15:30.123Z,1200.5,8,1300.25,v1,2026-11-22,2026-11-23,1000,1600.5,req-1\n2026-11-22T10:15:30.123Z,1200.5,8,1300.25,v1,,,,,\n\r\n2026-13-40T25:61:61.000Z,1,1,1,v1,2026-11-22,2026-11-23,1,2,"a,b"\n'
seed prediction_log '\357\273\277timestamp,ca_total,nb_commandes,prediction,model_version\r\n2026-11-22T10:15:30.123Z,0.000000000032,9007199254740991,-3.5,v\r\n'

# Explanations logs (ExplanationsLogReaderTests, ExplanationLogEntryTests): quoted fields, tiny
# numbers, several versions, a reused id, a bad number, a torn line.
seed explanations_log 'timestamp,request_id,model_version,forecast_date,expected_value,feature,contribution\n2026-11-22T10:15:30.123Z,r1,v1,2026-11-23,10207.556505263161,ca_total,114.56634262376068\n2026-11-22T10:15:30.123Z,r1,v1,2026-11-23,10207.556505263161,next_weekday,-690.6694364388313\n2026-11-22T10:15:31.000Z,"id,with ""quotes""",v2,2026-11-23,0,revenue_2026-11-20,-0.000000000032\n'
seed explanations_log '\357\273\277timestamp,request_id,model_version,forecast_date,expected_value,feature,contribution\r\n2026-11-22T10:15:30.123Z,r1,v1,2026-11-23,1000,ca_total,-30\r\n\r\n2026-11-22T12:00:00.000Z,r1,v2,2026-11-23,1000,ca_mean_7d,9\r\n'
seed explanations_log 'timestamp,request_id,model_version,forecast_date,expected_value,feature,contribution\n2026-11-22T10:00:00.000Z,r1,v1,2026-11-23,1000,weekday,1e999\n2026-11-22T10:00:00.000Z,r1,v1\n'

# Model files: real trained models (basic and extended features), written by the harness itself.
if [[ -n ${2:-} && -x $2 ]]; then
    FUZZ_MODEL_SEEDS="$DIR/model_file" SWIFT_BACKTRACE=enable=no "$2" -runs=0 >/dev/null 2>&1 || true
fi
seed model_file '\001\001\003\000\000\000\000\001\000\000\000\000\000\000\000\000\000\360\077\377\377\377\377\000\000\000\000\000\000\000\000\000\000\000\100\377\377\377\377\000\000\000\000\000\000\000\000\000\000\010\100'
