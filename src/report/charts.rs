//! Inline SVG charts for the HTML report: a trend line against the target, a
//! ranked comparator bar chart, the RAG counts as one bar, and a sparkline.
//!
//! Each chart is drawn here from figures already chosen and worded by the
//! view, as a small, deterministic SVG string (the same figures always give
//! the same bytes, so the charts are golden-tested): no script, no event
//! handler, no link, no image, no font or anything else to fetch. Every
//! chart is `role="img"` with a `<title>` naming it and a `<desc>` that
//! carries every figure it plots, as shown on the paper, so a screen reader
//! gets the numbers and the picture can be checked against them. All text is
//! escaped for XML here.

use std::fmt::Write;

/// The colours of the paper (as `partials/style.css`).
const RED: &str = "#b3261e";
const AMBER: &str = "#e0a000";
const GREEN: &str = "#1b6b2f";
const GREY: &str = "#8a8a8a";
const INK: &str = "#111111";
const FAINT: &str = "#d9d9d9";
const FONT: &str = "Arial, Helvetica, sans-serif";

/// Text for SVG: the five XML specials escaped, and control characters
/// (which XML 1.0 forbids) dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' | '\r' => out.push(' '),
            // XML 1.0 allows neither control characters nor these two; and
            // a direction override would turn a figure's digits around.
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether a character changes the direction text is laid out in
/// (embeddings, overrides, isolates and marks).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A coordinate, to one decimal place (deterministic, and small).
fn n(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{:.1}", v);
    let s = s.strip_suffix(".0").unwrap_or(&s);
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The opening of a chart: its size, role, title and text alternative.
fn open(out: &mut String, class: &str, width: f64, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {class}\" role=\"img\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\" \
         font-size=\"11\"><title>{}</title><desc>{}</desc>",
        xml(title),
        xml(desc),
        w = n(width),
        h = n(height),
    );
}

/// A target to draw at one point of a trend.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A figure to reach or keep below.
    Line(f64),
    /// A range to stay within.
    Band(f64, f64),
}

/// One period of a trend chart.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// The period (`Q3 2012/13`).
    pub label: String,
    /// The actual, and as shown (`45.0%`).
    pub actual: Option<(f64, String)>,
    /// The target, and as shown (`49.6%`, `56.0–61.0%`).
    pub target: Option<(Mark, String)>,
}

/// Scales values onto a range of pixels, top and bottom padded.
struct Scale {
    low: f64,
    high: f64,
    top: f64,
    bottom: f64,
}

impl Scale {
    fn of(values: impl Iterator<Item = f64>, top: f64, bottom: f64) -> Scale {
        let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values.filter(|v| v.is_finite()) {
            low = low.min(v);
            high = high.max(v);
        }
        if !low.is_finite() {
            (low, high) = (0.0, 1.0);
        }
        let span = if high > low {
            high - low
        } else {
            low.abs().max(1.0)
        };
        Scale {
            low: low - span * 0.12,
            high: high + span * 0.12,
            top,
            bottom,
        }
    }

    fn y(&self, v: f64) -> f64 {
        self.bottom - (v - self.low) / (self.high - self.low) * (self.bottom - self.top)
    }
}

/// The figures of a trend, as its text alternative says them.
fn trend_desc(points: &[TrendPoint]) -> String {
    let figures: Vec<String> = points
        .iter()
        .map(|p| {
            let actual = p.actual.as_ref().map_or("no figure", |(_, s)| s.as_str());
            match &p.target {
                Some((_, t)) => format!("{}: {actual} (target {t})", p.label),
                None => format!("{}: {actual}", p.label),
            }
        })
        .collect();
    format!("Actual by period: {}.", figures.join("; "))
}

