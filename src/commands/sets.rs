//! `hoso sets`: the criteria sets, and one set's indicators with unit and target.

use crate::criteria::Catalog;
use crate::pipeline::Outcome;
use crate::problem::Fatal;

pub fn sets(catalog: &Catalog, id: Option<&str>) -> Result<Outcome, Fatal> {
    match id {
        None => {
            println!(
                "{:<38} {:<6} {:>4}  {}",
                "MÃ BỘ TIÊU CHÍ", "CẤP", "SỐ", "TÊN / CĂN CỨ"
            );
            for s in catalog.sets.values() {
                println!(
                    "{:<38} {:<6} {:>4}  {}",
                    s.id,
                    s.level.label(),
                    s.top_level().count(),
                    s.title
                );
                for b in &s.legal_basis {
                    println!("{:<38} {:<6} {:>4}    căn cứ: {}", "", "", "", b);
                }
            }
            Ok(Outcome::Done)
        }
        Some(id) => {
            let s = catalog.get(id).map_err(Fatal)?;
            println!("{} — {}", s.id, s.title);
            for b in &s.legal_basis {
                println!("Căn cứ: {b}");
            }
            println!("Công nhận: {}", s.recognition_basis);
            for g in &s.groups {
                println!("\n{} {}", g.code, g.name);
                for i in s.indicators.iter().filter(|i| i.group == g.code) {
                    let depth = {
                        let mut d = 0;
                        let mut p = i.parent.clone();
                        while let Some(c) = p {
                            d += 1;
                            p = s.indicator(&c).and_then(|x| x.parent.clone());
                        }
                        d
                    };
                    let target = match (&i.target, i.targets_by_year.is_empty(), i.target_source) {
                        (None, _, _) if !i.targets_by_group.is_empty() => i
                            .targets_by_group
                            .iter()
                            .map(|(g, t)| format!("nhóm {g}: {}", t.display()))
                            .collect::<Vec<_>>()
                            .join(", "),
                        (Some(t), _, _) => t.display(),
                        (None, false, _) => i
                            .targets_by_year
                            .iter()
                            .map(|(y, t)| format!("{y}: {}", t.display()))
                            .collect::<Vec<_>>()
                            .join(", "),
                        (None, true, crate::criteria::TargetSource::Yearly) => {
                            "giao hằng năm".into()
                        }
                        (None, true, _) if !i.children.is_empty() => "đạt mọi điều kiện".into(),
                        (None, true, _) => "hồ sơ ghi".into(),
                    };
                    let unit = if i.unit.is_empty() {
                        "-".to_string()
                    } else {
                        i.unit.clone()
                    };
                    println!(
                        "{}{:<10} [{}] [{}] {}",
                        "  ".repeat(depth + 1),
                        i.code,
                        unit,
                        target,
                        i.name
                    );
                }
            }
            Ok(Outcome::Done)
        }
    }
}
