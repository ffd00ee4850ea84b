"""The production stack on loopback, from Debian packages: PostgreSQL, Redis, the task worker and gunicorn with
site_cms.settings.production. A rehearsal of deploy/ and the base of the benchmarks (bench/) and fault scripts.

    make prod-local          # start everything, print the address, Ctrl-C stops it all
    make prod-local-start    # start in the background; `make prod-local-stop` stops it
    python deploy/prod_local.py env   # the variables, to run manage.py against the stack

State lives in var/prod-local/ (database cluster, media, collected static files, logs, the generated SECRET_KEY);
`python deploy/prod_local.py reset` deletes it. Everything listens on 127.0.0.1 only. As root, PostgreSQL runs as
the `postgres` user (initdb refuses root). Missing Debian packages are installed when running as root.

The `Stack` class is the Python API the benchmark and fault scripts use:

    with Stack(workers=2) as stack:        # starts what is not running yet, stops what it started
        stack.url("/")
        stack.restart_web(PAGE_CACHE_SECONDS="0")
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = Path(os.environ.get("PROD_LOCAL_DIR", ROOT / "var" / "prod-local"))
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
BIN = Path(PYTHON).parent
PGBIN = Path("/usr/lib/postgresql/15/bin")
DEBIAN_PACKAGES = {"postgresql": PGBIN / "initdb", "redis-server": Path("/usr/bin/redis-server")}


def log(message):
    print(f"[prod-local] {message}", flush=True)


def port_is_free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port(preferred=None):
    """`preferred` when it is free (so `make prod-local` keeps its addresses), else one the kernel picks."""
    if preferred and port_is_free(preferred):
        return preferred
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def install_missing_packages():
    missing = [name for name, path in DEBIAN_PACKAGES.items() if not path.exists()]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Missing Debian packages: {' '.join(missing)} (sudo apt-get install {' '.join(missing)})")
    log(f"apt-get install {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env)


def as_postgres(cmd):
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def pid_alive(pid):
    if not pid or pid <= 0:  # os.kill(0, ...) would signal our whole process group
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def stop_pid(pid, timeout=20.0, sig=signal.SIGTERM):
    """Stop one process we started, by its id: SIGTERM, then SIGKILL after `timeout`."""
    if not pid or not pid_alive(pid):
        return
    os.kill(pid, sig)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:
            if not pid_alive(pid):
                return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


class Stack:
    def __init__(self, workers=2, page_cache=True, state_dir=STATE_DIR, seed=True, fixed_ports=True):
        self.dir = Path(state_dir)
        # Tests and benches that may run beside another stack (pytest-xdist workers, a developer's own
        # `make prod-local`) ask for kernel-picked ports: a preferred port checked free and then released can be
        # taken by the other stack before our server binds it.
        self.fixed_ports = fixed_ports
        self.workers = workers
        self.page_cache = page_cache
        self.seed = seed
        self.state_file = self.dir / "state.json"
        self.state = json.loads(self.state_file.read_text()) if self.state_file.exists() else {}
        self.started_here = []

    # --- configuration ---------------------------------------------------------------------------------------

    def secret_key(self):
        path = self.dir / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(64))
            path.chmod(0o600)
        return path.read_text().strip()

    def env(self, **overrides):
        s = self.state
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TEST_DATABASE"))},
            "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
            "SECRET_KEY": self.secret_key(),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{s['pg_port']}/kesbangpol",
            "REDIS_URL": f"redis://127.0.0.1:{s['redis_port']}/0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{s['web_port']},http://localhost:{s['web_port']}",
            # Loopback has no TLS proxy in front: no redirect to https, no HSTS for 127.0.0.1.
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "STATIC_ROOT": str(self.dir / "static"),
            "MEDIA_ROOT": str(self.dir / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            # Mailed links, feeds and the sitemap name gunicorn on loopback; production settings refuse an address
            # on this machine unless told it is a rehearsal (docs/deploy.md).
            "SITE_URL": f"http://127.0.0.1:{s['web_port']}",
            "SITE_URL_ALLOW_LOCAL": "1",
            "PAGE_CACHE_SECONDS": "300" if self.page_cache else "0",
            "GUNICORN_BIND": f"127.0.0.1:{s['web_port']}",
            "WEB_CONCURRENCY": str(self.workers),
            "PYTHONUNBUFFERED": "1",
        }
        env.update({k: str(v) for k, v in overrides.items()})
        return env

    def save_state(self):
        self.state_file.write_text(json.dumps(self.state, indent=2))

    def url(self, path="/"):
        """gunicorn itself (what the throughput benchmark measures)."""
        return f"http://127.0.0.1:{self.state['web_port']}{path}"

    def public_url(self, path="/"):
        """What a visitor reaches: nginx with deploy/nginx.conf in front of gunicorn, when nginx is installed."""
        if pid_alive(self.state.get("nginx_pid", 0)):
            return f"http://127.0.0.1:{self.state['nginx_port']}{path}"
        return self.url(path)

    def manage(self, *args, check=True, quiet=True, **env):
        out = subprocess.DEVNULL if quiet else None
        return subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env(**env), check=check, stdout=out
        ).returncode

    # --- services --------------------------------------------------------------------------------------------

    def start(self):
        install_missing_packages()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.dir.chmod(0o755)
        (self.dir / "logs").mkdir(exist_ok=True)
        ports = (("pg_port", 54391), ("redis_port", 63791), ("web_port", 8100), ("nginx_port", 8180))
        for key, default in ports:
            if key not in self.state or not self._service_running(key):
                preferred = int(os.environ.get(f"PROD_LOCAL_{key.upper()}", default)) if self.fixed_ports else None
                self.state[key] = free_port(preferred)
        self.save_state()
        already_serving = pid_alive(self.state.get("web_pid", 0))
        self.start_postgres()
        self.start_redis()
        if not already_serving:  # a running stack was prepared when it started
            self.prepare()
        self.start_worker()
        self.start_web()
        self.start_nginx()
        return self

    def _service_running(self, key):
        pid_key = {"pg_port": None, "redis_port": "redis_pid", "web_port": "web_pid", "nginx_port": "nginx_pid"}[key]
        if key == "pg_port":
            return (self.dir / "pg" / "data" / "postmaster.pid").exists()
        return pid_alive(self.state.get(pid_key, 0))

    def start_postgres(self):
        pg = self.dir / "pg"
        data = pg / "data"
        if not data.exists():
            pg.mkdir(exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(pg, "postgres", "postgres")
            log("initdb (PostgreSQL cluster in var/prod-local/pg)")
            subprocess.run(
                as_postgres(
                    [str(PGBIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
                    + ["--locale=C.UTF-8", "--no-sync"]
                ),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        if not (data / "postmaster.pid").exists():
            self._pg_ctl("start")
            self.started_here.append("postgres")
        exists = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.state["pg_port"]), "-U", "postgres", "-tAc"]
            + ["SELECT 1 FROM pg_database WHERE datname = 'kesbangpol'"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not exists:
            subprocess.run(
                ["createdb", "-h", "127.0.0.1", "-p", str(self.state["pg_port"]), "-U", "postgres", "kesbangpol"],
                check=True,
            )

    def _pg_ctl(self, action, mode="fast"):
        data = self.dir / "pg" / "data"
        options = (
            f"-p {self.state['pg_port']} -k {self.dir / 'pg'} -c listen_addresses=127.0.0.1 "
            "-c max_connections=100 -c shared_buffers=128MB"
        )
        cmd = [str(PGBIN / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "pg" / "log"), "-w", "-m", mode]
        if action in ("start", "restart"):
            cmd += ["-o", options]
        subprocess.run(as_postgres([*cmd, action]), check=True, stdout=subprocess.DEVNULL)

    def stop_postgres(self):
        if (self.dir / "pg" / "data" / "postmaster.pid").exists():
            self._pg_ctl("stop")

    def restart_postgres(self, mode="fast"):
        self._pg_ctl("restart", mode=mode)

    def start_redis(self):
        if pid_alive(self.state.get("redis_pid", 0)):
            return
        pidfile = self.dir / "redis.pid"
        subprocess.run(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.state["redis_port"]), "--save", "",
             "--appendonly", "no", "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru",
             "--daemonize", "yes", "--pidfile", str(pidfile), "--logfile", str(self.dir / "logs" / "redis.log"),
             "--dir", str(self.dir)],
            check=True,
        )  # fmt: skip
        for _ in range(50):
            if pidfile.exists() and pidfile.read_text().strip():
                break
            time.sleep(0.1)
        self.state["redis_pid"] = int(pidfile.read_text())
        self.save_state()
        self.started_here.append("redis")

    def prepare(self):
        log("migrate, collectstatic (manifest storage), translations" + (", seed_demo" if self.seed else ""))
        self.manage("compile_translations")
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        if self.seed:
            self.manage("seed_demo")

    def _spawn(self, name, cmd, env):
        logfile = open(self.dir / "logs" / f"{name}.log", "ab")  # noqa: SIM115 (kept open by the child)
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT)
        self.state[f"{name}_pid"] = process.pid
        self.save_state()
        self.started_here.append(name)
        return process

    def start_worker(self):
        if pid_alive(self.state.get("worker_pid", 0)):
            return
        cmd = [PYTHON, "manage.py", "db_worker", "--backend", "outbox", "--queue-name", "*", "--interval", "1"]
        self._spawn("worker", cmd, self.env())

    def start_web(self, **env):
        if pid_alive(self.state.get("web_pid", 0)):
            return
        cmd = [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "site_cms.wsgi"]
        self._spawn("web", cmd, self.env(**env))
        self.wait_until_serving()

    def nginx_config(self):
        """deploy/nginx.conf itself, with loopback instead of TLS and this stack's folders and ports."""
        site = (ROOT / "deploy" / "nginx.conf").read_text()
        site = re.sub(r"server \{\s*listen 80;.*?\n\}\n", "", site, count=1, flags=re.S)
        site = re.sub(r"\n\s*listen \[::\]:443[^;]*;", "", site)
        site = re.sub(r"listen 443[^;]*;", f"listen 127.0.0.1:{self.state['nginx_port']};", site)
        site = re.sub(r"\n\s*ssl_[a-z_]+ [^;]*;", "", site)
        site = site.replace("server 127.0.0.1:8000", f"server 127.0.0.1:{self.state['web_port']}")
        site = site.replace("/srv/kesbangpol/static_collected/", f"{self.dir / 'static'}/")
        site = site.replace("/srv/kesbangpol/media/", f"{self.dir / 'media'}/")
        site = site.replace("/var/log/nginx/", f"{self.dir / 'logs'}/")
        temp = self.dir / "nginx"
        temp.mkdir(exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""
        return (
            f"{user}pid {temp}/nginx.pid;\nerror_log {self.dir / 'logs'}/nginx-error.log;\nworker_processes 1;\n"
            "events { worker_connections 512; }\n"
            "http {\n include /etc/nginx/mime.types;\n"
            + "".join(
                f" {kind}_temp_path {temp}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + site
            + "\n}\n"
        )

    def start_nginx(self):
        if not shutil.which("nginx") or pid_alive(self.state.get("nginx_pid", 0)):
            return
        conf = self.dir / "nginx.conf"
        conf.write_text(self.nginx_config())
        subprocess.run(["nginx", "-c", str(conf)], check=True, capture_output=True)
        self.state["nginx_pid"] = int((self.dir / "nginx" / "nginx.pid").read_text())
        self.save_state()
        self.started_here.append("nginx")

    def stop_web(self):
        stop_pid(self.state.pop("web_pid", 0), timeout=35)
        self.save_state()

    def restart_web(self, **env):
        """Restart gunicorn with other settings; one that was running before stays running when we are done."""
        was_running_before = "web" not in self.started_here and pid_alive(self.state.get("web_pid", 0))
        self.stop_web()
        self.start_web(**env)
        if was_running_before:
            self.started_here.remove("web")

    def web_workers(self):
        """Process ids of gunicorn's worker processes (children of the master)."""
        master = self.state["web_pid"]
        children = Path(f"/proc/{master}/task/{master}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def wait_until_serving(self, timeout=180):  # a loaded 2-core machine boots Django slowly
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url("/"), timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if not pid_alive(self.state.get("web_pid", 0)):
                sys.exit(f"gunicorn exited; see {self.dir / 'logs' / 'web.log'}")
            time.sleep(0.3)
        sys.exit(f"gunicorn did not answer within {timeout}s; see {self.dir / 'logs' / 'web.log'}")

    def stop(self, only_started_here=False):
        names = self.started_here if only_started_here else ["nginx", "web", "worker", "redis", "postgres"]
        if "nginx" in names:
            stop_pid(self.state.pop("nginx_pid", 0), sig=signal.SIGQUIT)
        if "web" in names:
            stop_pid(self.state.pop("web_pid", 0), timeout=35)
        if "worker" in names:
            stop_pid(self.state.pop("worker_pid", 0), timeout=30)
        if "redis" in names:
            stop_pid(self.state.pop("redis_pid", 0))
        if "postgres" in names:
            self.stop_postgres()
        self.save_state()
        self.started_here = []

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop(only_started_here=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["up", "start", "stop", "status", "env", "reset"])
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)))
    parser.add_argument("--no-page-cache", action="store_true")
    args = parser.parse_args()
    stack = Stack(workers=args.workers, page_cache=not args.no_page_cache)

    if args.command == "status":
        print(json.dumps({k: (v, pid_alive(v)) if k.endswith("_pid") else v for k, v in stack.state.items()}, indent=2))
    elif args.command == "env":
        keys = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "STATIC_ROOT", "MEDIA_ROOT", "SECRET_KEY")
        for key in (*keys, "SITE_URL", "SITE_URL_ALLOW_LOCAL"):
            print(f"export {key}='{stack.env()[key]}'")
    elif args.command == "stop":
        stack.stop()
        log("stopped")
    elif args.command == "reset":
        stack.stop()
        shutil.rmtree(stack.dir, ignore_errors=True)
        log(f"removed {stack.dir}")
    else:
        try:
            stack.start()
        except BaseException:
            stack.stop(only_started_here=True)  # leave nothing half-started behind
            raise
        services = f"{args.workers} gunicorn workers, task worker, Redis, PostgreSQL"
        log(f"serving {stack.public_url('/')} (production settings; {services})")
        if stack.public_url() != stack.url():
            log(f"nginx (deploy/nginx.conf) in front; gunicorn itself: {stack.url('/')}")
        log(f"logs in {stack.dir / 'logs'}; `python deploy/prod_local.py env` prints the variables for manage.py")
        if args.command == "start":
            return
        log("Ctrl-C stops everything")
        stopping = []
        # Installed explicitly: a shell may have started us with SIGINT ignored (e.g. as a background job).
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *a: stopping.append(True))
        while not stopping:
            time.sleep(0.5)
        stack.stop()
        log("stopped")


if __name__ == "__main__":
    main()