/// A trend chart: the actual by period as a line with a dot at each point,
/// the target as a dashed line (a band shaded), the first and the latest
/// actual labelled with their figures, and the latest target labelled.
/// `None` with fewer than two periods that have an actual.
pub fn trend(title: &str, points: &[TrendPoint]) -> Option<String> {
    if points.iter().filter(|p| p.actual.is_some()).count() < 2 {
        return None;
    }
    let (width, height) = (520.0, 190.0);
    let (left, right, top, bottom) = (16.0, 118.0, 16.0, 150.0);
    let values = points.iter().flat_map(|p| {
        let actual = p.actual.as_ref().map(|(v, _)| *v);
        let target = match &p.target {
            Some((Mark::Line(v), _)) => vec![*v],
            Some((Mark::Band(a, b), _)) => vec![*a, *b],
            None => vec![],
        };
        actual.into_iter().chain(target)
    });
    let scale = Scale::of(values, top, bottom);
    let step = if points.len() > 1 {
        (width - left - right) / (points.len() - 1) as f64
    } else {
        0.0
    };
    let x = |i: usize| left + step * i as f64;
    let mut out = String::new();
    open(&mut out, "trend", width, height, title, &trend_desc(points));
    // The frame: a baseline and faint guides at the top and the middle.
    for y in [top, (top + bottom) / 2.0, bottom] {
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>",
            n(left),
            n(y),
            n(width - right),
            n(y),
            if y == bottom { GREY } else { FAINT }
        );
    }
    // Band targets, shaded between consecutive periods that have one.
    for (i, pair) in points.windows(2).enumerate() {
        if let (Some((Mark::Band(a0, b0), _)), Some((Mark::Band(a1, b1), _))) =
            (&pair[0].target, &pair[1].target)
        {
            let _ = write!(
                out,
                "<polygon points=\"{},{} {},{} {},{} {},{}\" fill=\"{GREEN}\" fill-opacity=\"0.12\"/>",
                n(x(i)),
                n(scale.y(*b0)),
                n(x(i + 1)),
                n(scale.y(*b1)),
                n(x(i + 1)),
                n(scale.y(*a1)),
                n(x(i)),
                n(scale.y(*a0))
            );
        }
    }
    // Line targets, dashed, joined where consecutive.
    let line_targets: Vec<(usize, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match &p.target {
            Some((Mark::Line(v), _)) => Some((i, *v)),
            _ => None,
        })
        .collect();
    path(
        &mut out,
        &line_targets,
        &x,
        &scale,
        INK,
        "stroke-dasharray=\"5 4\"",
    );
    // A target with no neighbour of its form to join is drawn at its period
    // alone: a short tick for a line, a short shaded block for a band.
    for (i, p) in points.iter().enumerate() {
        let joined = |j: Option<usize>| {
            j.and_then(|j| points.get(j))
                .is_some_and(|q| same_form(&q.target, &p.target))
        };
        if joined(i.checked_sub(1)) || joined(Some(i + 1)) {
            continue;
        }
        match &p.target {
            Some((Mark::Line(v), _)) => {
                let _ = write!(
                    out,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{INK}\" stroke-width=\"2\"/>",
                    n(x(i) - 6.0),
                    n(scale.y(*v)),
                    n(x(i) + 6.0),
                    n(scale.y(*v))
                );
            }
            Some((Mark::Band(a, b), _)) => {
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"{}\" fill=\"{GREEN}\" fill-opacity=\"0.2\"/>",
                    n(x(i) - 6.0),
                    n(scale.y(*b)),
                    n((scale.y(*a) - scale.y(*b)).max(1.0))
                );
            }
            None => {}
        }
    }
    // The actual.
    let actuals: Vec<(usize, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.actual.as_ref().map(|(v, _)| (i, *v)))
        .collect();
    path(
        &mut out,
        &actuals,
        &x,
        &scale,
        "#1f4e79",
        "stroke-width=\"2\"",
    );
    for &(i, v) in &actuals {
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#1f4e79\"/>",
            n(x(i)),
            n(scale.y(v))
        );
    }
    // Labels: the first and the latest actual; the latest target beside the
    // end of its line.
    let label = |out: &mut String, i: usize, v: f64, text: &str, anchor: &str, dx: f64, dy: f64| {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"{INK}\">{}</text>",
            n(x(i) + dx),
            n(scale.y(v) + dy),
            xml(text)
        );
    };
    let first = points
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.actual.as_ref().map(|a| (i, a)));
    let last = points
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, p)| p.actual.as_ref().map(|a| (i, a)));
    if let Some((i, (v, shown))) = first {
        label(&mut out, i, *v, shown, "start", 4.0, -7.0);
    }
    if let Some((i, (v, shown))) = last {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-weight=\"bold\" fill=\"#1f4e79\">{}</text>",
            n(x(i) + 8.0),
            n(scale.y(*v) + 4.0),
            xml(shown)
        );
    }
    let last_target = points
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, p)| p.target.as_ref().map(|t| (i, t)));
    if let Some((i, (mark, shown))) = last_target {
        let v = match mark {
            Mark::Line(v) => *v,
            Mark::Band(a, b) => (a + b) / 2.0,
        };
        // Kept clear of the latest actual's label.
        let clash =
            last.is_some_and(|(j, (a, _))| j == i && (scale.y(*a) - scale.y(v)).abs() < 13.0);
        let dy = if clash {
            if scale.y(v) < last.map_or(0.0, |(_, (a, _))| scale.y(*a)) {
                -9.0
            } else {
                17.0
            }
        } else {
            4.0
        };
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"{INK}\">target {}</text>",
            n(x(i) + 8.0),
            n(scale.y(v) + dy),
            xml(shown)
        );
    }
    // The periods along the bottom: every one when few, else about six.
    let every = points.len().div_ceil(6).max(1);
    for (i, p) in points.iter().enumerate() {
        if i % every == 0 || i + 1 == points.len() {
            // The first and the last are kept inside the picture.
            let anchor = if i == 0 {
                "start"
            } else if i + 1 == points.len() {
                "end"
            } else {
                "middle"
            };
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"{INK}\">{}</text>",
                n(x(i)),
                n(bottom + 16.0),
                xml(&p.label)
            );
        }
    }
    // A key.
    let _ = write!(
        out,
        "<g transform=\"translate({},{})\"><line x1=\"0\" y1=\"-4\" x2=\"18\" y2=\"-4\" \
         stroke=\"#1f4e79\" stroke-width=\"2\"/><text x=\"22\" y=\"0\" fill=\"{INK}\">Actual</text>\
         <line x1=\"70\" y1=\"-4\" x2=\"88\" y2=\"-4\" stroke=\"{INK}\" stroke-dasharray=\"5 4\"/>\
         <text x=\"92\" y=\"0\" fill=\"{INK}\">Target</text></g>",
        n(left),
        n(height - 4.0)
    );
    out.push_str("</svg>");
    Some(out)
}

