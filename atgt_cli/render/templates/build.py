"""Builds the Word templates atgt ships (`make templates`): one per kind of report, A4 with
the layout Hướng dẫn 36-HD/VPTW (3/4/2018) sets for party documents, the sentences of the
report written out with Jinja tags (docxtpl). An office edits its copy in Word
(`atgt report template -o mau.docx`); atgt never needs this script at run time.

HD 36, as each part below follows it:
- A4, margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New Roman
  (Unicode, TCVN 6909:2001); body 14 pt, justified, first line indented.
- Top left: the superior đảng bộ (caps, 14 pt), the issuing body (bold caps, 14 pt), "*";
  the number under it ("Số 12-BC/ĐUSCT", no colon), level with the place and date.
- Top right: "ĐẢNG CỘNG SẢN VIỆT NAM" (bold caps, 15 pt) with a rule under it as long as the
  words; under it the place and date in italics ("Đồng Nai, ngày 05 tháng 12 năm 2026").
- A draft: "DỰ THẢO" in a box above the party's name; number and day left open.
- The document type "BÁO CÁO" (bold caps, 16 pt) and its summary line (bold, 14 pt).
- Page numbers in Arabic figures, centred in the top margin, from the second page on
  (Sổ tay công tác văn phòng cấp ủy, Đảng ủy Khối Bình Thuận: "trang thứ hai phải đánh số
  trang bằng chữ số Ả Rập … cách đều hai mép phải, trái của phần có chữ").
- "Nơi nhận:" bottom left (14 pt, upright, underlined); one recipient a line (12 pt,
  upright), each after a dash, a comma after each and a full stop after the last.
- The signature block bottom right: "T/M ĐẢNG ỦY", "BÍ THƯ" (bold caps, 14 pt), the
  signer's name (bold); kept on the page of the last paragraph of the text.
- An annex (phụ lục) starts on a new page under its own heading.
A đoàn thể's report is not a party document: its organisation's header and motto, "Số:",
"TM. BAN CHẤP HÀNH", and no party-member section.

Run: python -m atgt_cli.render.templates.build
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FONT = "Times New Roman"
KINDS = ("dang-uy", "chi-bo", "doan-the")
FILES = {kind: HERE / f"bao-cao-{kind}.docx" for kind in KINDS}


def notes(section: str, dash: str = "") -> list[tuple[str, str]]:
    """The office's notes of a section (atgt report note), a paragraph each."""
    return [
        ("p", f"{{%p for note in notes.{section} %}}"),
        ("body", dash + "{{ note }}"),
        ("p", "{%p endfor %}"),
    ]


# Under the lead-in: a period not over yet, data that start within the year.
OPENING: list[tuple[str, str]] = [
    ("p", "{%p if period.as_of %}"),
    ("note", "(Số liệu đến ngày {{ period.as_of }}; kỳ báo cáo chưa kết thúc.)"),
    ("p", "{%p endif %}"),
    ("p", "{%p if since and not ytd %}"),
    ("note", "(Số liệu được ghi nhận từ ngày {{ since }}.)"),
    ("p", "{%p endif %}"),
    ("heading", "I. KẾT QUẢ THỰC HIỆN"),
]

