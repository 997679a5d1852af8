"""Read an XLSX workbook with openpyxl and print what a spreadsheet user would see, as JSON.

Per sheet: its name, the autofilter range, every row's cached values (dates as {"date": "YYYY-MM-DD"}),
and the formulas of the last row (the totals row), so a test can check both the figures and how they
were written.
"""
import datetime
import json
import sys

import openpyxl


def cell_value(cell):
    value = cell.value
    if isinstance(value, datetime.datetime):
        return {"date": value.date().isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return value


def main(path):
    values = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path, data_only=False)
    sheets = []
    for sheet in values.worksheets:
        rows = [[cell_value(cell) for cell in row] for row in sheet.iter_rows()]
        last = list(formulas[sheet.title].iter_rows())[-1] if sheet.max_row > 0 else []
        sheets.append(
            {
                "name": sheet.title,
                "autoFilter": sheet.auto_filter.ref,
                "rows": rows,
                "lastRowFormulas": [c.value if isinstance(c.value, str) and c.value.startswith("=") else None for c in last],
            }
        )
    print(json.dumps({"sheets": sheets}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