/// Whether two periods' targets are of one form (both lines, or both bands),
/// so that they are joined.
fn same_form(a: &Option<(Mark, String)>, b: &Option<(Mark, String)>) -> bool {
    matches!(
        (a, b),
        (Some((Mark::Line(_), _)), Some((Mark::Line(_), _)))
            | (Some((Mark::Band(..), _)), Some((Mark::Band(..), _)))
    )
}

/// A line through points (index, value), broken where a period has none.
fn path(
    out: &mut String,
    points: &[(usize, f64)],
    x: &dyn Fn(usize) -> f64,
    scale: &Scale,
    colour: &str,
    extra: &str,
) {
    // A period without a figure breaks the line: nothing is drawn across it.
    let mut runs: Vec<Vec<(usize, f64)>> = Vec::new();
    for &(i, v) in points {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|&(j, _)| j + 1 == i) => run.push((i, v)),
            _ => runs.push(vec![(i, v)]),
        }
    }
    for run in runs.iter().filter(|r| r.len() >= 2) {
        let coords: Vec<String> = run
            .iter()
            .map(|&(i, v)| format!("{},{}", n(x(i)), n(scale.y(v))))
            .collect();
        let _ = write!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" {extra}/>",
            coords.join(" ")
        );
    }
}

/// What a bar of a comparator chart stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarKind {
    /// A ranked comparator.
    Ranked,
    /// This council, ranked.
    Us,
    /// An average (not ranked).
    Average,
    /// This council's own earlier figure (not ranked).
    History,
}

/// One bar of a comparator chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Who (`Lancashire`, `England average`).
    pub label: String,
    /// The value, and as shown.
    pub value: f64,
    /// As shown (`78.0%`).
    pub shown: String,
    /// Its rank, 1 = best, for a ranked bar.
    pub rank: Option<usize>,
    /// The quartile its rank is in (1 = top), for a ranked bar.
    pub quartile: Option<u8>,
    /// What it stands for.
    pub kind: BarKind,
}

