//! Mẫu số 02 (district appraisal report) + Phụ lục 02, Mẫu số 03 (steering-committee member's
//! letter), Mẫu số 04 (Sở's verification report) + Phụ lục 03, one set per commune, as
//! [`Document`]s in the one model; texts from `forms/levels.toml`.

pub mod forms;
pub mod summary;

use crate::criteria::{CriteriaSet, SetKind};
use crate::document::model::*;
use crate::document::{file_part, recipients, signature};
use crate::evaluate::appraise::Row;
use crate::evaluate::{Evaluation, Summary};
use crate::inputs::dossier::{DossierInfo, Level};
use crate::inputs::narrative::Narrative;
use crate::inputs::procedure;
use crate::inputs::received::{self as received, district_label, Commune};
use forms::{fill, levels, Annex, Report};

/// Everything a commune's documents at one level are made from.
pub struct Ctx<'a> {
    pub info: &'a DossierInfo,
    pub set: &'a CriteriaSet,
    pub c: &'a Commune,
    pub rows: &'a [Row],
    pub summary: &'a Summary,
    pub narrative: Option<&'a Narrative>,
}

/// `2024-11-10` → `10/11/2024`.
pub fn short_date(iso: &str) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    if p.len() == 3 {
        format!("{}/{}/{}", p[2], p[1], p[0])
    } else {
        iso.to_string()
    }
}

fn number(info: &DossierInfo, suffix: &str) -> String {
    if info.van_ban.so.trim().is_empty() {
        format!("     {suffix}")
    } else {
        info.van_ban.so.clone()
    }
}

/// The issuing body as header lines: a long name is split near its middle, so it sits on two
/// lines of the left column ("SỞ THÔNG TIN VÀ" / "TRUYỀN THÔNG").
pub fn agency_lines(info: &DossierInfo) -> Vec<String> {
    let a = agency(info);
    let n = a.chars().count();
    if n <= 24 {
        return vec![a];
    }
    let words: Vec<&str> = a.split(' ').collect();
    let mut best = (usize::MAX, 1);
    let mut len = 0;
    for (i, w) in words.iter().enumerate().take(words.len() - 1) {
        len += w.chars().count() + usize::from(i > 0);
        let d = len.abs_diff(n - len - 1);
        if d < best.0 {
            best = (d, i + 1);
        }
    }
    vec![words[..best.1].join(" "), words[best.1..].join(" ")]
}

/// The issuing body as written in sentences: hoso.toml `[co_quan] ten`, else `[don_vi] co_quan`
/// (a steering-committee member), else the chain's agency for this level.
pub fn agency_name(info: &DossierInfo) -> String {
    if !info.co_quan.ten.trim().is_empty() {
        return info.co_quan.ten.trim().to_string();
    }
    if !info.don_vi.co_quan.trim().is_empty() {
        return info.don_vi.co_quan.trim().to_string();
    }
    fill(
        &procedure::step(info).agency,
        &[("huyen_label", district_label(&info.don_vi.huyen))],
    )
}

/// The issuing body of a bcd/so/tinh dossier (upper case, for the header).
pub fn agency(info: &DossierInfo) -> String {
    agency_name(info).to_uppercase()
}

/// The line above the agency: hoso.toml `[co_quan] chu_quan`, else the chain's.
pub fn parent_line(info: &DossierInfo, pairs: &[(&str, String)]) -> String {
    if !info.co_quan.chu_quan.trim().is_empty() {
        info.co_quan.chu_quan.trim().to_uppercase()
    } else {
        fill(&procedure::step(info).parent, pairs)
    }
}