# The sentences of each report, kind by kind. {{ … }} are the model's figures and phrases
# (render/report_context.py lists them); {%p … %} keeps or drops a whole paragraph.
COMMITTEE_BODY: list[tuple[str, str]] = [
    (
        "body",
        "Thực hiện {{ plan.ref }}, Đảng ủy Sở báo cáo {{ period.what }} như sau:",
    ),
    *OPENING,
    ("heading", "1. Công tác lãnh đạo, chỉ đạo"),
    (
        "body",
        "Đảng ủy Sở tiếp tục lãnh đạo, chỉ đạo các chi bộ, đoàn thể thực hiện nghiêm Kế hoạch"
        " số {{ plan.symbol }}, gắn với nhiệm vụ chính trị của cơ quan"
        "{% if committee_documents %}; {{ period.in|lower }}, Đảng ủy ban hành"
        " {{ committee_documents }} tuyên truyền, nhắc nhở cán bộ, đảng viên chấp hành quy"
        " định về trật tự, an toàn giao thông{% endif %}."
        "{% if presented %} Đến nay, {{ presented }} chi bộ đã triển khai Kế hoạch đến toàn thể"
        " đảng viên.{% endif %}",
    ),
    *notes("ket_qua"),
    ("heading", "2. Công tác tuyên truyền, phổ biến, giáo dục pháp luật"),
    (
        "body",
        "{{ period.in }}, {% if now.sessions_n %}Đảng ủy Sở và các chi bộ, đoàn thể tổ chức"
        " {{ now.sessions }} tuyên truyền về trật tự, an toàn giao thông (TTATGT)"
        "{% if channels %}, gồm {{ channels }}{% endif %}"
        "{% if now.attendance %}; tỷ lệ đảng viên dự đạt {{ now.attendance }}{% endif %}"
        "{% else %}Đảng ủy Sở và các chi bộ, đoàn thể chưa tổ chức buổi tuyên truyền về trật tự,"
        " an toàn giao thông (TTATGT){% endif %}"
        "{% if now.masses_n %}; tuyên truyền đến {{ now.masses }}{% endif %}"
        "{% if now.documents_n %}; ban hành {{ now.documents }} tuyên truyền, nhắc nhở{% endif %}"
        "; {% if now.web_posts_n %}đăng {{ now.web_posts }} về TTATGT trên Trang thông tin điện"
        " tử của Sở{% else %}chưa có tin, bài về TTATGT trên Trang thông tin điện tử của Sở"
        "{% endif %}.",
    ),
    (
        "body",
        "{% if ytd %}{{ period.ytd }}{% if since %} (số liệu từ ngày {{ since }}){% endif %}:"
        " {{ ytd.sessions }} tuyên truyền, {{ ytd.masses }}, {{ ytd.documents }},"
        " {{ ytd.web_posts }}. {% endif %}Cùng kỳ năm {{ period.last_year }}: {% if last %}"
        "{{ last.sessions }} tuyên truyền, {{ last.masses }}, {{ last.documents }},"
        " {{ last.web_posts }}{% else %}chưa có số liệu{% endif %}.",
    ),
    ("heading", "3. Tình hình đảng viên vi phạm và kết quả xử lý"),
    (
        "body",
        "{{ period.in }}, {% if now.new_n %}các chi bộ phát hiện, báo cáo {{ now.new }} đảng viên"
        " vi phạm quy định về TTATGT ({{ categories }}){% else %}không phát hiện trường hợp đảng"
        " viên vi phạm quy định về TTATGT{% endif %}."
        "{% if now.handled_n %} Đã xem xét, xử lý {{ now.handled }}"
        "{% if outcomes %}: {{ outcomes }}{% endif %}"
        "{% if now.struck_off_n %}; xóa tên {{ now.struck_off }} dự bị khỏi danh sách đảng viên"
        " (không phải hình thức kỷ luật){% endif %}; {% if now.published_n %}công khai kết quả"
        " xử lý {{ now.published }}{% else %}chưa công khai kết quả xử lý{% endif %}.{% endif %}"
        "{% if now.late_n %} Có {{ now.late }} báo cáo Đảng ủy Sở chậm so với thời hạn"
        " {{ report_days }} ngày kể từ khi chi bộ biết vi phạm.{% endif %}"
        "{% if open %} Còn {{ open }} chưa xem xét, xử lý.{% endif %}",
    ),
    (
        "body",
        "{% if ytd %}{{ period.ytd }}: {{ ytd.new }} vi phạm, đã xử lý {{ ytd.handled }}, công"
        " khai kết quả {{ ytd.published }}, báo cáo chậm {{ ytd.late }}. {% endif %}Cùng kỳ năm"
        " {{ period.last_year }}: {% if last %}{{ last.new }} vi phạm{% else %}chưa có số liệu"
        "{% endif %}.",
    ),
]


