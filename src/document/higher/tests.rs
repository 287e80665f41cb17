//! The higher levels' builders on a commune's package made in memory: Mẫu 02, 03, 04, Phụ lục 02
//! and 03 and the province summary, word for word where the seed fixes the words.

use super::summary::{self, Line};
use super::*;
use crate::document::tests::{
    cells, header_of, in_order, info, lines, set, summary, table_of, HOSO,
};
use crate::evaluate::Evaluation;
use crate::inputs::received::{Checked as Verified, Failure};

/// hoso.toml of `cap`, with `extra` lines under `[don_vi]` and the report's number.
fn level(cap: &str, so: &str, extra: &str) -> DossierInfo {
    let text = HOSO
        .replace("cap = \"xa\"", &format!("cap = \"{cap}\""))
        .replace("xa = \"Tân Phúc\"", &format!("xa = \"\"\n{extra}"))
        .replace("so = \"125/BC-UBND\"", &format!("so = \"{so}\""))
        .replace("dia_danh = \"Tân Phúc\"", "dia_danh = \"Hoằng Hóa\"");
    info(&text)
}

fn commune() -> Commune {
    Commune {
        tinh: "Thanh Hóa".into(),
        huyen: "Hoằng Hóa".into(),
        xa: "Tân Phúc".into(),
        loai: "xã".into(),
        zip_name: "HoSo-Tan-Phuc.zip".into(),
        checked: Verified {
            sha256: "ab".repeat(32),
            files: 12,
            evidence: 8,
            signed_pdfs: 3,
            unsigned_pdfs: 1,
            documents: vec![("Mau01-BaoCao.pdf".into(), Vec::new())],
            evidence_pdfs: 4,
            evidence_signed: 3,
        },
        so: "125/BC-UBND".into(),
        ngay: "2024-11-10".into(),
        indicators: Vec::new(),
        errors: (1..=7).map(|k| format!("lỗi {k}")).collect(),
        warnings: Vec::new(),
        district: None,
    }
}

fn row(code: &str, lower: &str, value: &str, e: Evaluation) -> Row {
    let s = set("thanh-hoa-cds-xa");
    let i = s.indicator(code).unwrap();
    Row {
        code: code.into(),
        parent: None,
        group: i.group.clone(),
        name: i.name.clone(),
        unit: i.unit.clone(),
        target: String::new(),
        lower_value: lower.into(),
        lower_eval: e,
        value: value.into(),
        evaluation: e,
        own: lower != value,
        differs: lower != value,
        note: String::new(),
    }
}

/// Builds the documents of `f` for one commune at the level of `info`.
fn with_ctx<T>(info: &DossierInfo, ok: bool, f: impl Fn(&Ctx) -> T) -> T {
    let (set, c) = (set("thanh-hoa-cds-xa"), commune());
    let rows = [
        row("1.1", "Có", "Có", Evaluation::Dat),
        row("1.4", "75%", "60%", Evaluation::KhongDat),
    ];
    let summary = summary(if ok { 2 } else { 1 }, 2);
    let ctx = Ctx {
        info,
        set: &set,
        c: &c,
        rows: &rows,
        summary: &summary,
        narrative: None,
    };
    f(&ctx)
}

