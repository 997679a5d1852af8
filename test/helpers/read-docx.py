"""Reads a .docx with python-docx (a real reader, not ours) and prints what the tests check, as JSON.

Usage: python3 read-docx.py FILE.docx
"""
import json
import sys

import docx
from docx.oxml.ns import qn


def east_asia_font(run_properties):
    if run_properties is None or run_properties.rFonts is None:
        return None
    return run_properties.rFonts.get(qn('w:eastAsia'))


def paragraph_of(paragraph):
    runs = paragraph.runs
    return {
        'text': paragraph.text,
        'alignment': str(paragraph.alignment) if paragraph.alignment is not None else None,
        'eastAsiaFonts': sorted({f for f in (east_asia_font(r._element.rPr) for r in runs) if f}),
        'sizesPt': sorted({r.font.size.pt for r in runs if r.font.size is not None}),
        'bold': any(r.bold for r in runs),
    }


def main(path):
    document = docx.Document(path)
    defaults = document.styles.element.find(qn('w:docDefaults'))
    default_run = defaults.find(qn('w:rPrDefault')).find(qn('w:rPr'))
    size = default_run.find(qn('w:sz'))
    default_spacing = defaults.find(qn('w:pPrDefault')).find(qn('w:pPr')).find(qn('w:spacing'))
    sections = []
    for section in document.sections:
        sections.append({
            'pageWidthMm': round(section.page_width.mm, 1),
            'pageHeightMm': round(section.page_height.mm, 1),
            'topMm': round(section.top_margin.mm, 1),
            'bottomMm': round(section.bottom_margin.mm, 1),
            'leftMm': round(section.left_margin.mm, 1),
            'rightMm': round(section.right_margin.mm, 1),
            'footers': [
                {'text': footer.paragraphs[0].text if footer.paragraphs else '',
                 'pageField': 'PAGE' in footer._element.xml}
                for footer in (section.footer, section.even_page_footer)
            ],
        })
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    print(json.dumps({
        'title': document.core_properties.title,
        'defaultEastAsiaFont': east_asia_font(default_run),
        'defaultSizePt': int(size.get(qn('w:val'))) / 2 if size is not None else None,
        'defaultLineSpacing': {
            'twips': int(default_spacing.get(qn('w:line'))),
            'rule': default_spacing.get(qn('w:lineRule')),
        } if default_spacing is not None else None,
        'paragraphs': [paragraph_of(p) for p in document.paragraphs],
        'tables': tables,
        'sections': sections,
    }, ensure_ascii=False))


if __name__ == '__main__':
    main(sys.argv[1])
