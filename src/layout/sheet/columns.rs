//! The blocks the columns are made of: sections with their headings and paragraphs, the
//! numbered sources, and the colophon.

use super::Setter;
use crate::doc::{Block, Inline, Paragraph, Section, Sources};
use crate::error::Result;
use crate::layout::flow::{Block as FlowBlock, Rule};
use crate::layout::linebreak::Align;
use crate::layout::text::StyledText;
use crate::layout::{mm, Role, Tag};
use crate::locale::{self, Hyphenator};

/// A section's heading and paragraphs, then its subsections, as blocks for the columns; the
/// section's group opens with its heading and closes after its last line.
pub(super) fn section_blocks(
    cx: &mut Setter,
    section: &Section,
    inherited: Hyphenator,
    width: f32,
    out: &mut Vec<FlowBlock>,
) -> Result<()> {
    // A section in another language hyphenates by its own patterns.
    let hyphenator = section.lang.as_ref().map_or(inherited, locale::hyphenator);
    let style = if section.level == 1 { cx.scale.h1 } else { cx.scale.h2 };
    let heading = cx.set_word(&section.title, &style, width, Align::Left)?;
    let level = usize::from(section.level);
    let role = Role::Section { language: section.lang.as_ref().map(|l| l.as_str().to_string()) };
    let heading_role = Role::Heading(section.level);
    out.push(FlowBlock {
        anchor: Some((section.id.clone(), section.title.text.clone(), level, true)),
        rule_above: (section.level == 1).then_some(Rule { thickness: 0.6, color: style.color }),
        opens: vec![Tag { block: section.key, role }, Tag { block: section.key, role: heading_role.clone() }],
        ..FlowBlock::new(heading, style, heading_role, section.key)
            .space_before(if section.level == 1 { mm(4.0) } else { mm(2.5) })
            .keep_with_next()
    });
    // Paragraphs follow each other without space, the second and later indented by an em (as
    // books set running text): the columns keep one baseline grid, so lines across the page align.
    let mut after_paragraph = false;
    for block in &section.blocks {
        match block {
            Block::Paragraph(paragraph) => {
                let style = cx.scale.body;
                let indent = if after_paragraph { style.size } else { 0.0 };
                let styled =
                    StyledText::from_inlines(&paragraph.content, &style, hyphenator).indented(indent);
                let lines = cx.set_styled(&styled, width, Align::Justify)?;
                out.push(FlowBlock::new(lines, style, Role::Paragraph, paragraph.key));
                after_paragraph = true;
            }
            Block::Section(sub) => {
                section_blocks(cx, sub, hyphenator, width, out)?;
                after_paragraph = false;
            }
            _ => {}
        }
    }
    if let Some(last) = out.last_mut() {
        last.closes.push(section.key);
    }
    Ok(())
}

/// The sources' heading and numbered entries, each an anchor that citations link to.
pub(super) fn source_blocks(cx: &mut Setter, sources: &Sources, width: f32) -> Result<Vec<FlowBlock>> {
    let style = cx.scale.h2;
    let heading = cx.set_word(&sources.title, &style, width, Align::Left)?;
    let key = sources.key;
    let mut blocks = vec![FlowBlock {
        anchor: Some((sources.id.clone(), sources.title.text.clone(), 1, false)),
        opens: vec![
            Tag { block: key, role: Role::Section { language: None } },
            Tag { block: key, role: Role::Heading(2) },
        ],
        ..FlowBlock::new(heading, style, Role::Heading(2), key).space_before(mm(4.0)).keep_with_next()
    }];
    for (i, entry) in sources.entries.iter().enumerate() {
        let mut content = vec![Inline::Text(format!("{} ", entry.marker))];
        content.extend(entry.content.iter().cloned());
        let style = cx.scale.small;
        let lines = cx.set_inlines(&content, &style, Hyphenator::None, width, Align::Left)?;
        let mut block = FlowBlock {
            anchor: Some((entry.id.clone(), String::new(), 2, false)),
            ..FlowBlock::new(lines, style, Role::ListItem, entry.key).space_before(mm(1.0))
        };
        if i == 0 {
            block.opens.insert(0, Tag { block: key, role: Role::List });
        }
        blocks.push(block);
    }
    if let Some(last) = blocks.last_mut() {
        if sources.entries.is_empty() {
            last.closes.push(key);
        } else {
            last.closes.extend([key, key]);
        }
    }
    Ok(blocks)
}

/// Who prepared the sheet, under the sources.
pub(super) fn colophon_block(cx: &mut Setter, paragraph: &Paragraph, width: f32) -> Result<FlowBlock> {
    let style = cx.scale.small;
    let lines = cx.set_inlines(&paragraph.content, &style, Hyphenator::None, width, Align::Left)?;
    Ok(FlowBlock::new(lines, style, Role::Paragraph, paragraph.key).space_before(mm(2.5)))
}
