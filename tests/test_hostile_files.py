"""Hostile and damaged files (issue 21), through `atgt import` as a user would hit them: a bad
byte, a lone surrogate or a quote left open is named by row; devices, FIFOs, directories, zip
bombs, over-long lines and cells are refused before they are read whole; damaged, encrypted or
misnamed workbooks, mapping files of the wrong shape, dates near year 9999 and thousands of
columns end in one `Lỗi:` naming the file, never an internal error, the store unchanged."""

from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atgt_cli.errors import InputError
from tests.conftest import ROOT, snapshot
from tests.fuzzing import Stores, clean_end, invoke
from tests.workbooks import bomb_strings, encrypted_workbook, lying_sizes, shared_strings_xlsx

HEADER = "Đơn vị,Ngày,Hình thức,Tiêu đề\n"
DATA = ROOT / "tests" / "data"


def refused(stores: Stores, kind: str, file: Path, *options: str) -> str:
    """Import into a fresh store: refused with one `Lỗi:` line, exit 1, nothing changed;
    returns the message."""
    db = stores.fresh()
    before = snapshot(db)
    result = invoke("import", kind, str(file), *options, db=db)
    assert clean_end(result, db, before) == "refused", result.output
    assert result.exit_code == 1, result.output
    return result.stderr


def imported(stores: Stores, kind: str, file: Path, *options: str) -> str:
    db = stores.fresh()
    result = invoke("import", kind, str(file), *options, db=db)
    assert result.exit_code == 0, result.output
    return result.stdout


# ---- decoding ----------------------------------------------------------------------------------


def test_a_stray_byte_in_a_utf8_file_is_named_by_row(stores: Stores) -> None:
    file = stores.folder / "rows.csv"
    good = "Chi bộ 1,1/11/2026,Văn bản,Buổi một\n".encode()
    file.write_bytes(HEADER.encode() + good + b"Chi b\xe1\xbb 1,2/11/2026,V\xff,x\n" + good)
    message = refused(stores, "sessions", file)
    assert "rows.csv:3:" in message and "utf-8" in message


def test_a_stray_byte_past_the_sample_is_named_by_row(stores: Stores) -> None:
    file = stores.folder / "rows.csv"
    rows = [f"Chi bộ 1,1/11/2026,Văn bản,Buổi số {i}\n".encode() for i in range(3000)]
    rows[2500] = b"Chi b\xff 1,1/11/2026,V\xc4\x83n b\xe1\xba\xa3n,x\n"
    file.write_bytes(HEADER.encode() + b"".join(rows))
    assert "rows.csv:2502:" in refused(stores, "sessions", file)


def test_a_windows_1258_file_is_still_read_as_such(stores: Stores) -> None:
    from tests.test_import import windows_1258

    text = HEADER + "Chi bộ 1,1/11/2026,Văn bản,Tuyên truyền luật\n"
    file = stores.folder / "rows.csv"
    file.write_bytes(windows_1258(text))
    assert "thêm 1" in imported(stores, "sessions", file)


def test_a_lone_surrogate_in_utf16_text_is_named_by_row(stores: Stores) -> None:
    file = stores.folder / "rows.txt"
    head = (HEADER.replace(",", "\t") + "Chi bộ 1\t1/11/2026\tVăn bản\t").encode("utf-16-le")
    file.write_bytes(b"\xff\xfe" + head + b"\x00\xd8" + "x\n".encode("utf-16-le"))
    assert "rows.txt:2:" in refused(stores, "sessions", file)


def test_a_quote_left_open_is_named_not_swallowed(stores: Stores) -> None:
    file = stores.folder / "rows.csv"
    file.write_text(
        HEADER
        + 'Chi bộ 1,1/11/2026,Văn bản,"Buổi một\n'
        + "Chi bộ 1,2/11/2026,Văn bản,Buổi hai\n"
        + 'Chi bộ 1,3/11/2026,Văn bản,"Buổi ba"\n',
        encoding="utf-8",
    )
    assert "rows.csv:2:4:" in refused(stores, "sessions", file)


def test_a_quote_left_open_at_the_end_is_named(stores: Stores) -> None:
    file = stores.folder / "rows.csv"
    file.write_text(
        HEADER + "Chi bộ 1,1/11/2026,Văn bản,x\n" + 'Chi bộ 1,2/11/2026,Văn bản,"Buổi\n',
        encoding="utf-8",
    )
    assert "rows.csv:3:" in refused(stores, "sessions", file)


