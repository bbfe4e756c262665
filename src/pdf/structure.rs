//! Writes the structure tree `tags` built into the PDF: one `StructElem` per element (empty
//! ones left out), marked-content references to the pages, object references to the link
//! annotations, the parent tree that maps both back, and the catalog's `/MarkInfo`.

use std::collections::HashMap;

use lopdf::{dictionary, Dictionary, Document as LoDocument, Object, ObjectId};

use super::tags::{Kid, StructTree};

/// The link annotations of each page, in the order of the page's link areas (`None` where an
/// area made no annotation).
pub type Annotations = Vec<Vec<Option<ObjectId>>>;

/// Writes the tree; returns the `StructTreeRoot` to put in the catalog.
pub fn write(
    pdf: &mut LoDocument,
    tree: &StructTree,
    pages: &[ObjectId],
    annotations: &Annotations,
) -> ObjectId {
    let root = pdf.new_object_id();
    let used = used_elements(tree, annotations);
    let headers = row_headers(tree);
    let ids: Vec<Option<ObjectId>> = used.iter().map(|used| used.then(|| pdf.new_object_id())).collect();
    let mut id_tree: Vec<(String, ObjectId)> = Vec::new();
    for (index, element) in tree.elements.iter().enumerate() {
        let Some(id) = ids[index] else { continue };
        let parent = if index == 0 { root } else { ids[element.parent].unwrap_or(root) };
        // Content all on one page names the page once, on the element, and its MCIDs bare.
        let mut content_pages = element.kids.iter().filter_map(|kid| match kid {
            Kid::Content { page, .. } => Some(*page),
            _ => None,
        });
        let first_page = content_pages.next();
        let one_page = first_page.filter(|first| content_pages.all(|page| page == *first));
        let kids: Vec<Object> = element
            .kids
            .iter()
            .filter_map(|kid| match *kid {
                Kid::Element(child) => ids[child].map(Object::Reference),
                Kid::Content { mcid, .. } if one_page.is_some() => Some(Object::Integer(i64::from(mcid))),
                Kid::Content { page, mcid } => Some(Object::Dictionary(dictionary! {
                    "Type" => "MCR",
                    "Pg" => pages[page],
                    "MCID" => i64::from(mcid),
                })),
                Kid::Annotation { page, link } => annotation(annotations, page, link).map(|annotation| {
                    Object::Dictionary(
                        dictionary! { "Type" => "OBJR", "Obj" => annotation, "Pg" => pages[page] },
                    )
                }),
            })
            .collect();
        let mut dict = dictionary! {
            "Type" => "StructElem",
            "S" => Object::Name(element.kind.as_bytes().to_vec()),
            "P" => parent,
            "K" => kids,
        };
        if let Some(page) = one_page {
            dict.set("Pg", pages[page]);
        }
        if let Some(alt) = &element.alt {
            dict.set("Alt", super::finish::text(alt));
        }
        if let Some(lang) = &element.lang {
            dict.set("Lang", super::finish::text(lang));
        }
        if element.row_header {
            dict.set("A", dictionary! { "O" => "Table", "Scope" => "Row" });
            dict.set("ID", Object::string_literal(header_id(index)));
            id_tree.push((header_id(index), id));
        }
        // Each data cell names the header cells of its row, so no reader has to guess.
        if let Some(heads) = headers.get(&index) {
            let heads: Vec<Object> = heads.iter().map(|h| Object::string_literal(header_id(*h))).collect();
            dict.set("A", dictionary! { "O" => "Table", "Headers" => heads });
        }
        pdf.objects.insert(id, Object::Dictionary(dict));
    }
    // The parent tree: each page's MCIDs, then each annotation, back to their elements.
    let mut nums = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let contents = tree.page_contents.get(index).map(Vec::as_slice).unwrap_or_default();
        let parents: Vec<Object> =
            contents.iter().map(|element| ids[*element].map_or(Object::Null, Object::Reference)).collect();
        nums.push(Object::Integer(index as i64));
        nums.push(Object::Array(parents));
        if let Ok(page) = pdf.get_dictionary_mut(*page) {
            page.set("StructParents", index as i64);
            page.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    let mut next_key = pages.len() as i64;
    for (page, links) in tree.page_links.iter().enumerate() {
        for (link, element) in links.iter().enumerate() {
            let (Some(annotation), Some(element)) = (annotation(annotations, page, link), ids[*element])
            else {
                continue;
            };
            if let Ok(dict) = pdf.get_dictionary_mut(annotation) {
                dict.set("StructParent", next_key);
            }
            nums.push(Object::Integer(next_key));
            nums.push(Object::Reference(element));
            next_key += 1;
        }
    }
    let parent_tree = pdf.add_object(dictionary! { "Nums" => nums });
    let mut root_dict = Dictionary::new();
    root_dict.set("Type", "StructTreeRoot");
    if let Some(document) = ids[0] {
        root_dict.set("K", document);
    }
    root_dict.set("ParentTree", parent_tree);
    if !id_tree.is_empty() {
        // A name tree's keys in order: ids are `th` and a zero-padded number, so text order is it.
        id_tree.sort();
        let names: Vec<Object> = id_tree
            .into_iter()
            .flat_map(|(name, id)| [Object::string_literal(name), Object::Reference(id)])
            .collect();
        root_dict.set("IDTree", dictionary! { "Names" => names });
    }
    root_dict.set("ParentTreeNextKey", next_key);
    pdf.objects.insert(root, Object::Dictionary(root_dict));
    root
}

fn header_id(element: usize) -> String {
    format!("th{element:010}")
}

/// For each data cell, the header cells of its row.
fn row_headers(tree: &StructTree) -> HashMap<usize, Vec<usize>> {
    let mut headers = HashMap::new();
    for (index, element) in tree.elements.iter().enumerate() {
        if element.kind != "TD" {
            continue;
        }
        let row = &tree.elements[element.parent];
        let heads: Vec<usize> = row
            .kids
            .iter()
            .filter_map(|kid| match kid {
                Kid::Element(cell) if tree.elements[*cell].row_header => Some(*cell),
                _ => None,
            })
            .collect();
        if !heads.is_empty() {
            headers.insert(index, heads);
        }
    }
    headers
}

fn annotation(annotations: &Annotations, page: usize, link: usize) -> Option<ObjectId> {
    annotations.get(page)?.get(link).copied().flatten()
}

/// Which elements hold something (content, an annotation, or an element that does): an
/// element left empty (a group whose items were all decoration) is not written. The root
/// always is.
fn used_elements(tree: &StructTree, annotations: &Annotations) -> Vec<bool> {
    let mut used = vec![false; tree.elements.len()];
    // Children come after their parents: one pass from the end settles every element.
    for (index, element) in tree.elements.iter().enumerate().rev() {
        used[index] = element.kids.iter().any(|kid| match *kid {
            Kid::Element(child) => used[child],
            Kid::Content { .. } => true,
            Kid::Annotation { page, link } => annotation(annotations, page, link).is_some(),
        });
    }
    if let Some(root) = used.first_mut() {
        *root = true;
    }
    used
}
