//! A document with every kind of block and hostile text, for the renderers' tests.

use super::model::*;

fn header() -> HeaderBlock {
    let c = super::forms::common();
    HeaderBlock {
        parent_agency: String::new(),
        agency: vec!["ỦY BAN NHÂN DÂN".into(), "XÃ TÂN PHÚC".into()],
        number: "Số: 125/BC-UBND".into(),
        subject_vv: None,
        place_date: "Tân Phúc, ngày 10 tháng 11 năm 2024".into(),
        national_name: c.national_name.clone(),
        motto: c.motto.clone(),
    }
}

fn table(hostile: &str) -> Table {
    Table {
        widths: vec![0.1, 0.6, 0.3],
        header: vec![TableRow {
            cells: vec![
                TableCell::bold("TT", Align::Center),
                TableCell::bold("Tên chỉ tiêu", Align::Center),
                TableCell::bold("Kết quả", Align::Center),
            ],
            group: false,
        }],
        rows: (1..60)
            .map(|i| TableRow {
                cells: vec![
                    TableCell::new(format!("1.{i}"), Align::Center),
                    TableCell::new(hostile, Align::Left),
                    TableCell::new("95,65%", Align::Center),
                ],
                group: i % 10 == 0,
            })
            .collect(),
        size_pt: 12.0,
    }
}

fn closing() -> Block {
    Block::Closing {
        label: super::forms::common().recipients_label.clone(),
        recipients: vec![
            "- UBND huyện Hoằng Hóa (để b/c);".into(),
            "- Lưu: VT, VP.".into(),
        ],
        signature: Signature {
            authority: "TM. ỦY BAN NHÂN DÂN".into(),
            title: "CHỦ TỊCH".into(),
            hint: String::new(),
            name: "Lê Văn Hùng".into(),
        },
    }
}

/// Every kind of block; typst markup, XML specials and an emoji in the officer's text.
pub fn sample() -> Document {
    let hostile = "Xã #let *Tân* _Phúc_ $x$ <b>&\"q\" \\ [a] // 😀";
    let blocks = vec![
        Block::Header(header()),
        Block::Title {
            kind: "BÁO CÁO".into(),
            subject: vec!["Kết quả thực hiện các tiêu chí chuyển đổi số".into()],
        },
        Block::Para(Para::heading(vec![Run::bold(
            "I. CÔNG TÁC TỔ CHỨC TRIỂN KHAI THỰC HIỆN",
        )])),
        Block::Para(Para::body(vec![
            Run::plain(hostile),
            Run::italic(" nghiêng"),
            Run::bold(" đậm"),
        ])),
        Block::Para(Para::body(vec![Run::plain("Đoạn văn dài ".repeat(200))])),
        Block::Table(table(hostile)),
        closing(),
        Block::AnnexHeading {
            label: "PHỤ LỤC 01".into(),
            title: vec!["CHI TIẾT".into()],
            attached_to: "(Kèm theo Báo cáo số 125/BC-UBND)".into(),
        },
        Block::SignatureRow {
            columns: vec![
                vec!["Người thống kê".into(), "(Ký, ghi rõ họ tên)".into()],
                vec!["Xác nhận của UBND xã".into()],
            ],
        },
        Block::Recipients {
            lines: vec!["Kính gửi: UBND huyện Hoằng Hóa".into()],
        },
        Block::PageBreak,
        Block::Para(Para::body(vec![Run::plain("Trang cuối.")])),
    ];
    let head = Head {
        file_stem: "Mau-thu".into(),
        title: format!("Báo cáo thử {hostile}"),
        author: "UBND xã Tân Phúc".into(),
        page: PageSetup::portrait(),
        date: (2024, 11, 10),
    };
    Document::new(head, blocks)
}