def test_a_note_on_several_lines_still_imports(stores: Stores) -> None:
    file = stores.folder / "rows.csv"
    file.write_text(
        HEADER.replace("Tiêu đề", "Ghi chú")
        + 'Chi bộ 1,1/11/2026,Văn bản,"dòng một\ndòng hai, có dấu phẩy"\n'
        + "Chi bộ 1,2/11/2026,Văn bản,x\n",
        encoding="utf-8",
    )
    assert "thêm 2" in imported(stores, "sessions", file)


# ---- bounded resources -------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null", "folder", "fifo"])
@pytest.mark.parametrize("name", ["rows.csv", "rows.xlsx", "rows.xls"])
def test_devices_fifos_and_folders_are_refused(stores: Stores, target: str, name: str) -> None:
    if target == "folder":
        source = stores.folder / "a-folder"
        source.mkdir(exist_ok=True)
    elif target == "fifo":
        source = stores.folder / "a-fifo"
        if not source.exists():
            os.mkfifo(source)
    else:
        source = Path(target)
    link = stores.folder / name  # a symlink named as a data file
    link.unlink(missing_ok=True)
    link.symlink_to(source)
    for file in (link, source):
        message = refused(stores, "sessions", file)
        assert str(file) in message


def test_a_line_without_end_is_refused_at_a_bound(stores: Stores) -> None:
    file = stores.folder / "rows.csv"
    with file.open("wb") as out:
        out.write(HEADER.encode())
        out.write(b"x" * (3 << 20))  # 3 MiB, no line end
    assert "rows.csv:2:" in refused(stores, "sessions", file)


def test_a_huge_cell_is_refused_naming_its_row(stores: Stores) -> None:
    file = stores.folder / "rows.csv"
    file.write_text(HEADER + 'Chi bộ 1,1/11/2026,Văn bản,"' + "x" * 200_000 + '"\n', "utf-8")
    assert "rows.csv:2" in refused(stores, "sessions", file)


def test_a_zip_bomb_in_shared_strings_is_refused_before_it_is_read(stores: Stores) -> None:
    rows = [["Đơn vị", "Ngày", "Hình thức"], ["Chi bộ 1", "1/11/2026", "Văn bản"]]
    file = shared_strings_xlsx(stores.folder / "bomb.xlsx", rows, strings_xml=bomb_strings(40))
    assert os.path.getsize(file) < 1 << 20  # 40 MiB in a few dozen KiB
    message = refused(stores, "sessions", file)
    assert "bomb.xlsx" in message and "sharedStrings.xml" in message


def test_a_part_declaring_a_huge_size_is_refused(stores: Stores) -> None:
    rows = [["Đơn vị", "Ngày", "Hình thức"], ["Chi bộ 1", "1/11/2026", "Văn bản"]]
    file = shared_strings_xlsx(stores.folder / "big.xlsx", rows)
    lying_sizes(file, "xl/sharedStrings.xml", 3_000_000_000)
    assert "sharedStrings.xml" in refused(stores, "sessions", file)


def test_a_part_larger_than_it_declares_is_refused(stores: Stores) -> None:
    rows = [["Đơn vị", "Ngày", "Hình thức"], ["Chi bộ 1", "1/11/2026", "Văn bản"]]
    file = shared_strings_xlsx(stores.folder / "lies.xlsx", rows, strings_xml=bomb_strings(2))
    lying_sizes(file, "xl/sharedStrings.xml", 200)  # inflates to 2 MiB, says 200 bytes
    assert "lies.xlsx" in refused(stores, "sessions", file)


