//! The six flow metrics in words, as the metrics view and the HTML export show them: a label
//! and a value per metric, long (every number) or short (for a narrow column).

use super::flow_metrics::{FlowMetrics, WorkType};

/// The metrics' labels, in the order [`describe`] gives them.
pub const LABELS: [&str; 6] = ["Distribution", "Velocity", "Flow time", "Load", "Efficiency", "Predictability"];

/// Each metric of `m` in words; `long` gives every number, else a short form.
pub fn describe(m: &FlowMetrics, long: bool) -> [String; 6] {
    [
        distribution(m, long),
        velocity(m, long),
        time(m, long),
        load(m, long),
        efficiency(m, long),
        predictability(m, long),
    ]
}

fn distribution(m: &FlowMetrics, long: bool) -> String {
    let d = &m.distribution;
    if d.total() == 0 {
        return "no items".into();
    }
    let parts: Vec<String> = d
        .by_type()
        .iter()
        .filter(|(_, n)| long || *n > 0)
        .map(|(t, n)| match long {
            true => format!("{} {n} ({:.0}%)", t.plural(), d.share(*n)),
            false => format!("{} {:.0}%", short_name(*t), d.share(*n)),
        })
        .collect();
    parts.join(if long { " · " } else { " " })
}

fn short_name(t: WorkType) -> &'static str {
    match t {
        WorkType::Feature => "feat",
        WorkType::Enabler => "enab",
        WorkType::Defect => "def",
        WorkType::Risk => "risk",
    }
}

fn velocity(m: &FlowMetrics, long: bool) -> String {
    let weeks = m.velocity.weeks.len();
    let Some(mean) = m.velocity.per_week() else { return "no weeks".into() };
    match long {
        true => {
            let counts: Vec<String> = m.velocity.weeks.iter().map(|(_, n)| n.to_string()).collect();
            format!("{mean:.1} finished per week (last {weeks} weeks: {})", counts.join(" "))
        }
        false => format!("{mean:.1} per week ({weeks} weeks)"),
    }
}

fn time(m: &FlowMetrics, long: bool) -> String {
    match (m.time.median(), m.time.p85(), long) {
        (Some(median), Some(p85), true) => {
            format!("median {median:.1} d · 85th percentile {p85:.1} d ({} finished)", m.time.days.len())
        }
        (Some(median), Some(p85), false) => format!("median {median:.1} d · 85% {p85:.1} d"),
        _ => "nothing finished yet".into(),
    }
}

fn load(m: &FlowMetrics, long: bool) -> String {
    let l = &m.load;
    let over = match (l.over.len(), long) {
        (0, _) => String::new(),
        (_, true) => format!(" · over: {}", l.over.join(", ")),
        (n, false) => format!(", {n} over"),
    };
    match (l.limit, long) {
        (Some(limit), true) => format!("{} in progress, limit {limit}{over}", l.wip),
        (Some(limit), false) => format!("{}/{limit} in progress{over}", l.wip),
        (None, _) => format!("{} in progress{over}", l.wip),
    }
}

fn efficiency(m: &FlowMetrics, long: bool) -> String {
    let e = &m.efficiency;
    let Some(percent) = e.percent() else { return "no flow yet".into() };
    let day = 86_400.0;
    match (e.wait_columns_named, long) {
        (false, true) => format!("{percent:.0}% (no wait columns named, so all flow time is active)"),
        (false, false) => format!("{percent:.0}% (no wait columns)"),
        (true, true) => format!(
            "{percent:.0}% active ({:.1} of {:.1} item-days in flow)",
            e.active as f64 / day,
            e.flow as f64 / day
        ),
        (true, false) => format!("{percent:.0}% active"),
    }
}

fn predictability(m: &FlowMetrics, long: bool) -> String {
    let a = &m.predictability;
    match (a.percent(), long) {
        (Some(p), true) => format!("{p:.0}% ({} of {} planned business value)", a.actual, a.planned),
        (Some(p), false) => format!("{p:.0}% ({}/{} BV)", a.actual, a.planned),
        (None, _) => "no objectives evaluated".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::flow_metrics::{Distribution, Efficiency, FlowTime, Load, Velocity};
    use crate::model::objectives::Achievement;

    #[test]
    fn flow_metrics_read_in_words_long_and_short() {
        let m = FlowMetrics {
            distribution: Distribution { by_kind: [0, 0, 1, 1, 5, 0, 1, 0] },
            velocity: Velocity { weeks: vec![(0, 2), (0, 1), (0, 3)] },
            time: FlowTime { days: vec![1.0, 2.0, 3.0, 5.0] },
            load: Load { wip: 6, limit: Some(10), over: vec!["Review".into()] },
            efficiency: Efficiency { active: 86_400, flow: 4 * 86_400, wait_columns_named: true },
            predictability: Achievement { planned: 25, actual: 27 },
        };
        let long = describe(&m, true);
        assert_eq!(long[0], "features 6 (75%) · enablers 1 (12%) · defects 1 (12%) · risks 0 (0%)");
        assert_eq!(long[1], "2.0 finished per week (last 3 weeks: 2 1 3)");
        assert_eq!(long[2], "median 2.5 d · 85th percentile 4.1 d (4 finished)");
        assert_eq!(long[3], "6 in progress, limit 10 · over: Review");
        assert_eq!(long[4], "25% active (1.0 of 4.0 item-days in flow)");
        assert_eq!(long[5], "108% (27 of 25 planned business value)");
        let short = describe(&m, false);
        assert_eq!(short[0], "feat 75% enab 12% def 12%");
        assert_eq!(short[3], "6/10 in progress, 1 over");
        assert_eq!(describe(&FlowMetrics::default(), false)[5], "no objectives evaluated");
    }
}
