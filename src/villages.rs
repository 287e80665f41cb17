//! Villages inside a commune: `thon/<tên thôn>/` folders, each a small dossier (so-lieu, a
//! folder per condition, giai-trinh) assessed against the village set named in hoso.toml
//! (`bo_tieu_chi_thon`). Their count of villages meeting the set is a measure the commune's
//! indicators may be computed from (`computed_from = { thon = "…", measure = "so_thon_dat" }`),
//! and the build prints one annex of villages × conditions.

use crate::check::{assess, Checked, Problem};
use crate::criteria::{Catalog, CriteriaSet, SetLevel};
use crate::document::model::*;
use crate::document::{file_part, fill};
use crate::evaluate::number::Q;
use crate::evaluate::{Evaluated, Evaluation, Summary};
use crate::inputs::dossier::DossierInfo;
use crate::inputs::listform::{ListForm, MeasureResult};
use crate::text::fold;
use std::path::{Path, PathBuf};

/// The measures the villages give: villages that meet the set, all villages, villages that do
/// not, the share that meet it, and the fewest conditions met by any other village (those that
/// do not meet the set: "tất cả các thôn còn lại ít nhất có 02 hoạt động" is `≥ 02` of it; with
/// no other village, every condition).
pub const MEASURES: &[&str] = &[
    "so_thon_dat",
    "so_thon",
    "so_thon_khong_dat",
    "ty_le_thon_dat",
    "dieu_kien_dat_it_nhat_thon_con_lai",
];

/// The folder of the villages inside a commune dossier.
pub const FOLDER: &str = "thon";

#[derive(Clone, Debug, serde::Serialize)]
pub struct Village {
    /// As the officer named the folder.
    pub ten: String,
    pub evaluated: Vec<Evaluated>,
    pub summary: Summary,
}

/// "thôn Nà Phặc" ("Thôn Nà Phặc" folders are not doubled).
fn label(ten: &str) -> String {
    if fold(ten).starts_with("thon ") {
        let mut c = ten.chars();
        c.next()
            .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    } else {
        format!("thôn {ten}")
    }
}

