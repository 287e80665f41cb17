//! The commune's builders on small dossiers made in memory (hoso.toml text, a few evaluated
//! indicators, a narrative): what Mẫu 01, Phụ lục 01, a list form, the bảng kê and the village
//! annex say, word for word where the seed fixes the words. Fixtures are shared with the higher
//! levels' tests.

use super::model::*;
use crate::criteria::{Catalog, CriteriaSet};
use crate::evaluate::assessed::{Checked, Village, Villages};
use crate::evaluate::{Evaluated, Evaluation, Summary, ValueSource};
use crate::inputs::dossier::DossierInfo;
use crate::inputs::narrative::Narrative;

pub(crate) const HOSO: &str = r#"
bo_tieu_chi = "thanh-hoa-cds-xa"
nam = 2024
cap = "xa"
quy_trinh = "thanh-hoa-2023"
[don_vi]
tinh = "Thanh Hóa"
huyen = "Hoằng Hóa"
xa = "Tân Phúc"
loai = "xã"
[van_ban]
so = "125/BC-UBND"
ngay = 2024-11-10
dia_danh = "Tân Phúc"
[nguoi_ky]
tham_quyen = "TM. ỦY BAN NHÂN DÂN"
chuc_vu = "Chủ tịch"
ho_ten = "Lê Văn Hùng"
"#;

pub(crate) fn info(text: &str) -> DossierInfo {
    crate::inputs::dossier::parse(text).unwrap()
}

pub(crate) fn set(id: &str) -> CriteriaSet {
    Catalog::load().unwrap().get(id).unwrap().clone()
}

pub(crate) fn summary(dat: usize, total: usize) -> Summary {
    let ok = dat == total;
    let ty_le =
        crate::number::format_q(&crate::number::Q::new(dat as i128 * 100, total as i128), 2);
    Summary {
        dat,
        total,
        ty_le: format!("{ty_le}%"),
        dat_yeu_cau: ok,
        ket_luan: if ok { "ĐẠT" } else { "KHÔNG ĐẠT" }.into(),
        cau_ket_luan: format!("đã hoàn thành {dat}/{total} tiêu chí năm 2024, tỷ lệ đạt {ty_le}%"),
    }
}

/// An indicator of `set` evaluated as given.
pub(crate) fn evaluated(set: &CriteriaSet, code: &str, value: &str, e: Evaluation) -> Evaluated {
    let i = set.indicator(code).unwrap();
    Evaluated {
        code: code.into(),
        group: i.group.clone(),
        parent: i.parent.clone(),
        name: i.name.clone(),
        unit: i.unit.clone(),
        value: value.into(),
        exact: None,
        target: String::new(),
        evaluation: e,
        source: ValueSource::Typed,
        evidence: Vec::new(),
        description: String::new(),
        note: String::new(),
        warnings: Vec::new(),
        errors: Vec::new(),
    }
}

/// Three indicators of Thanh Hóa's set: 1.1 met with two files, 1.4 computed from Mẫu 1.4 and in
/// progress, 2.1 met with four files.
pub(crate) fn checked() -> Checked {
    let set = set("thanh-hoa-cds-xa");
    let mut a = evaluated(&set, "1.1", "Có", Evaluation::Dat);
    a.evidence = vec![
        "1.1 Kế hoạch/ke-hoach.pdf".into(),
        "1.1 Kế hoạch/qd.pdf".into(),
    ];
    let mut b = evaluated(&set, "1.4", "60%", Evaluation::DangTrienKhai);
    b.target = "≥ 70%".into();
    b.source = ValueSource::ListForm {
        file: "mau-1.4.csv".into(),
        form: "1.4".into(),
    };
    b.description = "Đang mua thêm máy".into();
    let mut c = evaluated(&set, "2.1", "Có", Evaluation::Dat);
    c.evidence = (1..=4).map(|k| format!("2.1/tep-{k}.pdf")).collect();
    c.note = "Ghi chú của xã".into();
    Checked {
        info: info(HOSO),
        villages: Villages::default(),
        evaluated: vec![a, b, c],
        summary: summary(2, 3),
        lists: Vec::new(),
        scan: Default::default(),
        narrative: Narrative::parse("## Thuận lợi\n\nCán bộ nhiệt tình.\n"),
        errors: Vec::new(),
        warnings: Vec::new(),
        set,
    }
}

pub(crate) fn lines(d: &Document) -> Vec<String> {
    d.plain_text().lines().map(str::to_string).collect()
}

