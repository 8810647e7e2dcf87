"""`manage.py benchmark_pages`: throughput and latency of the shop's listing pages.

Serves the site with gunicorn (``config.wsgi:application``, several worker processes,
DEBUG off) on a free port of 127.0.0.1, against the same database as this command, then
for each page sends requests for ``--duration`` seconds from ``--concurrency`` client
threads and prints requests, req/s, p50 and p99 latency and errors. The SQL query count
of each page is measured separately, in this process, with Django's test client.

Pages: the catalogue (page 1 and page 20), a category, a product, the producer directory,
and ``/boutique/`` — a RedirectView that touches no table, the ceiling of the stack
(middleware, URL resolution, one response). Latencies are seen from the client, so they
include the time a request waits for a free worker (``--concurrency`` above
``--workers``); the client runs on the same machine and takes some CPU, which mostly
caps the bare view.

Seed a catalogue first (``manage.py seed_catalogue --products 10000``). Speed goals are
read from this command's figures, never asserted in tests. gunicorn must be installed
(dev extra).
"""

from __future__ import annotations

import http.client
import importlib.util
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from oscar.core.loading import get_model

from shop.catalogue.selectors import browsable_products

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

HOST = "127.0.0.1"
DEEP_PAGE = 20
READY_TIMEOUT = 60.0
PLAIN_STATIC_STORAGE = "django.contrib.staticfiles.storage.StaticFilesStorage"
ERROR_PAUSE = 0.05  # after a failed request, so a dead server is not hammered in a loop


@dataclass
class Page:
    label: str
    path: str
    expected_status: int = 200
    queries: int | None = None


@dataclass
class Result:
    page: Page
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return (self.requests - self.errors) / self.seconds if self.seconds else 0.0

    def percentile_ms(self, fraction: float) -> float | None:
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn workers and print req/s, p50/p99 latency and SQL "
        "queries for the catalogue, a category, a product, the directory and a bare view."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per page")
        parser.add_argument("--concurrency", type=int, default=8, help="client threads")
        parser.add_argument(
            "--warmup", type=float, default=2.0, help="seconds of unmeasured load per page"
        )
        parser.add_argument(
            "--products-check",
            action="store_true",
            help=(
                f"fail unless the catalogue has at least {DEEP_PAGE} pages of products, "
                "a category with products and a product page"
            ),
        )

    def handle(self, *args, **options) -> None:
        workers, duration = options["workers"], options["duration"]
        concurrency, warmup = options["concurrency"], options["warmup"]
        if workers < 1 or concurrency < 1 or duration <= 0 or warmup < 0:
            raise CommandError("--workers and --concurrency ≥ 1, --duration > 0, --warmup ≥ 0.")
        if importlib.util.find_spec("gunicorn") is None:
            raise CommandError("gunicorn is not installed: pip install -e '.[dev]'.")

        self.stdout.write(catalogue_summary())
        load_before = os.getloadavg()
        pages = pages_to_measure(check=options["products_check"])
        with tempfile.TemporaryDirectory(prefix="panier-benchmark-") as scratch:
            env = server_environment(Path(scratch))
            self.stdout.write("Collecting static files (DEBUG off needs the manifest)...")
            problem = prepare_static_files(env, Path(scratch))
            if problem:
                self.stdout.write(
                    self.style.WARNING(
                        f"collectstatic failed ({problem}); serving without the static "
                        "manifest (plain StaticFilesStorage), which the pages do not notice."
                    )
                )
            count_queries(pages, media_root=env["MEDIA_ROOT"])
            port = free_port()
            log_path = Path(scratch) / "gunicorn.log"
            self.stdout.write(
                f"Serving on http://{HOST}:{port} with {workers} gunicorn workers; "
                f"{concurrency} client threads, {duration:g} s per page."
            )
            with log_path.open("wb") as log:
                server = start_server(env, port=port, workers=workers, log=log)
                try:
                    wait_until_ready(server, port, log_path)
                    results = []
                    for page in pages:
                        load(port, page, seconds=warmup, concurrency=concurrency)
                        results.append(load(port, page, seconds=duration, concurrency=concurrency))
                finally:
                    stop_server(server)
        self.stdout.write(format_table(results))
        self.stdout.write(machine_load(before=load_before))