impl Ctx<'_> {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let tinh = if self.info.don_vi.tinh.is_empty() {
            self.c.tinh.clone()
        } else {
            self.info.don_vi.tinh.clone()
        };
        let tren_xa = if self.c.huyen.trim().is_empty() {
            format!("tỉnh {tinh}")
        } else {
            district_label(&self.c.huyen)
        };
        let h = &self.set.higher;
        vec![
            ("nam", self.info.nam.to_string()),
            ("tinh", tinh),
            ("loai", self.c.loai.clone()),
            ("xa", self.c.xa.clone()),
            ("huyen_label", district_label(&self.c.huyen)),
            ("tren_xa", tren_xa),
            ("co_quan_ten", agency_name(self.info)),
            ("can_cu", h.basis.join("; ")),
            ("cac_tieu_chi", h.criteria.clone()),
            ("tieu_chi", h.criterion.clone()),
            ("ten_tieu_chi", h.counted.clone()),
            ("dat", self.summary.dat.to_string()),
            ("total", self.summary.total.to_string()),
            ("ty_le", self.summary.ty_le.clone()),
            (
                "so",
                number(self.info, &procedure::step(self.info).number_suffix),
            ),
            (
                "ngay_ngan",
                format!("ngày {}", self.info.van_ban.ngay.short()),
            ),
            ("co_quan", agency(self.info)),
        ]
    }
    fn f(&self, t: &str) -> String {
        fill(t, &self.pairs())
    }
    fn date(&self) -> (i32, u32, u32) {
        let d = self.info.van_ban.ngay;
        (d.year, d.month, d.day)
    }
    fn place_date(&self) -> String {
        format!(
            "{}, {}",
            self.info.van_ban.dia_danh,
            self.info.van_ban.ngay.words()
        )
    }
    fn stem(&self, what: &str) -> String {
        match self.info.cap {
            _ if self.info.cap == Level::Huyen || self.c.huyen.trim().is_empty() => {
                format!("{what}-{}-{}", file_part(&self.c.xa), self.info.nam)
            }
            _ => format!(
                "{what}-{}-{}-{}",
                file_part(&received::district_name(&self.c.huyen)),
                file_part(&self.c.xa),
                self.info.nam
            ),
        }
    }
    fn author(&self) -> String {
        match self.info.cap {
            Level::Huyen => format!("UBND {}", district_label(&self.info.don_vi.huyen)),
            _ => agency(self.info),
        }
    }
}

fn para(t: impl Into<String>) -> Block {
    Block::Para(Para::body(vec![Run::plain(t)]))
}

fn heading(t: &str, bold: bool, italic: bool) -> Block {
    Block::Para(Para::heading(vec![Run {
        text: t.to_string(),
        bold,
        italic,
    }]))
}

/// A Roman-numbered part: the seed's words, upper case as Nghị định 30 asks.
fn part(t: &str) -> Block {
    heading(&t.to_uppercase(), true, false)
}

fn narrative(ctx: &Ctx, title: &str, out: &mut Vec<Block>) {
    if let Some(paras) = ctx.narrative.and_then(|n| n.section(title)) {
        out.extend(paras.iter().map(|p| para(p.clone())));
    }
}

/// Starts the paragraph with the package's hash: left-aligned (a 64-digit word cannot justify).
const SHA_PREFIX: &str = "Mã SHA-256 của gói: ";

/// Section I: what was received and what its verification found.
fn received_text(ctx: &Ctx) -> Vec<String> {
    let c = ctx.c;
    let k = &c.checked;
    let mut out = Vec::new();
    if let Some(d) = &c.district {
        out.push(format!(
            "Hồ sơ của {} {} do UBND {} gửi kèm Báo cáo thẩm định số {} ngày {}, trong gói hồ sơ điện tử {}: {} tệp khớp mã băm SHA-256 trong bảng kê của huyện.",
            c.loai,
            c.xa,
            district_label(&d.huyen),
            d.so,
            short_date(&d.ngay),
            d.zip_name,
            d.checked.files
        ));
    }
    out.push(format!(
        "Hồ sơ đề nghị của UBND {} {} (Báo cáo số {} ngày {}) được nhận dưới dạng gói hồ sơ điện tử {}. Kết quả kiểm tra: {} tệp khớp mã băm SHA-256 trong bảng kê của xã; {} tệp tài liệu minh chứng; {} văn bản PDF có chữ ký số còn nguyên vẹn, {} văn bản PDF chưa ký số.",
        c.loai, c.xa, c.so, short_date(&c.ngay), c.zip_name, k.files, k.evidence, k.signed_pdfs, k.unsigned_pdfs
    ));
    out.push(signed_text(k));
    out.push(format!("{SHA_PREFIX}{}.", k.sha256));
    let list = |v: &[String]| {
        let mut s = v.iter().take(5).cloned().collect::<Vec<_>>().join("; ");
        if v.len() > 5 {
            s.push_str(&format!("; và {} mục khác", v.len() - 5));
        }
        s
    };
    if !c.errors.is_empty() {
        out.push(format!(
            "Hồ sơ của xã được lập khi còn {} thiếu sót chưa khắc phục: {}.",
            c.errors.len(),
            list(&c.errors)
        ));
    }
    if !c.warnings.is_empty() {
        out.push(format!(
            "Khi tự kiểm tra, hồ sơ của xã có {} lưu ý: {}.",
            c.warnings.len(),
            list(&c.warnings)
        ));
    }
    out
}

