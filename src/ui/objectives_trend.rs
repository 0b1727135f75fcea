//! The predictability trend under the objectives view: PI by PI, oldest first, a row for the
//! ART's objectives, each team and the train, each PI's figure in numbers and in words against
//! SAFe's 80–100 % band (colour only repeats what the words say), led by a sparkline of them.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::objectives::{Achievement, TARGET_BAND, Trend};

use super::objectives::{SCALE_MAX, band_word};
use crate::text::{clean, fit};
use crate::theme::Theme;

/// The width of one PI's figure, `100 % above band` and a space.
const CELL: usize = 18;
/// The width of a row's name, as the bars above it.
const NAME: usize = 10;
const SPARKS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// The trend's lines for a view `width` wide (its selection mark included); none while the
/// files keep one PI only. The newest PIs that fit are shown.
pub fn trend_lines(trend: &Trend<'_>, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let count = trend.pis.len();
    if count < 2 {
        return Vec::new();
    }
    let shown = (width.saturating_sub(2 + NAME + 6) / (CELL + 1)).clamp(1, count);
    let skip = count - shown;
    let mut header = "Predictability by PI, oldest to this PI (target band 80–100 %)".to_string();
    if skip > 0 {
        header.push_str(&format!(" · {skip} older not shown here"));
    }
    let lead = format!("  {:<NAME$}  {:<w$}  ", "", "", w = shown);
    let mut names = vec![Span::styled(lead, theme.dim)];
    for pi in trend.pis.iter().skip(skip) {
        let name = pi.map(|p| clean(p).into_owned()).unwrap_or_else(|| "this PI".into());
        let name = fit(&name, CELL - 1);
        names.push(Span::styled(format!("{name:<CELL$}"), theme.dim));
    }
    let mut lines = vec![Line::raw(""), Line::styled(header, theme.header), Line::from(names)];
    let row = |name: &str, figures: &[Achievement], style: Style| {
        let shown = &figures[skip.min(figures.len())..];
        let mut spans = vec![Span::styled(format!("  {:<NAME$}  ", fit(name, NAME)), style)];
        spans.extend(shown.iter().map(|a| spark(*a, theme)));
        spans.push(Span::raw("  "));
        spans.extend(shown.iter().map(|a| cell(*a, theme)));
        Line::from(spans)
    };
    let evaluated = |figures: &[Achievement]| figures.iter().any(|a| a.percent().is_some());
    if let Some((_, figures)) = trend.art.as_ref().filter(|(_, f)| evaluated(f)) {
        lines.push(row("ART", figures, theme.dim));
    }
    for (board, figures) in &trend.teams {
        lines.push(row(&board.name, figures, theme.dim));
    }
    lines.push(row("Train", &trend.train, theme.header));
    lines
}

/// How a figure is coloured: in the band, outside it, or none yet.
fn tone(achievement: Achievement, theme: &Theme) -> Style {
    match achievement.percent() {
        Some(v) if (TARGET_BAND.0..=TARGET_BAND.1).contains(&v) => theme.done,
        Some(_) => theme.at_limit,
        None => theme.dim,
    }
}

/// One PI in the sparkline: a block as high as the figure on the 0–120 % scale, `·` for none.
fn spark(achievement: Achievement, theme: &Theme) -> Span<'static> {
    let glyph = match achievement.percent() {
        Some(v) => SPARKS[((v.min(SCALE_MAX) / SCALE_MAX) * (SPARKS.len() - 1) as f64).round() as usize],
        None => "·",
    };
    Span::styled(glyph, tone(achievement, theme))
}

/// One PI's figure: `85 % in band`, or `–` before anything committed was evaluated.
fn cell(achievement: Achievement, theme: &Theme) -> Span<'static> {
    let text = match achievement.percent() {
        Some(v) => format!("{:>5} {}", format!("{v:.0} %"), band_word(v)),
        None => format!("{:>5}", "–"),
    };
    Span::styled(format!("{text:<CELL$}"), tone(achievement, theme))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, Column, Level};

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn each_pi_says_its_figure_in_words_and_the_newest_that_fit_are_shown() {
        let team = Board::new("a.ron", "Alpha", Level::Team, vec![Column::new("Done", None)]);
        let figures = vec![
            Achievement { planned: 10, actual: 7 },
            Achievement { planned: 10, actual: 9 },
            Achievement { planned: 10, actual: 12 },
            Achievement::default(),
        ];
        let trend = Trend {
            pis: vec![Some("PI 1"), Some("PI 2"), Some("PI 3"), Some("PI 4")],
            teams: vec![(&team, figures.clone())],
            train: figures,
            art: None,
        };
        let theme = Theme::default();
        let wide: Vec<String> = trend_lines(&trend, &theme, 160).iter().map(text).collect();
        assert!(wide[1].contains("target band 80–100 %"), "{wide:?}");
        assert!(wide[2].contains("PI 1") && wide[2].contains("PI 4"), "{wide:?}");
        let alpha = &wide[3];
        assert!(alpha.contains("▅▆█·"), "sparkline on 0–120 %: {alpha}");
        assert!(alpha.contains("70 % below band") && alpha.contains("90 % in band"), "{alpha}");
        assert!(alpha.contains("120 % above band") && alpha.trim_end().ends_with('–'), "{alpha}");
        assert!(wide[4].trim_start().starts_with("Train"), "{wide:?}");
        // 60 columns hold two PIs: the newest two.
        let narrow: Vec<String> = trend_lines(&trend, &theme, 60).iter().map(text).collect();
        assert!(narrow[1].contains("2 older not shown"), "{narrow:?}");
        assert!(!narrow[2].contains("PI 2") && narrow[2].contains("PI 3") && narrow[2].contains("PI 4"));
        assert!(!narrow[3].contains("70 %") && narrow[3].contains("120 %"), "{narrow:?}");
        // One PI only: no trend.
        let one = Trend { pis: vec![Some("PI 4")], teams: Vec::new(), train: vec![Achievement::default()], art: None };
        assert!(trend_lines(&one, &theme, 160).is_empty());
    }
}
