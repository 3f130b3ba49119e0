//! The plot BENCHMARKS.md shows: forwarded packets per second and the
//! server's CPU (cores busy) against participants, one line per scenario,
//! from a sweep over sizes. Plain SVG text: two small line charts need no
//! plotting library (and its compile time in every CI run).

use std::fmt::Write as _;

/// What a panel plots of each point.
type Measure = fn(&Point) -> f64;

/// One measured point of a scenario's line.
#[derive(Debug, Clone, Copy)]
pub struct Point {
    pub participants: usize,
    pub pps: f64,
    /// Cores the server kept busy (`pps / pps_per_core`).
    pub cores: f64,
}

/// A scenario's points, by participants.
pub struct Line<'a> {
    pub scenario: &'a str,
    pub points: Vec<Point>,
}

const WIDTH: f64 = 860.0;
const PANEL_HEIGHT: f64 = 260.0;
const MARGIN_LEFT: f64 = 80.0;
const MARGIN_RIGHT: f64 = 170.0;
const MARGIN_TOP: f64 = 64.0;
const GAP: f64 = 70.0;
/// Distinguishable in print and for the colour-blind (Okabe-Ito).
const COLOURS: [&str; 6] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
];

/// The SVG document for `lines`, with `title` on top.
pub fn svg(title: &str, lines: &[Line<'_>]) -> String {
    let height = MARGIN_TOP + 2.0 * PANEL_HEIGHT + GAP + 50.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{MARGIN_LEFT}\" y=\"22\" font-size=\"15\">{}</text>\n",
        escape(title)
    );
    let max_x = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.participants))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let panels: [(&str, Measure); 2] = [
        ("forwarded packets/s", |p| p.pps),
        ("server CPU (cores busy)", |p| p.cores),
    ];
    for (i, (label, value)) in panels.into_iter().enumerate() {
        let top = MARGIN_TOP + i as f64 * (PANEL_HEIGHT + GAP);
        let max_y = lines
            .iter()
            .flat_map(|l| l.points.iter().map(value))
            .fold(0.0_f64, f64::max);
        panel(
            &mut out,
            top,
            label,
            max_x,
            nice_ceiling(max_y),
            lines,
            value,
        );
    }
    out.push_str("</svg>\n");
    out
}

fn panel(
    out: &mut String,
    top: f64,
    label: &str,
    max_x: f64,
    max_y: f64,
    lines: &[Line<'_>],
    value: Measure,
) {
    let left = MARGIN_LEFT;
    let right = WIDTH - MARGIN_RIGHT;
    let bottom = top + PANEL_HEIGHT;
    let x = |v: f64| left + (right - left) * v / max_x;
    let y = |v: f64| bottom - PANEL_HEIGHT * v / max_y;
    let _ = writeln!(
        out,
        "<text x=\"{left}\" y=\"{}\" font-weight=\"bold\">{}</text>",
        top - 8.0,
        escape(label)
    );
    let _ = writeln!(
        out,
        "<polyline points=\"{left},{top} {left},{bottom} {right},{bottom}\" fill=\"none\" stroke=\"black\"/>"
    );
    for step in 0..=4 {
        let v = max_y * f64::from(step) / 4.0;
        let _ = writeln!(
            out,
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{right}\" y2=\"{0:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{1}\" y=\"{2:.1}\" text-anchor=\"end\">{3}</text>",
            y(v),
            left - 6.0,
            y(v) + 4.0,
            short(v)
        );
        let xv = max_x * f64::from(step) / 4.0;
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x(xv),
            bottom + 16.0,
            short(xv)
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">participants</text>",
        (left + right) / 2.0,
        bottom + 32.0
    );
    for (i, line) in lines.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let points: Vec<String> = line
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.participants as f64), y(value(p))))
            .collect();
        let _ = writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            points.join(" ")
        );
        for p in &line.points {
            let _ = writeln!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"/>",
                x(p.participants as f64),
                y(value(p))
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{:.1}\" fill=\"{colour}\">{}</text>",
            right + 12.0,
            top + 16.0 + 18.0 * i as f64,
            escape(line.scenario)
        );
    }
}

/// A round axis maximum at or above `v` (1, 2 or 5 times a power of ten).
fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let magnitude = 10_f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&c| c >= v)
        .unwrap_or(10.0 * magnitude)
}

fn short(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{:.0}k", v / 1000.0)
    } else if v >= 10.0 || v == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_numbers_above_the_data() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(0.7), 1.0);
        assert_eq!(nice_ceiling(1.3), 2.0);
        assert_eq!(nice_ceiling(41_275.0), 50_000.0);
        assert_eq!(nice_ceiling(65_500.0), 100_000.0);
    }

    #[test]
    fn each_scenario_is_a_line_in_both_panels_and_text_is_escaped() {
        let lines = [
            Line {
                scenario: "audio-heavy",
                points: vec![
                    Point {
                        participants: 53,
                        pps: 8_000.0,
                        cores: 0.1,
                    },
                    Point {
                        participants: 203,
                        pps: 30_000.0,
                        cores: 0.45,
                    },
                ],
            },
            Line {
                scenario: "big-meeting",
                points: vec![Point {
                    participants: 101,
                    pps: 11_000.0,
                    cores: 0.27,
                }],
            },
        ];
        let svg = svg("Conclave <bench> & co", &lines);
        assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("Conclave &lt;bench&gt; &amp; co"));
        // Two data lines per panel, plus each panel's axes.
        assert_eq!(svg.matches("stroke-width=\"2\"").count(), 4);
        assert_eq!(svg.matches("<circle").count(), 6);
        assert_eq!(svg.matches(">audio-heavy<").count(), 2);
        assert!(svg.contains("forwarded packets/s") && svg.contains("server CPU"));
    }
}