@pytest.mark.slow
def test_a_hostile_workbook_stays_under_600_mib(tmp_path: Path, stress_record: object) -> None:
    """A 1 GiB sharedStrings.xml (1 MiB on disk) and a 1 GiB file without line ends, imported
    by a real process: refused, its peak memory measured."""
    import subprocess
    import sys

    from tests.fuzzing import make_template

    db = make_template(tmp_path / "s.db")
    bomb = tmp_path / "bomb.xlsx"
    rows = [["Đơn vị", "Ngày", "Hình thức"], ["Chi bộ 1", "1/11/2026", "Văn bản"]]
    shared_strings_xlsx(bomb, rows, strings_xml=b"<sst/>")
    with (
        zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings2.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(1024):
            part.write(b"a" * (1 << 20))
    flat = tmp_path / "flat.csv"
    with flat.open("wb") as out:
        out.write(HEADER.encode())
        out.truncate(1 << 30)  # sparse: a GiB of NUL bytes, no line end
    peaks = []
    for file in (bomb, flat):
        code = (
            "import resource, sys; from atgt_cli.cli.main import main; sys.argv = "
            f"['atgt', '--db', {str(db)!r}, 'import', 'sessions', {str(file)!r}]\n"
            "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
            # VmHWM, not ru_maxrss: that one counts the forked pytest the child was exec'd from.
            "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
            "print(peak.split()[1])\nsys.exit(code)"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 1 and done.stderr.startswith("Lỗi: "), done.stderr
        peaks.append(int(done.stdout.split()[-1]) / 1024)
    peak = max(peaks)
    stress_record(  # type: ignore[operator]
        "hostile files: zip bomb (1 GiB part) and 1 GiB without line ends",
        f"refused, peak {peak:.0f} MiB",
        "< 600 MiB, `Lỗi:` naming the file",
        peak < 600,
    )
    assert peak < 600


# ---- no internal error, ever -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[1, 2]",
        "columns: [a, b]",
        "columns:\n  Ngày: [date]\n",
        "columns:\n  Ngày: {a: b}\n",
        "values: {channel: [1, 2]}\n",
        "values: {channel: {a: {b: c}}}\n",
        "colums: {Ngày: date}\n",
        "columns: " + "[" * 3000 + "]" * 3000,
        "columns:\n" + "".join(f"{'  ' * (i + 1)}k{i}:\n" for i in range(400)),
        "42",
        "\x00\x01",
    ],
)
def test_a_mapping_file_of_the_wrong_shape_is_refused_by_name(stores: Stores, text: str) -> None:
    csv_file = stores.folder / "rows.csv"
    csv_file.write_text(HEADER + "Chi bộ 1,1/11/2026,Văn bản,x\n", encoding="utf-8")
    mapping = stores.folder / "map.yaml"
    mapping.write_text(text, encoding="utf-8")
    assert "map.yaml" in refused(stores, "sessions", csv_file, "--mapping", str(mapping))


def test_numbers_and_dates_as_mapping_keys_are_the_text_written(stores: Stores) -> None:
    file = stores.folder / "rows.csv"
    file.write_text("Đơn vị,2024,Hình thức\nChi bộ 1,1/11/2026,1\n", encoding="utf-8")
    mapping = stores.folder / "map.yaml"
    mapping.write_text("columns:\n  2024: date\nvalues:\n  channel:\n    1: van-ban\n", "utf-8")
    assert "thêm 1" in imported(stores, "sessions", file, "--mapping", str(mapping))


def test_a_mapping_file_from_a_device_is_read_to_a_bound(stores: Stores) -> None:
    file = stores.folder / "rows.csv"
    file.write_text(HEADER + "Chi bộ 1,1/11/2026,Văn bản,x\n", encoding="utf-8")
    assert "/dev/zero" in refused(stores, "sessions", file, "--mapping", "/dev/zero")


@pytest.mark.parametrize("seed", range(12))
def test_a_damaged_xls_ends_in_a_message_naming_it(stores: Stores, seed: int) -> None:
    source = sorted(DATA.glob("*.xls"))[seed % 2].read_bytes()
    chance = random.Random(seed)
    data = bytearray(source)
    for _ in range(chance.randint(1, 30)):
        at = chance.randrange(len(data))
        data[at : at + chance.randint(1, 8)] = bytes(chance.randrange(256) for _ in range(4))
    file = stores.folder / "damaged.xls"
    file.write_bytes(bytes(data))
    db = stores.fresh()
    before = snapshot(db)
    result = invoke("import", "sessions", str(file), db=db)
    if clean_end(result, db, before) == "refused" and result.exit_code == 1:
        assert "damaged.xls" in result.stderr


@pytest.mark.parametrize("name", ["book.xlsx", "book.xls"])
def test_an_encrypted_workbook_is_named_as_such(stores: Stores, name: str) -> None:
    file = encrypted_workbook(stores.folder / name)
    message = refused(stores, "sessions", file)
    assert name in message and "mật khẩu" in message