/// Section I: how many of the commune's documents and evidence PDFs are signed, and by whom.
fn signed_text(k: &received::Checked) -> String {
    let (signed, unsigned): (Vec<_>, Vec<_>) = k.documents.iter().partition(|(_, s)| !s.is_empty());
    let mut parts: Vec<String> = signed
        .iter()
        .map(|(n, s)| format!("{n} ({})", crate::evidence::signers::summary(s)))
        .collect();
    if !unsigned.is_empty() {
        let names: Vec<&str> = unsigned.iter().map(|(n, _)| n.as_str()).collect();
        parts.push(format!("chưa ký: {}", names.join(", ")));
    }
    format!(
        "Chữ ký số: {}/{} văn bản của xã đã ký số — {}; {}/{} tệp PDF minh chứng đã ký số.",
        signed.len(),
        k.documents.len(),
        parts.join("; "),
        k.evidence_signed,
        k.evidence_pdfs
    )
}

/// Section II: per group, the indicators met, not met, and those whose figure differs below.
fn groups(ctx: &Ctx, muc: &str, duoi: &str, out: &mut Vec<Block>) {
    let common = &levels().common;
    let use_seed =
        ctx.set.kind == SetKind::Cds && ctx.set.groups.len() == common.group_headings.len();
    for (gi, g) in ctx.set.groups.iter().enumerate() {
        let name = if use_seed {
            common.group_headings[gi].clone()
        } else {
            g.name.clone()
        };
        out.push(heading(&format!("{}. {name}", gi + 1), true, false));
        let in_group: Vec<&Row> = ctx.rows.iter().filter(|r| r.group == g.code).collect();
        let codes = |f: &dyn Fn(&Row) -> bool| {
            let v: Vec<&str> = in_group
                .iter()
                .filter(|r| r.parent.is_none() && f(r))
                .map(|r| r.code.as_str())
                .collect();
            if v.is_empty() {
                format!(" {}", common.none)
            } else {
                format!(" {} ({} chỉ tiêu)", v.join(", "), v.len())
            }
        };
        out.push(para(format!(
            "{}{}",
            common.line_dat,
            codes(&|r| r.evaluation == Evaluation::Dat)
        )));
        out.push(para(format!(
            "{}{}",
            common.line_khong_dat,
            codes(&|r| matches!(
                r.evaluation,
                Evaluation::KhongDat | Evaluation::DangTrienKhai
            ))
        )));
        let diffs: Vec<String> = in_group
            .iter()
            .filter(|r| r.differs)
            .map(|r| format!("{} ({} so với {})", r.code, r.value, r.lower_value))
            .collect();
        let label = fill(
            &common.line_khac,
            &[("muc", muc.to_string()), ("duoi", duoi.to_string())],
        );
        out.push(para(if diffs.is_empty() {
            format!("{label} {}", common.none)
        } else {
            format!("{label} {}", diffs.join("; "))
        }));
    }
}