def limits_and_tasks(some: str, every: str) -> list[tuple[str, str]]:
    """Parts II and III: the shortfalls and the tasks drawn from them, then the office's notes."""
    return [
        ("heading", "II. HẠN CHẾ, NGUYÊN NHÂN"),
        ("p", "{%p if shortfalls %}"),
        ("body", f"{some} chưa thực hiện đầy đủ các chỉ tiêu của Kế hoạch:"),
        ("p", "{%p for s in shortfalls %}"),
        ("body", "- {{ s }}"),
        ("p", "{%p endfor %}"),
        ("p", "{%p else %}"),
        ("body", f"{every} thực hiện đầy đủ các chỉ tiêu của Kế hoạch {{{{ period.in|lower }}}}."),
        ("p", "{%p endif %}"),
        *notes("han_che"),
        ("heading", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ {{ period.next|upper }}"),
        ("p", "{%p for task in tasks %}"),
        ("body", "- {{ task }}"),
        ("p", "{%p endfor %}"),
    ]


COMMITTEE_TASKS: list[tuple[str, str]] = [
    (
        "body",
        "- Các chi bộ, đoàn thể tiếp tục tuyên truyền, quán triệt Kế hoạch số {{ plan.symbol }}"
        " trong sinh hoạt chi bộ, sinh hoạt đoàn thể, sinh hoạt định kỳ đầu tuần và trên Trang"
        " thông tin điện tử của Sở.",
    ),
    (
        "body",
        "- Mỗi cán bộ, đảng viên, nhất là cán bộ lãnh đạo, quản lý, người đứng đầu gương mẫu chấp"
        " hành quy định về trật tự, an toàn giao thông, vận động người thân, gia đình cùng thực"
        " hiện.",
    ),
    (
        "body",
        "- Kịp thời phát hiện, xử lý nghiêm, công khai kết quả xử lý đảng viên vi phạm và báo cáo"
        " Đảng ủy Sở đúng thời hạn; nghiêm cấm mọi hành vi can thiệp vào việc xử lý vi phạm.",
    ),
    *notes("phuong_huong", "- "),
]

CELL_BODY: list[tuple[str, str]] = [
    ("body", "Thực hiện {{ plan.ref }}, Chi bộ báo cáo {{ period.what }} như sau:"),
    *OPENING,
    ("heading", "1. Công tác lãnh đạo, chỉ đạo"),
    (
        "body",
        "{% if all_presented %}Chi bộ đã triển khai Kế hoạch số {{ plan.symbol }} đến toàn thể"
        " đảng viên{% else %}Chi bộ chưa tổ chức triển khai Kế hoạch số {{ plan.symbol }} đến"
        " toàn thể đảng viên{% endif %}; thường xuyên nhắc nhở đảng viên gương mẫu chấp hành quy"
        " định về trật tự, an toàn giao thông.",
    ),
    *notes("ket_qua"),
    ("heading", "2. Công tác tuyên truyền, phổ biến, giáo dục pháp luật"),
    (
        "body",
        "{{ period.in }}, {% if now.sessions_n %}Chi bộ tổ chức {{ now.sessions }} tuyên truyền"
        " về trật tự, an toàn giao thông{% if channels %}, gồm {{ channels }}{% endif %}"
        "{% if now.attendance %}; tỷ lệ đảng viên dự đạt {{ now.attendance }}{% endif %}"
        "{% else %}Chi bộ chưa tổ chức buổi tuyên truyền về trật tự, an toàn giao thông"
        "{% endif %}{% if now.masses_n %}; tuyên truyền đến {{ now.masses }}{% endif %}"
        "{% if now.web_posts_n %}; đăng {{ now.web_posts }} trên Trang thông tin điện tử của Sở"
        "{% endif %}.",
    ),
    (
        "body",
        "{% if ytd %}{{ period.ytd }}: {{ ytd.sessions }} tuyên truyền{% if ytd.masses_n %},"
        " {{ ytd.masses }}{% endif %}. {% endif %}Cùng kỳ năm {{ period.last_year }}:"
        " {% if last %}{{ last.sessions }} tuyên truyền{% else %}chưa có số liệu{% endif %}.",
    ),
    ("heading", "3. Tình hình đảng viên vi phạm và kết quả xử lý"),
    (
        "body",
        "{{ period.in }}, {% if now.new_n %}Chi bộ phát hiện {{ now.new }} đảng viên vi phạm"
        " ({{ categories }}){% else %}Chi bộ không có đảng viên vi phạm quy định về trật tự, an"
        " toàn giao thông{% endif %}.{% if now.handled_n %} Đã xem xét, xử lý"
        " {{ now.handled }}{% if outcomes %}: {{ outcomes }}{% endif %}"
        "{% if now.struck_off_n %}; đề nghị xóa tên {{ now.struck_off }} dự bị{% endif %};"
        " {% if now.published_n %}công khai kết quả xử lý {{ now.published }}{% else %}chưa công"
        " khai kết quả xử lý{% endif %}.{% endif %}"
        "{% if now.late_n %} Có {{ now.late }} báo cáo Đảng ủy Sở chậm so với thời hạn"
        " {{ report_days }} ngày.{% endif %}{% if open %} Còn {{ open }} chưa xem xét, xử lý."
        "{% endif %}",
    ),
]

CELL_TASKS: list[tuple[str, str]] = [
    (
        "body",
        "- Tiếp tục tuyên truyền Kế hoạch số {{ plan.symbol }} trong sinh hoạt chi bộ; mỗi đảng"
        " viên gương mẫu chấp hành quy định về trật tự, an toàn giao thông, vận động người thân,"
        " gia đình cùng thực hiện.",
    ),
    (
        "body",
        "- Kịp thời phát hiện, xem xét, xử lý và báo cáo Đảng ủy Sở trong {{ report_days }} ngày"
        " khi có đảng viên vi phạm; không can thiệp vào việc xử lý vi phạm.",
    ),
    *notes("phuong_huong", "- "),
]

ORGANISATION_BODY: list[tuple[str, str]] = [
    (
        "body",
        "Thực hiện {{ plan.ref }}, Ban Chấp hành {{ unit }} báo cáo {{ period.what }} như sau:",
    ),
    *OPENING,
    ("heading", "1. Công tác triển khai"),
    (
        "body",
        "Ban Chấp hành {{ unit }} triển khai Kế hoạch số {{ plan.symbol }} đến {{ members }},"
        " vận động {{ members }} và người lao động chấp hành nghiêm quy định về trật tự, an toàn"
        " giao thông.",
    ),
    *notes("ket_qua"),
    ("heading", "2. Công tác tuyên truyền"),
    (
        "body",
        "{{ period.in }}, {% if now.sessions_n %}{{ unit }} tổ chức {{ now.sessions }} tuyên"
        " truyền về trật tự, an toàn giao thông{% if channels %}, gồm {{ channels }}{% endif %}"
        "{% else %}{{ unit }} chưa tổ chức buổi tuyên truyền về trật tự, an toàn giao thông"
        "{% endif %}{% if now.masses_n %}, với {{ now.masses }} tham dự{% endif %}.",
    ),
    (
        "body",
        "{% if ytd %}{{ period.ytd }}: {{ ytd.sessions }} tuyên truyền, {{ ytd.masses }}."
        " {% endif %}Cùng kỳ năm {{ period.last_year }}: {% if last %}{{ last.sessions }}"
        " tuyên truyền, {{ last.masses }}{% else %}chưa có số liệu{% endif %}.",
    ),
]

ORGANISATION_TASKS: list[tuple[str, str]] = [
    (
        "body",
        "- Tiếp tục tuyên truyền, vận động {{ members }} và người lao động chấp hành nghiêm quy"
        " định về trật tự, an toàn giao thông; không điều khiển phương tiện khi đã uống rượu,"
        " bia.",
    ),
    *notes("phuong_huong", "- "),
]


def build(kind: str) -> Any:
    """The template of one kind of report, as a python-docx Document."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _all_scripts(normal)
    normal.paragraph_format.space_after = Pt(0)
    _page_numbers(section)
    doc.core_properties.comments = (
        "Trình bày theo Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng về thể"
        " thức và kỹ thuật trình bày văn bản của Đảng (khổ A4, lề, phông chữ, tiêu đề, số và ký"
        " hiệu, địa danh và ngày tháng, nơi nhận, chữ ký, đánh số trang từ trang 2)."
        if kind != "doan-the"
        else "Báo cáo của đoàn thể: không phải văn bản của Đảng; tiêu đề và chữ ký của tổ chức."
    )
    w = _Writer(doc)
    party = kind != "doan-the"
    w.header(party)
    w.gap()
    w.line("{{ doc.title }}", size=16, bold=True)
    w.line("{{ doc.summary }}", bold=True)
    w.line("-----")
    w.gap()
    body = {"dang-uy": COMMITTEE_BODY, "chi-bo": CELL_BODY, "doan-the": ORGANISATION_BODY}[kind]
    tasks = {"dang-uy": COMMITTEE_TASKS, "chi-bo": CELL_TASKS, "doan-the": ORGANISATION_TASKS}[kind]
    who = {
        "dang-uy": ("Một số chi bộ, đoàn thể", "Các chi bộ, đoàn thể"),
        "chi-bo": ("Chi bộ", "Chi bộ"),
        "doan-the": ("{{ unit }}", "{{ unit }}"),
    }[kind]
    for style, text in body + limits_and_tasks(*who):
        w.add(style, text)
    for style, text in tasks:  # the last lines of the text stay with the signature
        w.add(style, text, keep=True)
    w.signature()
    w.annex(with_cases=party)
    return doc


class _Writer:
    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def line(
        self,
        text: str,
        *,
        where: Any = None,
        size: int = 14,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        align: str = "center",
    ) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = (where or self.doc).add_paragraph()
        paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
        run = paragraph.add_run(text)
        run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
        return paragraph

    def gap(self, where: Any = None) -> Any:
        return self.line("", where=where)

    def add(self, style: str, text: str, *, keep: bool = False) -> None:
        from docx.shared import Mm, Pt

        if style == "p":  # a paragraph docxtpl removes: only its tag matters
            self.doc.add_paragraph(text)
            return
        paragraph = self.line(
            text,
            bold=style == "heading",
            italic=style == "note",
            align="justify",
        )
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.paragraph_format.space_before = Pt(3 if style == "heading" else 0)
        paragraph.paragraph_format.space_after = Pt(3)
        paragraph.paragraph_format.line_spacing = 1.1
        if style == "heading" or keep:
            paragraph.paragraph_format.keep_with_next = True

    def header(self, party: bool) -> None:
        top = self.doc.add_table(rows=2, cols=2)
        # The superior đảng bộ and the place and date each on one line (Times, 14 pt: "ĐẢNG BỘ
        # KHỐI CÁC CƠ QUAN TỈNH" is 74 mm); a đoàn thể's motto is wider than a party's name.
        _widths(top, [86, 79] if party else [67, 98])
        _tight(top)
        (left, right), (number, place) = (r.cells for r in top.rows)
        for cell in (left, right, number, place):
            _drop_first(cell)
        if party:
            self.line("{{ doc.superior }}", where=left)
            self.line("{{ doc.issuer }}", where=left, bold=True)
            self.line("*", where=left)
            self.line("{%p if doc.draft %}", where=right)
            _box(self.line("DỰ THẢO", where=right, bold=True, size=13))
            self.line("{%p endif %}", where=right)
            _rule_under(self.line("ĐẢNG CỘNG SẢN VIỆT NAM", where=right, size=15, bold=True))
            self.line("{{ doc.number }}", where=number)
        else:
            self.line("{{ doc.superior }}", where=left, size=13)
            self.line("{{ doc.issuer }}", where=left, size=13, bold=True)
            self.line("***", where=left, size=13)
            self.line("{%p if doc.draft %}", where=right)
            _box(self.line("DỰ THẢO", where=right, bold=True, size=13))
            self.line("{%p endif %}", where=right)
            self.line("{%p for line in doc.motto %}", where=right)
            self.line("{{ line }}", where=right, size=13, bold=True)
            self.line("{%p endfor %}", where=right)
            self.line("{{ doc.number }}", where=number, size=13)
        self.line("{{ doc.place_date }}", where=place, italic=True)

    def signature(self) -> None:
        """Nơi nhận and the signature, in one row that does not split, kept with the text."""
        from docx.shared import Pt

        self.gap().paragraph_format.keep_with_next = True
        bottom = self.doc.add_table(rows=1, cols=2)
        _widths(bottom, [85, 80])
        _no_split(bottom.rows[0])
        left, right = bottom.rows[0].cells
        for cell in (left, right):
            _drop_first(cell)
        self.line("Nơi nhận:", where=left, underline=True, align="left")
        self.line("{%p for r in doc.recipients %}", where=left, align="left")
        self.line("{{ r }}", where=left, size=12, align="left")
        self.line("{%p endfor %}", where=left, align="left")
        self.line("{{ doc.on_behalf }}", where=right, bold=True)
        self.line("{{ doc.signer_title }}", where=right, bold=True)
        for _ in range(4):
            self.gap(where=right)
        self.line("{{ doc.signer }}", where=right, bold=True)
        for cell in (left, right):  # not kept with what follows: the annex starts a page
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)

    def annex(self, *, with_cases: bool) -> None:
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Mm, Pt

        # The annex on pages of its own, landscape: its tables are wide.
        annex = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _tiny(self.doc.paragraphs[-1])  # the break's own line: never a page of its own
        annex.orientation = WD_ORIENT.LANDSCAPE
        annex.page_width, annex.page_height = Mm(297), Mm(210)
        annex.different_first_page_header_footer = False
        self.line("PHỤ LỤC", bold=True)
        self.line("Số liệu thực hiện Kế hoạch số {{ plan.symbol }}, {{ period.name }}", bold=True)
        self.line("({{ doc.annex_of }})", italic=True)
        self.gap()
        self.line("1. Kết quả tuyên truyền theo đơn vị", bold=True, align="left")
        columns = [
            ("TT", 10, "{{ u.stt }}", ""),
            ("Đơn vị", 42, "{{ u.unit }}", "Cộng"),
            (
                "Buổi tuyên truyền",
                55,
                "{{ u.sessions }}\n{{ u.channels }}",
                "{{ annex.total.sessions }}",
            ),
            ("Văn bản", 16, "{{ u.documents }}", "{{ annex.total.documents }}"),
            ("Tin, bài", 16, "{{ u.web_posts }}", "{{ annex.total.web_posts }}"),
            ("ĐV dự (%)", 18, "{{ u.attendance }}", "{{ annex.total.attendance }}"),
            ("Lượt QC", 17, "{{ u.masses }}", "{{ annex.total.masses }}"),
            ("Chỉ tiêu", 78, "{{ u.targets }}", ""),
        ]
        self._table(columns, "u in annex.units", total=True)
        note = self.line(
            "Cột ĐV dự: tỷ lệ đảng viên dự ({{ annex.attendance }}), cách tính của chỉ tiêu trong"
            " Kế hoạch; dòng Cộng: tỷ lệ chung của tất cả các buổi. Dấu “–”: không có số liệu.",
            size=12,
            italic=True,
            align="left",
        )
        note.paragraph_format.space_before = Pt(2)
        if not with_cases:
            return
        self.gap()
        self.line(
            "2. Đảng viên vi phạm quy định về trật tự, an toàn giao thông", bold=True, align="left"
        )
        self.doc.add_paragraph("{%p if annex.cases %}")
        columns = [
            ("TT", 10, "{{ c.stt }}", ""),
            ("Đảng viên", 40, "{{ c.member }}", ""),
            ("Đơn vị", 36, "{{ c.unit }}", ""),
            ("Ngày vi phạm", 22, "{{ c.date }}", ""),
            ("Vi phạm", 62, "{{ c.kind }}", ""),
            ("Hình thức xử lý", 34, "{{ c.outcome }}", ""),
            ("Công khai", 20, "{{ c.published }}", ""),
            ("Báo cáo", 28, "{{ c.reported }}", ""),
        ]
        self._table(columns, "c in annex.cases", total=False)
        self.doc.add_paragraph("{%p else %}")
        self.line("Không có trường hợp đảng viên vi phạm trong kỳ.", align="left")
        self.doc.add_paragraph("{%p endif %}")

    def _table(self, columns: list[tuple[str, int, str, str]], loop: str, *, total: bool) -> None:
        """A header row repeated on every page, then one row per item of the loop (docxtpl
        drops the {%tr for %} and {%tr endfor %} rows and repeats the one between), then the
        total row if there is one."""
        grid = self.doc.add_table(rows=5 if total else 4, cols=len(columns))
        grid.style = "Table Grid"
        _widths(grid, [width for _, width, _, _ in columns])
        head, start, data, end = grid.rows[:4]
        _repeat_header(head)
        for i, (title, _, cell_text, total_text) in enumerate(columns):
            _cell(head.cells[i], title, bold=True, align="center")
            _cell(data.cells[i], cell_text, align="left" if i in (1, 4) else "center")
            if total:
                _cell(grid.rows[4].cells[i], total_text, bold=True, align="center")
        _cell(start.cells[0], f"{{%tr for {loop} %}}")
        _cell(end.cells[0], "{%tr endfor %}")


def _cell(cell: Any, text: str, *, bold: bool = False, align: str = "left") -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(12)


def _widths(table: Any, millimetres: list[int]) -> None:
    """Column widths that Word and LibreOffice both follow: the grid and every cell."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, millimetres, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    # The table as wide as its columns, laid out as given (not fitted to its text).
    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:tblW")) + properties.findall(qn("w:tblLayout")):
        properties.remove(old)
    properties.append(_xml("w:tblW", type="dxa", w=str(sum(Mm(w).twips for w in millimetres))))
    properties.append(_xml("w:tblLayout", type="fixed"))


def _drop_first(cell: Any) -> None:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)