def test_a_web_page_saved_as_xls_says_what_it_is(stores: Stores) -> None:
    file = stores.folder / "bao-cao.xls"
    file.write_text(
        "<html><head><meta charset=utf-8></head><body><table><tr><td>Đơn vị</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    message = refused(stores, "sessions", file)
    assert "bao-cao.xls" in message and "HTML" in message


def test_tab_separated_text_saved_as_xls_is_read_as_text(stores: Stores) -> None:
    file = stores.folder / "so-lieu.xls"
    file.write_text(
        "Đơn vị\tNgày\tHình thức\nChi bộ 1\t1/11/2026\tVăn bản\n".replace("\n", "\r\n"),
        encoding="utf-8",
    )
    assert "thêm 1" in imported(stores, "sessions", file)


def test_something_else_saved_as_xlsx_says_so(stores: Stores) -> None:
    file = stores.folder / "anh.xlsx"
    file.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert "anh.xlsx" in refused(stores, "sessions", file)


@pytest.mark.parametrize(
    "args",
    [
        ["--today", "31/12/9999", "status"],
        ["report", "--year", "9999", "--format", "json"],
        ["status", "--month", "12/9999"],
        ["session", "list", "--month", "12/9999"],
        ["report", "--quarter", "4/9999", "--format", "json"],
        ["session", "add", "--unit", "cb1", "--date", "31/12/9999", "--channel", "van-ban"],
    ],
)
def test_dates_near_year_9999_are_refused_by_name(stores: Stores, args: list[str]) -> None:
    db = stores.fresh()
    before = snapshot(db)
    result = invoke(*args, db=db)
    assert clean_end(result, db, before) == "refused" and "9999" in result.stderr


def test_a_date_cell_near_year_9999_is_a_problem_of_its_row(stores: Stores) -> None:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Đơn vị", "Ngày", "Hình thức"])
    sheet.append(["Chi bộ 1", dt.datetime(9999, 12, 31, 23, 59), "Văn bản"])
    sheet.append(["Chi bộ 1", 2958465, "Văn bản"])
    file = stores.folder / "dates.xlsx"
    book.save(file)
    message = refused(stores, "sessions", file)
    assert "dates.xlsx!Sheet!B2" in message or "dates.xlsx!Sheet!B3" in message


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_thousands_of_columns_are_refused_naming_the_file(stores: Stores, suffix: str) -> None:
    header = ["Đơn vị", "Ngày", "Hình thức"] + [f"Cột {i}" for i in range(2500)]
    row = ["Chi bộ 1", "1/11/2026", "Văn bản"] + ["x"] * 2500
    file = stores.folder / f"wide.{suffix}"
    if suffix == "csv":
        file.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    else:
        shared_strings_xlsx(file, [header, row])
    for kind in ("sessions", "violations", "units"):
        message = refused(stores, kind, file)
        assert f"wide.{suffix}" in message and "2503" in message and len(message) < 400


@pytest.mark.parametrize("target", ["/dev/zero", "folder", "fifo"])
@pytest.mark.parametrize("command", ["validate", "load"])
def test_a_plan_that_is_not_a_regular_file_is_refused(
    stores: Stores, target: str, command: str
) -> None:
    if target == "folder":
        source = stores.folder / "a-folder"
        source.mkdir(exist_ok=True)
    elif target == "fifo":
        source = stores.folder / "a-fifo"
        if not source.exists():
            os.mkfifo(source)
    else:
        source = Path(target)
    db = stores.fresh()
    before = snapshot(db)
    result = invoke("plan", command, str(source), db=db)
    assert clean_end(result, db, before) == "refused" and str(source) in result.stderr


# ---- the chunked reader reads as the csv module does -------------------------------------------

CELL_TEXT = st.text(st.sampled_from('ab ,;"\r\nĐộ\tưể'), max_size=12)


@given(
    rows=st.lists(st.lists(CELL_TEXT, min_size=1, max_size=4), min_size=1, max_size=8),
    chunk=st.integers(1, 40),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_chunked_reader_reads_as_the_csv_module(
    rows: list[list[str]], chunk: int, newline: str
) -> None:
    import csv
    import io

    from atgt_cli.importers import reading, textlines

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    text = buffer.getvalue()
    expected = list(csv.reader(io.StringIO(text, newline="")))
    stream = io.BufferedReader(io.BytesIO(text.encode("utf-8")))  # type: ignore[arg-type]
    source = reading.Source("rows.csv", "utf-8", ",")
    old, textlines.CHUNK = textlines.CHUNK, chunk  # chunks cut lines, CRLFs and characters
    try:
        found = list(reading.rows(textlines.TextSource(stream, "utf-8"), source))
    except InputError:  # a cell with line ends whose lines look like rows: refused, by design
        return
    finally:
        textlines.CHUNK = old
    assert found == expected
