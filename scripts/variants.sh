# Sourced by bench_serve.sh (ANATOMY=1) and profile_request.sh: servers built from HEAD's source
# with one line of the /predict handler changed, to show where a request's time goes. They live
# in scripts/.bench/variants/; the product itself has no such switch.
#   nomodel  /predict does everything but the model (no features, no 200-tree walk: the outcome
#            is made up from the inputs); same body parsing, formatting and log line;
#   null     /predict answers nginx's fixed JSON at once: the HTTP layer alone (same event loop,
#            access log and request ids), no body, prediction or log line.

VARIANT_FILE=Sources/ForecastService/PredictHandlers.swift

variant_patch() {  # variant_patch NAME: the sed script that makes variant NAME
  case "$1" in
    nomodel) echo 's/let outcome = model.predict(revenue: input.revenue, orderCount: input.orderCount, day: day.day, earlier: day.earlier)/let outcome = PredictionOutcome(value: input.revenue * 1.1, lower: input.revenue, upper: input.revenue * 1.3)/' ;;
    null) printf '%s\n' '/static func predict(_ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState) throws(HTTPError) -> HTTPResponse {/a\' \
      '        if !request.path.isEmpty { return HTTPResponse(status: 200, json: #"{"prediction_ca_jour_suivant":16234.56,"inputs":{"ca_total":15000.0,"nb_commandes":320},"timestamp":"2026-11-22T10:15:30.123Z","model_version":"fixed"}"#) }' ;;
    *) echo "variants.sh: no variant '$1' (nomodel, null)" >&2; exit 1 ;;
  esac
}

build_variant() {  # build_variant ROOT NAME: prints the path of the variant's release binary
  local root=$1 name=$2 dir="$1/scripts/.bench/variants/$2" head
  head=$(cd "$root" && git rev-parse HEAD)
  # Rebuilt only when HEAD moved: the source is HEAD's, not the working tree's.
  if [ "$(cat "$dir/.commit" 2>/dev/null)" != "$head" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    (cd "$root" && git archive HEAD) | tar -x -C "$dir"
    sed -i "$(variant_patch "$name")" "$dir/$VARIANT_FILE"
    if (cd "$root" && git show "HEAD:$VARIANT_FILE") | cmp -s - "$dir/$VARIANT_FILE"; then
      echo "variants.sh: the $name change no longer applies to $VARIANT_FILE; update variant_patch" >&2
      exit 1
    fi
    echo "$head" > "$dir/.commit"
  fi
  (cd "$dir" && swift build -c release --product forecast >&2)
  echo "$dir/.build/release/forecast"
}
