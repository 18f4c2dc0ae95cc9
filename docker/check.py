"""Static checks of the container build and the local compose stack.

No Docker engine is needed: the checks read docker/Dockerfile, .dockerignore
and docker-compose.yml, verify that every module, path and jar they name exists
(jars: after `./mvnw package`), and run the Dockerfile's own layer-extraction
command on each built jar with the JDK in $JAVA_HOME.
"""

import glob
import os
import py_compile
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DOCKERFILE = "docker/Dockerfile"
COMPOSE = "docker-compose.yml"
LAYERS = ["dependencies", "spring-boot-loader", "snapshot-dependencies", "application"]
# Containerised apps: compose service -> Maven module (standalone is not containerised).
APPS = {
    "db-migrations": "db-migrations",
    "api": "api-service",
    "scheduler": "scheduler-service",
    "worker": "worker-service",
}
SEED_ENV = [
    "DATABASE_URL", "DATABASE_USERNAME", "DATABASE_PASSWORD", "SQS_QUEUE_URL", "AWS_REGION",
    "AWS_ENDPOINT_URL", "FAIL_THRESHOLD", "SUCCESS_THRESHOLD", "MIN_CHECK_INTERVAL", "ALLOW_PRIVATE_TARGETS",
]

passed = 0
failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"  ok   {what}")
    else:
        failed += 1
        print(f"  FAIL {what}" + (f": {detail}" if detail else ""))
    return ok


def path(rel):
    return os.path.join(ROOT, rel)


# ---------------------------------------------------------------------------
def parse_dockerfile(text):
    """Return (global_args, stages); a stage is {name, base, instructions}."""
    text = re.sub(r"\\\n", " ", text)  # join continuation lines
    global_args, stages = {}, []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        keyword = keyword.upper()
        rest = rest.strip()
        if keyword == "FROM":
            m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?", rest, re.I)
            stages.append({"name": m.group(2), "base": m.group(1), "instructions": []})
        elif not stages and keyword == "ARG":
            name, _, default = rest.partition("=")
            global_args[name] = default
        elif stages:
            stages[-1]["instructions"].append((keyword, rest))
    return global_args, stages


def stage(stages, name):
    return next((s for s in stages if s["name"] == name), None)


def instructions(st, keyword):
    return [rest for k, rest in st["instructions"] if k == keyword] if st else []


def resolve_base(base, args, stages):
    base = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), base)
    return base


def pom_modules():
    tree = ET.parse(path("pom.xml"))
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    return [m.text.strip() for m in tree.getroot().findall("m:modules/m:module", ns)]


def dockerignore_patterns():
    pats = []
    with open(path(".dockerignore")) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                pats.append(line)
    return pats


