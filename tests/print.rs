//! The printed list forms are the seed's forms whole: Mẫu 4.1 with both of its tables, their titles
//! and columns, the signature row and the enterprises' confirmation; every list form headed by the
//! seed's title and columns whatever the officer's sheet calls them. Read back from the PDF
//! (pdftotext), the DOCX (python-docx) and the template `hoso init` writes (openpyxl).
mod common;

use common::*;
use std::path::Path;

const TITLE_1: &str = "1. Danh sách hộp cáp cung cấp dịch vụ Internet băng thông rộng";
const TITLE_2: &str = "2. Danh sách các trạm thu, phát sóng thông tin di động";
const COLUMNS_1: [&str; 4] = [
    "TT",
    "Địa chỉ lắp đặt",
    "Mạng thông tin di động (ghi tên doanh nghiệp)",
    "Ghi chú",
];
const COLUMNS_2: [&str; 4] = [
    "TT",
    "Tên thôn/bản/khu phố",
    "Hộp cáp cung cấp dịch vụ truy cập Internet băng rộng",
    "Ghi chú",
];

fn docx_text(path: &Path) -> String {
    let script = "import docx,sys\nd=docx.Document(sys.argv[1])\nout=[]\nfor b in d.element.body.iterchildren():\n  if b.tag.endswith('}p'):\n    out.append(''.join(t.text or '' for t in b.iter() if t.tag.endswith('}t')))\n  elif b.tag.endswith('}tbl'):\n    for tc in b.iter():\n      if tc.tag.endswith('}tc'):\n        out.append(' '.join(''.join(t.text or '' for t in p.iter() if t.tag.endswith('}t')) for p in tc.iter() if p.tag.endswith('}p')))\nprint('\\n'.join(out))";
    let r = py(script, &[path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    flat(&r.stdout)
}

/// The part of `text` after `from` and before `to` (the rest when `to` is empty).
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} missing in {text}"))
        + from.len();
    let rest = &text[start..];
    match to {
        "" => rest,
        to => {
            &rest[..rest
                .find(to)
                .unwrap_or_else(|| panic!("{to:?} missing in {rest}"))]
        }
    }
}

/// `part` holds every needle (table cells: their order in extracted text follows the layout).
fn holds(what: &str, part: &str, needles: &[&str]) {
    for n in needles {
        assert!(part.contains(n), "{what}: {n:?} missing in {part}");
    }
}

/// `text` holds `needles` in this order.
fn in_order(what: &str, text: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        let found = text[at..].find(n);
        at += found.unwrap_or_else(|| panic!("{what}: {n:?} missing or out of order in {text}"));
        at += n.len();
    }
}

#[test]
fn mau_41_prints_both_tables_and_every_confirmation_of_the_seed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let r = build(&repo().join("evidence-layout/vi-du"), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let pdf = flat(&pdftotext_raw(
        &out.join("Mau-4.1-Tan-Phuc-2024.pdf"),
        false,
    ));
    let docx = docx_text(&out.join("Mau-4.1-Tan-Phuc-2024.docx"));
    for (what, text) in [("PDF", &pdf), ("DOCX", &docx)] {
        in_order(
            what,
            text,
            &[
                "Mẫu số 4.1. Hạ tầng mạng băng rộng cáp quang",
                TITLE_1,
                TITLE_2,
                "Cán bộ tổng hợp",
            ],
        );
        let one = between(text, TITLE_1, TITLE_2);
        holds(what, one, &COLUMNS_1);
        holds(what, one, &["Thôn Phúc Lợi VNPT, Viettel", "Thôn Tây Phúc"]);
        let two = between(text, TITLE_2, "Cán bộ tổng hợp");
        holds(what, two, &COLUMNS_2);
        holds(
            what,
            two,
            &[
                "Thôn Phúc Lợi Trạm BTS Viettel THA123",
                "Thôn Tân Lập Trạm BTS VNPT THA456",
            ],
        );
        assert!(!two.contains("Địa chỉ lắp đặt") && !one.contains("Tên thôn/bản/khu phố"));
        let end = between(text, TITLE_2, "");
        holds(
            what,
            end,
            &[
                "(Ký ghi rõ họ tên, số điện thoại liên hệ)",
                "Xác nhận của UBND xã",
                "(Ký ghi rõ họ tên, đóng dấu)",
            ],
        );
        in_order(
            what,
            end,
            &[
                "Xác nhận của Doanh nghiệp",
                "VNPT:",
                "Viettel:.....",
                "Mobifone:.....",
            ],
        );
    }
}