/// `wanted` appear in `d`'s text in this order.
pub(crate) fn in_order(d: &Document, wanted: &[&str]) {
    let all = lines(d);
    let mut at = 0;
    for w in wanted {
        match all[at..].iter().position(|l| l == w) {
            Some(k) => at += k + 1,
            None => panic!("{w:?} missing or out of order in {all:#?}"),
        }
    }
}

pub(crate) fn header_of(d: &Document) -> &HeaderBlock {
    match &d.blocks[0] {
        Block::Header(h) => h,
        b => panic!("{b:?}"),
    }
}

pub(crate) fn table_of(d: &Document) -> &Table {
    d.blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap()
}

pub(crate) fn cells(r: &TableRow) -> Vec<String> {
    let text = |c: &TableCell| c.runs.iter().map(|r| r.text.as_str()).collect::<String>();
    r.cells.iter().map(text).collect()
}

#[test]
fn mau01_follows_the_seed() {
    let d = super::report::mau01(&checked());
    assert_eq!(d.file_stem, "Mau01-BaoCao-Tan-Phuc-2024");
    assert_eq!(d.author, "UBND xã Tân Phúc");
    assert!(!d.page.landscape);
    let h = header_of(&d);
    assert_eq!(h.agency, ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚC"]);
    assert_eq!(h.number, "Số: 125/BC-UBND");
    assert_eq!(h.national_name, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(h.motto, "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(h.place_date, "Tân Phúc, ngày 10 tháng 11 năm 2024");
    let subject =
        "Kết quả thực hiện các tiêu chí chuyển đổi số trên địa bàn xã Tân Phúc, huyện Hoằng Hóa";
    assert_eq!(d.title, format!("Báo cáo {subject}"));
    in_order(
        &d,
        &[
            "BÁO CÁO",
            subject,
            "UBND xã Tân Phúc báo cáo kết quả thực hiện, cụ thể như sau:",
            "I. CÔNG TÁC TỔ CHỨC TRIỂN KHAI THỰC HIỆN",
            "II. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ",
            "1. Chính quyền số",
            "- Chỉ tiêu đạt: 1.1 (1 chỉ tiêu)",
            "- Chỉ tiêu đang triển khai: 1.4 (1 chỉ tiêu)",
            "- Chỉ tiêu không hoàn thành: Không",
            "1.1. Tiêu chí số 1.1",
            "(1.1. Tài liệu minh chứng kèm theo): ke-hoach.pdf; qd.pdf",
            "c) Đánh giá: Đạt.",
            "1.2. Tiêu chí số 1.4",
            "b) Kết quả: 60% (chỉ tiêu: ≥ 70%). Đang mua thêm máy",
            "(1.4. Tài liệu minh chứng kèm theo)",
            "c) Đánh giá: Không đạt (đang triển khai).",
            "(Kết quả đánh giá cụ thể các tiêu chí chuyển đổi số như phụ lục 01 kèm theo)",
            "III. ĐÁNH GIÁ CHUNG",
            "1.1. Thuận lợi",
            "Cán bộ nhiệt tình.",
            "V. KIẾN NGHỊ, ĐỀ XUẤT",
            "Nơi nhận:",
            "- UBND huyện Hoằng Hóa (để b/c);",
            "- Lưu: VT, VP.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Lê Văn Hùng",
        ],
    );
    // The seed's Mẫu 01 has no verdict: that belongs to Mẫu 02–04.
    assert!(!d.plain_text().contains("Kết quả: ĐẠT"));
}

#[test]
fn phuluc01_has_the_seeds_columns_and_the_count() {
    let c = checked();
    let d = super::report::phuluc01(&c);
    assert_eq!(d.file_stem, "PhuLuc01-Tan-Phuc-2024");
    assert!(d.page.landscape);
    let Block::AnnexHeading {
        label,
        title,
        attached_to,
    } = &d.blocks[0]
    else {
        panic!("{:?}", d.blocks[0])
    };
    assert_eq!(label, "PHỤ LỤC 01");
    assert_eq!(
        title,
        &["CHI TIẾT TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ"]
    );
    assert_eq!(
        attached_to,
        "(Kèm theo Báo cáo số 125/BC-UBND ngày 10/11/2024 của UBND xã Tân Phúc)"
    );
    let t = table_of(&d);
    // The seed's columns (forms/reports.toml, checked word for word in document::forms).
    let seed = &super::forms::reports().cds.phuluc01.columns;
    assert_eq!(&cells(&t.header[0]), seed);
    assert_eq!(seed[6], "Tài liệu minh chứng");
    assert!(t.rows[0].group && cells(&t.rows[0]) == ["1", "Chính quyền số"]);
    let row = |code: &str| {
        let r = t.rows.iter().find(|r| cells(r)[0] == code).unwrap();
        cells(r)
    };
    assert_eq!(row("1.1")[6], "ke-hoach.pdf; qd.pdf");
    assert_eq!(row("1.4")[5], "Không đạt");
    assert_eq!(row("1.4")[7], "Đang triển khai; tính từ Mẫu 1.4");
    assert_eq!(row("2.1")[6], "tep-1.pdf; tep-2.pdf; và 2 tệp khác");
    assert_eq!(row("2.1")[7], "Ghi chú của xã");
    let Some(Block::Para(total)) = d.blocks.last() else {
        panic!()
    };
    assert_eq!(
        total.runs[0].text,
        "Tổng hợp: đã hoàn thành 2/3 tiêu chí năm 2024, tỷ lệ đạt 66,67%. Kết quả: "
    );
    assert!(total.runs[1].bold && total.runs[1].text == "KHÔNG ĐẠT");
}

#[test]
fn a_list_form_has_the_seeds_title_columns_footer_and_signatures() {
    use crate::inputs::listform::{DataRow, ListForm, MeasureResult};
    use crate::number::Q;
    let mut c = checked();
    let row = |k: usize, name: &str, mail: &str| DataRow {
        sheet_row: k + 1,
        cells: vec![
            k.to_string(),
            name.into(),
            "Công chức".into(),
            "x".into(),
            mail.into(),
        ],
    };
    let measure = |key: &str, num: i128| MeasureResult {
        key: key.into(),
        num: Q::from_integer(num),
        den: Q::from_integer(4),
        is_count: false,
    };
    let lf = ListForm {
        code: "1.4".into(),
        file: "1.4 Hộp thư/mau-1.4.csv".into(),
        column_index: vec![Some(0), Some(1), Some(2), Some(3), Some(4), None],
        headers: Vec::new(),
        rows: vec![
            row(1, "Lê Văn A", "a@thanhhoa.gov.vn"),
            row(2, "Trần Thị B", ""),
        ],
        total: Some(Q::from_integer(4)),
        measures: vec![measure("may_tinh", 2), measure("hop_thu", 1)],
        warnings: Vec::new(),
        errors: Vec::new(),
        tables: Vec::new(),
    };
    c.lists = vec![lf.clone()];
    let d = super::lists::list_form(&c, &lf).unwrap();
    assert_eq!(d.file_stem, "Mau-1.4-Tan-Phuc-2024");
    let t = table_of(&d);
    assert_eq!(
        cells(&t.header[0])[4],
        "Hộp thư điện tử công vụ (ghi địa chỉ hộp thư)"
    );
    assert_eq!(cells(&t.rows[0])[..2], ["1", "Lê Văn A"]);
    assert_eq!(
        cells(&t.rows[1])[5],
        "",
        "a column the sheet lacks stays empty"
    );
    assert!((t.widths.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    in_order(
        &d,
        &[
            "Mẫu 1.4. Danh sách cán bộ, công chức có máy tính và được cấp hộp thư điện tử công vụ",
            "- Tổng số CBCC của cơ quan: 4 người.",
            "- Tỷ lệ CBCC có máy tính/tổng số CBCC: 50% (2/4)",
            "- Tỷ lệ CBCC được cấp hộp thư điện tử công vụ/tổng số CBCC: 25% (1/4)",
            "(Số liệu tính từ tệp 1.4 Hộp thư/mau-1.4.csv — 2 dòng dữ liệu)",
            "Người thống kê",
            "Xác nhận của UBND xã",
        ],
    );
}

#[test]
fn bang_ke_lists_every_file_with_its_hash() {
    let c = checked();
    let files = [
        ("1.1", "minh-chung/1.1/a.pdf", 1250),
        ("", "ho-so/x.pdf", 7),
    ]
    .map(|(indicator, name, size)| super::bangke::Listed {
        indicator: indicator.into(),
        name: name.into(),
        size,
        sha256: "ab".repeat(32),
    });
    let d = super::bangke::bang_ke(&c, &files);
    assert_eq!(d.file_stem, "BangKe-Tan-Phuc-2024");
    let t = table_of(&d);
    assert_eq!(
        cells(&t.header[0]),
        ["STT", "Tiêu chí", "Tên tệp", "Kích thước", "SHA-256"]
    );
    let first = cells(&t.rows[0]);
    assert_eq!(first[..4], ["1", "1.1", "minh-chung/1.1/a.pdf", "1.250 B"]);
    assert_eq!(first[4], format!("{} {}", "ab".repeat(16), "ab".repeat(16)));
    in_order(
        &d,
        &[
            "BẢNG KÊ",
            "Tài liệu trong hồ sơ đánh giá Bộ tiêu chí chuyển đổi số cấp xã trên địa bàn tỉnh Thanh Hóa năm 2024 của xã Tân Phúc",
            "Tổng cộng: 2 tệp.",
            "Nơi nhận:",
            "- UBND huyện Hoằng Hóa (để b/c);",
            "Lê Văn Hùng",
        ],
    );
}

#[test]
fn village_annex_has_a_column_per_condition() {
    let mut c = checked();
    let vset = set("lang-son-thon-thong-minh");
    let village = |ten: &str, ok: bool| {
        let evaluated = vset
            .top_level()
            .map(|i| {
                let e = if ok {
                    Evaluation::Dat
                } else {
                    Evaluation::KhongDat
                };
                evaluated(&vset, &i.code, "", e)
            })
            .collect();
        Village {
            ten: ten.into(),
            evaluated,
            summary: summary(usize::from(ok), 1),
        }
    };
    c.villages.list = vec![village("Nà Phặc", true), village("Bản Chu", false)];
    c.villages.set = Some(vset.clone());
    let d = super::villages::annex(&c).unwrap();
    assert_eq!(d.file_stem, "PhuLucThon-Tan-Phuc-2024");
    let t = table_of(&d);
    let n = vset.top_level().count();
    assert_eq!(t.widths.len(), n + 3);
    assert!((t.widths.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    let head = cells(&t.header[0]);
    assert_eq!((head[0].as_str(), head[1].as_str()), ("TT", "Thôn"));
    assert_eq!(head[n + 2], "Kết quả");
    assert_eq!(cells(&t.rows[1])[1..3], ["Bản Chu", "Không đạt"]);
    in_order(
        &d,
        &[
            "Tổng số: 2 thôn; đạt: 1 thôn; không đạt: 1 thôn.",
            "Các điều kiện (cột):",
        ],
    );
    c.villages.list.clear();
    assert!(super::villages::annex(&c).is_none());
}

#[test]
fn user_text_is_filtered_once_for_every_output() {
    let mut c = checked();
    c.info.don_vi.xa = "Tân\u{7} Phúc 😀".into();
    c.evaluated[0].description = "mô tả\u{b}có\ttab".into();
    let d = super::report::mau01(&c);
    assert_eq!(header_of(&d).agency[1], "XÃ TÂN PHÚC ?");
    assert!(d.title.contains("xã Tân Phúc ?,"), "{}", d.title);
    assert_eq!(d.author, "UBND xã Tân Phúc ?");
    assert!(d.plain_text().contains("Có. mô tảcó tab"));
    assert!(!format!("{d:?}").contains(['\u{7}', '\u{b}', '😀']));
}

#[test]
fn mau01_of_an_ntm_set_cites_its_basis_and_lists_sub_conditions() {
    let mut c = checked();
    c.set = set("ha-nam-ntm-xa");
    c.info.bo_tieu_chi = c.set.id.clone();
    let mut top = evaluated(&c.set, "8.4", "", Evaluation::KhongDat);
    top.target = String::new();
    let mut a = evaluated(&c.set, "8.4a", "55%", Evaluation::Dat);
    a.target = "≥ 50%".into();
    let b = evaluated(&c.set, "8.4b", "", Evaluation::KhongDat);
    c.evaluated = vec![top, a, b];
    let d = super::report::mau01(&c);
    in_order(
        &d,
        &[
            &format!("Căn cứ {};", c.set.legal_basis[0]),
            "UBND xã Tân Phúc báo cáo kết quả thực hiện, cụ thể như sau:",
            "1.1. Chỉ tiêu 8.4",
            "b) Kết quả: Chưa có số liệu",
            "- 8.4a Tỷ lệ máy vi tính/số cán bộ, công chức của xã đạt tối thiểu 50%: 55% (chỉ tiêu: ≥ 50%) — Đạt",
            "- 8.4b Xã có sử dụng ít nhất 04 phần mềm ứng dụng sau: chưa có số liệu — Không đạt",
            "c) Đánh giá: Không đạt.",
        ],
    );
}
