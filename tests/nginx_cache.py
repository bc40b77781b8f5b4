"""A real nginx on loopback, run unprivileged from the configuration ``wallboard
nginx-config`` writes, for the fan-out tests and benchmark (docs/fanout.md).

nginx comes from the system (scripts/bootstrap installs Debian's nginx-light as root);
it runs in the foreground (``-g "daemon off;"``) as our child, so it can be stopped and
started again on the same port, with the same cache folder, in the middle of a run.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from wallboard.fanout.nginx_config import CacheSpec, write_config

NGINX_MISSING = "nginx is not installed: run scripts/bootstrap as root (it installs nginx-light)"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def free_port(host: str = "127.0.0.1") -> int:
    """A loopback port free right now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_until(predicate: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    """Whether ``predicate`` came true within ``timeout`` seconds (checked every step)."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(step)


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


class NginxCache:
    """nginx with the generated microcache in front of ``upstream``; ``url`` is where
    walls poll. Use as a context manager, or call :meth:`stop`."""

    def __init__(self, upstream: str, root: Path, *, lifetime_s: int = 1) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError(NGINX_MISSING)
        self._binary = binary
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.conf = write_config(CacheSpec(upstream, "127.0.0.1", self.port, lifetime_s), root)
        self._process: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        """Start nginx and wait until it accepts connections."""
        with open(self.root / "logs" / "stderr.log", "ab") as stderr:
            self._process = subprocess.Popen(
                [self._binary, "-p", f"{self.root}/", "-c", str(self.conf), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        if not wait_until(lambda: _accepts("127.0.0.1", self.port), 10.0):
            self.stop()
            raise RuntimeError(f"nginx did not start: {self.errors()}")

    def stop(self) -> None:
        """Stop nginx (fast shutdown: connections cut) and wait for it to exit."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def errors(self) -> str:
        """The end of nginx's error output (for failure messages)."""
        logs = [self.root / "logs" / name for name in ("stderr.log", "error.log")]
        return "".join(p.read_text(errors="replace")[-1000:] for p in logs if p.exists())

    def __enter__(self) -> NginxCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
