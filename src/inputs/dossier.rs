//! `hoso.toml`: the dossier's facts (set, year, level, unit, document number and date, signer,
//! recipients), parsed once into [`DossierInfo`]: its keys by serde derive (`keys`), each checked
//! here with a message naming the key and the fix. Unknown keys are warnings, not errors: officers
//! add their own notes.

use crate::problem::messages::inputs as m;
use crate::problem::Problem;
use std::path::Path;
use toml::Value;

pub use crate::criteria::chains::Level;
pub use date::Date;

#[path = "dossier_date.rs"]
mod date;
#[path = "dossier_keys.rs"]
mod keys;

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Unit {
    pub tinh: String,
    pub huyen: String,
    pub xa: String,
    /// xã | phường | thị trấn
    pub loai: String,
    /// Optional: the issuing body of a bcd/so dossier (e.g. "SỞ THÔNG TIN VÀ TRUYỀN THÔNG").
    pub co_quan: String,
    /// Optional: how many thôn (villages) the commune has — the whole of a `2/3 số thôn` target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub so_thon: Option<u32>,
    /// Optional: the organisation's 13-character code (mã định danh, ND30 Phụ lục VI OrganId).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ma_dinh_danh: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct DocInfo {
    pub so: String,
    pub ngay: Date,
    pub dia_danh: String,
    pub noi_nhan: Vec<String>,
    pub kinh_gui: Vec<String>,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Signer {
    pub tham_quyen: String,
    pub chuc_vu: String,
    pub ho_ten: String,
}

/// `[co_quan]`: the agency lines of a higher-level document, replacing the chain's defaults.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Agency {
    /// The line above the agency ("UBND TỈNH HÀ TĨNH").
    pub chu_quan: String,
    /// The agency's name as written in sentences ("Sở Khoa học và Công nghệ").
    pub ten: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct DossierInfo {
    pub bo_tieu_chi: String,
    pub nam: i32,
    pub cap: Level,
    pub don_vi: Unit,
    pub van_ban: DocInfo,
    pub nguoi_ky: Signer,
    /// The chain of levels (`quy_trinh`): empty in the file means the set's default, filled in
    /// by `levels::procedure::resolve`.
    pub quy_trinh: String,
    pub co_quan: Agency,
    /// The commune group (`nhom_xa`) for thresholds given per group.
    pub nhom_xa: String,
    /// The village set (`bo_tieu_chi_thon`) the `thon/<tên thôn>/` folders are assessed against.
    pub bo_tieu_chi_thon: String,
    /// Keys the program does not know (warned).
    pub unknown_keys: Vec<String>,
}

impl DossierInfo {
    /// A district assessing itself (a district-level set at cap = "huyen") is the unit of its own
    /// report: "UBND huyện Kim Bảng", "huyện Kim Bảng, tỉnh Hà Nam" — the commune forms' `{loai}
    /// {xa}` become the district's unit word and name, and there is no unit between it and the
    /// province.
    pub fn district_as_unit(mut self) -> DossierInfo {
        let h = self.don_vi.huyen.trim().to_string();
        let lower = crate::text::fold(&h);
        let (loai, words) = [("thị xã", 2), ("thành phố", 2), ("quận", 1), ("huyện", 1)]
            .into_iter()
            .find(|(w, _)| lower.starts_with(&format!("{} ", crate::text::fold(w))))
            .unwrap_or(("huyện", 0));
        self.don_vi.loai = loai.to_string();
        self.don_vi.xa = h
            .split_whitespace()
            .skip(words)
            .collect::<Vec<_>>()
            .join(" ");
        self.don_vi.huyen = String::new();
        self
    }
}

/// Reads and validates `hoso.toml`. Errors name the key and the fix.
pub fn read(path: &Path) -> Result<DossierInfo, Vec<Problem>> {
    // A real hoso.toml is a few hundred bytes; never read a huge one whole.
    if std::fs::metadata(path).is_ok_and(|m| m.len() > 1 << 20) {
        return Err(vec![m::toml_too_big()]);
    }
    let text = std::fs::read(path)
        .map_err(|e| vec![m::toml_unreadable(&crate::problem::oserr::reason(&e))])?;
    let text = String::from_utf8_lossy(&text);
    parse(text.trim_start_matches('\u{feff}'))
}

/// hoso.toml's text → the dossier's facts, or every problem of its keys, in the order of the keys.
pub fn parse(text: &str) -> Result<DossierInfo, Vec<Problem>> {
    let (file, unknown_keys) = keys::read(text).map_err(|e| vec![e])?;
    let mut e = Errors::default();
    let bo_tieu_chi = e.text(&file.bo_tieu_chi, "bo_tieu_chi");
    let nam = e.or(year(file.nam.as_ref()), 0);
    let cap = e.or(level(file.cap.as_ref()), Level::Xa);
    let dv = e.table(file.don_vi, "don_vi");
    let vb = e.table(file.van_ban, "van_ban");
    let cq = e.table(file.co_quan, "co_quan");
    let nk = e.table(file.nguoi_ky, "nguoi_ky");
    let mut don_vi = Unit {
        tinh: e.text(&dv.tinh, "tinh"),
        huyen: e.text(&dv.huyen, "huyen"),
        xa: e.text(&dv.xa, "xa"),
        loai: e.text(&dv.loai, "loai"),
        co_quan: e.text(&dv.co_quan, "co_quan"),
        so_thon: None,
        ma_dinh_danh: e.text(&dv.ma_dinh_danh, "ma_dinh_danh"),
    };
    let co_quan = Agency {
        chu_quan: e.text(&cq.chu_quan, "chu_quan"),
        ten: e.text(&cq.ten, "ten"),
    };
    let quy_trinh = e.text(&file.quy_trinh, "quy_trinh");
    let nhom_xa = e.text(&file.nhom_xa, "nhom_xa");
    let bo_tieu_chi_thon = e.text(&file.bo_tieu_chi_thon, "bo_tieu_chi_thon");
    let (so, dia_danh) = (e.text(&vb.so, "so"), e.text(&vb.dia_danh, "dia_danh"));
    let nguoi_ky = Signer {
        tham_quyen: e.text(&nk.tham_quyen, "tham_quyen"),
        chuc_vu: e.text(&nk.chuc_vu, "chuc_vu"),
        ho_ten: e.text(&nk.ho_ten, "ho_ten"),
    };
    // The fallback is never used: a bad date is an error.
    let unused = Date {
        year: 2000,
        month: 1,
        day: 1,
    };
    let ngay = e.or(date(vb.ngay.as_ref()), unused);
    let noi_nhan = e.or(list(vb.noi_nhan.as_ref(), "noi_nhan"), Vec::new());
    let kinh_gui = e.or(list(vb.kinh_gui.as_ref(), "kinh_gui"), Vec::new());
    don_vi.so_thon = e.or(villages(dv.so_thon.as_ref(), "so_thon"), None);
    required(&mut e, &bo_tieu_chi, cap, &don_vi, &nguoi_ky);
    if !e.0.is_empty() {
        return Err(e.0);
    }
    if don_vi.loai.is_empty() {
        don_vi.loai = "xã".into();
    }
    let dia_danh = match (dia_danh.is_empty(), cap) {
        (false, _) => dia_danh,
        (true, Level::Xa) => don_vi.xa.clone(),
        (true, Level::Huyen) => don_vi.huyen.clone(),
        (true, _) => don_vi.tinh.clone(),
    };
    let van_ban = DocInfo {
        so,
        ngay,
        dia_danh,
        noi_nhan,
        kinh_gui,
    };
    Ok(DossierInfo {
        bo_tieu_chi,
        nam,
        cap,
        don_vi,
        van_ban,
        nguoi_ky,
        quy_trinh,
        co_quan,
        nhom_xa,
        bo_tieu_chi_thon,
        unknown_keys,
    })
}

/// The problems of hoso.toml's keys, as they are found.
#[derive(Default)]
struct Errors(Vec<Problem>);

impl Errors {
    fn or<T>(&mut self, r: Result<T, Problem>, fallback: T) -> T {
        r.unwrap_or_else(|p| {
            self.0.push(p);
            fallback
        })
    }

    fn text(&mut self, v: &Option<Value>, key: &str) -> String {
        self.or(text(v.as_ref(), key), String::new())
    }

    /// A table's keys; none (and the problem) when it is not a table.
    fn table<T: Default>(&mut self, s: keys::Section<T>, name: &str) -> T {
        s.keys().unwrap_or_else(|none| {
            self.0.push(m::toml_not_a_table(name));
            none
        })
    }
}

/// Text, trimmed (`""` when absent); a whole number written without quotes is taken as typed.
fn text(v: Option<&Value>, key: &str) -> Result<String, Problem> {
    match v {
        None => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.trim().to_string()),
        Some(Value::Integer(i)) => Ok(i.to_string()),
        Some(_) => Err(m::toml_not_text(key)),
    }
}

