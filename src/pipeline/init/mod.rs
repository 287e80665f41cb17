//! `hoso init`: a ready dossier skeleton for a set — hoso.toml with comments, so-lieu.csv/.xlsx
//! pre-filled with every code, name, unit and fixed target, noi-dung.md with the form's headings,
//! one folder per indicator with a README.txt quoting the evidence asked, and empty list forms.
//! Written into a temporary sibling folder and renamed, so a failure leaves nothing behind.

pub mod narrative;

use crate::criteria::chains::Step;
use crate::criteria::{Catalog, CriteriaSet, Indicator, TargetSource};
use crate::document::forms;
use crate::inputs::dossier::Level;
use crate::inputs::listform;
use crate::problem::Fatal;
use rust_xlsxwriter::{Color, DataValidation, Format, FormatBorder, Workbook};
use std::fs;
use std::path::Path;

pub const SOLIEU_HEADER: [&str; 8] = [
    "Mã",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Chỉ tiêu",
    "Kết quả",
    "Trạng thái",
    "Mô tả kết quả",
    "Ghi chú",
];

/// Writes the skeleton (nothing printed: the web page calls this too). Returns the set, year and
/// the level and chain used.
pub fn create<'a>(
    catalog: &'a Catalog,
    dir: &Path,
    bo: &str,
    nam: Option<i32>,
    cap: &str,
    quy_trinh: Option<&str>,
) -> Result<(&'a CriteriaSet, i32, Skeleton), Fatal> {
    let set = catalog.get(bo).map_err(Fatal)?;
    let level = Level::parse(cap).ok_or_else(|| {
        Fatal(format!(
            "--cap \"{cap}\" không hợp lệ: dùng xa, huyen, bcd, so hoặc tinh"
        ))
    })?;
    let chain = crate::criteria::chains::get(quy_trinh.unwrap_or(&set.quy_trinh))
        .map_err(|e| Fatal(format!("--quy-trinh: {e}")))?;
    let own = level.assesses_itself(set.level);
    if !own && !chain.has(level) {
        return Err(Fatal(format!(
            "--cap {} không có trong quy trình {} ({})",
            level.id(),
            chain.id,
            chain.caps()
        )));
    }
    let skeleton = Skeleton { level, own, chain };
    if dir.join("hoso.toml").exists() {
        return Err(Fatal(format!(
            "\"{}\" đã có hồ sơ (hoso.toml) — không ghi đè; chọn thư mục khác",
            dir.display()
        )));
    }
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut r| r.next().is_some())
            .unwrap_or(true)
    {
        return Err(Fatal(format!(
            "\"{}\" đã có và không trống — chọn một thư mục mới",
            dir.display()
        )));
    }
    let year = nam.unwrap_or_else(current_year);
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)
        .map_err(|e| Fatal(format!("không tạo được thư mục {}: {e}", parent.display())))?;
    let tmp = tempfile::Builder::new()
        .prefix(".hoso-init-")
        .tempdir_in(parent)
        .map_err(|e| Fatal(format!("không ghi được vào {}: {e}", parent.display())))?;
    write_skeleton(tmp.path(), set, year, &skeleton)
        .map_err(|e| Fatal(format!("không ghi được hồ sơ mẫu: {e}")))?;
    if dir.exists() {
        fs::remove_dir(dir).map_err(|e| Fatal(format!("{}: {e}", dir.display())))?;
    }
    let kept = tmp.keep();
    fs::rename(&kept, dir)
        .map_err(|e| Fatal(format!("không đổi tên được thành {}: {e}", dir.display())))?;
    Ok((set, year, skeleton))
}

/// The year from the system clock — only a default for `--nam`, never written into outputs' timestamps.
fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    1970 + (secs / 31_556_952) as i32
}

/// What `init` writes: the level, whether it assesses itself, and its chain of levels.
pub struct Skeleton {
    pub level: Level,
    pub own: bool,
    pub chain: &'static crate::criteria::chains::Chain,
}

