//! What PDF/A-2a and PDF/UA-1 ask of a file besides its structure tree: an XMP metadata stream
//! that says the same as the information dictionary and declares both conformances, and an sRGB
//! output intent that gives DeviceRGB colours their meaning.

use lopdf::{dictionary, Document as LoDocument, Object, ObjectId, Stream};

use super::finish::{pdf_date, text};
use super::icc::srgb_profile;
use super::PdfOptions;
use crate::doc::Publication;
use crate::xhtml::escape;

/// The words both the information dictionary and the XMP carry, so that they cannot differ.
pub struct DocumentInfo {
    pub title: String,
    pub author: Option<String>,
    pub subject: String,
    pub keywords: String,
    pub creator: String,
    pub date: String,
}

impl DocumentInfo {
    /// The author is the issuer when the data names one, and nobody otherwise: never the
    /// organisation the sheet is about.
    pub fn of(publication: &Publication, options: &PdfOptions) -> Self {
        let meta = &publication.meta;
        let keywords: Vec<&str> =
            std::iter::once(meta.title.as_str()).chain(meta.subjects.iter().map(String::as_str)).collect();
        DocumentInfo {
            title: meta.title.clone(),
            author: meta.issuer.as_ref().map(|issuer| issuer.name.clone()),
            subject: meta.subjects.join(", "),
            keywords: keywords.join(", "),
            creator: options.creator.clone(),
            date: pdf_date(options.timestamp),
        }
    }

    /// The information dictionary.
    pub fn dictionary(&self) -> lopdf::Dictionary {
        let date = Object::string_literal(self.date.clone());
        let mut info = dictionary! {
            "Title" => text(&self.title),
            "Subject" => text(&self.subject),
            "Keywords" => text(&self.keywords),
            "Creator" => text(&self.creator),
            "Producer" => text(&self.creator),
            "CreationDate" => date.clone(),
            "ModDate" => date,
        };
        if let Some(author) = &self.author {
            info.set("Author", text(author));
        }
        info
    }
}

/// `D:20261124000000Z` -> `2026-11-24T00:00:00Z`.
fn xmp_date(pdf_date: &str) -> String {
    let d = pdf_date.trim_start_matches("D:");
    let part = |range: std::ops::Range<usize>| d.get(range).unwrap_or("00");
    format!("{}-{}-{}T{}:{}:{}Z", part(0..4), part(4..6), part(6..8), part(8..10), part(10..12), part(12..14))
}

/// The XMP packet: Dublin Core, XMP and PDF properties equal to the information dictionary's,
/// the PDF/A and PDF/UA identification, and the extension schema PDF/A needs to accept the
/// PDF/UA one.
pub fn xmp(info: &DocumentInfo, language: &str) -> String {
    let date = xmp_date(&info.date);
    let creator = match &info.author {
        Some(author) => {
            format!("<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n", escape(author))
        }
        None => String::new(),
    };
    format!(
        r#"<?xpacket begin="﻿" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
{creator}<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{keywords}</pdf:Keywords>
<pdf:Producer>{producer}</pdf:Producer>
<xmp:CreatorTool>{producer}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        title = escape(&info.title),
        subject = escape(&info.subject),
        keywords = escape(&info.keywords),
        producer = escape(&info.creator),
        language = escape(language),
    )
}

/// The catalog's metadata stream, left uncompressed (as PDF/A wants it readable).
pub fn metadata(pdf: &mut LoDocument, info: &DocumentInfo, language: &str) -> ObjectId {
    let mut stream = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp(info, language).into_bytes(),
    );
    stream.allows_compression = false;
    pdf.add_object(stream)
}

/// The sRGB output intent with its embedded profile.
pub fn output_intent(pdf: &mut LoDocument) -> ObjectId {
    let profile = pdf.add_object(Stream::new(dictionary! { "N" => 3 }, srgb_profile()));
    pdf.add_object(dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => text("sRGB IEC61966-2.1"),
        "Info" => text("sRGB IEC61966-2.1"),
        "DestOutputProfile" => profile,
    })
}
