"""Files and folders (issue 21): reads from a read-only folder by an ordinary user, a full disk
named as such (also during a restore), the temporaries of a run killed with kill -9 cleaned at
the next start or listed by `atgt check`, and a header-only file that records no batch."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, Run, snapshot
from tests.stress_table import StressRecord

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX users, modes and signals")

USER = "atgt-ro-test"
SITE = Path(sys.executable).resolve().parent.parent  # the interpreter's prefix
TODAY = ["--today", "24/11/2026"]
SESSION = ["session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "Chào cờ"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- an ordinary user -----------------------------------------------------------------------------


def _venv_site() -> Path:
    import sysconfig

    return Path(sysconfig.get_paths()["purelib"])


def _as_user_prefix() -> list[str] | None:
    """How to run a command as an ordinary user: nothing when the tests are one; as root, a
    system user made for the tests and runuser (None when that cannot be done)."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser") or shutil.which("setpriv")
    if runuser is None or shutil.which("useradd") is None:
        return None
    known = subprocess.run(["id", "-u", USER], capture_output=True, check=False)
    if known.returncode != 0:
        made = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
            capture_output=True,
            check=False,
        )
        if made.returncode != 0:
            return None
    if runuser.endswith("runuser"):
        return [runuser, "-u", USER, "--"]
    import pwd

    entry = pwd.getpwnam(USER)
    return [runuser, f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups"]


def _python_for(prefix: list[str]) -> list[str] | None:
    """An interpreter the user can run with atgt and its libraries importable: this one, else
    the system's of the same version (this one may lie in root's home)."""
    paths = os.pathsep.join([str(ROOT), str(_venv_site())])
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for python in (sys.executable, shutil.which(version), f"/usr/bin/{version}"):
        if not python or not Path(python).exists():
            continue
        argv = [*prefix, "env", f"PYTHONPATH={paths}", "HOME=/tmp", python]
        tried = subprocess.run(
            [*argv, "-c", "import atgt_cli.cli.main, typer, rich"],
            capture_output=True,
            check=False,
        )
        if tried.returncode == 0:
            return [*argv, "-m", "atgt_cli"]
    return None


@pytest.fixture(scope="module")
def as_user() -> list[str]:
    """argv that runs `atgt` as an ordinary user (the tests' user unless they run as root)."""
    prefix = _as_user_prefix()
    if prefix is None:
        pytest.skip("running as root without useradd/runuser: no ordinary user to test with")
    atgt = _python_for(prefix)
    if atgt is None:
        pytest.skip("no Python the ordinary user may run atgt with")
    return atgt


@pytest.fixture
def user_folder() -> Iterator[Path]:
    """A folder of the ordinary user's (pytest's tmp_path may be closed to others)."""
    folder = Path(tempfile.mkdtemp(prefix="atgt-user-"))
    if os.geteuid() == 0:
        import pwd

        entry = pwd.getpwnam(USER)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    path.chmod(0o700)
        shutil.rmtree(folder, ignore_errors=True)


def run_as(atgt: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "COLUMNS": "120", "LANG": "C.UTF-8"}
    return subprocess.run(
        [*atgt, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


READS = [
    ["status"],
    ["report", "--month", "11/2026", "--format", "md"],
    ["export", "sessions", "-o", "OUT"],
    ["log"],
    ["check"],
    ["session", "list"],
]


def test_reads_work_for_an_ordinary_user_when_the_store_folder_is_read_only(
    as_user: list[str], user_folder: Path
) -> None:
    store_folder, out_folder = user_folder / "office", user_folder / "out"
    db = store_folder / "atgt.db"
    for args in (
        ["init"],
        ["unit", "add", "Chi bộ 1", "--kind", "chi-bo", "--members", "12", "--since", "1/1/2026"],
        SESSION,
    ):
        done = run_as(as_user, "--db", str(db), *TODAY, *args)
        assert done.returncode == 0, done.stderr
    assert run_as(as_user, "--db", str(db), "check").returncode == 0
    out_folder.mkdir()
    os.chmod(out_folder, 0o777)  # the user's to write (made by whoever runs the tests)
    before, listing = digest(db), sorted(p.name for p in store_folder.iterdir())
    assert listing == ["atgt.db"]  # closed cleanly: no -wal, no -shm
    os.chmod(store_folder, 0o500)  # read and enter, not write
    try:
        for args in READS:
            argv = [str(out_folder / "s.csv") if a == "OUT" else a for a in args]
            done = run_as(as_user, "--db", str(db), *TODAY, *argv)
            assert done.returncode == 0, (args, done.stderr)
            assert "Lỗi" not in done.stderr, (args, done.stderr)
        assert "20/11/2026" in (out_folder / "s.csv").read_text(encoding="utf-8-sig")
        # A write says why it cannot, and writes nothing.
        done = run_as(as_user, "--db", str(db), *TODAY, *SESSION, "--allow-duplicate")
        assert done.returncode == 3, done.stderr
        assert "chỉ đọc" in done.stderr and str(store_folder) in done.stderr
    finally:
        os.chmod(store_folder, 0o700)
    assert digest(db) == before
    assert sorted(p.name for p in store_folder.iterdir()) == listing


ALL_READS = [
    *READS,
    ["status", "--json"],
    ["report", "--month", "11/2026", "-o", "OUT.docx", "-o", "OUT.xlsx", "-o", "OUT.json"],
    ["report", "--quarter", "4/2026", "--format", "csv"],
    ["export", "units", "-o", "OUT.xlsx"],
    ["export", "members", "-o", "OUT.csv"],
    ["export", "violations", "--redact", "-o", "OUT.csv"],
    ["template", "sessions", "-o", "OUT.xlsx"],
    ["check", "--json"],
    ["plan", "list"],
    ["unit", "list"],
    ["member", "list"],
    ["violation", "list"],
    ["import", "list"],
    ["period", "list"],
    ["report", "note", "list"],
    ["backup", "OUT.db"],
]


@pytest.mark.slow
def test_every_read_from_a_read_only_folder(
    as_user: list[str], user_folder: Path, stress_record: StressRecord
) -> None:
    store_folder, out_folder = user_folder / "office", user_folder / "out"
    db = store_folder / "atgt.db"
    for args in (
        ["init"],
        ["unit", "add", "Chi bộ 1", "--kind", "chi-bo", "--members", "12", "--since", "1/1/2026"],
        SESSION,
    ):
        assert run_as(as_user, "--db", str(db), *TODAY, *args).returncode == 0
    out_folder.mkdir()
    os.chmod(out_folder, 0o777)
    before = digest(db)
    failed = []
    os.chmod(store_folder, 0o500)
    try:
        for i, args in enumerate(ALL_READS):
            argv = [a.replace("OUT", str(out_folder / f"{i}")) for a in args]
            done = run_as(as_user, "--db", str(db), *TODAY, *argv)
            if done.returncode != 0 or "Lỗi" in done.stderr:
                failed.append(f"{args}: {done.stderr.strip()}")
    finally:
        os.chmod(store_folder, 0o700)
    unchanged = digest(db) == before and [p.name for p in store_folder.iterdir()] == ["atgt.db"]
    stress_record(
        "reads from a read-only store folder, as an ordinary user",
        f"{len(ALL_READS) - len(failed)}/{len(ALL_READS)} worked, store "
        + ("unchanged" if unchanged else "CHANGED"),
        f"{len(ALL_READS)}/{len(ALL_READS)}",
        not failed and unchanged,
    )
    assert not failed, "\n".join(failed)
    assert unchanged


def test_check_names_what_a_killed_run_left_in_a_read_only_folder(
    as_user: list[str], user_folder: Path
) -> None:
    db = user_folder / "office" / "atgt.db"
    assert run_as(as_user, "--db", str(db), "init").returncode == 0
    left = kill_while_writing_beside(db, as_user)
    os.chmod(db.parent, 0o500)
    try:
        done = run_as(as_user, "--db", str(db), "check")
    finally:
        os.chmod(db.parent, 0o700)
    assert done.returncode == 0, done.stderr
    assert "tệp tạm" in done.stdout and left.name in done.stdout.replace("\n", "")
    assert left.exists()
    # Once the folder can be written again, the next start removes it.
    assert run_as(as_user, "--db", str(db), "status").returncode == 0
    assert not left.exists()


# --- kill -9 --------------------------------------------------------------------------------------

_WRITER = """
import os, signal, sys
from pathlib import Path
from atgt_cli import files
target = Path(sys.argv[1])
fd = files.create_private(files.temporary_path(target))
os.write(fd, b"half a backup")
print("written", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def kill_while_writing_beside(db: Path, as_user: list[str] | None = None) -> Path:
    """A process (of the user, if given) writes a temporary beside db and is killed -9."""
    before = set(db.parent.iterdir())
    if as_user is None:
        argv = [sys.executable, "-c", _WRITER, str(db.with_name("backup.db"))]
    else:
        python = as_user[: as_user.index("-m")]
        argv = [*python, "-c", _WRITER, str(db.with_name("backup.db"))]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), done.stderr
    assert "written" in done.stdout, done.stderr
    (left,) = set(db.parent.iterdir()) - before
    return left


def test_temporaries_of_a_killed_run_are_removed_at_the_next_start(
    atgt: Run, tmp_path: Path
) -> None:
    db = tmp_path / "office.db"
    assert atgt("--db", str(db), "init").exit_code == 0
    left = kill_while_writing_beside(db)
    assert left.name.endswith(".atgt-tmp") and left.exists()
    # A live process's temporary (this one's) is never touched.
    from atgt_cli import files

    mine = files.temporary_path(db.with_name("r.md"))
    mine.write_bytes(b"")
    # What older versions and a killed migration leave: a copy of a process that is gone, and
    # a migration's .part that has not changed for a while (a fresh one may be in the making).
    dead = subprocess.Popen(["true"])
    dead.wait()
    old_style = db.with_name(f".{db.name}.restore-{dead.pid}.tmp")
    old_style.write_bytes(b"")
    stale, fresh = (db.with_name(f"{db.name}.v{n}-20261130-101010.bak.part") for n in (3, 4))
    for part in (stale, fresh):
        part.write_bytes(b"")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    result = atgt("--db", str(db), "status")
    assert result.exit_code == 0, result.output
    assert not left.exists() and mine.exists()
    assert not old_style.exists() and not stale.exists() and fresh.exists()
    result = atgt("--db", str(db), "check")
    assert "tệp tạm" not in result.stdout


def test_a_killed_backup_leaves_nothing_once_atgt_runs_again(office: Run) -> None:
    killed = kill_writers(office.db, ["backup", "copy.db"], kills=1)  # type: ignore[attr-defined]
    assert killed.cleaned == killed.kills == 1


class Kills:
    def __init__(self) -> None:
        self.kills = self.cleaned = self.mid_write = 0

    def figure(self) -> str:
        return f"{self.cleaned}/{self.kills} ({self.mid_write} killed while a temporary was there)"


def kill_writers(db: Path, args: list[str], *, kills: int, seed: int = 21) -> Kills:
    """`atgt ARGS` (writing beside the store) killed -9 at a random moment once its temporary is
    there, then `atgt status`: no temporary is left, and `atgt check` is clean."""
    import random

    from tests.crashing import ATGT

    rng, outcome = random.Random(seed), Kills()
    argv = [ATGT, "--db", str(db), *[str(db.with_name(a)) if "." in a else a for a in args]]
    for _ in range(kills):
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            if any(p.name.endswith(".atgt-tmp") for p in db.parent.iterdir()):
                time.sleep(rng.uniform(0, 0.05))
                break
            time.sleep(0.001)
        outcome.mid_write += any(".atgt-tmp" in p.name for p in db.parent.iterdir())
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        outcome.kills += 1
        subprocess.run([ATGT, "--db", str(db), "status"], capture_output=True, check=True)
        left = [p for p in db.parent.iterdir() if ".atgt-tmp" in p.name]
        check = subprocess.run([ATGT, "--db", str(db), "check"], capture_output=True, text=True)
        outcome.cleaned += not left and check.returncode == 0 and "tệp tạm" not in check.stdout
        for arg in args:
            if "." in arg:
                db.with_name(arg).unlink(missing_ok=True)
    return outcome


@pytest.mark.slow
def test_kill_backups_and_reports(tmp_path: Path, stress_record: StressRecord) -> None:
    from tests.crashing import records_store

    db = records_store(tmp_path / "big.db", sessions=100_000)
    outcome = kill_writers(db, ["backup", "copy.db"], kills=20)
    stress_record(
        "kill -9 during backup: temporaries gone at the next start, check clean",
        outcome.figure(),
        f"{outcome.kills}/{outcome.kills}",
        outcome.cleaned == outcome.kills,
    )
    assert outcome.cleaned == outcome.kills
    # A report's three files, the process killed as it starts each temporary and before the
    # first is moved into place: none of the files is replaced, no temporary stays.
    whole = 0
    points = [("create", n) for n in (1, 2, 3)] + [("replace", 1)]
    for point in points * 2:
        whole += kill_report_at(db, point)
    kills = len(points) * 2
    stress_record(
        "kill -9 while a report writes -o docx -o xlsx -o md: none replaced, temporaries gone",
        f"{whole}/{kills}",
        f"{kills}/{kills}",
        whole == kills,
    )
    assert whole == kills


# The CLI, killed -9 by itself at the n-th call of a step of atgt_cli.files.write_all.
_KILLED_AT = """
import os, signal, sys
from atgt_cli import files
step, n = sys.argv[1], int(sys.argv[2])
target = files if step == "create" else files.os
real, calls = getattr(target, step + ("_private" if step == "create" else "")), []
def killing(*args, **kwargs):
    calls.append(args)
    if len(calls) == n:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(target, step + ("_private" if step == "create" else ""), killing)
sys.argv = ["atgt", *sys.argv[3:]]
from atgt_cli.cli.main import main
main()
"""


def kill_report_at(db: Path, point: tuple[str, int]) -> bool:
    """A report's three -o killed at point: True when no output was replaced and the next
    start leaves no temporary."""
    from tests.crashing import ATGT

    outputs = [db.with_name(f"r.{fmt}") for fmt in ("docx", "xlsx", "md")]
    for path in outputs:
        path.write_bytes(b"old")
    args = ["--db", str(db), "--today", "30/11/2026", "report", "--month", "11/2026"]
    argv = [sys.executable, "-c", _KILLED_AT, point[0], str(point[1]), *args]
    for path in outputs:
        argv += ["-o", str(path)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    killed = done.returncode == -signal.SIGKILL
    untouched = all(path.read_bytes() == b"old" for path in outputs)
    subprocess.run([ATGT, "--db", str(db), "status"], capture_output=True, check=True)
    clean = not [p for p in db.parent.iterdir() if ".atgt-tmp" in p.name]
    return killed and untouched and clean


def test_a_report_killed_while_it_writes_its_files_replaces_none(office: Run) -> None:
    db: Path = office.db  # type: ignore[attr-defined]
    assert kill_report_at(db, ("create", 2))
    assert kill_report_at(db, ("replace", 1))


# --- a full disk ----------------------------------------------------------------------------------


def enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_during_restore_says_so(
    office: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy.db"
    assert office("backup", str(copy)).exit_code == 0
    office("unit", "add", "Chi bộ 9", "--kind", "chi-bo")
    db: Path = office.db  # type: ignore[attr-defined]
    before, rows = digest(db), snapshot(db)
    monkeypatch.setattr(shutil, "copyfile", enospc)
    result = office("restore", str(copy))
    assert result.exit_code == 3, result.output
    assert "đĩa đầy" in result.stderr and "không khôi phục" in result.stderr
    assert "No space" not in result.stderr
    assert digest(db) == before and snapshot(db) == rows
    assert not [p for p in db.parent.iterdir() if "atgt-tmp" in p.name or "replaced" in p.name]


def test_a_full_disk_while_writing_an_output_says_so(
    office: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from atgt_cli import files

    monkeypatch.setattr(files.os, "fsync", enospc)
    out = tmp_path / "s.csv"
    result = office("export", "sessions", "-o", str(out))
    assert result.exit_code == 1, result.output
    assert "đĩa đầy" in result.stderr and str(out) in result.stderr
    assert not out.exists() and not [p for p in tmp_path.iterdir() if "atgt-tmp" in p.name]


@contextlib.contextmanager
def tiny_disk(tmp_path: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of size_kib (root only; skipped where mounting is not allowed)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    point = tmp_path / "disk"
    point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(point)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_full_disk_during_restore_on_a_real_small_disk(office: Run, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    assert office("backup", str(copy)).exit_code == 0
    size = copy.stat().st_size // 1024
    with tiny_disk(tmp_path, size * 2 + 64) as disk:
        db = disk / "atgt.db"
        shutil.copyfile(copy, db)
        # Room for the checked copy of the backup, not for the copy of the store kept aside
        # (or for neither): either way the store is as it was and the message says why.
        (disk / "filler").write_bytes(b"\0" * ((size - 40) * 1024))
        before = digest(db)
        result = subprocess.run(
            [str(Path(sys.executable).parent / "atgt"), "--db", str(db), "restore", str(copy)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 3, result.stderr
        assert "đĩa đầy" in result.stderr, result.stderr
        assert digest(db) == before
        assert sorted(p.name for p in disk.iterdir()) == ["atgt.db", "filler"]


# Every writing command on a disk with less and less room: it works, or it says "đĩa đầy",
# leaves the store as it was and no temporary behind; never an internal error.
FULL_DISK_COMMANDS: dict[str, list[str]] = {
    "restore": ["restore", "COPY"],
    "backup": ["backup", "DISK/b.db"],
    "report": ["report", "--month", "11/2026", "-o", "DISK/r.docx", "-o", "DISK/r.xlsx"],
    "export": ["export", "sessions", "-o", "DISK/s.xlsx"],
    "import": ["import", "sessions", "CSV"],
}


@pytest.mark.slow
def test_full_disks(office: Run, tmp_path: Path, stress_record: StressRecord) -> None:
    from tests.crashing import ATGT

    copy, source = tmp_path / "copy.db", tmp_path / "in.csv"
    rows = "".join(
        f"Chi bộ 1,{d}/11/2026,chi bộ,luat-ruou-bia,8\n" for d in range(1, 21)
    ) * 50  # fmt: skip
    source.write_text("Đơn vị,Ngày,Hình thức,Nội dung,Số ĐV dự\n" + rows, encoding="utf-8")
    assert office("backup", str(copy)).exit_code == 0
    size_kib = copy.stat().st_size // 1024
    runs = said = 0
    failures: list[str] = []
    with tiny_disk(tmp_path, size_kib * 3 + 256) as disk:
        for room in (8, 32, 64, 128, size_kib // 2, size_kib, size_kib + 64, size_kib * 2):
            for name, args in FULL_DISK_COMMANDS.items():
                for path in disk.iterdir():
                    path.unlink()
                db = disk / "atgt.db"
                shutil.copyfile(copy, db)
                free = shutil.disk_usage(disk).free // 1024
                (disk / "filler").write_bytes(b"\0" * max(0, (free - room)) * 1024)
                before = digest(db)
                words = {"COPY": str(copy), "CSV": str(source)}
                argv = [words.get(a, a.replace("DISK", str(disk))) for a in args]
                done = subprocess.run(
                    [ATGT, "--db", str(db), "--today", "30/11/2026", *argv],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                runs += 1
                left = [p.name for p in disk.iterdir() if "atgt-tmp" in p.name]
                if done.returncode == 0 and not left:
                    continue
                if "đĩa đầy" in done.stderr and digest(db) == before and not left:
                    said += 1
                    continue
                failures.append(f"{name} with {room} KiB free: {done.stderr.strip()} {left}")
    stress_record(
        "full disk (tmpfs) during restore, backup, report, export, import",
        f"{runs - len(failures)}/{runs} worked or said 'đĩa đầy' ({said} full)",
        f"{runs}/{runs}",
        not failures,
    )
    assert not failures, "\n".join(failures)


# --- a header-only file ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_header_only_file_records_no_batch(office: Run, tmp_path: Path, suffix: str) -> None:
    header = ["Đơn vị", "Ngày", "Hình thức", "Nội dung", "Số ĐV dự"]
    path = tmp_path / f"empty{suffix}"
    if suffix == ".csv":
        path.write_text(",".join(header) + "\n", encoding="utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook()
        book.active.append(header)  # type: ignore[union-attr]
        book.save(path)
    rows = snapshot(office.db)  # type: ignore[attr-defined]
    result = office("import", "sessions", str(path))
    assert result.exit_code == 0, result.output
    assert "không ghi lần nhập nào" in result.stdout
    assert office("import", "list").stdout.strip() == "Chưa có lần nhập nào."
    assert snapshot(office.db) == rows  # type: ignore[attr-defined]


# --- "today" earlier than a record ---------------------------------------------------------------


def test_a_today_earlier_than_a_record_names_the_field_at_fault(
    atgt: Run, office: Run, tmp_path: Path
) -> None:
    """Records made on 24/11/2026, then commands run with --today 1/11/2026 (a clock set back,
    ATGT_TODAY left over): each refusal names the field whose date is after today."""
    office(*SESSION[:-2], "--channel", "chi bộ", "--topic", "luat-ruou-bia", "--present", "8")
    office(
        "violation", "add", "--unit", "cb1", "--member", "Trần Văn An", "--membership",
        "chinh-thuc", "--content", "nồng độ cồn", "--date", "10/11/2026", "--known-on",
        "12/11/2026", "--alcohol-breath", "0.3",
    )  # fmt: skip
    source = tmp_path / "v.csv"
    source.write_text(
        "Đơn vị,Họ và tên,Tư cách đảng viên,Loại vi phạm,Ngày vi phạm\n"
        "Chi bộ 1,Lê Thị Bình,chính thức,nồng độ cồn,10/11/2026\n",
        encoding="utf-8",
    )
    db: Path = office.db  # type: ignore[attr-defined]
    rows = snapshot(db)
    cases = [
        (["session", "edit", "1", "--present", "7"], "--date"),
        (["violation", "edit", "1", "--note", "x"], "--known-on"),
        (["violation", "report", "1", "--on", "1/11/2026"], "ngày báo cáo"),
        (["unit", "members", "cb1", "9", "--since", "20/11/2026"], "--since"),
        (["import", "violations", str(source)], "Ngày vi phạm"),
    ]
    for args, field in cases:
        result = atgt("--db", str(db), "--today", "1/11/2026", *args)
        assert result.exit_code == 1, (args, result.output)
        assert field in result.stderr and "1/11/2026" in result.stderr, (args, result.stderr)
        assert "lỗi nội bộ" not in result.output
    assert snapshot(db) == rows