fn write_skeleton(root: &Path, set: &CriteriaSet, year: i32, k: &Skeleton) -> std::io::Result<()> {
    fs::write(root.join("hoso.toml"), hoso_toml(set, year, k))?;
    if !k.own {
        let step = k.chain.step(k.level).cloned().unwrap_or_default();
        let sub = step.reads.as_str();
        fs::create_dir_all(root.join(sub))?;
        if !step.figures.is_empty() {
            fs::create_dir_all(root.join(&step.figures))?;
        }
        fs::write(
            root.join(format!("{sub}/README.txt")),
            "Chép vào đây nguyên vẹn các gói hồ sơ (.zip) nhận được từ cấp dưới.\n",
        )?;
        fs::write(root.join("noi-dung.md"), narrative_template(set))?;
        return Ok(());
    }
    let rows = solieu_rows(set, year);
    let mut csv = String::from("\u{feff}");
    for r in std::iter::once(
        SOLIEU_HEADER
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    )
    .chain(rows.iter().map(|r| r.to_vec()))
    {
        csv.push_str(&r.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
        csv.push_str("\r\n");
    }
    fs::write(root.join("so-lieu.csv"), csv)?;
    fs::write(
        root.join("so-lieu.xlsx"),
        solieu_xlsx(set, &rows, year).map_err(std::io::Error::other)?,
    )?;
    // The Word way first; the Markdown file with the same headings for those who prefer it.
    fs::write(
        root.join("noi-dung.docx"),
        crate::pipeline::init::narrative::docx(set, year).map_err(std::io::Error::other)?,
    )?;
    fs::write(
        root.join("noi-dung.md"),
        crate::pipeline::init::narrative::markdown(set),
    )?;
    for g in &set.groups {
        let gdir = root.join(safe_name(&format!("{} {}", g.code, g.name)));
        fs::create_dir_all(&gdir)?;
        for ind in set
            .indicators
            .iter()
            .filter(|i| i.group == g.code && i.parent.is_none())
        {
            write_indicator_folder(&gdir, set, ind, year)?;
        }
    }
    Ok(())
}

fn write_indicator_folder(
    parent: &Path,
    set: &CriteriaSet,
    ind: &Indicator,
    year: i32,
) -> std::io::Result<()> {
    let dir = parent.join(safe_name(&format!(
        "{} {}",
        ind.code,
        short_name(&ind.name)
    )));
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("README.txt"), readme(ind))?;
    for form in listform::specs() {
        let feeds = set
            .indicators
            .iter()
            .filter(|i| {
                i.computed_from
                    .as_ref()
                    .is_some_and(|c| c.form == form.code)
            })
            .map(|i| i.code.as_str())
            .next();
        let own = feeds == Some(ind.code.as_str())
            || (feeds.is_none()
                && form.evidence_only
                && form.code == ind.code
                && set.kind == crate::criteria::SetKind::Cds);
        if own {
            fs::write(
                dir.join(format!("mau-{}.xlsx", form.code)),
                list_template(form, year).map_err(std::io::Error::other)?,
            )?;
        }
    }
    for child in set
        .indicators
        .iter()
        .filter(|i| i.parent.as_deref() == Some(&ind.code))
    {
        write_indicator_folder(&dir, set, child, year)?;
    }
    Ok(())
}

fn readme(ind: &Indicator) -> String {
    let mut s = format!("Chỉ tiêu {}: {}\r\n", ind.code, ind.name);
    if !ind.requirement.is_empty() {
        s.push_str(&format!("\r\nYêu cầu tiêu chí:\r\n{}\r\n", ind.requirement));
    }
    if !ind.guidance.is_empty() {
        s.push_str("\r\nHướng dẫn thực hiện:\r\n");
        for g in &ind.guidance {
            s.push_str(&format!("- {g}\r\n"));
        }
    }
    s.push_str("\r\nThành phần hồ sơ chứng minh:\r\n");
    if ind.evidence.is_empty() {
        s.push_str(
            "- (tài liệu gốc không liệt kê; đặt tài liệu chứng minh kết quả của chỉ tiêu)\r\n",
        );
    }
    for e in &ind.evidence {
        s.push_str(&format!("- {e}\r\n"));
    }
    s.push_str("\r\nĐặt các tệp minh chứng (PDF đã ký số; ảnh, video không cần ký) vào thư mục này.\r\nKhông có tài liệu: viết giai-trinh.txt giải trình số liệu và trách nhiệm về thông tin giải trình.\r\nTệp README.txt này không được tính là minh chứng.\r\n");
    s
}

