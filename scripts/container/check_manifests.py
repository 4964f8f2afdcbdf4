"""Parses the Kubernetes manifests (PyYAML) and checks that they hang together with each other and
with the Dockerfile: what a cluster would only tell us at deploy time.

    python check_manifests.py K8S_FOLDER DOCKERFILE
Prints one line per check; exit status 1 when one fails.
"""

import glob
import os
import re
import sys

import yaml

failures = []


def check(condition, message):
    print(f"   {'ok  ' if condition else 'FAIL'} {message}", file=sys.stderr)
    if not condition:
        failures.append(message)


def main():
    folder, dockerfile = sys.argv[1], sys.argv[2]
    documents = []
    for path in sorted(glob.glob(os.path.join(folder, "*.yaml"))):
        with open(path, encoding="utf-8") as handle:
            documents += [(os.path.basename(path), d) for d in yaml.safe_load_all(handle) if d]
    kinds = {}
    for name, document in documents:
        check(all(k in document for k in ("apiVersion", "kind", "metadata")), f"{name}: {document.get('kind')} has apiVersion, kind, metadata")
        kinds.setdefault(document["kind"], []).append(document)
    for kind in ("Deployment", "Service", "CronJob", "PersistentVolumeClaim"):
        check(kind in kinds, f"a {kind} is defined")
    if failures:
        sys.exit(1)
    claims = {d["metadata"]["name"] for d in kinds["PersistentVolumeClaim"]}

    deployment = kinds["Deployment"][0]
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    check(deployment["spec"]["selector"]["matchLabels"].items() <= labels.items(), "Deployment selector matches its pod labels")
    check(deployment["spec"].get("replicas", 1) >= 2, "Deployment runs at least 2 replicas")
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    env = {e["name"]: e for e in container.get("env", [])}
    check(str(ports.get("http")) == env.get("PORT", {}).get("value"), "the container port is the PORT serve listens on")
    for probe in ("readinessProbe", "livenessProbe"):
        get = container.get(probe, {}).get("httpGet", {})
        check(get.get("path") == "/health" and get.get("port") in ("http", ports.get("http")), f"{probe} is GET /health on the http port")
    resources = container.get("resources", {})
    check({"cpu", "memory"} <= resources.get("requests", {}).keys(), "requests set for cpu and memory")
    check("memory" in resources.get("limits", {}), "a memory limit is set")
    context = {**pod.get("securityContext", {}), **container.get("securityContext", {})}
    check(context.get("runAsNonRoot") is True and context.get("runAsUser", 0) != 0, "runs as a non-root user")

    volumes = {v["name"]: v for v in pod["volumes"]}
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    for mount in mounts.values():
        claim = volumes.get(mount["name"], {}).get("persistentVolumeClaim", {}).get("claimName")
        check(claim in claims, f"mount {mount['mountPath']} uses a defined claim ({claim})")
    for path in ("/srv/forecast/models", "/srv/forecast/data/processed"):
        check(mounts.get(path, {}).get("readOnly") is True, f"{path} (registry / features) is mounted read-only")
    args = " ".join(container["args"])
    log = re.search(r"--log (\S+)", args)
    log_mount = next((m for p, m in mounts.items() if log and log.group(1).startswith(p + "/")), None)
    check(log is not None and "$(POD_NAME)" in log.group(1), "each replica's log file is named after its pod")
    check(log_mount is not None and log_mount.get("subPathExpr") == "$(POD_NAME)" and not log_mount.get("readOnly"),
          "each replica's log is on its own writable sub-volume (subPathExpr: the pod name)")
    check(env.get("POD_NAME", {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") == "metadata.name",
          "POD_NAME comes from the downward API")
    check("0.0.0.0" in container["args"], "serve listens on every interface inside the pod")

    service = kinds["Service"][0]
    check(service["spec"]["selector"].items() <= labels.items(), "Service selects the Deployment's pods")
    check(all(p["targetPort"] in ("http", ports.get("http")) for p in service["spec"]["ports"]), "Service targets the http port")

    cron = kinds["CronJob"][0]
    job_pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    script = " ".join(job_pod["containers"][0].get("args", []) + job_pod["containers"][0].get("command", []))
    steps = [script.find(f"forecast {step}") for step in ("etl", "accuracy", "train")]
    check(-1 not in steps and steps == sorted(steps), "CronJob runs etl, then accuracy, then train")
    check(len(cron["spec"]["schedule"].split()) == 5, "CronJob schedule has five fields")
    check(cron["spec"].get("concurrencyPolicy") == "Forbid", "nightly runs never overlap")

    with open(dockerfile, encoding="utf-8") as handle:
        text = handle.read()
    stages = re.findall(r"^FROM\s+(\S+)", text, re.M)
    check(len(stages) >= 2 and stages[0].startswith("swift:6.3"), "Dockerfile is multi-stage, built with the Swift 6.3 image")
    check("--static-swift-stdlib" in text, "Dockerfile builds with --static-swift-stdlib")
    user = re.findall(r"^USER\s+(\S+)", text, re.M)
    check(bool(user) and not user[-1].startswith(("root", "0")), "Dockerfile runs as a non-root user")
    check(re.search(r"^HEALTHCHECK .*forecast-healthcheck", text, re.M) is not None, "Dockerfile has the /health HEALTHCHECK")
    check(re.search(r"^VOLUME .*data.*models", text, re.M) is not None, "Dockerfile declares data and models volumes")
    for source in re.findall(r"^COPY\s+(?!--from)(\S+)", text, re.M):
        check(os.path.exists(os.path.join(os.path.dirname(dockerfile), "..", "..", source)), f"COPY source {source} exists")

    print(f"manifests: {len(documents)} documents parsed, {len(failures)} failed checks")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
