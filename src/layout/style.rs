//! The look of text and shapes: faces, sizes, colours, and the sheet's type scale.

use crate::error::Result;
use crate::fonts::{self, Face, FontStyle};

/// An sRGB colour, each channel 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

impl Color {
    pub const INK: Color = Color(0.11, 0.11, 0.13);
    pub const MUTED: Color = Color(0.36, 0.38, 0.42);
    pub const WHITE: Color = Color(1.0, 1.0, 1.0);
    /// The band and accents: a deep blue that prints dark in greyscale too.
    pub const ACCENT: Color = Color(0.09, 0.22, 0.38);
    pub const ACCENT_SOFT: Color = Color(0.80, 0.86, 0.93);
    pub const PANEL: Color = Color(0.94, 0.95, 0.96);
    pub const RULE: Color = Color(0.72, 0.75, 0.79);
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub font: FontStyle,
    /// Font size in points.
    pub size: f32,
    /// Baseline-to-baseline distance in points.
    pub leading: f32,
    pub color: Color,
}

impl TextStyle {
    pub fn new(font: FontStyle, size: f32) -> Self {
        TextStyle { font, size, leading: size * 1.3, color: Color::INK }
    }

    pub fn leading(mut self, leading: f32) -> Self {
        self.leading = leading;
        self
    }

    pub fn color(mut self, color: Color) -> Self {
        self.color = color;
        self
    }

    pub fn face(&self) -> Result<&'static Face> {
        fonts::face(self.font)
    }

    /// Height above the baseline of the face's ascender.
    pub fn ascent(&self) -> Result<f32> {
        let face = self.face()?;
        Ok(face.ascender * self.size / face.units_per_em)
    }
}

/// The sheet's type scale: one place to tune the hierarchy.
pub struct TypeScale {
    pub body: TextStyle,
    pub lead: TextStyle,
    pub h1: TextStyle,
    pub h2: TextStyle,
    pub small: TextStyle,
    pub small_bold: TextStyle,
    /// The key facts: a reference table read at arm's length, a size above the small print.
    pub fact: TextStyle,
    pub fact_label: TextStyle,
    pub label: TextStyle,
    pub wordmark: TextStyle,
    pub kinds: TextStyle,
    pub footer: TextStyle,
}

impl TypeScale {
    pub fn sheet() -> Self {
        TypeScale {
            body: TextStyle::new(FontStyle::Regular, 9.2).leading(12.4),
            lead: TextStyle::new(FontStyle::Regular, 10.6).leading(14.4),
            // Headings take one line of the body's grid each, so that the columns' lines align.
            h1: TextStyle::new(FontStyle::Bold, 11.6).leading(12.4).color(Color::ACCENT),
            h2: TextStyle::new(FontStyle::Bold, 9.8).leading(12.4),
            small: TextStyle::new(FontStyle::Regular, 7.6).leading(9.6),
            small_bold: TextStyle::new(FontStyle::Bold, 7.6).leading(9.6),
            fact: TextStyle::new(FontStyle::Regular, 8.4).leading(10.8),
            fact_label: TextStyle::new(FontStyle::Bold, 7.8).leading(10.8).color(Color::MUTED),
            label: TextStyle::new(FontStyle::Bold, 7.8).leading(10.4).color(Color::MUTED),
            wordmark: TextStyle::new(FontStyle::Bold, 30.0).leading(33.6).color(Color::WHITE),
            kinds: TextStyle::new(FontStyle::Regular, 11.0).leading(14.0).color(Color::ACCENT_SOFT),
            footer: TextStyle::new(FontStyle::Regular, 7.2).leading(9.0).color(Color::MUTED),
        }
    }
}