#[test]
fn mau02_is_the_districts_appraisal() {
    let info = level("huyen", "12/BC-UBND", "");
    let d = with_ctx(&info, false, mau02);
    assert_eq!(d.file_stem, "Mau02-ThamDinh-Tan-Phuc-2024");
    assert_eq!(d.author, "UBND huyện Hoằng Hóa");
    let h = header_of(&d);
    assert_eq!(h.agency, ["UBND HUYỆN HOẰNG HÓA"]);
    assert_eq!(h.number, "Số: 12/BC-UBND");
    assert_eq!(h.place_date, "Hoằng Hóa, ngày 10 tháng 11 năm 2024");
    let sha = format!("Mã SHA-256 của gói: {}.", "ab".repeat(32));
    in_order(
        &d,
        &[
            "BÁO CÁO",
            "Về việc thẩm định hồ sơ đề nghị xét, công nhận xã hoàn thành các tiêu chí chuyển đổi số cho năm 2024",
            "I. VỀ HỒ SƠ, TÀI LIỆU MINH CHỨNG",
            "Hồ sơ đề nghị của UBND xã Tân Phúc (Báo cáo số 125/BC-UBND ngày 10/11/2024) được nhận dưới dạng gói hồ sơ điện tử HoSo-Tan-Phuc.zip. Kết quả kiểm tra: 12 tệp khớp mã băm SHA-256 trong bảng kê của xã; 8 tệp tài liệu minh chứng; 3 văn bản PDF có chữ ký số còn nguyên vẹn, 1 văn bản PDF chưa ký số.",
            "Chữ ký số: 0/1 văn bản của xã đã ký số — chưa ký: Mau01-BaoCao.pdf; 3/4 tệp PDF minh chứng đã ký số.",
            &sha,
            "Hồ sơ của xã được lập khi còn 7 thiếu sót chưa khắc phục: lỗi 1; lỗi 2; lỗi 3; lỗi 4; lỗi 5; và 2 mục khác.",
            "II. VỀ KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ CHUYỂN ĐỔI SỐ",
            "1. Chính quyền số",
            "- Chỉ tiêu đạt: 1.1 (1 chỉ tiêu)",
            "- Chỉ tiêu không đạt: 1.4 (1 chỉ tiêu)",
            "- Chỉ tiêu có kết quả thẩm định khác kết quả tự đánh giá của xã: 1.4 (60% so với 75%)",
            "2. Kinh tế số",
            "- Chỉ tiêu đạt: Không",
            "(Kết quả thẩm định chi tiết theo Phụ lục số 02)",
            "IV. KẾT LUẬN",
            "Căn cứ kết quả thẩm định: xã Tân Phúc, huyện Hoằng Hóa đã hoàn thành 1/2 Tiêu chí chuyển đổi số cấp xã năm 2024, tỷ lệ đạt 50%.",
            "Kết quả: KHÔNG ĐẠT",
            "V. ĐỀ XUẤT, KIẾN NGHỊ",
            "Nơi nhận:",
            "- Sở Thông tin và Truyền thông tỉnh Thanh Hóa (để thẩm tra);",
            "- UBND xã Tân Phúc;",
            "- Lưu: VT.",
            "CHỦ TỊCH",
            "Lê Văn Hùng",
        ],
    );
    // The package's hash cannot be justified: left-aligned.
    let hash = d.blocks.iter().find_map(|b| match b {
        Block::Para(p) if p.runs[0].text == sha => Some(p.align),
        _ => None,
    });
    assert_eq!(hash, Some(Align::Left));
}

#[test]
fn mau03_is_a_letter_with_its_fixed_signer() {
    let info = level("bcd", "", "co_quan = \"Sở Tài chính\"");
    let d = with_ctx(&info, true, mau03);
    assert_eq!(d.file_stem, "Mau03-YKien-Hoang-Hoa-Tan-Phuc-2024");
    let h = header_of(&d);
    assert_eq!(h.parent_agency, "UBND TỈNH THANH HÓA");
    assert_eq!(h.agency, ["SỞ TÀI CHÍNH"]);
    assert_eq!(h.number, "Số:      /", "room to number it by hand");
    let vv = "V/v ý kiến về hồ sơ và kết quả thực hiện các tiêu chí chuyển đổi số của đơn vị xã Tân Phúc, huyện Hoằng Hóa";
    assert_eq!(h.subject_vv.as_deref(), Some(vv));
    assert_eq!(d.title, vv);
    assert!(
        matches!(&d.blocks[1], Block::Recipients { lines } if lines == &["Kính gửi: UBND huyện Hoằng Hóa"])
    );
    in_order(
        &d,
        &[
            "Kết quả: ĐẠT YÊU CẦU",
            "- Như trên;",
            "THÀNH VIÊN",
            "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH",
            "(Ký tên, đóng dấu)",
            "Lê Văn Hùng",
        ],
    );
    // hoso.toml's own addressees: the first one gets "Kính gửi: ".
    let mut own = info.clone();
    own.van_ban.kinh_gui = vec!["Sở TTTT;".into(), "Kính gửi cũ".into()];
    let d = with_ctx(&own, true, mau03);
    assert!(
        matches!(&d.blocks[1], Block::Recipients { lines } if lines == &["Kính gửi: Sở TTTT;", "Kính gửi cũ"])
    );
}

#[test]
fn mau04_and_phuluc03_are_the_sos_verification() {
    let info = level("so", "7/BC-STTTT", "");
    let d = with_ctx(&info, true, mau04);
    assert_eq!(d.file_stem, "Mau04-ThamTra-Hoang-Hoa-Tan-Phuc-2024");
    let h = header_of(&d);
    assert_eq!(h.parent_agency, "UBND TỈNH THANH HÓA");
    assert_eq!(
        h.agency,
        ["SỞ THÔNG TIN", "VÀ TRUYỀN THÔNG"],
        "split near its middle"
    );
    in_order(
        &d,
        &[
            "(Kết quả thẩm định chi tiết theo Phụ lục số 03)",
            "Căn cứ kết quả thẩm tra: xã Tân Phúc, huyện Hoằng Hóa đã hoàn thành 2/2 Tiêu chí chuyển đổi số cấp xã năm 2024, tỷ lệ đạt 100%.",
            "Kết quả: ĐẠT",
            "- UBND tỉnh Thanh Hóa (để b/c);",
        ],
    );
    let a = with_ctx(&info, true, phuluc03);
    assert_eq!(a.file_stem, "PhuLuc03-Hoang-Hoa-Tan-Phuc-2024");
    in_order(
        &a,
        &[
            "PHỤ LỤC 03",
            "KẾT QUẢ THẨM TRA CÁC TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO XÃ TÂN PHÚC",
            "(Kèm theo Báo cáo số 7/BC-STTTT ngày 10/11/2024 của Sở Thông tin và Truyền thông tỉnh Thanh Hóa)",
        ],
    );
}

