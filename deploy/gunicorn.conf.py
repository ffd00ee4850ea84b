"""gunicorn for the portal: `gunicorn -c deploy/gunicorn.conf.py site_cms.wsgi` (systemd: deploy/systemd/).

Every value can be changed from the environment without editing this file. nginx sits in front (deploy/nginx.conf)
and buffers requests and responses, so slow phones never hold a worker: plain sync workers are then the simplest
and fastest choice for Django.
"""

import os
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Twice the cores plus one is gunicorn's rule of thumb for sync workers; each takes about 120 MB.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"
# A request that takes longer than this is killed (the client gets a 502 from nginx). Nothing on the public site
# should take a tenth of it; PostgreSQL's connect_timeout (5 s) and EMAIL_TIMEOUT (10 s) stay well below.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# nginx keeps upstream connections open (keepalive in the upstream block); a little longer than its idle timeout.
keepalive = 65
# Recycle workers now and then: a slow leak in any library never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# Load Django once in the master and fork: less memory, faster worker restarts. Code changes need a restart
# (systemctl restart), not a HUP, which is what deploys do anyway.
preload_app = True
# The heartbeat file on tmpfs: a worker on a slow or full disk is not mistaken for a hung one.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None
# No control socket: nothing here uses gunicornc, and it would be one more way into the master process.
control_socket_disable = True
# nginx on the same host; set FORWARDED_ALLOW_IPS to its address when it runs elsewhere.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "kesbangpol-web"

# Logs go to stdout/stderr (journald). The access log has no client address, no query string, no referrer and no
# user agent: these can identify a person or carry personal data (UU 27/2022), and nobody needs them to run the
# site. %(U)s is the path without the query string; the request id ties a line to nginx's log.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms %({x-request-id}i)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def when_ready(server):
    # In the master, after the application was preloaded and before the first worker is forked: do the start-up
    # work of a first request once (home/warmup.py), then freeze what the master holds out of the garbage
    # collector's reach. Without the freeze, a worker's first full collection walks every object of Django and
    # Wagtail (~220,000; 156 ms measured) in the middle of someone's request, and writing the collector's marks
    # into those objects would copy the master's shared memory pages into every worker.
    if server.cfg.preload_app:
        import gc

        from home.warmup import warm_up

        try:
            warm_up()
        except Exception:  # a warm-up is an optimisation: never a reason not to serve
            server.log.exception("warm-up failed; the workers start cold")
        gc.collect()
        gc.freeze()


def post_worker_init(worker):
    # Without preload (e.g. --no-preload while debugging) each worker warms itself up before taking requests.
    if not worker.cfg.preload_app:
        from home.warmup import warm_up

        warm_up()