#[test]
fn init_template_has_both_tables_and_a_filled_one_prints_in_place() {
    let d = thanh_hoa_complete();
    let tmp = tempfile::tempdir().unwrap();
    let init = tmp.path().join("init");
    let r = run(&[
        "init",
        init.to_str().unwrap(),
        "--bo",
        "thanh-hoa-cds-xa",
        "--nam",
        "2024",
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    let template = walkdir::WalkDir::new(&init)
        .into_iter()
        .flatten()
        .find(|e| e.file_name() == "mau-4.1.xlsx")
        .expect("init writes mau-4.1.xlsx")
        .into_path();
    // Read the template as an officer's spreadsheet program would, and fill both tables.
    let script = r#"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
rows = [[c.value for c in r] for r in ws.iter_rows()]
print('\n'.join(' | '.join('' if v is None else str(v) for v in r).strip(' |') for r in rows))
def row_of(text):
    return next(i for i, r in enumerate(rows) if r[0] == text) + 1
t1, t2 = row_of(sys.argv[3]), row_of(sys.argv[4])
ws.cell(t1 + 2, 1, 1); ws.cell(t1 + 2, 2, 'Thôn Đông'); ws.cell(t1 + 2, 3, 'VNPT')
ws.cell(t2 + 2, 1, 1); ws.cell(t2 + 2, 2, 'Thôn Tây'); ws.cell(t2 + 2, 3, 'Trạm BTS MBF789')
wb.save(sys.argv[2])
"#;
    let filled = d.path().join("4.1 Minh chứng/mau-4.1.xlsx");
    let r = py(
        script,
        &[
            template.to_str().unwrap(),
            filled.to_str().unwrap(),
            TITLE_1,
            TITLE_2,
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let titles: Vec<usize> = [TITLE_1, TITLE_2]
        .iter()
        .map(|t| lines.iter().position(|l| l == t).expect(t))
        .collect();
    assert_eq!(
        lines[titles[0] + 1],
        "TT | Địa chỉ lắp đặt | Mạng thông tin di động (ghi tên doanh nghiệp) | Ghi chú"
    );
    assert_eq!(
        lines[titles[1] + 1],
        "TT | Tên thôn/bản/khu phố | Hộp cáp cung cấp dịch vụ truy cập Internet băng rộng | Ghi chú"
    );
    for l in [
        "Cán bộ tổng hợp",
        "Xác nhận của Doanh nghiệp",
        "Mobifone:.....",
    ] {
        assert!(lines.iter().any(|x| x.contains(l)), "template lacks {l}");
    }
    let out = tmp.path().join("o");
    let r = build(d.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(!r.all().contains("không tìm thấy bảng"), "{}", r.all());
    let pdf = flat(&pdftotext_raw(
        &out.join("Mau-4.1-Tan-Phuc-2024.pdf"),
        false,
    ));
    holds(
        "PDF",
        between(&pdf, TITLE_1, TITLE_2),
        &["Thôn Đông", "VNPT"],
    );
    holds(
        "PDF",
        between(&pdf, TITLE_2, ""),
        &["Thôn Tây", "Trạm BTS MBF789"],
    );
}

#[test]
fn a_sheet_missing_a_table_is_named_and_still_prints_the_seed_form() {
    let d = thanh_hoa_complete();
    d.file(
        "4.1 Minh chứng/mau-4.1.csv",
        format!("{TITLE_1}\nTT,Địa chỉ lắp đặt,Mạng thông tin di động (ghi tên doanh nghiệp),Ghi chú\n1,Thôn A,VNPT,\n"),
    );
    let tmp = tempfile::tempdir().unwrap();
    let r = run(&["check", &d.p()]);
    assert!(
        r.all()
            .contains(&format!("không tìm thấy bảng \"{TITLE_2}\"")),
        "{}",
        r.all()
    );
    let out = tmp.path().join("o");
    assert_eq!(build(d.path(), &out, &[]).code, 0);
    let pdf = flat(&pdftotext_raw(
        &out.join("Mau-4.1-Tan-Phuc-2024.pdf"),
        false,
    ));
    holds("PDF", between(&pdf, TITLE_1, TITLE_2), &["Thôn A", "VNPT"]);
    holds("PDF", between(&pdf, TITLE_2, ""), &COLUMNS_2);
}

#[test]
fn list_forms_are_headed_by_the_seed_columns_not_the_officer_cells() {
    let d = thanh_hoa_complete();
    d.file(
        "4.5 Minh chứng/mau-4.5.csv",
        "stt,TÊN ĐIỂM wifi,địa chỉ,ghi chu\n1,Khu vực UBND xã,Thôn A,\n2,Nhà văn hóa thôn B,Thôn B,\n\
         3,Nhà văn hóa thôn C,Thôn C,\n4,Chợ xã,Thôn D,\n5,Trạm y tế,Thôn E,\n6,Trường học,Thôn F,\n",
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let r = build(d.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let pdf = flat(&pdftotext_raw(
        &out.join("Mau-4.5-Tan-Phuc-2024.pdf"),
        false,
    ));
    let docx = docx_text(&out.join("Mau-4.5-Tan-Phuc-2024.docx"));
    for (what, text) in [("PDF", &pdf), ("DOCX", &docx)] {
        let title = "Mẫu số 4.5. Danh sách các khu vực công cộng, điểm du lịch cộng đồng, ... có wifi công cộng trên địa bàn xã";
        let table = between(text, title, "Người thống kê");
        holds(
            what,
            table,
            &[
                "STT",
                "Khu vực/tên điểm du lịch cộng đồng",
                "Địa chỉ (Số nhà/thôn)",
                "Ghi chú",
                "Khu vực UBND xã",
                "Trường học",
            ],
        );
        assert!(
            !text.contains("TÊN ĐIỂM wifi"),
            "{what}: officer's header printed"
        );
    }
}