def _pattern_regex(pat):
    out, i = "", 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out, i = out + "(.*/)?", i + 3
        elif pat.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pat[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pat[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pat[i]), i + 1
    return re.compile(out + r"\Z")


def ignored(rel, patterns):
    """Docker's .dockerignore rules, simplified: a pattern excludes a path when
    it matches the path or one of its parent directories; the last match wins."""
    result = False
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pat in patterns:
        negate = pat.startswith("!")
        regex = _pattern_regex((pat[1:] if negate else pat).strip("/"))
        if any(regex.match(pre) for pre in prefixes):
            result = not negate
    return result


def java_major(java):
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "(\d+)', out)
    return int(m.group(1)) if m else 0, (out.splitlines() or ["?"])[0]


def java_bin():
    """$JAVA_HOME/bin/java, else java on PATH, else an installed JDK 25."""
    candidates = []
    home = os.environ.get("JAVA_HOME")
    if home:
        candidates.append(os.path.join(home, "bin", "java"))
    if shutil.which("java"):
        candidates.append(shutil.which("java"))
    candidates += sorted(glob.glob("/usr/lib/jvm/*25*/bin/java"))
    for java in candidates:
        if os.path.exists(java) and java_major(java)[0] >= 25:
            return java
    return None


# ---------------------------------------------------------------------------
def check_dockerfile():
    print("Dockerfile")
    if not check(os.path.isfile(path(DOCKERFILE)), f"{DOCKERFILE} exists"):
        return None
    text = open(path(DOCKERFILE)).read()
    args, stages = parse_dockerfile(text)
    names = [s["name"] for s in stages]
    check(names == ["build", "runtime", "job", "service"], "stages build -> runtime -> job, service (default last)", str(names))

    build, runtime, job, service = (stage(stages, n) for n in ("build", "runtime", "job", "service"))
    jdk = resolve_base(build["base"], args, stages) if build else ""
    jre = resolve_base(runtime["base"], args, stages) if runtime else ""
    check(re.fullmatch(r"eclipse-temurin:25\.\d+\.\d+_\d+-jdk(-\w+)?", jdk) is not None, "builder base is a pinned eclipse-temurin 25 JDK", jdk)
    check(re.fullmatch(r"eclipse-temurin:25\.\d+\.\d+_\d+-jre(-\w+)?", jre) is not None, "runtime base is a pinned eclipse-temurin 25 JRE", jre)
    check(job is not None and job["base"] == "runtime" and service is not None and service["base"] == "runtime",
          "job and service stages extend runtime")

    # Build stage: context copy, Maven wrapper files, the module's jar, extraction.
    copies = instructions(build, "COPY")
    check(copies == [". ."], "build stage copies the (dockerignored) context", str(copies))
    for rel in ["mvnw", ".mvn/wrapper/maven-wrapper.properties", "pom.xml"]:
        check(os.path.exists(path(rel)), f"build input {rel} exists")
    runs = " && ".join(instructions(build, "RUN"))
    check("./mvnw" in runs and '-pl "${MODULE}" -am package' in runs, "build runs the Maven wrapper for ${MODULE} and its dependencies")
    m = re.search(r'java -Djarmode=tools -jar "\$\{MODULE\}/target/\$\{MODULE\}\.jar"\s+(extract [^&]*?)\s*(?:&&|$)', runs)
    extract_cmd = m.group(1).strip() if m else None
    check(extract_cmd is not None and "--layers" in extract_cmd and "--launcher" in extract_cmd,
          "build extracts ${MODULE}/target/${MODULE}.jar with extract --layers --launcher", str(extract_cmd))
    dest = re.search(r"--destination\s+(\S+)", extract_cmd or "")
    dest = dest.group(1) if dest else None

    # Runtime stage: layers copied in order, non-root, container-aware JVM, launcher.
    layer_copies = instructions(runtime, "COPY")
    expected = [f"--from=build {dest}/{layer}/ ./" for layer in LAYERS]
    check(layer_copies == expected, "runtime copies the four layers from the extraction", str(layer_copies))
    users = instructions(runtime, "USER")
    check(bool(users) and users[-1].split(":")[0] not in ("root", "0"), "runtime runs as a non-root user", str(users))
    entry = instructions(runtime, "ENTRYPOINT")
    check(bool(entry) and "-XX:MaxRAMPercentage=75" in entry[-1] and "org.springframework.boot.loader.launch.JarLauncher" in entry[-1]
          and entry[-1].startswith("["), "exec-form ENTRYPOINT: java -XX:MaxRAMPercentage=75 ... JarLauncher", str(entry))
    check("curl" in " ".join(instructions(runtime, "RUN")), "runtime installs curl for the health checks")
    check(not instructions(job, "HEALTHCHECK") and not instructions(job, "EXPOSE"), "db-migrations job has no port and no HEALTHCHECK")
    hc = instructions(service, "HEALTHCHECK")
    check(len(hc) == 1 and "curl" in hc[0] and "${SERVER_PORT}" in hc[0], "service HEALTHCHECK curls SERVER_PORT", str(hc))
    check(any(a.startswith("SERVER_PORT") for a in instructions(service, "ARG")), "service takes SERVER_PORT as build argument")
    return {"extract_cmd": extract_cmd, "dest": dest}


def check_dockerignore():
    print(".dockerignore")
    if not check(os.path.isfile(path(".dockerignore")), ".dockerignore exists"):
        return
    pats = dockerignore_patterns()
    needed = ["mvnw", ".mvn/wrapper/maven-wrapper.properties", "pom.xml"]
    for module in pom_modules():
        needed += [f"{module}/pom.xml", f"{module}/src/main/java/App.java"]
    wrongly = [n for n in needed if ignored(n, pats)]
    check(not wrongly, "keeps the Maven reactor (wrapper, poms, sources) in the context", str(wrongly))
    leaking = [n for n in ["api-service/target/api-service.jar", "target/x", ".git/config", "terraform/main.tf", "terraform/terraform.tfvars"]
               if not ignored(n, pats)]
    check(not leaking, "excludes build output, .git and terraform (state, tfvars)", str(leaking))


def check_modules_and_jars(df):
    print("modules and jars")
    modules = pom_modules()
    for service, module in APPS.items():
        check(module in modules, f"{module} is a module of the root pom")
        check(os.path.isfile(path(f"{module}/pom.xml")), f"{module}/pom.xml exists")
    java = java_bin()
    if not check(java is not None, "a JDK 25 is available ($JAVA_HOME/bin/java)"):
        return
    print(f"       using {java}: {java_major(java)[1]}")
    extract = df["extract_cmd"] if df else None
    if not check(extract is not None, "extraction command taken from the Dockerfile"):
        return
    for service, module in APPS.items():
        jar = f"{module}/target/{module}.jar"
        if not check(os.path.isfile(path(jar)), f"{jar} exists", "missing: run ./mvnw -DskipTests package first"):
            continue
        tmp = tempfile.mkdtemp(prefix="layers-")
        try:
            dest = os.path.join(tmp, "layers")
            argv = [java, "-Djarmode=tools", "-jar", path(jar)] + [
                dest if a == df["dest"] else a for a in shlex.split(extract)]
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=300)
            if not check(proc.returncode == 0, f"{module}: `{extract}` succeeds", (proc.stdout + proc.stderr)[-800:]):
                continue
            missing = [layer for layer in LAYERS if not os.path.isdir(os.path.join(dest, layer))]
            check(not missing, f"{module}: yields the layer dirs {', '.join(LAYERS)}", f"missing {missing}")
            launcher = os.path.join(dest, "spring-boot-loader", "org/springframework/boot/loader/launch/JarLauncher.class")
            check(os.path.isfile(launcher), f"{module}: spring-boot-loader holds JarLauncher")
            manifest = os.path.join(dest, "application", "META-INF", "MANIFEST.MF")
            start = ""
            if os.path.isfile(manifest):
                start = next((l for l in open(manifest, errors="replace") if l.startswith("Start-Class:")), "")
            check(bool(start) and os.path.isdir(os.path.join(dest, "application", "BOOT-INF", "classes")),
                  f"{module}: application layer has BOOT-INF/classes and a Start-Class", start.strip())
            deps = os.path.join(dest, "dependencies", "BOOT-INF", "lib")
            check(os.path.isdir(deps) and len(os.listdir(deps)) > 0, f"{module}: dependencies layer holds libraries")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def check_compose():
    print("docker-compose.yml")
    try:
        import yaml
    except ImportError:
        check(False, "PyYAML is importable", "install python3-yaml (apt) or PyYAML (pip)")
        return
    try:
        doc = yaml.safe_load(open(path(COMPOSE)))
    except Exception as e:  # noqa: BLE001
        check(False, f"{COMPOSE} parses as YAML", str(e))
        return
    check(isinstance(doc, dict), f"{COMPOSE} parses as YAML")
    services = doc.get("services", {})
    expected = {"postgres", "sqs", "db-migrations", "api", "scheduler", "worker", "slack"}
    check(set(services) == expected, "services: " + ", ".join(sorted(expected)), str(sorted(services)))

    def image(name):
        return (services.get(name) or {}).get("image", "")

    check(re.fullmatch(r"postgres:18\.\d+(-\w+)?", image("postgres")) is not None, "postgres is pinned to an 18.x tag", image("postgres"))
    check(re.fullmatch(r"softwaremill/elasticmq-native:\d+\.\d+\.\d+", image("sqs")) is not None, "ElasticMQ is pinned", image("sqs"))
    check(re.fullmatch(r"python:\d+\.\d+\.\d+-\w+", image("slack")) is not None, "Slack stand-in image is pinned", image("slack"))
    check("healthcheck" in services.get("postgres", {}) and "healthcheck" in services.get("sqs", {}), "postgres and sqs have health checks")

    # Bind-mounted files exist.
    for name, svc in services.items():
        for vol in svc.get("volumes", []) or []:
            src = vol.split(":")[0] if isinstance(vol, str) else vol.get("source", "")
            if src.startswith("."):
                check(os.path.exists(path(src)), f"{name}: mounted {src} exists")

    # The queue the apps use is the one the emulator creates, with its DLQ.
    conf = open(path("docker/elasticmq.conf")).read() if os.path.exists(path("docker/elasticmq.conf")) else ""
    queue_url = ((services.get("api") or {}).get("environment") or {}).get("SQS_QUEUE_URL", "")
    queue = queue_url.rsplit("/", 1)[-1]
    check(queue == "health-monitor-checks" and f'"{queue}"' in conf
          and re.search(r'deadLettersQueue\s*\{\s*name\s*=\s*"health-monitor-checks-dlq"', conf) is not None
          and '"health-monitor-checks-dlq"' in conf.split("deadLettersQueue")[1].split("}", 1)[1],
          "elasticmq.conf creates health-monitor-checks with the DLQ health-monitor-checks-dlq", queue_url)

    for name, module in APPS.items():
        svc = services.get(name) or {}
        build = svc.get("build") or {}
        args = build.get("args") or {}
        check(build.get("dockerfile") == DOCKERFILE and os.path.isdir(path(build.get("context", "-"))),
              f"{name}: builds {DOCKERFILE} from the repository root")
        check(args.get("MODULE") == module and os.path.isdir(path(module)), f"{name}: MODULE={module} is a module directory", str(args))
        env = svc.get("environment") or {}
        missing = [k for k in SEED_ENV if k not in env]
        check(not missing, f"{name}: sets the seed's environment variables", f"missing {missing}")
        check(str(env.get("ALLOW_PRIVATE_TARGETS")).lower() == "true" and env.get("AWS_ACCESS_KEY_ID") and env.get("AWS_SECRET_ACCESS_KEY"),
              f"{name}: ALLOW_PRIVATE_TARGETS=true and dummy AWS credentials for the emulator")
        deps = svc.get("depends_on") or {}
        check(isinstance(deps, dict) and (deps.get("postgres") or {}).get("condition") == "service_healthy",
              f"{name}: waits for postgres service_healthy")
        if name == "db-migrations":
            check(str(svc.get("restart")) == "no" and build.get("target") == "job", "db-migrations: target job, restart \"no\"")
            continue
        check((deps.get("db-migrations") or {}).get("condition") == "service_completed_successfully",
              f"{name}: waits for db-migrations service_completed_successfully")
        if name in ("scheduler", "worker"):
            check((deps.get("sqs") or {}).get("condition") == "service_healthy", f"{name}: waits for sqs service_healthy")
        port = str(env.get("SERVER_PORT", ""))
        test = " ".join(map(str, (svc.get("healthcheck") or {}).get("test", [])))
        check(port != "" and f"127.0.0.1:{port}/" in test, f"{name}: health check on SERVER_PORT {port}", test)
        check(str(args.get("SERVER_PORT", "8080")) == port, f"{name}: image built for SERVER_PORT {port}")
    check(any(str(p).endswith(":8080") for p in (services.get("api") or {}).get("ports", [])), "api publishes port 8080")


def check_slack_stub():
    print("slack stand-in")
    try:
        py_compile.compile(path("docker/slack-stub.py"), doraise=True, cfile=os.path.join(tempfile.mkdtemp(), "x.pyc"))
        check(True, "docker/slack-stub.py compiles")
    except py_compile.PyCompileError as e:
        check(False, "docker/slack-stub.py compiles", str(e))


def main():
    df = check_dockerfile()
    check_dockerignore()
    check_compose()
    check_slack_stub()
    check_modules_and_jars(df)
    print(f"docker: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