#[derive(Debug, Default)]
pub struct Villages {
    pub set: Option<CriteriaSet>,
    pub list: Vec<Village>,
    /// The measures, as a list form the commune's indicators are computed from.
    pub lists: Vec<ListForm>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl Villages {
    pub fn met(&self) -> usize {
        self.list.iter().filter(|v| v.summary.dat_yeu_cau).count()
    }
}

fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .filter(|p| {
                    !crate::evidence::is_litter(
                        &p.file_name().unwrap_or_default().to_string_lossy(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Finds and evaluates every village of the commune dossier `root`. Problems name the village
/// and the condition, and are filed under the commune indicator computed from the villages.
pub fn assess_all(
    root: &Path,
    catalog: &Catalog,
    info: &DossierInfo,
    set: &CriteriaSet,
) -> Villages {
    let mut out = Villages::default();
    let fed: Vec<(&str, &str)> = set
        .indicators
        .iter()
        .filter_map(|i| {
            i.computed_from
                .as_ref()
                .filter(|c| !c.thon.is_empty())
                .map(|c| (i.code.as_str(), c.thon.as_str()))
        })
        .collect();
    let tag = fed.first().map(|(c, _)| c.to_string());
    let err = |t: &Option<String>, m: String| Problem {
        chi_tieu: t.clone(),
        noi_dung: m,
        tep: None,
    };
    let dirs = folders(&root.join(FOLDER));
    let id = info.bo_tieu_chi_thon.trim();
    if id.is_empty() {
        if !dirs.is_empty() || !fed.is_empty() {
            out.errors.push(err(&tag, format!(
                "hoso.toml: chưa ghi bo_tieu_chi_thon (bộ tiêu chí để đánh giá các thôn trong thư mục {FOLDER}/), ví dụ bo_tieu_chi_thon = \"{}\"",
                fed.first().map(|(_, t)| *t).unwrap_or("lang-son-thon-thong-minh")
            )));
        }
        return out;
    }
    let vset = match catalog.get(id) {
        Ok(s) if s.level == SetLevel::Thon => s.clone(),
        Ok(s) => {
            out.errors.push(err(&tag, format!(
                "hoso.toml: bo_tieu_chi_thon = \"{id}\" là bộ tiêu chí cấp {}, không phải bộ tiêu chí thôn",
                s.level.label()
            )));
            return out;
        }
        Err(e) => {
            out.errors
                .push(err(&tag, format!("hoso.toml: bo_tieu_chi_thon: {e}")));
            return out;
        }
    };
    for (code, t) in &fed {
        if *t != vset.id {
            out.errors.push(err(&Some(code.to_string()), format!(
                "chỉ tiêu {code} được tính từ các thôn theo bộ tiêu chí \"{t}\", còn hoso.toml ghi bo_tieu_chi_thon = \"{}\"",
                vset.id
            )));
        }
    }
    if dirs.is_empty() {
        out.errors.push(err(&tag, format!(
            "thư mục {FOLDER}/ chưa có thôn nào: mỗi thôn một thư mục {FOLDER}/<tên thôn>/ với so-lieu.csv và thư mục minh chứng của từng điều kiện (xem `hoso sets {}`)",
            vset.id
        )));
    }
    for d in &dirs {
        let ten = crate::text::nfc(&d.file_name().unwrap_or_default().to_string_lossy());
        let scan = crate::evidence::scan_village(d, &vset);
        let a = assess(d, &vset, info.nam, &info.nhom_xa, None, scan, Vec::new());
        let name = |p: &Problem| match &p.chi_tieu {
            Some(c) => format!(
                "{} ({FOLDER}/{ten}), điều kiện {c}: {}",
                label(&ten),
                p.noi_dung
            ),
            None => format!("{} ({FOLDER}/{ten}): {}", label(&ten), p.noi_dung),
        };
        out.errors
            .extend(a.errors.iter().map(|p| err(&tag, name(p))));
        out.warnings
            .extend(a.warnings.iter().map(|p| err(&tag, name(p))));
        out.list.push(Village {
            ten,
            evaluated: a.evaluated,
            summary: a.summary,
        });
    }
    let n = out.list.len() as i128;
    let dat = out.met() as i128;
    let count = |key: &str, v: i128| MeasureResult {
        key: key.into(),
        num: Q::from_integer(v),
        den: Q::from_integer(1),
        is_count: true,
    };
    let conditions = vset.top_level().count() as i128;
    let fewest = out
        .list
        .iter()
        .filter(|v| !v.summary.dat_yeu_cau)
        .map(|v| {
            vset.top_level()
                .filter(|i| {
                    v.evaluated
                        .iter()
                        .any(|e| e.code == i.code && e.evaluation == Evaluation::Dat)
                })
                .count() as i128
        })
        .min()
        .unwrap_or(conditions);
    out.lists.push(ListForm {
        code: format!("thon:{}", vset.id),
        file: FOLDER.into(),
        column_index: Vec::new(),
        headers: Vec::new(),
        rows: Vec::new(),
        total: None,
        measures: vec![
            count("so_thon_dat", dat),
            count("so_thon", n),
            count("so_thon_khong_dat", n - dat),
            count("dieu_kien_dat_it_nhat_thon_con_lai", fewest),
            MeasureResult {
                key: "ty_le_thon_dat".into(),
                num: Q::from_integer(dat),
                den: Q::from_integer(n),
                is_count: false,
            },
        ],
        warnings: Vec::new(),
        errors: Vec::new(),
        tables: Vec::new(),
    });
    out.set = Some(vset);
    out
}

/// `hoso check`: one line per village, its result per condition.
pub fn print(v: &Villages) {
    let Some(set) = &v.set else { return };
    if v.list.is_empty() {
        return;
    }
    let conds: Vec<&str> = set.top_level().map(|i| i.code.as_str()).collect();
    println!("\nCác thôn (bộ tiêu chí {}):", set.id);
    println!("{:<24} {}  KẾT QUẢ", "THÔN", conds.join(" "));
    for t in &v.list {
        let marks: Vec<String> = conds
            .iter()
            .map(|c| {
                let e = t.evaluated.iter().find(|e| e.code == *c);
                let m = if e.is_some_and(|e| e.evaluation == Evaluation::Dat) {
                    "Đạt"
                } else {
                    "Không"
                };
                format!("{m:<w$}", w = c.chars().count())
            })
            .collect();
        println!("{:<24} {}  {}", t.ten, marks.join(" "), t.summary.ket_luan);
    }
    println!(
        "Số thôn đạt: {}/{} (số thôn đạt = so_thon_dat)",
        v.met(),
        v.list.len()
    );
}

/// The annex of villages × conditions (texts: forms/reports.toml `[thon]`).
pub fn annex(c: &Checked) -> Option<Document> {
    let set = c.villages.set.as_ref()?;
    if c.villages.list.is_empty() {
        return None;
    }
    let f = &crate::document::forms::reports().thon;
    let conds: Vec<&crate::criteria::Indicator> = set.top_level().collect();
    let mut columns = f.first_columns.clone();
    columns.extend(conds.iter().map(|i| i.code.clone()));
    columns.push(f.last_column.clone());
    let each = (1.0 - f.widths[0] - f.widths[1] - f.widths[2]) / conds.len().max(1) as f32;
    let mut widths = vec![f.widths[0], f.widths[1]];
    widths.extend(conds.iter().map(|_| each));
    widths.push(f.widths[2]);
    let rows = c
        .villages
        .list
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let mut cells = vec![
                TableCell::new((k + 1).to_string(), Align::Center),
                TableCell::new(t.ten.clone(), Align::Left),
            ];
            for i in &conds {
                let e = t.evaluated.iter().find(|e| e.code == i.code);
                let text = match e {
                    Some(e) if e.value.is_empty() => e.evaluation.label().to_string(),
                    Some(e) => format!("{} ({})", e.evaluation.label(), e.value),
                    None => String::new(),
                };
                cells.push(TableCell::new(text, Align::Center));
            }
            cells.push(TableCell::new(t.summary.ket_luan.clone(), Align::Center));
            TableRow {
                cells,
                group: false,
            }
        })
        .collect();
    let n = c.villages.list.len();
    let dat = c.villages.met();
    let extra = [
        ("SET_TITLE", set.title.to_uppercase()),
        ("n", n.to_string()),
        ("dat", dat.to_string()),
        ("khong_dat", (n - dat).to_string()),
    ];
    let mut blocks = vec![
        Block::AnnexHeading {
            label: f.label.clone(),
            title: vec![fill(&f.title, &c.info, &extra)],
            attached_to: fill(&f.attached, &c.info, &extra),
        },
        Block::Table(Table {
            widths,
            header: vec![TableRow::header(&columns)],
            rows,
            size_pt: 12.0,
        }),
        Block::Para(Para::body(vec![Run::bold(fill(
            &f.totals, &c.info, &extra,
        ))])),
        Block::Para(Para::body(vec![Run::italic(f.legend.clone())])),
    ];
    for i in &conds {
        blocks.push(Block::Para(Para::body(vec![Run::plain(format!(
            "{}: {}",
            i.code, i.name
        ))])));
    }
    Some(Document {
        file_stem: format!("PhuLucThon-{}-{}", file_part(&c.info.don_vi.xa), c.info.nam),
        title: format!("{} — {}", f.label, fill(&f.title, &c.info, &extra)),
        author: crate::document::author(&c.info),
        page: PageSetup::landscape(),
        blocks,
        date: c.info.van_ban.ngay.ymd(),
    })
}
