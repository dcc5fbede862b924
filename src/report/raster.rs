//! The report's SVG charts for outputs that cannot hold SVG as it is: drawn
//! as PNG pictures with resvg for Word, and described in words (the chart's
//! own `<title>` and `<desc>`) for the picture's alternative text.
//!
//! The fonts are the ones embedded in the binary ([`FONTS`]), so a chart
//! draws the same on any machine, with no system fonts read.

use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// The fonts embedded in the binary: DejaVu Sans in its four styles (see
/// `assets/fonts/LICENSE`). The PDF report is set in them, and the charts
/// of the Word report drawn with them.
pub const FONTS: &[&[u8]] = &[
    include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-Oblique.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-BoldOblique.ttf"),
];

/// The family of [`FONTS`].
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// How many pixels a picture has for each pixel of the chart: two, so a
/// chart printed at its size is sharp (about 190 dots per inch).
const SCALE: f32 = 2.0;

/// A chart drawn as a PNG picture.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The PNG file.
    pub png: Vec<u8>,
    /// Its width as laid out, in CSS pixels (1/96 inch).
    pub width: u32,
    /// Its height as laid out, in CSS pixels.
    pub height: u32,
}

fn font_database() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for font in FONTS {
            db.load_font_data(font.to_vec());
        }
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// A chart's SVG drawn as a PNG picture; `None` if it cannot be read or is
/// empty (the caller then gives its description alone).
pub fn picture(svg: &str) -> Option<Picture> {
    let options = usvg::Options {
        fontdb: font_database(),
        font_family: FONT_FAMILY.to_string(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).ok()?;
    let size = tree.size();
    let (width, height) = (size.width().ceil(), size.height().ceil());
    // The charts are this tool's own, a few hundred pixels across; anything
    // else is not drawn.
    if !(1.0..=4000.0).contains(&width) || !(1.0..=4000.0).contains(&height) {
        return None;
    }
    let mut pixmap = tiny_skia::Pixmap::new((width * SCALE) as u32, (height * SCALE) as u32)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    Some(Picture {
        png: pixmap.encode_png().ok()?,
        width: width as u32,
        height: height as u32,
    })
}

/// What a chart shows, in words: its `<title>` and `<desc>`, for the
/// picture's alternative text.
pub fn description(svg: &str) -> String {
    let element = |name: &str| {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let start = svg.find(&open)? + open.len();
        let len = svg[start..].find(&close)?;
        let raw = &svg[start..start + len];
        Some(
            quick_xml::escape::unescape(raw)
                .map(|s| s.into_owned())
                .unwrap_or_else(|_| raw.to_string()),
        )
    };
    let title = element("title").unwrap_or_default();
    let desc = element("desc").unwrap_or_default();
    match (title.trim(), desc.trim()) {
        ("", d) => d.to_string(),
        (t, "") => t.to_string(),
        (t, d) if t.ends_with(['.', ':']) => format!("{t} {d}"),
        (t, d) => format!("{t}: {d}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\" \
        viewBox=\"0 0 120 40\" font-family=\"Arial, Helvetica, sans-serif\"><title>PI 1 &amp; more</title>\
        <desc>Green 2 of 3.</desc><rect x=\"0\" y=\"0\" width=\"60\" height=\"40\" fill=\"#1b6b2f\"/>\
        <text x=\"70\" y=\"20\">Label</text></svg>";

    #[test]
    fn a_chart_is_drawn_at_twice_its_size() {
        let p = picture(SVG).unwrap();
        assert_eq!((p.width, p.height), (120, 40));
        assert!(p.png.starts_with(b"\x89PNG"));
        let decoded = tiny_skia::Pixmap::decode_png(&p.png).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (240, 80));
        // The green bar is drawn; the right half has the label's dark ink.
        let px = decoded.pixel(20, 40).unwrap();
        assert_eq!((px.red(), px.green(), px.blue()), (0x1b, 0x6b, 0x2f));
        let inked = (140..240)
            .flat_map(|x| (0..80).map(move |y| (x, y)))
            .filter_map(|(x, y)| decoded.pixel(x, y))
            .any(|p| p.red() < 100);
        assert!(inked, "the label's text is drawn with the embedded font");
    }

    #[test]
    fn broken_or_huge_svg_is_not_drawn() {
        assert!(picture("<svg").is_none());
        assert!(picture(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"90000\" height=\"9\"></svg>"
        )
        .is_none());
    }

    #[test]
    fn the_description_is_the_title_and_desc() {
        assert_eq!(description(SVG), "PI 1 & more: Green 2 of 3.");
        assert_eq!(description("<svg/>"), "");
    }
}