#[test]
fn phuluc02_puts_the_communes_figure_beside_the_districts() {
    let info = level("huyen", "12/BC-UBND", "");
    let d = with_ctx(&info, false, phuluc02);
    assert_eq!(d.file_stem, "PhuLuc02-Tan-Phuc-2024");
    assert!(d.page.landscape);
    let t = table_of(&d);
    let head = cells(&t.header[0]);
    assert_eq!(
        head[4..6],
        [
            "Kết quả tự đánh giá của UBND cấp xã",
            "Kết quả thẩm định của UBND cấp huyện"
        ]
    );
    let r = t.rows.iter().find(|r| cells(r)[0] == "1.4").unwrap();
    assert_eq!(cells(r)[4..7], ["75%", "60%", "Không đạt"]);
    let last = lines(&d).pop().unwrap();
    assert_eq!(
        last,
        "Tổng hợp: đã hoàn thành 1/2 tiêu chí năm 2024, tỷ lệ đạt 50%. Kết quả: KHÔNG ĐẠT"
    );
    in_order(
        &d,
        &["(Kèm theo Báo cáo số 12/BC-UBND ngày 10/11/2024 của UBND huyện Hoằng Hóa)"],
    );
}

fn line(huyen: &str, xa: &str, dat: usize, not_met: &[&str]) -> Line {
    Line {
        huyen: huyen.into(),
        xa: xa.into(),
        loai: "xã".into(),
        dat,
        total: 2,
        ty_le: format!("{}%", dat * 50),
        ket_luan: if dat == 2 { "ĐẠT" } else { "KHÔNG ĐẠT" }.into(),
        met: dat == 2,
        not_met: not_met.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn the_province_summary_as_a_document_and_a_workbook() {
    use crate::document::workbook::Cell;
    let info = level("so", "9/BC-STTTT", "");
    let s = set("thanh-hoa-cds-xa");
    let mut ls = vec![
        line("Hoằng Hóa", "Tân Phúc", 2, &[]),
        line("Thị xã Bỉm Sơn", "Quang Trung", 1, &["1.4"]),
    ];
    summary::sort(&mut ls);
    let refused = [Failure::new(
        "x.zip",
        vec![crate::problem::Problem::error("hỏng").place_unsaid()],
    )];
    let d = summary::document(&info, &s, &ls, &refused);
    assert_eq!(d.file_stem, "TongHop-Thanh-Hoa-2024");
    let t = table_of(&d);
    // Sorted by the district's name without its unit word: Bỉm Sơn before Hoằng Hóa.
    assert_eq!(
        cells(&t.rows[0])[1..4],
        ["Thị xã Bỉm Sơn", "Quang Trung", "1/2"]
    );
    assert_eq!(cells(&t.rows[0])[5..], ["KHÔNG ĐẠT", "1.4"]);
    assert_eq!(cells(&t.rows[1])[1..4], ["Hoằng Hóa", "Tân Phúc", "2/2"]);
    in_order(
        &d,
        &[
            "BẢNG TỔNG HỢP",
            "Kết quả thẩm tra các tiêu chí chuyển đổi số cấp xã năm 2024 trên địa bàn tỉnh Thanh Hóa",
            "Tổng số: 2 đơn vị cấp xã; đạt: 1 đơn vị; không đạt: 1 đơn vị.",
            "Các gói hồ sơ không kiểm tra được (không đưa vào bảng):",
            "- x.zip: hỏng",
            "- UBND tỉnh Thanh Hóa (để b/c);",
            "- Lưu: VT.",
        ],
    );
    let b = summary::workbook(&info, &s, &ls, &refused);
    assert_eq!(b.sheets.len(), 2);
    assert_eq!(b.sheets[0].name, "Tổng hợp");
    assert_eq!(
        b.sheets[0].lines[1],
        "Tổng số: 2 đơn vị cấp xã; đạt: 1 đơn vị; không đạt: 1 đơn vị."
    );
    assert_eq!(b.sheets[0].rows[0][4], Cell::Percent(0.5));
    assert_eq!(b.sheets[0].rows[1][2], Cell::Text("Tân Phúc".into()));
    assert_eq!(b.sheets[1].columns, ["Gói", "Lý do"]);
    assert_eq!(b.date, (2024, 11, 10));
}
