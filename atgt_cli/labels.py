"""Every user-facing text, in Vietnamese with its English twin.

The language is chosen once, before the CLI is built (``--lang`` or ``ATGT_LANG``),
so help texts are in that language too.
"""

from __future__ import annotations

import os

LANGS = ("vi", "en")
_lang = "en" if os.environ.get("ATGT_LANG", "").lower().startswith("en") else "vi"

# key: (Vietnamese, English). Keep related keys together; placeholders use str.format.
MESSAGES: dict[str, tuple[str, str]] = {
    # errors and the CLI frame
    "error": ("Lỗi", "Error"),
    "app.help": (
        "Theo dõi Kế hoạch 16-KH/ĐUSCT về trật tự, an toàn giao thông: ghi nhận buổi tuyên "
        "truyền và vi phạm của đảng viên, kiểm tra tiến độ, làm báo cáo.",
        "Track plan 16-KH/ĐUSCT on traffic order and safety: record propaganda sessions and "
        "members' violations, check progress, make reports.",
    ),
    "opt.lang": (
        "Ngôn ngữ: vi hoặc en (hoặc biến ATGT_LANG).",
        "Language: vi or en (or ATGT_LANG).",
    ),
    "opt.debug": ("Hiện traceback khi có lỗi.", "Show a traceback on errors."),
    "opt.version": ("In phiên bản rồi thoát.", "Print the version and exit."),
    "lang.unknown": (
        "ngôn ngữ không hỗ trợ: {value} (chọn vi hoặc en)",
        "unsupported language: {value} (choose vi or en)",
    ),
    "interrupted": (
        "đã dừng theo yêu cầu (Ctrl-C); không có gì bị ghi dở.",
        "interrupted (Ctrl-C); nothing was half-written.",
    ),
    "internal": (
        "lỗi nội bộ: {detail}. Chạy lại với --debug để xem chi tiết và báo cho người phát triển.",
        "internal error: {detail}. Run again with --debug for details and tell the developers.",
    ),
    # plan commands
    "plan.help": ("Kế hoạch: kiểm tra tệp YAML, lược đồ.", "Plans: validate YAML files, schema."),
    "plan.validate.help": (
        "Kiểm tra tệp kế hoạch YAML; liệt kê mọi lỗi dạng TỆP:DÒNG:CỘT: đường dẫn: thông báo.",
        "Validate a plan YAML file; list every problem as FILE:LINE:COL: path: message.",
    ),
    "plan.validate.file": ("Tệp kế hoạch YAML.", "The plan YAML file."),
    "plan.validate.ok": (
        "{file}: hợp lệ — {symbol}, {items} mục, {targets} chỉ tiêu, {assignments} phân công.",
        "{file}: valid — {symbol}, {items} items, {targets} targets, {assignments} assignments.",
    ),
    "plan.validate.failed": ("{file}: {count} lỗi.", "{file}: {count} problem(s)."),
    "plan.schema.help": (
        "In JSON Schema của tệp kế hoạch (cho trình soạn thảo).",
        "Print the JSON Schema of plan files (for editors).",
    ),
    "file.unreadable": ("không đọc được tệp {file}: {reason}", "cannot read {file}: {reason}"),
    "file.not_utf8": (
        "{file}: không phải văn bản UTF-8 (byte {offset})",
        "{file}: not UTF-8 text (byte {offset})",
    ),
    # plan YAML problems
    "yaml.syntax": ("lỗi cú pháp YAML: {detail}", "YAML syntax error: {detail}"),
    "yaml.empty": ("tệp rỗng", "the file is empty"),
    "yaml.duplicate_key": (
        "khóa '{key}' lặp lại (lần đầu ở dòng {line})",
        "duplicate key '{key}' (first at line {line})",
    ),
    "yaml.too_big": (
        "tệp nở ra quá {limit} nút khi mở alias (bom YAML?)",
        "the file expands to more than {limit} nodes through aliases (a YAML bomb?)",
    ),
    "yaml.too_deep": ("lồng nhau quá {limit} tầng", "nested deeper than {limit} levels"),
    "yaml.tag": ("thẻ YAML không được phép: {tag}", "YAML tag not allowed: {tag}"),
    "yaml.merge": (
        "không dùng khóa gộp '<<' trong kế hoạch",
        "merge keys '<<' are not allowed in a plan",
    ),
    "yaml.key_type": ("khóa phải là chuỗi", "keys must be strings"),
    "yaml.bad_scalar": ("giá trị không đọc được: {detail}", "unreadable value: {detail}"),
    "yaml.not_mapping": (
        "tệp kế hoạch phải là một ánh xạ (khóa: giá trị)",
        "a plan file must be a mapping (key: value)",
    ),
    # schema validation (pydantic error types)
    "v.missing": ("thiếu trường bắt buộc", "field required"),
    "v.extra": ("khóa không có trong lược đồ", "unknown key"),
    "v.type": ("kiểu sai: cần {expected}", "wrong type: expected {expected}"),
    "v.choice": (
        "giá trị '{value}' không hợp lệ; chọn một trong: {choices}",
        "invalid value '{value}'; choose one of: {choices}",
    ),
    "v.empty": ("không được để trống", "must not be empty"),
    "v.gt": ("phải > {limit}", "must be > {limit}"),
    "v.ge": ("phải ≥ {limit}", "must be ≥ {limit}"),
    "v.le": ("phải ≤ {limit}", "must be ≤ {limit}"),
    "v.pattern": ("không đúng dạng: {hint}", "wrong form: {hint}"),
    "v.date": ("{detail}", "{detail}"),
    "v.other": ("{detail}", "{detail}"),
    "date.invalid": (
        "không phải ngày: '{text}' (dạng dd/mm/yyyy)",
        "not a date: '{text}' (expected dd/mm/yyyy)",
    ),
    "date.nonexistent": ("không có ngày này: {text}", "no such date: {text}"),
    # plan cross-references
    "ref.duplicate_id": (
        "mã '{id}' lặp lại (đã có ở {first})",
        "duplicate id '{id}' (already at {first})",
    ),
    "ref.item_unknown": ("mục '{id}' không có trong kế hoạch", "item '{id}' is not in the plan"),
    "ref.item_prefix": (
        "mã mục '{id}' phải bắt đầu bằng '{parent}.'",
        "item id '{id}' must begin with '{parent}.'",
    ),
    "ref.vocab_unknown": (
        "'{code}' không có trong danh mục {vocab}",
        "'{code}' is not in the {vocab} vocabulary",
    ),
    "ref.alias_clash": (
        "'{text}' trùng với {other} (cách gõ không dấu giống nhau)",
        "'{text}' clashes with {other} (same text without diacritics)",
    ),
    "ref.param_not_for_metric": (
        "'{param}' không dùng cho chỉ số {metric}",
        "'{param}' does not apply to metric {metric}",
    ),
    "ref.param_needed": ("chỉ số {metric} cần '{param}'", "metric {metric} needs '{param}'"),
    "ref.ratio_threshold": (
        "chỉ số {metric} tính theo %: ngưỡng phải từ 0 đến 100",
        "metric {metric} is a percentage: threshold must be within 0-100",
    ),
    "ref.count_threshold": (
        "chỉ số {metric} là số đếm: ngưỡng phải là số nguyên",
        "metric {metric} is a count: threshold must be a whole number",
    ),
    "ref.unit_ref": (
        "ghi đúng một trong 'kind' hoặc 'unit'",
        "give exactly one of 'kind' or 'unit'",
    ),
}


def set_lang(lang: str) -> None:
    global _lang
    _lang = lang


def get_lang() -> str:
    return _lang


def t(key: str, /, **params: object) -> str:
    vi, en = MESSAGES[key]
    text = en if _lang == "en" else vi
    return text.format(**params) if params else text