def _xml(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _border(paragraph: Any, sides: tuple[str, ...]) -> None:
    borders = _xml("w:pBdr")
    for side in sides:
        borders.append(_xml(f"w:{side}", val="single", sz="6", space="1", color="000000"))
    paragraph._p.get_or_add_pPr().append(borders)


def _rule_under(paragraph: Any) -> None:
    """The rule under "ĐẢNG CỘNG SẢN VIỆT NAM", as long as the words: a bottom border with the
    paragraph indented to them."""
    from docx.shared import Mm

    paragraph.paragraph_format.left_indent = Mm(2.5)
    paragraph.paragraph_format.right_indent = Mm(2.5)
    _border(paragraph, ("bottom",))


def _box(paragraph: Any) -> None:
    from docx.shared import Mm

    paragraph.paragraph_format.left_indent = Mm(24)
    paragraph.paragraph_format.right_indent = Mm(24)
    _border(paragraph, ("top", "left", "bottom", "right"))


def _tight(table: Any) -> None:
    """Half a millimetre inside each cell, not Word's 1.9: the letterhead's lines are as wide
    as HD 36's sizes make them (the superior đảng bộ at 14 pt is 84 mm)."""
    margins = _xml("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_xml(f"w:{side}", w="28", type="dxa"))
    table._tbl.tblPr.append(margins)


def _tiny(paragraph: Any) -> None:
    """An empty paragraph one point high (its mark's size and no spacing)."""
    from docx.shared import Pt

    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(1)
    marks = _xml("w:rPr")
    marks.append(_xml("w:sz", val="2"))
    paragraph._p.get_or_add_pPr().append(marks)


def _no_split(row: Any) -> None:
    row._tr.get_or_add_trPr().append(_xml("w:cantSplit"))


def _repeat_header(row: Any) -> None:
    row._tr.get_or_add_trPr().append(_xml("w:tblHeader"))


def _page_numbers(section: Any) -> None:
    """The page number centred in the top margin, from the second page on."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(14)
    run._r.append(_xml("w:fldChar", fldCharType="begin"))
    instruction = _xml("w:instrText")
    instruction.text = "PAGE"
    run._r.append(instruction)
    run._r.append(_xml("w:fldChar", fldCharType="end"))
    section.first_page_header.paragraphs[0].text = ""


def _all_scripts(style: Any) -> None:
    from docx.oxml.ns import qn

    fonts = style.element.rPr.rFonts
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)


def main() -> int:
    for kind, path in FILES.items():
        build(kind).save(str(path))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