fn narrative_template(set: &CriteriaSet) -> String {
    let mut s = format!("# Nội dung báo cáo — {}\n\nViết nội dung dưới mỗi mục `##`; giữ nguyên tên mục. Mục để trống sẽ in trống.\n\n", set.title);
    for h in forms::narrative_headings(set) {
        s.push_str(&format!("## {h}\n\n"));
    }
    s
}

/// The first words of a name, for a folder.
fn short_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().take(7).collect();
    words
        .join(" ")
        .trim_end_matches([',', '.', ';', ':'])
        .to_string()
}

/// Folder names that Windows, macOS and zip tools all accept.
fn safe_name(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_end_matches(['.', ' '])
        .chars()
        .take(80)
        .collect()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Rows of so-lieu: code, name, unit, target (where the set fixes it), and empty result columns.
pub fn solieu_rows(set: &CriteriaSet, year: i32) -> Vec<[String; 8]> {
    set.indicators
        .iter()
        .map(|i| {
            let target = set
                .set_target(i, year)
                .map(|t| t.display())
                .unwrap_or_default();
            [
                i.code.clone(),
                i.name.clone(),
                i.unit.clone(),
                target,
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect()
}

/// A workbook dated 1 January of the assessed year, not by the clock: `init` gives the same bytes
/// each time (a template has no report date yet).
fn workbook(year: i32) -> Result<Workbook, String> {
    let mut wb = Workbook::new();
    let when = rust_xlsxwriter::ExcelDateTime::from_ymd(year.clamp(1900, 9999) as u16, 1, 1)
        .map_err(|e| e.to_string())?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&when));
    Ok(wb)
}

fn solieu_xlsx(set: &CriteriaSet, rows: &[[String; 8]], year: i32) -> Result<Vec<u8>, String> {
    let mut wb = workbook(year)?;
    let ws = wb.add_worksheet();
    ws.set_name("so-lieu").map_err(|e| e.to_string())?;
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let locked = Format::new()
        .set_background_color(Color::RGB(0xEDEDED))
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_num_format("@");
    let open = Format::new()
        .set_unlocked()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_num_format("@");
    for (j, h) in SOLIEU_HEADER.iter().enumerate() {
        ws.write_with_format(0, j as u16, *h, &head)
            .map_err(|e| e.to_string())?;
    }
    for (i, r) in rows.iter().enumerate() {
        let ind = &set.indicators[i];
        let fixed = ind.target_source == TargetSource::Set || !ind.targets_by_year.is_empty();
        for (j, v) in r.iter().enumerate() {
            let fmt = if j < 3 || (j == 3 && fixed) {
                &locked
            } else {
                &open
            };
            ws.write_with_format((i + 1) as u32, j as u16, v.as_str(), fmt)
                .map_err(|e| e.to_string())?;
        }
    }
    for (j, w) in [8.0, 60.0, 12.0, 12.0, 14.0, 18.0, 40.0, 24.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(j as u16, *w)
            .map_err(|e| e.to_string())?;
    }
    ws.set_freeze_panes(1, 1).map_err(|e| e.to_string())?;
    let dv = DataValidation::new()
        .allow_list_strings(&["Đang triển khai", "Không áp dụng"])
        .map_err(|e| e.to_string())?
        .set_input_title("Trạng thái")
        .map_err(|e| e.to_string())?
        .set_input_message(
            "Để trống; hoặc Đang triển khai; hoặc Không áp dụng (chỉ tiêu \"nếu có\")",
        )
        .map_err(|e| e.to_string())?;
    ws.add_data_validation(1, 5, rows.len().max(1) as u32, 5, &dv)
        .map_err(|e| e.to_string())?;
    ws.protect();
    wb.save_to_buffer().map_err(|e| e.to_string())
}

/// An empty list form with the seed's columns (two-row header where the seed has one).
pub fn list_template(form: &listform::FormSpec, year: i32) -> Result<Vec<u8>, String> {
    let mut wb = workbook(year)?;
    let ws = wb.add_worksheet();
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    ws.write_with_format(0, 0, form.title.as_str(), &bold)
        .map_err(|e| e.to_string())?;
    if !form.tables.is_empty() {
        tables_template(ws, form, &bold, &head)?;
        return wb.save_to_buffer().map_err(|e| e.to_string());
    }
    let two_rows = form.columns.iter().any(|c| c.header.contains('|'));
    let mut j = 0u16;
    let mut i = 0;
    while i < form.columns.len() {
        let c = &form.columns[i];
        if let Some((group, _)) = c.header.split_once('|') {
            let span: Vec<&listform::ColumnSpec> = form.columns[i..]
                .iter()
                .take_while(|x| x.header.starts_with(&format!("{group}|")))
                .collect();
            ws.merge_range(2, j, 2, j + span.len() as u16 - 1, group, &head)
                .map_err(|e| e.to_string())?;
            for (k, s) in span.iter().enumerate() {
                let sub = s.header.split_once('|').map(|x| x.1).unwrap_or("");
                ws.write_with_format(3, j + k as u16, sub, &head)
                    .map_err(|e| e.to_string())?;
                ws.set_column_width(j + k as u16, 22)
                    .map_err(|e| e.to_string())?;
            }
            j += span.len() as u16;
            i += span.len();
        } else {
            if two_rows {
                ws.merge_range(2, j, 3, j, c.header.as_str(), &head)
                    .map_err(|e| e.to_string())?;
            } else {
                ws.write_with_format(2, j, c.header.as_str(), &head)
                    .map_err(|e| e.to_string())?;
            }
            ws.set_column_width(j, if c.key == "stt" { 6 } else { 24 })
                .map_err(|e| e.to_string())?;
            j += 1;
            i += 1;
        }
    }
    let first_free = if two_rows { 4 } else { 3 };
    for (r, line) in (first_free + 20..).zip(&form.footer) {
        ws.write(
            r,
            0,
            line.replace("{total}", "")
                .split('{')
                .next()
                .unwrap_or("")
                .trim_end(),
        )
        .map_err(|e| e.to_string())?;
    }
    wb.save_to_buffer().map_err(|e| e.to_string())
}

/// Rows left empty under each table of a multi-table template.
const TEMPLATE_ROWS: u32 = 10;

/// A multi-table form (Mẫu 4.1): each table's title and header row with room for entries under it,
/// then the seed's signature and confirmation lines.
fn tables_template(
    ws: &mut rust_xlsxwriter::Worksheet,
    form: &listform::FormSpec,
    bold: &Format,
    head: &Format,
) -> Result<(), String> {
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut r = 2;
    for t in &form.tables {
        ws.write_with_format(r, 0, t.title.as_str(), bold)
            .map_err(e)?;
        for (j, c) in t.columns.iter().enumerate() {
            ws.write_with_format(r + 1, j as u16, c.header.as_str(), head)
                .map_err(e)?;
            let wide = if c.key == "stt" { 6 } else { 30 };
            ws.set_column_width(j as u16, wide).map_err(e)?;
        }
        r += TEMPLATE_ROWS + 3;
    }
    for (k, lines) in form.signatures.iter().enumerate() {
        for (i, l) in lines.iter().enumerate() {
            ws.write_with_format(r + i as u32, 2 * k as u16, l.as_str(), bold)
                .map_err(e)?;
        }
    }
    r += 3;
    for (i, l) in form.confirmation.iter().enumerate() {
        ws.write(r + i as u32, 0, l.as_str()).map_err(e)?;
    }
    Ok(())
}

/// The template of the hoso.toml `init` writes (forms/templates/).
pub const HOSO_TOML: &str = "templates/hoso.toml.tmpl";

/// A template of `forms/templates/` without its maintainers' notes (lines starting with `#!`).
pub fn template(rel: &str) -> Result<String, String> {
    let f = crate::forms::file(rel)?.ok_or_else(|| format!("thiếu tệp forms/{rel}"))?;
    Ok(f.text
        .lines()
        .filter(|l| !l.starts_with("#!"))
        .collect::<Vec<_>>()
        .join("\n"))
}

fn hoso_toml(set: &CriteriaSet, year: i32, k: &Skeleton) -> String {
    let level = k.level;
    let two_tier = !k.chain.has(Level::Huyen);
    let step = k.chain.step(level).cloned().unwrap_or_default();
    let commune = k.chain.step(Level::Xa).cloned().unwrap_or_default();
    let lower = match level {
        _ if k.own && level == Level::Huyen => "# Cấp huyện tự đánh giá (bộ tiêu chí cấp huyện): số liệu, minh chứng như hồ sơ của xã\n".to_string(),
        Level::Xa => String::new(),
        _ => format!(
            "# Chép các gói hồ sơ (.zip) nhận được vào {}/, kết quả của cấp mình (nếu khác) vào {}/<tên xã>.csv\n",
            step.reads,
            if step.figures.is_empty() { "tham-dinh" } else { step.figures.as_str() }
        ),
    };
    let huyen = if two_tier {
        "# huyen = \"\"                       # không ghi: chính quyền hai cấp (từ 01/7/2025) không còn cấp huyện"
    } else {
        "huyen = \"\"                         # tên huyện (thị xã, thành phố), ví dụ \"Hoằng Hóa\""
    };
    let noi_nhan = if level != Level::Xa {
        "[]   # để trống: nơi nhận mặc định của quy trình; hoặc mỗi nơi một chuỗi".to_string()
    } else {
        let r: Vec<String> = commune
            .recipients
            .iter()
            .map(|r| {
                format!(
                    "\"{}\"",
                    r.replace("{huyen}", "")
                        .replace("{tinh}", "")
                        .replace("  ", " ")
                )
            })
            .collect();
        format!("[{}]   # nơi nhận, mỗi nơi một chuỗi", r.join(", "))
    };
    let co_quan = if matches!(level, Level::So | Level::Tinh) {
        format!(
            "\n# Cơ quan ban hành (để trống: theo quy trình, \"{}\" thuộc \"{}\")\n[co_quan]\nchu_quan = \"\"                      # dòng trên tên cơ quan, ví dụ \"UBND TỈNH THANH HÓA\"\nten = \"\"                           # tên cơ quan trong câu văn, ví dụ \"{}\"\n",
            step.agency, step.parent, step.agency
        )
    } else {
        String::new()
    };
    let (suffix, tham_quyen, chuc_vu) = number_and_signer(&step, &commune);
    let text = template(HOSO_TOML).unwrap_or_default();
    crate::text::fill(
        &text,
        &[
            ("ten_bo_tieu_chi", set.title.clone()),
            ("bo_tieu_chi", set.id.clone()),
            ("nam_danh_gia", year.to_string()),
            ("cap_ho_so", level.id().to_string()),
            ("quy_trinh", k.chain.id.clone()),
            ("ghi_chu_cap", lower),
            ("dong_huyen", huyen.to_string()),
            ("noi_nhan_mac_dinh", noi_nhan),
            ("muc_co_quan", co_quan),
            ("so_ky_hieu", suffix),
            ("tham_quyen", tham_quyen),
            ("chuc_vu", chuc_vu),
        ],
    )
}

/// The number symbol and signer (`tham_quyen`, `chuc_vu`) `init` writes: the level's own in
/// forms/chains, else the commune's — a symbol is more than the bare "/" of a steering-committee
/// member, who numbers by its own agency's.
fn number_and_signer(step: &Step, commune: &Step) -> (String, String, String) {
    let both = [step, commune];
    let suffix = both
        .iter()
        .map(|s| s.number_suffix.as_str())
        .find(|s| s.len() > 1)
        .unwrap_or_default();
    let signer = both
        .iter()
        .map(|s| s.signer.as_slice())
        .find(|s| !s.is_empty());
    let (t, c) = match signer {
        Some([t, c]) => (t.as_str(), c.as_str()),
        _ => ("", ""),
    };
    (suffix.into(), t.into(), c.into())
}
