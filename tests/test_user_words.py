"""The command line in the user's words: dates, numbers and choices as people say them, and
its own messages in Vietnamese."""

from __future__ import annotations

import json

import pytest

# Each test on SQLite and on PostgreSQL (tests/databases.py).
pytestmark = pytest.mark.databases

# A member new to the store is recorded with the violation, membership and all.
FULL = ("--membership", "chính thức")


def sessions(office, *args: str) -> list[dict]:
    result = office("session", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "written", ["17 tháng 11 năm 2026", "ngày 17/11/2026", "2026/11/17", "17 thang 11 nam 2026"]
)
def test_dates_as_people_write_them(office, written: str) -> None:
    result = office("session", "add", "--unit", "cb1", "--date", written, "--channel", "vb")
    assert result.exit_code == 0, result.output
    assert sessions(office)[0]["held_on"] == "2026-11-17"


@pytest.mark.parametrize(("typed", "stored"), [("0,3", 0.3), ("0.3", 0.3), ("0,25", 0.25)])
def test_a_level_takes_a_decimal_comma(office, typed: str, stored: float) -> None:
    result = office(
        *("violation", "add", "--unit", "cb1", "--member", "Nguyễn Văn A", *FULL),
        *("--category", "nong-do-con", "--date", "20/11/2026", "--alcohol-breath", typed),
    )
    assert result.exit_code == 0, result.output
    listed = office("violation", "list", "--json")
    assert json.loads(listed.stdout)[0]["alcohol_breath"] == stored


@pytest.mark.parametrize("typed", ["0,3,1", "không", "0"])
def test_a_level_that_is_not_a_number_is_refused_naming_the_field(office, typed: str) -> None:
    result = office(
        *("violation", "add", "--unit", "cb1", "--member", "Nguyễn Văn A", *FULL),
        *("--category", "nong-do-con", "--date", "20/11/2026", "--alcohol-breath", typed),
    )
    assert result.exit_code == 1, result.output
    assert "--alcohol-breath" in result.stderr and "Traceback" not in result.output


def violation(office, *args: str) -> dict:
    added = office(
        *("violation", "add", "--unit", "cb1", "--member", "Nguyễn Văn A", "--category"),
        *("nong-do-con", "--date", "20/11/2026", "--known-on", "20/11/2026"),
        *(args if "--membership" in args else (*args, *FULL)),
    )
    assert added.exit_code == 0, added.output
    return json.loads(office("violation", "list", "--json").stdout)[0]


@pytest.mark.parametrize(
    ("outcome", "body", "codes"),
    [
        ("cảnh cáo", "chi bộ", ("canh-cao", "chi-bo")),
        ("canh cao", "Chi bo", ("canh-cao", "chi-bo")),
        ("Cảnh Cáo", "chi-bộ", ("canh-cao", "chi-bo")),
        ("canh-cao", "chi-bo", ("canh-cao", "chi-bo")),
        ("kiểm điểm", "ủy ban kiểm tra", ("kiem-diem", "ubkt")),
        ("khien trach", "ubkt", ("khien-trach", "ubkt")),
    ],
)
def test_an_outcome_and_its_body_by_the_words_people_say(office, outcome, body, codes) -> None:
    row = violation(office)
    result = office(
        *("violation", "handle", str(row["id"]), "--outcome", outcome),
        *("--decided-on", "21/11/2026", "--decided-by", body),
    )
    assert result.exit_code == 0, result.output
    handled = json.loads(office("violation", "list", "--json").stdout)[0]
    assert (handled["outcome"], handled["decided_by"]) == codes


def test_an_unknown_outcome_is_refused_listing_the_choices(office) -> None:
    row = violation(office)
    result = office(
        *("violation", "handle", str(row["id"]), "--outcome", "phạt tiền"),
        *("--decided-on", "21/11/2026", "--decided-by", "chi bộ"),
    )
    assert result.exit_code == 1, result.output
    assert "--outcome" in result.stderr and "canh-cao" in result.stderr


@pytest.mark.parametrize("kind", ["chi-bộ", "Chi bộ", "chi bo", "chi-bo", "CB"])
def test_a_unit_kind_by_its_code_or_its_name(office, kind: str) -> None:
    # "chi-bộ" is the code chi-bo as people type it, with its diacritics: taken.
    result = office("unit", "add", "Chi bộ 9", "--kind", kind)
    assert result.exit_code == 0, result.output
    units = {u["name"]: u for u in json.loads(office("unit", "list", "--json").stdout)}
    assert units["Chi bộ 9"]["kind"] == "chi-bo"


@pytest.mark.parametrize("membership", ["dự bị", "du bi", "Dự Bị", "du-bi"])
def test_a_membership_by_its_words(office, membership: str) -> None:
    assert violation(office, "--membership", membership)["membership"] == "du-bi"