/// A ranked comparator chart: one horizontal bar per comparator, best first,
/// this council's bar in colour, a rule between two ranked bars whose ranks
/// are in different quartiles, then the averages and this council's earlier
/// figures below, marked as not ranked.
pub fn comparators(title: &str, bars: &[Bar]) -> Option<String> {
    if bars.iter().filter(|b| b.rank.is_some()).count() < 2 {
        return None;
    }
    let row = 15.0;
    let (label_w, bar_w, value_w) = (190.0, 250.0, 80.0);
    let width = label_w + bar_w + value_w;
    let top = 4.0;
    let height = top + row * bars.len() as f64 + 22.0;
    let zero_low = bars.iter().map(|b| b.value).fold(0.0_f64, f64::min);
    let high = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let span = if high > zero_low {
        high - zero_low
    } else {
        1.0
    };
    let x = |v: f64| label_w + (v - zero_low) / span * bar_w;
    let desc: Vec<String> = bars
        .iter()
        .map(|b| match (b.rank, b.kind) {
            (Some(r), BarKind::Us) => format!("{} (this council) {}: rank {r}", b.label, b.shown),
            (Some(r), _) => format!("{} {}: rank {r}", b.label, b.shown),
            (None, BarKind::History) => format!("{} {} (earlier, not ranked)", b.label, b.shown),
            (None, _) => format!("{} {} (not ranked)", b.label, b.shown),
        })
        .collect();
    let mut out = String::new();
    open(
        &mut out,
        "comparators",
        width,
        height,
        title,
        &format!("Best first: {}.", desc.join("; ")),
    );
    for (i, b) in bars.iter().enumerate() {
        let y = top + row * i as f64;
        let (fill, weight) = match b.kind {
            BarKind::Us => ("#1f4e79", "bold"),
            BarKind::Ranked => ("#9aa9b8", "normal"),
            BarKind::Average | BarKind::History => ("#ffffff", "normal"),
        };
        let (x0, x1) = (x(0.0_f64.max(zero_low)), x(b.value));
        let (bx, bw) = if x1 >= x0 {
            (x0, x1 - x0)
        } else {
            (x1, x0 - x1)
        };
        let outline = match b.kind {
            BarKind::Average | BarKind::History => " stroke=\"#555555\" stroke-dasharray=\"3 2\"",
            _ => "",
        };
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"{outline}/>",
            n(bx),
            n(y + 2.0),
            n(bw.max(0.5)),
            n(row - 4.0)
        );
        let label = match (b.rank, b.kind) {
            (Some(r), _) => format!("{r}. {}", b.label),
            (None, BarKind::History) => format!("{} (earlier)", b.label),
            (None, _) => b.label.clone(),
        };
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-weight=\"{weight}\" fill=\"{INK}\">{}</text>\
             <text x=\"{}\" y=\"{}\" font-weight=\"{weight}\" fill=\"{INK}\">{}</text>",
            n(label_w - 6.0),
            n(y + 11.0),
            xml(&truncate(&label, 30)),
            n(x(b.value.max(0.0_f64.max(zero_low))) + 4.0),
            n(y + 11.0),
            xml(&b.shown)
        );
        // A rule where the next ranked bar is in another quartile.
        if let (Some(q), Some(next)) = (b.quartile, bars.get(i + 1).and_then(|n| n.quartile)) {
            if q != next {
                let _ = write!(
                    out,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{RED}\" stroke-dasharray=\"2 2\"/>",
                    n(8.0),
                    n(y + row - 0.5),
                    n(width - 4.0),
                    n(y + row - 0.5)
                );
            }
        }
    }
    let _ = write!(
        out,
        "<text x=\"8\" y=\"{}\" fill=\"{INK}\">Dashed rules: where each quartile ends. Outlined \
         bars are not ranked.</text>",
        n(height - 6.0)
    );
    out.push_str("</svg>");
    Some(out)
}