# --- What to measure ------------------------------------------------------------------


def catalogue_summary() -> str:
    return (
        f"Products in the database: {Product.objects.count()} "
        f"({browsable_products().count()} browsable); "
        f"producers: {Partner.objects.count()}; categories: {Category.objects.count()}."
    )


def pages_to_measure(*, check: bool) -> list[Page]:
    per_page = settings.OSCAR_PRODUCTS_PER_PAGE
    browsable = browsable_products().count()
    last_page = max(1, -(-browsable // per_page))
    deep_page = min(DEEP_PAGE, last_page)
    product = browsable_products().first()
    category = next(
        (
            root
            for root in Category.objects.browsable().filter(depth=1).order_by("path")
            if browsable_products(category=root).exists()
        ),
        None,
    )
    problems = []
    if deep_page < DEEP_PAGE:
        problems.append(f"only {last_page} catalogue pages (page {DEEP_PAGE} needs more)")
    if product is None:
        problems.append("no browsable product")
    if category is None:
        problems.append("no public root category with products")
    if check and problems:
        raise CommandError(
            "The catalogue is too small: "
            + "; ".join(problems)
            + ". Run `manage.py seed_catalogue --products 10000` first."
        )
    pages = [
        Page("catalogue, page 1", "/boutique/catalogue/"),
        Page(f"catalogue, page {deep_page}", f"/boutique/catalogue/?page={deep_page}"),
    ]
    if category is not None:
        pages.append(Page(f"category {category.name}", category.get_absolute_url()))
    if product is not None:
        pages.append(Page("product page", product.get_absolute_url()))
    pages += [
        Page("producer directory", "/boutique/producteurs/"),
        Page("bare view (redirect)", "/boutique/", expected_status=302),
    ]
    return pages


def count_queries(pages: list[Page], *, media_root: str) -> None:
    """SQL queries per page, in this process, once the page is warm (thumbnails made)."""
    client = Client()
    with override_settings(
        ALLOWED_HOSTS=["testserver"],
        SECURE_SSL_REDIRECT=False,
        MEDIA_ROOT=media_root,
        # No manifest needed here, whatever DEBUG this command runs with.
        STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC_STORAGE}},
    ):
        for page in pages:
            client.get(page.path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page.path)
            if response.status_code != page.expected_status:
                raise CommandError(
                    f"{page.path} answered {response.status_code}, expected {page.expected_status}."
                )
            page.queries = len(queries)


# --- The server -----------------------------------------------------------------------