@pytest.mark.parametrize(
    "category", ["Điều khiển phương tiện sau khi uống rượu, bia", "nong do con"]
)
def test_a_category_by_its_label(office, category: str) -> None:
    added = office(
        *("violation", "add", "--unit", "cb1", "--member", "Nguyễn Văn B", "--category"),
        *(category, "--date", "20/11/2026", *FULL),
    )
    assert added.exit_code == 0, added.output


@pytest.mark.parametrize(
    ("channel", "topic"),
    [
        ("Sinh hoạt chi bộ", "Luật Đường bộ 2024"),
        ("sinh hoat chi bo", "luat duong bo 2024"),
        ("sinh-hoat-chi-bo", "luat-duong-bo"),
    ],
)
def test_a_channel_and_a_topic_by_their_labels(office, channel: str, topic: str) -> None:
    result = office(
        *("session", "add", "--unit", "cb1", "--date", "20/11/2026"),
        *("--channel", channel, "--topic", topic, "--present", "10"),
    )
    assert result.exit_code == 0, result.output
    row = sessions(office)[0]
    assert row["channel"] == "sinh-hoat-chi-bo"


ENGLISH = ("Usage:", "Missing option", "Missing argument", "No such", "Show this message", "Error:")
ENGLISH += ("Invalid value", "Try '", "Options:", "Commands:", "default:", "is not a valid")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["unit", "add"], "thiếu tên (NAME)"),  # an argument named in words
        (["unit", "members", "cb1"], "thiếu số đảng viên (N)"),
        (["session", "add", "--unitt", "cb1"], "không có tùy chọn --unitt (có thể là: "),
        (["unitt"], "không có lệnh 'unitt'. Có phải là 'unit'"),
        (["violation", "handle", "abc"], "'abc' không phải số nguyên"),
        (["violation", "list", "--unit"], "tùy chọn '--unit' cần một giá trị"),
        (["period", "list", "extra"], "thừa đối số: extra"),
        (["violation", "handle", "1", "--decided-on", "1/11/2026"], "thiếu tùy chọn"),
    ],
)
def test_usage_errors_are_vietnamese(atgt, args: list[str], said: str) -> None:
    result = atgt(*args)
    assert result.exit_code == 2, result.output
    assert said in result.stderr and "Lỗi: " in result.stderr
    assert not [word for word in ENGLISH if word in result.output], result.output


@pytest.mark.parametrize(
    "command", [[], ["unit"], ["unit", "add"], ["session", "add"], ["violation", "handle"]]
)
def test_help_is_vietnamese(atgt, command: list[str]) -> None:
    result = atgt(*command, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Cách dùng: atgt")
    assert "Hiện trợ giúp này rồi thoát." in result.stdout
    assert not [word for word in ENGLISH if word in result.output], result.output


def test_a_usage_error_shows_the_usage_in_vietnamese(atgt) -> None:
    result = atgt("unit", "add")
    assert "Cách dùng: atgt unit add" in result.stderr
    assert "Xem 'atgt unit add -h' để biết cách dùng." in result.stderr


def test_english_when_asked(atgt) -> None:
    assert "Missing argument 'NAME'" in atgt("--lang", "en", "unit", "add").stderr
    assert atgt("--lang", "en", "--help").stdout.startswith("Usage: atgt")


def test_no_help_line_is_cut_short(atgt) -> None:
    listed = atgt("period", "--help", env={"COLUMNS": "120"}).stdout
    assert "Khóa sổ một tháng (vd. 11/2026)." in listed  # not "(vd." at its first "."
    commands = atgt("--help").stdout.split("Lệnh:")[1]
    assert not [line for line in commands.splitlines() if line.endswith("...")], commands


def completed(office, *words: str) -> list[str]:
    """What bash is offered for the last word of `atgt --db STORE words…`."""
    line = ["atgt", "--db", str(office.db), *words]
    result = office(
        env={"_ATGT_COMPLETE": "complete_bash", "COMP_WORDS": " ".join(line)}
        | {"COMP_CWORD": str(len(line) - 1)}
    )
    assert result.exit_code == 0, result.output
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["session", "add", "--channel", "sinh-hoat-c"], ["sinh-hoat-chi-bo"]),
        (["session", "add", "--topic", "luat-d"], ["luat-duong-bo"]),
        (["violation", "add", "--category", "nong"], ["nong-do-con"]),
        (["violation", "handle", "1", "--outcome", "canh"], ["canh-cao"]),
        (["violation", "handle", "1", "--outcome", "cảnh"], ["cảnh-cao"]),  # taken as canh-cao
        (["violation", "handle", "1", "--decided-by", "u"], ["ubkt"]),
        (["unit", "add", "X", "--kind", "dang"], ["dang-bo-bo-phan", "dang-uy"]),
        (["member", "add", "X", "--membership", "d"], ["du-bi"]),
    ],
)
def test_completion_offers_the_plans_and_the_partys_choices(office, words, offered) -> None:
    assert completed(office, *words) == offered