/// At most `max` characters, with an ellipsis when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The RAG counts as one bar: a segment per rating in proportion, each with
/// its word and count. `counts` are (word, count) for Green, Amber, Red and
/// not rated, in that order; a zero count has no segment.
pub fn rag_counts(title: &str, counts: &[(&str, usize)]) -> Option<String> {
    let total: usize = counts.iter().map(|(_, c)| c).sum();
    if total == 0 {
        return None;
    }
    let (width, height) = (480.0, 30.0);
    let desc: Vec<String> = counts.iter().map(|(w, c)| format!("{w} {c}")).collect();
    let mut out = String::new();
    open(
        &mut out,
        "rag-counts",
        width,
        height,
        title,
        &format!(
            "{} of {total} {}.",
            desc.join(", "),
            if total == 1 {
                "indicator"
            } else {
                "indicators"
            }
        ),
    );
    let mut x = 0.0;
    for (word, count) in counts.iter().filter(|(_, c)| *c > 0) {
        let w = width * *count as f64 / total as f64;
        let (fill, ink) = match *word {
            "Green" => (GREEN, "#ffffff"),
            "Amber" => (AMBER, INK),
            "Red" => (RED, "#ffffff"),
            _ => ("#e6e6e6", INK),
        };
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#ffffff\"/>",
            n(x),
            n(w),
            n(height)
        );
        let text = format!("{word} {count}");
        // A label only where it fits (about 6.5 pixels a character).
        if w >= text.chars().count() as f64 * 6.5 + 8.0 {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"19\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{ink}\">{}</text>",
                n(x + w / 2.0),
                xml(&text)
            );
        } else if w >= 14.0 {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"19\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{ink}\">{count}</text>",
                n(x + w / 2.0)
            );
        }
        x += w;
    }
    out.push_str("</svg>");
    Some(out)
}

