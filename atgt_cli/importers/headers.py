"""Which column holds which field: Vietnamese headers as offices write them (with or without
diacritics, any case), the English field names, or a mapping file; title lines above the
header row are skipped."""

from __future__ import annotations

from atgt_cli.text import compact

# field → the headers that name it (compared without case, diacritics, spaces or punctuation)
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "sessions": {
        "unit": ("Chi bộ", "Đơn vị", "Tên đơn vị", "Chi bộ/Đoàn thể", "Tổ chức", "unit"),
        "date": ("Ngày", "Ngày tổ chức", "Ngày sinh hoạt", "Thời gian", "Ngày đăng", "date"),
        "channel": ("Hình thức", "Hình thức tuyên truyền", "channel"),
        "topics": ("Nội dung", "Nội dung tuyên truyền", "Chủ đề", "topic", "topics"),
        "item": ("Mục", "Mục kế hoạch", "item"),
        "present": ("Số đảng viên dự", "Đảng viên dự", "Số ĐV dự", "Số dự", "Có mặt", "present"),
        "total": ("Tổng số đảng viên", "Tổng số ĐV", "Tổng số", "total"),
        "masses": ("Lượt quần chúng", "Số lượt quần chúng", "Quần chúng", "Lượt QC", "masses"),
        "title": ("Tiêu đề", "Tên bài", "Tên buổi", "title"),
        "url": ("Đường dẫn", "Link", "Liên kết", "url"),
        "note": ("Ghi chú", "note"),
        "evidence": ("Minh chứng", "evidence"),
    },
    "units": {
        "name": ("Tên đơn vị", "Đơn vị", "Chi bộ", "Tên", "name"),
        "kind": ("Loại", "Loại đơn vị", "kind"),
        "parent": ("Trực thuộc", "Cấp trên", "parent"),
        "members": ("Số đảng viên", "Đảng viên", "Tổng số đảng viên", "members"),
        "exempt": ("Miễn sinh hoạt", "Số miễn sinh hoạt", "exempt"),
        "since": ("Từ ngày", "Áp dụng từ", "since"),
        "aliases": ("Tên khác", "Tên gọi khác", "Viết tắt", "Tên viết tắt", "aliases", "alias"),
    },
    "violations": {
        "unit": ("Chi bộ", "Đơn vị", "unit"),
        "member": ("Họ và tên", "Họ tên", "Đảng viên", "Tên đảng viên", "member", "name"),
        "membership": ("Chính thức/Dự bị", "Loại đảng viên", "membership"),
        "party_post": ("Chức vụ đảng", "party post", "party_post"),
        "state_title": ("Chức vụ chính quyền", "Chức vụ", "state title", "state_title"),
        "category": ("Hành vi vi phạm", "Loại vi phạm", "Vi phạm", "Nội dung vi phạm", "category"),
        "date": ("Ngày vi phạm", "Ngày", "date"),
        "known_on": ("Ngày biết", "Ngày phát hiện", "Ngày nhận thông báo", "known on", "known_on"),
        "detected_by": ("Nơi phát hiện", "Cơ quan phát hiện", "detected by", "detected_by"),
        "alcohol_breath": (
            "Nồng độ cồn (mg/l)",
            "Nồng độ cồn khí thở",
            "alcohol breath",
            "alcohol_breath",
        ),
        "alcohol_blood": (
            "Nồng độ cồn máu",
            "Nồng độ cồn (mg/100ml)",
            "alcohol blood",
            "alcohol_blood",
        ),
        "reported_on": ("Ngày báo cáo", "reported on", "reported_on"),
        "outcome": ("Hình thức xử lý", "Xử lý", "Kết quả xử lý", "outcome"),
        "decided_on": ("Ngày quyết định", "Ngày xử lý", "decided on", "decided_on"),
        "decided_by": ("Cấp quyết định", "Cấp xử lý", "decided by", "decided_by"),
        "decision": ("Số quyết định", "Quyết định", "decision"),
        "published_on": ("Ngày công khai", "Ngày công bố", "published on", "published_on"),
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
    "violations": ("unit", "member", "category", "date"),
}
LOOKAHEAD = 20  # rows searched for the header under a title block


def _keys(kind: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for field, names in FIELDS[kind].items():
        for name in (field, *names):
            out.setdefault(compact(name), field)
    return out


def match_header(
    cells: list[str], kind: str, mapping: dict[str, str] | None = None
) -> dict[int, str]:
    """Column index → field for one candidate header row (unknown columns are left out)."""
    keys = _keys(kind)
    chosen = {compact(k): v for k, v in (mapping or {}).items()}
    out: dict[int, str] = {}
    for index, cell in enumerate(cells):
        key = compact(cell)
        field = chosen.get(key) or keys.get(key)
        if field and field not in out.values():
            out[index] = field
    return out


def find_header(
    rows: list[list[str]],
    kind: str,
    mapping: dict[str, str] | None = None,
    *,
    required: tuple[str, ...] | None = None,
) -> tuple[int, dict[int, str]] | None:
    """The first of the leading rows that names every required field: (row index, columns)."""
    needed = set(REQUIRED[kind] if required is None else required)
    for index, cells in enumerate(rows[:LOOKAHEAD]):
        columns = match_header(cells, kind, mapping)
        if needed <= set(columns.values()):
            return index, columns
    return None