def test_completion_offers_the_stores_units(office) -> None:
    line = ["atgt", "--db", str(office.db), "session", "add", "--unit", "chi"]
    result = office(env={"_ATGT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": " ".join(line)})
    # The shell keeps offers that begin as typed: "chi" is completed as "chi bộ 1", which the
    # command reads as the unit Chi bộ 1.
    assert '"chi bộ 1"' in result.stdout and '"chi bộ Văn phòng"' in result.stdout
    assert "Công đoàn" not in result.stdout
    assert office("session", "list", "--unit", "chi bộ 1").exit_code == 0


@pytest.mark.parametrize(("typed", "stored"), [("1.200", 1200), ("1,500", 1500), ("12,0", 12)])
def test_a_count_as_offices_write_it(office, typed: str, stored: int) -> None:
    result = office(
        *("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "vb"),
        *("--masses", typed),
    )
    assert result.exit_code == 0, result.output
    assert sessions(office)[0]["masses"] == stored


def test_a_count_that_is_not_whole_is_refused_naming_the_field(office) -> None:
    result = office(
        *("session", "add", "--unit", "cb1", "--date", "20/11/2026", "--channel", "vb"),
        *("--present", "9,5"),
    )
    assert result.exit_code == 1 and "--present" in result.stderr, result.output


@pytest.mark.parametrize("section", ["Hạn chế", "han che", "han-che"])
def test_a_report_note_section_by_its_name(office, section: str) -> None:
    added = office("report", "note", "--month", "11/2026", "--section", section, "Chưa đạt")
    assert added.exit_code == 0, added.output
    assert "Chưa đạt" in office("report", "--month", "11/2026", "--format", "md").stdout


@pytest.mark.parametrize(
    ("title", "deputy"), [("Phó Bí thư", True), ("pho bi thu", True), ("bi thu", False)]
)
def test_a_signer_title_by_its_name(office, tmp_path, title: str, deputy: bool) -> None:
    out = tmp_path / "bc.docx"
    args = ("report", "--month", "11/2026", "--signer-title", title, "-o", str(out))
    result = office(*args)
    assert result.exit_code == 0, result.output
    from tests.test_documents import docx_text

    text = docx_text(out).upper()
    assert "BÍ THƯ" in text and ("PHÓ BÍ THƯ" in text) == deputy


def test_a_units_member_count_as_offices_write_it(office) -> None:
    added = office("unit", "add", "Chi bộ Kho", "--kind", "Chi bộ", "--members", "1.200")
    assert added.exit_code == 0, added.output
    units = {u["name"]: u for u in json.loads(office("unit", "list", "--json").stdout)}
    assert units["Chi bộ Kho"]["members"] == 1200


@pytest.mark.parametrize(
    "command", [["unit", "retire"], ["unit", "members"], ["unit", "alias", "add"]]
)
def test_completion_offers_units_for_a_unit_argument(office, command: list[str]) -> None:
    line = ["atgt", "--db", str(office.db), *command, "'Chi bộ V"]  # an opened quote
    result = office(env={"_ATGT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": " ".join(line)})
    assert '"Chi bộ Văn phòng"' in result.stdout and "Chi bộ 1" not in result.stdout


def test_a_units_member_count_is_recorded_as_offices_write_it(office) -> None:
    result = office("unit", "members", "cb1", "1.200", "--exempt", "12,0", "--since", "1/11/2026")
    assert result.exit_code == 0, result.output
    assert "1200 đảng viên, 12 miễn sinh hoạt" in result.stdout
    bad = office("unit", "members", "cb1", "9,5")
    assert bad.exit_code == 1 and "N" in bad.stderr, bad.output


@pytest.mark.parametrize("month", ["tháng 11/2026", "Tháng 11 năm 2026", "2026/11", "11/2026"])
def test_a_month_as_people_write_it(office, month: str) -> None:
    result = office("report", "--month", month, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == office("report", "--month", "11/2026", "--format", "json").stdout


@pytest.mark.parametrize(
    ("option", "written", "plain"),
    [
        ("--quarter", "quý 4/2026", "4/2026"),
        ("--quarter", "Quý IV năm 2026", "4/2026"),
        ("--half", "6 tháng cuối năm 2026", "2/2026"),
    ],
)
def test_a_quarter_or_half_in_words(office, option: str, written: str, plain: str) -> None:
    result = office("report", option, written, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == office("report", option, plain, "--format", "json").stdout