/// The parts shared by Mẫu 02, 03 and 04 after the preamble.
fn body(ctx: &Ctx, m: &Report, muc: &str, duoi: &str, out: &mut Vec<Block>) {
    out.push(para(ctx.f(&m.preamble)));
    out.push(part(&ctx.f(&m.part1)));
    out.extend(received_text(ctx).into_iter().map(|t| {
        if t.starts_with(SHA_PREFIX) {
            Block::Para(Para {
                align: Align::Left,
                ..Para::body(vec![Run::plain(t)])
            })
        } else {
            para(t)
        }
    }));
    narrative(ctx, &ctx.f(&m.part1), out);
    out.push(part(&ctx.f(&m.part2)));
    groups(ctx, muc, duoi, out);
    narrative(ctx, &ctx.f(&m.part2), out);
    if !m.annex_reference.is_empty() {
        out.push(Block::Para(Para::body(vec![Run::italic(
            m.annex_reference.clone(),
        )])));
    }
    out.push(part(&ctx.f(&m.part3)));
    narrative(ctx, &ctx.f(&m.part3), out);
    out.push(part(&ctx.f(&m.part4)));
    out.push(para(ctx.f(&m.conclusion)));
    let ok = if ctx.summary.dat_yeu_cau {
        &m.dat
    } else {
        &m.khong_dat
    };
    out.push(Block::Para(Para::body(vec![
        Run::plain(m.result.clone()),
        Run::bold(ok.clone()),
    ])));
    narrative(ctx, &ctx.f(&m.part4), out);
    out.push(part(&ctx.f(&m.part5)));
    narrative(ctx, &ctx.f(&m.part5), out);
}

fn closing(ctx: &Ctx, sig: Signature) -> Block {
    let rec: Vec<String> = if ctx.info.van_ban.noi_nhan.is_empty() {
        procedure::step(ctx.info)
            .recipients
            .iter()
            .map(|r| ctx.f(r))
            .collect()
    } else {
        ctx.info.van_ban.noi_nhan.clone()
    };
    Block::Closing {
        recipients: recipients(&rec),
        signature: sig,
    }
}

fn report(ctx: &Ctx, m: &Report, header: HeaderBlock, stem: String) -> Document {
    let step = procedure::step(ctx.info);
    let mut b = vec![
        Block::Header(header),
        Block::Title {
            kind: m.kind.clone(),
            subject: vec![ctx.f(&m.subject)],
        },
    ];
    body(ctx, m, &step.muc, &step.duoi, &mut b);
    b.push(closing(ctx, signature(ctx.info)));
    Document {
        title: format!(
            "{} {} — {} {}",
            m.kind,
            ctx.f(&m.subject),
            ctx.c.loai,
            ctx.c.xa
        ),
        file_stem: stem,
        author: ctx.author(),
        page: PageSetup::portrait(),
        blocks: b,
        date: ctx.date(),
    }
}

/// Mẫu số 02: the district's appraisal report for one commune.
pub fn mau02(ctx: &Ctx) -> Document {
    let header = HeaderBlock {
        parent_agency: String::new(),
        agency: vec![format!("UBND {}", district_label(&ctx.info.don_vi.huyen)).to_uppercase()],
        number: format!("Số: {}", number(ctx.info, "/BC-UBND")),
        subject_vv: None,
        place_date: ctx.place_date(),
    };
    report(ctx, &levels().mau02, header, ctx.stem("Mau02-ThamDinh"))
}

/// Mẫu số 04: the Sở's verification report for one commune.
pub fn mau04(ctx: &Ctx) -> Document {
    let m = &levels().mau04;
    let header = HeaderBlock {
        parent_agency: parent_line(ctx.info, &ctx.pairs()),
        agency: agency_lines(ctx.info),
        number: format!(
            "Số: {}",
            number(ctx.info, &procedure::step(ctx.info).number_suffix)
        ),
        subject_vv: None,
        place_date: ctx.place_date(),
    };
    report(ctx, m, header, ctx.stem("Mau04-ThamTra"))
}

