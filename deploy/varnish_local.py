"""Varnish with deploy/varnish.vcl on loopback, in front of a given backend port: for tests
(tests/site/test_front_cache.py) and the bench (bench/front_cache.py). Runs as the calling user (`-j none`) with its
working directory under /tmp, and is stopped by its PID (varnishd(1): -F, -n, -a, -f, -j)."""

import contextlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

VCL = Path(__file__).resolve().parent / "varnish.vcl"
VARNISHD = shutil.which("varnishd") or ("/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None)


def vcl_for(backend_port):
    """deploy/varnish.vcl with this backend port (varnishd's -b does not combine with -f)."""
    return re.sub(r'\.port = "\d+";', f'.port = "{backend_port}";', VCL.read_text(), count=1)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running(backend_port, storage="malloc,64m", timeout=30):
    """Start varnishd in front of 127.0.0.1:`backend_port`; yields its base URL; stops it on exit."""
    if VARNISHD is None:
        raise FileNotFoundError("varnishd is not installed (Debian package `varnish`)")
    work = Path(tempfile.mkdtemp(prefix="varnish-"))
    vcl = work / "site.vcl"
    vcl.write_text(vcl_for(backend_port))
    port = _free_port()
    process = subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(work / "n"), "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", storage],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"varnishd did not start: {process.stderr.read().decode()[-2000:]}") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)