/// The year assessed, 2000–2100 (`nam = 2024`, also `"2024"`).
fn year(v: Option<&Value>) -> Result<i32, Problem> {
    let n = match v {
        None => return Err(m::toml_missing_year()),
        Some(Value::Integer(n)) => Some(*n),
        Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
        Some(_) => None,
    };
    n.filter(|n| (2000..=2100).contains(n))
        .map(|n| n as i32)
        .ok_or_else(m::toml_bad_year)
}

fn level(v: Option<&Value>) -> Result<Level, Problem> {
    match v {
        None => Ok(Level::Xa),
        Some(Value::String(c)) => Level::parse(c).ok_or_else(|| m::toml_unknown_level(c)),
        Some(_) => Err(m::toml_level_not_text()),
    }
}

/// The report date: a TOML date (`ngay = 2024-11-10`) or one written as text (`"10/11/2024"`).
fn date(v: Option<&Value>) -> Result<Date, Problem> {
    let d = match v {
        Some(Value::Datetime(dt)) => dt
            .date
            .and_then(|d| Date::new(d.year as i32, d.month as u32, d.day as u32)),
        Some(Value::String(s)) => Date::parse(s),
        _ => None,
    };
    d.ok_or_else(m::toml_bad_date)
}

/// A list of lines, trimmed; one line may be written alone.
fn list(v: Option<&Value>, key: &str) -> Result<Vec<String>, Problem> {
    match v {
        None => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str()
                    .map(|s| s.trim().to_string())
                    .ok_or_else(|| m::toml_list_item_not_text(key))
            })
            .collect(),
        Some(Value::String(s)) => Ok(vec![s.trim().to_string()]),
        Some(_) => Err(m::toml_not_a_list(key)),
    }
}

