"""Class workbooks: names from a teacher's class list are written as text, never as formulas."""

from __future__ import annotations

from openpyxl import load_workbook

from e5portfolio.tableau.classbook import append_row, new_table, save_table, set_link


def test_a_formula_like_name_is_written_as_text(tmp_path):
    workbook, sheet = new_table("Classe", "e5portfolio test", "Classe de test", [("Nom", 20), ("Rapport", 30)])
    row = append_row(sheet, ['=HYPERLINK("http://exemple.invalid","clic")', None])
    set_link(sheet.cell(row=row, column=2), "rapports/a.html", "@SUM(1+1)")
    append_row(sheet, ["LE GALL", 3])
    path = tmp_path / "classe.xlsx"
    save_table(workbook, sheet, 2, path)

    read = load_workbook(path).active
    assert [c.value for c in read[1]] == ["Nom", "Rapport"]
    assert read["A2"].value == '\'=HYPERLINK("http://exemple.invalid","clic")' and read["A2"].data_type == "s"
    assert read["B2"].value == "'@SUM(1+1)" and read["B2"].hyperlink.target == "rapports/a.html"
    assert (read["A3"].value, read["B3"].value) == ("LE GALL", 3)
    assert read.freeze_panes == "C2" and read.auto_filter.ref == "A1:B3"