def server_environment(scratch: Path) -> dict[str, str]:
    """The production settings with DEBUG off, on this command's database."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.base"),
        DEBUG="false",
        SECRET_KEY="benchmark-only-" + secrets.token_urlsafe(32),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(scratch / "static"),
        MEDIA_ROOT=str(scratch / "media"),
        LOG_LEVEL="WARNING",
    )
    return env


FALLBACK_SETTINGS = '''"""Written by benchmark_pages: {base} with static files served
without a manifest, because collectstatic failed."""

from {base} import *  # noqa: F403

STORAGES = {{
    **STORAGES,  # noqa: F405
    "staticfiles": {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
}}
'''


def prepare_static_files(env: dict[str, str], scratch: Path) -> str | None:
    """Collect static files as a deployment does (the manifest storage needs them).

    If collectstatic fails, point the server at a settings module that only swaps the
    static storage for the plain one, and return the error.
    """
    try:
        run_manage(["collectstatic", "--noinput", "-v0"], env)
    except CommandError as error:
        lines = [line for line in str(error).splitlines() if "Error" in line]
        folder = scratch / "settings"
        folder.mkdir()
        base = env["DJANGO_SETTINGS_MODULE"]
        (folder / "panier_benchmark_settings.py").write_text(FALLBACK_SETTINGS.format(base=base))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), env.get("PYTHONPATH")]))
        env["DJANGO_SETTINGS_MODULE"] = "panier_benchmark_settings"
        return lines[-1].strip() if lines else "see manage.py collectstatic"
    return None


def run_manage(arguments: list[str], env: dict[str, str]) -> None:
    completed = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        raise CommandError(f"manage.py {' '.join(arguments)} failed:\n{completed.stderr}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(env: dict[str, str], *, port: int, workers: int, log) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "120",
        "--graceful-timeout",
        "5",
    ]
    if _gunicorn_has_option("--no-control-socket"):
        command.append("--no-control-socket")  # gunicorn ≥ 25 opens one in ~/.gunicorn
    # Own process group: the master and its workers are stopped together.
    return subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _gunicorn_has_option(option: str) -> bool:
    from gunicorn.config import KNOWN_SETTINGS

    return any(option in (setting.cli or ()) for setting in KNOWN_SETTINGS)


def wait_until_ready(server: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"gunicorn exited ({server.returncode}):\n{_tail(log_path)}")
        conn = _connection(port)
        try:
            status, _ = _get(conn, "/boutique/")
            if status < 500:
                return
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    raise CommandError(f"gunicorn did not answer within {READY_TIMEOUT:g} s:\n{_tail(log_path)}")


def stop_server(server: subprocess.Popen) -> None:
    """Stop gunicorn: SIGTERM (the master stops its workers), SIGKILL to its process
    group if it is still there after 15 s."""
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # the master is alive, so the group is ours
        server.wait()


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


# --- The load -------------------------------------------------------------------------


def _connection(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(HOST, port, timeout=30)


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    return response.status, response.read()


def load(port: int, page: Page, *, seconds: float, concurrency: int) -> Result:
    """`concurrency` threads, each requesting the page until the deadline (keep-alive
    when the server keeps connections open; http.client reconnects when it closes)."""
    started = time.perf_counter()
    deadline = started + seconds
    latencies: list[float] = []
    counts = {"requests": 0, "errors": 0}
    lock = threading.Lock()

    def client() -> None:
        conn = _connection(port)
        mine: list[float] = []
        requests = errors = 0
        try:
            while (sent := time.perf_counter()) < deadline:
                requests += 1
                try:
                    status, _ = _get(conn, page.path)
                    ok = status == page.expected_status
                except (OSError, http.client.HTTPException):
                    ok = False
                    conn.close()
                if ok:
                    mine.append(time.perf_counter() - sent)
                else:
                    errors += 1
                    time.sleep(ERROR_PAUSE)
        finally:
            conn.close()
            with lock:
                latencies.extend(mine)
                counts["requests"] += requests
                counts["errors"] += errors

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(
        page=page,
        requests=counts["requests"],
        errors=counts["errors"],
        seconds=time.perf_counter() - started,
        latencies=latencies,
    )


def machine_load(*, before: tuple[float, float, float]) -> str:
    """Other processes on the machine skew the figures: say how busy it was."""
    after = os.getloadavg()
    return (
        f"{os.cpu_count()} CPUs; load average (1 min) {before[0]:.2f} before, "
        f"{after[0]:.2f} after the run (the run itself adds about --workers + 1)."
    )


def format_table(results: list[Result]) -> str:
    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f}"

    header = ("page", "URL", "requests", "req/s", "p50 ms", "p99 ms", "errors", "SQL")
    rows = [
        (
            result.page.label,
            result.page.path,
            str(result.requests),
            f"{result.per_second:.1f}",
            ms(result.percentile_ms(0.50)),
            ms(result.percentile_ms(0.99)),
            str(result.errors),
            "-" if result.page.queries is None else str(result.page.queries),
        )
        for result in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = {2, 3, 4, 5, 6, 7}

    def line(cells) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    return "\n".join([line(header), line("-" * w for w in widths), *map(line, rows)])