/// An optional whole number 1–10000 (`so_thon = 12`, also `"12"`).
fn villages(v: Option<&Value>, key: &str) -> Result<Option<u32>, Problem> {
    let n = match v {
        None => return Ok(None),
        Some(Value::Integer(n)) => Some(*n),
        Some(Value::String(s)) => s.trim().parse::<u32>().ok().map(i64::from),
        Some(_) => None,
    };
    match n {
        Some(n) if (1..=10_000).contains(&n) => Ok(Some(n as u32)),
        _ => Err(m::toml_bad_village_count(key)),
    }
}

/// The keys every dossier of its level needs, told in this order.
fn required(e: &mut Errors, bo_tieu_chi: &str, cap: Level, don_vi: &Unit, nguoi_ky: &Signer) {
    if bo_tieu_chi.is_empty() {
        e.0.push(m::toml_missing_set());
    }
    // A commune names its district only in a chain that has one (checked with the chain).
    let missing = [
        (
            don_vi.tinh.is_empty(),
            m::toml_missing_province as fn() -> Problem,
        ),
        (
            don_vi.huyen.is_empty() && cap == Level::Huyen,
            m::toml_missing_district,
        ),
        (nguoi_ky.ho_ten.is_empty(), m::toml_missing_signer_name),
        (nguoi_ky.chuc_vu.is_empty(), m::toml_missing_signer_title),
    ];
    for (is_missing, problem) in missing {
        if is_missing {
            e.0.push(problem());
        }
    }
    if cap == Level::Xa && don_vi.xa.is_empty() {
        e.0.push(m::toml_missing_commune());
    }
}

#[cfg(test)]
#[path = "dossier_tests.rs"]
mod tests;
