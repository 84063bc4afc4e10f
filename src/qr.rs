//! QR codes for phone numbers: a `tel:` URI drawn with Unicode half blocks
//! (two modules per character cell), so a phone's camera can dial a number
//! shown over SSH without any clipboard.

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

/// The QR code of `text` as lines of half-block characters, quiet zone
/// included. `█` is a dark module unless `inverted` (for terminals whose
/// default colours are light text on a dark background).
pub fn lines(text: &str, inverted: bool) -> Option<Vec<String>> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let mut renderer = code.render::<Dense1x2>();
    if inverted {
        renderer
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark);
    }
    Some(renderer.build().lines().map(String::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_uri_fits_a_small_terminal() {
        let lines = lines("tel:+861059850333", false).expect("encodes");
        assert!(lines.len() <= 16, "{} rows", lines.len());
        assert!(lines.iter().all(|l| l.chars().count() <= 33));
    }
}
