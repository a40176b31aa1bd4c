use std::fmt;
use std::str::FromStr;

/// An sRGB colour, written `#RRGGBB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// Tableau 10 followed by the Okabe–Ito colours: distinguishable, and the
/// first ones safe for the common colour-vision deficiencies. New codes take
/// the next colour in turn.
pub const PALETTE: [Color; 17] = [
    Color::rgb(0x4E, 0x79, 0xA7),
    Color::rgb(0xF2, 0x8E, 0x2B),
    Color::rgb(0xE1, 0x57, 0x59),
    Color::rgb(0x76, 0xB7, 0xB2),
    Color::rgb(0x59, 0xA1, 0x4F),
    Color::rgb(0xED, 0xC9, 0x48),
    Color::rgb(0xB0, 0x7A, 0xA1),
    Color::rgb(0xFF, 0x9D, 0xA7),
    Color::rgb(0x9C, 0x75, 0x5F),
    Color::rgb(0xBA, 0xB0, 0xAC),
    Color::rgb(0xE6, 0x9F, 0x00),
    Color::rgb(0x56, 0xB4, 0xE9),
    Color::rgb(0x00, 0x9E, 0x73),
    Color::rgb(0xF0, 0xE4, 0x42),
    Color::rgb(0x00, 0x72, 0xB2),
    Color::rgb(0xD5, 0x5E, 0x00),
    Color::rgb(0xCC, 0x79, 0xA7),
];

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Color { r, g, b }
    }

    /// The `n`th palette colour, wrapping around.
    pub fn palette(n: usize) -> Self {
        PALETTE[n % PALETTE.len()]
    }

    /// `#RRGGBB` in upper case, as REFI-QDA writes colours.
    pub fn to_hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// The error for a colour that is not `#RRGGBB`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a colour: write it as #RRGGBB, e.g. #4E79A7")]
pub struct BadColor(pub String);

impl FromStr for Color {
    type Err = BadColor;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hex = s.trim().strip_prefix('#').unwrap_or(s.trim());
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(BadColor(s.to_string()));
        }
        let byte =
            |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| BadColor(s.into()));
        Ok(Color::rgb(byte(0)?, byte(2)?, byte(4)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_hex() {
        let c: Color = "#4e79a7".parse().unwrap();
        assert_eq!(c, Color::rgb(0x4E, 0x79, 0xA7));
        assert_eq!(c.to_hex(), "#4E79A7");
        assert!("4E79A7".parse::<Color>().is_ok());
        assert!("#4E79A".parse::<Color>().is_err());
        assert!("#GGGGGG".parse::<Color>().is_err());
        assert!("#ÄÄÄ".parse::<Color>().is_err());
    }
}