/// A sparkline: the actual by period as a small line, the latest point
/// marked. `points` are (period, value, as shown), earliest first; `None`
/// with fewer than two.
pub fn sparkline(title: &str, points: &[(String, f64, String)]) -> Option<String> {
    if points.len() < 2 {
        return None;
    }
    let (width, height) = (72.0, 18.0);
    let scale = Scale::of(points.iter().map(|p| p.1), 2.0, height - 2.0);
    let step = (width - 6.0) / (points.len() - 1) as f64;
    let desc: Vec<String> = points.iter().map(|(l, _, s)| format!("{l}: {s}")).collect();
    let mut out = String::new();
    open(
        &mut out,
        "sparkline",
        width,
        height,
        title,
        &format!("{}.", desc.join("; ")),
    );
    let coords: Vec<(usize, f64)> = points.iter().enumerate().map(|(i, p)| (i, p.1)).collect();
    let x = |i: usize| 2.0 + step * i as f64;
    path(
        &mut out,
        &coords,
        &x,
        &scale,
        "#1f4e79",
        "stroke-width=\"1.5\"",
    );
    if let Some(&(i, v)) = coords.last() {
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"2.2\" fill=\"#1f4e79\"/>",
            n(x(i)),
            n(scale.y(v))
        );
    }
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points() -> Vec<TrendPoint> {
        vec![
            TrendPoint {
                label: "M5".into(),
                actual: Some((43.0, "43.0%".into())),
                target: Some((Mark::Line(46.0), "46.0%".into())),
            },
            TrendPoint {
                label: "M6".into(),
                actual: Some((47.0, "47.0%".into())),
                target: Some((Mark::Line(47.8), "47.8%".into())),
            },
            TrendPoint {
                label: "M7".into(),
                actual: Some((45.0, "45.0%".into())),
                target: Some((Mark::Line(49.6), "49.6%".into())),
            },
        ]
    }

    #[test]
    fn a_trend_carries_its_figures_and_nothing_executable() {
        let svg = trend("1C <NI130> & more", &points()).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>1C &lt;NI130&gt; &amp; more</title>"));
        assert!(svg.contains(
            "<desc>Actual by period: M5: 43.0% (target 46.0%); M6: 47.0% (target 47.8%); \
             M7: 45.0% (target 49.6%).</desc>"
        ));
        assert!(svg.contains(">45.0%</text>"), "the latest is labelled");
        assert!(svg.contains(">target 49.6%</text>"));
        for bad in [
            "<script",
            "href",
            "onload",
            "<image",
            "url(",
            "<foreignObject",
        ] {
            assert!(!svg.contains(bad), "{bad}");
        }
        // The same figures draw the same bytes.
        assert_eq!(trend("1C <NI130> & more", &points()), Some(svg));
    }

    #[test]
    fn a_trend_needs_two_actuals() {
        let mut one = points();
        one.truncate(1);
        assert_eq!(trend("x", &one), None);
    }

    #[test]
    fn a_gap_breaks_the_line() {
        let mut gap = points();
        gap.push(TrendPoint {
            label: "M8".into(),
            actual: Some((46.0, "46.0%".into())),
            target: None,
        });
        gap[1].actual = None;
        gap[1].target = None;
        let svg = trend("x", &gap).unwrap();
        // Actual: M7 to M8 only; target: M5 and M7 are each alone (ticks).
        assert_eq!(svg.matches("<polyline").count(), 1, "{svg}");
        assert_eq!(
            svg.matches("stroke=\"#111111\" stroke-width=\"2\"/>")
                .count(),
            2,
            "{svg}"
        );
        assert!(svg.contains("M6: no figure;"));
    }

    #[test]
    fn a_band_is_shaded() {
        let band: Vec<TrendPoint> = points()
            .into_iter()
            .map(|mut p| {
                p.target = Some((Mark::Band(40.0, 50.0), "40.0–50.0%".into()));
                p
            })
            .collect();
        let svg = trend("x", &band).unwrap();
        assert_eq!(svg.matches("<polygon").count(), 2);
        assert!(svg.contains("(target 40.0–50.0%)"));
    }

    #[test]
    fn comparators_mark_us_and_leave_averages_unranked() {
        let bar = |label: &str, value, rank: Option<usize>, kind| Bar {
            label: label.into(),
            value,
            shown: format!("{value}"),
            rank,
            quartile: rank.map(|r| r as u8),
            kind,
        };
        let svg = comparators(
            "Comparators",
            &[
                bar("A", 9.0, Some(1), BarKind::Ranked),
                bar("Us", 8.0, Some(2), BarKind::Us),
                bar("B", 7.0, Some(3), BarKind::Ranked),
                bar("C", 6.0, Some(4), BarKind::Ranked),
                bar("England average", 7.5, None, BarKind::Average),
                bar("Us 2011/12", 5.0, None, BarKind::History),
            ],
        )
        .unwrap();
        assert!(svg.contains(
            "<desc>Best first: A 9: rank 1; Us (this council) 8: rank 2; B 7: rank 3; C 6: \
             rank 4; England average 7.5 (not ranked); Us 2011/12 5 (earlier, not ranked).</desc>"
        ));
        assert!(svg.contains("2. Us</text>"));
        assert!(svg.contains("Us 2011/12 (earlier)</text>"));
        // Rules after ranks 1, 2 and 3, none after the last ranked bar.
        assert_eq!(svg.matches("stroke-dasharray=\"2 2\"").count(), 3);
    }

    #[test]
    fn rag_counts_and_sparklines() {
        let svg = rag_counts(
            "Ratings",
            &[("Green", 23), ("Amber", 0), ("Red", 12), ("Not rated", 0)],
        )
        .unwrap();
        assert!(
            svg.contains("<desc>Green 23, Amber 0, Red 12, Not rated 0 of 35 indicators.</desc>")
        );
        assert_eq!(svg.matches("<rect").count(), 2);
        assert_eq!(rag_counts("x", &[("Green", 0)]), None);
        let spark = sparkline(
            "A1",
            &[
                ("Q1".into(), 1.0, "1".into()),
                ("Q2".into(), 2.0, "2".into()),
            ],
        )
        .unwrap();
        assert!(spark.contains("<desc>Q1: 1; Q2: 2.</desc>"));
        assert_eq!(sparkline("A1", &[("Q1".into(), 1.0, "1".into())]), None);
    }

    #[test]
    fn text_is_escaped_and_controls_dropped() {
        assert_eq!(xml("a<b>&\"c'\u{1}d\ne"), "a&lt;b&gt;&amp;&quot;c&#39;d e");
        assert_eq!(n(-0.04), "0");
        assert_eq!(n(12.0), "12");
        assert_eq!(n(f64::NAN), "0");
    }
}
