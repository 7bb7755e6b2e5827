"""Which column holds which field: Vietnamese headers as offices write them (with or without
diacritics, any case), the English field names, or a mapping file; title lines above the
header row are skipped."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from atgt_cli.text import compact, fold

# field → the headers that name it (compared without case, diacritics, spaces or punctuation)
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "sessions": {
        "unit": (
            "Chi bộ",
            "Đơn vị",
            "Tên đơn vị",
            "Chi bộ/Đoàn thể",
            "Tổ chức",
            "Tên chi bộ",
            "Tên chi bộ/đoàn thể",
            "Chi bộ, đoàn thể",
            "Đơn vị tổ chức",
            "Đơn vị thực hiện",
            "Tên tổ chức",
            "unit",
        ),
        "date": (
            "Ngày",
            "Ngày tổ chức",
            "Ngày sinh hoạt",
            "Thời gian",
            "Ngày đăng",
            "Ngày tháng",
            "Ngày thực hiện",
            "Ngày tuyên truyền",
            "Ngày họp",
            "Thời gian tổ chức",
            "Thời gian thực hiện",
            "Ngày đăng tin",
            "date",
        ),
        "channel": (
            "Hình thức",
            "Hình thức tuyên truyền",
            "Hình thức tổ chức",
            "Hình thức thực hiện",
            "Loại hình",
            "Kênh tuyên truyền",
            "channel",
        ),
        # A topic column is strict; what was said is free text, its topics found in it.
        "topics": ("Chủ đề", "Chủ đề tuyên truyền", "topic", "topics"),
        "item": ("Mục", "Mục kế hoạch", "Mục trong kế hoạch", "item"),
        # "ĐV" is read as "đảng viên" (see _ABBREVIATIONS): "Số ĐV tham dự" needs no line.
        "present": (
            "Số đảng viên dự",
            "Đảng viên dự",
            "Số ĐV dự",
            "Số dự",
            "Có mặt",
            "Số đảng viên tham dự",
            "Số lượng đảng viên tham dự",
            "Số đảng viên dự sinh hoạt",
            "Đảng viên tham dự",
            "Số đảng viên có mặt",
            "Số đảng viên tham gia",
            "Số đảng viên dự/Tổng số",
            "Số đảng viên dự/Tổng số đảng viên",
            "Số đảng viên tham dự/Tổng số đảng viên",
            "Có mặt/Tổng số",
            "present",
        ),
        "total": (
            "Tổng số đảng viên",
            "Tổng số ĐV",
            "Tổng số",
            "Tổng số đảng viên của chi bộ",
            "Tổng số đảng viên chi bộ",
            "total",
        ),
        "masses": (
            "Lượt quần chúng",
            "Số lượt quần chúng",
            "Quần chúng",
            "Lượt QC",
            "Số quần chúng",
            "Số quần chúng tham dự",
            "Quần chúng tham dự",
            "Lượt quần chúng tham dự",
            "masses",
        ),
        "title": ("Tiêu đề", "Tên bài", "Tên buổi", "Tên bài viết", "Tiêu đề bài viết", "title"),
        "url": ("Đường dẫn", "Link", "Liên kết", "Đường link", "Link bài viết", "url"),
        "note": ("Ghi chú", "note"),
        "evidence": ("Minh chứng", "Tài liệu minh chứng", "evidence"),
        "content": (
            "Nội dung",
            "Nội dung tuyên truyền",
            "Nội dung sinh hoạt",
            "Nội dung buổi sinh hoạt",
            "Nội dung chính",
            "Tóm tắt nội dung",
            "content",
        ),
    },
    "units": {
        "name": (
            "Tên đơn vị",
            "Đơn vị",
            "Chi bộ",
            "Tên",
            "Tên chi bộ",
            "Tên chi bộ/đoàn thể",
            "Tên tổ chức",
            "name",
        ),
        "kind": ("Loại", "Loại đơn vị", "Loại tổ chức", "kind"),
        "parent": ("Trực thuộc", "Cấp trên", "Thuộc", "Đảng bộ bộ phận", "parent"),
        "members": (
            "Số đảng viên",
            "Đảng viên",
            "Tổng số đảng viên",
            "Số lượng đảng viên",
            "Tổng số đảng viên của chi bộ",
            "members",
        ),
        "exempt": (
            "Miễn sinh hoạt",
            "Số miễn sinh hoạt",
            "Số đảng viên được miễn sinh hoạt",
            "Số đảng viên miễn sinh hoạt",
            "Được miễn sinh hoạt",
            "exempt",
        ),
        "since": ("Từ ngày", "Áp dụng từ", "since"),
        "aliases": ("Tên khác", "Tên gọi khác", "Viết tắt", "Tên viết tắt", "aliases", "alias"),
    },
    "violations": {
        "unit": ("Chi bộ", "Đơn vị", "Tên chi bộ", "Chi bộ sinh hoạt", "Thuộc chi bộ", "unit"),
        "member": (
            "Họ và tên",
            "Họ tên",
            "Đảng viên",
            "Tên đảng viên",
            "Họ và tên đảng viên",
            "Họ tên đảng viên",
            "Đảng viên vi phạm",
            "Họ và tên đảng viên vi phạm",
            "Họ và tên người vi phạm",
            "member",
            "name",
        ),
        "membership": (
            "Chính thức/Dự bị",
            "Loại đảng viên",
            "Đảng viên chính thức/dự bị",
            "Dự bị/Chính thức",
            "membership",
        ),
        "party_post": ("Chức vụ đảng", "Chức vụ trong Đảng", "party post", "party_post"),
        "state_title": (
            "Chức vụ chính quyền",
            "Chức vụ",
            "Chức vụ chuyên môn",
            "Chức danh",
            "state title",
            "state_title",
        ),
        "category": (
            "Hành vi vi phạm",
            "Loại vi phạm",
            "Vi phạm",
            "Hành vi",
            "Lỗi vi phạm",
            "category",
        ),
        # What the violation was, as written: its category is found in it when not given.
        "content": (
            "Nội dung vi phạm",
            "Nội dung",
            "Nội dung, hành vi vi phạm",
            "Mô tả vi phạm",
            "Tóm tắt vi phạm",
            "content",
        ),
        "date": (
            "Ngày vi phạm",
            "Ngày",
            "Thời gian vi phạm",
            "Ngày tháng vi phạm",
            "Ngày xảy ra vi phạm",
            "date",
        ),
        "known_on": (
            "Ngày biết",
            "Ngày phát hiện",
            "Ngày nhận thông báo",
            "Ngày nhận được thông báo",
            "Ngày chi bộ biết",
            "Ngày tiếp nhận thông báo",
            "known on",
            "known_on",
        ),
        "detected_by": (
            "Nơi phát hiện",
            "Cơ quan phát hiện",
            "Đơn vị phát hiện",
            "Lực lượng phát hiện",
            "detected by",
            "detected_by",
        ),
        "alcohol_breath": (
            "Nồng độ cồn (mg/l)",
            "Nồng độ cồn khí thở",
            "Nồng độ cồn trong khí thở",
            "alcohol breath",
            "alcohol_breath",
        ),
        "alcohol_blood": (
            "Nồng độ cồn máu",
            "Nồng độ cồn (mg/100ml)",
            "Nồng độ cồn trong máu",
            "alcohol blood",
            "alcohol_blood",
        ),
        "reported_on": (
            "Ngày báo cáo",
            "Ngày chi bộ báo cáo",
            "Ngày báo cáo Đảng ủy",
            "reported on",
            "reported_on",
        ),
        "outcome": (
            "Hình thức xử lý",
            "Xử lý",
            "Kết quả xử lý",
            "Hình thức kỷ luật",
            "Hình thức xử lý kỷ luật",
            "Kết quả xử lý kỷ luật",
            "Hình thức kỷ luật đảng",
            "outcome",
        ),
        "decided_on": (
            "Ngày quyết định",
            "Ngày xử lý",
            "Ngày ra quyết định",
            "Ngày quyết định kỷ luật",
            "Ngày kỷ luật",
            "Ngày ký quyết định",
            "decided on",
            "decided_on",
        ),
        "decided_by": (
            "Cấp quyết định",
            "Cấp xử lý",
            "Cấp ra quyết định",
            "Cấp quyết định kỷ luật",
            "Cấp kỷ luật",
            "Cơ quan quyết định",
            "Tổ chức đảng quyết định",
            "Cấp có thẩm quyền quyết định",
            "decided by",
            "decided_by",
        ),
        "decision": (
            "Số quyết định",
            "Quyết định",
            "Số quyết định kỷ luật",
            "Quyết định số",
            "decision",
        ),
        "published_on": (
            "Ngày công khai",
            "Ngày công bố",
            "Ngày thông báo công khai",
            "published on",
            "published_on",
        ),
        "published_where": (
            "Nơi công khai",
            "Hình thức công khai",
            "Nơi công bố",
            "published where",
            "published_where",
        ),
        "note": ("Ghi chú", "note"),
    },
}
REQUIRED = {
    "sessions": ("unit", "date", "channel"),
    "units": ("name", "kind"),
    "violations": ("unit", "member", "date"),  # and a category, or a content to find it in
}
LOOKAHEAD = 20  # rows searched for the header under a title block
# Headers of the column that numbers the rows: left out without a word.
ROW_NUMBERS = frozenset(("stt", "tt", "sott", "sothutu"))
# Headers so general that a column naming the same field more closely wins over them: "Tổng số"
# yields to "Tổng số đảng viên", "Ngày" to "Ngày vi phạm", whichever comes first.
_GENERAL = frozenset(
    ("ngay", "thoigian", "tongso", "ten", "dangvien", "chucvu", "quyetdinh", "vipham", "xuly")
)
# Abbreviations offices write in headers (DOMAIN.md), read as the words: "Số ĐV dự" is
# "Số đảng viên dự", "Lượt QC" is "Lượt quần chúng", "Số QĐ" is "Số quyết định".
_ABBREVIATIONS = {
    "dv": "dangvien",
    "qc": "quanchung",
    "cb": "chibo",
    "sh": "sinhhoat",
    "qd": "quyetdinh",
    "ndc": "nongdocon",
    "ttdt": "thongtindientu",
}
_WORDS = re.compile(r"[^\W_]+")
# A note in brackets ("(người)", "(dd/mm/yyyy)", "[1]"), closed or cut off at the cell's end.
_NOTE = re.compile(r"\([^()]*\)?|\[[^\[\]]*\]?")
# Numbering before the header: "1. Đơn vị", "2) Ngày", "II. Hình thức".
_NUMBERED = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[IVX]+)\s*[.):\-\u2013]\s*")
# A row of column numbers under the header ("1", "2", "(3)"…), as party forms print it.
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")

UNKNOWN, DUPLICATE, ROW_NUMBER, IGNORED = "unknown", "duplicate", "row_number", "ignored"


@dataclass(frozen=True)
class HeaderMatch:
    """A header row and how its columns were understood."""

    row: int  # the header's index among the rows searched
    cells: list[str]
    columns: dict[int, str]  # column index → field, the columns used
    unused: dict[int, str]  # column index → why not: UNKNOWN, DUPLICATE, ROW_NUMBER, IGNORED
    missing: tuple[str, ...]  # needed fields no column names
    data_start: int  # index of the first data row (a row of column numbers is skipped)


def _expanded(text: str) -> str:
    return "".join(_ABBREVIATIONS.get(w, w) for w in _WORDS.findall(fold(text)))


def _keys(kind: str) -> dict[str, str]:
    """Every key a header of the kind is known by (as written and abbreviations read) → field."""
    out: dict[str, str] = {}
    for field, names in FIELDS[kind].items():
        for name in (field, *names):
            out.setdefault(compact(name), field)
    for field, names in FIELDS[kind].items():
        for name in (field, *names):
            out.setdefault(_expanded(name), field)
    return out


def _loose(cell: str, known: Mapping[str, object]) -> Iterator[str]:
    """The header read more loosely: without its numbering or a hint after a colon, then without
    its notes in brackets, one at a time from the end. A note that itself names a field is part
    of the header ("Ngày (quyết định)" is not "Ngày")."""

    def names(text: str) -> bool:
        return compact(text) in known or _expanded(text) in known

    text = _NUMBERED.sub("", cell, count=1)
    head, colon, hint = text.partition(":")
    if colon and compact(head) and not names(hint):
        text = head
    yield text
    for note in reversed(list(_NOTE.finditer(text))):
        if names(note.group()[1:].rstrip(")]")):
            return
        text = f"{text[: note.start()]} {text[note.end() :]}"
        yield text


def _understood(
    cell: str, keys: Mapping[str, str], chosen: Mapping[str, str | None]
) -> tuple[str | None, int] | None:
    """(field, rank) for one header cell, or None when nobody knows it. The lower the rank,
    the surer: a mapping file's word, a known header, one read more loosely; a general header
    ranks after a specific one. A field of None: the mapping file says to leave it out."""
    # The header as written (abbreviations read as words or not), then read loosely.
    forms = [(compact(cell), 1), (_expanded(cell), 1)]
    forms += [(f(text), 3) for text in _loose(cell, keys) for f in (compact, _expanded)]
    for form, _rank in forms:
        if form in chosen:
            return chosen[form], 0
    for form, rank in forms:
        if form in keys:
            return keys[form], rank + (form in _GENERAL)
    return None


def _row_number(cell: str, keys: Mapping[str, str]) -> bool:
    return any(compact(text) in ROW_NUMBERS for text in (cell, *_loose(cell, keys)))


def read_header(
    cells: list[str], kind: str, mapping: Mapping[str, str | None] | None = None
) -> tuple[dict[int, str], dict[int, str]]:
    """One candidate header row → (column index → field, column index → why it is not used).
    Two columns naming one field: the surer one is used, else the first; empty cells are left
    out of both."""
    keys = _keys(kind)
    chosen = {compact(k): v for k, v in (mapping or {}).items()}
    claims: dict[str, list[tuple[int, int]]] = {}
    unused: dict[int, str] = {}
    for index, cell in enumerate(cells):
        if not compact(cell):
            continue
        found = _understood(cell, keys, chosen)
        if found is None:
            unused[index] = ROW_NUMBER if _row_number(cell, keys) else UNKNOWN
        elif found[0] is None:
            unused[index] = IGNORED
        else:
            claims.setdefault(found[0], []).append((found[1], index))
    columns: dict[int, str] = {}
    for field, claimed in claims.items():
        best, *others = sorted(claimed)
        columns[best[1]] = field
        unused.update((index, DUPLICATE) for _rank, index in others)
    return dict(sorted(columns.items())), dict(sorted(unused.items()))


def match_header(
    cells: list[str], kind: str, mapping: Mapping[str, str | None] | None = None
) -> dict[int, str]:
    """Column index → field for one candidate header row (unknown columns are left out)."""
    return read_header(cells, kind, mapping)[0]


def find_header(
    rows: list[list[str]],
    kind: str,
    mapping: Mapping[str, str | None] | None = None,
    *,
    required: tuple[str, ...] | None = None,
) -> HeaderMatch | None:
    """The first of the leading rows that names every required field. Failing that, the row
    that names most fields (two at least: one known word is more likely a title), with the
    fields it lacks in `missing`; None if no row looks like a header."""
    needed = REQUIRED[kind] if required is None else required
    best: HeaderMatch | None = None
    for index, cells in enumerate(rows[:LOOKAHEAD]):
        columns, unused = read_header(cells, kind, mapping)
        missing = tuple(f for f in needed if f not in columns.values())
        after = rows[index + 1] if index + 1 < len(rows) else []
        start = index + 1 + _column_numbers(after)
        found = HeaderMatch(index, cells, columns, unused, missing, start)
        if not missing:
            return found
        if len(columns) >= 2 and (best is None or len(columns) > len(best.columns)):
            best = found
    return best


def _column_numbers(cells: list[str]) -> bool:
    """Whether a row is the column numbers party forms print under the header: 1, 2, 3…"""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 2 or not all(_COLUMN_NUMBER.match(c) for c in filled):
        return False
    numbers = [int(c.strip("()")) for c in filled]
    return all(a < b for a, b in itertools.pairwise(numbers))
