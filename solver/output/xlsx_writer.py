"""A small, fast, deterministic writer of print-ready .xlsx lists (SpreadsheetML by hand).

openpyxl builds an object per cell and serialises it element by element: the city's roster
(about 200,000 cells on 700 sheets) took 5-11 s, most of the roster's time. The lists need only
text and numbers, three styles and the print settings, so this module writes the XML as text:
the same workbook in well under a second, byte-identical for the same content (fixed zip
timestamps, no creation date). openpyxl still reads it back in the tests.

Every sheet: a bold title on row 1, the header row ``header_row`` bold on grey, frozen below it
and repeated on every printed page; A4 landscape, fit to one page wide, centred, page numbers in
the footer.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (a control character typed into a name): dropped."""

TITLE_STYLE, HEADER_STYLE = 1, 2
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}">
<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="14"/>\
<name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill \
patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDDDDD"/>\
<bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/>\
<right/><top/><bottom style="thin"><color rgb="FF999999"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" \
applyBorder="1" applyAlignment="1"><alignment horizontal="center"/></xf></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>
"""


@dataclass(frozen=True)
class Sheet:
    """One printable list: rows of text or numbers (``None`` is an empty cell)."""

    name: str
    rows: Sequence[Sequence[object]]
    header_row: int
    widths: Sequence[float]


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def text(value: str) -> str:
    """``value`` escaped for XML; the characters XML cannot hold are not printable, so the
    search for them is skipped for printable text (nearly every cell)."""
    return escape(value if value.isprintable() else NOT_XML.sub("", value))


def cell_xml(ref: str, value: object, style: int) -> str:
    s = f' s="{style}"' if style else ""
    if type(value) is str and value:  # most cells, first
        return text_cell(ref, s, value)
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, bool):
        value = str(value).lower()
    if isinstance(value, int | float):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    return text_cell(ref, s, str(value))


def text_cell(ref: str, s: str, value: str) -> str:
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text(value)}</t></is></c>'


def sheet_xml(sheet: Sheet) -> str:
    letters = [column_letter(i) for i in range(1, max(len(sheet.widths), 1) + 1)]
    width = max([len(letters), *(len(r) for r in sheet.rows)])
    while len(letters) < width:
        letters.append(column_letter(len(letters) + 1))
    lines = []
    for r, row in enumerate(sheet.rows, start=1):
        style = TITLE_STYLE if r == 1 else HEADER_STYLE if r == sheet.header_row else 0
        cells = "".join([cell_xml(f"{c}{r}", v, style) for c, v in zip(letters, row, strict=False)])
        lines.append(f'<row r="{r}">{cells}</row>')
    last = f"{letters[width - 1]}{max(len(sheet.rows), 1)}"
    top = f"A{sheet.header_row + 1}"
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
        for i, w in enumerate(sheet.widths, start=1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{last}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        f'<pane ySplit="{sheet.header_row}" topLeftCell="{top}" activePane="bottomLeft" '
        'state="frozen"/><selection pane="bottomLeft" activeCell="'
        + top
        + '" sqref="'
        + top
        + '"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + "<sheetData>"
        + "".join(lines)
        + "</sheetData>"
        '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        "<headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter>"
        "</worksheet>"
    )


def quoted(name: str) -> str:
    """A sheet name as a formula reference: ``'汇总'`` (a quote inside is doubled)."""
    return "'" + name.replace("'", "''") + "'"


def workbook_xml(sheets: Sequence[Sheet]) -> str:
    entries = "".join(
        f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, start=1)
    )
    titles = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
        f"{escape(quoted(s.name))}!${s.header_row}:${s.header_row}</definedName>"
        for i, s in enumerate(sheets)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{entries}</sheets><definedNames>{titles}</definedNames></workbook>"
    )


def write_xlsx(target: Path, sheets: Sequence[Sheet]) -> None:
    """Write ``sheets`` as one .xlsx file (names must already be legal and unique)."""
    n = len(sheets)
    sheet_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>'
                for i in range(1, n + 1)
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": workbook_xml(sheets),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PACKAGE_RELS}">{sheet_rels}'
            f'<Relationship Id="rId{n + 1}" Type="{RELS}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": STYLES,
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
        for i, sheet in enumerate(sheets, start=1):
            info = zipfile.ZipInfo(f"xl/worksheets/sheet{i}.xml", FIXED_TIME)
            archive.writestr(info, sheet_xml(sheet), zipfile.ZIP_DEFLATED)
