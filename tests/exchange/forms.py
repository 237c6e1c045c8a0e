#!/usr/bin/env python3
"""Workbooks for the tests of `plantrack template` / `import FILE.xlsx` (tests/unit/xlsx_test.cpp,
tests/e2e/exchange_cli_test.cpp), made with openpyxl as an official's spreadsheet program would
save them, and hostile files made by hand.

Usage: forms.py BATCH.json   -- a list of operations, run in one process (keeps tests fast):
  {"op": "fill", "in": T, "out": O, "sheet": S|null, "cells": {"J5": 4400, "K5": "件", ...}}
      open T with openpyxl, set cells, save O. A JSON number is stored as a number, a string
      as text ("4400" is a number stored as text), "date:YYYY-MM-DD" as a date (a serial in a
      date style), "bool:true" as a boolean, "=..." as a formula, null empties the cell.
  {"op": "inline", "in": I, "out": O}   every shared string of every sheet as an inline string
  {"op": "macro", "in": I, "out": O}    add an xl/vbaProject.bin part
  {"op": "encrypted", "out": O}         an OLE compound file, as Excel saves a protected one
  {"op": "bomb", "out": O, "mib": N}    a zip whose one part inflates to N MiB of zeros
  {"op": "truncated", "in": I, "out": O}  the first half of I
  {"op": "cells", "out": O}             a plain workbook of every cell encoding (xlsx_test)

The values written are sample data (示例数据), not figures of the seed documents.
"""
import datetime
import json
import re
import sys
import zipfile

import openpyxl


def value_of(v):
    if isinstance(v, str) and v.startswith("date:"):
        return datetime.datetime.strptime(v[5:], "%Y-%m-%d")
    if isinstance(v, str) and v.startswith("bool:"):
        return v[5:] == "true"
    return v


def fill(op):
    book = openpyxl.load_workbook(op["in"])
    sheet = book[op["sheet"]] if op.get("sheet") else book.worksheets[0]
    for ref, v in op["cells"].items():
        sheet[ref].value = value_of(v)
    book.save(op["out"])


def rewrite(src, out, change, extra=None):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, change(item.filename, zin.read(item.filename)))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)


def inline(op):
    with zipfile.ZipFile(op["in"]) as z:
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            xml = z.read("xl/sharedStrings.xml").decode()
            for si in re.findall(r"<si>(.*?)</si>", xml, re.S):
                strings.append("".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S)))

    def change(name, data):
        if not name.startswith("xl/worksheets/"):
            return data
        xml = data.decode()

        def cell(m):
            attrs, index = m.group(1), int(m.group(2))
            attrs = attrs.replace(' t="s"', ' t="inlineStr"')
            return f'<c{attrs}><is><t>{strings[index]}</t></is></c>'
        return re.sub(r'<c([^>]*t="s"[^>]*)><v>(\d+)</v></c>', cell, xml).encode()
    rewrite(op["in"], op["out"], change)


def macro(op):
    rewrite(op["in"], op["out"], lambda n, d: d, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"})


def encrypted(op):
    with open(op["out"], "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + b"EncryptedPackage")


def bomb(op):
    with zipfile.ZipFile(op["out"], "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (op["mib"] << 20))


def truncated(op):
    data = open(op["in"], "rb").read()
    open(op["out"], "wb").write(data[: len(data) // 2])


def cells(op):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet["A1"] = "专利申请量"          # a shared string
    sheet["B1"] = 4400                  # a number
    sheet["C1"] = "4400"                # a number stored as text
    sheet["D1"] = datetime.datetime(2019, 6, 30)  # a date: a serial in a date style
    sheet["E1"] = "=B1*2"               # a formula
    sheet["F1"] = True                  # a boolean
    sheet["G1"] = 0.1                   # a decimal
    # row 2 and 3 empty
    sheet["A4"] = "第四行"
    hidden = book.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "x"
    book.save(op["out"])


OPS = {"fill": fill, "inline": inline, "macro": macro, "encrypted": encrypted, "bomb": bomb,
       "truncated": truncated, "cells": cells}

if __name__ == "__main__":
    for op in json.load(open(sys.argv[1], encoding="utf-8")):
        OPS[op["op"]](op)
