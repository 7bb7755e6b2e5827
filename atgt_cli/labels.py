"""Every user-facing text, in Vietnamese with its English twin.

The language is chosen once, before the CLI is built (``--lang`` or ``ATGT_LANG``),
so help texts are in that language too.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

LANGS = ("vi", "en")
_lang = "en" if os.environ.get("ATGT_LANG", "").lower().startswith("en") else "vi"

# key: (Vietnamese, English). Keep related keys together; placeholders use str.format.
MESSAGES: dict[str, tuple[str, str]] = {
    # errors and the CLI frame
    "error": ("Lỗi", "Error"),
    # the command line's own words (click's and typer's, see cli/usage.py)
    "usage.prefix": ("Cách dùng:", "Usage:"),
    "usage.options_piece": ("[TÙY_CHỌN]", "[OPTIONS]"),
    "usage.command_piece": ("LỆNH [THAM_SỐ]...", "COMMAND [ARGS]..."),
    "usage.try": ("Xem '{command}' để biết cách dùng.", "Try '{command}' for help."),
    "usage.arguments": ("Đối số", "Arguments"),
    "usage.options": ("Tùy chọn", "Options"),
    "usage.commands": ("Lệnh", "Commands"),
    "usage.default": ("mặc định: {default}", "default: {default}"),
    "usage.envvar": ("biến môi trường: {var}", "env var: {var}"),
    "usage.required": ("bắt buộc", "required"),
    "usage.missing_command": ("thiếu lệnh.", "Missing command."),
    "usage.no_command": ("không có lệnh {name!r}.", "No such command {name!r}."),
    "usage.aborted": ("Đã hủy.", "Aborted!"),
    "usage.did_you_mean": ("{a}. Có phải là {b}?", "{a}. Did you mean {b}?"),
    "usage.no_option": ("không có tùy chọn {a}", "No such option: {a}"),
    "usage.possible": ("(có thể là: {choices})", "(Possible options: {choices})"),
    "usage.extra": ("thừa đối số: {a}", "Got unexpected extra argument(s) ({a})"),
    "usage.needs_value": ("tùy chọn {a} cần một giá trị.", "Option {a} requires an argument."),
    "usage.needs_values": ("tùy chọn {a} cần {b} giá trị.", "Option {a} requires {b} arguments."),
    "usage.takes_no_value": (
        "tùy chọn {a} không nhận giá trị.",
        "Option {a} does not take a value.",
    ),
    "usage.not_integer": ("{a} không phải số nguyên.", "{a} is not a valid integer."),
    "usage.not_number": ("{a} không phải số.", "{a} is not a valid number."),
    "usage.not_boolean": (
        "{a} không phải có/không (yes/no, true/false, 1/0).",
        "{a} is not a valid boolean (yes/no, true/false, 1/0).",
    ),
    "usage.out_of_range": ("{a} nằm ngoài khoảng {b}.", "{a} is not in the range {b}."),
    "usage.not_one_of": ("{a} không phải một trong: {b}.", "{a} is not one of {b}."),
    "usage.no_path": ("không có {a}.", "{a} does not exist."),
    "usage.is_directory": ("{a} là thư mục, cần một tệp.", "{a} is a directory, not a file."),
    "usage.is_file": ("{a} là tệp, cần một thư mục.", "{a} is a file, not a directory."),
    "usage.denied": ("không có quyền đọc hoặc ghi {a}.", "{a} cannot be read or written."),
    "usage.bad_value": (
        "giá trị không hợp lệ cho {field}: {message}",
        "Invalid value for {field}: {message}",
    ),
    "usage.missing_option": ("thiếu tùy chọn {field}.", "Missing option {field}."),
    "usage.missing_argument": ("thiếu {field}.", "Missing argument {field}."),
    "arg.NAME": ("tên", "name"),
    "arg.NAME_OR_CODE": ("tên hoặc mã đảng viên", "member's name or code"),
    "arg.NEW_NAME": ("tên mới", "new name"),
    "arg.UNIT": ("đơn vị", "unit"),
    "arg.ALIAS": ("tên gọi khác", "other name"),
    "arg.ID": ("số của bản ghi", "record number"),
    "arg.BATCH": ("số của đợt nhập", "import batch number"),
    "arg.FILE": ("tệp", "file"),
    "arg.N": ("số đảng viên", "number of members"),
    "arg.SYMBOL": ("số hiệu kế hoạch", "plan symbol"),
    "opt.help": ("Hiện trợ giúp này rồi thoát.", "Show this message and exit."),
    "opt.install_completion": (
        "Cài gợi ý lệnh (phím Tab) cho shell đang dùng.",
        "Install completion for the current shell.",
    ),
    "opt.show_completion": (
        "In mã gợi ý lệnh cho shell đang dùng, để chép hoặc tự cài.",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    "completion.installed": (
        "Đã cài gợi ý lệnh cho {shell} vào {path}",
        "{shell} completion installed in {path}",
    ),
    "completion.restart": (
        "Gợi ý lệnh có hiệu lực khi mở lại cửa sổ dòng lệnh (terminal).",
        "Completion will take effect once you restart the terminal.",
    ),
    "completion.unsupported": (
        "không có gợi ý lệnh cho shell {shell}; atgt có cho: {shells}",
        "no completion for the shell {shell}; atgt has it for: {shells}",
    ),
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
    "plan.help": (
        "Kế hoạch: kiểm tra, nạp vào kho, xem, so sánh các bản.",
        "Plans: validate, load into the store, show, compare revisions.",
    ),
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
    "file.missing": ("không có tệp này", "no such file"),
    "file.unwritable": ("không ghi được tệp {file}: {reason}", "cannot write {file}: {reason}"),
    "file.not_utf8": (
        "{file}: không phải văn bản UTF-8 (byte {offset})",
        "{file}: not UTF-8 text (byte {offset})",
    ),
    # outputs that must not destroy anything, full disks, leftovers (issue 21)
    "file.disk_full": ("đĩa đầy", "the disk is full"),
    "output.is_dir": (
        "{file} là một thư mục: hãy ghi tên tệp; không có gì bị ghi",
        "{file} is a folder: give a file's name; nothing was written",
    ),
    "output.not_file": (
        "{file} không phải tệp thường (thiết bị, ống dẫn…): không ghi ra đó; không có gì bị ghi",
        "{file} is not a regular file (a device, a pipe…): atgt does not write there; nothing was written",
    ),
    "output.kept": (
        "không ghi ra {file}: đó là {what} ({kept}), ghi ra sẽ làm mất nó; hãy chọn tệp khác, không có gì bị ghi",
        "will not write {file}: it is {what} ({kept}), writing would destroy it; choose another file, nothing was written",
    ),
    "store.is_dir": ("đó là một thư mục, không phải tệp kho", "it is a folder, not a store file"),
    "store.not_file": (
        "đó không phải tệp thường (thiết bị, ống dẫn…)",
        "it is not a regular file (a device, a pipe…)",
    ),
    "demo.out_not_dir": (
        "--out {path} không phải thư mục: demo ghi nhiều tệp vào một thư mục; không có gì bị ghi",
        "--out {path} is not a folder: the demo writes several files into one; nothing was written",
    ),
    "output.the_store": ("kho dữ liệu đang dùng", "the store in use"),
    "output.store_sidecar": (
        "tệp đi kèm của kho dữ liệu đang dùng (SQLite)",
        "a file of the store in use (SQLite's)",
    ),
    "output.the_input": ("tệp đang nhập", "the file being imported"),
    "output.the_mapping": ("tệp ánh xạ đang dùng", "the mapping file in use"),
    "output.the_template": (
        "mẫu Word đang dùng (--template)",
        "the Word template in use (--template)",
    ),
    "output.a_store": ("một kho atgt", "an atgt store"),
    "restore.not_a_store": (
        "{path} không phải kho atgt: không khôi phục đè lên nó; tệp giữ nguyên — "
        "hãy chọn --db khác, hoặc tự dời tệp ấy đi",
        "{path} is not an atgt store: nothing restored over it; the file is unchanged — "
        "choose another --db, or move that file away yourself",
    ),
    "restore.is_dir": (
        "{path} là một thư mục, không phải kho: không khôi phục; thư mục giữ nguyên",
        "{path} is a folder, not a store: nothing restored; the folder is unchanged",
    ),
    "check.leftovers": (
        "{count} tệp tạm do một lần chạy bị ngắt để lại (xóa được): {files}",
        "{count} temporary file(s) left by an interrupted run (safe to delete): {files}",
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
    # the store
    "warning": ("Cảnh báo", "Warning"),
    "opt.db": (
        "Tệp kho dữ liệu, hoặc kho dùng chung postgresql://người_dùng@máy/tên (hoặc biến ATGT_DB; mặc định trong thư mục dữ liệu của người dùng).",
        "The store file, or a shared store postgresql://user@host/name (or ATGT_DB; default in the user's data directory).",
    ),
    "store.missing": (
        "chưa có kho dữ liệu tại {path}: chạy `atgt init` (hoặc chọn tệp khác bằng --db / ATGT_DB)",
        "no store at {path}: run `atgt init` (or choose another file with --db / ATGT_DB)",
    ),
    "store.empty": (
        "{path} là tệp rỗng (0 byte), chưa phải kho atgt: chạy `atgt init` để tạo kho tại đó; tệp không bị sửa",
        "{path} is an empty file (0 bytes), not an atgt store yet: run `atgt init` to make one there; the file was not modified",
    ),
    "store.not_sqlite": (
        "{path} không phải kho dữ liệu atgt (không phải tệp SQLite); tệp không bị sửa",
        "{path} is not an atgt store (not an SQLite file); the file was not modified",
    ),
    "store.foreign": (
        "{path} là cơ sở dữ liệu SQLite nhưng không phải kho atgt; tệp không bị sửa",
        "{path} is an SQLite database but not an atgt store; the file was not modified",
    ),
    "store.damaged": (
        "kho dữ liệu {path} bị hỏng ({detail}); tệp không bị sửa — khôi phục từ bản sao lưu",
        "the store {path} is damaged ({detail}); the file was not modified — restore it from a backup",
    ),
    "store.newer": (
        "kho {path} do phiên bản atgt mới hơn tạo (lược đồ {version}, bản này chỉ biết đến {latest}): hãy nâng cấp atgt; tệp không bị sửa",
        "the store {path} was made by a newer atgt (schema {version}; this one knows up to {latest}): upgrade atgt; the file was not modified",
    ),
    "store.busy": (
        "kho {path} đang bận (một lệnh khác đang ghi); thử lại sau",
        "the store {path} is busy (another command is writing); try again",
    ),
    "store.readonly": (
        "không ghi được vào kho {path} (chỉ đọc): {detail}; không có gì bị ghi",
        "cannot write to the store {path} (read-only): {detail}; nothing was written",
    ),
    "store.readonly_old": (
        "kho {path} chỉ đọc ({detail}) mà cần nâng cấp lên lược đồ {latest}: hãy cho phép ghi rồi chạy lại; tệp không bị sửa",
        "the store {path} is read-only ({detail}) but needs upgrading to schema {latest}: make it writable and run again; the file was not modified",
    ),
    "store.dir_readonly": ("thư mục {dir} chỉ đọc", "the folder {dir} is read-only"),
    "store.full": (
        "đĩa đầy, không ghi được vào kho {path}; không có gì bị ghi dở",
        "the disk is full, cannot write to the store {path}; nothing was half-written",
    ),
    "store.cannot_open": (
        "không mở được kho {path}: {detail}",
        "cannot open the store {path}: {detail}",
    ),
    "store.error": ("lỗi kho dữ liệu {path}: {detail}", "store error {path}: {detail}"),
    "store.pg_missing": (
        "cơ sở dữ liệu {path} còn trống, chưa phải kho atgt: chạy `atgt init` để tạo kho trong đó",
        "the database {path} is empty, not an atgt store yet: run `atgt init` to make one in it",
    ),
    "store.pg_foreign": (
        "cơ sở dữ liệu {path} có dữ liệu khác, không phải kho atgt; không có gì bị sửa",
        "the database {path} holds something else, not an atgt store; nothing was modified",
    ),
    "store.pg_newer": (
        "kho {path} do phiên bản atgt mới hơn tạo (lược đồ {version}, bản này chỉ biết đến {latest}): hãy nâng cấp atgt; không có gì bị sửa",
        "the store {path} was made by a newer atgt (schema {version}; this one knows up to {latest}): upgrade atgt; nothing was modified",
    ),
    "store.pg_connect": (
        "không kết nối được kho {path}: {detail}",
        "cannot connect to the store {path}: {detail}",
    ),
    "store.pg_denied": (
        "tài khoản này không được phép làm việc đó trong kho {path}: {detail}; không có gì bị ghi",
        "this account may not do that in the store {path}: {detail}; nothing was written",
    ),
    "store.pg_file_only": (
        "`atgt {command}` dành cho kho là tệp; kho {path} trên máy chủ: sao lưu bằng `atgt store copy --to TỆP.db` (hoặc pg_dump)",
        "`atgt {command}` is for a store that is a file; {path} is on a server: back it up with `atgt store copy --to FILE.db` (or pg_dump)",
    ),
    "storegroup.help": (
        "Chuyển kho: chép cả kho sang cơ sở dữ liệu khác (tệp SQLite ⇄ PostgreSQL).",
        "Move the store: copy all of it into another database (a SQLite file ⇄ PostgreSQL).",
    ),
    "storegroup.copy.help": (
        "Chép cả kho (kế hoạch, đơn vị, đảng viên, mọi bản ghi, nhật ký, các lần nhập) vào một cơ sở dữ liệu PostgreSQL trống hoặc một tệp .db mới; kiểm tra số dòng và mã kiểm tra từng bảng.",
        "Copy the whole store (plans, units, members, every record, the log, the imports) into an empty PostgreSQL database or a new .db file; checks each table's row count and checksum.",
    ),
    "copy.to": (
        "Nơi chép đến: postgresql://người_dùng@máy/tên (trống) hoặc TỆP.db (chưa có).",
        "Where to: postgresql://user@host/name (empty) or FILE.db (new).",
    ),
    "copy.same": ("{target} chính là kho đang dùng", "{target} is the store itself"),
    "copy.not_a_file": ("{target} không phải tệp", "{target} is not a file"),
    "copy.exists": (
        "tệp {target} đã có: chọn tên tệp mới; không có gì bị ghi",
        "the file {target} exists: choose a new file name; nothing was written",
    ),
    "copy.not_empty": (
        "kho {target} đã có dữ liệu ({tables}): chỉ chép vào kho trống; không có gì bị ghi",
        "the store {target} already holds data ({tables}): copies go into an empty one only; nothing was written",
    ),
    "copy.mismatch": (
        "bản chép của bảng {table} không khớp ({want} dòng, chép được {got}): đã hủy, không có gì bị ghi",
        "the copy of the table {table} does not match ({want} rows, {got} copied): undone, nothing was written",
    ),
    "copy.table": (
        "  {table}: {rows} dòng, mã kiểm tra {checksum}…",
        "  {table}: {rows} rows, checksum {checksum}…",
    ),
    "copy.done": (
        "Đã chép kho {source} sang {target}: {rows} dòng, mọi bảng khớp số dòng và mã kiểm tra.",
        "Copied the store {source} to {target}: {rows} rows, every table's count and checksum match.",
    ),
    "user.help": (
        "Tài khoản của kho dùng chung (PostgreSQL): của Văn phòng hoặc của một đơn vị.",
        "Logins of a shared store (PostgreSQL): an office's or one unit's.",
    ),
    "user.add.help": (
        "Tạo tài khoản đăng nhập: --unit cho một đơn vị (chỉ thấy đảng viên, buổi, vi phạm của đơn vị mình; xem kế hoạch và số liệu mọi đơn vị), --office cho Văn phòng (mọi thứ).",
        "Create a login: --unit for one unit (sees only its own members, sessions and violations; reads the plan and every unit's figures), --office for the office (everything).",
    ),
    "user.opt.office": ("Tài khoản của Văn phòng (mọi đơn vị).", "An office login (every unit)."),
    "user.opt.password": (
        "Mật khẩu đăng nhập máy chủ (không có: đặt sau bằng ALTER ROLE … PASSWORD hoặc \\password).",
        "The server login's password (none: set it later with ALTER ROLE … PASSWORD or \\password).",
    ),
    "user.office": ("Văn phòng", "the office"),
    "user.added": ("Đã tạo tài khoản {name} ({unit}).", "Created the login {name} ({unit})."),
    "user.updated": (
        "Tài khoản {name} đã có: quyền đặt lại theo {unit}.",
        "The login {name} exists: its access is set again for {unit}.",
    ),
    "user.file_store": (
        "kho {path} là một tệp, chỉ một người dùng: tài khoản chỉ có ở kho dùng chung (--db postgresql://…)",
        "the store {path} is a file, for one user: logins are for a shared store (--db postgresql://…)",
    ),
    "user.bad_name": (
        "tên tài khoản {name!r} không hợp lệ: chữ thường không dấu, số, _ . - (tối đa 63 ký tự), bắt đầu bằng chữ",
        "the login name {name!r} is not valid: lower-case letters without accents, digits, _ . - (63 at most), starting with a letter",
    ),
    "user.unit_or_office": (
        "ghi một trong hai: --unit ĐƠN_VỊ (tài khoản của đơn vị) hoặc --office (của Văn phòng)",
        "give one of: --unit UNIT (a unit's login) or --office (the office's)",
    ),
    "store.network": (
        "kho {path} nằm trên ổ mạng (SMB/NFS): chế độ WAL của SQLite không an toàn ở đó, hãy để kho trên ổ máy này",
        "the store {path} is on a network share (SMB/NFS): SQLite's WAL mode is not safe there; keep the store on a local disk",
    ),
    "backup.help": (
        "Sao lưu kho vào một tệp (bản chụp nhất quán, kể cả khi người khác đang ghi); mặc định cạnh kho, tên có ngày giờ.",
        "Back up the store to a file (a consistent snapshot, even while others write); by default beside the store, named with the date and time.",
    ),
    "backup.file": (
        "Tệp sao lưu (mặc định: KHO-YYYYMMDD-HHMMSS.db cạnh kho).",
        "The backup file (default: STORE-YYYYMMDD-HHMMSS.db beside the store).",
    ),
    "backup.force": ("Ghi đè tệp đã có.", "Overwrite an existing file."),
    "backup.done": (
        "Đã sao lưu kho {path} vào {target} ({size}).",
        "Backed up the store {path} to {target} ({size}).",
    ),
    "backup.exists": (
        "{target} đã có: chọn tên khác, hoặc thêm --force để ghi đè",
        "{target} already exists: choose another name, or add --force to overwrite it",
    ),
    "backup.is_dir": (
        "{target} là một thư mục: hãy ghi tên tệp sao lưu",
        "{target} is a folder: give the backup file's name",
    ),
    "backup.onto_store": (
        "không thể sao lưu kho {path} đè lên chính nó ({target})",
        "cannot back up the store {path} onto itself ({target})",
    ),
    "backup.bad_copy": (
        "bản sao {path} không đạt kiểm tra toàn vẹn; đã xoá bản sao, kho không bị sửa",
        "the copy {path} failed its integrity check; the copy was removed, the store was not modified",
    ),
    "restore.help": (
        "Khôi phục kho từ tệp sao lưu: kiểm tra tệp trước, giữ lại kho đang dùng (tên có ngày giờ) rồi thay.",
        "Restore the store from a backup file: the file is checked first, the current store is kept (named with the date and time), then replaced.",
    ),
    "restore.file": ("Tệp sao lưu để khôi phục.", "The backup file to restore."),
    "restore.done": (
        "Đã khôi phục kho {path} từ {source}.",
        "Restored the store {path} from {source}.",
    ),
    "restore.kept": ("Kho cũ được giữ tại {kept}.", "The replaced store was kept as {kept}."),
    "restore.upgraded": (
        "Bản sao lưu ở lược đồ {old} đã được nâng lên lược đồ {new}.",
        "The backup (schema {old}) was upgraded to schema {new}.",
    ),
    "restore.refused": (
        "{detail} — không khôi phục; kho {path} giữ nguyên",
        "{detail} — nothing restored; the store {path} is unchanged",
    ),
    "restore.onto_store": (
        "tệp cần khôi phục chính là kho {path}",
        "the file to restore is the store {path} itself",
    ),
    "restore.schema": (
        "các bảng của kho {path} khác với bản sao lưu đã nâng cấp; kho không bị sửa",
        "the tables of the store {path} differ from the upgraded backup's; the store was not modified",
    ),
    "check.help": (
        "Kiểm tra toàn vẹn kho (integrity_check, khoá ngoại) và đếm số dòng mỗi bảng; mã thoát 3 nếu hỏng.",
        "Check the store's integrity (integrity_check, foreign keys) and count the rows of each table; exit 3 if damaged.",
    ),
    "check.title": ("Kho {path} (lược đồ {version})", "Store {path} (schema {version})"),
    "check.table": ("Bảng", "Table"),
    "check.rows": ("Số dòng", "Rows"),
    "check.ok": ("Toàn vẹn: tốt.", "Integrity: ok."),
    "check.problems": ("Toàn vẹn: {count} vấn đề:", "Integrity: {count} problem(s):"),
    "check.foreign_key": (
        "{table} dòng {rowid}: trỏ tới {parent} không tồn tại",
        "{table} row {rowid}: refers to a missing {parent}",
    ),
    "check.damaged": (
        "kho {path} bị hỏng ({count} vấn đề): khôi phục từ bản sao lưu bằng `atgt restore TỆP`",
        "the store {path} is damaged ({count} problem(s)): restore it from a backup with `atgt restore FILE`",
    ),
    "init.help": (
        "Tạo kho dữ liệu và nạp kế hoạch mẫu 16-KH/ĐUSCT; chạy lại không thay đổi gì.",
        "Create the store and load the bundled plan 16-KH/ĐUSCT; running it again changes nothing.",
    ),
    "init.created": ("Đã tạo kho dữ liệu: {path}", "Created the store: {path}"),
    "init.exists": ("Kho dữ liệu đã có: {path}", "The store is already there: {path}"),
    "init.loaded": (
        "Đã nạp kế hoạch {symbol} (bản {rev}).",
        "Loaded plan {symbol} (revision {rev}).",
    ),
    "init.kept": (
        "Kế hoạch đã có trong kho; không thay đổi gì.",
        "The plan is already in the store; nothing changed.",
    ),
    # plans in the store
    "plan.load.help": (
        "Kiểm tra rồi nạp tệp kế hoạch vào kho (tệp đã đổi thành bản mới).",
        "Validate then store a plan file (a changed file becomes a new revision).",
    ),
    "plan.use.help": ("Chọn kế hoạch hiện hành.", "Choose the current plan."),
    "plan.list.help": ("Liệt kê các kế hoạch trong kho.", "List the plans in the store."),
    "plan.show.help": (
        "Xem kế hoạch: phần, mục, phân công, chỉ tiêu.",
        "Show a plan: parts, items, assignments, targets.",
    ),
    "plan.diff.help": (
        "So sánh hai kế hoạch: tệp YAML hoặc bản đã lưu (KÝ_HIỆU, KÝ_HIỆU@BẢN, @BẢN).",
        "Compare two plans: YAML files or stored revisions (SYMBOL, SYMBOL@REV, @REV).",
    ),
    "opt.symbol": (
        "Ký hiệu kế hoạch (mặc định: kế hoạch hiện hành).",
        "Plan symbol (default: the current plan).",
    ),
    "opt.item": ("Chỉ xem mục này (vd. II.2).", "Show only this item (e.g. II.2)."),
    "opt.rev": ("Bản (mặc định: mới nhất).", "Revision (default: the latest)."),
    "opt.json": ("In JSON cho script.", "Print JSON for scripts."),
    "plan.loaded": (
        "Đã nạp {symbol}: bản {rev}{current}.",
        "Loaded {symbol}: revision {rev}{current}.",
    ),
    "plan.unchanged": (
        "{symbol}: giống bản {rev}; không thay đổi gì.",
        "{symbol}: same as revision {rev}; nothing changed.",
    ),
    "plan.is_current": (" (hiện hành)", " (current)"),
    "plan.used": ("Kế hoạch hiện hành: {symbol}.", "Current plan: {symbol}."),
    "plan.unknown": (
        "không có kế hoạch '{symbol}' trong kho (có: {known})",
        "no plan '{symbol}' in the store (there are: {known})",
    ),
    "plan.none_current": (
        "kho chưa có kế hoạch: chạy `atgt init` hoặc `atgt plan load TỆP`",
        "the store has no plan: run `atgt init` or `atgt plan load FILE`",
    ),
    "plan.no_rev": (
        "không có bản {rev} (có các bản: {revs})",
        "no revision {rev} (revisions: {revs})",
    ),
    "plan.bad_ref": (
        "'{ref}' không phải tệp, cũng không phải KÝ_HIỆU@BẢN",
        "'{ref}' is neither a file nor SYMBOL@REV",
    ),
    "plan.no_item": (
        "không có mục '{item}' trong kế hoạch (có: {known})",
        "no item '{item}' in the plan (there are: {known})",
    ),
    "plan.none": ("Kho chưa có kế hoạch nào.", "The store holds no plan."),
    "diff.same": ("{a} và {b} giống nhau.", "{a} and {b} are the same."),
    "diff.summary": ("{a} → {b}: {count} thay đổi.", "{a} → {b}: {count} change(s)."),
    # demo
    "demo.help": (
        "Chạy thử trên kho mới ở thư mục tạm (không đụng tới kho thật): nạp kế hoạch và hiển thị.",
        "Try atgt on a fresh store in a temporary place (never your real store): load the plan and show it.",
    ),
    "demo.opt.db": (
        "Tạo kho demo tại đây (tệp chưa tồn tại).",
        "Create the demo store here (a file that does not exist yet).",
    ),
    "demo.opt.out": (
        "Thư mục ghi các tệp kết quả (mặc định: thư mục tạm).",
        "Directory for the output files (default: a temporary one).",
    ),
    "demo.exists": (
        "{path} đã tồn tại: demo cần một kho mới, hãy chọn tệp khác",
        "{path} exists: the demo needs a fresh store, choose another file",
    ),
    "demo.store": ("Kho demo: {path}", "Demo store: {path}"),
    "demo.sessions": ("Buổi tuyên truyền tháng {month}:", "Propaganda sessions of {month}:"),
    "demo.violations": ("Vi phạm (ẩn danh):", "Violations (redacted):"),
    "demo.outputs": ("Tệp kết quả: {path}", "Output files: {path}"),
    # labels of plan data
    "kind.chi-bo": ("các chi bộ", "party cells"),
    "kind.doan-the": ("các đoàn thể", "mass organisations"),
    "kind.dang-bo-bo-phan": ("các đảng bộ bộ phận", "intermediate party committees"),
    "kind.dang-uy": ("Đảng ủy", "the committee"),
    "period.month": ("tháng", "month"),
    "period.quarter": ("quý", "quarter"),
    "period.half": ("6 tháng", "half-year"),
    "period.year": ("năm", "year"),
    "tree.implements": ("Thực hiện", "Implements"),
    "tree.issuer_fix": (
        "văn bản ghi {published}; đúng là {issuer}",
        "the text says {published}; in fact {issuer}",
    ),
    "tree.assigned": ("Thực hiện", "Carried by"),
    "tree.channels": ("hình thức", "channels"),
    "tree.target": ("Chỉ tiêu", "Target"),
    "tree.proposed": ("mức đề xuất, Văn phòng cần đặt", "proposed default, for the office to set"),
    "tree.rev": (
        "bản {rev}/{count}, nạp {when} bởi {who}",
        "revision {rev}/{count}, loaded {when} by {who}",
    ),
    "tree.per": ("mỗi {period}", "per {period}"),
    "col.symbol": ("Ký hiệu", "Symbol"),
    "col.current": ("Hiện hành", "Current"),
    "col.revisions": ("Số bản", "Revisions"),
    "col.loaded": ("Nạp lúc", "Loaded"),
    "col.by": ("Người nạp", "By"),
    "col.title": ("Trích yếu", "Title"),
    "col.change": ("Thay đổi", "Change"),
    "col.section": ("Phần", "Section"),
    "col.key": ("Mã", "Id"),
    "col.before": ("Trước", "Before"),
    "col.after": ("Sau", "After"),
    "section.items": ("mục", "items"),
    "section.targets": ("chỉ tiêu", "targets"),
    "section.assignments": ("phân công", "assignments"),
    "section.channels": ("hình thức", "channels"),
    "section.topics": ("nội dung", "topics"),
    "section.violation_categories": ("loại vi phạm", "violation categories"),
    "section.settings": ("thiết lập", "settings"),
    "change.added": ("thêm", "added"),
    "change.removed": ("bỏ", "removed"),
    "change.changed": ("sửa", "changed"),
    # recording: shared
    "opt.today": (
        'Ngày "hôm nay" cho mọi quy tắc (hoặc ATGT_TODAY), để chạy lại cho cùng kết quả.',
        'The "today" of every rule (or ATGT_TODAY), so re-runs give the same result.',
    ),
    "opt.actor": (
        "Người thực hiện, ghi vào nhật ký (hoặc ATGT_ACTOR; mặc định: người dùng máy).",
        "Who makes the change, for the audit log (or ATGT_ACTOR; default: the OS user).",
    ),
    "today.invalid": ("--today / ATGT_TODAY: {detail}", "--today / ATGT_TODAY: {detail}"),
    "field.required": ("thiếu {field}", "{field} is required"),
    "field.empty": ("{field} không được để trống", "{field} must not be empty"),
    "field.negative": ("{field} không được âm ({value})", "{field} must not be negative ({value})"),
    "problem.text": ("{text}", "{text}"),  # a rule's message made elsewhere
    # Fields as a file's messages name them (on the command line: their options).
    "name.date": ("ngày", "the date"),
    "name.unit": ("đơn vị", "the unit"),
    "name.channel": ("hình thức tuyên truyền", "the channel"),
    "name.member": ("đảng viên", "the member"),
    "name.kind": ("loại đơn vị", "the kind of unit"),
    "name.category": ("loại vi phạm", "the kind of violation"),
    "name.decided_on": ("ngày quyết định", "the day of the decision"),
    "name.published_where": ("nơi công khai", "where it was published"),
    "name.present": ("Số đảng viên dự", "Members present"),
    "name.total": ("tổng số", "the total"),
    "name.url": ("đường dẫn", "a link"),
    "name.exempt": ("Số miễn sinh hoạt", "The exempted"),
    "name.since": ("ngày áp dụng", "the date it applies from"),
    "name.members": ("số đảng viên", "the member count"),
    "name.known_on": ("Ngày biết vi phạm", "The day it was known"),
    "name.alcohol_breath": ("nồng độ cồn trong khí thở", "the breath level"),
    "name.alcohol_blood": ("nồng độ cồn trong máu", "the blood level"),
    "name.party_post": ("chức vụ đảng", "the party post"),
    "field.not_number": ("{field}: '{value}' không phải số", "{field}: '{value}' is not a number"),
    "field.not_whole": (
        "{field}: '{value}' không phải số nguyên",
        "{field}: '{value}' is not a whole number",
    ),
    "field.not_positive": ("{field} phải > 0 ({value})", "{field} must be > 0 ({value})"),
    "field.too_large": (
        "{field} quá lớn ({value}; tối đa {limit})",
        "{field} is too large ({value}; at most {limit})",
    ),
    "date.future": (
        "{field}: ngày {date} ở tương lai (hôm nay là {today})",
        "{field}: {date} is in the future (today is {today})",
    ),
    "date.before_plan": (
        "{field}: ngày {date} trước kế hoạch {plan} ({plan_date})",
        "{field}: {date} is before plan {plan} ({plan_date})",
    ),
    "month.invalid": (
        "không phải tháng: '{text}' (dạng 11/2026)",
        "not a month: '{text}' (expected 11/2026)",
    ),
    "match.empty": ("{field}: chưa ghi giá trị", "{field}: no value given"),
    "match.unknown": (
        "{field}: không có '{value}'; có thể là: {choices}",
        "{field}: no '{value}'; did you mean: {choices}",
    ),
    "match.ambiguous": (
        "{field}: '{value}' có thể là nhiều mục: {choices}",
        "{field}: '{value}' matches several: {choices}",
    ),
    "reason.needed": ("cần ghi lý do ({option})", "a reason is needed ({option})"),
    "opt.reason": ("Lý do (ghi vào nhật ký).", "The reason (kept in the audit log)."),
    # units
    "unit.help": (
        "Đơn vị: chi bộ, đoàn thể, đảng bộ bộ phận, Đảng ủy.",
        "Units: party cells, mass organisations, intermediate committees, the committee.",
    ),
    "unit.add.help": ("Thêm đơn vị.", "Add a unit."),
    "unit.list.help": (
        "Liệt kê đơn vị và số đảng viên hiện tại.",
        "List units and their current member counts.",
    ),
    "unit.rename.help": (
        "Đổi tên đơn vị (lịch sử giữ nguyên).",
        "Rename a unit (its history stays).",
    ),
    "unit.retire.help": (
        "Ngừng đơn vị: giữ lịch sử, không nhận ghi nhận mới.",
        "Retire a unit: history kept, no new records.",
    ),
    "unit.members.help": (
        "Ghi số đảng viên (và số miễn sinh hoạt) từ một ngày.",
        "Record the member count (and those exempted) from a date on.",
    ),
    "opt.kind": (
        "Loại: chi bộ, đoàn thể, đảng bộ bộ phận, Đảng ủy (có dấu hoặc không; mã: chi-bo, "
        "doan-the, dang-bo-bo-phan, dang-uy).",
        "Kind: chi bộ, đoàn thể, đảng bộ bộ phận, Đảng ủy (with or without diacritics; codes: "
        "chi-bo, doan-the, dang-bo-bo-phan, dang-uy).",
    ),
    "opt.parent": (
        "Đơn vị cấp trên (vd. đảng bộ bộ phận).",
        "The parent unit (e.g. an intermediate committee).",
    ),
    "opt.members": ("Số đảng viên.", "Number of members."),
    "opt.exempt": ("Số đảng viên miễn sinh hoạt.", "Members exempted from meetings."),
    "opt.since": (
        "Áp dụng từ ngày (mặc định: hôm nay).",
        "In force from this date (default: today).",
    ),
    "opt.on": ("Ngày ngừng (mặc định: hôm nay).", "Retirement date (default: today)."),
    "unit.exists": ("đã có đơn vị '{unit}'", "there is already a unit '{unit}'"),
    "unit.retired": (
        "đơn vị '{unit}' đã ngừng từ {date}: không nhận ghi nhận mới",
        "the unit '{unit}' was retired on {date}: no new records",
    ),
    "unit.members_needed": (
        "{exempt} và {since} cần đi cùng {members}",
        "{exempt} and {since} go with {members}",
    ),
    "unit.exempt_over": (
        "{exempt_name} ({exempt}) lớn hơn số đảng viên ({members})",
        "{exempt_name} ({exempt}) is more than the members ({members})",
    ),
    "unit.added": ("Đã thêm đơn vị {unit}.", "Added unit {unit}."),
    "unit.renamed": ("Đã đổi tên thành {unit}.", "Renamed to {unit}."),
    "unit.retired_ok": ("Đã ngừng đơn vị {unit} từ {date}.", "Retired {unit} from {date}."),
    "unit.delete.help": (
        "Xóa đơn vị thêm nhầm (chỉ khi chưa có gì gắn với nó); đơn vị đã ngừng thì dùng retire.",
        "Delete a unit added by mistake (only one nothing refers to); a unit that ended is retired.",
    ),
    "unit.in_use": (
        "không xóa được đơn vị {unit}: còn {refs}; nếu đơn vị đã ngừng hoạt động, dùng "
        '`atgt unit retire "{unit}"`',
        "cannot delete unit {unit}: {refs} refer to it; if the unit has ended, use "
        '`atgt unit retire "{unit}"`',
    ),
    "unit.refs.sessions": ("{count} buổi tuyên truyền", "{count} session(s)"),
    "unit.refs.violations": ("{count} vi phạm", "{count} violation(s)"),
    "unit.refs.members": ("{count} đảng viên", "{count} member(s)"),
    "unit.refs.units": ("{count} đơn vị trực thuộc", "{count} unit(s) under it"),
    "unit.refs.assignment": (
        "phân công {item} của kế hoạch {plan}",
        "assignment {item} of plan {plan}",
    ),
    "unit.refs.target": ("chỉ tiêu {target} của kế hoạch {plan}", "target {target} of plan {plan}"),
    "unit.refs.imports": (
        "{count} thay đổi của lần nhập chưa hoàn tác",
        "{count} change(s) of an import not undone",
    ),
    "unit.deleted": ("Đã xóa đơn vị {unit}.", "Deleted unit {unit}."),
    "unit.members_sessions": (
        "Tổng số đảng viên của {count} buổi tuyên truyền (lấy từ số đảng viên) đã theo số mới.",
        "{count} session(s) whose total came from the member count now follow the new count.",
    ),
    "unit.members_under_present": (
        "tổng số mới ({total}) nhỏ hơn số có mặt của buổi số {sessions}: sửa các buổi đó trước "
        "(`atgt session edit ID --total N`)",
        "the new total ({total}) is below the members present at session {sessions}: correct "
        "those first (`atgt session edit ID --total N`)",
    ),
    "unit.members_ok": (
        "{unit}: {members} đảng viên, {exempt} miễn sinh hoạt, từ {date}.",
        "{unit}: {members} members, {exempt} exempted, from {date}.",
    ),
    "unit.none": (
        "Chưa có đơn vị nào: thêm bằng `atgt unit add`.",
        "No units yet: add one with `atgt unit add`.",
    ),
    "unit.ambiguous": (
        "{field}: '{value}' có thể là nhiều đơn vị: {choices}; đặt tên gọi khác cho đơn vị đúng "
        'bằng `atgt unit alias add ĐƠN_VỊ "{value}"`',
        "{field}: '{value}' may be several units: {choices}; give the right one an alias with "
        '`atgt unit alias add UNIT "{value}"`',
    ),
    "unit.alias.help": (
        "Tên gọi khác của đơn vị (như văn bản hay viết: CB Văn phòng, Đoàn TN), tìm như tên.",
        "Other names of a unit (as documents write it: CB Văn phòng, Đoàn TN), matched like "
        "its name.",
    ),
    "unit.alias.add.help": ("Thêm tên gọi khác cho đơn vị.", "Add an alias to a unit."),
    "unit.alias.remove.help": ("Bỏ một tên gọi khác của đơn vị.", "Remove an alias of a unit."),
    "opt.alias": (
        "Tên gọi khác, tìm như tên (ghi nhiều lần được): CB Văn phòng.",
        "Another name, matched like the name (may be repeated): CB Văn phòng.",
    ),
    "unit.alias_taken": (
        "'{alias}' đã là tên hoặc tên gọi khác của đơn vị {unit}",
        "'{alias}' is already the name or an alias of the unit {unit}",
    ),
    "unit.alias_added": (
        "Đã thêm tên gọi khác '{alias}' cho {unit}.",
        "Added the alias '{alias}' to {unit}.",
    ),
    "unit.alias_had": (
        "{unit} đã có tên gọi khác '{alias}': không thay đổi gì.",
        "{unit} already has the alias '{alias}': nothing changed.",
    ),
    "unit.alias_removed": (
        "Đã bỏ tên gọi khác '{alias}' của {unit}.",
        "Removed the alias '{alias}' of {unit}.",
    ),
    "unit.alias_unknown": (
        "{unit} không có tên gọi khác '{alias}' (có: {aliases})",
        "{unit} has no alias '{alias}' (it has: {aliases})",
    ),
    "imp.alias_taken": (
        "{file}:{row}: '{alias}' đã là tên hoặc tên gọi khác của đơn vị {unit}",
        "{file}:{row}: '{alias}' is already the name or an alias of the unit {unit}",
    ),
    "col.aliases": ("Tên gọi khác", "Aliases"),
    "col.id": ("Mã", "ID"),
    "col.name": ("Tên", "Name"),
    "col.kind": ("Loại", "Kind"),
    "col.parent": ("Trực thuộc", "Parent"),
    "col.members": ("Đảng viên", "Members"),
    "col.exempt": ("Miễn SH", "Exempt"),
    "col.status": ("Tình trạng", "Status"),
    "status.active": ("hoạt động", "active"),
    "status.retired": ("ngừng từ {date}", "retired {date}"),
    "unitkind.chi-bo": ("chi bộ", "party cell"),
    "unitkind.doan-the": ("đoàn thể", "mass organisation"),
    "unitkind.dang-bo-bo-phan": ("đảng bộ bộ phận", "intermediate committee"),
    "unitkind.dang-uy": ("Đảng ủy", "committee"),
    # sessions
    "session.help": (
        "Buổi tuyên truyền (tin, bài trên trang TTĐT là một buổi trên hình thức đó).",
        "Propaganda sessions (a website post is a session on that channel).",
    ),
    "session.add.help": ("Ghi một buổi tuyên truyền.", "Record a propaganda session."),
    "session.list.help": ("Liệt kê các buổi tuyên truyền.", "List propaganda sessions."),
    "session.show.help": ("Xem một buổi tuyên truyền.", "Show one propaganda session."),
    "session.edit.help": (
        "Sửa một buổi tuyên truyền (chỉ các trường được ghi).",
        "Edit a propaganda session (only the fields given).",
    ),
    "session.delete.help": (
        "Xóa một buổi (giữ lại, không tính vào số liệu).",
        "Delete a session (kept, out of every count).",
    ),
    "opt.unit": (
        "Đơn vị, gõ tự do: cb1, Chi bo 1, chi bộ 1.",
        "Unit, typed freely: cb1, Chi bo 1, chi bộ 1.",
    ),
    "opt.date": ("Ngày: 17/8/2023, 2023-08-17, hôm nay.", "Date: 17/8/2023, 2023-08-17, today."),
    "opt.channel": (
        "Hình thức (danh mục của kế hoạch; gõ tắt được).",
        "Channel (from the plan; prefixes work).",
    ),
    "opt.topic": ("Nội dung (lặp lại được).", "Topic (repeatable)."),
    "opt.item_rec": ("Mục kế hoạch (vd. II.2.a).", "Plan item (e.g. II.2.a)."),
    "opt.present": ("Số đảng viên dự.", "Members present."),
    "opt.total": (
        "Tổng số đảng viên (mặc định: đảng viên − miễn SH vào ngày đó).",
        "Members in all (default: members − exempted on that date).",
    ),
    "opt.masses": ("Lượt quần chúng.", "Non-members reached (head-count)."),
    "opt.title": ("Tiêu đề.", "Title."),
    "opt.url": (
        "Đường dẫn (bắt buộc với tin, bài trên trang TTĐT).",
        "Link (required for a website post).",
    ),
    "opt.note": ("Ghi chú.", "Note."),
    "opt.evidence": ("Minh chứng: đường dẫn tệp hoặc URL.", "Evidence: a file path or URL."),
    "opt.violation_content": (
        "Nội dung vi phạm, như đã viết; loại vi phạm được tìm trong đó khi không ghi --category.",
        "What the violation was, as written; its category is found in it without --category.",
    ),
    "opt.content": (
        "Nội dung đã tuyên truyền, như đã viết; chủ đề được tìm trong đó khi không ghi --topic.",
        "What was said, as written; its topics are found in it when --topic is not given.",
    ),
    "opt.month": ("Tháng: 11/2026.", "Month: 11/2026."),
    "opt.from": ("Từ ngày.", "From date."),
    "opt.to": ("Đến ngày.", "To date."),
    "opt.deleted": ("Liệt kê các buổi đã xóa.", "List deleted sessions."),
    "session.unknown": ("không có buổi tuyên truyền số {id}", "no session number {id}"),
    "session.deleted": ("buổi số {id} đã bị xóa", "session {id} is deleted"),
    "session.repeat": (
        "đã có buổi số {id} giống hệt (cùng đơn vị, ngày, hình thức, nội dung; bài trên trang "
        "TTĐT: cùng đường dẫn); nếu đúng là một buổi khác, thêm {allow}",
        "session {id} is already stored, identical (same unit, date, channel, content; a web "
        "post: same URL); if this is really another session, add {allow}",
    ),
    "opt.allow_duplicate": (
        "Ghi cả khi đã có buổi giống hệt (cùng đơn vị, ngày, hình thức, nội dung).",
        "Record even when an identical session is stored (same unit, date, channel, content).",
    ),
    "session.total_unknown": (
        "chưa biết số đảng viên của {unit} ngày {date}: ghi {total}, hoặc ghi số đảng viên bằng"
        " `atgt unit members`",
        "the member count of {unit} on {date} is unknown: give {total}, or record the count"
        " with `atgt unit members`",
    ),
    "session.present_over": (
        "{present_name} ({present}) lớn hơn {total_name} ({total})",
        "{present_name} ({present}) is more than {total_name} ({total})",
    ),
    "session.bad_url": (
        "{field}: '{value}' không phải đường dẫn http(s)",
        "{field}: '{value}' is not an http(s) link",
    ),
    "session.url_needed": ("tin, bài trên {channel} cần {url}", "a post on {channel} needs {url}"),
    "session.no_evidence": ("{field}: không có tệp '{value}'", "{field}: no file '{value}'"),
    "session.added": ("Đã ghi buổi số {id}.", "Recorded session {id}."),
    "session.edited": ("Đã sửa buổi số {id}.", "Edited session {id}."),
    "session.unchanged": ("Buổi số {id}: không có gì thay đổi.", "Session {id}: nothing changed."),
    "session.deleted_ok": (
        "Đã xóa buổi số {id} (giữ lại trong nhật ký).",
        "Deleted session {id} (kept in the log).",
    ),
    "session.none": ("Không có buổi tuyên truyền nào.", "No sessions."),
    "col.date": ("Ngày", "Date"),
    "col.unit": ("Đơn vị", "Unit"),
    "col.channel": ("Hình thức", "Channel"),
    "col.topics": ("Nội dung", "Topics"),
    "col.item": ("Mục", "Item"),
    "col.present": ("Dự", "Present"),
    "col.masses": ("Lượt QC", "Non-members"),
    "col.title_s": ("Tiêu đề", "Title"),
    "col.url": ("Đường dẫn", "Link"),
    "col.note": ("Ghi chú", "Note"),
    "col.evidence": ("Minh chứng", "Evidence"),
    "col.plan": ("Kế hoạch", "Plan"),
    "col.created": ("Ghi lúc", "Recorded"),
    "col.deleted": ("Đã xóa", "Deleted"),
    # audit log and periods
    "log.help": (
        "Nhật ký thay đổi: ai, lúc nào, thay đổi gì.",
        "The audit log: who changed what, when.",
    ),
    "opt.log_since": ("Từ ngày.", "Since this date."),
    "opt.entity": (
        "Đối tượng: session:12, unit:3, period, plan…",
        "Entity: session:12, unit:3, period, plan…",
    ),
    "log.none": ("Nhật ký trống.", "The log is empty."),
    "col.at": ("Lúc", "At"),
    "col.actor": ("Người", "Who"),
    "col.action": ("Việc", "Action"),
    "col.entity": ("Đối tượng", "Entity"),
    "col.detail": ("Chi tiết", "Detail"),
    "period.help": (
        "Khóa sổ tháng: không thêm, sửa, xóa ghi nhận trong tháng đã khóa.",
        "Close months: no record dated in a closed month is added, changed or deleted.",
    ),
    "period.close.help": ("Khóa sổ một tháng (vd. 11/2026).", "Close a month (e.g. 11/2026)."),
    "period.reopen.help": (
        "Mở lại một tháng đã khóa (cần lý do).",
        "Reopen a closed month (a reason is needed).",
    ),
    "period.list.help": ("Liệt kê các tháng đã khóa.", "List closed months."),
    "period.locked": (
        "tháng {month} đã khóa sổ (ngày {date}): mở lại bằng `atgt period reopen {month} --reason …`",
        "{month} is closed (date {date}): reopen it with `atgt period reopen {month} --reason …`",
    ),
    "period.already_closed": ("tháng {month} đã khóa sổ rồi", "{month} is already closed"),
    "period.not_closed": ("tháng {month} chưa khóa sổ", "{month} is not closed"),
    "period.closed_ok": ("Đã khóa sổ tháng {month}.", "Closed {month}."),
    "period.reopened_ok": ("Đã mở lại tháng {month}.", "Reopened {month}."),
    "period.none": ("Chưa khóa sổ tháng nào.", "No month is closed."),
    "col.month": ("Tháng", "Month"),
    "col.closed_at": ("Khóa lúc", "Closed at"),
    "col.closed_by": ("Người khóa", "Closed by"),
    # members and violations
    "member.help": (
        "Đảng viên (dữ liệu cá nhân: dùng --redact khi chia sẻ).",
        "Party members (personal data: use --redact when sharing).",
    ),
    "member.add.help": (
        "Thêm đảng viên vào một đơn vị; nhận mã ĐV-… không chứa tên.",
        "Add a member to a unit; they get a code ĐV-… that holds nothing of the name.",
    ),
    "member.list.help": ("Liệt kê đảng viên.", "List members."),
    "member.edit.help": (
        "Sửa thông tin đảng viên (theo tên hoặc mã).",
        "Edit a member (by name or code).",
    ),
    "opt.membership": (
        "chính thức hoặc dự bị (có dấu hoặc không; mã: chinh-thuc, du-bi); bắt buộc khi ghi một đảng viên lần đầu, không mặc định.",
        "chính thức (full) or dự bị (probationary), or the codes chinh-thuc, du-bi; required when a member is first recorded, no default.",
    ),
    "opt.membership_since": (
        "Ngày kết nạp / ngày chính thức.",
        "Date of admission / of becoming a full member.",
    ),
    "opt.party_post": ("Chức vụ đảng (vd. Bí thư chi bộ).", "Party post (e.g. cell secretary)."),
    "opt.state_title": (
        "Chức vụ chính quyền (vd. Trưởng phòng) — không phải chức vụ đảng.",
        "State title (e.g. head of office) — not a party post.",
    ),
    "opt.redact": (
        "Ẩn tên (thay bằng mã) và mọi trường ghi chữ tự do.",
        "Hide names (codes instead) and every free-text field.",
    ),
    "opt.new_name": ("Tên mới.", "New name."),
    "member.unknown": ("không có đảng viên '{member}'", "no member '{member}'"),
    "member.exists": (
        "đơn vị đã có đảng viên '{member}'",
        "the unit already has a member '{member}'",
    ),
    "member.added": (
        "Đã thêm đảng viên {member}: mã {code}.",
        "Added member {member}: code {code}.",
    ),
    "member.edited": ("Đã sửa đảng viên {code}.", "Edited member {code}."),
    "member.none": ("Chưa có đảng viên nào.", "No members yet."),
    "member.delete.help": (
        "Xóa đảng viên ghi nhầm (chỉ khi chưa có vi phạm nào).",
        "Delete a member recorded by mistake (only one without violations).",
    ),
    "member.merge.help": (
        "Gộp hai bản ghi của cùng một người trong một đơn vị: vi phạm của B chuyển sang A, B bị xóa.",
        "Merge two records of one person in one unit: B's violations move to A, B is removed.",
    ),
    "member.has_violations": (
        "không xóa được {member}: có {count} vi phạm (kể cả đã xóa); nếu là người ghi hai lần, "
        "dùng `atgt member merge MÃ_GIỮ_LẠI {code}`",
        "cannot delete {member}: they have {count} violation(s) (deleted ones included); if one "
        "person was recorded twice, use `atgt member merge KEPT_CODE {code}`",
    ),
    "arg.member_kept": (
        "Bản ghi giữ lại (tên hoặc mã ĐV-…).",
        "The record kept (name or code ĐV-…).",
    ),
    "arg.member_dropped": (
        "Bản ghi trùng: vi phạm chuyển sang A, rồi bị xóa (tên hoặc mã).",
        "The duplicate: its violations move to A, then it is removed (name or code).",
    ),
    "member.merge_self": ("{member} là cùng một bản ghi", "{member} is the same record"),
    "member.merge_units": (
        "chỉ gộp đảng viên cùng đơn vị: {a} và {b} khác đơn vị",
        "only members of one unit are merged: {a} and {b} are of different units",
    ),
    "member.deleted": ("Đã xóa đảng viên {code}.", "Deleted member {code}."),
    "member.merged": (
        "Đã gộp {dropped} vào {kept}: chuyển {count} vi phạm.",
        "Merged {dropped} into {kept}: {count} violation(s) moved.",
    ),
    "membership.chinh-thuc": ("chính thức", "full"),
    "membership.du-bi": ("dự bị", "probationary"),
    "col.code": ("Mã ĐV", "Code"),
    "col.membership": ("Đảng viên", "Membership"),
    "col.party_post": ("Chức vụ đảng", "Party post"),
    "col.state_title": ("Chức vụ CQ", "State title"),
    "violation.help": (
        "Vi phạm TTATGT của đảng viên: ghi, xử lý (QĐ 69-QĐ/TW), công khai, báo cáo.",
        "Members' traffic violations: record, handle (QĐ 69-QĐ/TW), publish, report.",
    ),
    "violation.add.help": (
        "Ghi một vi phạm (đảng viên chưa có sẽ được thêm).",
        "Record a violation (a member not yet recorded is added).",
    ),
    "violation.handle.help": (
        "Ghi kết quả xử lý theo Quy định 69-QĐ/TW.",
        "Record how it was handled under Quy định 69-QĐ/TW.",
    ),
    "violation.publish.help": (
        "Ghi việc công khai kết quả xử lý.",
        "Record that the result was published.",
    ),
    "violation.report.help": (
        "Ghi ngày chi bộ báo cáo Đảng ủy Sở.",
        "Record the day the cell reported it to the committee.",
    ),
    "violation.list.help": ("Liệt kê vi phạm.", "List violations."),
    "violation.show.help": ("Xem một vi phạm.", "Show one violation."),
    "violation.edit.help": (
        'Sửa một vi phạm: mọi trường (chỉ các trường được ghi; "" để xóa một trường).',
        'Correct a violation: any field (only those given; "" clears one).',
    ),
    "violation.delete.help": (
        "Xóa một vi phạm ghi nhầm (giữ lại, không tính vào số liệu).",
        "Delete a violation recorded by mistake (kept, out of every count).",
    ),
    "opt.vdeleted": ("Liệt kê các vi phạm đã xóa.", "List deleted violations."),
    "violation.deleted": ("vi phạm số {id} đã bị xóa", "violation {id} is deleted"),
    "violation.edited": (
        "Đã sửa vi phạm số {id}: {fields}.",
        "Edited violation {id}: {fields}.",
    ),
    "violation.unchanged": (
        "Vi phạm số {id}: không có gì thay đổi.",
        "Violation {id}: nothing changed.",
    ),
    "violation.deleted_ok": (
        "Đã xóa vi phạm số {id} (giữ lại trong nhật ký).",
        "Deleted violation {id} (kept in the log).",
    ),
    "opt.member": ("Họ tên hoặc mã ĐV-….", "Name or code ĐV-…."),
    "opt.category": ("Loại vi phạm (danh mục của kế hoạch).", "Category (from the plan)."),
    "opt.vdate": ("Ngày vi phạm.", "Date of the violation."),
    "opt.known_on": (
        "Ngày chi bộ biết (mặc định: ngày vi phạm); hạn báo cáo tính từ đây.",
        "Day the cell learned of it (default: the violation's date); the report deadline runs from here.",
    ),
    "opt.detected_by": ("Nơi phát hiện (vd. CSGT thông báo).", "Detected by (e.g. police notice)."),
    "opt.breath": ("Nồng độ cồn trong khí thở, mg/l.", "Alcohol in breath, mg/l."),
    "opt.blood": ("Nồng độ cồn trong máu, mg/100 ml.", "Alcohol in blood, mg/100 ml."),
    "opt.reported_on": ("Ngày báo cáo Đảng ủy Sở.", "Day reported to the committee."),
    "opt.outcome": (
        "Hình thức: kiểm điểm, khiển trách, cảnh cáo, cách chức, khai trừ, xóa tên (có dấu hoặc "
        "không; mã: kiem-diem, khien-trach, canh-cao, cach-chuc, khai-tru, xoa-ten).",
        "Outcome: kiểm điểm, khiển trách, cảnh cáo, cách chức, khai trừ, xóa tên (with or "
        "without diacritics; codes: kiem-diem, khien-trach, canh-cao, cach-chuc, khai-tru, "
        "xoa-ten).",
    ),
    "opt.decided_on": ("Ngày quyết định.", "Date of the decision."),
    "opt.decided_by": (
        "Cấp quyết định: chi bộ, Đảng ủy hoặc Ủy ban kiểm tra (mã: chi-bo, dang-uy, ubkt).",
        "Deciding body: chi bộ, Đảng ủy or Ủy ban kiểm tra (codes: chi-bo, dang-uy, ubkt).",
    ),
    "opt.decision": (
        "Số quyết định (vd. Số 05-QĐ/ĐUSCT).",
        "Decision number (e.g. Số 05-QĐ/ĐUSCT).",
    ),
    "opt.published_on": ("Ngày công khai.", "Date published."),
    "opt.where": (
        "Nơi công khai (vd. hội nghị chi bộ).",
        "Where it was published (e.g. the cell meeting).",
    ),
    "opt.open": ("Chỉ vi phạm chưa xử lý.", "Only violations not handled yet."),
    "opt.late": ("Chỉ vi phạm báo cáo trễ hạn.", "Only violations reported late."),
    "opt.unpublished": (
        "Chỉ vi phạm chưa công khai kết quả.",
        "Only violations whose result is not published.",
    ),
    "violation.unknown": ("không có vi phạm số {id}", "no violation number {id}"),
    "violation.one_level": (
        "ghi một trong {breath} hoặc {blood}",
        "give one of {breath} or {blood}",
    ),
    "violation.level_not_alcohol": (
        "nồng độ cồn chỉ ghi cho vi phạm về rượu, bia, không cho '{category}'",
        "alcohol levels go with drink-driving, not with '{category}'",
    ),
    "violation.known_before": (
        "{known_name} ({known}) trước ngày vi phạm ({date})",
        "{known_name} ({known}) is before the violation ({date})",
    ),
    "violation.reported_before": (
        "ngày báo cáo ({reported}) trước ngày biết vi phạm ({known})",
        "reported ({reported}) before it was known ({known})",
    ),
    "violation.not_party_unit": (
        "{unit} là đoàn thể: vi phạm của đảng viên ghi theo chi bộ",
        "{unit} is a mass organisation: members' violations go under their cell",
    ),
    "violation.not_handled": (
        "vi phạm số {id} chưa xử lý: ghi `atgt violation handle` trước",
        "violation {id} is not handled yet: record `atgt violation handle` first",
    ),
    "violation.published_before": (
        "ngày công khai ({date}) trước ngày quyết định ({decided})",
        "published ({date}) before the decision ({decided})",
    ),
    "violation.added": (
        "Đã ghi vi phạm số {id} ({member}, {code}).",
        "Recorded violation {id} ({member}, {code}).",
    ),
    "violation.tier": ("Mức {tier} theo Nghị định {decree}.", "Tier {tier} under decree {decree}."),
    "violation.top_tier": (
        "Xử phạt như mức cao nhất theo Nghị định {decree}.",
        "Punished as the top tier under decree {decree}.",
    ),
    "violation.as_top_tier": ("xử phạt như mức cao nhất", "punished as the top tier"),
    "violation.level_implausible": (
        "{field} {value} vượt quá mức đo được ở người còn sống (tối đa {limit} {unit}): có lẽ gõ nhầm",
        "{field} {value} is beyond what a living person shows (at most {limit} {unit}): likely a typo",
    ),
    "violation.handled": (
        "Đã ghi xử lý vi phạm số {id}: {outcome}.",
        "Recorded the handling of violation {id}: {outcome}.",
    ),
    "violation.published_ok": (
        "Đã ghi công khai kết quả vi phạm số {id}.",
        "Recorded the publication of violation {id}.",
    ),
    "violation.reported_ok": (
        "Đã ghi ngày báo cáo vi phạm số {id}{late}.",
        "Recorded the report of violation {id}{late}.",
    ),
    "violation.late_mark": (" (trễ hạn {deadline})", " (late: due {deadline})"),
    "violation.none": ("Không có vi phạm nào.", "No violations."),
    "discipline.probationary": (
        "đảng viên dự bị (vào ngày vi phạm) không thể {outcome} (Điều lệ Đảng, Điều 35; Quy định 69-QĐ/TW, Điều 7); có thể: {possible}",
        "a probationary member (on the day of the violation) cannot get {outcome} (Điều lệ Đảng, Article 35; Quy định 69-QĐ/TW, Article 7); possible: {possible}",
    ),
    "discipline.full_member": (
        "{outcome} chỉ dành cho đảng viên dự bị; đảng viên chính thức (vào ngày vi phạm) có thể: {possible}",
        "{outcome} is only for a probationary member; a full member (on the day of the violation) can get: {possible}",
    ),
    "discipline.not_deciding": (
        "{body} không có thẩm quyền quyết định {outcome} (Điều lệ Đảng, Điều 36; Quy định 296-QĐ/TW); cấp quyết định được: {bodies}",
        "the {body} may not decide {outcome} (Điều lệ Đảng, Article 36; Quy định 296-QĐ/TW); who may: {bodies}",
    ),
    "discipline.not_admitting": (
        "{body} chỉ quyết định {outcome} khi được ủy quyền kết nạp đảng viên (Điều lệ Đảng, Điều 36); kế hoạch ghi chưa được ủy quyền (rules.discipline.admits_members)",
        "the {body} decides {outcome} only when authorised to admit members (Điều lệ Đảng, Article 36); the plan says it is not (rules.discipline.admits_members)",
    ),
    "discipline.no_party_post": (
        "cách chức chỉ áp dụng với đảng viên giữ chức vụ đảng; ghi {post}",
        "cách chức is only for a member holding a party post; record it with {post}",
    ),
    "discipline.state_title_only": (
        "cách chức chỉ áp dụng với chức vụ đảng; '{title}' là chức vụ chính quyền, xử lý theo quy định của Nhà nước",
        "cách chức removes a party post; '{title}' is a state title, handled under state rules",
    ),
    "discipline.before_violation": (
        "ngày quyết định {date} trước ngày vi phạm {violation}",
        "decision date {date} is before the violation ({violation})",
    ),
    "discipline.before_known": (
        "ngày quyết định {date} trước ngày biết vi phạm {known}",
        "decision date {date} is before the violation was known ({known})",
    ),
    "outcome.kiem-diem": ("kiểm điểm rút kinh nghiệm", "review (no discipline)"),
    "outcome.khien-trach": ("khiển trách", "reprimand"),
    "outcome.canh-cao": ("cảnh cáo", "warning"),
    "outcome.cach-chuc": ("cách chức", "removal from post"),
    "outcome.khai-tru": ("khai trừ", "expulsion"),
    "member.membership_required": (
        "đảng viên mới {member}: cần ghi tư cách đảng viên (--membership chinh-thuc hoặc du-bi), không mặc định là chính thức",
        "new member {member}: the membership is required (--membership chinh-thuc or du-bi), it is not taken as full",
    ),
    "violation.new_member_membership": (
        "{member} chưa có trong kho: cần ghi tư cách đảng viên (--membership chính thức hoặc dự bị), không mặc định là chính thức",
        "{member} is not in the store yet: the membership is required (--membership chính thức or dự bị), it is not taken as full",
    ),
    "imp.new_member_membership": (
        "{member} chưa có trong kho: cần ghi tư cách đảng viên (chính thức hoặc dự bị), không mặc định là chính thức",
        "{member} is not in the store yet: the membership is required (chính thức or dự bị), it is not taken as full",
    ),
    "membership.chua-ro": ("chưa rõ", "unknown"),
    "name.membership": ("tư cách đảng viên", "the membership"),
    "discipline.membership_unknown": (
        "chưa rõ đảng viên là chính thức hay dự bị vào ngày vi phạm: {outcome} chỉ dành cho đảng viên {allowed}; ghi tư cách đảng viên: atgt member edit {member} --membership chinh-thuc|du-bi --since NGÀY",
        "whether the member was full or probationary on the day of the violation is not known: {outcome} is only for a {allowed} member; record the membership: atgt member edit {member} --membership chinh-thuc|du-bi --since DATE",
    ),
    "discipline.membership_unknown_new": (
        "chưa rõ đảng viên là chính thức hay dự bị: {outcome} chỉ dành cho đảng viên {allowed}; ghi tư cách đảng viên (cột Chính thức/Dự bị, hoặc atgt member add … --membership chinh-thuc|du-bi trước khi nhập)",
        "whether the member is full or probationary is not known: {outcome} is only for a {allowed} member; state the membership (a Chính thức/Dự bị column, or atgt member add … --membership chinh-thuc|du-bi before the import)",
    ),
    "member.since_unknown": (
        "chưa rõ tư cách đảng viên của {member}: ghi cùng ngày, ví dụ atgt member edit {code} --membership chinh-thuc --since NGÀY",
        "the membership of {member} is not known: give it with the day, e.g. atgt member edit {code} --membership chinh-thuc --since DATE",
    ),
    "imp.membership_unknown": (
        "{count} đảng viên mới chưa rõ tư cách (chính thức hay dự bị): tệp không có cột này, atgt không mặc định là chính thức. Ghi cho từng người: atgt member edit MÃ --membership chinh-thuc|du-bi --since NGÀY (atgt check liệt kê họ).",
        "{count} new member(s) with their membership unknown (full or probationary): the file has no such column, and atgt does not take them as full. Record each: atgt member edit CODE --membership chinh-thuc|du-bi --since DATE (atgt check lists them).",
    ),
    "check.membership_unknown": (
        "{count} đảng viên chưa rõ tư cách (chính thức hay dự bị): {members}. Ghi: atgt member edit MÃ --membership chinh-thuc|du-bi --since NGÀY",
        "{count} member(s) with their membership unknown (full or probationary): {members}. Record it: atgt member edit CODE --membership chinh-thuc|du-bi --since DATE",
    ),
    "store.migration_broke_keys": (
        "nâng cấp kho dừng lại: {rows} dòng sẽ mất liên kết (khóa ngoại); kho không bị thay đổi",
        "the store's upgrade stopped: {rows} row(s) would lose their link (foreign key); the store is unchanged",
    ),
    "outcome.xoa-ten": ("xóa tên khỏi danh sách đảng viên", "struck off the list of members"),
    "decider.chi-bo": ("Chi bộ", "cell"),
    "decider.dang-uy": ("Đảng ủy", "committee"),
    "decider.ubkt": ("Ủy ban kiểm tra", "inspection commission"),
    "decider.unknown": ("cấp quyết định chưa ghi", "deciding body not stated"),
    "col.member": ("Đảng viên", "Member"),
    "col.category": ("Vi phạm", "Violation"),
    "col.known_on": ("Ngày biết", "Known"),
    "col.alcohol": ("Nồng độ cồn", "Alcohol"),
    "col.reported": ("Báo cáo", "Reported"),
    "col.deadline": ("Hạn báo cáo", "Report due"),
    "col.outcome": ("Xử lý", "Outcome"),
    "col.decided": ("Quyết định", "Decision"),
    "col.published": ("Công khai", "Published"),
    "col.detected_by": ("Phát hiện", "Detected by"),
    "state.open": ("chưa xử lý", "open"),
    "state.late": ("trễ hạn", "late"),
    "state.due": ("hạn {date}", "due {date}"),
    "state.on_time": ("đúng hạn", "on time"),
    "state.not_reported": ("chưa báo cáo", "not reported"),
    # periods, status and reports
    "periodname.month": ("tháng {number}/{year}", "month {number}/{year}"),
    "periodname.quarter": ("quý {number}/{year}", "quarter {number}/{year}"),
    "periodname.half": ("6 tháng {number}/{year}", "half-year {number}/{year}"),
    "periodname.year": ("năm {year}", "year {year}"),
    "periodname.ytd": ("lũy kế {start} – {end}", "year to date {start} – {end}"),
    "period.one_only": (
        "chỉ chọn một trong --month, --quarter, --half, --year",
        "choose only one of --month, --quarter, --half, --year",
    ),
    "period.invalid": (
        "{option}: '{value}' không đúng dạng (vd. {form})",
        "{option}: '{value}' is not in the form {form}",
    ),
    "status.parts": ("{met}/{count} {period} đạt", "{met}/{count} {period}s met"),
    "status.why": ("{label} ({item}): {detail}", "{label} ({item}): {detail}"),
    "status.help": (
        "Kiểm tra nhanh: đơn vị nào đạt, đơn vị nào chưa đạt chỉ tiêu trong kỳ.",
        "Quick check: which units are on track and which fall short in a period.",
    ),
    "opt.quarter": ("Quý: 4/2026.", "Quarter: 4/2026."),
    "opt.half": ("6 tháng: 1/2026 hoặc 2/2026.", "Half-year: 1/2026 or 2/2026."),
    "opt.year": ("Năm: 2026.", "Year: 2026."),
    "opt.plan": ("Kế hoạch (mặc định: hiện hành).", "Plan (default: the current one)."),
    "opt.check": (
        "Thoát mã 1 nếu có đơn vị chưa đạt (cho việc chạy định kỳ).",
        "Exit 1 when a unit falls short (for a scheduled job).",
    ),
    "status.title": (
        "Tình hình thực hiện {plan} — {period} ({start} – {end}), số liệu đến {as_of}",
        "Progress on {plan} — {period} ({start} – {end}), data as of {as_of}",
    ),
    "status.all_met": ("Không đơn vị nào chưa đạt chỉ tiêu.", "No unit falls short."),
    "status.short_head": ("Đơn vị chưa đạt:", "Units falling short:"),
    "status.legend": (
        "Vi phạm: mới/chưa xử lý/đã xử lý/đã công khai/báo cáo trễ. Chỉ tiêu: ✓ đạt, ✗ chưa đạt, … đang trong kỳ, – không áp dụng.",
        "Violations: new/open/handled/published/reported late. Targets: ✓ met, ✗ short, … period still running, – not applicable.",
    ),
    "status.none": (
        "Chưa có đơn vị nào: thêm bằng `atgt unit add`.",
        "No units yet: add one with `atgt unit add`.",
    ),
    "col.sessions": ("Buổi", "Sessions"),
    "col.attendance": ("Dự", "Present"),
    "col.web": ("Tin web", "Web"),
    "col.violations": ("Vi phạm", "Violations"),
    "col.targets": ("Chỉ tiêu", "Targets"),
    "col.total_row": ("Cộng", "Total"),
    "fig.sessions": ("Số buổi tuyên truyền", "Propaganda sessions"),
    "fig.attendance": ("Tỷ lệ đảng viên dự (%)", "Members present (%)"),
    "fig.masses": ("Lượt quần chúng", "Non-members reached"),
    "fig.web_posts": ("Tin, bài trên trang TTĐT", "Website posts"),
    "fig.violations": ("Vi phạm mới", "New violations"),
    "fig.handled": ("Đã xử lý", "Handled"),
    "fig.published": ("Đã công khai kết quả", "Result published"),
    "fig.reported_late": ("Báo cáo trễ hạn", "Reported late"),
    # --- the report's phrases (render/report_context.py); its sentences are the template's ----
    "doc.and": ("và", "and"),
    "report.template.help": (
        "Ghi mẫu Word của báo cáo (của Đảng ủy, của chi bộ hoặc đoàn thể với --unit) để Văn phòng sửa câu chữ trong Word, rồi lập báo cáo bằng: atgt report --template FILE (hoặc đặt report.templates trong kế hoạch).",
        "Write the report's Word template (the committee's, or a cell's or mass organisation's with --unit) for the office to edit in Word; then report with atgt report --template FILE (or the plan's report.templates).",
    ),
    "opt.template_out": ("Tệp .docx sẽ ghi mẫu", "The .docx file to write the template to"),
    "report.template_written": (
        "Đã ghi mẫu báo cáo {kind}: {path}. Sửa câu chữ trong Word, giữ nguyên các thẻ {{{{ … }}}} và {{% … %}}; lập báo cáo bằng: atgt report --template {path}",
        "Wrote the {kind} report template: {path}. Edit the wording in Word, keep the {{{{ … }}}} and {{% … %}} tags; then: atgt report --template {path}",
    ),
    "report.kind.dang-uy": ("của Đảng ủy", "committee"),
    "report.kind.chi-bo": ("của chi bộ", "cell"),
    "report.kind.doan-the": ("của đoàn thể", "mass organisation"),
    "template.missing": ("Không thấy mẫu Word {path}", "No Word template at {path}"),
    "template.unreadable": (
        "Không đọc được mẫu {path}: {error}",
        "Cannot read the template {path}: {error}",
    ),
    "template.too_big": (
        "Mẫu {path} lớn hơn {limit} MB: không phải một mẫu báo cáo",
        "The template {path} is over {limit} MB: not a report template",
    ),
    "report.warning": ("Lưu ý: {text}", "Note: {text}"),
    "report.not_over": (
        "kỳ báo cáo chưa kết thúc (đến {end}): số liệu tính đến ngày {day}",
        "the period is not over (it ends {end}): figures up to {day}",
    ),
    "report.due": ("hạn gửi báo cáo: ngày {day}", "the report is due on {day}"),
    "report.due_passed": ("đã quá hạn gửi báo cáo (ngày {day})", "the report was due on {day}"),
    "opt.template": (
        "Mẫu Word do văn phòng sửa (lấy mẫu gốc: atgt report template -o mau.docx)",
        "A Word template the office edited (atgt's own: atgt report template -o mau.docx)",
    ),
    "opt.excel_vi": (
        "CSV cho Excel tiếng Việt: dấu ; giữa các cột, dấu phẩy thập phân",
        "CSV for Excel in a Vietnamese locale: ';' between fields, decimal comma",
    ),
    "fig.documents": ("Văn bản", "Documents"),
    "fig.struck_off": ("Xóa tên (đảng viên dự bị)", "Struck off (probationary)"),
    "doc.annex_of": (
        "Kèm theo Báo cáo số {number} ngày {day} của {issuer}",
        "Annex to report {number} of {day} by {issuer}",
    ),
    "doc.annex_of.draft": (
        "Kèm theo dự thảo Báo cáo của {issuer}",
        "Annex to the draft report by {issuer}",
    ),
    "template.not_docx": (
        "Mẫu {name} không phải tệp Word (.docx) đọc được: {error}",
        "Template {name} is not a readable Word file (.docx): {error}",
    ),
    "template.broken": (
        "Mẫu {name}: thẻ Jinja viết sai ({error}). Sửa thẻ trong Word hoặc lấy lại mẫu gốc: atgt report template -o mau.docx",
        "Template {name}: a broken Jinja tag ({error}). Fix it in Word, or start again from atgt report template -o mau.docx",
    ),
    "template.unknown": (
        "Mẫu {name}: thẻ {{{{ {error} }}}} không có trong số liệu của báo cáo (xem các thẻ có trong mẫu gốc: atgt report template -o mau.docx)",
        "Template {name}: the tag {{{{ {error} }}}} is not in the report's data (see the tags of atgt report template -o mau.docx)",
    ),
    "doc.no_data": ("chưa có số liệu", "no data"),
    "doc.yes": ("Có", "Yes"),
    "doc.no": ("Không", "No"),
    "doc.p.month": ("tháng {n} năm {year}", "month {n} of {year}"),
    "doc.p.quarter": ("quý {q} năm {year}", "quarter {q} of {year}"),
    "doc.p.half1": ("6 tháng đầu năm {year}", "the first half of {year}"),
    "doc.p.half2": ("6 tháng cuối năm {year}", "the second half of {year}"),
    "doc.p.year": ("năm {year}", "the year {year}"),
    "doc.in.month": ("Trong tháng", "In the month"),
    "doc.in.quarter": ("Trong quý", "In the quarter"),
    "doc.in.half": ("Trong 6 tháng", "In the half-year"),
    "doc.in.year": ("Trong năm", "In the year"),
    "doc.what.period": ("kết quả {period}", "the results of {period}"),
    "doc.what.half": ("sơ kết {period}", "the review of {period}"),
    "doc.what.year": ("tổng kết {period}", "the review of {period}"),
    "doc.ytd": ("Lũy kế năm {year}", "Year to date {year}"),
    "doc.last": ("cùng kỳ năm {year}", "the same period of {year}"),
    "doc.plan_ref": (
        "{kind} số {symbol} ngày {date} của {issuer} về {title}",
        "{kind} {symbol} of {date} by {issuer} on {title}",
    ),
    "doc.summary.period": ("kết quả thực hiện {plan}, {period}", "results of {plan}, {period}"),
    "doc.summary.half": ("sơ kết {period} thực hiện {plan}", "review of {period}: {plan}"),
    "doc.summary.year": ("tổng kết {period} thực hiện {plan}", "review of {period}: {plan}"),
    "doc.n.sessions": ("buổi", "session(s)"),
    "doc.n.documents": ("văn bản", "document(s)"),
    "doc.n.web_posts": ("tin, bài", "post(s)"),
    "doc.n.masses": ("lượt quần chúng", "non-member(s) reached"),
    "doc.n.cases": ("trường hợp", "case(s)"),
    "doc.n.members": ("đảng viên", "member(s)"),
    "doc.any_session": ("buổi tuyên truyền về TTATGT", "a traffic-safety session"),
    "doc.within.month": (" trong tháng", " in the month"),
    "doc.within.quarter": (" trong quý", " in the quarter"),
    "doc.within.half": (" trong 6 tháng", " in the half-year"),
    "doc.within.year": (" trong năm", " in the year"),
    "doc.short.label": ("chưa thực hiện: {label}{within}", "has not yet: {label}{within}"),
    "doc.short.sessions.none": (
        "chưa tổ chức {what} có nội dung về TTATGT{within}",
        "held no {what} on traffic safety{within}",
    ),
    "doc.short.sessions.some": (
        "mới tổ chức {value}/{threshold} buổi {what} có nội dung về TTATGT{within}",
        "held only {value} of {threshold} {what} on traffic safety{within}",
    ),
    "doc.short.attendance": (
        "có tỷ lệ đảng viên dự chỉ đạt {value}% (chỉ tiêu {threshold}%)",
        "only {value}% of members attended (target {threshold}%)",
    ),
    "doc.short.masses.none": (
        "chưa tuyên truyền đến quần chúng{within} (chỉ tiêu {threshold} lượt)",
        "reached no non-members{within} (target {threshold})",
    ),
    "doc.short.masses.some": (
        "mới tuyên truyền đến {value} lượt quần chúng{within} (chỉ tiêu {threshold} lượt)",
        "reached only {value} non-members{within} (target {threshold})",
    ),
    "doc.short.web_posts.none": (
        "chưa đăng tin, bài về TTATGT trên Trang thông tin điện tử của Sở{within}",
        "posted nothing on traffic safety on the website{within}",
    ),
    "doc.short.web_posts.some": (
        "mới đăng {value}/{threshold} tin, bài về TTATGT trên Trang thông tin điện tử{within}",
        "posted only {value} of {threshold} items on the website{within}",
    ),
    "doc.short.violations_reported_on_time": (
        "chưa báo cáo Đảng ủy Sở đúng thời hạn các trường hợp đảng viên vi phạm (đúng hạn"
        " {value}%, chỉ tiêu {threshold}%)",
        "did not report members' violations on time ({value}% on time)",
    ),
    "doc.short.violations_published": (
        "chưa công khai đầy đủ kết quả xử lý đảng viên vi phạm (đạt {value}%, chỉ tiêu"
        " {threshold}%)",
        "did not publish every result of handling ({value}%)",
    ),
    "doc.task.label": ("thực hiện: {label}", "carry out: {label}"),
    "doc.task.sessions": (
        "tổ chức {what} có nội dung về TTATGT trong {next}",
        "hold {what} on traffic safety in {next}",
    ),
    "doc.task.attendance": (
        "bảo đảm tỷ lệ đảng viên dự sinh hoạt, tuyên truyền từ {threshold}% trở lên",
        "bring attendance to at least {threshold}%",
    ),
    "doc.task.masses": (
        "tuyên truyền đến ít nhất {threshold} lượt quần chúng mỗi {per}",
        "reach at least {threshold} non-members each {per}",
    ),
    "doc.task.web_posts": (
        "đăng tin, bài về TTATGT trên Trang thông tin điện tử của Sở trong {next}",
        "post traffic-safety items on the website in {next}",
    ),
    "doc.task.violations_reported_on_time": (
        "báo cáo Đảng ủy Sở ngay khi biết đảng viên vi phạm, đúng thời hạn quy định",
        "report members' violations to the committee on time",
    ),
    "doc.task.violations_published": (
        "công khai kết quả xử lý đảng viên vi phạm",
        "publish the result of every handled violation",
    ),
    "doc.task.open": (
        "khẩn trương xem xét, xử lý {n} đảng viên vi phạm và báo cáo Đảng ủy Sở",
        "handle {n} open violation case(s) and report to the committee",
    ),
    "doc.case.open": ("chưa xử lý", "not handled yet"),
    "doc.case.on_time": ("đúng hạn", "on time"),
    "doc.case.late": ("chậm", "late"),
    "doc.case.waiting": ("chưa đến hạn", "not due yet"),
    "doc.targets.short": ("Chưa đạt: {labels}", "Short: {labels}"),
    "doc.targets.met": ("Đạt {met}/{n} chỉ tiêu", "{met} of {n} target(s) met"),
    "doc.targets.pending": ("{n} chỉ tiêu đang trong kỳ", "{n} target(s) still running"),
    "doc.attendance.best": ("ở buổi có tỷ lệ cao nhất trong kỳ", "at the best session"),
    "doc.attendance.mean": ("bình quân các buổi", "mean of the sessions"),
    "report.needs_file": (
        "định dạng {format} cần tệp: -o TỆP",
        "the {format} format needs a file: -o FILE",
    ),
    "opt.number": (
        "Số báo cáo (không ghi: để trống như bản dự thảo).",
        "Report number (none: left blank, as in a draft).",
    ),
    "opt.doc_date": ("Ngày ký (mặc định: hôm nay).", "Date of signing (default: today)."),
    "opt.signer": ("Họ tên người ký.", "Name of the signer."),
    "opt.signer_title": ("bi-thu hoặc pho-bi-thu.", "bi-thu or pho-bi-thu."),
    "xlsx.summary": ("Tổng hợp", "Summary"),
    "xlsx.sessions": ("Buổi tuyên truyền", "Sessions"),
    "xlsx.violations": ("Vi phạm", "Violations"),
    "xlsx.units": ("Đơn vị", "Units"),
    "xlsx.chart": ("Số buổi tuyên truyền theo đơn vị", "Sessions per unit"),
    "col.total": ("Tổng số", "Total"),
    "col.late": ("Trễ hạn", "Late"),
    "col.open": ("Chưa xử lý", "Open"),
    "col.short": ("Chưa đạt", "Short of"),
    "col.content": ("Nội dung", "Content"),
    "col.violations_new": ("Vi phạm mới", "New violations"),
    "imp.required": ("thiếu giá trị", "value missing"),
    "imp.maybe_swapped": (
        "'{text}' chỉ đúng khi đảo ngày và tháng",
        "'{text}' is a date only with day and month swapped",
    ),
    "imp.swapped_column": (
        "cột ngày ghi tháng trước ngày (mm/dd): {count} ô như '{example}'; sửa cột hoặc dùng --mapping",
        "the date column is month first (mm/dd): {count} cells like '{example}'; fix the column or use --mapping",
    ),
    "imp.encoding": (
        "{file}: không đọc được theo bảng mã {encoding} ({detail}); thử --legacy tcvn3 hoặc vni",
        "{file}: unreadable as {encoding} ({detail}); try --legacy tcvn3 or vni",
    ),
    "imp.mapping": ("tệp ánh xạ {file}: {detail}", "mapping file {file}: {detail}"),
    "imp.too_many_cells": (
        "các ô trải trên {rows} dòng × {columns} cột, quá {limit} ô một bảng tính được đọc",
        "its cells span {rows} rows × {columns} columns, over the {limit} cells a sheet may hold",
    ),
    "imp.workbook": (
        "{file}: không đọc được bảng tính ({detail})",
        "{file}: cannot read the workbook ({detail})",
    ),
    "imp.no_sheet": (
        "{file}: không có trang tính '{sheet}'; các trang: {sheets}",
        "{file}: no sheet '{sheet}'; its sheets: {sheets}",
    ),
    "imp.sheet_not_workbook": (
        "{file}: --sheet chỉ dùng cho bảng tính (.xlsx, .xls)",
        "{file}: --sheet is for workbooks only (.xlsx, .xls)",
    ),
    "imp.no_header": (
        "{file}: không tìm thấy dòng tiêu đề có các cột {fields}",
        "{file}: no header row naming the columns {fields}",
    ),
    "imp.missing_column": (
        "{file}: dòng tiêu đề (dòng {row}) thiếu cột {missing}; các cột có: {seen}. "
        "Dùng --mapping để chỉ cột nào là {missing}",
        "{file}: the header (row {row}) lacks the column {missing}; its columns: {seen}. "
        "Use --mapping to say which column is {missing}",
    ),
    "imp.unused_columns": (
        "Cột không dùng: {columns}. Dùng --mapping để gán cột cho một trường nếu cần.",
        "Columns not used: {columns}. Use --mapping to give a column its field if needed.",
    ),
    "imp.unused_column": ('"{header}" (cột {column})', '"{header}" (column {column})'),
    "imp.unused.unknown": ("không dùng", "not used"),
    "imp.unused.duplicate": (
        "không dùng (trùng trường với cột khác)",
        "not used (another column has this field)",
    ),
    "imp.unused.row_number": ("không dùng (số thứ tự)", "not used (row numbers)"),
    "imp.unused.ignored": ("không dùng (theo tệp ánh xạ)", "not used (as the mapping file says)"),
    "imp.header_row": (
        "{file}: dòng tiêu đề là dòng {row}; chưa ghi gì vào kho.",
        "{file}: the header is row {row}; nothing was written.",
    ),
    "col.column": ("Cột", "Column"),
    "col.header": ("Tiêu đề cột", "Header"),
    "col.field": ("Trường", "Field"),
    "imp.error_column": ("Lỗi", "Error"),
    "imp.conflict_in_file": (
        "{file}:{row}: cùng khóa với dòng {first} nhưng khác giá trị",
        "{file}:{row}: same key as row {first} but other values",
    ),
    "imp.conflict": (
        "{file}:{row}: khác bản ghi số {id} đã có (dùng --update để sửa theo tệp)",
        "{file}:{row}: differs from stored record {id} (use --update to apply the file)",
    ),
    "imp.no_batch": ("không có lần nhập số {id}", "no import batch {id}"),
    "imp.undone_already": (
        "lần nhập số {id} đã được hoàn tác",
        "import batch {id} is already undone",
    ),
    "imp.no_parent": (
        "{file}:{row}: Trực thuộc: không có đơn vị '{parent}' (trong kho hay ở dòng trên)",
        "{file}:{row}: parent: no unit '{parent}' (stored or on an earlier row)",
    ),
    "imp.undo_edited": (
        "không hoàn tác lần nhập {id}: đã có sửa đổi sau khi nhập ở {records}; thêm --force để "
        "hoàn tác cả những sửa đổi đó (mỗi bản ghi được lưu vào nhật ký)",
        "not undoing batch {id}: {records} were edited since the import; add --force to undo "
        "those edits too (each record is kept in the log)",
    ),
    "imp.undo_later": (
        "không hoàn tác lần nhập {id}: lần nhập {later} đã sửa bản ghi của nó; hoàn tác lần "
        "sau trước (`atgt import undo {last}`)",
        "not undoing batch {id}: batch {later} changed its records; undo the later one first "
        "(`atgt import undo {last}`)",
    ),
    "imp.undo_forced": (
        "hoàn tác lần nhập {id} (--force): bỏ cả sửa đổi sau khi nhập",
        "undo of batch {id} (--force): later edits dropped too",
    ),
    "imp.edited.session": ("buổi số {ids}", "session {ids}"),
    "imp.edited.violation": ("vi phạm số {ids}", "violation {ids}"),
    "imp.edited.member": ("đảng viên {ids}", "member {ids}"),
    "imp.edited.unit": ("đơn vị {ids}", "unit {ids}"),
    "imp.edited.more": (" và {count} bản ghi nữa", " and {count} more"),
    "opt.undo_force": (
        "Hoàn tác cả khi bản ghi của lần nhập đã được sửa sau đó (bỏ cả các sửa đổi ấy).",
        "Undo even when the batch's records were edited since (those edits are dropped too).",
    ),
    "imp.undo_in_use": (
        "không hoàn tác được lần nhập {id}: các đơn vị của nó đã có ghi nhận",
        "cannot undo batch {id}: its units have records now",
    ),
    "import.help": (
        "Nhập bảng tính (.xlsx, .xls), tệp CSV, TSV, văn bản Unicode (UTF-16) của các văn phòng.",
        "Import the workbooks (.xlsx, .xls), CSV, TSV and Unicode text files offices keep.",
    ),
    "import.sessions.help": ("Nhập buổi tuyên truyền.", "Import propaganda sessions."),
    "import.violations.help": ("Nhập vi phạm của đảng viên.", "Import members' violations."),
    "import.units.help": ("Nhập đơn vị.", "Import units."),
    "import.list.help": ("Sổ các lần nhập.", "The ledger of imports."),
    "import.undo.help": (
        "Hoàn tác một lần nhập (bị từ chối nếu chạm tháng đã khóa sổ).",
        "Undo an import (refused where it touches a closed month).",
    ),
    "opt.mapping": (
        "Tệp YAML ánh xạ cột → trường, giá trị → danh mục.",
        "YAML mapping: column → field, value → vocabulary entry.",
    ),
    "opt.import_unit": (
        "Đơn vị cho tệp không có cột đơn vị.",
        "The unit of a file without a unit column.",
    ),
    "opt.dry_run": ("Kiểm tra, không ghi.", "Check, write nothing."),
    "opt.rejects": (
        "Ghi các dòng lỗi (kèm cột lỗi) ra tệp này.",
        "Write the bad rows (with an error column) to this file.",
    ),
    "opt.skip_invalid": (
        "Nhập các dòng đúng, bỏ các dòng lỗi.",
        "Import the good rows, leave the bad ones out.",
    ),
    "opt.update": (
        "Sửa bản ghi đã có theo tệp khi khác giá trị.",
        "Apply the file to stored records that differ.",
    ),
    "opt.legacy": (
        "Tệp gõ bằng bảng mã cũ: tcvn3 (ABC) hoặc vni (bảng tính: mọi ô chữ; không có thì nhận theo phông).",
        "A file in a legacy encoding: tcvn3 (ABC) or vni (workbooks: every text cell; without it, found by font).",
    ),
    "opt.sheet": (
        "Trang tính cần nhập (mặc định: trang đầu tiên không ẩn).",
        "The sheet to import (default: the first visible one).",
    ),
    "opt.show_mapping": (
        "Chỉ in cách hiểu từng cột (cột, tiêu đề, trường) và dòng tiêu đề, không nhập.",
        "Only print how each column is understood (column, header, field) and the header row; "
        "import nothing.",
    ),
    "imp.error_cell": ("ô lỗi {code}", "error cell {code}"),
    "imp.no_value": (
        "công thức chưa có giá trị (mở tệp bằng Excel hoặc LibreOffice rồi lưu lại)",
        "a formula with no value (open the file in Excel or LibreOffice and save it)",
    ),
    "imp.more": ("… và {count} lỗi khác.", "… and {count} more problems."),
    "imp.summary": (
        "{file}: {rows} dòng — thêm {added}, trùng bỏ qua {skipped}, sửa {updated}, xung đột {conflicts}, bỏ ra vì lỗi {left_out}{batch}{mode}.",
        "{file}: {rows} rows — {added} added, {skipped} identical skipped, {updated} updated, {conflicts} conflicts, {left_out} left out for problems{batch}{mode}.",
    ),
    "imp.batch_recorded": (" (lần nhập {batch})", " (batch {batch})"),
    "imp.nothing_new": (
        " — không có gì mới, không ghi lần nhập nào",
        " — nothing new, no batch recorded",
    ),
    "imp.untopiced": (
        "{count} buổi chưa xác định được chủ đề (nội dung không nêu chủ đề nào của kế hoạch).",
        "{count} sessions with no topic found (their content names none of the plan's topics).",
    ),
    "imp.not_data": (
        "Bỏ qua {count} dòng không phải dữ liệu (dòng tổng, phần ký tên, tiêu đề lặp lại).",
        "Left out {count} rows that are not records (totals, signatures, repeated headers).",
    ),
    "imp.rejects_written": (
        "Các dòng lỗi ({count}) đã ghi vào {file}.",
        "The {count} rows with problems are in {file}.",
    ),
    "imp.dry": (" — chạy thử, chưa ghi", " — dry run, nothing written"),
    "imp.refused": (
        "{file}: {count} lỗi; không ghi gì vào kho.",
        "{file}: {count} problem(s); nothing was written.",
    ),
    "imp.none": ("Chưa có lần nhập nào.", "No imports yet."),
    "imp.undone": (
        "Đã hoàn tác lần nhập {id}: bỏ {added} dòng thêm, khôi phục {updated} dòng sửa.",
        "Undid batch {id}: removed {added} added rows, restored {updated} changed rows.",
    ),
    "imp.published_open": (
        "công khai một vi phạm chưa xử lý: cần Hình thức xử lý và Ngày quyết định",
        "published before being handled: the outcome and its date are needed",
    ),
    "imp.progress": ("đã đọc {rows} dòng…", "{rows} rows read…"),
    # export and input templates
    "export.help": (
        "Xuất bản ghi ra CSV hoặc XLSX mà atgt import đọc lại được.",
        "Export records as CSV or XLSX that atgt import reads back.",
    ),
    "export.sessions.help": ("Xuất buổi tuyên truyền.", "Export propaganda sessions."),
    "export.violations.help": (
        "Xuất vi phạm của đảng viên (có họ tên: giữ kín; --redact để ẩn).",
        "Export members' violations (names: keep private; --redact hides them).",
    ),
    "export.units.help": (
        "Xuất đơn vị (nhập lại được vào kho trống bằng atgt import units).",
        "Export units (re-imports into an empty store with atgt import units).",
    ),
    "export.members.help": (
        "Xuất danh sách đảng viên (đơn vị, họ tên, loại, chức vụ).",
        "Export the members (unit, name, membership, posts).",
    ),
    "opt.export_month": (
        "Chỉ tháng này: 11/2026 (đơn vị: số đảng viên tính đến cuối tháng).",
        "Only this month: 11/2026 (units: member counts as of its last day).",
    ),
    "opt.export_format": (
        "csv hoặc xlsx (mặc định theo đuôi tệp -o, không có thì csv).",
        "csv or xlsx (default: from the -o file's extension, else csv).",
    ),
    "opt.export_output": (
        "Ghi ra tệp (không có: CSV ra màn hình).",
        "Write to a file (without it: CSV on stdout).",
    ),
    "export.no_month": (
        "--month không dùng cho {kind}: danh sách đảng viên không theo tháng",
        "--month does not apply to {kind}: the member list has no month",
    ),
    "export.written": ("Đã ghi {path} ({rows} dòng).", "Wrote {path} ({rows} rows)."),
    "export.sheet.sessions": ("Buổi tuyên truyền", "Sessions"),
    "export.sheet.violations": ("Vi phạm", "Violations"),
    "export.sheet.units": ("Đơn vị", "Units"),
    "export.sheet.members": ("Đảng viên", "Members"),
    "template.help": (
        "Tạo sổ Excel mẫu để nhập liệu, có danh sách chọn theo kế hoạch.",
        "Make an input workbook with drop-down lists from the plan.",
    ),
    "template.sessions.help": (
        "Mẫu nhập buổi tuyên truyền.",
        "The input template for propaganda sessions.",
    ),
    "template.violations.help": (
        "Mẫu nhập vi phạm của đảng viên.",
        "The input template for members' violations.",
    ),
    "opt.template_output": ("Tệp .xlsx sẽ tạo.", "The .xlsx file to make."),
    "template.written": ("Đã ghi mẫu {path}", "Wrote the template {path}"),
    "tpl.sheet.data": ("Nhập liệu", "Data"),
    "tpl.sheet.help": ("Hướng dẫn", "Instructions"),
    "tpl.sheet.lists": ("Danh mục", "Lists"),
    "tpl.help.title": (
        "HƯỚNG DẪN NHẬP LIỆU ({kind})",
        "HOW TO FILL IN THIS WORKBOOK ({kind})",
    ),
    "tpl.help.column": ("Cột", "Column"),
    "tpl.help.required": ("Bắt buộc", "Required"),
    "tpl.help.meaning": ("Ý nghĩa, cách ghi", "Meaning, how to write it"),
    "tpl.help.values": ("Chọn từ", "Pick from"),
    "tpl.yes": ("Có", "Yes"),
    "tpl.kind.sessions": ("buổi tuyên truyền", "propaganda sessions"),
    "tpl.kind.violations": ("vi phạm của đảng viên", "members' violations"),
    "tpl.list.units": ("Đơn vị", "Units"),
    "tpl.list.channels": ("Hình thức", "Channels"),
    "tpl.list.topics": ("Chủ đề", "Topics"),
    "tpl.list.items": ("Mục kế hoạch", "Plan items"),
    "tpl.list.items_text": ("Nội dung mục", "Item text"),
    "tpl.list.violation_categories": ("Hành vi vi phạm", "Categories"),
    "tpl.list.memberships": ("Chính thức/Dự bị", "Membership"),
    "tpl.list.outcomes": ("Hình thức xử lý", "Outcomes"),
    "tpl.list.deciders": ("Cấp quyết định", "Deciding bodies"),
    "tpl.pick": ("Chọn trong danh sách", "Pick from the list"),
    "tpl.pick_error": (
        "Giá trị này không có trong danh sách của kế hoạch.",
        "This value is not in the plan's list.",
    ),
    "tpl.date_error": (
        "Ngày không hợp lệ hoặc trước ngày ban hành kế hoạch.",
        "Not a date, or before the plan was issued.",
    ),
    "tpl.number_error": ("Cần một số không âm.", "A number, not negative."),
    "tpl.note.rows": (
        "Ghi từ dòng 2 của trang «Nhập liệu», mỗi dòng một bản ghi; không đổi tên, không xóa cột "
        "ở dòng 1 (cột không dùng thì để trống).",
        "Write from row 2 of the «Nhập liệu» sheet, one record a row; do not rename or delete "
        "the columns of row 1 (leave unused ones empty).",
    ),
    "tpl.note.required": (
        "Cột ghi «Có» ở mục Bắt buộc (chữ đỏ ở dòng tiêu đề) phải có giá trị.",
        "Columns marked «Có» under Required (red in the header row) must be filled.",
    ),
    "tpl.note.dates": (
        "Ngày ghi theo ngày/tháng/năm, vd. 17/8/2023; không trước ngày ban hành kế hoạch {plan}, "
        "không sau ngày nhập.",
        "Dates as day/month/year, e.g. 17/8/2023; not before plan {plan} was issued, not after "
        "the day of import.",
    ),
    "tpl.note.lists": (
        "Các cột có danh sách: bấm vào ô để chọn; danh sách lấy theo kế hoạch và các đơn vị "
        "trong kho (trang «Danh mục» đã ẩn).",
        "Columns with a list: click the cell to pick; the lists come from the plan and the "
        "store's units (the hidden «Danh mục» sheet).",
    ),
    "tpl.note.topics": (
        "Một buổi có nhiều nội dung: ghi các nội dung trong cùng một ô, cách nhau bằng dấu chấm "
        "phẩy (;).",
        "A session with several topics: put them in one cell, separated by semicolons (;).",
    ),
    "tpl.note.outcome": (
        "Chưa xử lý thì để trống Hình thức xử lý; đã xử lý thì ghi cả Ngày quyết định và Cấp "
        "quyết định.",
        "Not handled yet: leave the outcome empty; handled: fill the decision date and body too.",
    ),
    "tpl.note.import": (
        "Nhập vào kho: atgt import {kind} TỆP.xlsx (thêm --dry-run để kiểm tra trước).",
        "To import: atgt import {kind} FILE.xlsx (add --dry-run to check first).",
    ),
    "tpl.note.made": (
        "Mẫu tạo ngày {today} theo kế hoạch {plan}; khi kế hoạch hoặc đơn vị thay đổi, tạo lại "
        "mẫu: atgt template {kind} -o TỆP.xlsx",
        "Made on {today} from plan {plan}; when the plan or the units change, make it again: "
        "atgt template {kind} -o FILE.xlsx",
    ),
    "tpl.sessions.unit": (
        "Chi bộ hoặc đoàn thể tổ chức buổi tuyên truyền.",
        "The party cell or mass organisation that held the session.",
    ),
    "tpl.sessions.date": ("Ngày tổ chức (hoặc ngày đăng bài).", "Day held (or posted)."),
    "tpl.sessions.channel": ("Hình thức tuyên truyền.", "How the propaganda was done."),
    "tpl.sessions.topics": (
        "Chủ đề, chọn trong danh sách; nhiều chủ đề cách nhau bằng dấu ;",
        "Topics, from the list; several separated by ;",
    ),
    "tpl.sessions.content": (
        "Nội dung đã tuyên truyền, ghi như thường lệ; chủ đề được tìm trong đó khi để trống cột Chủ đề",
        "What was said, as usual; its topics are found in it when the topic column is empty",
    ),
    "tpl.violations.content": (
        "Nội dung vi phạm, ghi như thường lệ; loại vi phạm được tìm trong đó khi để trống cột loại",
        "What the violation was, as usual; its category is found in it when that column is empty",
    ),
    "tpl.sessions.item": (
        "Mục của kế hoạch được thực hiện (vd. II.2.a).",
        "The plan item carried out (e.g. II.2.a).",
    ),
    "tpl.sessions.present": ("Số đảng viên dự (số nguyên).", "Members present (a whole number)."),
    "tpl.sessions.total": (
        "Tổng số đảng viên của đơn vị; để trống thì lấy số đã ghi của đơn vị, trừ số miễn "
        "sinh hoạt.",
        "Members of the unit; empty: the unit's recorded count less those exempted.",
    ),
    "tpl.sessions.masses": ("Số lượt quần chúng tham dự.", "Non-members reached (head-count)."),
    "tpl.sessions.title": ("Tiêu đề buổi hoặc tên bài đăng.", "Title of the session or post."),
    "tpl.sessions.url": (
        "Đường dẫn https://…; bắt buộc với bài đăng trên trang thông tin điện tử.",
        "A https://… link; required for posts on the website.",
    ),
    "tpl.sessions.note": ("Ghi chú.", "Note."),
    "tpl.sessions.evidence": (
        "Minh chứng: đường dẫn tệp hoặc URL.",
        "Evidence: a file path or URL.",
    ),
    "tpl.violations.unit": ("Chi bộ của đảng viên vi phạm.", "The member's party cell."),
    "tpl.violations.member": ("Họ và tên đảng viên.", "The member's full name."),
    "tpl.violations.membership": (
        "Chính thức hoặc dự bị; để trống là chính thức.",
        "Full or probationary; empty means full.",
    ),
    "tpl.violations.party_post": (
        "Chức vụ đảng (vd. Bí thư chi bộ), nếu có.",
        "Party post (e.g. cell secretary), if any.",
    ),
    "tpl.violations.state_title": (
        "Chức vụ chính quyền (vd. Trưởng phòng), nếu có.",
        "State title (e.g. head of division), if any.",
    ),
    "tpl.violations.category": ("Hành vi vi phạm.", "What the member did."),
    "tpl.violations.date": ("Ngày vi phạm.", "Day of the violation."),
    "tpl.violations.known_on": (
        "Ngày chi bộ biết vi phạm (vd. ngày nhận thông báo của công an); hạn báo cáo tính từ "
        "ngày này; để trống là ngày vi phạm.",
        "Day the cell learned of it (e.g. the police notice); the report deadline runs from "
        "it; empty: the day of the violation.",
    ),
    "tpl.violations.detected_by": (
        "Nơi phát hiện (vd. CSGT thông báo).",
        "Detected by (e.g. police notice).",
    ),
    "tpl.violations.alcohol_breath": (
        "Nồng độ cồn trong khí thở, mg/l (vd. 0,25).",
        "Alcohol in breath, mg/l (e.g. 0.25).",
    ),
    "tpl.violations.alcohol_blood": (
        "Nồng độ cồn trong máu, mg/100 ml.",
        "Alcohol in blood, mg/100 ml.",
    ),
    "tpl.violations.reported_on": (
        "Ngày chi bộ báo cáo Đảng ủy.",
        "Day the cell reported it to the committee.",
    ),
    "tpl.violations.outcome": (
        "Hình thức xử lý theo Quy định 69-QĐ/TW; để trống nếu chưa xử lý.",
        "Outcome under Quy định 69-QĐ/TW; empty if not handled yet.",
    ),
    "tpl.violations.decided_on": (
        "Ngày quyết định xử lý (bắt buộc khi có hình thức xử lý).",
        "Day of the decision (required with an outcome).",
    ),
    "tpl.violations.decided_by": (
        "Cấp quyết định (bắt buộc khi có hình thức xử lý).",
        "The deciding body (required with an outcome).",
    ),
    "tpl.violations.decision": ("Số quyết định.", "Decision number."),
    "tpl.violations.published_on": (
        "Ngày công khai kết quả xử lý (chỉ khi đã xử lý).",
        "Day the outcome was published (only once handled).",
    ),
    "tpl.violations.published_where": (
        "Nơi công khai (vd. hội nghị chi bộ); bắt buộc khi có ngày công khai.",
        "Where it was published (e.g. cell meeting); required with a publication date.",
    ),
    "tpl.violations.note": ("Ghi chú.", "Note."),
    "template.not_xlsx": (
        "{path}: mẫu nhập là sổ Excel, tên tệp phải có đuôi .xlsx",
        "{path}: the template is an Excel workbook; the file name must end in .xlsx",
    ),
    "col.batch": ("Lần", "Batch"),
    "col.file": ("Tệp", "File"),
    "col.rows": ("Dòng", "Rows"),
    "col.added": ("Thêm", "Added"),
    "rep.figure": ("Chỉ số", "Figure"),
    "rep.period": ("Kỳ này", "This period"),
    "rep.ytd": ("Lũy kế", "Year to date"),
    "rep.last_year": ("Cùng kỳ", "Same period last year"),
    "rep.results": ("Kết quả thực hiện", "Results"),
    "rep.title": ("Báo cáo kết quả thực hiện {plan} — {period}", "Report on {plan} — {period}"),
    "rep.range": (
        "Kỳ báo cáo: {start} – {end}; số liệu đến ngày {as_of}.",
        "Period {start} – {end}; data as of {as_of}.",
    ),
    "rep.fingerprint": ("Dấu số liệu: {fingerprint}", "Data fingerprint: {fingerprint}"),
    "rep.section": ("Phần", "Section"),
    "rep.by_unit": ("Theo đơn vị", "By unit"),
    "report.help": (
        "Báo cáo kết quả cho một kỳ (tháng, quý, 6 tháng, năm).",
        "The report for a period (month, quarter, half-year, year).",
    ),
    "report.make.help": (
        "Làm báo cáo: bảng, md, csv, json (nhiều -o cùng lúc).",
        "Make the report: table, md, csv, json (several -o at once).",
    ),
    "report.note.help": (
        "Nhận xét của Văn phòng trong báo cáo một kỳ (hiện ở mọi lần làm lại): `report note TEXT`"
        " ghi thêm; list, edit, delete.",
        "The office's notes in a period's report (kept for every regeneration): `report note"
        " TEXT` adds one; list, edit, delete.",
    ),
    "opt.format": (
        "Định dạng: table, md, csv, json (mặc định theo đuôi tệp -o).",
        "Format: table, md, csv, json (default: from the -o file's extension).",
    ),
    "opt.output": (
        "Ghi ra tệp (lặp lại được: -o bc.md -o bc.csv).",
        "Write to a file (repeatable: -o r.md -o r.csv).",
    ),
    "opt.as_of": (
        "Ngày chốt số liệu (mặc định: ngày cuối kỳ).",
        "Data cut-off day (default: the period's last day).",
    ),
    "opt.section": (
        "Phần: ket-qua, han-che, phuong-huong.",
        "Section: ket-qua, han-che, phuong-huong.",
    ),
    "report.written": ("Đã ghi {path}", "Wrote {path}"),
    "report.noted": (
        "Đã ghi nhận xét vào báo cáo {period}.",
        "Added the note to the report of {period}.",
    ),
    "report.note.add.help": (
        "Ghi nhận xét vào báo cáo một kỳ (như `atgt report note TEXT`).",
        "Add a note to a period's report (as `atgt report note TEXT`).",
    ),
    "report.note.list.help": (
        "Liệt kê nhận xét của Văn phòng (mọi kỳ, hoặc kỳ được ghi).",
        "List the office's notes (every period, or the one given).",
    ),
    "report.note.edit.help": ("Sửa lời một nhận xét.", "Change a note's text."),
    "report.note.delete.help": (
        "Xóa một nhận xét (lời cũ giữ trong nhật ký).",
        "Delete a note (its text kept in the audit log).",
    ),
    "note.unknown": ("không có nhận xét số {id}", "no note number {id}"),
    "note.none": ("Không có nhận xét nào.", "No notes."),
    "note.edited": ("Đã sửa nhận xét số {id}.", "Edited note {id}."),
    "note.unchanged": ("Nhận xét số {id}: không có gì thay đổi.", "Note {id}: nothing changed."),
    "note.deleted_ok": (
        "Đã xóa nhận xét số {id} (lời cũ giữ trong nhật ký).",
        "Deleted note {id} (its text kept in the log).",
    ),
    "col.period": ("Kỳ", "Period"),
    "col.text": ("Nội dung", "Text"),
    "report.bad_format": (
        "không rõ định dạng của {path}: dùng --format ({formats})",
        "cannot tell the format of {path}: use --format ({formats})",
    ),
    # hostile files and text (issue 21)
    "plan.surrogate": (
        "có ký tự không hợp lệ (nửa cặp UTF-16, như \\ud800): xóa nó đi",
        "holds an invalid character (half a UTF-16 pair, such as \\ud800): remove it",
    ),
    "file.not_regular": (
        "không phải tệp thường (thư mục, thiết bị hoặc ống dẫn)",
        "not a regular file (a directory, a device or a pipe)",
    ),
    "imp.look_alike": (
        "{file}:{row}: '{unit}' chỉ khác đơn vị '{other}' ở dấu câu hoặc khoảng trắng: sửa"
        " lại cho đúng tên đã có, hoặc đặt tên khác hẳn",
        "{file}:{row}: '{unit}' differs from the unit '{other}' only by punctuation or spacing:"
        " write the stored name, or a distinct one",
    ),
    "plan.symbol_char": (
        "số hiệu có ký tự dễ nhầm ({char}): chỉ dùng chữ cái tiếng Việt, chữ số và - / .",
        "the symbol holds a character easily mistaken ({char}): use only Vietnamese letters,"
        " digits and - / .",
    ),
    "unit.look_alike": (
        "'{unit}' chỉ khác đơn vị '{other}' ở dấu câu hoặc khoảng trắng: đặt tên khác hẳn",
        "'{unit}' differs from the unit '{other}' only by punctuation or spacing: choose a"
        " distinct name",
    ),
    "date.out_of_range": (
        "'{text}': năm ngoài khoảng 1900–2999",
        "'{text}': year outside 1900–2999",
    ),
    "imp.not_a_file": (
        "{file} là {what}, không phải tệp dữ liệu: chỉ nhập được một tệp thường",
        "{file} is {what}, not a data file: only a regular file can be imported",
    ),
    "imp.not_a_file.dir": ("một thư mục", "a directory"),
    "imp.not_a_file.fifo": ("một ống dẫn (FIFO)", "a pipe (FIFO)"),
    "imp.not_a_file.device": ("một thiết bị", "a device"),
    "imp.not_a_file.other": ("một tệp đặc biệt", "a special file"),
    "imp.too_big": (
        "{file}: bảng tính .xls lớn quá {limit} MiB: lưu lại dưới dạng .xlsx hoặc CSV",
        "{file}: .xls workbook larger than {limit} MiB: save it again as .xlsx or CSV",
    ),
    "imp.encrypted": (
        "{file}: bảng tính có mật khẩu (mã hóa): mở bằng Excel, bỏ mật khẩu rồi lưu lại",
        "{file}: the workbook is password-protected (encrypted): open it in Excel, remove the"
        " password and save it again",
    ),
    "imp.is_html": (
        "{file}: là trang web (HTML) mang tên bảng tính: mở bằng Excel rồi lưu lại dưới dạng"
        " .xlsx hoặc CSV",
        "{file}: a web page (HTML) named as a workbook: open it in Excel and save it as .xlsx"
        " or CSV",
    ),
    "imp.is_xml": (
        "{file}: là tệp XML (bảng tính XML 2003?) mang tên bảng tính: mở bằng Excel rồi lưu"
        " lại dưới dạng .xlsx",
        "{file}: an XML file (an XML 2003 spreadsheet?) named as a workbook: open it in Excel"
        " and save it as .xlsx",
    ),
    "imp.not_workbook": (
        "{file}: không phải bảng tính (.xlsx, .xls) cũng không phải tệp văn bản",
        "{file}: neither a workbook (.xlsx, .xls) nor a text file",
    ),
    "imp.zip_bomb": (
        "{file}: phần {part} của bảng tính bung ra quá lớn ({size} MiB): không đọc",
        "{file}: part {part} of the workbook expands too far ({size} MiB): not read",
    ),
    "imp.zip_ratio": (
        "{file}: phần {part} của bảng tính nén {ratio} lần, không giống dữ liệu thật: không đọc",
        "{file}: part {part} of the workbook is compressed {ratio} times, not like real data:"
        " not read",
    ),
    "imp.too_many_columns": (
        "{file}: bảng có {count} cột, quá {limit}: không phải bảng ghi nhận (chọn đúng trang"
        " tính, hoặc xóa các cột thừa)",
        "{file}: {count} columns, more than {limit}: not a table of records (choose the right"
        " sheet, or delete the extra columns)",
    ),
    "imp.mapping_too_big": ("lớn quá {limit} byte", "larger than {limit} bytes"),
    "imp.mapping_key": ("không rõ khóa '{key}' ({shape})", "unknown key '{key}' ({shape})"),
    "imp.mapping_shape": ("{where}: cần {want}", "{where}: {want} expected"),
    "imp.cell_long": (
        "{where}: ô dài quá {limit} ký tự",
        "{where}: cell longer than {limit} characters",
    ),
    "imp.bad_bytes": (
        "{where}: có byte không đọc được theo bảng mã {encoding} ({bytes}): tệp bị hỏng ở dòng"
        " này, hoặc lưu bằng bảng mã khác (lưu lại dưới dạng CSV UTF-8)",
        "{where}: bytes unreadable as {encoding} ({bytes}): the file is damaged on this line, or"
        " saved in another encoding (save it again as CSV UTF-8)",
    ),
    "imp.long_line": (
        "{where}: dòng dài quá {limit} ký tự (tệp không phải bảng dữ liệu, hoặc thiếu xuống dòng)",
        "{where}: line longer than {limit} characters (not a table of data, or no line ends)",
    ),
    "imp.long_field": (
        "{where}: ô dài quá {limit} ký tự (có thể một dấu ngoặc kép mở mà không đóng)",
        "{where}: cell longer than {limit} characters (perhaps a quote opened and never closed)",
    ),
    "imp.open_quote": (
        "{where}: dấu ngoặc kép mở ở đây không được đóng: các dòng sau bị gộp vào ô này"
        ' (thêm dấu " đóng, hoặc bỏ dấu mở)',
        "{where}: a quote opened here is never closed: the lines after it run into this cell"
        ' (add the closing " or remove the opening one)',
    ),
    "arg.not_utf8": (
        "đối số {arg} có byte không phải UTF-8: gõ lại hoặc đổi tên tệp sang Unicode",
        "argument {arg} holds bytes that are not UTF-8: type it again or rename the file in Unicode",
    ),
}


def set_lang(lang: str) -> None:
    global _lang
    _lang = lang


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Labels in one language for a while: a report's phrases are Vietnamese, as its template."""
    before = get_lang()
    set_lang(lang)
    try:
        yield
    finally:
        set_lang(before)


def get_lang() -> str:
    return _lang


def t(key: str, /, **params: object) -> str:
    vi, en = MESSAGES[key]
    text = en if _lang == "en" else vi
    return text.format(**params) if params else text
