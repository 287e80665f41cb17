//! Mẫu số 02 (district appraisal report) + Phụ lục 02, Mẫu số 03 (steering-committee member's
//! letter), Mẫu số 04 (Sở's verification report) + Phụ lục 03, one set per commune, as
//! [`Document`]s in the one model; texts from `forms/levels.toml`. `reports` builds the letters and
//! reports, `received` their section I, `summary` the province's table of every commune.

pub mod forms;
mod received;
mod reports;
pub mod summary;
#[cfg(test)]
mod tests;

pub use reports::{mau02, mau03, mau04};

use crate::criteria::CriteriaSet;
use crate::document::annex::{self, Annex};
use crate::document::model::*;
use crate::document::{file_part, number_or_blank, province};
use crate::evaluate::appraise::Row;
use crate::evaluate::Summary;
use crate::inputs::dossier::{DossierInfo, Level};
use crate::inputs::narrative::Narrative;
use crate::inputs::procedure;
use crate::inputs::received::{district_label, district_name, Commune};
use crate::text::fill;
use forms::levels;

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

/// The issuing body as header lines: a long name is split near its middle (the first of two
/// equally good places), so it sits on two lines of the left column ("SỞ THÔNG TIN" / "VÀ TRUYỀN
/// THÔNG").
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

/// The header of a steering-committee member's or a province agency's document: the parent line,
/// the agency's lines, the number with the chain's suffix; `pairs` fill the parent line.
pub fn agency_header(
    info: &DossierInfo,
    pairs: &[(&str, String)],
    subject_vv: Option<String>,
) -> HeaderBlock {
    let suffix = &procedure::step(info).number_suffix;
    let number = number_or_blank(&info.van_ban.so, suffix);
    crate::document::header(
        info,
        parent_line(info, pairs),
        agency_lines(info),
        &number,
        subject_vv,
    )
}

/// "UBND huyện Hoằng Hóa": the district as the issuing body.
fn district_agency(huyen: &str) -> String {
    let pairs = [("huyen_label", district_label(huyen))];
    fill(&levels().common.district_agency, &pairs)
}

impl Ctx<'_> {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let tinh = if self.info.don_vi.tinh.is_empty() {
            self.c.tinh.clone()
        } else {
            self.info.don_vi.tinh.clone()
        };
        let tren_xa = if self.c.huyen.trim().is_empty() {
            province(&tinh)
        } else {
            district_label(&self.c.huyen)
        };
        let h = &self.set.higher;
        let suffix = &procedure::step(self.info).number_suffix;
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
            ("so", number_or_blank(&self.info.van_ban.so, suffix)),
            ("ngay_ngan", crate::document::short_date(self.info)),
            ("co_quan", agency(self.info)),
        ]
    }
    fn f(&self, t: &str) -> String {
        fill(t, &self.pairs())
    }
    fn date(&self) -> (i32, u32, u32) {
        self.info.van_ban.ngay.ymd()
    }
    fn stem(&self, what: &str) -> String {
        match self.info.cap {
            _ if self.info.cap == Level::Huyen || self.c.huyen.trim().is_empty() => {
                format!("{what}-{}-{}", file_part(&self.c.xa), self.info.nam)
            }
            _ => format!(
                "{what}-{}-{}-{}",
                file_part(&district_name(&self.c.huyen)),
                file_part(&self.c.xa),
                self.info.nam
            ),
        }
    }
    fn author(&self) -> String {
        match self.info.cap {
            Level::Huyen => district_agency(&self.info.don_vi.huyen),
            _ => agency(self.info),
        }
    }
}

fn annex_of(ctx: &Ctx, a: &forms::Annex, stem: String) -> Document {
    // The two figure columns: whose figures they are is the chain's (lower level, this level).
    let mut columns = a.columns.clone();
    let own = &procedure::step(ctx.info).annex_columns;
    if own.len() == 2 && columns.len() > 5 {
        columns[4] = own[0].clone();
        columns[5] = own[1].clone();
    }
    let rows = annex::grouped(
        &ctx.set.groups,
        ctx.rows,
        columns.len(),
        |r| r.group.as_str(),
        |r| {
            vec![
                TableCell::new(r.code.clone(), Align::Center),
                TableCell::new(r.name.clone(), Align::Left),
                TableCell::new(r.unit.clone(), Align::Center),
                TableCell::new(r.target.clone(), Align::Center),
                TableCell::new(r.lower_value.clone(), Align::Center),
                TableCell::new(r.value.clone(), Align::Center),
                TableCell::new(r.evaluation.label(), Align::Center),
                TableCell::new(r.note.clone(), Align::Left),
            ]
        },
    );
    let parts = Annex {
        label: a.label.clone(),
        title: ctx.f(&a.title),
        attached_to: ctx.f(&a.attached),
        columns: &columns,
        widths: a.widths.clone(),
        rows,
        summary: ctx.summary,
    };
    annex::document(parts, stem, ctx.author(), ctx.date())
}

/// Phụ lục 02: the commune's figure beside the district's, every indicator.
pub fn phuluc02(ctx: &Ctx) -> Document {
    annex_of(ctx, &levels().phuluc02, ctx.stem("PhuLuc02"))
}

/// Phụ lục 03: the district's figure beside the Sở's, every indicator.
pub fn phuluc03(ctx: &Ctx) -> Document {
    annex_of(ctx, &levels().phuluc03, ctx.stem("PhuLuc03"))
}