/// Mẫu số 03: a steering-committee member's letter on one commune, from the district's figures.
pub fn mau03(ctx: &Ctx) -> Document {
    let m = &levels().mau03;
    let header = HeaderBlock {
        parent_agency: parent_line(ctx.info, &ctx.pairs()),
        agency: agency_lines(ctx.info),
        number: format!(
            "Số: {}",
            number(ctx.info, &procedure::step(ctx.info).number_suffix)
        ),
        subject_vv: Some(ctx.f(&m.vv)),
        place_date: ctx.place_date(),
    };
    let kinh_gui = if ctx.info.van_ban.kinh_gui.is_empty() {
        vec![ctx.f(&m.kinh_gui)]
    } else {
        let mut v = ctx.info.van_ban.kinh_gui.clone();
        if let Some(first) = v.first_mut() {
            if !first.starts_with("Kính gửi") {
                *first = format!("Kính gửi: {first}");
            }
        }
        v
    };
    let mut b = vec![Block::Header(header), Block::Recipients { lines: kinh_gui }];
    let step = procedure::step(ctx.info);
    body(ctx, m, &step.muc, &step.duoi, &mut b);
    let sig = Signature {
        authority: m.signer_authority.clone(),
        title: m.signer_title.clone(),
        hint: m.signer_hint.clone(),
        name: ctx.info.nguoi_ky.ho_ten.clone(),
    };
    b.push(closing(ctx, sig));
    Document {
        title: ctx.f(&m.vv),
        file_stem: ctx.stem("Mau03-YKien"),
        author: ctx.author(),
        page: PageSetup::portrait(),
        blocks: b,
        date: ctx.date(),
    }
}

fn annex(ctx: &Ctx, a: &Annex, stem: String) -> Document {
    // The two figure columns: whose figures they are is the chain's (lower level, this level).
    let mut columns = a.columns.clone();
    let own = &procedure::step(ctx.info).annex_columns;
    if own.len() == 2 && columns.len() > 5 {
        columns[4] = own[0].clone();
        columns[5] = own[1].clone();
    }
    let header = TableRow::header(&columns);
    let ncol = columns.len();
    let mut rows = Vec::new();
    for g in &ctx.set.groups {
        rows.push(TableRow::group(&g.code, &g.name, ncol));
        for r in ctx.rows.iter().filter(|r| r.group == g.code) {
            rows.push(TableRow {
                cells: vec![
                    TableCell::new(r.code.clone(), Align::Center),
                    TableCell::new(r.name.clone(), Align::Left),
                    TableCell::new(r.unit.clone(), Align::Center),
                    TableCell::new(r.target.clone(), Align::Center),
                    TableCell::new(r.lower_value.clone(), Align::Center),
                    TableCell::new(r.value.clone(), Align::Center),
                    TableCell::new(r.evaluation.label(), Align::Center),
                    TableCell::new(r.note.clone(), Align::Left),
                ],
                group: false,
            });
        }
    }
    let s = ctx.summary;
    let blocks = vec![
        Block::AnnexHeading {
            label: a.label.clone(),
            title: vec![ctx.f(&a.title)],
            attached_to: ctx.f(&a.attached),
        },
        Block::Table(Table {
            widths: a.widths.clone(),
            header: vec![header],
            rows,
            size_pt: 12.0,
        }),
        Block::Para(Para::body(vec![
            Run::plain(format!("Tổng hợp: {}. Kết quả: ", s.cau_ket_luan)),
            Run::bold(s.ket_luan.clone()),
        ])),
    ];
    Document {
        title: format!("{} — {}", a.label, ctx.f(&a.title)),
        file_stem: stem,
        author: ctx.author(),
        page: PageSetup::landscape(),
        blocks,
        date: ctx.date(),
    }
}

/// Phụ lục 02: the commune's figure beside the district's, every indicator.
pub fn phuluc02(ctx: &Ctx) -> Document {
    annex(ctx, &levels().phuluc02, ctx.stem("PhuLuc02"))
}

/// Phụ lục 03: the district's figure beside the Sở's, every indicator.
pub fn phuluc03(ctx: &Ctx) -> Document {
    annex(ctx, &levels().phuluc03, ctx.stem("PhuLuc03"))
}
